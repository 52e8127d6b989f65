import Foundation
import Columnar
import Indicators
import ResultsChain
import Statistics
import Testing

@testable import Reports

/// The package root, from this file's path.
let packageRoot: String = {
  var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
  parts.removeLast(3)
  return parts.joined(separator: "/")
}()

/// The service-access example: its chain, its data and the bundled definitions.
func serviceAccessModel(period: String? = nil, fiscalStart: Int = 4) throws -> ReportModel {
  let library = try DefinitionLibrary(directory: packageRoot + "/indicators")
  let chain = try ResultsChain.load(path: packageRoot + "/indicators/chains/service-access.yaml", library: library)
  let input = try InputLoader.load(path: packageRoot + "/fixtures/chains/service-access.csv")
  var options = ReportOptions()
  options.fiscalYearStartMonth = fiscalStart
  options.period = try period.map { try Period.parse($0) }
  options.generatedAt = 1_700_000_000
  options.backboneVersion = "test"
  return try ReportBuilder.build(inputs: [input], library: library, chain: chain, options: options)
}

@Suite struct ReportBuilderTests {
  /// Values read by hand from fixtures/chains/service-access.csv and its chain file.
  @Test func serviceAccessByHand() throws {
    let m = try serviceAccessModel()
    // The latest values are for 2023/24 (a year) and 2023/24 Q4 (a quarter), both ending on
    // 31 March 2024: the shorter period is the reporting period.
    #expect(m.reportingPeriod.label == "2023/24 Q4")
    #expect(m.reportingPeriod.end == CalendarDate(year: 2024, month: 3, day: 31))
    #expect(m.headlineArea == AreaName(code: "N00000001", name: "Northfield"))
    #expect(m.fiscalYear.label == "2023/24")
    #expect(m.fiscalYear.quarters.map(\.label) == [
      "Q1 (Apr–Jun 2023)", "Q2 (Jul–Sep 2023)", "Q3 (Oct–Dec 2023)", "Q4 (Jan–Mar 2024)",
    ])
    let clinics = try #require(m.indicators.first { $0.id == "SA_CLINICS" })
    #expect(clinics.frequency == "quarterly")
    #expect(clinics.domain == .partnership)
    // SA_CLINICS,2023/24 Q1..Q4 = 64, 70, 76, 82.
    #expect(clinics.headline?.quarterValues == [64, 70, 76, 82])
    // SA_MMR1: baseline 86.0 (2018/19), latest 87.8, target 95: 1.8 / 9 = 20%.
    let mmr = try #require(m.indicators.first { $0.id == "SA_MMR1" }?.headline)
    #expect(abs((mmr.percentAchieved ?? 0) - 20) < 1e-9)
    #expect(mmr.fiscalYearValue == 87.8)
    // SA_AWARE is biennial; its latest value is for 2021/22, which ended two years before the
    // reporting period did.
    #expect(m.quality.staleIndicators == ["SA_AWARE"])
    // Deprivation quintiles "1 - most deprived" … "5 - least deprived", the total row left out.
    let school = try #require(m.inequalities.first { $0.indicator == "90631" && $0.dimension == "deprivation" })
    #expect(school.result.members.map(\.label) == ["1 - most deprived", "2", "3", "4", "5 - least deprived"])
    #expect(school.result.sii != nil)
    #expect(m.provenance.inputs[0].sha256.count == 64)
    // Every id is defined, by the library (90631) or by the chain (SA_*): no warning says
    // otherwise, and none is listed as undefined.
    #expect(!m.warnings.contains { $0.contains("not in the definitions") })
    #expect(m.quality.undefinedIndicators.isEmpty)
  }
}

@Suite struct ReportOptionsTests {
  /// 1,700,000,000 s after the epoch is 2023-11-14 22:13:20 UTC (`date -u -d @1700000000`);
  /// 951,782,400 is 2000-02-29 00:00:00 UTC, a leap day.
  @Test(arguments: [
    (Int64(0), "1970-01-01T00:00:00Z"), (1_700_000_000, "2023-11-14T22:13:20Z"), (951_782_400, "2000-02-29T00:00:00Z"),
  ])
  func isoTime(seconds: Int64, text: String) {
    #expect(ISOTime.string(seconds) == text)
  }

  @Test func sourceDateEpochWinsWhenItIsANumber() {
    #expect(ReportOptions.generationTime(environment: ["SOURCE_DATE_EPOCH": "1700000000"], now: 5) == (1_700_000_000, true))
    #expect(ReportOptions.generationTime(environment: ["SOURCE_DATE_EPOCH": "yesterday"], now: 5) == (5, false))
    #expect(ReportOptions.generationTime(environment: [:], now: 5) == (5, false))
  }

  /// An explicit period cuts later data: at 2023/24 Q2 the SA_CLINICS quarters are 64 and 70
  /// (Q1, Q2) and nothing after; the annual 2023/24 values are not yet in.
  @Test func explicitPeriodCutsLaterData() throws {
    let m = try serviceAccessModel(period: "2023/24 Q2")
    #expect(m.reportingPeriod.label == "2023/24 Q2")
    #expect(m.reportingPeriod.isExplicit)
    let clinics = try #require(m.indicators.first { $0.id == "SA_CLINICS" }?.headline)
    #expect(clinics.quarterValues == [64, 70, nil, nil])
    #expect(clinics.latest?.period == "2023/24 Q2")
    let mmr = try #require(m.indicators.first { $0.id == "SA_MMR1" }?.headline)
    #expect(mmr.latest?.period == "2022/23")
    #expect(mmr.fiscalYearValue == nil)
  }

  /// Calendar-year quarters: the fiscal year of 31 March 2024 is 2024, its Q1 January–March.
  @Test func calendarYearQuarters() throws {
    let m = try serviceAccessModel(fiscalStart: 1)
    #expect(m.fiscalYear.label == "2024")
    #expect(m.fiscalYear.quarters[0].label == "Q1 (Jan–Mar 2024)")
    let clinics = try #require(m.indicators.first { $0.id == "SA_CLINICS" }?.headline)
    // 2023/24 Q4 is January–March 2024, the first calendar quarter of 2024.
    #expect(clinics.quarterValues == [82, nil, nil, nil])
  }
}

/// The stale rule on hand-worked calendar cases: stale when the period after the latest one,
/// of the same length, ended before the reporting period did.
@Suite struct StaleRuleTests {
  static func point(_ start: (Int, Int, Int), _ end: (Int, Int, Int)) -> SeriesPoint {
    SeriesPoint(
      period: "p", start: CalendarDate(year: start.0, month: start.1, day: start.2)!,
      end: CalendarDate(year: end.0, month: end.1, day: end.2)!, value: 1)
  }

  @Test(arguments: [
    // One quarter behind is not stale: 2024 Q4 (Oct–Dec) against 2025 Q1 (ends 31 Mar); the
    // next quarter, 2025 Q1, ends on the reporting period's last day, not before it.
    ((2024, 10, 1), (2024, 12, 31), (2025, 3, 31), false),
    // Q2 (Apr–Jun) against Q3 (ends 30 Sep): the next quarter ends 30 Sep, not before.
    ((2024, 4, 1), (2024, 6, 30), (2024, 9, 30), false),
    // Two quarters behind: Q1 2024 against Q3 2024; Q2 ended 30 Jun, before 30 Sep.
    ((2024, 1, 1), (2024, 3, 31), (2024, 9, 30), true),
    // January against February, in a leap year and not: the next month is February itself.
    ((2024, 1, 1), (2024, 1, 31), (2024, 2, 29), false),
    ((2023, 1, 1), (2023, 1, 31), (2023, 2, 28), false),
    // February against April: March ended before April did.
    ((2023, 2, 1), (2023, 2, 28), (2023, 4, 30), true),
    // A year (2022/23, Apr–Mar) against 2023/24 Q4 (ends 31 Mar 2024): 2023/24 ends then too.
    ((2022, 4, 1), (2023, 3, 31), (2024, 3, 31), false),
    ((2021, 4, 1), (2022, 3, 31), (2024, 3, 31), true),
  ] as [((Int, Int, Int), (Int, Int, Int), (Int, Int, Int), Bool)])
  func calendarCases(start: (Int, Int, Int), end: (Int, Int, Int), reportingEnd: (Int, Int, Int), stale: Bool) {
    let r = CalendarDate(year: reportingEnd.0, month: reportingEnd.1, day: reportingEnd.2)!
    #expect(ReportBuilder.isStale(Self.point(start, end), reportingEnd: r) == stale)
  }
}

/// Inequality in a period whose label cannot be read is not dropped without a word.
@Suite struct InequalityPeriodTests {
  /// Three areas with values in 2020 (1, 2, 3), 2021 (10, 20, 30) and a period labelled
  /// "sometime" (100, 200, 300), which no period rule reads. The report keeps the inequality of
  /// 2021, the latest readable period (range 30 − 10 = 20), and warns that the one of
  /// "sometime" was left out, naming the label and the indicator.
  @Test func unreadablePeriodIsWarned() throws {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var csv = "indicator_id,area_code,period,value\n"
    for (k, area) in ["A1", "A2", "A3"].enumerated() {
      csv += "I1,\(area),2020,\(k + 1)\nI1,\(area),2021,\(10 * (k + 1))\nI1,\(area),sometime,\(100 * (k + 1))\n"
    }
    let path = dir + "/periods.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let input = try InputLoader.load(path: path)
    var options = ReportOptions()
    options.headlineArea = "A1"
    let model = try ReportBuilder.build(inputs: [input], library: nil, chain: nil, options: options)
    let areas = model.inequalities.filter { $0.dimension == "area" }
    #expect(areas.map(\.period) == ["2021"])
    #expect(areas.first?.result.measures.range == 20)
    let warning = model.warnings.first { $0.contains("inequality") && $0.contains("\"sometime\"") }
    #expect(warning != nil, "warnings: \(model.warnings)")
    #expect(warning?.contains("I1") == true)
  }
}

/// % of target achieved when the baseline is already past the target, through the report.
@Suite struct TargetAchievementReportTests {
  /// Through the report: X1 (higher is better, target 70 by 2026) has 80, 82, 85 in 2020–2022;
  /// X2 (lower is better, target 15 by 2026) has 10, 11, 12. Both baselines (the first values,
  /// 80 and 10) already meet their targets and both latest values still do: maintained, no
  /// percentage, target achieved, and the Markdown says so in words.
  @Test func baselinePastTheTargetInTheReport() throws {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let csv = "indicator_id,area_code,period,value\nX1,A,2020,80\nX1,A,2021,82\nX1,A,2022,85\nX2,A,2020,10\nX2,A,2021,11\nX2,A,2022,12\n"
    let path = dir + "/targets.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    func definition(_ id: String, _ polarity: String, _ target: Int) -> String {
      """
        - id: \(id)
          title: Test \(id)
          unit: per cent
          value-type: index
          multiplier: 1
          polarity: \(polarity)
          interval-method: none
          target:
            value: \(target)
            period: "2026"
          source:
            publisher: Backbone tests
            reference: tests

      """
    }
    let library = try DefinitionLibrary(texts: [
      (file: "t.yaml", text: "domain: health\nindicators:\n" + definition("X1", "higher-is-better", 70) + definition("X2", "lower-is-better", 15))
    ])
    let model = try ReportBuilder.build(
      inputs: [try InputLoader.load(path: path)], library: library, chain: nil, options: ReportOptions())
    for id in ["X1", "X2"] {
      let s = try #require(model.indicators.first { $0.id == id }?.headline)
      #expect(s.percentAchieved == nil, "\(id)")
      #expect(s.target?.status == .achieved, "\(id)")
    }
    let view = MarkdownView(model: model, chartFiles: [:])
    let x1 = try #require(model.headlines.first { $0.indicator.id == "X1" })
    #expect(view.targetProgress(x1.series, decimals: 0) == "target 70 by 2026 already met at the baseline (80) and still met")
  }
}

/// Which series are headlines: a breakdown value that is the only one the indicator has (a
/// Fingertips age band such as "30+ yrs" with no "All ages") is the indicator's whole
/// population, as "Persons" is; an indicator with several age bands and no total has no
/// headline; an empty breakdown (the total) beside one band leaves the band a subgroup.
/// Worked by hand from the rows below.
@Suite struct HeadlineBreakdownTests {
  @Test func singleValuedBreakdownsAreTheWholePopulation() throws {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var csv = "indicator_id,area_code,sex,age,period,value\n"
    for (y, v) in [(2019, 5.1), (2020, 5.3), (2021, 5.6)] {
      csv += "P1,E1,Persons,30+ yrs,\(y),\(v)\n"  // one age band: the whole population
      csv += "P2,E1,Persons,0-15 yrs,\(y),\(v)\nP2,E1,Persons,16-64 yrs,\(y),\(v + 1)\n"  // no total age
      csv += "P3,E1,Male,All ages,\(y),\(v)\nP3,E1,Persons,All ages,\(y),\(v + 2)\n"  // a total label
      csv += "P4,E1,,,\(y),\(v)\nP4,E1,,15-24 yrs,\(y),\(v + 3)\n"  // empty (the total) and one band
    }
    let path = dir + "/headlines.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    var options = ReportOptions()
    options.headlineArea = "E1"
    let model = try ReportBuilder.build(inputs: [try InputLoader.load(path: path)], library: nil, chain: nil, options: options)
    let headlines = model.headlines.map { h in "\(h.indicator.id) \(h.series.breakdown.map(\.value).joined(separator: "/"))" }
    #expect(headlines == ["P1 Persons/30+ yrs", "P3 Persons/All ages", "P4 "])
    // A headline that is not everyone says whom it covers: P1's age band; P3 (Persons, All
    // ages) and P4 (no breakdown) are everyone.
    #expect(model.headlines.map(\.series.scopeText) == ["age: 30+ yrs", "", ""])
    // The shipped report's headline table shows it after the title (no definitions: the
    // title is the id).
    let quarterly = try MarkdownReport.shipped("quarterly-report", templatesDirectory: MarkdownSupport.templates)
    let text = String(decoding: try quarterly.render(model, outputPath: "r.md")[0].bytes, as: UTF8.self)
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("| P") }
    #expect(rows.prefix(3).map { String($0.split(separator: "|", omittingEmptySubsequences: false)[1].dropFirst().dropLast()) } == [
      "P1 (age: 30+ yrs)", "P3", "P4",
    ])
  }
}
