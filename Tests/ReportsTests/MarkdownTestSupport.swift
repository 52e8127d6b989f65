import Foundation
import Testing

@testable import Reports

/// Helpers of the Markdown report tests: goldens, temporary directories and the external
/// checkers (cmark-gfm, python3), found on PATH; tests skip with a message without them.
enum MarkdownSupport {
  static let snapshots = packageRoot + "/Tests/ReportsTests/Snapshots"
  static let templates = packageRoot + "/templates"

  /// Compares `bytes` with `Snapshots/<name>`; a missing file or RECORD_GOLDEN=1 writes it.
  static func assertGolden(_ bytes: [UInt8], named name: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let path = snapshots + "/" + name
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
    if record || !FileManager.default.fileExists(atPath: path) {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      return
    }
    let expected = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    // Compared as text so that a failure shows readable lines; the bytes are all UTF-8.
    #expect(
      String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
      "golden \(name) differs; rerun with RECORD_GOLDEN=1 to accept, then review the diff",
      sourceLocation: sourceLocation)
    #expect(bytes == expected, "golden \(name): same text, different bytes", sourceLocation: sourceLocation)
  }

  static func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bb-md-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  /// The full path of an executable on PATH, or `nil`.
  static func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  static let cmark = executable("cmark-gfm")
  static let python = executable("python3")
  static let cmarkMissing: Comment = "cmark-gfm is not installed (apt-get install cmark-gfm): Markdown checks skipped"
  static let pythonMissing: Comment = "python3 is not installed: SVG parsing checks skipped"

  /// Runs a program with `input` on stdin; returns stdout, and fails the test on a non-zero exit.
  static func run(_ program: String, _ arguments: [String], input: [UInt8]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(program) \(arguments) exited with \(process.terminationStatus)")
    return String(decoding: out, as: UTF8.self)
  }

  /// cmark-gfm's HTML of a document, with GitHub's extensions.
  static func html(_ markdown: [UInt8], cmark: String) throws -> String {
    try run(
      cmark, ["-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "footnotes", "-e", "tagfilter"],
      input: markdown)
  }

  /// The tables of a Markdown source as written, counted without a Markdown parser: a table
  /// is a run of lines starting with `|`; its second line is the delimiter row. Each row's
  /// cell count is the number of `|` not preceded by a backslash, minus one.
  /// - Returns: per table, the cell count of each row except the delimiter row.
  static func writtenTables(_ markdown: String) -> [[Int]] {
    var tables: [[Int]] = []
    var current: [Int]? = nil
    var inFence = false
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") { inFence.toggle() }
      if !inFence && line.hasPrefix("|") {
        var cells = -1
        var escaped = false
        for ch in line {
          if ch == "|" && !escaped { cells += 1 }
          escaped = ch == "\\" && !escaped
        }
        if current == nil { current = [] }
        current?.append(cells)
      } else if let t = current {
        tables.append(t.enumerated().filter { $0.offset != 1 }.map(\.element))
        current = nil
      }
    }
    if let t = current { tables.append(t.enumerated().filter { $0.offset != 1 }.map(\.element)) }
    return tables
  }

  /// The tables of cmark-gfm's HTML: per table, the number of `<td>`/`<th>` in each `<tr>`.
  static func htmlTables(_ html: String) -> [[Int]] {
    html.components(separatedBy: "<table>").dropFirst().map { table in
      let body = table.components(separatedBy: "</table>")[0]
      return body.components(separatedBy: "<tr>").dropFirst().map { row in
        row.components(separatedBy: "<td").count - 1 + row.components(separatedBy: "<th").count - 1
      }
    }
  }
}
