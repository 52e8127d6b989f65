/// Whether a value differs significantly from a benchmark (a national or regional value), and
/// in which direction. It says nothing about better or worse: that needs a polarity.
public enum BenchmarkDifference: String, Sendable, CaseIterable {
  /// Significantly below the benchmark.
  case lower
  /// Not significantly different from the benchmark.
  case similar
  /// Significantly above the benchmark.
  case higher
}

/// Compares a value with a benchmark by whether the benchmark lies inside the value's
/// confidence interval (the single-overlap method of the Fingertips and PHE tools).
///
/// Rule: the benchmark b is similar when lower ≤ b ≤ upper (both ends count as inside);
/// otherwise the value is lower when value < b and higher when value ≥ b (the direction comes
/// from the value, as in Fingertips, which matters only for a value outside its own interval).
/// At the 95% level this is a test at about the 5% level that ignores the benchmark's own
/// uncertainty (appropriate when the benchmark is much larger, such as England against one
/// area). For the two-level variant (95% and 99.8%), call it once per level.
///
/// Edge cases: a NaN value, benchmark or limit gives `nil` (not compared).
///
/// - Parameters:
///   - value: The value.
///   - interval: Its confidence interval.
///   - benchmark: The benchmark value, in the same unit.
/// - Returns: The difference, or `nil` when it cannot be compared.
/// - Complexity: O(1).
///
/// Reference: the Fingertips comparator `SingleOverlappingCIsComparer`
/// (ukhsa-collaboration/fingertips-open, PholioVisualisationWS/Analysis).
public func benchmarkDifference(
  value: Double, interval: ConfidenceInterval, benchmark: Double
) -> BenchmarkDifference? {
  guard !value.isNaN, !benchmark.isNaN, !interval.lower.isNaN, !interval.upper.isNaN else {
    return nil
  }
  if benchmark >= interval.lower && benchmark <= interval.upper { return .similar }
  return value < benchmark ? .lower : .higher
}

/// Compares a value with a benchmark by whether their two confidence intervals overlap (the
/// double-overlap method).
///
/// Rule: the intervals overlap, and the value is similar, when the interval of the larger of
/// the two values starts at or below the end of the interval of the smaller one: for
/// value > benchmark, lower(value) ≤ upper(benchmark); otherwise lower(benchmark) ≤
/// upper(value). Without overlap the value is lower when value < benchmark, else higher. This
/// is Fingertips' `DoubleOverlappingCIsComparer`. It is conservative: two 95% intervals that
/// just touch correspond to a test at about the 0.6% level, so many real differences are
/// called similar (Schenker & Gentleman 2001).
///
/// Edge cases: a NaN value, benchmark or limit gives `nil` (not compared).
///
/// - Parameters:
///   - value: The value.
///   - interval: Its confidence interval.
///   - benchmark: The benchmark value, in the same unit.
///   - benchmarkInterval: The benchmark's confidence interval.
/// - Returns: The difference, or `nil` when it cannot be compared.
/// - Complexity: O(1).
///
/// Reference: N. Schenker & J. F. Gentleman (2001), "On judging the significance of
/// differences by examining the overlap between confidence intervals", *The American
/// Statistician* 55(3), 182–186.
public func benchmarkDifference(
  value: Double, interval: ConfidenceInterval, benchmark: Double,
  benchmarkInterval: ConfidenceInterval
) -> BenchmarkDifference? {
  let all = [
    value, benchmark, interval.lower, interval.upper, benchmarkInterval.lower,
    benchmarkInterval.upper,
  ]
  guard !all.contains(where: \.isNaN) else { return nil }
  let overlap =
    benchmark < value
    ? interval.lower <= benchmarkInterval.upper : benchmarkInterval.lower <= interval.upper
  if overlap { return .similar }
  return value < benchmark ? .lower : .higher
}

/// The control limits of a proportion around a benchmark proportion for a given denominator
/// (statistical process control, the limits of a funnel plot).
///
/// Formula: the Wilson score interval of the benchmark proportion p₀ at denominator n, that
/// is, with E = n·p₀ and z = Φ⁻¹(1 − (1 − c)/2), (2E + z² ∓ z√(z² + 4E(1 − E/n))) / (2(n + z²)).
/// This is the interval Fingertips' `SpcForProportionsComparer` builds (with z = 1.96 for 95%
/// and 3.0902 for 99.8%; here z comes from the level, 1.959964 and 3.090232, which moves the
/// limits by less than 1e-6 of a proportion). A proportion observed on n cases outside these
/// limits differs from p₀ at level 1 − c.
///
/// Edge cases: as ``wilsonInterval(successes:trials:confidenceLevel:)``: n ≤ 0, a NaN, or p₀
/// outside [0, 1] give NaN limits.
///
/// - Parameters:
///   - benchmark: The benchmark proportion p₀ in [0, 1] (divide a percentage by 100).
///   - denominator: The denominator n of the value being compared.
///   - confidenceLevel: The level c of the limits, 0.95 or 0.998 in Fingertips.
/// - Returns: The lower and upper control limits, as proportions.
/// - Complexity: O(1).
///
/// Reference: D. J. Spiegelhalter (2005), "Funnel plots for comparing institutional
/// performance", *Statistics in Medicine* 24, 1185–1202; E. B. Wilson (1927), *JASA* 22,
/// 209–212.
public func proportionControlLimits(
  benchmark: Double, denominator: Double, confidenceLevel: Double
) -> ConfidenceInterval {
  wilsonInterval(
    successes: denominator * benchmark, trials: denominator, confidenceLevel: confidenceLevel)
}

/// Compares a proportion with a benchmark proportion by the control limits of the benchmark at
/// the proportion's denominator (statistical process control for proportions).
///
/// Rule: with limits L and U from
/// ``proportionControlLimits(benchmark:denominator:confidenceLevel:)``, the proportion p is
/// higher when p > U, lower when p < L, and similar otherwise (a proportion on a limit is
/// similar), as Fingertips' `SpcForProportionsComparer`.
///
/// Edge cases: a NaN proportion or benchmark, or a denominator that is NaN or ≤ 0, gives `nil`
/// (not compared).
///
/// - Parameters:
///   - proportion: The observed proportion in [0, 1] (divide a percentage by 100).
///   - denominator: Its denominator.
///   - benchmark: The benchmark proportion in [0, 1].
///   - confidenceLevel: The level of the control limits (0.95 or 0.998).
/// - Returns: The difference, or `nil` when it cannot be compared.
/// - Complexity: O(1).
public func benchmarkDifference(
  proportion: Double, denominator: Double, benchmark: Double, confidenceLevel: Double
) -> BenchmarkDifference? {
  guard !proportion.isNaN, !benchmark.isNaN, denominator > 0 else { return nil }
  let limits = proportionControlLimits(
    benchmark: benchmark, denominator: denominator, confidenceLevel: confidenceLevel)
  guard !limits.lower.isNaN, !limits.upper.isNaN else { return nil }
  if proportion > limits.upper { return .higher }
  if proportion < limits.lower { return .lower }
  return .similar
}
