import Foundation
import Testing

@testable import XLSX

/// The workbook's life: where the file appears and when, what happens to a previous file, the
/// creation time, and the format cache.
@Suite struct WorkbookTests {
  func write(_ path: String, sourceDateEpoch: String? = nil, created: Int64? = nil) throws {
    let workbook = try Workbook(path: path, options: WorkbookOptions(), sourceDateEpoch: sourceDateEpoch)
    workbook.properties.created = created
    try workbook.addWorksheet("Data").write("value", row: 0, column: 0)
    try workbook.close()
  }

  // MARK: The output file

  @Test func nothingAppearsBeforeCloseAndNoTemporaryFileRemains() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("out.xlsx")
    let workbook = try Workbook(path: path, options: WorkbookOptions(), sourceDateEpoch: nil)
    try workbook.addWorksheet("Data").write(1, row: 0, column: 0)
    #expect(!FileManager.default.fileExists(atPath: path))
    let pending = dir.contents()
    #expect(pending.count == 1 && pending[0].hasPrefix(".out.xlsx.tmp-"), "\(pending)")
    try workbook.close()
    #expect(dir.contents() == ["out.xlsx"])
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(bytes.prefix(2) == Data("PK".utf8))  // a zip container
  }

  @Test func closeReplacesAPreviousFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("out.xlsx")
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    try write(path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(2) == Data("PK".utf8))
    #expect(dir.contents() == ["out.xlsx"])
  }

  @Test func aWorkbookDroppedWithoutCloseLeavesThePreviousFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("out.xlsx")
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    do {
      let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true), sourceDateEpoch: nil)
      let sheet = try workbook.addWorksheet("Data")
      for row in 0..<1_000 { try sheet.write(Double(row), row: row, column: 0) }
      // An error stops the writer here; the workbook goes out of scope unclosed.
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("old".utf8))
    #expect(dir.contents() == ["out.xlsx"])
  }

  @Test func discardLeavesThePreviousFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("out.xlsx")
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    let workbook = try Workbook(path: path, options: WorkbookOptions(), sourceDateEpoch: nil)
    try workbook.addWorksheet("Data").write("new", row: 0, column: 0)
    workbook.discard()
    workbook.discard()  // harmless twice
    #expect(!workbook.isOpen)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("old".utf8))
    #expect(dir.contents() == ["out.xlsx"])
  }

  @Test func anUnwritableDestinationFailsAtOnce() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let missing = xlsxError { _ = try Workbook(path: dir.file("no-such-dir/out.xlsx"), options: WorkbookOptions(), sourceDateEpoch: nil) }
    #expect(missing?.kind == .cannotCreateOutput)
    #expect(missing?.hint?.contains("does not exist") == true)
    // A regular file where a directory should be (refused even for root, unlike permissions).
    try Data().write(to: URL(fileURLWithPath: dir.file("file")))
    let notDirectory = xlsxError { _ = try Workbook(path: dir.file("file/out.xlsx"), options: WorkbookOptions(), sourceDateEpoch: nil) }
    #expect(notDirectory?.kind == .cannotCreateOutput)
    let isDirectory = xlsxError { _ = try Workbook(path: dir.path, options: WorkbookOptions(), sourceDateEpoch: nil) }
    #expect(isDirectory?.kind == .cannotCreateOutput)
    let empty = xlsxError { _ = try Workbook(path: "", options: WorkbookOptions(), sourceDateEpoch: nil) }
    #expect(empty?.kind == .cannotCreateOutput)
    #expect(dir.contents() == ["file"])
  }

  @Test func aFailedRenameKeepsWhatIsThereAndRemovesTheTemporaryFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("out.xlsx")
    let workbook = try Workbook(path: path, options: WorkbookOptions(), sourceDateEpoch: nil)
    try workbook.addWorksheet("Data").write(1, row: 0, column: 0)
    // Something else creates a non-empty directory at the path meanwhile: rename(2) must fail.
    try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
    let error = xlsxError { try workbook.close() }
    #expect(error?.kind == .cannotWrite)
    #expect(!workbook.isOpen)
    #expect(dir.contents() == ["out.xlsx"])
    #expect(FileManager.default.fileExists(atPath: path + "/inside"))
  }

  // MARK: Creation time

  func createdStamp(_ path: String) throws -> String? {
    let core = try unzipPart(path, "docProps/core.xml")
    guard let open = core.range(of: "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"),
      let close = core.range(of: "</dcterms:created>")
    else { return nil }
    return String(core[open.upperBound..<close.lowerBound])
  }

  /// Expected stamps from GNU date: `date -u -d @1767225600 +%FT%TZ` is 2026-01-01T00:00:00Z,
  /// `date -u -d @1700000000 +%FT%TZ` is 2023-11-14T22:13:20Z.
  @Test func sourceDateEpochFixesTheCreationTime() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try write(dir.file("a.xlsx"), sourceDateEpoch: "1767225600")
    #expect(try createdStamp(dir.file("a.xlsx")) == "2026-01-01T00:00:00Z")
    // An explicit creation time wins over SOURCE_DATE_EPOCH.
    try write(dir.file("b.xlsx"), sourceDateEpoch: "1767225600", created: 1_700_000_000)
    #expect(try createdStamp(dir.file("b.xlsx")) == "2023-11-14T22:13:20Z")
    // 0 would mean "now" to libxlsxwriter; the wrapper writes one second past the epoch.
    try write(dir.file("c.xlsx"), sourceDateEpoch: "0")
    #expect(try createdStamp(dir.file("c.xlsx")) == "1970-01-01T00:00:01Z")
  }

  @Test(arguments: ["yesterday", "-5", "1.5", "17e8"])
  func refusesAMalformedSourceDateEpoch(_ value: String) throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let error = xlsxError { _ = try Workbook(path: dir.file("x.xlsx"), options: WorkbookOptions(), sourceDateEpoch: value) }
    #expect(error?.kind == .invalidArgument)
    #expect(error?.message.contains("SOURCE_DATE_EPOCH") == true)
    #expect(dir.contents().isEmpty)
  }

  @Test func theSameInputsGiveTheSameBytes() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    for sample in Sample.available {
      try sample.write(to: dir.file("1.xlsx"))
      try sample.write(to: dir.file("2.xlsx"))
      let first = try Data(contentsOf: URL(fileURLWithPath: dir.file("1.xlsx")))
      let second = try Data(contentsOf: URL(fileURLWithPath: dir.file("2.xlsx")))
      #expect(first == second, "\(sample.rawValue) differs between two runs")
    }
  }

  // MARK: Formats

  @Test func equalStylesShareOneFormat() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let workbook = try Workbook(path: dir.file("f.xlsx"), options: WorkbookOptions(), sourceDateEpoch: nil)
    defer { workbook.discard() }
    let a = try workbook.format(CellStyle(numberFormat: "0.0%", isBold: true))
    let b = try workbook.format(CellStyle(numberFormat: "0.0%", isBold: true))
    let c = try workbook.format(CellStyle(numberFormat: "0.0%"))
    #expect(a.pointer == b.pointer)
    #expect(a.pointer != c.pointer)
    #expect(a.style == b.style)
  }
}
