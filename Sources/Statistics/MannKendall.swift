/// The result of the Mann-Kendall test for a monotonic trend.
public struct MannKendallResult: Sendable, Equatable {
  /// The number of values used (NaN removed).
  public var count: Int
  /// Kendall's S = Σᵢ<ⱼ sign(xⱼ − xᵢ).
  public var s: Int
  /// Var(S) with the tie correction: [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18.
  public var variance: Double
  /// The continuity-corrected normal score: (S − 1)/√Var(S) for S > 0, 0 for S = 0,
  /// (S + 1)/√Var(S) for S < 0.
  public var z: Double
  /// The two-sided p-value 2·(1 − Φ(|z|)).
  public var pValue: Double
  /// Kendall's tau-a for the series against time, S / (n(n−1)/2).
  public var tau: Double
}

/// The Mann-Kendall trend test (the "original" test), as pyMannKendall's `original_test`.
///
/// Formula: S = Σᵢ<ⱼ sign(xⱼ − xᵢ) over the series in order; Var(S) = [n(n−1)(2n+5) −
/// Σₜ t(t−1)(2t+5)]/18 where t runs over the sizes of groups of tied values; z = (S ∓ 1)/√Var(S)
/// with the continuity correction towards 0 (z = 0 when S = 0); two-sided p = 2·(1 − Φ(|z|));
/// tau = S / (n(n−1)/2). Assumptions: independent observations (no serial correlation
/// correction) and the normal approximation to S, adequate from about n = 10.
///
/// Missing values: NaN values are removed first and the remaining values are treated as
/// consecutive (positions collapsed), exactly as pyMannKendall does (`__missing_values_analysis`
/// with method "skip"). Edge cases, as pyMannKendall: n = 0 or 1 gives S = 0, Var(S) = 0,
/// z = 0, p = 1 and tau NaN (0/0); a constant series (all ties) gives S = 0, Var(S) = 0, z = 0,
/// p = 1 and tau 0. The p-value is computed as 1 − Φ(|z|), so it rounds to 0 below about 1e-16,
/// as in pyMannKendall (use ``normalSurvival(_:)`` on `z` for a tail that keeps its digits).
///
/// - Parameter values: The series in time order; NaN is missing.
/// - Returns: S, Var(S), z, p and tau; see ``MannKendallResult``.
/// - Complexity: O(n²) comparisons (n(n−1)/2 pairs, eight at a time in `SIMD8<Double>` lanes)
///   plus an O(n log n) sort to count ties; n = 10,000 means 50 million pairs. n must stay
///   below about 1.6 million for n(n−1)(2n+5) to fit in `Int`.
///
/// Reference: R. O. Gilbert (1987), *Statistical Methods for Environmental Pollution
/// Monitoring*, §16.4; M. M. Hussain & I. Mahmud (2019), "pyMannKendall", *JOSS* 4(39), 1556.
public func mannKendall(_ values: [Double]) -> MannKendallResult {
  values.withUnsafeBufferPointer(mannKendall)
}

/// ``mannKendall(_:)`` of values in a buffer (a caller's scratch memory: no array unless NaN
/// must be dropped).
package func mannKendall(_ values: UnsafeBufferPointer<Double>) -> MannKendallResult {
  if values.contains(where: \.isNaN) { return values.filter { !$0.isNaN }.withUnsafeBufferPointer(mannKendallPresent) }
  return mannKendallPresent(values)
}

/// The test on NaN-free values.
private func mannKendallPresent(_ x: UnsafeBufferPointer<Double>) -> MannKendallResult {
  let n = x.count
  let s = kendallScore(x)
  let variance = Double(n * (n - 1) * (2 * n + 5) - tieCorrection(x)) / 18
  let tau = Double(s) / (0.5 * Double(n) * Double(n - 1))
  let z: Double
  if s > 0 {
    z = Double(s - 1) / variance.squareRoot()
  } else if s < 0 {
    z = Double(s + 1) / variance.squareRoot()
  } else {
    z = 0
  }
  let p = 2 * (1 - normalCDF(z.magnitude))
  return MannKendallResult(count: n, s: s, variance: variance, z: z, pValue: p, tau: tau)
}

/// Σ over groups of tied values of t(t−1)(2t+5).
func tieCorrection(_ x: [Double]) -> Int { x.withUnsafeBufferPointer(tieCorrection) }

/// ``tieCorrection(_:)`` of a buffer. Short series (up to 64 values, every indicator series)
/// count each tied group by comparing every value with those after its group's first member,
/// O(n²) with no allocation; longer ones sort a copy, O(n log n).
func tieCorrection(_ x: UnsafeBufferPointer<Double>) -> Int {
  let n = x.count
  var total = 0
  if n <= 64 {
    for i in 0..<n {
      let v = x[i]
      var seenBefore = false
      for j in 0..<i where x[j] == v {
        seenBefore = true
        break
      }
      if seenBefore { continue }
      var t = 1
      for j in (i + 1)..<n where x[j] == v { t += 1 }
      total += t * (t - 1) * (2 * t + 5)
    }
    return total
  }
  let sorted = x.sorted()
  var i = 0
  while i < sorted.count {
    var j = i + 1
    while j < sorted.count && sorted[j] == sorted[i] { j += 1 }
    let t = j - i
    total += t * (t - 1) * (2 * t + 5)
    i = j
  }
  return total
}

/// S = Σᵢ<ⱼ sign(xⱼ − xᵢ) for NaN-free values: for each i, the later values are compared
/// with xᵢ eight at a time, counting greater minus less in `SIMD8<Int64>` lanes.
func kendallScore(_ x: UnsafeBufferPointer<Double>) -> Int {
  let n = x.count
  guard n > 1, let base = x.baseAddress else { return 0 }
  var lanes = SIMD8<Int64>()
  let zero = SIMD8<Int64>()
  let one = SIMD8<Int64>(repeating: 1)
  var total = 0
  for i in 0..<(n - 1) {
    let xi = x[i]
    let pivot = SIMD8<Double>(repeating: xi)
    var j = i + 1
    while j + 8 <= n {
      let v = UnsafeRawPointer(base + j).loadUnaligned(as: SIMD8<Double>.self)
      lanes &+= zero.replacing(with: one, where: v .> pivot)
      lanes &-= zero.replacing(with: one, where: v .< pivot)
      j += 8
    }
    while j < n {
      let v = x[j]
      if v > xi { total += 1 } else if v < xi { total -= 1 }
      j += 1
    }
  }
  return total + Int(lanes.wrappedSum())
}
