import Foundation
import Indicators
import Testing

@testable import Reports

/// The rendered files of a shipped template on the service-access fixture, with the checkout's
/// absolute path (of the input and chain files) written as a relative one, so that goldens do
/// not depend on where the package is.
func renderFixture(_ name: String, outputPath: String) throws -> [RenderedFile] {
  let report = try MarkdownReport.shipped(name, templatesDirectory: MarkdownSupport.templates)
  return try report.render(serviceAccessModel(), outputPath: outputPath).map { file in
    let text = String(decoding: file.bytes, as: UTF8.self).replacingOccurrences(of: packageRoot + "/", with: "")
    return RenderedFile(path: file.path, bytes: Array(text.utf8))
  }
}

@Suite struct MarkdownReportTests {
  /// Each shipped template on the service-access fixture, against reviewed goldens (the
  /// Markdown and, for the briefs, every chart).
  @Test(arguments: MarkdownReport.shippedNames) func shippedGolden(_ name: String) throws {
    let files = try renderFixture(name, outputPath: "out/\(name).md")
    #expect(files[0].path == "out/\(name).md")
    for file in files {
      #expect(file.path.hasPrefix("out/"))
      // Charts are in the report's chart folder: out/indicator-brief-charts/1-90631.svg is the
      // golden indicator-brief-charts-1-90631.svg.
      try MarkdownSupport.assertGolden(file.bytes, named: String(file.path.dropFirst(4)).replacing("/", with: "-"))
    }
  }

  /// Charts are made only by a template that links them: the briefs, one per headline series
  /// (13 indicators in fixtures/chains/service-access.csv, each with a Northfield series without
  /// breakdown), none for the quarterly report.
  @Test func chartsOnlyWhenLinked() throws {
    let briefs = try renderFixture("indicator-brief", outputPath: "a b/brief.md")
    #expect(briefs.count == 1 + 13)
    #expect(briefs[1].path == "a b/brief-charts/1-90631.svg")
    let markdown = String(decoding: briefs[0].bytes, as: UTF8.self)
    for chart in briefs.dropFirst() {
      #expect(chart.path.hasPrefix(MarkdownReport.chartFolder(for: "a b/brief.md") + "/"))
      let name = String(chart.path.dropFirst("a b/".count))
      #expect(markdown.contains("](\(name))"), "the brief links \(name)")
    }
    #expect(try renderFixture("quarterly-report", outputPath: "q.md").count == 1)
  }

  /// The same inputs give the same bytes: the model built twice, rendered twice.
  @Test(arguments: MarkdownReport.shippedNames) func sameInputsSameBytes(_ name: String) throws {
    let a = try renderFixture(name, outputPath: "r.md")
    let b = try renderFixture(name, outputPath: "r.md")
    #expect(a == b)
  }

  /// Every table cmark-gfm renders has the rows and cells that were written (counted from the
  /// source by unescaped pipes), and the headline table has one row per headline series.
  @Test(arguments: MarkdownReport.shippedNames) func tablesIntactInCmark(_ name: String) throws {
    guard let cmark = MarkdownSupport.cmark else {
      print("skipped: \(MarkdownSupport.cmarkMissing)")
      return
    }
    let file = try renderFixture(name, outputPath: "r.md")[0]
    let html = try MarkdownSupport.html(file.bytes, cmark: cmark)
    let written = MarkdownSupport.writtenTables(String(decoding: file.bytes, as: UTF8.self))
    #expect(!written.isEmpty)
    #expect(MarkdownSupport.htmlTables(html) == written)
    if name == "quarterly-report" {
      // Header plus 13 headline series, 7 columns each (the template's headline table).
      #expect(written.first == Array(repeating: 7, count: 14))
    }
  }

  /// Each chart is an SVG 1.1 document that Python's XML parser reads, with one marker
  /// (`circle.value`) and one polyline vertex per value of its series: the counts of rows with
  /// a value and no deprivation group in fixtures/chains/service-access.csv, per indicator
  /// (counted with Python's csv module; no series there has a gap, so one line joins them all).
  @Test func chartsParseWithExpectedPoints() throws {
    guard let python = MarkdownSupport.python else {
      print("skipped: \(MarkdownSupport.pythonMissing)")
      return
    }
    let expected: [String: Int] = [
      "90631": 6, "SA_APPOINTMENTS": 6, "SA_AWARE": 3, "SA_CLINICS": 8, "SA_DENTAL_ACCESS": 6,
      "SA_DENTAL_CAPACITY": 6, "SA_DNA_RATE": 8, "SA_HV_VACANCY": 6, "SA_INTERPRETED": 6, "SA_MMR1": 6,
      "SA_REMINDERS": 6, "SA_REVIEW_COVERAGE": 8, "SA_SEEN_ON_TIME": 8,
    ]
    let charts = try renderFixture("indicator-brief", outputPath: "b.md").dropFirst()
    #expect(charts.count == expected.count)
    for chart in charts {
      let id = String(chart.path.dropFirst("b-".count).drop { $0 != "-" }.dropFirst().dropLast(4))
      let counts = try SVGCheck.counts(chart.bytes, python: python)
      #expect(counts.root == "{http://www.w3.org/2000/svg}svg" && counts.version == "1.1", "\(chart.path)")
      #expect(counts.markers == expected[id], "\(chart.path)")
      #expect(counts.vertices == expected[id], "\(chart.path)")
    }
  }

  /// The view model has exactly the fields of the schema, with and without a chain and
  /// changes.
  @Test func viewModelMatchesSchema() throws {
    var model = try serviceAccessModel()
    #expect(ViewSchema.mismatches(MarkdownView(model: model, chartFiles: [:]).root(), ViewSchema.root) == [])
    model.chain = nil
    model.changes = [ChangeNote(kind: .revised, subject: "SA_MMR1", text: "SA_MMR1 2022/23 was revised.")]
    #expect(ViewSchema.mismatches(MarkdownView(model: model, chartFiles: ["0": "x.svg"]).root(), ViewSchema.root) == [])
  }

  /// "Changes since the last run" appears only when the model says what changed (a job made
  /// it), with "Nothing changed" for an empty list.
  @Test func changesSectionOnlyFromJobs() throws {
    let report = try MarkdownReport.shipped("quarterly-report", templatesDirectory: MarkdownSupport.templates)
    var model = try serviceAccessModel()
    func text() throws -> String {
      String(decoding: try report.render(model, outputPath: "x.md")[0].bytes, as: UTF8.self)
    }
    #expect(!(try text()).contains("## Changes since the last run"))
    model.changes = []
    #expect(try text().contains("## Changes since the last run\n\nNothing changed since the last run.\n"))
    model.changes = [ChangeNote(kind: .revised, subject: "SA_MMR1", text: "SA_MMR1 2022/23 was *revised*.")]
    #expect(try text().contains("## Changes since the last run\n\n- SA_MMR1 2022/23 was \\*revised\\*.\n\n"))
  }
}

/// Runs Python's xml.etree on an SVG: the root tag, its version, the markers of values and
/// the vertices of the value polylines.
enum SVGCheck {
  struct Counts: Equatable {
    var root: String
    var version: String
    var markers: Int
    var vertices: Int
    var title: String
  }

  static let script = """
    import sys, xml.etree.ElementTree as ET
    root = ET.fromstring(sys.stdin.buffer.read())
    ns = '{http://www.w3.org/2000/svg}'
    markers = [e for e in root.iter(ns + 'circle') if e.get('class') == 'value']
    lines = [e for e in root.iter(ns + 'polyline') if e.get('class') == 'values']
    vertices = sum(len(e.get('points').split()) for e in lines)
    print(root.tag); print(root.get('version')); print(len(markers)); print(vertices)
    print(root.find(ns + 'title').text)
    """

  static func counts(_ svg: [UInt8], python: String) throws -> Counts {
    let out = try MarkdownSupport.run(python, ["-c", script], input: svg).split(
      separator: "\n", omittingEmptySubsequences: false)
    guard out.count >= 5 else { return Counts(root: "", version: "", markers: -1, vertices: -1, title: "") }
    return Counts(
      root: String(out[0]), version: String(out[1]), markers: Int(out[2]) ?? -1, vertices: Int(out[3]) ?? -1,
      title: String(out[4]))
  }
}

/// A chart with an interval and a benchmark, from a CSV written here: area E1 with 95%
/// intervals for four years, and the benchmark area ENG.
@Suite struct LineChartTests {
  @Test func intervalBandAndBenchmark() throws {
    guard let python = MarkdownSupport.python else {
      print("skipped: \(MarkdownSupport.pythonMissing)")
      return
    }
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let csv = """
      indicator_id,indicator_name,area_code,area_name,period,value,lower_ci,upper_ci
      X1,Smoking at delivery,E1,East,2020,12.0,10.5,13.5
      X1,Smoking at delivery,E1,East,2021,11.0,9.6,12.4
      X1,Smoking at delivery,E1,East,2022,10.2,8.9,11.5
      X1,Smoking at delivery,E1,East,2023,9.1,7.9,10.3
      X1,Smoking at delivery,ENG,England,2020,10.4,10.3,10.5
      X1,Smoking at delivery,ENG,England,2021,9.6,9.5,9.7
      X1,Smoking at delivery,ENG,England,2022,9.1,9.0,9.2
      X1,Smoking at delivery,ENG,England,2023,8.8,8.7,8.9

      """
    try csv.write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
    var options = ReportOptions()
    options.headlineArea = "E1"
    options.benchmarkArea = "ENG"
    let model = try ReportBuilder.build(
      inputs: [try InputLoader.load(path: dir + "/x.csv")], library: nil, chain: nil, options: options)
    let files = try MarkdownReport.shipped("indicator-brief", templatesDirectory: MarkdownSupport.templates)
      .render(model, outputPath: dir + "/b.md")
    #expect(files.count == 2)
    let script = """
      import sys, xml.etree.ElementTree as ET
      root = ET.fromstring(sys.stdin.buffer.read())
      ns = '{http://www.w3.org/2000/svg}'
      def cls(tag, c): return [e for e in root.iter(ns + tag) if e.get('class') == c]
      band = cls('polygon', 'interval')
      print(len(band), sum(len(e.get('points').split()) for e in band))
      print(len(cls('path', 'interval-bar')))
      print(sum(len(e.get('points').split()) for e in cls('polyline', 'benchmark')), len(cls('rect', 'benchmark-point')))
      print(len(cls('circle', 'value')), [t.text for t in cls('text', 'value-label')])
      print(cls('text', 'benchmark-label')[0].text)
      """
    let out = try MarkdownSupport.run(python, ["-c", script], input: files[1].bytes)
    // One band over the four years (4 upper + 4 lower vertices), four error bars, the England
    // line through its four values with four square markers, four labelled values, and the
    // benchmark labelled with its latest value. Two decimals: the model's rule for an
    // indicator without a definition whose values lie between 1 and 100.
    #expect(
      out == """
        1 8
        4
        4 4
        4 ['12.00', '11.00', '10.20', '9.10']
        benchmark ENG 8.80

        """)
  }
}
