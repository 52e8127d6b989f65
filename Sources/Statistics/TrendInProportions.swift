/// The chi-squared test for a linear trend in proportions (the Cochran–Armitage test).
public struct TrendInProportionsTest: Sendable, Equatable {
  /// The number of groups (time points) used; groups with a NaN are dropped.
  public var count: Int
  /// The total of the counts, R = Σr.
  public var totalCount: Double
  /// The total of the denominators, N = Σn.
  public var totalDenominator: Double
  /// The weighted least-squares slope of the proportions on the scores,
  /// b = Σr(x − x̄) / Σn(x − x̄)²: the change in proportion per unit of score.
  public var slope: Double
  /// The statistic X² = [Σr(x − x̄)]² / [p̄(1 − p̄)·Σn(x − x̄)²], chi-squared with 1 degree of
  /// freedom under no trend.
  public var chiSquared: Double
  /// P(χ²₁ > X²), two-sided in the direction of the trend.
  public var pValue: Double
}

/// The chi-squared test for trend in proportions: whether the proportions rᵢ/nᵢ of ordered
/// groups (years) change linearly with the groups' scores.
///
/// Formula: with N = Σn, R = Σr, p̄ = R/N and x̄ = Σnx/N,
/// X² = [Σr(x − x̄)]² / [p̄(1 − p̄)·Σn(x − x̄)²], referred to χ² with 1 degree of freedom. This
/// is Armitage's statistic, R's `prop.trend.test`, and the one Fingertips computes for recent
/// trends of proportions as N(NΣrx − RΣnx)² / [R(N − R)(NΣnx² − (Σnx)²)] (the same quantity,
/// here in centred form so that it keeps its digits when the scores are years). It is N/(N − 1)
/// times the linear-by-linear association statistic (N − 1)r². Assumptions: independent
/// binomial counts; the normal approximation needs expected counts that are not small.
///
/// Edge cases: groups with a NaN count, denominator or score are dropped. A group with a
/// denominator ≤ 0, a negative count or a count above its denominator makes the whole result
/// NaN (the input is not a set of proportions). Fewer than 2 groups, constant scores, or
/// R = 0 or R = N (p̄ is 0 or 1) give NaN for the slope (when Σn(x − x̄)² = 0), statistic and
/// p-value.
///
/// - Parameters:
///   - counts: The numerators rᵢ (events, successes).
///   - denominators: The group sizes nᵢ; same length.
///   - scores: The scores xᵢ of the groups (1, 2, …, or the years); same length.
/// - Returns: The statistic, its p-value and the slope; see ``TrendInProportionsTest``.
/// - Complexity: O(n), two passes.
///
/// Reference: P. Armitage (1955), "Tests for linear trends in proportions and frequencies",
/// *Biometrics* 11, 375–386; P. Armitage, G. Berry & J. N. S. Matthews (2002), *Statistical
/// Methods in Medical Research*, 4th ed., §15.2.
public func chiSquaredTestForTrend(
  counts: [Double], denominators: [Double], scores: [Double]
) -> TrendInProportionsTest {
  precondition(
    counts.count == denominators.count && counts.count == scores.count,
    "counts, denominators and scores must have the same length")
  var result = TrendInProportionsTest(
    count: 0, totalCount: .nan, totalDenominator: .nan, slope: .nan, chiSquared: .nan,
    pValue: .nan)
  var groups = 0
  var totalR = 0.0
  var totalN = 0.0
  var sumNX = 0.0
  for i in counts.indices {
    let (r, n, x) = (counts[i], denominators[i], scores[i])
    if r.isNaN || n.isNaN || x.isNaN { continue }
    guard n > 0, r >= 0, r <= n else { return result }
    groups += 1
    totalR += r
    totalN += n
    sumNX += n * x
  }
  result.count = groups
  result.totalCount = totalR
  result.totalDenominator = totalN
  guard groups >= 2 else { return result }
  let meanX = sumNX / totalN
  var numerator = 0.0  // Σr(x − x̄)
  var sxx = 0.0  // Σn(x − x̄)²
  for i in counts.indices {
    let (r, n, x) = (counts[i], denominators[i], scores[i])
    if r.isNaN || n.isNaN || x.isNaN { continue }
    let d = x - meanX
    numerator += r * d
    sxx += n * d * d
  }
  guard sxx > 0 else { return result }
  result.slope = numerator / sxx
  let pooled = totalR / totalN
  let variance = pooled * (1 - pooled) * sxx
  guard variance > 0 else { return result }
  result.chiSquared = numerator * numerator / variance
  result.pValue = chiSquaredSurvival(result.chiSquared, degreesOfFreedom: 1)
  return result
}
