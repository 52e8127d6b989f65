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

  /// A job writing the indicator brief of `data.csv` (three years of a value for each
  /// indicator id given to `data`, in one area) into a temporary folder.
  func briefJob() throws -> (folder: String, job: Job, runner: JobRunner, data: ([String]) throws -> Void) {
    let folder = try temporaryFolder()
    let data = { (ids: [String]) throws -> Void in
      var csv = "indicator_id,area_code,period,value\n"
      for id in ids { for year in 2021...2023 { csv += "\(id),X,\(year),\(year - 2000)\n" } }
      try write(csv, to: folder + "/data.csv")
    }
    try write(
      "name: t\ninputs: data.csv\noutputs: {md: out/brief.md}\nmarkdown_template: indicator-brief\ntemplates: \(Self.repository)/templates\n",
      to: folder + "/t.yaml")
    return (folder, try Job.load(path: folder + "/t.yaml"), JobRunner(analyser: ReportJobAnalyser(generatedAt: 0)), data)
  }

  /// A job's Markdown briefs: the run with I1 and I2 writes two charts; after I2 leaves the
  /// input, the next run removes I2's chart (it would otherwise stay beside the report) and
  /// keeps I1's; a dry run only says it would remove.
  @Test func chartsOfIndicatorsNowGoneAreRemoved() throws {
    let (folder, job, runner, data) = try briefJob()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try data(["I1", "I2"])
    let first = runner.run(job, logger: quietLogger)
    #expect(first.exitCode == 0, "\(first.error?.description ?? "")")
    #expect(first.outputs == [folder + "/out/brief.md", folder + "/out/brief-charts/1-I1.svg", folder + "/out/brief-charts/2-I2.svg"])
    try data(["I1"])
    let dry = runner.run(job, dryRun: true, logger: quietLogger)
    #expect(dry.exitCode == 0)
    #expect(FileManager.default.fileExists(atPath: folder + "/out/brief-charts/2-I2.svg"))
    let second = runner.run(job, logger: quietLogger)
    #expect(second.exitCode == 0, "\(second.error?.description ?? "")")
    #expect(FileManager.default.fileExists(atPath: folder + "/out/brief-charts/1-I1.svg"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/out/brief-charts/2-I2.svg"))
  }

  /// The run history records the charts a run removed. First run: eleven indicators I1…I11 in
  /// one area, so the brief draws one chart per indicator, `1-I1.svg` … `11-I11.svg` (the
  /// charts are numbered in indicator order, and I2 comes before I10 in natural order). Second
  /// run: only I1 is left, so the ten others are stale; the record lists them in natural order
  /// (2-I2 … 9-I9, then 10-I10 and 11-I11, where byte order would put 10- and 11- first), the
  /// files are gone, and the first run's record and the dry run (not recorded) list nothing.
  @Test func removedChartsAreRecordedInTheRunHistory() throws {
    let (folder, job, runner, data) = try briefJob()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let charts = folder + "/out/brief-charts/"
    try data((1...11).map { "I\($0)" })
    let first = runner.run(job, logger: quietLogger)
    #expect(first.exitCode == 0, "\(first.error?.description ?? "")")
    #expect(first.outputs == [folder + "/out/brief.md"] + (1...11).map { charts + "\($0)-I\($0).svg" })

    try data(["I1"])
    #expect(runner.run(job, dryRun: true, logger: quietLogger).exitCode == 0)
    let second = runner.run(job, logger: quietLogger)
    #expect(second.exitCode == 0, "\(second.error?.description ?? "")")
    let stale = (2...11).map { charts + "\($0)-I\($0).svg" }
    for path in stale { #expect(!FileManager.default.fileExists(atPath: path), "\(path) left") }
    #expect(FileManager.default.fileExists(atPath: charts + "1-I1.svg"))

    let history = try HistoryStore.open(path: job.historyPath)
    let runs = try history.runs()
    #expect(runs.map(\.id) == [first.runID, second.runID].compactMap { $0 })
    #expect(runs.map(\.removedFiles) == [[], stale])
    #expect(try history.run(try #require(second.runID))?.removedFiles == stale)
  }
}
