import Foundation
import RealModule
import Testing

/// Where ../shared is (the oracles), or `nil` when this checkout has none.
enum Shared {
  static let root: URL? = {
    var url = URL(fileURLWithPath: #filePath)
    // Tests/StatisticsTests/TestSupport.swift → the repository
    for _ in 0..<3 { url.deleteLastPathComponent() }
    let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
  }()

  static func path(_ relative: String) -> String? { root?.appendingPathComponent(relative).path }

  static let missingMessage: Comment = "../shared is absent: oracle tests are skipped"
  static var isPresent: Bool { root != nil }
}

/// A small CSV table read for tests: a header, rows of text cells, and '#' comment lines
/// (the provenance) kept apart. Handles double-quoted fields and a UTF-8 BOM; enough for the
/// fixtures and the oracle files, not a general reader.
struct CSVFixture {
  var comments: [String]
  var header: [String]
  var rows: [[String]]

  init(path: String) throws {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    var lines = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(
      String.init)
    comments = []
    while let first = lines.first, first.hasPrefix("#") {
      comments.append(first)
      lines.removeFirst()
    }
    header = lines.isEmpty ? [] : CSVFixture.fields(lines[0])
    rows = lines.dropFirst().map(CSVFixture.fields)
  }

  /// A fixture of this test target (Tests/StatisticsTests/Fixtures/<name>).
  static func local(_ name: String) throws -> CSVFixture {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent()
    return try CSVFixture(
      path: url.appendingPathComponent("Fixtures").appendingPathComponent(name).path)
  }

  static func fields(_ line: String) -> [String] {
    var result: [String] = []
    var current = ""
    var quoted = false
    var iterator = line.makeIterator()
    while let c = iterator.next() {
      if quoted {
        if c == "\"" { quoted = false } else { current.append(c) }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        result.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    result.append(current)
    return result
  }

  func column(_ name: String) -> Int {
    guard let index = header.firstIndex(of: name) else {
      Issue.record("no column \(name) in \(header)")
      return 0
    }
    return index
  }

  /// The cell as a number: blank or NA is NaN.
  func number(_ row: [String], _ name: String) -> Double {
    let cell = row[column(name)].trimmingCharacters(in: .whitespaces)
    if cell.isEmpty || cell == "NA" { return .nan }
    guard let value = Double(cell) else {
      Issue.record("cell \(cell) in column \(name) is not a number")
      return .nan
    }
    return value
  }

  func text(_ row: [String], _ name: String) -> String { row[column(name)] }

  /// Rows as dictionaries of numbers, for the numeric fixtures.
  var numericRows: [[String: Double]] {
    rows.map { row in
      Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, Double(row[$0]) ?? .nan) })
    }
  }
}

/// Whether `actual` matches `expected` to a relative tolerance (RealModule's
/// `isApproximatelyEqual`), with an absolute floor for values near zero; NaN matches NaN and
/// infinities must be equal.
func isClose(
  _ actual: Double, _ expected: Double, relative: Double, absolute: Double = 1e-300
) -> Bool {
  if expected.isNaN { return actual.isNaN }
  if expected.isInfinite { return actual == expected }
  return actual.isApproximatelyEqual(
    to: expected, absoluteTolerance: absolute, relativeTolerance: relative)
}

/// The seed for a property test: `STATISTICS_SEED` from the environment when set (to replay a
/// failure), otherwise a fixed default. Printed so that a failing run can be repeated.
func propertySeed(_ test: String, default value: UInt64) -> UInt64 {
  let seed = ProcessInfo.processInfo.environment["STATISTICS_SEED"].flatMap { UInt64($0) } ?? value
  print("\(test): seed \(seed) (set STATISTICS_SEED to replay)")
  return seed
}
