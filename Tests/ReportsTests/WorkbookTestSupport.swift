import Foundation
import Testing

/// A fresh temporary directory, removed by the caller with `remove()`.
struct TemporaryFolder {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("bb-reports-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> String { url.appendingPathComponent(name).path }
  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The result of running a program.
struct ProgramResult {
  var status: Int32
  var stdout: Data
  var stderr: String
  var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs `arguments[0]` (looked up on PATH through /usr/bin/env) and waits for it.
func runProgram(_ arguments: [String], environment: [String: String]? = nil) throws -> ProgramResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = arguments
  if let environment { process.environment = environment }
  let out = Pipe()
  // Standard error goes to a file, so that neither pipe can fill up while the other is read.
  let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
    "bb-reports-stderr-\(UUID().uuidString)")
  _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
  defer { try? FileManager.default.removeItem(at: errorFile) }
  let err = try FileHandle(forWritingTo: errorFile)
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  try err.close()
  let errText = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
  return ProgramResult(status: process.terminationStatus, stdout: outData, stderr: errText)
}

/// The parts of an .xlsx file, read with `unzip`: part name → text.
func xlsxParts(_ file: String) throws -> [String: String] {
  let list = try runProgram(["unzip", "-Z1", file])
  try #require(list.status == 0, "unzip -Z1 \(file) failed: \(list.stderr)")
  var parts: [String: String] = [:]
  for name in list.text.split(separator: "\n").map(String.init) where !name.hasSuffix("/") {
    let part = try runProgram(["unzip", "-p", file, name.replacingOccurrences(of: "[", with: "[[]")])
    try #require(part.status == 0, "unzip -p \(file) \(name) failed")
    parts[name] = part.text
  }
  return parts
}

/// External programs the workbook tests use, found once (as in XLSXTests).
enum ExternalTools {
  static let soffice: String? = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// A Python that can import openpyxl (Debian's python3-openpyxl is in /usr/bin/python3).
  static let openpyxlPython: String? = {
    for candidate in ["/usr/bin/python3", "python3"] {
      if let result = try? runProgram([candidate, "-c", "import openpyxl"]), result.status == 0 { return candidate }
    }
    return nil
  }()

  static let hasUnzip = FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip")
}

/// LibreOffice headless, with a private profile so that parallel runs do not collide.
enum Soffice {
  /// Converts `paths` in one run; returns the output folder.
  static func convert(_ paths: [String], to filter: String, in dir: TemporaryFolder) throws -> URL {
    let soffice = try #require(ExternalTools.soffice)
    let out = dir.url.appendingPathComponent("lo-\(filter.prefix(3))")
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C.UTF-8"
    environment["HOME"] = dir.path
    let result = try runProgram(
      [
        soffice, "--headless", "--norestore", "-env:UserInstallation=file://\(dir.path)/lo-profile", "--convert-to",
        filter, "--outdir", out.path,
      ] + paths, environment: environment)
    try #require(result.status == 0, "soffice --convert-to \(filter) failed (\(result.status)): \(result.stderr)")
    #expect(!result.stderr.localizedCaseInsensitiveContains("error"), "soffice reported: \(result.stderr)")
    return out
  }

  /// Every sheet as CSV rows, keyed by `<workbook>-<sheet>`: comma, double quote, UTF-8, raw
  /// values rather than as shown (LibreOffice still writes percentages as shown), all sheets.
  static func csvSheets(of paths: [String], in dir: TemporaryFolder) throws -> [String: [[String]]] {
    let out = try convert(
      paths, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1", in: dir)
    var sheets: [String: [[String]]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where name.hasSuffix(".csv") {
      let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
      sheets[String(name.dropLast(4))] = parseCSV(text)
    }
    return sheets
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

  /// A CSV field as a number: raw values, or a percentage as shown ("20%" → 0.2).
  static func number(_ field: String) -> Double? {
    if field.hasSuffix("%") { return Double(field.dropLast()).map { $0 / 100 } }
    return Double(field)
  }
}

/// openpyxl, through XLSXTests' Fixtures/read_back.py: path → sheet → cell → [type, value].
func openpyxlCells(_ paths: [String], formulas: Bool = false) throws -> [String: [String: [String: [Any]]]] {
  let python = try #require(ExternalTools.openpyxlPython)
  let script = packageRoot + "/Tests/XLSXTests/Fixtures/read_back.py"
  let result = try runProgram([python, script] + (formulas ? ["--formulas"] : []) + paths)
  try #require(result.status == 0, "read_back.py failed: \(result.stderr)")
  let json = try JSONSerialization.jsonObject(with: result.stdout)
  return try #require(json as? [String: [String: [String: [Any]]]])
}

/// "A1"-style name of a 0-based cell.
func cellName(row: Int, column: Int) -> String {
  var n = column + 1
  var letters = ""
  while n > 0 {
    let r = (n - 1) % 26
    letters = String(UnicodeScalar(UInt8(65 + r))) + letters
    n = (n - 1) / 26
  }
  return "\(letters)\(row + 1)"
}
