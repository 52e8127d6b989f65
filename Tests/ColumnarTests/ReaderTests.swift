import Testing

@testable import Columnar

/// Dialects, headers and types: hand-written inputs whose expected tables are worked out by hand.
@Suite struct ReaderTests {
  @Test func quotedFieldsWithDelimitersQuotesAndNewlines() throws {
    let r = try read("id,name\n1,\"Bristol, City of\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n")
    #expect(r.table.rowCount == 3)
    #expect(cells(r.table) == [["1", "Bristol, City of"], ["2", "say \"hi\""], ["3", "two\nlines"]])
  }

  @Test(arguments: [("\n", CSVDialect.LineEnding.lf), ("\r\n", .crlf), ("\r", .cr)])
  func lineEndings(_ terminator: String, _ expected: CSVDialect.LineEnding) throws {
    let text = ["a,b", "1,p", "2,q", ""].joined(separator: terminator)
    let r = try read(text)
    #expect(r.dialect.lineEnding == expected)
    #expect(cells(r.table) == [["1", "p"], ["2", "q"]])
  }

  @Test func crlfInsideQuotesIsKept() throws {
    let r = try read("a,b\r\n1,\"x\r\ny\"\r\n")
    #expect(try r.table.column("b")[0] == .text("x\r\ny"))
  }

  @Test func byteOrderMarkAndNoFinalNewline() throws {
    let r = try CSVReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2".utf8))
    #expect(r.dialect.hasBOM)
    #expect(r.table.names == ["a", "b"])
    #expect(cells(r.table) == [["1", "2"]])
  }

  @Test(arguments: [(";", UInt8(59)), ("\t", 9), ("|", 124), (",", 44)])
  func delimiterIsSniffed(_ d: String, _ byte: UInt8) throws {
    let text = ["area\(d)value\(d)note", "E1\(d)1.5\(d)a b", "E2\(d)2.5\(d)c", "E3\(d)3\(d)d"].joined(separator: "\n")
    let r = try read(text + "\n")
    #expect(r.dialect.delimiter == byte)
    #expect(r.table.names == ["area", "value", "note"])
    #expect(try r.table.column("value").type == .float)
  }

  @Test func blankLinesAreSkipped() throws {
    let r = try read("a,b\n\n1,2\n\n\n3,4\n\n")
    #expect(cells(r.table) == [["1", "2"], ["3", "4"]])
  }

  @Test func preambleIsDetectedLikeWorldBank() throws {
    let text = """
      "Data Source","World Development Indicators",

      "Last Updated Date","2026-04-08",

      "Country Name","Country Code","2019","2020",
      "Aruba","ABW","1.9","1.8",
      "Chad","TCD","",  "6.2",

      """
    let r = try read(text)
    #expect(r.dialect.skippedLines == 4)
    #expect(r.dialect.skippedLinesDetected)
    #expect(r.dialect.headerLine == 5)
    #expect(r.table.names == ["Country Name", "Country Code", "2019", "2020"])
    #expect(r.warnings.contains { $0.kind == .droppedTrailingColumn })
    #expect(try r.table.column("2019")[1] == .missing(token: ""))
  }

  @Test func skipRowsIsObeyed() throws {
    let r = try read("title line\nsecond, line\nx,y\n1,2\n") { $0.skipRows = 2 }
    #expect(r.table.names == ["x", "y"])
    #expect(r.dialect.skippedLines == 2)
    #expect(!r.dialect.skippedLinesDetected)
  }

  @Test func hxlTagRowIsSkipped() throws {
    let r = try read("GHO (CODE),Numeric\n#indicator+code,#indicator+value+num\nWHS4_100,12.5\n")
    #expect(r.dialect.tagRow == ["#indicator+code", "#indicator+value+num"])
    #expect(cells(r.table) == [["WHS4_100", "12.5"]])
  }

  @Test func emptyAndDuplicateHeaderNamesAreMadeUnique() throws {
    let r = try read(",value,value,\n1,2,3,4\n")
    #expect(r.table.names == ["column_1", "value", "value_2", "column_4"])
    #expect(r.warnings.filter { $0.kind == .duplicateHeaderName }.count == 1)
    #expect(r.warnings.filter { $0.kind == .emptyHeaderName }.count == 1)
  }

  @Test func noHeader() throws {
    let r = try read("1,a\n2,b\n") { $0.hasHeader = false }
    #expect(r.table.names == ["column_1", "column_2"])
    #expect(r.table.rowCount == 2)
  }

  @Test func typesAreInferredFromEveryValue() throws {
    let r = try read("i,f,t,z,e\n1,1.5,a,007,\n-2,3,b,010,\n30,1e3,7,1,\n")
    let t = r.table
    #expect(try t.column("i").type == .integer)
    #expect(try t.column("f").type == .float)
    #expect(try t.column("f")[2] == .float(1000))
    #expect(try t.column("t").type == .text)
    #expect(try t.column("t")[2] == .text("7"))
    // A leading zero marks an identifier: the column stays text, zeros kept.
    #expect(try t.column("z").type == .text)
    #expect(try t.column("z")[0] == .text("007"))
    // No value at all: float, all missing.
    #expect(try t.column("e").validCount == 0)
  }

  @Test func textLateInALargeFileKeepsEarlierValuesExactly() throws {
    // Integers for many chunks, then text: the earlier values are re-read as their exact text.
    var text = "code,n\n"
    for i in 0..<5_000 { text += "\(i % 7 == 0 ? "1.50" : String(i)),\(i)\n" }
    text += "E06000001,5000\n"
    let r = try read(text) {
      $0.chunkSize = 512
      $0.threads = 2
    }
    let code = try r.table.column("code")
    #expect(code.type == .text)
    #expect(code[0] == .text("1.50"))
    #expect(code[1] == .text("1"))
    #expect(code[5_000] == .text("E06000001"))
    #expect(try r.table.column("n").type == .integer)
  }

  @Test func missingTokensAreRememberedByToken() throws {
    let r = try read("v\n1\n\nNA\n*\n..\n-\nx\n:\nN/A\n\"\"\n\"NA\"\n")
    let v = try r.table.column("v")
    // The quoted "NA" (Namibia) is text, so the column is text.
    #expect(v.type == .text)
    // The empty line is a blank line (skipped); the quoted "" is an empty field, missing.
    #expect(v.count == 10)
    #expect(v[8] == .missing(token: ""))
    #expect(v[9] == .text("NA"))
    let counts = Dictionary(uniqueKeysWithValues: v.missingCountsByToken.map { ($0.token ?? "?", $0.count) })
    #expect(counts == ["": 1, "NA": 1, "*": 1, "..": 1, "-": 1, "x": 1, ":": 1, "N/A": 1])
  }

  @Test func emptyLinesInOneColumnFileAreBlankLines() throws {
    let r = try read("v\n1\n\n2\n")
    #expect(r.table.rowCount == 2)
  }

  @Test func customMissingTokens() throws {
    let r = try read("v\n1\nn/a\n3\n") { $0.missingTokens = ["n/a"] }
    #expect(try r.table.column("v").type == .integer)
    #expect(try r.table.column("v")[1] == .missing(token: "n/a"))
  }

  @Test func decimalCommaAndThousands() throws {
    let r = try read("a;b\n1.234,5;2\n12,75;3\n") {
      $0.decimalSeparator = 44
      $0.thousandsSeparator = 46
    }
    #expect(r.dialect.delimiter == 59)
    #expect(try r.table.column("a")[0] == .float(1234.5))
    #expect(try r.table.column("a")[1] == .float(12.75))
  }

  @Test func declaredTypes() throws {
    let r = try read("code,v\n001,2\n") { $0.columnTypes = ["v": .float, "code": .text] }
    #expect(try r.table.column("v")[0] == .float(2))
    #expect(try r.table.column("code")[0] == .text("001"))
    #expect(r.declaredColumns == ["v", "code"])
  }

  @Test func trailingDelimiterOnDataRowsOnly() throws {
    let r = try read("a,b\n1,2,\n3,4,\n")
    #expect(cells(r.table) == [["1", "2"], ["3", "4"]])
    #expect(r.warnings.contains { $0.kind == .extraTrailingDelimiter && $0.count == 2 })
  }

  @Test func balancedQuoteInsideUnquotedFieldIsText() throws {
    // As in csv-spectrum's location_coordinates case.
    let r = try read("a,b\n1,37°36'37.8\"N 121°2'17.9\"W\n")
    #expect(try r.table.column("b")[0] == .text("37°36'37.8\"N 121°2'17.9\"W"))
  }

  @Test func chunkedParallelReadEqualsSingleChunk() throws {
    var text = "id,name,v\n"
    for i in 0..<3_000 { text += "\(i),\"name \(i % 13), \"\"q\"\"\nline\",\(Double(i) / 8)\n" }
    let single = try read(text) { $0.threads = 1 }
    for size in [64, 100, 333, 4096] {
      let chunked = try read(text) {
        $0.chunkSize = size
        $0.threads = 3
      }
      #expect(TableWriter.csvBytes(chunked.table) == TableWriter.csvBytes(single.table), "chunk size \(size)")
    }
    #expect(single.table.rowCount == 3_000)
  }
}
