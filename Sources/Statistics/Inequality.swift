import RealModule

/// Summary measures of inequality between groups (areas, quintiles, population groups).
public struct InequalityMeasures: Sendable, Equatable {
  /// The number of groups used (values that are not NaN, with a weight that is not NaN).
  public var count: Int
  /// The (weighted) mean μ = Σ pᵢxᵢ with pᵢ = wᵢ/Σw.
  public var mean: Double
  /// max − min.
  public var range: Double
  /// max / min (+∞ when the minimum is 0 and the maximum positive).
  public var ratio: Double
  /// The Gini coefficient Σᵢ Σⱼ pᵢpⱼ|xᵢ − xⱼ| / (2μ), between 0 (equality) and 1.
  public var gini: Double
  /// The coefficient of variation √(Σ pᵢ(xᵢ − μ)²) / μ (population standard deviation).
  public var coefficientOfVariation: Double
  /// The index of disparity Σ pᵢ|xᵢ − r| / r against the reference r (the mean unless given),
  /// as a fraction: multiply by 100 for the percentage usually reported.
  public var indexOfDisparity: Double
  /// Theil's T, Σ pᵢ (xᵢ/μ) log(xᵢ/μ) (0·log 0 = 0); NaN if a value is negative.
  public var theilIndex: Double
  /// The mean log deviation (Theil's L), Σ pᵢ log(μ/xᵢ); +∞ if a value is 0, NaN if negative.
  public var meanLogDeviation: Double
}

/// Range, ratio, Gini, coefficient of variation, index of disparity, Theil index and mean log
/// deviation of group values, optionally weighted by population.
///
/// Formulas (with pᵢ = wᵢ/Σw, or 1/n unweighted, and μ = Σ pᵢxᵢ): see the fields of
/// ``InequalityMeasures``. These are the population forms (no n/(n − 1) correction), as in the
/// WHO Health Equity Assessment Toolkit: unweighted, the Gini coefficient is PySAL's and the
/// coefficient of variation `scipy.stats.variation`'s; with integer weights each measure equals
/// the unweighted measure of the sample in which group i is repeated wᵢ times. The Gini
/// coefficient is computed after sorting, as Σᵢ pᵢxᵢ(2Cᵢ − pᵢ − 1)/μ with Cᵢ the cumulative
/// share of weight up to and including group i.
///
/// Missing values: groups whose value or weight is NaN are dropped. Edge cases: no groups give
/// NaN everywhere (count 0); one group or a constant series give range 0, ratio 1 and 0 for the
/// other measures; a mean of 0 gives NaN relative measures; negative weights give NaN.
///
/// - Parameters:
///   - values: One value per group (a rate, a proportion, a mean).
///   - weights: Population (or share) per group, same length; `nil` for equal weights.
///   - reference: The reference r of the index of disparity (for example the best group's
///     value or a target); `nil` for the mean.
/// - Returns: The measures; see ``InequalityMeasures``.
/// - Complexity: O(n log n) (one sort for the Gini coefficient).
///
/// Reference: World Health Organization (2017), *Health Equity Assessment Toolkit (HEAT):
/// Technical Notes*; J. N. Pearcy & K. G. Keppel (2002), "A summary measure of health
/// disparity", *Public Health Reports* 117, 273–280 (index of disparity).
public func inequalityMeasures(
  _ values: [Double], weights: [Double]? = nil, reference: Double? = nil
) -> InequalityMeasures {
  let (x, p) = normalisedGroups(values, weights)
  let n = x.count
  var result = InequalityMeasures(
    count: n, mean: .nan, range: .nan, ratio: .nan, gini: .nan, coefficientOfVariation: .nan,
    indexOfDisparity: .nan, theilIndex: .nan, meanLogDeviation: .nan)
  guard n > 0, !p.isEmpty else { return result }
  var mean = 0.0
  for i in 0..<n { mean += p[i] * x[i] }
  // swift-format-ignore: NeverForceUnwrap
  let low = x.min()!
  let high = x.max()!
  result.mean = mean
  result.range = high - low
  result.ratio = low == high ? 1 : high / low
  result.gini = weightedGini(x, p, mean)
  var squares = 0.0
  var disparity = 0.0
  var theil = 0.0
  var logDeviation = 0.0
  let r = reference ?? mean
  for i in 0..<n {
    let d = x[i] - mean
    squares += p[i] * d * d
    disparity += p[i] * (x[i] - r).magnitude
    let share = x[i] / mean
    theil += share > 0 ? p[i] * share * Double.log(share) : (share == 0 ? 0 : .nan)
    logDeviation += x[i] > 0 ? -p[i] * Double.log(share) : (x[i] == 0 ? .infinity : .nan)
  }
  result.coefficientOfVariation = squares.squareRoot() / mean
  result.indexOfDisparity = disparity / r
  result.theilIndex = low < 0 || mean == 0 ? .nan : theil
  result.meanLogDeviation = low < 0 || mean == 0 ? .nan : logDeviation
  if low == high {  // every measure of a constant is exactly 0, whatever the rounding
    result.gini = mean == 0 ? .nan : 0
    result.coefficientOfVariation = mean == 0 ? .nan : 0
    if mean > 0 {
      result.theilIndex = 0
      result.meanLogDeviation = 0
    }
  }
  return result
}

/// The Gini coefficient of group values, optionally weighted by population.
///
/// The same definition and handling of missing values as
/// ``inequalityMeasures(_:weights:reference:)``: Σᵢ Σⱼ pᵢpⱼ|xᵢ − xⱼ| / (2μ), by sorting.
///
/// - Parameters:
///   - values: One value per group.
///   - weights: Weight per group, or `nil` for equal weights.
/// - Returns: The coefficient; NaN for no groups or a mean of 0; 0 for one group.
/// - Complexity: O(n log n).
///
/// Reference: C. Gini (1912), *Variabilità e mutabilità*; World Health Organization (2017),
/// *HEAT Technical Notes*.
public func giniCoefficient(_ values: [Double], weights: [Double]? = nil) -> Double {
  inequalityMeasures(values, weights: weights).gini
}

/// Values and weight shares with NaN groups dropped; empty shares when a weight is negative or
/// all weights are 0.
private func normalisedGroups(_ values: [Double], _ weights: [Double]?) -> ([Double], [Double]) {
  if let weights { precondition(weights.count == values.count, "one weight per value") }
  var x: [Double] = []
  var w: [Double] = []
  for i in values.indices {
    let weight = weights?[i] ?? 1
    if values[i].isNaN || weight.isNaN { continue }
    x.append(values[i])
    w.append(weight)
  }
  var total = 0.0
  for weight in w {
    if weight < 0 { return (x, []) }
    total += weight
  }
  guard total > 0 else { return (x, []) }
  return (x, w.map { $0 / total })
}

/// Σᵢ pᵢxᵢ(2Cᵢ − pᵢ − 1) / μ over the values sorted ascending, Cᵢ the cumulative share.
private func weightedGini(_ x: [Double], _ p: [Double], _ mean: Double) -> Double {
  guard mean != 0 else { return .nan }
  let order = x.indices.sorted { x[$0] < x[$1] }
  var cumulative = 0.0
  var sum = 0.0
  for i in order {
    cumulative += p[i]
    sum += p[i] * x[i] * (2 * cumulative - p[i] - 1)
  }
  return sum / mean
}
