/// Sen's slope (the Theil–Sen estimator) with its intercept and confidence interval.
public struct SenSlopeResult: Sendable, Equatable {
  /// The number of non-NaN values.
  public var count: Int
  /// The number of pairwise slopes used (pairs of non-NaN values at different times).
  public var slopeCount: Int
  /// The median of the pairwise slopes (xⱼ − xᵢ)/(tⱼ − tᵢ), i < j.
  public var slope: Double
  /// median(x) − slope·median(t), over the non-NaN values and their times.
  public var intercept: Double
  /// The distribution-free interval for the slope from the Mann-Kendall variance (Gilbert
  /// 1987, §16.5.1), with R `trend::sens.slope`'s ranks; NaN limits when a rank falls outside
  /// the slopes (short series at high confidence).
  public var slopeInterval: ConfidenceInterval
}

/// Sen's slope of a series observed at equally spaced times 0, 1, …, n − 1, as pyMannKendall's
/// `sens_slope`, with a confidence interval.
///
/// NaN values keep their positions (a gap of one step still counts as one step): slopes are
/// taken between every pair of non-NaN values over their index distance, and the intercept is
/// median(non-NaN x) − median(indices of non-NaN x)·slope, which is exactly what pyMannKendall
/// computes (`np.nanmedian` over the slopes of the original series). See
/// ``senSlope(_:times:confidenceLevel:)`` for the method and the interval.
///
/// - Parameters:
///   - values: The series in time order; NaN is missing.
///   - confidenceLevel: The level of `slopeInterval`, in (0, 1); 0.95 by default.
///   - interval: Whether to compute `slopeInterval` (two more order statistics and the tie
///     correction); without it the limits are NaN. True by default.
/// - Returns: The slope, intercept and interval; see ``SenSlopeResult``.
/// - Complexity: O(n²) time and memory (n(n−1)/2 slopes), median and interval limits by
///   selection in O(n²) expected time.
public func senSlope(_ values: [Double], confidenceLevel: Double = 0.95) -> SenSlopeResult {
  senSlope(values, times: values.indices.map(Double.init), confidenceLevel: confidenceLevel)
}

/// Sen's slope of a series observed at given times, with its intercept and a confidence
/// interval.
///
/// Method: the slope is the median of the pairwise slopes (xⱼ − xᵢ)/(tⱼ − tᵢ) over pairs of
/// non-NaN values with tⱼ ≠ tᵢ (Sen 1968), found by selection rather than a full sort; the
/// intercept is median(x) − slope·median(t) (Conover's line, as pyMannKendall). The interval is
/// Gilbert's (1987, §16.5.1): with N slopes, C = z₁₋α/₂·√Var(S), Var(S) the tie-corrected
/// Mann-Kendall variance of the non-NaN values, the limits are the slopes of (1-based) ranks
/// round((N − C)/2) and round((N + C)/2 + 1) in ascending order, rounding half to even, as R's
/// `trend::sens.slope`. Assumptions: independent errors; the interval is distribution-free
/// given the normal approximation to S.
///
/// Edge cases: fewer than two non-NaN values give NaN slope, intercept and interval; a constant
/// series gives slope 0 and intercept equal to the constant (and an interval of 0 to 0 when
/// its ranks exist, since every slope is 0).
///
/// - Parameters:
///   - values: The observations; NaN is missing.
///   - times: The time of each observation, same length, finite and ascending (ties allowed:
///     pairs at equal times are skipped).
///   - confidenceLevel: The level of `slopeInterval`, in (0, 1); 0.95 by default.
///   - interval: Whether to compute `slopeInterval` (two more order statistics and the tie
///     correction); without it the limits are NaN. True by default.
/// - Returns: The slope, intercept and interval; see ``SenSlopeResult``.
/// - Complexity: O(n²) time and memory for the n(n−1)/2 slopes; the median and the two limits
///   are found by selection, O(n²) expected. n = 10,000 means 50 million slopes (400 MB).
///
/// Reference: P. K. Sen (1968), "Estimates of the regression coefficient based on Kendall's
/// tau", *JASA* 63, 1379–1389; R. O. Gilbert (1987), *Statistical Methods for Environmental
/// Pollution Monitoring*, §16.5.
public func senSlope(
  _ values: [Double], times: [Double], confidenceLevel: Double = 0.95, interval: Bool = true
) -> SenSlopeResult {
  values.withUnsafeBufferPointer { v in
    times.withUnsafeBufferPointer { t in senSlope(v, times: t, confidenceLevel: confidenceLevel, interval: interval) }
  }
}

/// ``senSlope(_:times:confidenceLevel:interval:)`` of a series in buffers (a caller's scratch
/// memory: no array unless NaN must be dropped).
package func senSlope(
  _ values: UnsafeBufferPointer<Double>, times: UnsafeBufferPointer<Double>, confidenceLevel: Double = 0.95,
  interval: Bool = true
) -> SenSlopeResult {
  precondition(values.count == times.count, "values and times must have the same length")
  // The common case, no NaN, reads the buffers as they are; otherwise the present values and
  // their times are copied once.
  if values.contains(where: \.isNaN) {
    var presentValues: [Double] = []
    var presentTimes: [Double] = []
    for (value, time) in zip(values, times) where !value.isNaN {
      presentValues.append(value)
      presentTimes.append(time)
    }
    return senSlopePresent(presentValues, presentTimes, confidenceLevel: confidenceLevel, interval: interval)
  }
  return senSlopePresent(values, times, confidenceLevel: confidenceLevel, interval: interval)
}

/// ``senSlope(_:times:confidenceLevel:)`` of values without NaN.
private func senSlopePresent(_ x: [Double], _ t: [Double], confidenceLevel: Double, interval: Bool) -> SenSlopeResult {
  x.withUnsafeBufferPointer { bx in
    t.withUnsafeBufferPointer { bt in senSlopePresent(bx, bt, confidenceLevel: confidenceLevel, interval: interval) }
  }
}

/// Sen's slope of NaN-free values at their times. Scratch memory (the slopes, then the copies
/// that selection reorders for the two medians) is one temporary allocation (on the stack up
/// to 1,024 bytes on Linux, n ≤ 16 values; malloc beyond), and only buffer pointers are passed
/// around (no reference counting per call). Zeros are returned as +0: selection may pick
/// either of −0 and +0 when a series holds both, and the sign of a zero slope means nothing.
private func senSlopePresent(
  _ x: UnsafeBufferPointer<Double>, _ t: UnsafeBufferPointer<Double>, confidenceLevel: Double, interval: Bool
) -> SenSlopeResult {
  let n = x.count
  let capacity = n * (n - 1) / 2
  let empty = SenSlopeResult(
    count: n, slopeCount: 0, slope: .nan, intercept: .nan,
    slopeInterval: ConfidenceInterval(lower: .nan, upper: .nan, confidenceLevel: confidenceLevel))
  guard capacity > 0 else { return empty }
  return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(capacity, n)) { scratch in
    // A local copy: a `var` captured from outside would be boxed on the heap for every call.
    var result = empty
    let count = writePairwiseSlopes(x, t, into: scratch)
    result.slopeCount = count
    guard count > 0 else { return result }
    // The interval ranks (1-based, R's round-half-even), then the limits and the median in
    // ascending order, each selection starting where the one before left off.
    var lowerIndex: Int? = nil, upperIndex: Int? = nil
    if interval {
      let variance = Double(n * (n - 1) * (2 * n + 5) - tieCorrection(x)) / 18
      let c = normalCriticalValue(confidenceLevel: confidenceLevel) * variance.squareRoot()
      let lowerRank = ((Double(count) - c) / 2).rounded(.toNearestOrEven)
      let upperRank = ((Double(count) + c) / 2 + 1).rounded(.toNearestOrEven)
      lowerIndex = lowerRank >= 1 && lowerRank <= Double(count) ? Int(lowerRank) - 1 : nil
      upperIndex = upperRank >= 1 && upperRank <= Double(count) ? Int(upperRank) - 1 : nil
    }
    var sweep = SelectionSweep(UnsafeMutableBufferPointer(rebasing: scratch[0..<count]))
    let lower = lowerIndex.map { sweep.value(at: $0) } ?? .nan
    let slope = (sweep.value(at: (count - 1) / 2) + sweep.value(at: count / 2)) / 2
    let upper = upperIndex.map { sweep.value(at: $0) } ?? .nan
    result.slope = slope + 0
    result.slopeInterval.lower = lower + 0
    result.slopeInterval.upper = upper + 0
    // The slopes are no longer needed: their memory holds the copies for the two medians.
    result.intercept = median(copying: x, into: scratch) - median(copying: t, into: scratch) * slope
    return result
  }
}

/// The median of `values`, copied into the front of `scratch` (at least as long) and selected there.
private func median(copying values: UnsafeBufferPointer<Double>, into scratch: UnsafeMutableBufferPointer<Double>)
  -> Double
{
  let m = values.count
  guard m > 0, let source = values.baseAddress, let target = scratch.baseAddress else { return .nan }
  precondition(scratch.count >= m, "scratch as long as the values")
  target.update(from: source, count: m)
  var sweep = SelectionSweep(UnsafeMutableBufferPointer(start: target, count: m))
  if m % 2 == 1 { return sweep.value(at: m / 2) }
  return (sweep.value(at: m / 2 - 1) + sweep.value(at: m / 2)) / 2
}

/// The slopes (xⱼ − xᵢ)/(tⱼ − tᵢ) of every pair i < j, in row order (i, then j), leaving out
/// pairs at equal times and NaN slopes (from NaN times, or ∞ − ∞).
///
/// Method: for each i, the later values and times are taken four at a time in
/// `SIMD4<Double>` lanes (two four-lane subtractions and one division); when all four
/// slopes are kept, as for any series without repeated times, they are stored at once, and
/// otherwise lane by lane. Division is correctly rounded in every lane, so the slopes are
/// bit-for-bit those of the pair-by-pair loop, in the same order.
///
/// - Parameters:
///   - x: The values, NaN-free.
///   - t: The times, same length.
/// - Returns: Up to n(n − 1)/2 slopes.
/// - Complexity: O(n²) time, one allocation of n(n − 1)/2 values.
func pairwiseSlopes(_ x: [Double], _ t: [Double]) -> [Double] {
  precondition(x.count == t.count)
  let n = x.count
  return x.withUnsafeBufferPointer { bx in
    t.withUnsafeBufferPointer { bt in
      [Double](unsafeUninitializedCapacity: n * (n - 1) / 2) { out, initialized in
        initialized = writePairwiseSlopes(bx, bt, into: out)
      }
    }
  }
}

/// ``pairwiseSlopes(_:_:)`` written into `out` (at least n(n − 1)/2 long).
/// - Returns: How many slopes were written, from the start of `out`.
func writePairwiseSlopes(
  _ bx: UnsafeBufferPointer<Double>, _ bt: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>
) -> Int {
  precondition(bx.count == bt.count)
  let n = bx.count
  let capacity = n * (n - 1) / 2
  precondition(out.count >= capacity, "room for every pair")
  var k = 0
  for i in 0..<max(n - 1, 0) {
    let xi = bx[i]
    let ti = bt[i]
    let pivotX = SIMD4<Double>(repeating: xi)
    let pivotT = SIMD4<Double>(repeating: ti)
    var j = i + 1
    while j + 4 <= n {
      let dt = load4(bt, j) - pivotT
      let slope = (load4(bx, j) - pivotX) / dt
      let kept = (dt .!= 0) .& (slope .== slope)
      if all(kept) {
        assert(k + 4 <= capacity)
        // swift-format-ignore: NeverForceUnwrap
        UnsafeMutableRawPointer(out.baseAddress! + k).storeBytes(of: slope, as: SIMD4<Double>.self)
        k += 4
      } else {
        for lane in 0..<4 where kept[lane] {
          out[k] = slope[lane]
          k += 1
        }
      }
      j += 4
    }
    while j < n {
      if bt[j] != ti {
        let slope = (bx[j] - xi) / (bt[j] - ti)
        if !slope.isNaN {
          out[k] = slope
          k += 1
        }
      }
      j += 1
    }
  }
  return k
}
