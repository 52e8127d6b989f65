import Foundation
import Indicators
import Testing

@testable import Reports

/// Which series the Markdown report lists (`--md-series`): the workbook has them all, the
/// report only those a reader needs.
@Suite struct MarkdownSeriesTests {
  /// Indicator I1 in twelve areas A01…A12 (2021–2023), and in A01 by sex (Female, Male) too:
  /// 14 series. Rows of the quarterly report's I1 table start with "| A"; rows of its headline
  /// table with "| I1".
  static func model(headlineArea: String?, benchmark: String? = nil) throws -> ReportModel {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var csv = "indicator_id,area_code,period,sex,value\n"
    for a in 1...12 {
      let area = a < 10 ? "A0\(a)" : "A\(a)"
      for year in 2021...2023 { csv += "I1,\(area),\(year),,\(a + year - 2020)\n" }
    }
    for sex in ["Female", "Male"] { for year in 2021...2023 { csv += "I1,A01,\(year),\(sex),\(year - 2000)\n" } }
    let path = dir + "/areas.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    var options = ReportOptions()
    options.headlineArea = headlineArea
    options.benchmarkArea = benchmark
    return try ReportBuilder.build(inputs: [try InputLoader.load(path: path)], library: nil, chain: nil, options: options)
  }

  /// The rows starting with `prefix` of the headline table (`| I1`) or of I1's own section
  /// (`| A`, from its heading "### I1" to the next section; its header row "| Area" left out).
  static func rows(_ files: [RenderedFile], prefix: String) -> [String] {
    var text = String(decoding: files[0].bytes, as: UTF8.self)
    if prefix == "| A", let start = text.range(of: "\n### I1\n") {
      text = String(text[start.upperBound...])
      if let end = text.range(of: "\n## ") { text = String(text[..<end.lowerBound]) }
    }
    return text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) && !$0.hasPrefix("| Area") }
  }

  /// No headline area: every area's total series is a headline (12) and I1 has 14 series. The
  /// report lists the first 10 of each in series order, headlines first, areas in natural
  /// order: the totals of A01…A10 both times (A11, A12 and A01's Female and Male series left
  /// out), and says how many more there are: 12 − 10 = 2 headlines, 14 − 10 = 4 series. Charts
  /// are drawn for the 10 listed headlines.
  @Test func withoutAHeadlineAreaAtMostTenPerIndicator() throws {
    let model = try Self.model(headlineArea: nil)
    #expect(model.indicators[0].series.count == 14)
    let quarterly = try MarkdownReport.shipped("quarterly-report", templatesDirectory: MarkdownSupport.templates)
    let files = try quarterly.render(model, outputPath: "r.md")
    #expect(Self.rows(files, prefix: "| I1").count == 10)
    let series = Self.rows(files, prefix: "| A")
    #expect(series.count == 10)
    #expect(series.first?.hasPrefix("| A01 |  |") == true)
    #expect(series.last?.hasPrefix("| A10 |  |") == true)
    let text = String(decoding: files[0].bytes, as: UTF8.self)
    #expect(text.contains("\n2 more headline series (other areas) are not listed here; the workbook has them all.\n"))
    #expect(text.contains("\n4 more series of this indicator are not listed here; the workbook has them all.\n"))
    let briefs = try MarkdownReport.shipped("indicator-brief", templatesDirectory: MarkdownSupport.templates)
    #expect(try briefs.render(model, outputPath: "b.md").count == 1 + 10)
  }

  /// Headline area A01 and benchmark A12: the report lists A01's three series (total, Female,
  /// Male) and A12's, and leaves out the ten other areas.
  @Test func headlineAreaAndBenchmark() throws {
    let model = try Self.model(headlineArea: "A01", benchmark: "A12")
    let quarterly = try MarkdownReport.shipped("quarterly-report", templatesDirectory: MarkdownSupport.templates)
    let files = try quarterly.render(model, outputPath: "r.md")
    #expect(Self.rows(files, prefix: "| A").map { String($0.prefix(6)) } == ["| A01 ", "| A01 ", "| A01 ", "| A12 "])
    #expect(Self.rows(files, prefix: "| I1").count == 1)
    let text = String(decoding: files[0].bytes, as: UTF8.self)
    #expect(text.contains("\n10 more series of this indicator are not listed here; the workbook has them all.\n"))
    #expect(!text.contains("more headline series"))
  }

  /// `all` lists every series (14) and every headline (12), and says nothing is left out.
  @Test func allListsEverySeries() throws {
    let model = try Self.model(headlineArea: nil)
    let quarterly = try MarkdownReport.shipped("quarterly-report", templatesDirectory: MarkdownSupport.templates)
    let files = try quarterly.render(model, outputPath: "r.md", series: .all)
    #expect(Self.rows(files, prefix: "| A").count == 14)
    #expect(Self.rows(files, prefix: "| I1").count == 12)
    #expect(!String(decoding: files[0].bytes, as: UTF8.self).contains("not listed here"))
  }
}
