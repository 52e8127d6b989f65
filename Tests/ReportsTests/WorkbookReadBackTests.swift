import Foundation
import Indicators
import Testing

@testable import Reports

/// Opens the service-access workbook, in both memory modes, in real spreadsheet software and
/// reads the figures back: LibreOffice (headless) converts every sheet to CSV and the workbook
/// to PDF without error, and openpyxl loads it. What is read back must equal the report model
/// (the figures the workbook claims to show), and a few figures are also checked against
/// fixtures/chains/service-access.csv read by hand and against `sha256sum`. The model has 95%
/// limits on two headline series (`serviceAccessModelWithIntervals()`), so that the Trends sheet
/// has an interval band and interval widths to read back.
///
/// `make test` installs LibreOffice (libreoffice-calc-nogui) and python3-openpyxl through
/// scripts/ensure-deps.sh; where they cannot be installed these tests are skipped, with the
/// reason shown.
@Suite struct WorkbookReadBackTests {
  /// The file names written: normal mode (Data is an Excel table) and constant memory.
  static let modes: [(name: String, constantMemory: Bool)] = [("funder", false), ("funderconstant", true)]

  /// Writes both workbooks into `dir`; returns the model and the paths.
  func writeBoth(_ dir: TemporaryFolder) throws -> (ReportModel, [String]) {
    var model: ReportModel?
    var paths: [String] = []
    for mode in Self.modes {
      let path = dir.file("\(mode.name).xlsx")
      model = try serviceAccessWorkbook(to: path, constantMemory: mode.constantMemory, withIntervals: true)
      paths.append(path)
    }
    return (try #require(model), paths)
  }

  static func close(_ a: Double?, _ b: Double?, tolerance: Double = 1e-9) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let x?, let y?): abs(x - y) <= tolerance * max(1, abs(y))
    default: false
    }
  }

  /// The row whose column `column` holds `key`, from `from`.
  static func row(_ rows: [[String]], _ column: Int, _ key: String, from: Int = 0) -> [String]? {
    rows.dropFirst(from).first { $0.count > column && $0[column] == key }
  }

  /// The points of the headline series that have both limits: the widths the Trends sheet must
  /// show.
  static func pointsWithIntervals(_ model: ReportModel) -> Int {
    model.headlines.reduce(0) { n, h in n + h.series.points.filter { $0.lower != nil && $0.upper != nil }.count }
  }

  /// Checks the Trends tables read back: under each "Interval width" header, the width equals
  /// the upper limit minus the lower one as read back, and is empty where a limit is; returns
  /// how many widths were checked. `cell(row, column)` is the text or number read back.
  static func checkIntervalWidths(rows: Int, _ cell: (Int, Int) -> Double?, _ text: (Int, Int) -> String?) -> Int {
    var checked = 0
    var row = 0
    while row < rows {
      defer { row += 1 }
      guard text(row, 4) == "Interval width", text(row, 2) == "Lower 95% limit", text(row, 3) == "Upper 95% limit"
      else { continue }
      var r = row + 1
      while r < rows, let period = text(r, 0), !period.isEmpty {
        switch (cell(r, 2), cell(r, 3)) {
        case (let lower?, let upper?):
          #expect(close(cell(r, 4), upper - lower), "Trends row \(r + 1): width \(String(describing: cell(r, 4)))")
          checked += 1
        default:
          #expect(cell(r, 4) == nil && (text(r, 4) ?? "").isEmpty, "Trends row \(r + 1): a width without both limits")
        }
        r += 1
      }
    }
    return checked
  }

  @Test(
    .enabled(
      if: ExternalTools.soffice != nil, "LibreOffice (soffice) is not installed: run scripts/ensure-deps.sh; skipped"))
  func libreOfficeReadsTheFigures() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    let (model, paths) = try writeBoth(dir)
    let sheets = try Soffice.csvSheets(of: paths, in: dir)
    let points = model.indicators.flatMap { i in i.series.flatMap { s in s.points.map { (i, s, $0) } } }
    for mode in Self.modes {
      let summary = try #require(sheets["\(mode.name)-Summary"], "no Summary CSV for \(mode.name)")
      let tracking = try #require(sheets["\(mode.name)-Tracking"])
      let data = try #require(sheets["\(mode.name)-Data"])
      for name in ["Trends", "Inequalities", "Methods", "Results chain"] {
        #expect(sheets["\(mode.name)-\(name)"] != nil, "no \(name) CSV for \(mode.name)")
      }
      // Trends: every interval width is the upper limit minus the lower one, as LibreOffice
      // reads them (13 widths: SA_MMR1's 6 periods and SA_DNA_RATE's last 7 of 8).
      let trends = try #require(sheets["\(mode.name)-Trends"])
      func field(_ r: Int, _ c: Int) -> String? { trends[r].count > c ? trends[r][c] : nil }
      let widths = Self.checkIntervalWidths(rows: trends.count, { field($0, $1).flatMap(Double.init) }, field)
      #expect(widths == Self.pointsWithIntervals(model) && widths == 13)
      #expect(summary[1][1] == model.reportingPeriod.label)
      // The reporting period 2023/24 Q4 is January to March 2024 (dates as their format shows).
      #expect(summary[1][2] == "2024-01-01" && summary[1][3] == "2024-03-31")
      for (indicator, series) in model.headlines {
        let row = try #require(Self.row(summary, 1, indicator.id, from: 8), "\(indicator.id) not on Summary")
        #expect(Self.close(Double(row[6]), series.latest?.value), "\(indicator.id) latest \(row[6])")
        #expect(row[12] == series.status.rawValue)
        #expect(row[11] == series.trendArrow)
        // Percentages come out as shown ("20%"): within half a percentage point.
        #expect(Self.close(Soffice.number(row[16]), series.percentAchieved.map { $0 / 100 }, tolerance: 0.005))
        let t = try #require(Self.row(tracking, 2, indicator.id, from: 4), "\(indicator.id) not on Tracking")
        for q in 0..<4 {
          #expect(Self.close(Double(t[10 + q]), series.quarterValues[q]), "\(indicator.id) Q\(q + 1): \(t[10 + q])")
        }
        #expect(Self.close(Double(t[14]), series.fiscalYearValue))
        #expect(Self.close(Double(t[6]), series.baseline?.value))
      }
      // By hand from fixtures/chains/service-access.csv: SA_CLINICS 2023/24 Q1..Q4 = 64, 70, 76, 82.
      let clinics = try #require(Self.row(tracking, 2, "SA_CLINICS"))
      #expect(Array(clinics[10...13]) == ["64", "70", "76", "82"])
      // The CSV has 183 data records, one observation each, plus the header.
      #expect(data.count == 184)
      #expect(data.count - 1 == points.count)
      for (k, (indicator, series, point)) in points.enumerated() {
        let row = data[k + 1]
        #expect(row[0] == indicator.id && row[1] == (series.area?.code ?? "") && row[5] == point.period)
        #expect(row[6] == point.start.isoString && row[7] == point.end.isoString)
        #expect(Self.close(Double(row[8]), point.value), "Data row \(k + 2): \(row[8])")
        #expect(Self.close(Double(row[12]), point.denominator))
      }
    }
    let pdfs = try Soffice.convert(paths, to: "pdf", in: dir)
    for mode in Self.modes {
      let pdf = pdfs.appendingPathComponent("\(mode.name).pdf")
      let head = (try? FileHandle(forReadingFrom: pdf).read(upToCount: 5)) ?? nil
      #expect(head == Data("%PDF-".utf8), "LibreOffice made no PDF of \(mode.name).xlsx")
    }
  }

  @Test(
    .enabled(
      if: ExternalTools.openpyxlPython != nil,
      "openpyxl (python3-openpyxl) is not installed: run scripts/ensure-deps.sh; skipped"))
  func openpyxlReadsTheFigures() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    let (model, paths) = try writeBoth(dir)
    let books = try openpyxlCells(paths)
    let fixture = packageRoot + "/fixtures/chains/service-access.csv"
    let sha = try runProgram(["sha256sum", fixture])
    let expectedSHA = String(sha.text.prefix(64))
    for path in paths {
      let book = try #require(books[path])
      #expect(
        Set(book.keys) == ["Summary", "Tracking", "Results chain", "Trends", "Inequalities", "Data", "Methods"])
      let data = try #require(book["Data"])
      var row = 2
      for indicator in model.indicators {
        for series in indicator.series {
          for p in series.points {
            #expect(data["A\(row)"]?.last as? String == indicator.id)
            #expect(data["E\(row)"]?.last as? Bool == series.isHeadline)
            #expect(data["G\(row)"]?.first as? String == "d")
            #expect(data["G\(row)"]?.last as? String == p.start.isoString + "T00:00:00")
            let value = (data["I\(row)"]?.last as? NSNumber)?.doubleValue
            #expect(data["I\(row)"]?.first as? String == (p.value == nil ? nil : "n"))
            #expect(Self.close(value, p.value), "Data!I\(row)")
            row += 1
          }
        }
      }
      // Trends: every interval width is the upper limit minus the lower one, as openpyxl reads
      // them.
      let trends = try #require(book["Trends"])
      let trendRows = trends.keys.compactMap { Int($0.drop { $0.isLetter }) }.max() ?? 0
      let widths = Self.checkIntervalWidths(
        rows: trendRows, { (trends[cellName(row: $0, column: $1)]?.last as? NSNumber)?.doubleValue },
        { r, c in
          let value = trends[cellName(row: r, column: c)]?.last
          return value.map { ($0 as? String) ?? "\($0)" }
        })
      #expect(widths == Self.pointsWithIntervals(model) && widths == 13)
      let summary = try #require(book["Summary"])
      for (k, (_, series)) in model.headlines.enumerated() {
        let r = SheetContext.summaryHeaderRow + 2 + k
        #expect(Self.close((summary["G\(r)"]?.last as? NSNumber)?.doubleValue, series.latest?.value))
        #expect(Self.close((summary["Q\(r)"]?.last as? NSNumber)?.doubleValue, series.percentAchieved.map { $0 / 100 }))
      }
      // SA_MMR1: baseline 86.0 (2018/19), latest 87.8, target 95: 1.8 / 9 = 20% (by hand).
      let mmr = try #require(model.headlines.firstIndex { $0.indicator.id == "SA_MMR1" })
      let achieved = (summary["Q\(SheetContext.summaryHeaderRow + 2 + mmr)"]?.last as? NSNumber)?.doubleValue
      #expect(Self.close(achieved, 0.2))
      // The input's fingerprint, against sha256sum.
      let methods = try #require(book["Methods"])
      #expect(methods.values.contains { $0.last as? String == expectedSHA }, "SHA-256 \(expectedSHA) not on Methods")
    }
  }

  /// What carries no cell value: the table or autofilter, frozen panes, charts, conditional
  /// formats and the document's creation time.
  @Test(.enabled(if: ExternalTools.openpyxlPython != nil, "openpyxl (python3-openpyxl) is not installed; skipped"))
  func openpyxlSeesTheStructure() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    let (model, _) = try writeBoth(dir)
    let script = """
      import json, sys, openpyxl
      out = {}
      for name in ["funder", "funderconstant"]:
          wb = openpyxl.load_workbook(sys.argv[1] + "/" + name + ".xlsx")
          d = wb["Data"]
          out[name] = {
              "tables": {k: d.tables[k].ref for k in d.tables.keys()},
              "filter": d.auto_filter.ref, "freeze": d.freeze_panes,
              "charts": len(wb["Trends"]._charts),
              "summaryRules": sorted(str(r.sqref) for r in wb["Summary"].conditional_formatting),
              "created": wb.properties.created.isoformat(),
          }
      json.dump(out, sys.stdout)
      """
    let python = try #require(ExternalTools.openpyxlPython)
    let result = try runProgram([python, "-c", script, dir.path])
    try #require(result.status == 0, "openpyxl failed: \(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: [String: Any]])
    let rows = model.indicators.reduce(0) { n, i in i.series.reduce(n) { $0 + $1.points.count } }
    let headlines = model.headlines.count
    let statusRange = "M9:M\(8 + headlines)"
    let targetRange = "R9:R\(8 + headlines)"
    for (name, constant) in [("funder", false), ("funderconstant", true)] {
      let book = try #require(json[name])
      #expect((book["tables"] as? [String: String]) == (constant ? [:] : ["Observations": "A1:N\(rows + 1)"]))
      // A table carries its own autofilter; the constant-memory sheet has a sheet autofilter.
      #expect(book["filter"] as? String == (constant ? "A1:N\(rows + 1)" : nil))
      #expect(book["freeze"] as? String == "A2")
      #expect(book["charts"] as? Int == headlines)
      #expect(book["summaryRules"] as? [String] == [statusRange, targetRange])
      // 1,700,000,000 s after 1970-01-01 is 2023-11-14 22:13:20 UTC
      // (python3 -c 'import datetime; print(datetime.datetime.utcfromtimestamp(1700000000))').
      #expect(book["created"] as? String == "2023-11-14T22:13:20")
    }
  }
}
