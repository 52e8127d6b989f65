/// The Wilson score interval for a proportion.
///
/// Formula: with z = Φ⁻¹(1 − (1 − c)/2) and p̂ = x/n, the limits are
/// (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)), as PHEindicatormethods' `wilson_lower` and
/// `wilson_upper` (Newcombe's method 3, without continuity correction). Unlike the Wald interval
/// it stays inside [0, 1] and behaves well at x = 0 and x = n.
///
/// Edge cases: NaN input, n ≤ 0, x < 0 or x > n give NaN limits. Non-integer x and n are
/// accepted (PHE does, for weighted counts). Scale by the domain's multiplier (100 for a
/// percentage) afterwards.
///
/// - Parameters:
///   - successes: The numerator x.
///   - trials: The denominator n.
///   - confidenceLevel: The level c, in (0, 1): 0.95 or 0.998 in PHE outputs.
/// - Returns: The limits as proportions.
/// - Complexity: O(1).
///
/// Reference: R. G. Newcombe (1998), "Two-sided confidence intervals for the single
/// proportion: comparison of seven methods", *Statistics in Medicine* 17, 857–872 (method 3).
public func wilsonInterval(
  successes: Double, trials: Double, confidenceLevel: Double
) -> ConfidenceInterval {
  var interval = ConfidenceInterval(lower: .nan, upper: .nan, confidenceLevel: confidenceLevel)
  guard trials > 0, successes >= 0, successes <= trials else { return interval }
  let z = normalCriticalValue(confidenceLevel: confidenceLevel)
  let z2 = z * z
  let root = z * (z2 + 4 * successes * (1 - successes / trials)).squareRoot()
  let denominator = 2 * (trials + z2)
  interval.lower = (2 * successes + z2 - root) / denominator
  interval.upper = (2 * successes + z2 + root) / denominator
  return interval
}

/// Byars' approximation to the exact Poisson interval for a count.
///
/// Formula: with z = Φ⁻¹(1 − (1 − c)/2), lower = x·(1 − 1/(9x) − z/(3√x))³ and
/// upper = (x + 1)·(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³. Accurate from about 10 events; PHE uses
/// it from 10 and the exact interval below (see ``poissonInterval(count:confidenceLevel:)``).
///
/// Edge cases: for small x at high confidence the cubed term turns negative; the lower limit is
/// then NaN (PHE reports NA), for example x = 1 at 99.8%. x = 0 gives a NaN lower limit (the
/// formula divides by x). NaN or negative x gives NaN limits.
///
/// - Parameters:
///   - count: The observed count x ≥ 0.
///   - confidenceLevel: In (0, 1).
/// - Returns: The limits for the expected count (divide by the denominator for a rate).
/// - Complexity: O(1).
///
/// Reference: N. E. Breslow & N. E. Day (1987), *Statistical Methods in Cancer Research,
/// Vol. II*, IARC, p. 69 (Byars' approximation).
public func byarsInterval(count: Double, confidenceLevel: Double) -> ConfidenceInterval {
  var interval = ConfidenceInterval(lower: .nan, upper: .nan, confidenceLevel: confidenceLevel)
  guard count >= 0 else { return interval }
  let z = normalCriticalValue(confidenceLevel: confidenceLevel)
  if count > 0 {
    let base = 1 - 1 / (9 * count) - z / (3 * count.squareRoot())
    let lower = count * base * base * base
    interval.lower = lower < 0 ? .nan : lower
  }
  let next = count + 1
  let base = 1 - 1 / (9 * next) + z / (3 * next.squareRoot())
  interval.upper = next * base * base * base
  return interval
}

/// The exact (Garwood) Poisson interval for a count, from chi-squared quantiles.
///
/// Formula: lower = χ²₍α/2, 2x₎ / 2 and upper = χ²₍1−α/2, 2x+2₎ / 2 with α = 1 − c (lower = 0
/// when x = 0), as PHEindicatormethods' `poisson_cis` with R's `qchisq`.
///
/// Edge cases: NaN or negative x gives NaN limits; non-integer x is accepted.
///
/// - Parameters:
///   - count: The observed count x ≥ 0.
///   - confidenceLevel: In (0, 1).
/// - Returns: The limits for the expected count.
/// - Complexity: O(1) (two chi-squared quantiles).
///
/// Reference: F. Garwood (1936), "Fiducial limits for the Poisson distribution", *Biometrika*
/// 28, 437–442.
public func exactPoissonInterval(count: Double, confidenceLevel: Double) -> ConfidenceInterval {
  var interval = ConfidenceInterval(lower: .nan, upper: .nan, confidenceLevel: confidenceLevel)
  guard count >= 0, confidenceLevel > 0, confidenceLevel < 1 else { return interval }
  let alpha = 1 - confidenceLevel
  interval.lower = count == 0 ? 0 : chiSquaredQuantile(alpha / 2, degreesOfFreedom: 2 * count) / 2
  interval.upper =
    chiSquaredQuantile(confidenceLevel + alpha / 2, degreesOfFreedom: 2 * count + 2) / 2
  return interval
}

/// Which Poisson interval ``poissonInterval(count:confidenceLevel:)`` used.
public enum PoissonIntervalMethod: String, Sendable, Equatable {
  /// Garwood's exact interval (fewer than 10 events).
  case exact = "Exact"
  /// Byars' approximation (10 events or more).
  case byars = "Byars"
}

/// A Poisson interval for a count with the method that produced it.
public struct PoissonInterval: Sendable, Equatable {
  /// The interval for the expected count.
  public var interval: ConfidenceInterval
  /// Exact below 10 events, Byars from 10.
  public var method: PoissonIntervalMethod
}

/// The Poisson interval for a count by PHE's rule: exact below 10 events, Byars from 10.
///
/// This is the interval of PHEindicatormethods' `phe_rate` (and Fingertips' crude rates and
/// counts); divide the limits by the denominator and multiply by the rate's multiplier.
///
/// - Parameters:
///   - count: The observed count x ≥ 0.
///   - confidenceLevel: In (0, 1).
/// - Returns: The limits and the method used; NaN limits for NaN or negative x.
/// - Complexity: O(1).
///
/// Reference: Public Health England (2018), *Technical Guide: Confidence Intervals*, §3.
public func poissonInterval(count: Double, confidenceLevel: Double) -> PoissonInterval {
  if count < 10 {
    return PoissonInterval(
      interval: exactPoissonInterval(count: count, confidenceLevel: confidenceLevel),
      method: .exact)
  }
  return PoissonInterval(
    interval: byarsInterval(count: count, confidenceLevel: confidenceLevel), method: .byars)
}

/// The Student t interval for a mean from its summary statistics.
///
/// Formula: x̄ ± t₍1−α/2, n−1₎ · s/√n with α = 1 − c, as PHEindicatormethods' `phe_mean`.
/// Assumptions: independent values, approximately normal mean (central limit theorem).
///
/// Edge cases: n < 2 or NaN input give NaN limits; s = 0 gives a zero-width interval.
///
/// - Parameters:
///   - mean: The sample mean x̄.
///   - standardDeviation: The sample standard deviation s (n − 1 denominator).
///   - count: The sample size n.
///   - confidenceLevel: In (0, 1).
/// - Returns: The limits.
/// - Complexity: O(1).
///
/// Reference: Public Health England (2018), *Technical Guide: Confidence Intervals*, §5.
public func meanInterval(
  mean: Double, standardDeviation: Double, count: Int, confidenceLevel: Double
) -> ConfidenceInterval {
  var interval = ConfidenceInterval(lower: .nan, upper: .nan, confidenceLevel: confidenceLevel)
  guard count >= 2, confidenceLevel > 0, confidenceLevel < 1 else { return interval }
  let t = studentTQuantile(
    confidenceLevel + (1 - confidenceLevel) / 2, degreesOfFreedom: Double(count - 1))
  let halfWidth = t * standardDeviation / Double(count).squareRoot()
  interval.lower = mean - halfWidth
  interval.upper = mean + halfWidth
  return interval
}

/// The Student t interval for the mean of a sample (NaN values are missing).
///
/// Computes ``descriptiveStatistics(_:)`` and then
/// ``meanInterval(mean:standardDeviation:count:confidenceLevel:)``.
///
/// - Parameters:
///   - values: The sample.
///   - confidenceLevel: In (0, 1).
/// - Returns: The limits; NaN with fewer than two non-NaN values.
/// - Complexity: O(n).
public func meanInterval(_ values: [Double], confidenceLevel: Double) -> ConfidenceInterval {
  let statistics = descriptiveStatistics(values)
  return meanInterval(
    mean: statistics.mean, standardDeviation: statistics.standardDeviation,
    count: statistics.count, confidenceLevel: confidenceLevel)
}
