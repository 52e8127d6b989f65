import Foundation
import Testing

/// `backbone report` end to end: what it writes, its exit codes, and that a failure leaves the
/// previous report in place.
@Suite struct ReportCLITests {
  static let data = "fixtures/chains/service-access.csv"
  static let chain = "indicators/chains/service-access.yaml"

  func report(_ extra: [String], in dir: URL, epoch: String = "1700000000") throws -> Run {
    try backbone(
      ["report", root.path + "/" + Self.data, "--chain", root.path + "/" + Self.chain, "--fiscal-year-start", "April",
       "--indicators", root.path + "/indicators", "--templates", root.path + "/templates"] + extra,
      in: dir, environment: ["SOURCE_DATE_EPOCH": epoch])
  }

  /// Both outputs from one run; the same inputs and SOURCE_DATE_EPOCH give the same bytes.
  @Test func writesBothAndRepeatsByteForByte() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = try report(["--xlsx", "a.xlsx", "--md", "a.md"], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    // The paths written, on standard output.
    #expect(first.stdout == "a.xlsx\na.md\n")
    let second = try report(["--xlsx", "b.xlsx", "--md", "b.md"], in: dir)
    #expect(second.status == 0)
    let a = try Data(contentsOf: dir.appendingPathComponent("a.xlsx"))
    let b = try Data(contentsOf: dir.appendingPathComponent("b.xlsx"))
    #expect(a == b)
    #expect(try Data(contentsOf: dir.appendingPathComponent("a.md")) == Data(contentsOf: dir.appendingPathComponent("b.md")))
    // 2023-11-14T22:13:20Z is 1,700,000,000 s after the epoch.
    #expect(try String(contentsOf: dir.appendingPathComponent("a.md"), encoding: .utf8).contains("2023-11-14T22:13:20Z"))
  }

  /// A template that names a field the model does not have fails with 65, before any data is
  /// read, and the previous report stays as it was.
  @Test func badTemplateIs65AndKeepsThePreviousReport() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "previous report\n".write(to: dir.appendingPathComponent("r.md"), atomically: true, encoding: .utf8)
    try "# {{title}}\n\n{{no_such_field}}\n".write(to: dir.appendingPathComponent("t.md.mustache"), atomically: true, encoding: .utf8)
    let run = try report(["--md", "r.md", "--template", "t.md.mustache"], in: dir)
    #expect(run.status == 65, "\(run.stderr)")
    #expect(run.stderr.contains("t.md.mustache:3:"))
    #expect(try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8) == "previous report\n")
  }

  @Test func missingInputIs66() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try backbone(["report", "nowhere.csv", "--md", "r.md", "--templates", root.path + "/templates"], in: dir)
    #expect(run.status == 66, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.md").path))
  }

  /// An output directory that does not exist: 73, and nothing written.
  @Test func unwritableOutputIs73() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try report(["--xlsx", "missing-dir/pack.xlsx"], in: dir)
    #expect(run.status == 73, "\(run.stderr)")
  }

  /// A shipped template name that does not exist is a missing file: 66, with the names that do.
  @Test func unknownShippedTemplateIs66() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try report(["--md", "r.md", "--template", "quarterly-reprot"], in: dir)
    #expect(run.status == 66, "\(run.stderr)")
    #expect(run.stderr.contains("did you mean \"quarterly-report\""))
  }

  /// A file whose values are all missing has nothing to report: 65, not a report dated 1970.
  @Test func noValuesIs65() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "indicator_id,area_code,period,value\nA,X,2024,\nA,X,2025,*\n".write(
      to: dir.appendingPathComponent("empty.csv"), atomically: true, encoding: .utf8)
    let run = try backbone(["report", "empty.csv", "--md", "r.md", "--templates", root.path + "/templates"], in: dir)
    #expect(run.status == 65, "\(run.stderr)")
    #expect(run.stderr.contains("no observation has a value"))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.md").path))
  }

  /// An output that is one of the inputs is a usage error (64) naming both, found before
  /// anything is read: by the same path, through a symbolic link to the input, through a hard
  /// link to it, and for the chain file. The input is left as it was each time.
  @Test(arguments: ["same", "symlink", "hardlink", "chain"]) func outputThatIsAnInputIs64(_ how: String) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = "indicator_id,area_code,period,value\nA,X,2022,1\nA,X,2023,2\nA,X,2024,3\n"
    try data.write(to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      at: root.appendingPathComponent(Self.chain), to: dir.appendingPathComponent("chain.yaml"))
    let chainBefore = try Data(contentsOf: dir.appendingPathComponent("chain.yaml"))
    var output = "data.csv"
    var extra: [String] = []
    switch how {
    case "symlink":
      output = "link.md"
      try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(output).path, withDestinationPath: "data.csv")
    case "hardlink":
      output = "hard.md"
      try FileManager.default.linkItem(at: dir.appendingPathComponent("data.csv"), to: dir.appendingPathComponent(output))
    case "chain":
      output = "chain.yaml"
      extra = ["--chain", "chain.yaml"]
    default: break
    }
    let run = try backbone(
      ["report", "data.csv", "--md", output, "--templates", root.path + "/templates"] + extra, in: dir)
    #expect(run.status == 64, "\(how): \(run.stderr)")
    let input = how == "chain" ? "chain.yaml" : "data.csv"
    #expect(run.stderr.contains("--md \(output) is the input \(input)"), "\(how): \(run.stderr)")
    #expect(run.stdout.isEmpty)
    #expect(try String(contentsOf: dir.appendingPathComponent("data.csv"), encoding: .utf8) == data)
    #expect(try Data(contentsOf: dir.appendingPathComponent("chain.yaml")) == chainBefore)
  }

  /// Two outputs that are one file are refused too (64).
  @Test func twoOutputsOneFileIs64() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try report(["--xlsx", "r.xlsx", "--md", "r.xlsx"], in: dir)
    #expect(run.status == 64, "\(run.stderr)")
    #expect(run.stderr.contains("--xlsx r.xlsx and --md r.xlsx are the same file"))
  }

  /// Charts of indicators no longer in the report are removed when it is rendered again: the
  /// briefs of I1 and I2 write two charts; with I2 gone from the data, the second run keeps
  /// I1's chart, removes I2's (the path the first run printed), and leaves a file of the
  /// user's in the chart folder alone.
  @Test func chartsOfIndicatorsNowGoneAreRemoved() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func data(_ ids: [String]) throws {
      var csv = "indicator_id,area_code,period,value\n"
      for id in ids { for year in 2021...2023 { csv += "\(id),X,\(year),\(year - 2000)\n" } }
      try csv.write(to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    }
    let arguments = ["report", "data.csv", "--md", "brief.md", "--template", "indicator-brief", "--templates", root.path + "/templates"]
    try data(["I1", "I2"])
    let first = try backbone(arguments, in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    let charts = first.stdout.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".svg") }
    #expect(charts.count == 2)
    for chart in charts { #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(chart).path)) }
    let folder = dir.appendingPathComponent(charts[0]).deletingLastPathComponent()
    try "mine".write(to: folder.appendingPathComponent("notes.svg"), atomically: true, encoding: .utf8)
    try data(["I1"])
    let second = try backbone(arguments, in: dir)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout == "brief.md\n\(charts[0])\n")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(charts[0]).path))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(charts[1]).path))
    #expect(try String(contentsOf: folder.appendingPathComponent("notes.svg"), encoding: .utf8) == "mine")
  }

  /// `--md-series`: twelve areas and no headline area. By default the report's table of the
  /// indicator lists 10 series and says 2 more are in the workbook; with `all`, 12; a value
  /// that is neither is a usage error (64).
  @Test func mdSeries() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "indicator_id,area_code,period,value\n"
    for a in 1...12 { for year in 2021...2023 { csv += "I1,B\(a),\(year),\(a + year - 2020)\n" } }
    try csv.write(to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    func rows(_ extra: [String]) throws -> (Int32, [Substring], String) {
      let run = try backbone(["report", "data.csv", "--md", "r.md", "--templates", root.path + "/templates"] + extra, in: dir)
      let text = (try? String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)) ?? ""
      let section = text.components(separatedBy: "\n### I1\n").last?.components(separatedBy: "\n## ").first ?? ""
      return (run.status, section.split(separator: "\n").filter { $0.hasPrefix("| B") }, text)
    }
    let headline = try rows([])
    #expect(headline.0 == 0)
    #expect(headline.1.count == 10)
    #expect(headline.2.contains("2 more series of this indicator are not listed here; the workbook has them all."))
    let all = try rows(["--md-series", "all"])
    #expect(all.0 == 0)
    #expect(all.1.count == 12)
    let bad = try backbone(["report", "data.csv", "--md", "r.md", "--md-series", "every"], in: dir)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--md-series"))
  }

  @Test func needsAnOutput() throws {
    let run = try backbone(["report", Self.data])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--xlsx FILE, --md FILE, or both"))
  }
}

/// `backbone report` run from a folder that has no templates/ finds the shipped templates
/// beside its executable (the build of this checkout), for both outputs.
@Suite struct ReportFromAnyFolderTests {
  @Test func reportWithoutTemplatesOptionFromAnotherFolder() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try backbone(
      ["report", root.path + "/" + ReportCLITests.data, "--xlsx", "a.xlsx", "--md", "a.md"], in: dir,
      environment: ["SOURCE_DATE_EPOCH": "1700000000", "BACKBONE_TEMPLATES": ""])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "a.xlsx\na.md\n")
    let md = try String(contentsOf: dir.appendingPathComponent("a.md"), encoding: .utf8)
    #expect(md.contains("## Summary"))
  }

  /// A templates folder that does not hold them: exit 66 (missing input) naming the places.
  @Test func aWrongTemplatesFolderIsAnErrorWithAHint() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try backbone(
      ["report", root.path + "/" + ReportCLITests.data, "--md", "a.md", "--templates", dir.path], in: dir)
    #expect(run.status == 66)
    #expect(run.stderr.contains("cannot find the shipped template \"quarterly-report\""), "\(run.stderr)")
    #expect(run.stderr.contains("\(dir.path) does not hold Backbone's templates"), "\(run.stderr)")
    #expect(run.stderr.contains("pass --templates DIR"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a.md").path))
  }
}
