import Statistics

#if canImport(Glibc)
  import Glibc  // log, for the log-odds
#elseif canImport(Darwin)
  import Darwin
#endif

/// The recent trend of a series as Fingertips labels it in the "Recent Trend" column of its
/// data export. The raw value is the exact Fingertips wording.
///
/// Indicators with a polarity (higher or lower is better) get the "and getting better / worse"
/// labels; indicators with no judgement get plain "Increasing" and "Decreasing"
/// (`TrendMarkerLabelProvider` in ukhsa-collaboration/fingertips-open, PholioVisualisationWS).
public enum RecentTrend: String, Sendable, CaseIterable {
  case increasing = "Increasing"
  case decreasing = "Decreasing"
  case increasingAndGettingBetter = "Increasing and getting better"
  case increasingAndGettingWorse = "Increasing and getting worse"
  case decreasingAndGettingBetter = "Decreasing and getting better"
  case decreasingAndGettingWorse = "Decreasing and getting worse"
  case noSignificantChange = "No significant change"
  case cannotBeCalculated = "Cannot be calculated"

  /// How many of the most recent points the Fingertips recent trend uses: 5.
  public static let pointCount = 5

  /// The confidence level of the Fingertips recent trend: 99.8%, so a trend is significant
  /// when its chi-squared statistic (1 degree of freedom) exceeds 9.5495
  /// (`TrendMarkerCalculator.ChiSquareConfidence` = 9.54953570608324).
  public static let confidenceLevel = 0.998

  /// The label of a significant trend in one direction, for a polarity.
  ///
  /// - Parameters:
  ///   - isIncreasing: Whether the values rise over time.
  ///   - polarity: Which direction is an improvement.
  public init(isIncreasing: Bool, polarity: Polarity) {
    switch (isIncreasing, polarity) {
    case (true, .higherIsBetter): self = .increasingAndGettingBetter
    case (true, .lowerIsBetter): self = .increasingAndGettingWorse
    case (true, .noJudgement): self = .increasing
    case (false, .higherIsBetter): self = .decreasingAndGettingWorse
    case (false, .lowerIsBetter): self = .decreasingAndGettingBetter
    case (false, .noJudgement): self = .decreasing
    }
  }
}

/// How the significance of a recent trend is tested. Fingertips uses the chi-squared test for
/// trend for indicators whose benchmark comparison is "SPC for proportions", and the weighted
/// regression for all others.
public enum RecentTrendMethod: String, Sendable, CaseIterable {
  /// Weighted least squares of the values on the positions 1…5, with weights from each
  /// value's 95% confidence interval (standard error (upper − lower)/3.92), tested by the Wald
  /// chi-squared statistic (see `Statistics.weightedLeastSquares(x:y:weights:)`).
  case weightedRegression = "weighted-regression"
  /// The chi-squared test for trend in the proportions count/denominator over the positions
  /// 1…5 (see `Statistics.chiSquaredTestForTrend(counts:denominators:scores:)`).
  case chiSquaredTestForTrend = "chi-squared-test-for-trend"
}

/// Why a recent trend cannot be calculated. The first five are Fingertips' own rules (its
/// `TrendRequest.IsValid`, in that order); the last two are ours, for inputs on which the
/// Fingertips code would compute with missing or infinite numbers.
public enum RecentTrendIneligibility: String, Sendable, CaseIterable, CustomStringConvertible {
  /// The value type is neither a proportion nor a crude rate.
  case valueType = "value-type"
  /// The periods are pooled over several years (a Fingertips year range other than 1).
  case pooledPeriods = "pooled-periods"
  /// The series has fewer than 5 points.
  case tooFewPoints = "too-few-points"
  /// Fewer than 5 consecutive points, counting back from the latest, have a value, a count
  /// and a denominator.
  case tooFewValidPoints = "too-few-valid-points"
  /// A point of that unbroken run has a count equal to its denominator (a proportion of 1).
  case countEqualsDenominator = "count-equals-denominator"
  /// Weighted regression: fewer than 5 points of the run have a usable 95% interval
  /// (both limits, upper above lower). Fingertips would go on with fewer points.
  case missingInterval = "missing-interval"
  /// Chi-squared test for trend: a count of 0 among the 5 points, whose log-odds is −∞
  /// (Fingertips would carry the infinity into its direction check).
  case zeroCount = "zero-count"

  /// The reason in a sentence; Fingertips' own message for its rules.
  public var description: String {
    switch self {
    case .valueType: "The recent trend cannot be calculated for this value type"
    case .pooledPeriods: "The recent trend cannot be calculated for this year range"
    case .tooFewPoints: "Not enough data points to calculate recent trend"
    case .tooFewValidPoints: "Not enough data points with valid values to calculate recent trend"
    case .countEqualsDenominator: "The recent trend cannot be calculated"
    case .missingInterval:
      "Not enough data points with a 95% confidence interval to calculate recent trend"
    case .zeroCount: "The recent trend cannot be calculated when a count is 0"
    }
  }
}

/// The recent trend of a series and the numbers behind it.
public struct RecentTrendResult: Sendable, Equatable {
  /// The Fingertips label.
  public var trend: RecentTrend
  /// Whether the trend is significant: χ² above the 99.8% point (9.5495) and the direction
  /// unchanged when any one of the 5 points is left out.
  public var isSignificant: Bool
  /// The chi-squared statistic of the method (1 degree of freedom); NaN when the trend cannot
  /// be calculated.
  public var chiSquared: Double
  /// The slope whose sign gives the direction, per period: in the value's unit for the
  /// weighted regression, in log-odds for the chi-squared test for trend (an unweighted fit of
  /// log(count/(denominator − count)), as Fingertips' direction check). NaN when the trend
  /// cannot be calculated.
  public var slope: Double
  /// Whether the fits with each point left out all have the sign of `slope` (a slope of 0
  /// counts as positive, as in Fingertips).
  public var isDirectionStable: Bool
  /// The indexes (into the arrays given) of the points used, oldest first; empty when the
  /// trend cannot be calculated.
  public var pointsUsed: [Int]
  /// Why the trend cannot be calculated, or `nil` when it could.
  public var ineligibility: RecentTrendIneligibility?
}

/// The Fingertips recent trend of a series: whether its last 5 points show a significant
/// increase or decrease, labelled with the polarity.
///
/// Eligibility, in order (the first failing rule is reported): the value type must be a
/// proportion or a crude rate; no period may be pooled over several years; the series needs
/// at least 5 points; counting back from the latest point, the unbroken run of points with a
/// value, a count and a denominator (0 ≤ count ≤ denominator, denominator > 0; NaN is missing)
/// must hold at least 5; no point of that run may have count = denominator. The 5 most recent
/// points of the run are then used (for the weighted regression, the 5 most recent that also
/// have a 95% interval), at positions 1…5 regardless of gaps between their periods.
///
/// Test: with ``RecentTrendMethod/weightedRegression``, χ² = (b/SE)² of the inverse-variance
/// weighted fit of value on position, weights 1/((upper − lower)/3.92)²; with
/// ``RecentTrendMethod/chiSquaredTestForTrend``, Armitage's χ² on counts and denominators. The
/// trend is significant when χ² > χ²₁(0.998) = 9.5495 and the direction check passes: the slope
/// with all 5 points and the 5 slopes with one point left out share a sign (a slope of 0
/// counting as positive). The direction is the sign of the all-points slope: of the weighted
/// fit, or of the unweighted fit of the log-odds for the chi-squared method. Otherwise the
/// label is "No significant change".
///
/// Departures from the Fingertips code (`TrendMarkerCalculator` in
/// ukhsa-collaboration/fingertips-open, January 2020): that code never sets the slope in its
/// chi-squared branch, so every significant trend of that method would read "Decreasing"; here
/// the log-odds slope gives the direction. It also computes on with fewer than 5 intervals or
/// with a zero count; here those are ``RecentTrendIneligibility/missingInterval`` and
/// ``RecentTrendIneligibility/zeroCount``.
///
/// - Parameters:
///   - values: The values, oldest first, in the indicator's unit; NaN is missing.
///   - lowerLimits: The lower 95% confidence limits; NaN when absent.
///   - upperLimits: The upper 95% confidence limits; NaN when absent.
///   - counts: The numerators; NaN when absent.
///   - denominators: The denominators; NaN when absent.
///   - periods: The periods of the points, ascending; only their pooling is checked.
///   - valueType: How the values are built.
///   - polarity: Which direction is an improvement.
///   - method: The significance test; the weighted regression by default.
/// - Returns: The label, the statistic and why it could not be calculated, if so.
/// - Precondition: All arrays have the same length.
/// - Complexity: O(n) for the eligibility rules, then O(1) (six fits of 5 points).
public func recentTrend(
  values: [Double], lowerLimits: [Double], upperLimits: [Double], counts: [Double],
  denominators: [Double], periods: [Period], valueType: ValueType, polarity: Polarity,
  method: RecentTrendMethod = .weightedRegression
) -> RecentTrendResult {
  precondition(periods.count == values.count, "every array of a recent trend must have one entry per point")
  return recentTrend(
    values: values, lowerLimits: lowerLimits, upperLimits: upperLimits, counts: counts, denominators: denominators,
    anyPooled: periods.contains(where: \.isPooled), valueType: valueType, polarity: polarity, method: method)
}

/// `recentTrend(values:lowerLimits:upperLimits:counts:denominators:periods:valueType:polarity:method:)`
/// given only whether any period is pooled (what the rules need of the periods).
func recentTrend(
  values: [Double], lowerLimits: [Double], upperLimits: [Double], counts: [Double],
  denominators: [Double], anyPooled: Bool, valueType: ValueType, polarity: Polarity,
  method: RecentTrendMethod = .weightedRegression
) -> RecentTrendResult {
  let n = values.count
  precondition(
    [lowerLimits.count, upperLimits.count, counts.count, denominators.count]
      .allSatisfy { $0 == n }, "every array of a recent trend must have one entry per point")
  func refuse(_ reason: RecentTrendIneligibility) -> RecentTrendResult {
    RecentTrendResult(
      trend: .cannotBeCalculated, isSignificant: false, chiSquared: .nan, slope: .nan,
      isDirectionStable: false, pointsUsed: [], ineligibility: reason)
  }
  guard valueType == .proportion || valueType == .crudeRate else { return refuse(.valueType) }
  guard !anyPooled else { return refuse(.pooledPeriods) }
  let required = RecentTrend.pointCount
  guard n >= required else { return refuse(.tooFewPoints) }

  // The unbroken run of valid points, latest first.
  var run: [Int] = []
  for i in stride(from: n - 1, through: 0, by: -1) {
    let (value, count, denominator) = (values[i], counts[i], denominators[i])
    guard value.isFinite, count.isFinite, denominator.isFinite, denominator > 0, count >= 0,
      count <= denominator
    else { break }
    run.append(i)
  }
  guard run.count >= required else { return refuse(.tooFewValidPoints) }
  guard !run.contains(where: { counts[$0] == denominators[$0] }) else {
    return refuse(.countEqualsDenominator)
  }

  let positions = (1...required).map(Double.init)
  var used: [Int]
  var chiSquared: Double
  var slopes: [Double]  // the all-points slope, then the five leave-one-out slopes
  switch method {
  case .weightedRegression:
    used = Array(
      run.filter { i in
        lowerLimits[i].isFinite && upperLimits[i].isFinite && upperLimits[i] > lowerLimits[i]
      }.prefix(required).reversed())
    guard used.count == required else { return refuse(.missingInterval) }
    let y = used.map { values[$0] }
    let weights = used.map { i -> Double in
      let standardError = (upperLimits[i] - lowerLimits[i]) / 3.92
      return 1 / (standardError * standardError)
    }
    let fit = weightedLeastSquares(x: positions, y: y, weights: weights)
    chiSquared = fit.chiSquared
    slopes = [fit.slope]
    for left in 0..<required {
      let keep = (0..<required).filter { $0 != left }
      slopes.append(
        weightedLeastSquares(
          x: keep.map { positions[$0] }, y: keep.map { y[$0] }, weights: keep.map { weights[$0] }
        ).slope)
    }
  case .chiSquaredTestForTrend:
    used = Array(run.prefix(required).reversed())
    guard !used.contains(where: { counts[$0] == 0 }) else { return refuse(.zeroCount) }
    let r = used.map { counts[$0] }
    let d = used.map { denominators[$0] }
    chiSquared = chiSquaredTestForTrend(counts: r, denominators: d, scores: positions).chiSquared
    let logOdds = zip(r, d).map { count, denominator in
      log(count / (denominator - count))
    }
    slopes = [ordinaryLeastSquares(x: positions, y: logOdds).slope]
    for left in 0..<required {
      let keep = (0..<required).filter { $0 != left }
      slopes.append(
        ordinaryLeastSquares(x: keep.map { positions[$0] }, y: keep.map { logOdds[$0] }).slope)
    }
  }

  // Fingertips' sign rule: a slope below 0 counts −1, anything else (0, NaN) +1; all six
  // must agree.
  let signSum = slopes.reduce(0) { $0 + ($1 < 0 ? -1 : 1) }
  let isDirectionStable = abs(signSum) == slopes.count
  let threshold = recentTrendThreshold
  let isSignificant = isDirectionStable && chiSquared > threshold
  return RecentTrendResult(
    trend: isSignificant
      ? RecentTrend(isIncreasing: slopes[0] > 0, polarity: polarity) : .noSignificantChange,
    isSignificant: isSignificant, chiSquared: chiSquared, slope: slopes[0],
    isDirectionStable: isDirectionStable, pointsUsed: used, ineligibility: nil)
}

/// χ²₁(0.998) = 9.5495…, computed once.
private let recentTrendThreshold = chiSquaredQuantile(RecentTrend.confidenceLevel, degreesOfFreedom: 1)
