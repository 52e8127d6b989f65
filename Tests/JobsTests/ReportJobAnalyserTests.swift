import Foundation
import Indicators
import Testing

@testable import Jobs

/// The analyser (Reports' loader and builder) on the bundled fixtures; expected values are read off the CSV files
/// (fixtures/owid-child-mortality-3-countries.csv lines 3 and 14; fixtures/chains/
/// healthy-weight.csv, indicator 20601 for N00000001 in 2023/24).
@Suite struct ReportJobAnalyserTests {
  static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  func job(period: String) throws -> Job {
    try Job.parse(
      yaml: """
        name: t
        inputs:
          - fixtures/owid-child-mortality-3-countries.csv
          - {path: fixtures/chains/healthy-weight.csv, layout: generic}
        indicators: indicators
        period: \(period)
        fiscal_year_start: april
        outputs: {md: out.md}
        """, file: Self.repository + "/t.yaml")
  }

  @Test func keyResultsValuesAndStaleness() throws {
    let job = try job(period: "latest")
    let inputs = try JobRunner.expand(job)
    let analysis = try ReportJobAnalyser().analyse(job, inputs: inputs, now: Date(timeIntervalSince1970: 0))
    // The latest period with a value is 2023/24 (healthy weight); the OWID series end in 2022
    // (calendar year), which ends before 2023/24 starts (April 2023): stale.
    #expect(analysis.period == "2023/24")
    let bgd = try #require(analysis.series.first { $0.key == SeriesKey(indicator: "Under-five mortality rate", area: "BGD") })
    #expect(bgd.latestPeriod == "2022")
    #expect(bgd.latestValue == 2.8775158)
    #expect(bgd.values.first == PeriodValue(period: "2010", order: "2010-01-01/2010-12-31", value: 4.9121737))
    #expect(bgd.values.count == 13)
    #expect(bgd.isStale)
    let reception = try #require(analysis.series.first { $0.key == SeriesKey(indicator: "20601", area: "N00000001") })
    #expect(reception.latestPeriod == "2023/24" && reception.latestValue == 21.4)
    #expect(reception.benchmark == "similar")
    #expect(!reception.isStale)
    // Stale indicators: OWID's (three areas, one indicator) and NHW_PRACTITIONERS, whose last
    // value in healthy-weight.csv is for 2021/22 (found with Python's csv module: the latest
    // period with a value per indicator, area and deprivation, compared with 2023/24).
    #expect(Set(analysis.series.filter(\.isStale).map(\.key.indicator)) == ["Under-five mortality rate", "NHW_PRACTITIONERS"])
    #expect(analysis.staleIndicators == 2)
    #expect(analysis.inputs.map(\.rows) == [39, 180])
    #expect(analysis.inputs[0].sha256.count == 64)
  }

  /// On 30 November 2026 with an April fiscal year, the quarter running is FY2026-Q3
  /// (October-December), so the latest complete one is FY2026-Q2: July-September 2026.
  @Test func latestCompleteQuarter() throws {
    let job = try job(period: "latest-complete-quarter")
    let now = Date(timeIntervalSince1970: 1_795_996_800)  // 2026-11-30T00:00:00Z
    let period = try ReportJobAnalyser().reportingPeriod(job, now: now)
    #expect(period?.label == "FY2026-Q2")
    #expect(period?.start.description == "2026-07-01")
    #expect(period?.end.description == "2026-09-30")
  }
}
