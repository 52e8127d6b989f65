import Foundation
import Testing

@testable import XLSX

/// Compares every XML part of each sample workbook with the golden parts in
/// Snapshots/<sample>/, which Python's XlsxWriter 3.0.2 wrote from the same calls
/// (Snapshots/make_goldens.py). The dates of docProps/core.xml are blanked on both sides, as
/// XlsxWriter's own comparison tests do.
///
/// `RECORD_GOLDEN=1` replaces the golden parts with this wrapper's output instead; review the
/// diff, since the files then no longer come from the peer.
@Suite(.enabled(if: Tools.hasUnzip, "unzip is not installed: the golden XLSX tests are skipped"))
struct GoldenTests {
  static let snapshots = testsFolder.appendingPathComponent("Snapshots")

  /// The golden parts of a sample: part name → text.
  func goldenParts(_ sample: Sample) throws -> [String: String] {
    let folder = Self.snapshots.appendingPathComponent(sample.rawValue)
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [:] }
    var parts: [String: String] = [:]
    for case let name as String in walker {
      var isDirectory: ObjCBool = false
      let url = folder.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        continue
      }
      parts[name] = try String(contentsOf: url, encoding: .utf8)
    }
    return parts
  }

  func record(_ parts: [String: String], for sample: Sample) throws {
    let folder = Self.snapshots.appendingPathComponent(sample.rawValue)
    try? FileManager.default.removeItem(at: folder)
    for (name, text) in parts {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
  }

  @Test(arguments: Sample.allCases)
  func partsMatchXlsxWriter(_ sample: Sample) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("\(sample.rawValue).xlsx")
    try sample.write(to: path)
    let produced = try unzipParts(path)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try record(produced, for: sample)
      return
    }
    let golden = try goldenParts(sample)
    try #require(!golden.isEmpty, "no golden parts in Snapshots/\(sample.rawValue); run Snapshots/make_goldens.py")
    #expect(Set(produced.keys) == Set(golden.keys), "the workbook's parts differ from the golden parts")
    for name in produced.keys.sorted() {
      guard let expected = golden[name], let actual = produced[name] else { continue }
      let a = normalised(actual, name: name)
      let e = normalised(expected, name: name)
      if a != e { Issue.record("\(sample.rawValue): \(name) differs from the golden part\n\(firstDifference(a, e))") }
    }
  }

  /// Where two texts first differ, with some context, for a readable failure.
  func firstDifference(_ a: String, _ b: String) -> String {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    var i = 0
    while i < x.count && i < y.count && x[i] == y[i] { i += 1 }
    let from = max(0, i - 80)
    func around(_ bytes: [UInt8]) -> String { String(decoding: bytes[from..<min(bytes.count, i + 120)], as: UTF8.self) }
    return "at byte \(i):\n  produced: …\(around(x))…\n  golden:   …\(around(y))…"
  }
}
