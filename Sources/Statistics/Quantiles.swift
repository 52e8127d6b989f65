/// The quantile of a sample by linear interpolation between order statistics (Hyndman & Fan
/// type 7, the default of R's `quantile` and NumPy's `percentile`).
///
/// Formula: with the n non-NaN values sorted, h = (n − 1)·p, the quantile is
/// x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) (0-based). This is Fingertips' percentile rule
/// "n = (N − 1)·f + 1 with linear interpolation" (1-based).
///
/// - Parameters:
///   - values: The sample; NaN values are missing and skipped.
///   - probability: p in [0, 1].
/// - Returns: The quantile; NaN for no values or p outside [0, 1].
/// - Complexity: O(n log n) (a sort).
///
/// Reference: R. J. Hyndman & Y. Fan (1996), "Sample quantiles in statistical packages",
/// *The American Statistician* 50(4), 361–365 (definition 7).
public func linearQuantile(_ values: [Double], probability: Double) -> Double {
  guard probability >= 0, probability <= 1 else { return .nan }
  let sorted = values.filter { !$0.isNaN }.sorted()
  return interpolatedQuantile(sorted, probability)
}

/// The bounds of k equal-probability groups (for example quintiles, k = 5): the k + 1
/// ``linearQuantile(_:probability:)`` values at probabilities 0, 1/k, …, 1, as Fingertips'
/// quintile calculator.
///
/// - Parameters:
///   - values: The sample; NaN values are missing.
///   - groupCount: k ≥ 1.
/// - Returns: k + 1 ascending bounds (minimum first, maximum last); NaN bounds for no values.
/// - Complexity: O(n log n).
public func quantileBounds(_ values: [Double], groupCount: Int) -> [Double] {
  precondition(groupCount >= 1, "at least one group")
  let sorted = values.filter { !$0.isNaN }.sorted()
  return (0...groupCount).map { interpolatedQuantile(sorted, Double($0) / Double(groupCount)) }
}

private func interpolatedQuantile(_ sorted: [Double], _ p: Double) -> Double {
  guard !sorted.isEmpty else { return .nan }
  let h = Double(sorted.count - 1) * p
  let below = Int(h.rounded(.down))
  let above = min(below + 1, sorted.count - 1)
  return sorted[below] + (h - Double(below)) * (sorted[above] - sorted[below])
}

/// Assigns each value to one of k quantile groups by PHE's rule for deprivation categories
/// (PHEindicatormethods' `phe_quantile`).
///
/// Method: values are ranked ascending with ties sharing the lowest rank (or, when
/// `highestValuesInFirstQuantile`, ranked on max − value, so the highest value ranks first);
/// with n non-NaN values, value of rank r goes to group ⌊(k + 1) − ⌈((n + 1) − r)/(n/k)⌉⌋,
/// and group 0 becomes 1. Tied values always share a group, so groups can be unequal in size
/// (PHE advises reviewing ties that straddle a boundary).
///
/// Missing values: NaN values get `nil`. When n < k, every value gets `nil` (PHE warns "too
/// few small areas").
///
/// - Parameters:
///   - values: One value per small area.
///   - quantileCount: k, for example 10 for deciles or 5 for quintiles.
///   - highestValuesInFirstQuantile: PHE's `invert` (its default is `true`).
/// - Returns: The group (1…k) of each value, in input order.
/// - Complexity: O(n log n).
///
/// Reference: Office for Health Improvement and Disparities, *Technical Guide: Assigning
/// Deprivation Categories* (Fingertips methods); PHEindicatormethods `phe_quantile`.
public func quantileAssignments(
  _ values: [Double], quantileCount: Int, highestValuesInFirstQuantile: Bool
) -> [Int?] {
  precondition(quantileCount >= 1, "at least one quantile")
  let present = values.indices.filter { !values[$0].isNaN }
  let n = present.count
  var result = [Int?](repeating: nil, count: values.count)
  guard n >= quantileCount, n > 0 else { return result }
  // PHE ranks max − value when inverting (not −value): the same order, and the same ties even
  // when the subtraction rounds two close values together.
  var highest = -Double.infinity
  for i in present { highest = max(highest, values[i]) }
  let key: (Int) -> Double = { i in highestValuesInFirstQuantile ? highest - values[i] : values[i] }
  let order = present.sorted { key($0) < key($1) }
  let k = Double(quantileCount)
  let size = Double(n) / k
  var rank = 1
  for (position, index) in order.enumerated() {
    if position > 0 && key(index) != key(order[position - 1]) { rank = position + 1 }
    let group = ((k + 1) - ((Double(n) + 1 - Double(rank)) / size).rounded(.up)).rounded(.down)
    result[index] = max(1, Int(group))
  }
  return result
}
