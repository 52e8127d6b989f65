import Foundation
import Testing

@testable import Columnar

@Suite struct WriterTests {
  static func table() throws -> Table {
    try Table(
      names: ["id", "name, full", "value"],
      columns: [
        Column(integers: [1, 2, nil]),
        Column(strings: ["Bristol, City of", "say \"hi\"", ""]),
        Column(floats: [0.1, nil, 1e-7]),
      ])
  }

  @Test func csvIsRFC4180() throws {
    let csv = String(decoding: TableWriter.csvBytes(try Self.table()), as: UTF8.self)
    let expected = [
      #"id,"name, full",value"#,
      #"1,"Bristol, City of",0.1"#,
      #"2,"say ""hi""","#,
      #","",1e-07"#,
    ].joined(separator: "\n") + "\n"
    #expect(csv == expected)
  }

  @Test func jsonLinesHasNumbersAndNulls() throws {
    let text = String(decoding: TableWriter.jsonLinesBytes(try Self.table()), as: UTF8.self)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0] == #"{"id":1,"name, full":"Bristol, City of","value":0.1}"#)
    #expect(lines[1] == #"{"id":2,"name, full":"say \"hi\"","value":null}"#)
    // Each line is valid JSON, with the same values.
    let last = try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any]
    #expect(last?["id"] is NSNull)
    #expect(last?["value"] as? Double == 1e-7)
  }

  @Test func atomicOutputLeavesThePreviousFileOnFailure() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bb-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("out.csv").path
    try "previous\n".write(toFile: path, atomically: false, encoding: .utf8)
    do {
      let out = try OutputFile(path: path)
      try out.write("half a report")
      out.abandon()  // as when a later step fails
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous\n")
    let out = try OutputFile(path: path)
    try out.write("new\n")
    try out.commit()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
    // No temporary files are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
  }

  @Test func missingDirectoryIsCannotWrite() {
    #expect(throws: CSVError.self) { try OutputFile(path: "/nonexistent-dir/x.csv") }
    do {
      _ = try OutputFile(path: "/nonexistent-dir/x.csv")
    } catch {
      #expect(error.kind == .cannotWrite)
    }
  }
}

/// Regression: writing to `/dev/null` renamed a temporary file over it, so that (as root) the
/// device became a plain file. Special files are written in place.
@Suite struct SpecialFileOutputTests {
  @Test func devNullStaysADevice() throws {
    let out = try OutputFile(path: "/dev/null")
    try out.write(Array("a,b\n1,2\n".utf8))
    try out.commit()
    var info = stat()
    #expect(stat("/dev/null", &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFCHR)
  }

  @Test func namedPipeIsWrittenInPlace() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bb-fifo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o600) == 0)
    // A reader on the other end, so that opening the pipe for writing does not block.
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    defer { close(reader) }
    let out = try OutputFile(path: fifo)
    try out.write(Array("x\n".utf8))
    try out.commit()
    var bytes = [UInt8](repeating: 0, count: 8)
    let n = read(reader, &bytes, 8)
    #expect(n == 2 && bytes[0] == UInt8(ascii: "x"))
    var info = stat()
    #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
  }

  @Test func directoryIsRefused() {
    #expect(throws: CSVError.self) { try OutputFile(path: FileManager.default.temporaryDirectory.path) }
  }
}

/// A table written in pieces (`TableWriter.write(header: false)` after the first): the same
/// bytes as written at once, with pieces larger than an encoding block (16,384 rows), so that
/// the rows are encoded on several cores without a header.
@Suite struct WriterPiecesTests {
  @Test func piecesGiveTheWholeTablesBytes() throws {
    let n = 40_000
    let table = try Table(
      names: ["id", "name", "value"],
      columns: [
        Column(integers: (0..<n).map { $0 % 7 == 0 ? nil : Int64($0) }),
        Column(strings: (0..<n).map { $0 % 5 == 0 ? nil : "n \($0 % 13), \"q\"" }),
        Column(floats: (0..<n).map { $0 % 11 == 0 ? nil : Double($0) / 8 }),
      ])
    let whole = TableWriter.csvBytes(table)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bb-pieces-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let out = try OutputFile(path: path)
    let cuts = [0, 1, 20_000, 36_385, n]
    for (i, (a, b)) in zip(cuts, cuts.dropFirst()).enumerated() {
      try TableWriter.write(table.gathering(Array(a..<b)), format: .csv, to: out, header: i == 0)
    }
    try out.commit()
    #expect(Array(FileManager.default.contents(atPath: path) ?? Data()) == whole)
  }
}

/// The JSON document's exact bytes, written by hand: keys sorted by their bytes (a field
/// `zeta` after the rows key `rows`), strings escaped, a NaN cell and a missing one as null,
/// floats in their shortest form; and a table with no columns.
@Suite struct JSONDocumentTests {
  @Test func documentWrittenByHand() throws {
    let table = try Table(
      names: ["b", "a"],
      columns: [Column(floats: [1.5, .nan, nil]), Column(strings: ["x\"y\\z\t", "é", nil])])
    let text = TableWriter.jsonDocument(table, fields: ["zeta": "last"], arrays: ["files": ["f.csv"]], rowsKey: "rows")
    let expected = """
      {
        "files": ["f.csv"],
        "rows": [
          {"a": "x\\"y\\\\z\\t", "b": 1.5},
          {"a": "é", "b": null},
          {"a": null, "b": null}
        ],
        "schemaVersion": 1,
        "zeta": "last"
      }

      """
    #expect(text == expected)
    // A table with no columns: one empty object per row.
    let none = Table(unchecked: [], columns: [], rowCount: 2)
    #expect(TableWriter.jsonDocument(none, rowsKey: "rows") == "{\n  \"rows\": [\n    {},\n    {}\n  ],\n  \"schemaVersion\": 1\n}\n")
  }
}
