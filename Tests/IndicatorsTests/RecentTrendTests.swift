import Columnar
import Foundation
import Statistics
import Testing

@testable import Indicators

/// The points of one case of ../shared/oracles/fingertips/recent_trend_cases.csv, oldest first.
/// The file has no quoted fields, so a plain split reads it.
private struct TrendCase {
  var years: [Int] = []
  var counts: [Double] = []
  var denominators: [Double] = []
  var values: [Double] = []
  var lower: [Double] = []
  var upper: [Double] = []

  static func load(_ name: String) -> TrendCase? {
    guard let text = Shared.text("oracles/fingertips/recent_trend_cases.csv") else { return nil }
    var lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",") }
    let header = lines.removeFirst().map(String.init)
    func at(_ row: [Substring], _ column: String) -> Double {
      Double(row[header.firstIndex(of: column) ?? 0]) ?? .nan
    }
    var out = TrendCase()
    for row in lines.filter({ $0.first.map(String.init) == name })
      .sorted(by: { at($0, "year") < at($1, "year") })
    {
      out.years.append(Int(at(row, "year")))
      out.counts.append(at(row, "count"))
      out.denominators.append(at(row, "denominator"))
      out.values.append(at(row, "value"))
      out.lower.append(at(row, "lower_ci95"))
      out.upper.append(at(row, "upper_ci95"))
    }
    return out
  }

  /// Single calendar years, or pooled periods of `range` years starting in each year.
  func periods(range: Int = 1) throws -> [Period] {
    try years.map { year in
      range == 1
        ? try Period.parse("\(year)")
        : try Period.parse("\(year) - \(String(year + range - 1).suffix(2))")
    }
  }

  func trend(
    _ method: RecentTrendMethod, polarity: Polarity = .higherIsBetter, range: Int = 1
  ) throws -> RecentTrendResult {
    recentTrend(
      values: values, lowerLimits: lower, upperLimits: upper, counts: counts,
      denominators: denominators, periods: try periods(range: range), valueType: .proportion,
      polarity: polarity, method: method)
  }
}

/// One hand-made series at positions 1…n with narrow intervals (value ± 0.1) and counts of 50
/// out of 100 (so every eligibility rule passes unless a test changes something).
private func series(_ values: [Double]) -> (
  values: [Double], lower: [Double], upper: [Double], counts: [Double], denominators: [Double],
  periods: [Period]
) {
  // swift-format-ignore: NeverUseForceTry
  let periods = values.indices.map { i in try! Period.parse("\(2010 + i)") }
  return (
    values, values.map { $0 - 0.1 }, values.map { $0 + 0.1 },
    Array(repeating: 50, count: values.count), Array(repeating: 100, count: values.count),
    periods
  )
}

@Suite("Recent trend (Fingertips)")
struct RecentTrendTests {
  /// ../shared/oracles/fingertips/recent_trend_expected.csv, from fingertips-open
  /// TrendMarkerCalculatorTest.cs: set1 is significant with χ² 46.77 (rounded to 2 places) by
  /// the CI-weighted regression and 47.9 by the chi-squared test for trend; set2 is not
  /// significant; prop_set2 (count = denominator in 2012) and set1 with a year range of 3 cannot
  /// be calculated. The expected rows are read from the file, not restated here.
  @Test(.enabled(if: Shared.isPresent, Shared.missingMessage))
  func reproducesFingertipsOracle() throws {
    let text = try #require(Shared.text("oracles/fingertips/recent_trend_expected.csv"))
    var lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    #expect(lines.count == 5)
    for line in lines {
      // The comparator_method cell holds a parenthesis with no comma, so a split is safe for
      // the columns read here (all before the free-text ones, which are only matched).
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      func cell(_ name: String) -> String { cells[header.firstIndex(of: name) ?? 0] }
      let name = cell("case")
      let method: RecentTrendMethod =
        cell("comparator_method").hasPrefix("SpcForProportions")
        ? .chiSquaredTestForTrend : .weightedRegression
      let data = try #require(TrendCase.load(name))
      #expect(data.years.count == 5, "\(name)")
      let result = try data.trend(method, range: Int(cell("year_range")) ?? 0)
      let context: Comment = "\(name), \(method), year range \(cell("year_range"))"
      #expect(result.isSignificant == (cell("expected_is_significant") == "true"), context)
      if line.contains("CannotBeCalculated") {
        #expect(result.trend == .cannotBeCalculated, context)
        #expect(result.ineligibility != nil, context)
      }
      if let want = Double(cell("expected_chi_square_rounded_2dp")), want != 0 {
        #expect(
          (result.chiSquared * 100).rounded() / 100 == want, "\(context): \(result.chiSquared)")
      }
    }
  }

  /// The oracle cases one by one, with the labels and reasons the oracle implies: set1 rises
  /// (24.67 → 30.6), so with higher is better it is "Increasing and getting better", with lower
  /// is better "Increasing and getting worse", with no judgement "Increasing"; the README's
  /// independent reproduction gives 46.7653 and 47.8967.
  @Test(.enabled(if: Shared.isPresent, Shared.missingMessage))
  func fingertipsCasesInDetail() throws {
    let set1 = try #require(TrendCase.load("set1"))
    let weighted = try set1.trend(.weightedRegression)
    #expect(weighted.isSignificant && weighted.isDirectionStable && weighted.slope > 0)
    #expect(abs(weighted.chiSquared - 46.7653) < 5e-5)
    #expect(weighted.trend == .increasingAndGettingBetter)
    #expect(weighted.pointsUsed == [0, 1, 2, 3, 4] && weighted.ineligibility == nil)
    #expect(
      try set1.trend(.weightedRegression, polarity: .lowerIsBetter).trend.rawValue
        == "Increasing and getting worse")
    #expect(
      try set1.trend(.weightedRegression, polarity: .noJudgement).trend.rawValue == "Increasing")
    let proportions = try set1.trend(.chiSquaredTestForTrend)
    #expect(proportions.isSignificant && proportions.slope > 0)
    #expect(abs(proportions.chiSquared - 47.8967) < 5e-5)
    #expect(proportions.trend.rawValue == "Increasing and getting better")

    let set2 = try #require(TrendCase.load("set2"))
    let flat = try set2.trend(.weightedRegression)
    #expect(!flat.isSignificant && flat.trend.rawValue == "No significant change")
    #expect(flat.chiSquared < 9.5495)

    let propSet2 = try #require(TrendCase.load("prop_set2"))
    let refused = try propSet2.trend(.chiSquaredTestForTrend)
    #expect(refused.trend.rawValue == "Cannot be calculated")
    #expect(refused.ineligibility == .countEqualsDenominator && refused.chiSquared.isNaN)
    #expect(refused.ineligibility?.description == "The recent trend cannot be calculated")

    let pooled = try set1.trend(.weightedRegression, range: 3)
    #expect(pooled.trend == .cannotBeCalculated && pooled.ineligibility == .pooledPeriods)
    #expect(
      pooled.ineligibility?.description
        == "The recent trend cannot be calculated for this year range")
  }

  /// Fingertips' threshold `TrendMarkerCalculator.ChiSquareConfidence` = 9.54953570608324 is
  /// the 99.8% point of χ²₁, which is how it is computed here.
  @Test func thresholdIsFingertipsConstant() {
    let threshold = chiSquaredQuantile(RecentTrend.confidenceLevel, degreesOfFreedom: 1)
    #expect(abs(threshold - 9.54953570608324) < 1e-9)
    #expect(RecentTrend.pointCount == 5)
  }

  /// The label table of fingertips-open `TrendMarkerLabelProvider` (MIT, PholioVisualisationWS/
  /// Formatting), transcribed: RAG low is good, RAG high is good, and the default.
  @Test func labelsFollowPolarity() {
    #expect(
      RecentTrend(isIncreasing: true, polarity: .lowerIsBetter).rawValue
        == "Increasing and getting worse")
    #expect(
      RecentTrend(isIncreasing: false, polarity: .lowerIsBetter).rawValue
        == "Decreasing and getting better")
    #expect(
      RecentTrend(isIncreasing: true, polarity: .higherIsBetter).rawValue
        == "Increasing and getting better")
    #expect(
      RecentTrend(isIncreasing: false, polarity: .higherIsBetter).rawValue
        == "Decreasing and getting worse")
    #expect(RecentTrend(isIncreasing: true, polarity: .noJudgement).rawValue == "Increasing")
    #expect(RecentTrend(isIncreasing: false, polarity: .noJudgement).rawValue == "Decreasing")
    #expect(RecentTrend.noSignificantChange.rawValue == "No significant change")
    #expect(RecentTrend.cannotBeCalculated.rawValue == "Cannot be calculated")
  }

  /// A steady fall with narrow intervals: 30, 28, 26, 24, 22 (±0.1, so SE = 0.2/3.92 and
  /// weights ≈ 384) gives slope −2 and χ² = 4·384.16·10 ≈ 15,366 ≫ 9.55, and every
  /// leave-one-out slope is −2: significant, and for a lower-is-better indicator "Decreasing
  /// and getting better".
  @Test func steadyFallIsDecreasing() {
    let s = series([30, 28, 26, 24, 22])
    let result = recentTrend(
      values: s.values, lowerLimits: s.lower, upperLimits: s.upper, counts: s.counts,
      denominators: s.denominators, periods: s.periods, valueType: .crudeRate,
      polarity: .lowerIsBetter)
    #expect(result.isSignificant && result.trend == .decreasingAndGettingBetter)
    #expect(abs(result.slope + 2) < 1e-12)
    let weight = 1 / ((0.2 / 3.92) * (0.2 / 3.92))
    #expect(abs(result.chiSquared / (4 * weight * 10) - 1) < 1e-12)
  }

  /// The leave-one-out check: 20, 10, 10, 10, 30 has a positive slope with all points (Sxy =
  /// (−2)(4) + (−1)(−6) + 0 + (1)(−6) + (2)(14) = 20 over Sxx = 10: +2, equal weights) and a
  /// huge χ², but without the last point the slope is negative (20, 10, 10, 10 falls): the
  /// direction is not stable, so "No significant change".
  @Test func unstableDirectionIsNotSignificant() {
    let s = series([20, 10, 10, 10, 30])
    let result = recentTrend(
      values: s.values, lowerLimits: s.lower, upperLimits: s.upper, counts: s.counts,
      denominators: s.denominators, periods: s.periods, valueType: .proportion,
      polarity: .higherIsBetter)
    #expect(abs(result.slope - 2) < 1e-12 && result.chiSquared > 1000)
    #expect(!result.isDirectionStable && !result.isSignificant)
    #expect(result.trend == .noSignificantChange)
  }

  /// The eligibility rules, one at a time, in Fingertips' order.
  @Test func eligibilityRules() {
    func run(
      _ s: (
        values: [Double], lower: [Double], upper: [Double], counts: [Double],
        denominators: [Double], periods: [Period]
      ), valueType: ValueType = .proportion, method: RecentTrendMethod = .weightedRegression
    ) -> RecentTrendResult {
      recentTrend(
        values: s.values, lowerLimits: s.lower, upperLimits: s.upper, counts: s.counts,
        denominators: s.denominators, periods: s.periods, valueType: valueType,
        polarity: .higherIsBetter, method: method)
    }
    let rising: [Double] = [1, 2, 3, 4, 5, 6, 7]
    #expect(run(series(rising)).trend == .increasingAndGettingBetter)
    // Only proportions and crude rates.
    for type in ValueType.allCases {
      let eligible = type == .proportion || type == .crudeRate
      #expect((run(series(rising), valueType: type).ineligibility == .valueType) == !eligible)
    }
    // Four points.
    #expect(run(series([1, 2, 3, 4])).ineligibility == .tooFewPoints)
    // Seven points, a missing count at index 2: the run back from the latest is 6, 5, 4, 3.
    var gap = series(rising)
    gap.counts[2] = .nan
    #expect(run(gap).ineligibility == .tooFewValidPoints)
    // Missing at index 1 instead: the run is 6…2, five points, used.
    gap = series(rising)
    gap.values[1] = .nan
    #expect(run(gap).pointsUsed == [2, 3, 4, 5, 6])
    // count = denominator inside the run refuses, outside (before the break) does not.
    var full = series(rising)
    full.counts[3] = 100
    #expect(run(full).ineligibility == .countEqualsDenominator)
    full = series(rising)
    full.counts[0] = 100
    full.values[1] = .nan
    #expect(run(full).ineligibility == nil)
    // Count = denominator anywhere in the run, even beyond the five points used.
    full = series(rising)
    full.counts[1] = 100
    #expect(run(full).ineligibility == .countEqualsDenominator)
    // Weighted regression: a point without an interval is skipped within the run; fewer than
    // five intervals refuse.
    var open = series(rising)
    open.upper[5] = .nan
    #expect(run(open).pointsUsed == [1, 2, 3, 4, 6])
    open = series([1, 2, 3, 4, 5])
    open.lower[2] = .nan
    #expect(run(open).ineligibility == .missingInterval)
    // The chi-squared method does not need intervals, but refuses a count of 0.
    #expect(run(open, method: .chiSquaredTestForTrend).ineligibility == nil)
    var zero = series([1, 2, 3, 4, 5])
    zero.counts[4] = 0
    #expect(run(zero, method: .chiSquaredTestForTrend).ineligibility == .zeroCount)
    #expect(run(zero).ineligibility == nil)
  }

  /// The real Fingertips export (indicator 93861, three years per area): every non-empty
  /// "Recent Trend" cell is a label of ours, and for each such row the series up to it gets
  /// exactly that label ("Cannot be calculated": fewer than five points, whatever the eligible
  /// value type; proportion is used).
  @Test(.enabled(if: Shared.isPresent, Shared.missingMessage))
  func realExportLabels() throws {
    let path = try #require(
      LayoutFiles.shared("fixtures-real/fingertips/fingertipsR_writecsv_93861_new_series.csv"))
    let o = try observations(path)
    let set = try o.series()
    let trendIndex = try #require(o.table.index(of: "recent_trend"))
    let trends = o.table.columns[trendIndex].asText()
    func number(_ name: String, _ row: Int) -> Double {
      guard let index = o.table.index(of: name) else { return .nan }
      switch o.table.columns[index][row] {
      case .float(let v): return v
      case .integer(let v): return Double(v)
      default: return .nan
      }
    }
    var compared = 0
    for s in set.series {
      for (position, row) in s.rows.enumerated() where trends.isValid(row) {
        let label = "\(trends[row])"
        #expect(RecentTrend(rawValue: label) != nil, "unknown label \(label)")
        let upTo = Array(s.rows[...position])
        let result = recentTrend(
          values: upTo.map { number("value", $0) },
          lowerLimits: upTo.map { number("lower_ci", $0) },
          upperLimits: upTo.map { number("upper_ci", $0) },
          counts: upTo.map { number("count", $0) },
          denominators: upTo.map { number("denominator", $0) },
          periods: Array(s.periods[...position]), valueType: .proportion, polarity: .noJudgement)
        #expect(result.trend.rawValue == label, "series \(s.area ?? "") row \(row)")
        compared += 1
      }
    }
    // 382 rows carry a trend label (counted with Python's csv module).
    #expect(compared == 382)
  }
}
