import Foundation
import Testing

/// Where ../shared is (the oracles and real exports), or `nil` when this checkout has none.
/// Same pattern as Tests/ColumnarTests/TestSupport.swift: CI may run without ../shared, and the
/// tests that need it are then skipped with a visible message.
enum Shared {
  static let root: URL? = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/IndicatorsTests/<file> → repo
    let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
  }()

  static func path(_ relative: String) -> String? { root?.appendingPathComponent(relative).path }

  /// The text of a file under ../shared, or `nil` when it is absent.
  static func text(_ relative: String) -> String? {
    guard let p = path(relative) else { return nil }
    return try? String(contentsOfFile: p, encoding: .utf8)
  }

  static let missingMessage: Comment =
    "../shared is absent: oracle and real-export tests are skipped"
  static var isPresent: Bool { root != nil }
}
