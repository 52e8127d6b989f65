import Foundation
import Indicators
import Testing

@testable import Reports

/// The summary sentences of the Markdown report when indicators have several areas (no
/// headline area): each indicator's title is named once, with its areas grouped after it.
///
/// Hand-worked statuses (the Mann-Kendall test at 5%, two-sided, that judges every series):
/// five strictly monotone values have all 10 pairs in one direction, S = ±10, Var(S) =
/// n(n−1)(2n+5)/18 = 5·4·15/18 = 16.67 (no ties), z = (|S| − 1)/√16.67 = 2.205 and p =
/// 2(1 − Φ(2.205)) = 0.0275 < 0.05: significant, Sen's slope ±1. The values 12, 13, 12, 13, 12
/// have S = 0 (4 rising pairs, 4 falling, 2 tied), p = 1: no significant change. Checked with
/// pymannkendall 1.4.3, `original_test(x)`: S −10/10/0, var_s 16.67/16.67/12, p 0.0275/0.0275/1.
@Suite struct MarkdownSummaryTests {
  /// Builds a report from `csv` (columns indicator_id, area_code, area_name, period, value) with
  /// `definitions` (YAML items of one `health` domain file).
  static func model(csv: String, definitions: String) throws -> ReportModel {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/areas.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    let library = try DefinitionLibrary(texts: [
      (file: "t.yaml", text: "domain: health\nindicators:\n" + definitions)
    ])
    return try ReportBuilder.build(
      inputs: [try InputLoader.load(path: path)], library: library, chain: nil, options: ReportOptions())
  }

  static func definition(_ id: String, _ title: String, _ polarity: String) -> String {
    """
      - id: \(id)
        title: \(title)
        unit: per cent
        value-type: index
        multiplier: 1
        polarity: \(polarity)
        interval-method: none
        source:
          publisher: Backbone tests
          reference: tests

    """
  }

  /// Two indicators (both lower is better), three areas, 2019–2023:
  ///
  /// | indicator | Ashby (E1) | Brent (E2) | Carlow (E10) |
  /// |---|---|---|---|
  /// | CLIF Children in low income families | 10…14 rising: worsening | 30…26 falling: improving | 20…16 falling: improving |
  /// | SMK Smoking at time of delivery | 8…12 rising: worsening | 12, 13, 12, 13, 12: no significant change | 5…9 rising: worsening |
  ///
  /// Six headline series (every area's total, no headline area): 2 improving, 3 worsening,
  /// 1 no significant change. Areas are listed by code in natural order, so Carlow (E10) comes
  /// after Brent (E2) among the improving ones although "E10" < "E2" byte by byte; the rows are
  /// written in another order to show that the sentence does not follow the file. Brent's
  /// smoking series has no significant trend, so it is counted but not named.
  @Test func eachIndicatorTitleOnceWithItsAreas() throws {
    let rows: [(String, String, String, [Int])] = [
      ("CLIF", "E10", "Carlow", [20, 19, 18, 17, 16]),
      ("CLIF", "E2", "Brent", [30, 29, 28, 27, 26]),
      ("CLIF", "E1", "Ashby", [10, 11, 12, 13, 14]),
      ("SMK", "E10", "Carlow", [5, 6, 7, 8, 9]),
      ("SMK", "E1", "Ashby", [8, 9, 10, 11, 12]),
      ("SMK", "E2", "Brent", [12, 13, 12, 13, 12]),
    ]
    var csv = "indicator_id,area_code,area_name,period,value\n"
    for (id, code, name, values) in rows {
      for (k, v) in values.enumerated() { csv += "\(id),\(code),\(name),\(2019 + k),\(v)\n" }
    }
    let model = try Self.model(
      csv: csv,
      definitions: Self.definition("CLIF", "Children in low income families", "lower-is-better")
        + Self.definition("SMK", "Smoking at time of delivery", "lower-is-better"))
    #expect(model.headlineArea == nil)
    #expect(model.headlines.count == 6)

    let summary = MarkdownView(model: model, chartFiles: [:]).summary()
    let expected =
      "2 of 6 headline series (2 indicators in 3 areas) improved significantly; 3 worsened significantly. "
      + "1 showed no significant change. "
      + "Children in low income families: improving in Brent (E2) and Carlow (E10); worsening in Ashby (E1). "
      + "Smoking at time of delivery: worsening in Ashby (E1) and Carlow (E10)."
    #expect(summary["text"] == .text(expected))
    #expect(summary["worseningTitles"] == .text("Children in low income families and Smoking at time of delivery"))
    #expect(summary["worseningCount"] == .text("3"))
    #expect(summary["improvingCount"] == .text("2"))

    // Through the shipped template: the Summary section is that paragraph.
    let quarterly = try MarkdownReport.shipped("quarterly-report", templatesDirectory: MarkdownSupport.templates)
    let text = String(decoding: try quarterly.render(model, outputPath: "r.md")[0].bytes, as: UTF8.self)
    #expect(text.contains("\n## Summary\n\n" + expected + "\n\n"))
    // Each title once in the summary, however many areas it names.
    #expect(expected.components(separatedBy: "Smoking at time of delivery").count == 2)
    #expect(expected.components(separatedBy: "Children in low income families").count == 2)
  }

  /// One indicator without a definition (no better direction) rising in twelve areas A1…A12
  /// (2019–2023, 1…5 plus the area's number: significant as above, "increasing"): the summary
  /// names the first ten in natural order (A1, A2, …, A10, not A1, A10, A11, A12, A2, …) and
  /// counts the other two.
  @Test func atMostTenAreasNamedPerStatus() throws {
    var csv = "indicator_id,area_code,period,value\n"
    for a in [12, 3, 1, 10, 2, 11, 4, 5, 6, 7, 8, 9] {
      for year in 2019...2023 { csv += "I1,A\(a),\(year),\(a + year - 2018)\n" }
    }
    let model = try Self.model(csv: csv, definitions: Self.definition("OTHER", "Not in the data", "higher-is-better"))
    let summary = MarkdownView(model: model, chartFiles: [:]).summary()
    let expected =
      "0 of 12 headline series (1 indicator in 12 areas) improved significantly; 0 worsened significantly. "
      + "12 with no better direction changed significantly (12 up, 0 down). "
      + "I1: increasing in A1, A2, A3, A4, A5, A6, A7, A8, A9, A10 and 2 more areas."
    #expect(summary["text"] == .text(expected))
    #expect(summary["worseningTitles"] == .text(""))
  }

  /// With a headline area each indicator has one headline series, and the sentence is the
  /// one the golden quarterly report shows: titles of the worsening indicators, no areas.
  /// Here one area, Carlow (E10), which becomes the headline area, with both indicators
  /// rising (lower is better): both worsening.
  @Test func withAHeadlineAreaTheTitlesAlone() throws {
    var csv = "indicator_id,area_code,area_name,period,value\n"
    for (k, v) in [10, 11, 12, 13, 14].enumerated() { csv += "CLIF,E10,Carlow,\(2019 + k),\(v)\n" }
    for (k, v) in [5, 6, 7, 8, 9].enumerated() { csv += "SMK,E10,Carlow,\(2019 + k),\(v)\n" }
    let model = try Self.model(
      csv: csv,
      definitions: Self.definition("CLIF", "Children in low income families", "lower-is-better")
        + Self.definition("SMK", "Smoking at time of delivery", "lower-is-better"))
    let summary = MarkdownView(model: model, chartFiles: [:]).summary()
    #expect(
      summary["text"]
        == .text(
          "0 of 2 headline indicators improved significantly; "
            + "2 worsened significantly: Children in low income families and Smoking at time of delivery."))
  }
}
