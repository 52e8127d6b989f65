import Foundation
import Testing

@testable import Columnar

/// Where ../shared is (the oracles and real exports), or `nil` when this checkout has none.
enum Shared {
  static let root: URL? = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/ColumnarTests/TestSupport.swift → repo
    let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
  }()

  static func path(_ relative: String) -> String? { root?.appendingPathComponent(relative).path }

  /// Files in a folder of ../shared with an extension, sorted.
  static func files(in folder: String, ext: String) -> [String] {
    guard let dir = path(folder), let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
      return []
    }
    return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir + "/" + $0 }
  }

  static let missingMessage: Comment = "../shared is absent: oracle and real-export tests are skipped"
  static var isPresent: Bool { root != nil }
}

/// The repository root, for fixtures/.
let repositoryRoot: URL = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url
}()

func read(_ text: String, _ configure: (inout CSVReadOptions) -> Void = { _ in }) throws -> CSVReadResult {
  var options = CSVReadOptions()
  configure(&options)
  return try CSVReader.read(bytes: Array(text.utf8), name: "test.csv", options: options)
}

func readError(_ text: String, _ configure: (inout CSVReadOptions) -> Void = { _ in }) -> CSVError? {
  readError(bytes: Array(text.utf8), configure)
}

func readError(bytes: [UInt8], _ configure: (inout CSVReadOptions) -> Void = { _ in }) -> CSVError? {
  var options = CSVReadOptions()
  configure(&options)
  do {
    _ = try CSVReader.read(bytes: bytes, name: "test.csv", options: options)
    return nil
  } catch {
    return error
  }
}

/// Every cell of a table as text (missing as nil), row by row.
func cells(_ t: Table) -> [[String?]] {
  (0..<t.rowCount).map { r in
    t.columns.map { c in
      if case .missing = c[r] { return nil }
      return c[r].description
    }
  }
}
