import Foundation
import Testing

@testable import XLSX

/// The test target's folder, for Snapshots/ and Fixtures/.
let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// A fresh temporary directory, removed by the caller with `remove()`.
struct TemporaryDirectory {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("bb-xlsx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> String { url.appendingPathComponent(name).path }
  func remove() { try? FileManager.default.removeItem(at: url) }
  func contents() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// The result of running a program.
struct ProcessResult {
  var status: Int32
  var stdout: Data
  var stderr: String
  var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs `arguments[0]` (looked up on PATH through /usr/bin/env) and waits for it.
func run(_ arguments: [String], environment: [String: String]? = nil, in directory: String? = nil) throws -> ProcessResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = arguments
  if let environment { process.environment = environment }
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let out = Pipe()
  // Standard error goes to a file, so that neither pipe can fill up while the other is read.
  let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("bb-xlsx-stderr-\(UUID().uuidString)")
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
  return ProcessResult(status: process.terminationStatus, stdout: outData, stderr: errText)
}

/// The parts of an .xlsx file, read with `unzip`: part name → bytes.
func unzipParts(_ file: String) throws -> [String: String] {
  let list = try run(["unzip", "-Z1", file])
  try #require(list.status == 0, "unzip -Z1 \(file) failed: \(list.stderr)")
  var parts: [String: String] = [:]
  for name in list.text.split(separator: "\n").map(String.init) where !name.hasSuffix("/") {
    // unzip treats [ and ] in names as wildcards; escape them.
    let pattern = name.replacingOccurrences(of: "[", with: "[[]")
    let part = try run(["unzip", "-p", file, pattern])
    try #require(part.status == 0, "unzip -p \(file) \(name) failed")
    parts[name] = part.text
  }
  return parts
}

/// One part of an .xlsx file.
func unzipPart(_ file: String, _ name: String) throws -> String {
  let part = try run(["unzip", "-p", file, name.replacingOccurrences(of: "[", with: "[[]")])
  try #require(part.status == 0, "unzip -p \(file) \(name) failed")
  return part.text
}

/// Volatile content blanked, as XlsxWriter's own comparison tests do
/// (xlsxwriter/test/helperfunctions.py `_compare_xlsx_files`): the creation and modification
/// dates of docProps/core.xml.
///
/// Trailing white space is dropped too: libxlsxwriter ends its fixed theme part with a newline
/// that XlsxWriter does not write.
func normalised(_ part: String, name: String) -> String {
  var text = part
  while text.last?.isWhitespace == true { text.removeLast() }
  if name.hasPrefix("xl/charts/") { return normalisingAxisIdentifiers(text) }
  guard name == "docProps/core.xml" else { return text }
  for tag in ["dcterms:created", "dcterms:modified"] {
    if let open = text.range(of: "<\(tag) xsi:type=\"dcterms:W3CDTF\">"),
      let close = text.range(of: "</\(tag)>", range: open.upperBound..<text.endIndex)
    {
      text.replaceSubrange(open.upperBound..<close.lowerBound, with: "NORMALISED")
    }
  }
  return text
}

/// Chart axis identifiers blanked: they only pair the axes of one chart part, and
/// libxlsxwriter 1.1.4 numbers every chart's axes 5001000n where XlsxWriter counts charts
/// (5002000n, 5003000n...).
func normalisingAxisIdentifiers(_ text: String) -> String {
  var out = text
  for tag in ["<c:axId val=\"", "<c:crossAx val=\""] {
    var searchFrom = out.startIndex
    while let found = out.range(of: tag, range: searchFrom..<out.endIndex) {
      let end = out[found.upperBound...].firstIndex(of: "\"") ?? out.endIndex
      let id = out[found.upperBound..<end]
      let replacement = id.count == 8 ? "AXIS" + id.suffix(4) : String(id)
      out.replaceSubrange(found.upperBound..<end, with: replacement)
      searchFrom = out.index(found.upperBound, offsetBy: replacement.count)
    }
  }
  return out
}

/// External programs the real-software tests use, found once.
enum Tools {
  /// LibreOffice's command line, when installed.
  static let soffice: String? = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// A Python interpreter that can import openpyxl (Debian's python3-openpyxl lives in
  /// /usr/bin/python3, which may differ from the `python3` on PATH).
  static let openpyxlPython: String? = {
    for candidate in ["/usr/bin/python3", "python3"] {
      if let result = try? run([candidate, "-c", "import openpyxl"]), result.status == 0 { return candidate }
    }
    return nil
  }()

  static let hasUnzip = FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip")
}

extension XLSXError {
  /// For `#expect(throws:)` checks: the kind, and that the wrapper (not libxlsxwriter) refused.
  var isOurCheck: Bool { function == nil }
}

/// Runs `body` and returns the `XLSXError` it threw, or records a failure.
func xlsxError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> XLSXError? {
  do {
    try body()
    Issue.record("expected an XLSXError", sourceLocation: sourceLocation)
    return nil
  } catch let error as XLSXError {
    return error
  } catch {
    Issue.record("expected an XLSXError, got \(error)", sourceLocation: sourceLocation)
    return nil
  }
}
