public import Statistics

/// How a value compares with its benchmark (England, the region) as Fingertips labels it in the
/// "Compared to England value or percentiles" column of its data export. The raw value is the
/// exact wording.
///
/// Indicators with a polarity get Better, Similar and Worse (Best and Worst for the 99.8%
/// level of the two-level method); indicators with no judgement get Higher, Similar and Lower;
/// anything that could not be compared is "Not compared".
public enum BenchmarkComparison: String, Sendable, CaseIterable {
  case better = "Better"
  case similar = "Similar"
  case worse = "Worse"
  /// Two-level method: better at the 99.8% level.
  case best = "Best"
  /// Two-level method: worse at the 99.8% level.
  case worst = "Worst"
  case higher = "Higher"
  case lower = "Lower"
  case notCompared = "Not compared"

  /// The label of a difference for a polarity.
  ///
  /// Mapping (Fingertips `IndicatorComparer.AdjustForPolarity` and its significance
  /// formatter): higher is better → higher is Better and lower Worse; lower is better → higher
  /// is Worse and lower Better; no judgement → Higher and Lower. Similar stays Similar and
  /// `nil` (not comparable) is Not compared.
  ///
  /// - Parameters:
  ///   - difference: The result of a benchmark test, or `nil` when there was none.
  ///   - polarity: Which direction is an improvement.
  public init(_ difference: BenchmarkDifference?, polarity: Polarity) {
    switch (difference, polarity) {
    case (nil, _): self = .notCompared
    case (.similar?, _): self = .similar
    case (.higher?, .higherIsBetter), (.lower?, .lowerIsBetter): self = .better
    case (.higher?, .lowerIsBetter), (.lower?, .higherIsBetter): self = .worse
    case (.higher?, .noJudgement): self = .higher
    case (.lower?, .noJudgement): self = .lower
    }
  }
}

/// Compares each value with a benchmark by whether the benchmark lies inside the value's
/// confidence interval (Fingertips' "confidence intervals overlapping reference value", one
/// level, usually 95%).
///
/// Rule: see `Statistics.benchmarkDifference(value:interval:benchmark:)`: the benchmark on or
/// inside [lower, upper] is Similar, otherwise the value's side of the benchmark decides, and
/// the polarity names it (``BenchmarkComparison/init(_:polarity:)``). A NaN value or limit, or
/// a NaN benchmark, gives Not compared.
///
/// - Parameters:
///   - values: The values (one per area), in the indicator's unit.
///   - lowerLimits: Their lower confidence limits.
///   - upperLimits: Their upper confidence limits.
///   - benchmark: The benchmark value.
///   - polarity: Which direction is an improvement.
/// - Returns: One label per value.
/// - Precondition: The arrays have the same length.
/// - Complexity: O(n).
public func overlapComparisons(
  values: [Double], lowerLimits: [Double], upperLimits: [Double], benchmark: Double,
  polarity: Polarity
) -> [BenchmarkComparison] {
  precondition(
    lowerLimits.count == values.count && upperLimits.count == values.count,
    "every array of a benchmark comparison must have one entry per value")
  return values.indices.map { i in
    BenchmarkComparison(
      benchmarkDifference(
        value: values[i], interval: interval(lowerLimits[i], upperLimits[i], 0.95),
        benchmark: benchmark),
      polarity: polarity)
  }
}

/// Compares each value with a benchmark at two levels, 95% and 99.8% (Fingertips'
/// "confidence intervals overlapping reference value (95.0 and 99.8)").
///
/// Rule: the benchmark inside the 95% interval is Similar; outside the 95% interval but inside
/// the 99.8% one, Better or Worse; outside the 99.8% interval, Best or Worst. With no
/// judgement the two outer levels are both Higher or Lower (Fingertips has no label for them
/// and prints Not compared; here the direction is kept). A NaN in either interval, the value or
/// the benchmark gives Not compared. This reproduces Fingertips'
/// `SingleOverlappingCIsForTwoCILevelsComparer` when the intervals are nested around the value.
///
/// - Parameters:
///   - values: The values (one per area).
///   - lower95: The lower 95% limits.
///   - upper95: The upper 95% limits.
///   - lower998: The lower 99.8% limits.
///   - upper998: The upper 99.8% limits.
///   - benchmark: The benchmark value.
///   - polarity: Which direction is an improvement.
/// - Returns: One label per value.
/// - Precondition: The arrays have the same length.
/// - Complexity: O(n).
public func overlapComparisons(
  values: [Double], lower95: [Double], upper95: [Double], lower998: [Double],
  upper998: [Double], benchmark: Double, polarity: Polarity
) -> [BenchmarkComparison] {
  precondition(
    [lower95.count, upper95.count, lower998.count, upper998.count].allSatisfy {
      $0 == values.count
    }, "every array of a benchmark comparison must have one entry per value")
  return values.indices.map { i in
    let inner = benchmarkDifference(
      value: values[i], interval: interval(lower95[i], upper95[i], 0.95), benchmark: benchmark)
    let outer = benchmarkDifference(
      value: values[i], interval: interval(lower998[i], upper998[i], 0.998),
      benchmark: benchmark)
    guard let inner, let outer else { return .notCompared }
    if inner == .similar { return .similar }
    if outer == .similar { return BenchmarkComparison(inner, polarity: polarity) }
    switch BenchmarkComparison(outer, polarity: polarity) {
    case .better: return .best
    case .worse: return .worst
    case let label: return label
    }
  }
}

/// Compares each value with a benchmark by whether their confidence intervals overlap
/// (Fingertips' double-overlap comparator).
///
/// Rule: see `Statistics.benchmarkDifference(value:interval:benchmark:benchmarkInterval:)`.
/// Overlapping intervals are Similar; otherwise the value's side of the benchmark, named by
/// the polarity. A NaN anywhere gives Not compared.
///
/// - Parameters:
///   - values: The values (one per area).
///   - lowerLimits: Their lower confidence limits.
///   - upperLimits: Their upper confidence limits.
///   - benchmark: The benchmark value.
///   - benchmarkLower: The benchmark's lower limit, at the same level.
///   - benchmarkUpper: The benchmark's upper limit.
///   - polarity: Which direction is an improvement.
/// - Returns: One label per value.
/// - Precondition: The arrays have the same length.
/// - Complexity: O(n).
public func doubleOverlapComparisons(
  values: [Double], lowerLimits: [Double], upperLimits: [Double], benchmark: Double,
  benchmarkLower: Double, benchmarkUpper: Double, polarity: Polarity
) -> [BenchmarkComparison] {
  precondition(
    lowerLimits.count == values.count && upperLimits.count == values.count,
    "every array of a benchmark comparison must have one entry per value")
  let benchmarkInterval = interval(benchmarkLower, benchmarkUpper, 0.95)
  return values.indices.map { i in
    BenchmarkComparison(
      benchmarkDifference(
        value: values[i], interval: interval(lowerLimits[i], upperLimits[i], 0.95),
        benchmark: benchmark, benchmarkInterval: benchmarkInterval),
      polarity: polarity)
  }
}

/// Compares each proportion with a benchmark by the control limits of the benchmark at the
/// proportion's denominator (Fingertips' "SPC for proportions").
///
/// Rule: see `Statistics.benchmarkDifference(proportion:denominator:benchmark:confidenceLevel:)`:
/// value/multiplier above the upper limit is higher, below the lower limit lower, otherwise
/// Similar (a value on a limit is Similar); the polarity names it. A NaN value or benchmark,
/// or a denominator that is NaN, 0 or negative, gives Not compared. Fingertips runs it at 95%
/// (z = 1.96) or 99.8% (z = 3.0902); here z comes from the level.
///
/// - Parameters:
///   - values: The values (one per area), in the indicator's unit (a percentage for
///     `multiplier` 100).
///   - denominators: Their denominators.
///   - benchmark: The benchmark value, in the same unit.
///   - multiplier: What the proportion was multiplied by (100 for a percentage); > 0.
///   - confidenceLevel: The level of the control limits: 0.95 or 0.998.
///   - polarity: Which direction is an improvement.
/// - Returns: One label per value.
/// - Precondition: The arrays have the same length and `multiplier` > 0.
/// - Complexity: O(n).
public func controlLimitComparisons(
  values: [Double], denominators: [Double], benchmark: Double, multiplier: Double,
  confidenceLevel: Double, polarity: Polarity
) -> [BenchmarkComparison] {
  precondition(
    denominators.count == values.count,
    "every array of a benchmark comparison must have one entry per value")
  precondition(multiplier > 0, "the multiplier of a proportion must be positive")
  return values.indices.map { i in
    BenchmarkComparison(
      benchmarkDifference(
        proportion: values[i] / multiplier, denominator: denominators[i],
        benchmark: benchmark / multiplier, confidenceLevel: confidenceLevel),
      polarity: polarity)
  }
}

/// A confidence interval from two limits.
private func interval(_ lower: Double, _ upper: Double, _ level: Double) -> ConfidenceInterval {
  ConfidenceInterval(lower: lower, upper: upper, confidenceLevel: level)
}
