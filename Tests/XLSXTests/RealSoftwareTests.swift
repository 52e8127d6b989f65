import Foundation
import Testing

@testable import XLSX

/// Opens every sample workbook in real spreadsheet software and reads the values back:
/// LibreOffice (headless) converts each sheet to CSV and the workbook to PDF without error, and
/// openpyxl loads it. The expected values are the ones the samples wrote (`Sample.expected`).
///
/// `make test` installs LibreOffice (libreoffice-calc-nogui) and python3-openpyxl through
/// scripts/ensure-deps.sh; where they cannot be installed these tests are skipped, with the
/// reason shown.
@Suite struct RealSoftwareTests {
  @Test(.enabled(if: Tools.soffice != nil, "LibreOffice (soffice) is not installed: run scripts/ensure-deps.sh; skipped"))
  func libreOfficeReadsEverySample() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let paths = try Sample.available.map { sample in
      let path = dir.file("\(sample.rawValue).xlsx")
      try sample.write(to: path)
      return path
    }
    let sheets = try LibreOffice.csvSheets(of: paths, in: dir)
    for sample in Sample.available {
      for (sheet, cells) in sample.expected {
        guard let rows = sheets["\(sample.rawValue)-\(sheet)"] else {
          Issue.record("LibreOffice wrote no CSV for \(sample.rawValue) sheet \(sheet)")
          continue
        }
        for (cell, expected) in cells.sorted(by: { $0.key < $1.key }) {
          let field = LibreOffice.field(rows, cell)
          #expect(LibreOffice.matches(field, expected), "\(sample.rawValue) \(sheet)!\(cell): LibreOffice shows \(field.debugDescription), expected \(expected)")
        }
      }
    }
    let pdfs = try LibreOffice.convert(paths, to: "pdf", in: dir)
    for path in paths {
      let pdf = pdfs.appendingPathComponent(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".pdf")
      let head = (try? FileHandle(forReadingFrom: pdf).read(upToCount: 5)) ?? nil
      #expect(head == Data("%PDF-".utf8), "LibreOffice made no PDF of \(path)")
    }
  }

  @Test(.enabled(if: Tools.openpyxlPython != nil, "openpyxl (python3-openpyxl) is not installed: run scripts/ensure-deps.sh; skipped"))
  func openpyxlReadsEverySample() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    var paths: [Sample: String] = [:]
    for sample in Sample.available {
      paths[sample] = dir.file("\(sample.rawValue).xlsx")
      try sample.write(to: dir.file("\(sample.rawValue).xlsx"))
    }
    let books = try Openpyxl.read(Array(paths.values), formulas: false)
    for sample in Sample.available {
      let book = try #require(books[paths[sample] ?? ""], "openpyxl did not read \(sample.rawValue)")
      #expect(Set(book.keys) == Set(sample.expected.keys), "\(sample.rawValue): sheets \(book.keys.sorted())")
      for (sheet, cells) in sample.expected {
        let read = book[sheet] ?? [:]
        for (cell, expected) in cells.sorted(by: { $0.key < $1.key }) {
          let value = read[cell]
          #expect(Openpyxl.matches(value, expected), "\(sample.rawValue) \(sheet)!\(cell): openpyxl reads \(String(describing: value)), expected \(expected)")
        }
      }
    }
  }

  /// The parts that carry no cell values, checked with openpyxl: document properties, the table,
  /// merged cells, validations, conditional formats, the freeze pane and the charts.
  @Test(.enabled(if: Tools.openpyxlPython != nil, "openpyxl (python3-openpyxl) is not installed; skipped"))
  func openpyxlSeesTheStructure() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    for sample in [Sample.properties, .table, .rules, .charts, .band, .constantMemory] {
      try sample.write(to: dir.file("\(sample.rawValue).xlsx"))
    }
    let script = """
      import json, sys, openpyxl
      d = sys.argv[1]
      out = {}
      wb = openpyxl.load_workbook(d + "/properties.xlsx")
      p = wb.properties
      out["properties"] = [p.title, p.subject, p.creator, p.keywords, p.description, p.category, p.created.isoformat()]
      wb = openpyxl.load_workbook(d + "/table.xlsx")
      t = wb["Observations"].tables["SmokingObservations"]
      out["table"] = [t.ref, t.tableStyleInfo.name, [c.name for c in t.tableColumns], wb["Filtered"].auto_filter.ref,
                      wb["Filtered"].freeze_panes]
      ws = openpyxl.load_workbook(d + "/rules.xlsx")["Status"]
      out["merged"] = [str(r) for r in ws.merged_cells.ranges]
      out["validations"] = sorted([str(v.sqref), v.type, v.formula1] for v in ws.data_validations.dataValidation)
      out["conditional"] = sorted(str(r.sqref) for r in ws.conditional_formatting)
      ws = openpyxl.load_workbook(d + "/charts.xlsx")["Trends"]
      out["charts"] = sorted(type(c).__name__ for c in ws._charts)
      ws = openpyxl.load_workbook(d + "/band.xlsx")["Band"]
      out["band"] = [[type(c).__name__, c.grouping, [[type(p).__name__, len(p.series)] for p in c._charts]]
                     for c in ws._charts]
      ws = openpyxl.load_workbook(d + "/constantMemory.xlsx")["Data"]
      out["constantMemory"] = [ws.auto_filter.ref, ws.freeze_panes]
      json.dump(out, sys.stdout)
      """
    let python = try #require(Tools.openpyxlPython)
    let result = try run([python, "-c", script, dir.path])
    try #require(result.status == 0, "openpyxl failed: \(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    let properties = json["properties"] as? [String]
    let p = Sample.documentProperties
    // openpyxl names the author "creator" and the comments "description".
    #expect(properties == [p.title, p.subject, p.author, p.keywords, p.comments, p.category, "2026-01-01T00:00:00"].compactMap { $0 })
    let table = json["table"] as? [Any]
    #expect(table?[0] as? String == "A1:D6")
    #expect(table?[1] as? String == "TableStyleMedium2")
    #expect(table?[2] as? [String] == ["indicator", "period", "value", "lower"])
    #expect(table?[3] as? String == "A1:C4")
    #expect(table?[4] as? String == "B2")
    #expect(json["merged"] as? [String] == ["A1:D1"])
    let validations = json["validations"] as? [[String]]
    #expect(validations == [["E3:E6", "list", "\"Improving,No change,Worsening\""], ["H3:H6", "list", "Lists!$A$1:$A$3"]])
    // Ten rules on four ranges: B3:B6 (three), C3:C6 (four), A3:A6 (one), D3:D6 (two).
    #expect(json["conditional"] as? [String] == ["A3:A6", "B3:B6", "C3:C6", "D3:D6"])
    #expect(json["charts"] as? [String] == ["BarChart", "BarChart", "LineChart"])
    // The combined chart is one chart of two parts on one plot area: the stacked areas (lower
    // limit and width) and the lines (value and target); then the plain area chart.
    let band = json["band"] as? [[Any]]
    #expect(band?.count == 2)
    #expect(band?.first?[0] as? String == "AreaChart" && band?.first?[1] as? String == "stacked")
    #expect((band?.first?[2] as? [[Any]])?.map { "\($0[0]) \($0[1])" } == ["AreaChart 2", "LineChart 2"])
    #expect(band?.last?[1] as? String == "standard")
    #expect((band?.last?[2] as? [[Any]])?.map { "\($0[0]) \($0[1])" } == ["AreaChart 1"])
    let constant = json["constantMemory"] as? [String]
    #expect(constant == ["A1:E21", "A2"])
  }
}

/// LibreOffice, headless, with a private profile so that parallel runs do not collide.
enum LibreOffice {
  /// Converts `paths` in one run; returns the output folder.
  static func convert(_ paths: [String], to filter: String, in dir: TemporaryDirectory) throws -> URL {
    let soffice = try #require(Tools.soffice)
    let out = dir.url.appendingPathComponent("lo-\(filter.prefix(3))")
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C.UTF-8"
    environment["HOME"] = dir.path
    let result = try run(
      [soffice, "--headless", "--norestore", "-env:UserInstallation=file://\(dir.path)/lo-profile", "--convert-to", filter, "--outdir", out.path]
        + paths, environment: environment)
    try #require(result.status == 0, "soffice --convert-to \(filter) failed (\(result.status)): \(result.stderr)")
    #expect(!result.stderr.localizedCaseInsensitiveContains("error"), "soffice reported: \(result.stderr)")
    return out
  }

  /// Every sheet of every workbook as CSV rows, keyed `<workbook>-<sheet>`. Filter options:
  /// comma, double quote, UTF-8, raw values rather than as shown, all sheets (one file each).
  static func csvSheets(of paths: [String], in dir: TemporaryDirectory) throws -> [String: [[String]]] {
    let out = try convert(paths, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1", in: dir)
    var sheets: [String: [[String]]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where name.hasSuffix(".csv") {
      let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
      sheets[String(name.dropLast(4))] = parseCSV(text)
    }
    return sheets
  }

  /// The field of cell `B4`, or "" beyond the exported rows and columns.
  static func field(_ rows: [[String]], _ cell: String) -> String {
    let letters = cell.prefix { $0.isLetter }
    let row = (Int(cell.dropFirst(letters.count)) ?? 1) - 1
    let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    guard row < rows.count, column < rows[row].count else { return "" }
    return rows[row][column]
  }

  static func matches(_ field: String, _ expected: Sample.Expected) -> Bool {
    switch expected {
    case .text(let text): return field == text
    case .boolean(let flag): return field == (flag ? "TRUE" : "FALSE")
    case .empty: return field.isEmpty
    case .date(let date):
      // As the cells' number formats show it: yyyy-mm-dd, or yyyy-mm-dd hh:mm:ss.
      return field == date.description.replacingOccurrences(of: "T", with: " ")
    case .number(let number):
      // Raw values, except that LibreOffice keeps percentages as shown ("73.4%").
      let isPercent = field.hasSuffix("%")
      guard let parsed = Double(isPercent ? String(field.dropLast()) : field) else { return false }
      let value = isPercent ? parsed / 100 : parsed
      return abs(value - number) <= 1e-12 * max(1, abs(number))
    }
  }

  /// RFC 4180 fields, with quoted fields spanning lines.
  static func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)[...]
    while let c = chars.popFirst() {
      if quoted {
        if c == "\"" {
          if chars.first == "\"" {
            field.append("\"")
            chars = chars.dropFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        row.append(field)
        field = ""
      } else if c == "\n" || c == "\r\n" {
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      } else {
        field.append(c)
      }
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }
}

/// openpyxl through Fixtures/read_back.py.
enum Openpyxl {
  /// path → sheet → cell → (type, value).
  static func read(_ paths: [String], formulas: Bool) throws -> [String: [String: [String: [Any]]]] {
    let python = try #require(Tools.openpyxlPython)
    let script = testsFolder.appendingPathComponent("Fixtures/read_back.py").path
    let result = try run([python, script] + (formulas ? ["--formulas"] : []) + paths)
    try #require(result.status == 0, "read_back.py failed: \(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: result.stdout)
    return try #require(json as? [String: [String: [String: [Any]]]])
  }

  static func matches(_ value: [Any]?, _ expected: Sample.Expected) -> Bool {
    guard let value, value.count == 2, let type = value[0] as? String else { return expected == .empty }
    switch expected {
    case .text(let text): return type == "s" && value[1] as? String == text
    case .number(let number):
      guard type == "n", let read = (value[1] as? NSNumber)?.doubleValue else { return false }
      return abs(read - number) <= 1e-12 * max(1, abs(number))
    case .boolean(let flag): return type == "b" && value[1] as? Bool == flag
    case .date(let date):
      let iso = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day, date.hour, date.minute, Int(date.second))
      return type == "d" && value[1] as? String == iso
    case .empty: return false
    }
  }
}
