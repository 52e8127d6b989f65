import Columnar
import Foundation
import Testing

@testable import Indicators

/// `analyze --format csv` writes a block of results at a time: the header from a table of no
/// results, then each block's rows without a header. The bytes must be those of the whole
/// table written at once, and the checksums added block by block those of all the results.
@Suite struct BlockTableTests {
  static func read(_ csv: String) throws -> Observations {
    let r = try CSVReader.read(bytes: Array(csv.utf8), name: "blocks.csv")
    return try Observations.read(r.table, file: "blocks.csv")
  }

  /// Whether the benchmark columns appear, known before analysing, agrees with the results:
  /// worked by hand. E0 (the benchmark) and A have values: compared (E0 itself "Not compared",
  /// which is a comparison's answer too), columns. Without a benchmark area: none. When the
  /// only series lists 2020 twice it has no numbers, so nothing is compared: none.
  @Test func benchmarkColumnsAreKnownBeforehand() throws {
    var options = AnalysisOptions()
    options.benchmarkArea = "E0"
    let compared = try Self.read("indicator_id,area_code,period,value\nX,E0,2019,1\nX,E0,2020,2\nX,A,2019,3\nX,A,2020,4\n").series()
    #expect(compared.benchmarkColumns(options: options))
    #expect(compared.table(of: compared.analyse(options: options)).names.contains("benchmark_comparison"))
    #expect(!compared.benchmarkColumns(options: AnalysisOptions()))
    let twice = try Self.read("indicator_id,area_code,period,value\nX,E0,2020,1\nX,E0,2020,2\n").series()
    #expect(!twice.benchmarkColumns(options: options))
    #expect(!twice.table(of: twice.analyse(options: options)).names.contains("benchmark_comparison"))
  }

  /// A document of no rows: `"series": [` then `  ]`, as written at once (hand-checked shape).
  @Test func emptyDocumentInPieces() throws {
    let set = try Self.read("indicator_id,area_code,period,value\n").series()
    let writer = JSONDocumentWriter(arrays: ["files": ["a.csv"]], rowsKey: "series")
    let pieces = String(decoding: writer.head + writer.end, as: UTF8.self)
    #expect(pieces == TableWriter.jsonDocument(set.table(of: []), arrays: ["files": ["a.csv"]], rowsKey: "series"))
    #expect(pieces == "{\n  \"files\": [\"a.csv\"],\n  \"schemaVersion\": 1,\n  \"series\": [\n  ]\n}\n")
  }

  /// 40 areas (two with a pooled period among single years, split into series of each kind, so
  /// `period_kind` is a column) in blocks of 1, 3, 7 and 64 series.
  @Test(arguments: [1, 3, 7, 64])
  func blocksGiveTheWholeTablesBytes(block: Int) throws {
    var csv = "indicator_id,area_code,sex,period,value\n"
    for a in 0..<40 {
      for (y, v) in [(2017, 3.0), (2018, 2.5), (2019, 4.0), (2020, Double(a))] {
        csv += "I\(a % 3),A\(a),\(a % 2 == 0 ? "Female" : "Male"),\(y),\(v + Double(a) / 10)\n"
      }
      if a == 5 || a == 30 { csv += "I\(a % 3),A\(a),\(a % 2 == 0 ? "Female" : "Male"),2015 - 17,1.5\n" }
    }
    let set = try Self.read(csv).series(mixedPeriods: .split)
    let periodKind = set.series.contains { $0.periodKind != nil }
    #expect(periodKind)
    let all = set.analyse()
    let whole = TableWriter.csvBytes(set.table(of: all))
    var streamed = TableWriter.csvBytes(set.table(of: [], periodKind: periodKind))
    var checksums = Checksums()
    var blocks = 0
    set.analyseBlocks(block: block) { results in
      blocks += 1
      set.addChecksums(of: results, to: &checksums)
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("bb-block-\(UUID().uuidString).csv").path
      defer { try? FileManager.default.removeItem(atPath: path) }
      do {
        let out = try OutputFile(path: path)
        try TableWriter.write(set.table(of: results, periodKind: periodKind), format: .csv, to: out, header: false)
        try out.commit()
        streamed += Array(FileManager.default.contents(atPath: path) ?? Data())
      } catch { Issue.record("\(error)") }
    }
    #expect(blocks == (set.series.count + block - 1) / block)
    #expect(streamed == whole)
    // The JSON document in pieces: the same bytes as written at once.
    var writer = JSONDocumentWriter(arrays: ["files": ["blocks.csv"]], rowsKey: "series")
    var json = writer.head
    set.analyseBlocks(block: block) { results in
      writer.encodeRows(set.table(of: results, periodKind: periodKind)) { json += $0 }
    }
    json += writer.end
    let document = TableWriter.jsonDocument(set.table(of: all), arrays: ["files": ["blocks.csv"]], rowsKey: "series")
    #expect(String(decoding: json, as: UTF8.self) == document)
    #expect(checksums == set.checksums(of: all))
    // A body that fails (a write that failed) on the first block stops the analysis: none of
    // the other blocks (all but one for blocks of 1, 3 and 7 series) reaches it, and its error
    // comes out.
    struct WriteFailed: Error, Equatable {}
    var seen = 0
    #expect(throws: WriteFailed()) {
      try set.analyseBlocks(block: block) { (_: [SeriesResult]) throws(WriteFailed) in
        seen += 1
        throw WriteFailed()
      }
    }
    #expect(seen == 1)
    // The header alone is the whole table's first line.
    let header = TableWriter.csvBytes(set.table(of: [], periodKind: periodKind))
    #expect(header.last == 10 && header.filter { $0 == 10 }.count == 1)
    #expect(whole.starts(with: header))
  }
}
