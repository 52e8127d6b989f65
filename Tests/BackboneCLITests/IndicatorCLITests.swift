import Foundation
import Testing

/// `convert --canonical`, `inspect` on layouts and `analyze`, through the built binary. The
/// goldens were reviewed against the inputs: the canonical rows against the SDMX fixture's
/// lines, the analysis against the values checked in SeriesAnalysisTests and by hand.
@Suite struct IndicatorCLITests {
  @Test func canonicalSDMXGolden() throws {
    let r = try backbone(["convert", "--canonical", "fixtures/sdmx-oecd-life-expectancy.csv", "-o", "-"])
    #expect(r.status == 0)
    #expect(r.stderr == "")
    try assertSnapshot(r.stdout, named: "canonical-sdmx-oecd.csv")
  }

  @Test func canonicalJSONLinesHasNullsAndReasons() throws {
    let r = try backbone(["convert", "--canonical", "fixtures/sdmx-eurostat-life-expectancy.csv", "-o", "-", "--format", "jsonl"])
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[2].contains("\"absence_reason\":\"suppressed\""))
    #expect(lines[2].contains("\"value\":null"))
    #expect(lines[0].contains("\"period_start\":\"2021-01-01\""))
  }

  @Test func analyzeMarkdownGolden() throws {
    let r = try backbone(["analyze", "fixtures/owid-child-mortality-3-countries.csv", "--format", "md"])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "analyze-owid.md")
  }

  @Test func analyzeCSVGolden() throws {
    let r = try backbone(["analyze", "fixtures/owid-child-mortality-3-countries.csv", "--format", "csv"])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "analyze-owid.csv")
  }

  @Test func analyzeJSONIsOneDocument() throws {
    let r = try backbone(["analyze", "fixtures/owid-child-mortality-3-countries.csv", "--json"])
    #expect(r.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(object?["schemaVersion"] as? Int == 1)
    let series = object?["series"] as? [[String: Any]]
    #expect(series?.count == 3)
    #expect(series?.first?["status"] as? String == "improving")
    #expect(series?.first?["target"] is NSNull)
  }

  @Test func analyzeWritesAtomicallyToAFile() throws {
    let dir = try temporaryDirectory()
    let out = dir.appendingPathComponent("analysis.csv").path
    let r = try backbone(["analyze", "fixtures/owid-child-mortality-3-countries.csv", "-o", out, "--quiet"])
    #expect(r.status == 0)
    #expect(r.stdout == "" && r.stderr == "")
    let written = try String(contentsOfFile: out, encoding: .utf8)
    #expect(written.hasPrefix("indicator_id,indicator_title,area_code,"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["analysis.csv"])
  }

  /// `--format summary` counts statuses without assembling results (its own code path); the
  /// counts must equal those of the listed results, and the verbose checksums must be the
  /// same, on a real export with every kind of status (World Bank physicians per 1,000: 256
  /// series, 156 improving, 7 worsening, 79 without significant change, 14 too short).
  @Test func summaryAgreesWithTheListedResults() throws {
    let file = "fixtures/worldbank-physicians-per-1000.csv"
    let summary = try backbone(["analyze", file, "--format", "summary", "--verbose"])
    let listed = try backbone(["analyze", file, "--json", "--verbose"])
    #expect(summary.status == 0 && listed.status == 0)
    func checksums(_ stderr: String) -> String? { stderr.split(separator: "\n").first { $0.contains("checksums:") }.map(String.init) }
    #expect(checksums(summary.stderr) != nil)
    #expect(checksums(summary.stderr) == checksums(listed.stderr))
    let document = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
    let statuses = (document?["series"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
    #expect(statuses.count == 256)
    // The summary's last row: "all", the number of series, then one count per status in the
    // order of its header.
    let lines = summary.stdout.split(separator: "\n")
    let header = lines.first.map(String.init) ?? ""
    let all = lines.last?.split(separator: " ").map(String.init) ?? []
    #expect(all.first == "all" && all.count == 8)
    let names = ["improving", "worsening", "increasing", "decreasing", "no significant change", "not enough data"]
    #expect(names.allSatisfy { header.contains($0) })
    let expected = [statuses.count] + names.map { s in statuses.filter { $0 == s }.count }
    #expect(all.dropFirst().compactMap { Int($0) } == expected)
    #expect(expected == [256, 156, 7, 0, 0, 79, 14])
  }

  /// `--format summary` reads only the columns statuses depend on (`--verbose` says which were
  /// not read); its counts and checksums equal those of the listing, which reads every column.
  /// Long layouts of five kinds, one with a row-number column and `NA`s (Fingertips re-saved by
  /// R), one with an ACTION column (SDMX).
  @Test(arguments: [
    "fixtures/fingertips-30101-first300.csv", "fixtures/un-sdg-food-waste.csv", "fixtures/sdmx-oecd-life-expectancy.csv",
    "fixtures/dhis2-analytics-ids.csv", "fixtures/open-sdg-3-2-1.csv",
  ])
  func projectedSummaryAgreesWithTheListing(file: String) throws {
    let summary = try backbone(["analyze", file, "--format", "summary", "--verbose"])
    let listed = try backbone(["analyze", file, "--json", "--verbose"])
    #expect(summary.status == 0 && listed.status == 0, "\(summary.stderr)")
    #expect(summary.stderr.contains("not read (not needed here, but checked):"))
    #expect(!listed.stderr.contains("not read"))
    func checksums(_ stderr: String) -> String? { stderr.split(separator: "\n").first { $0.contains("checksums:") }.map(String.init) }
    #expect(checksums(summary.stderr) != nil)
    #expect(checksums(summary.stderr) == checksums(listed.stderr))
    let document = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
    let statuses = (document?["series"] as? [[String: Any]] ?? []).compactMap { $0["status"] as? String }
    let all = summary.stdout.split(separator: "\n").last?.split(separator: " ").map(String.init) ?? []
    let names = ["improving", "worsening", "increasing", "decreasing", "no significant change", "not enough data"]
    #expect(all.dropFirst().compactMap { Int($0) } == [statuses.count] + names.map { s in statuses.filter { $0 == s }.count })
  }

  /// A projected summary rejects the records the listing rejects (here for `abc` in a column
  /// declared a number, which is therefore read) and counts the same; its warnings are among
  /// the listing's (those about columns it does not read, such as text in a count or limits
  /// computed from counts, are left to the other formats). Inputs written by hand; indicator
  /// 91040 is a proportion with Wilson intervals in indicators/.
  @Test(arguments: [
    ("indicator,area,period,value,count,denominator\nI1,A,2018,1.0,<5,100\nI1,A,2019,2.0,7,100\nI1,A,2020,3.0,8,100\n", [String]()),
    ("indicator,area,period,value,count,denominator\n91040,A,2018,10.0,10,100\n91040,A,2019,20.0,20,100\n91040,A,2020,30.0,30,100\n", []),
    ("indicator,area,name,period,value,lower_ci\nI1,A,x,2018,1.0,0.5\nI1,A,x,2019,2.0,abc\nI1,A,x,2020,3.0,2.5\nI1,A,x,2021,4.0,3.5\n",
     ["--type", "lower_ci=float", "--bad-rows", "quarantine"]),
  ])
  func projectedSummaryRejectsLikeTheListing(csv: String, flags: [String]) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try csv.write(to: dir.appendingPathComponent("in.csv"), atomically: true, encoding: .utf8)
    func run(_ format: String, _ extra: [String] = []) throws -> Run {
      try backbone(
        ["analyze", "in.csv", "--format", format, "--indicators", root.path + "/indicators", "--rejected", format + ".rejected.csv"]
          + flags + extra, in: dir)
    }
    let summary = try run("summary", ["--verbose"]), listed = try run("json", ["--verbose"])
    #expect(summary.status == 0 && listed.status == 0, "\(summary.stderr)")
    func checksums(_ stderr: String) -> String? { stderr.split(separator: "\n").first { $0.contains("checksums:") }.map(String.init) }
    #expect(checksums(summary.stderr) != nil)
    #expect(checksums(summary.stderr) == checksums(listed.stderr))
    let warnings = { (r: Run) in r.stderr.split(separator: "\n").filter { $0.contains("warning:") || $0.contains("rejected") } }
    let listedWarnings = Set(warnings(listed).map { $0.replacingOccurrences(of: "json.rejected", with: "X") })
    #expect(warnings(summary).allSatisfy { listedWarnings.contains($0.replacingOccurrences(of: "summary.rejected", with: "X")) })
    let rejected = { (name: String) in try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
    #expect(rejected("summary.rejected.csv") == rejected("json.rejected.csv"))
    if flags.contains("quarantine") { #expect(rejected("summary.rejected.csv") != nil) }
  }

  @Test func unknownLayoutExits65WithCandidates() throws {
    let r = try backbone(["analyze", "fixtures/gapminder.csv"])
    #expect(r.status == 65)
    #expect(r.stdout == "")
    #expect(r.stderr.contains("fixtures/gapminder.csv:1: error: the header matches no known layout"))
    #expect(r.stderr.contains("hint: name the columns with --indicator-col"))
  }

  @Test func mappingFlagsMakeAnyLongTableWork() throws {
    let r = try backbone([
      "analyze", "fixtures/gapminder.csv", "--area-col", "country", "--value-col", "lifeExp", "--indicator-id", "lifeExp",
      "--format", "csv",
    ])
    #expect(r.status == 0)
    #expect(r.stdout.split(separator: "\n").count == 143)  // header + 142 countries
  }

  @Test func mappingFileErrorsExit65WithLineAndColumn() throws {
    let dir = try temporaryDirectory()
    let mapping = dir.appendingPathComponent("m.yaml")
    try "area: country\nvalu: lifeExp\n".write(to: mapping, atomically: true, encoding: .utf8)
    let r = try backbone(["inspect", "fixtures/gapminder.csv", "--mapping", mapping.path])
    #expect(r.status == 65)
    #expect(r.stderr.contains("m.yaml:2:1: error: unknown key \"valu\" in the mapping"))
    #expect(r.stderr.contains("hint: did you mean \"value\"?"))
  }

  @Test func missingMappingFileExits66() throws {
    let r = try backbone(["inspect", "fixtures/gapminder.csv", "--mapping", "no-such.yaml"])
    #expect(r.status == 66)
  }

  @Test func mixedPeriodsExit65UnlessSplit() throws {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent("mixed.csv")
    try "indicator_id,area_code,period,value\nA,E1,2017 - 19,1\nA,E1,2018 - 20,2\nA,E1,2021,3\n".write(
      to: file, atomically: true, encoding: .utf8)
    let refused = try backbone(["analyze", file.path])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("mixes pooled periods"))
    let split = try backbone(["analyze", file.path, "--mixed-periods", "split", "--format", "csv", "--quiet"])
    #expect(split.status == 0)
    #expect(split.stdout.split(separator: "\n").count == 3)
  }

  @Test func badPeriodIsAUsageError() throws {
    let r = try backbone(["analyze", "fixtures/owid-child-mortality-3-countries.csv", "--period", "2019Q5"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--period 2019Q5"))
  }

  /// UK financial year (April): January–March 2023 is the fourth quarter of FY2022, April–June
  /// 2023 the first of FY2023.
  @Test func fiscalQuartersInCanonicalOutput() throws {
    let r = try backbone([
      "convert", "--canonical", "fixtures/dhis2-analytics-ids.csv", "-o", "-", "--fiscal-year-start", "April",
    ])
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0].contains("period,period_start,period_end,fiscal_year,fiscal_quarter,value"))
    #expect(lines[1].contains("2023Q1,2023-01-01,2023-03-31,FY2022,FY2022-Q4,101.5"))
    #expect(lines[2].contains("2023Q2,2023-04-01,2023-06-30,FY2023,FY2023-Q1,98.2"))
    let bad = try backbone(["convert", "fixtures/dhis2-analytics-ids.csv", "-o", "-", "--fiscal-year-start", "Apr"])
    #expect(bad.status == 64)
  }

  /// World Bank physicians per 1,000 in 2020 across countries (aggregates left out): 136
  /// countries with a value, counted with Python's csv module from the fixture; the highest
  /// is 9.291 (higher is better, so it is the best).
  @Test func inequalityAcrossCountries() throws {
    let r = try backbone([
      "inequality", "fixtures/worldbank-physicians-per-1000.csv", "--period", "2020", "--format", "csv", "--quiet",
    ])
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("indicator_id,period,area_type,groups,weighted,mean,min,max,range,ratio,best,"))
    #expect(lines[1].hasPrefix("SH.MED.PHYS.ZS,2020,country,136,no,"))
    #expect(lines[1].contains(",9.291,"))
  }

  /// Identifiers are read as text, as written: `+7` stays `+7` (read as an integer it was
  /// `7`), `1e3` stays `1e3` (read as a float it was `1000.0`), and `3.10` stays apart from
  /// `3.1`, from standard input too, which cannot be read twice (a second read with the
  /// columns as text used to be the remedy, and standard input only had a warning). The
  /// summary, which reads fewer columns, names the same identifiers as the full table.
  /// `--type` still decides: declared integer, `+7` is 7 again.
  @Test func identifiersKeepTheirTextEverywhere() throws {
    let csv = "indicator_id,area_code,period,value\n+7,1e3,2019,1\n+7,1e3,2020,2\n3.1,E1,2019,1\n3.10,E1,2019,5\n"
    let table = try backbone(["analyze", "-", "--format", "csv", "--quiet"], stdin: Data(csv.utf8))
    #expect(table.status == 0, "\(table.stderr)")
    let keys = table.stdout.split(separator: "\n").dropFirst().map { line -> String in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      return "\(fields[0]) \(fields[2])"
    }
    #expect(keys == ["+7 1e3", "3.1 E1", "3.10 E1"])
    let summary = try backbone(["analyze", "-", "--format", "summary", "--verbose"], stdin: Data(csv.utf8))
    #expect(summary.status == 0)
    #expect(summary.stdout.split(separator: "\n").dropFirst().map { String($0.prefix(while: { $0 != " " })) } == ["+7", "3.1", "3.10", "all"])
    #expect(summary.stderr.contains("column \"indicator_id\": text (a label or identifier, kept as written)"))
    #expect(!summary.stderr.contains("were read as numbers"))
    let declared = try backbone(
      ["convert", "--canonical", "-", "-o", "-", "--type", "indicator_id=integer", "--quiet"],
      stdin: Data("indicator_id,area_code,period,value\n+7,1e3,2019,1\n".utf8))
    #expect(declared.status == 0, "\(declared.stderr)")
    #expect(declared.stdout.split(separator: "\n").dropFirst().first?.hasPrefix("7,,1e3,") == true)
  }

  /// A file written with `, ` between fields pads its labels: ` E1` and `E1`, ` 2019` and
  /// `2019` are the same area and period (a padded number used to lose its spaces as a number,
  /// a padded text label kept them and split the series in two). Worked by hand: one series of
  /// three observations, 2019 to 2021.
  @Test func paddedLabelsAreTheSameLabel() throws {
    let csv = "indicator_id, area_code, period, value\n90366, E1, 2019, 1\n90366, E1, 2020, 2\n90366,E1,2021,3\n"
    let r = try backbone(["analyze", "-", "--format", "csv", "--quiet"], stdin: Data(csv.utf8))
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(lines.count == 2)
    let header = try #require(lines.first)
    let row = Dictionary(uniqueKeysWithValues: zip(header, lines[1]))
    #expect(row["indicator_id"] == "90366" && row["area_code"] == "E1")
    #expect(row["n"] == "3" && row["first_period"] == "2019" && row["last_period"] == "2021")
  }

  /// Several files are written a block at a time too, as one table: the file in front, the
  /// union of the files' columns (a.csv has a sex breakdown, b.csv none), in file order.
  /// Worked by hand: one series each, two points, last values 2 and 4; b's sex is empty.
  @Test func severalFilesAreOneTable() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "indicator_id,area_code,sex,period,value\nX,A,Male,2019,1\nX,A,Male,2020,2\n".write(
      to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
    try "indicator_id,area_code,period,value\nY,B,2019,5\nY,B,2020,4\n".write(
      to: dir.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
    let csv = try backbone(["analyze", "a.csv", "b.csv", "--format", "csv", "--quiet"], in: dir)
    #expect(csv.status == 0, "\(csv.stderr)")
    let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = try #require(lines.first)
    #expect(Array(header.prefix(2)) == ["file", "indicator_id"])
    #expect(header.filter { $0 == "sex" }.count == 1)
    let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    #expect(rows.map { $0["file"] } == ["a.csv", "b.csv"])
    #expect(rows.map { $0["sex"] } == ["Male", ""])
    #expect(rows.map { $0["n"] } == ["2", "2"] && rows.map { $0["last_value"] } == ["2.0", "4.0"])
    let json = try backbone(["analyze", "a.csv", "b.csv", "--json", "--quiet"], in: dir)
    #expect(json.status == 0)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(document["files"] as? [String] == ["a.csv", "b.csv"])
    let series = try #require(document["series"] as? [[String: Any]])
    #expect(series.map { $0["file"] as? String } == ["a.csv", "b.csv"])
    #expect(series.map { $0["sex"] as? String } == ["Male", nil])
  }

  /// Identifiers that look like decimals (`3.10`, `3.1`) were read as floats and merged; they
  /// are read as text.
  @Test func decimalLookingIdsKeepTheirText() throws {
    let dir = try temporaryDirectory()
    let file = dir.appendingPathComponent("ids.csv")
    try "indicator_id,area_code,period,value\n3.1,E1,2019,1\n3.1,E1,2020,2\n3.10,E1,2019,5\n3.10,E1,2020,6\n".write(
      to: file, atomically: true, encoding: .utf8)
    let r = try backbone(["convert", "--canonical", file.path, "-o", "-"])
    #expect(r.status == 0)
    let ids = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
    #expect(ids == ["3.1", "3.1", "3.10", "3.10"])
  }
}

/// A benchmark area in one file compared with the series of another (a national file beside a
/// local one). Hand-worked as in AnalysisComparisonTests: England 50; A 60 (55–65) excludes
/// 50: Higher; B 51 (48–54) includes it: Similar.
@Suite struct BenchmarkAcrossFilesTests {
  @Test func benchmarkInAnotherFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "indicator_id,area_code,period,value,lower_ci,upper_ci\nP1,ENG,2022,50,49,51\n".write(
      to: dir.appendingPathComponent("england.csv"), atomically: true, encoding: .utf8)
    try "indicator_id,area_code,period,value,lower_ci,upper_ci\nP1,A,2022,60,55,65\nP1,B,2022,51,48,54\n".write(
      to: dir.appendingPathComponent("local.csv"), atomically: true, encoding: .utf8)
    let run = try backbone(
      ["analyze", "local.csv", "england.csv", "--benchmark", "ENG", "--format", "csv", "--indicators", root.path + "/indicators"],
      in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = try #require(lines.first)
    let area = try #require(header.firstIndex(of: "area_code"))
    let comparison = try #require(header.firstIndex(of: "benchmark_comparison"))
    let byArea = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[area], $0[comparison]) })
    #expect(byArea == ["A": "Higher", "B": "Similar", "ENG": "Not compared"])
    #expect(!run.stderr.contains("has no observations"))
  }
}
