import Columnar
import Foundation
import Indicators
import Testing

@testable import Reports

/// The funder workbook of the service-access example (tests/ReportBuilderTests'
/// `serviceAccessModel`), written with the IPTT layout.
func serviceAccessWorkbook(to path: String, layout name: String = "iptt", constantMemory: Bool? = nil) throws -> ReportModel {
  let model = try serviceAccessModel()
  let layout = try WorkbookLayout.named(name, templatesDirectory: packageRoot + "/templates")
  try FunderWorkbook.write(model, layout: layout, to: path, constantMemory: constantMemory)
  return model
}

@Suite struct FunderWorkbookTests {
  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

  // MARK: Golden parts

  /// Every XML part of the service-access workbook against the reviewed parts in
  /// Snapshots/funderWorkbook/. The model's generation time (1,700,000,000 s) is the document's
  /// creation time, so no part is volatile; trailing white space is dropped, as in XLSXTests.
  /// `RECORD_GOLDEN=1` rewrites the parts: review the diff.
  @Test(.enabled(if: ExternalTools.hasUnzip, "unzip is not installed: the golden workbook test is skipped"))
  func partsMatchGolden() throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    let path = dir.file("funder.xlsx")
    _ = try serviceAccessWorkbook(to: path)
    // The checkout's location is in the paths of the inputs and definitions: not part of the
    // golden.
    let produced = try xlsxParts(path).mapValues { $0.replacingOccurrences(of: packageRoot, with: "ROOT") }
    let folder = Self.snapshots.appendingPathComponent("funderWorkbook")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
      try? FileManager.default.removeItem(at: folder)
      for (name, text) in produced {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
      }
      return
    }
    var golden: [String: String] = [:]
    if let walker = FileManager.default.enumerator(atPath: folder.path) {
      for case let name as String in walker {
        var isDirectory: ObjCBool = false
        let url = folder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
          golden[name] = try String(contentsOf: url, encoding: .utf8)
        }
      }
    }
    try #require(!golden.isEmpty, "no golden parts in Snapshots/funderWorkbook; run with RECORD_GOLDEN=1 and review")
    #expect(Set(produced.keys) == Set(golden.keys))
    for name in produced.keys.sorted() {
      guard let e = golden[name], let a = produced[name] else { continue }
      let actual = a.trimmingCharacters(in: .whitespacesAndNewlines)
      let expected = e.trimmingCharacters(in: .whitespacesAndNewlines)
      if actual != expected { Issue.record("\(name) differs from Snapshots/funderWorkbook/\(name)\n\(firstDifference(actual, expected))") }
    }
  }

  func firstDifference(_ a: String, _ b: String) -> String {
    let x = Array(a.utf8), y = Array(b.utf8)
    var i = 0
    while i < x.count && i < y.count && x[i] == y[i] { i += 1 }
    let from = max(0, i - 80)
    func around(_ bytes: [UInt8]) -> String { String(decoding: bytes[from..<min(bytes.count, i + 120)], as: UTF8.self) }
    return "at byte \(i):\n  produced: …\(around(x))…\n  golden:   …\(around(y))…"
  }

  // MARK: Same inputs, same bytes

  /// Two writes of the same model give the same bytes, in both memory modes.
  @Test(arguments: [false, true])
  func sameModelSameBytes(_ constantMemory: Bool) throws {
    let dir = try TemporaryFolder()
    defer { dir.remove() }
    _ = try serviceAccessWorkbook(to: dir.file("a.xlsx"), constantMemory: constantMemory)
    _ = try serviceAccessWorkbook(to: dir.file("b.xlsx"), constantMemory: constantMemory)
    let a = try Data(contentsOf: dir.url.appendingPathComponent("a.xlsx"))
    let b = try Data(contentsOf: dir.url.appendingPathComponent("b.xlsx"))
    #expect(a.count > 10_000)
    #expect(a == b)
  }

  // MARK: Errors

  /// A missing directory is `.cannotWrite`, named by the path as given, and leaves nothing.
  @Test func unwritableDirectory() throws {
    let model = try serviceAccessModel()
    let layout = try WorkbookLayout.named("iptt", templatesDirectory: packageRoot + "/templates")
    let path = "/nonexistent-backbone-dir/funder.xlsx"
    do {
      try FunderWorkbook.write(model, layout: layout, to: path)
      Issue.record("expected an error")
    } catch {
      guard case .report(let file, _, _, _, _, let kind) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(file == path)
      #expect(kind == .cannotWrite)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
