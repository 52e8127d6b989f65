import Foundation
import Testing

@testable import Columnar

/// Every error path: kind, line, field, what was found, and the message shape.
@Suite struct ErrorTests {
  @Test func unterminatedQuote() throws {
    let e = try #require(readError("a,b\n1,2\n3,\"open\n4,5\n"))
    #expect(e.kind == .unterminatedQuote)
    #expect(e.line == 3)
    #expect(e.field == 2)
    #expect(e.description.hasPrefix("test.csv:3:2: error: a quoted field starts here but its closing quote never comes"))
  }

  @Test func tooManyFields() throws {
    let e = try #require(readError("a,b\n1,2\n3,4,5\n"))
    #expect(e.kind == .tooManyFields)
    #expect(e.line == 3)
    #expect(e.field == 3)
    #expect(e.message == "this record has 3 fields but the header has 2")
    #expect(e.hint?.contains("--delimiter") == true)
  }

  @Test func tooFewFieldsAfterQuotedNewlines() throws {
    // The quoted newline makes line numbers physical: the short record starts on line 4.
    let e = try #require(readError("a,b\n1,\"x\ny\"\n3\n"))
    #expect(e.kind == .tooFewFields)
    #expect(e.line == 4)
  }

  @Test func invalidUTF8() throws {
    let e = try #require(readError(bytes: Array("name,v\nok,1\nCaf".utf8) + [0xE9] + Array(",2\n".utf8)))
    #expect(e.kind == .invalidUTF8)
    #expect(e.line == 3)
    #expect(e.field == 1)
    #expect(e.columnName == "name")
    #expect(e.found == "\"Caf\\xE9\"")
    #expect(e.hint?.contains("iconv") == true)
  }

  @Test func textAfterClosingQuote() throws {
    let e = try #require(readError("a,b\n1,\"x\"y\n"))
    #expect(e.kind == .unexpectedQuote)
    #expect(e.line == 2)
    #expect(e.field == 2)
  }

  @Test func loneQuoteInsideQuotedField() throws {
    // Quotes pair up, but the one after "a" neither closes the field nor is doubled.
    let e = try #require(readError("a,b\n1,\"a\"b\"c\"\n"))
    #expect(e.kind == .unexpectedQuote)
    #expect(e.line == 2)
  }

  @Test func declaredNumberThatIsNot() throws {
    let e = try #require(readError("area,amount\nE1,12.5\nE2,\"12,5\"\n") { $0.columnTypes = ["amount": .float] })
    #expect(e.kind == .invalidValue)
    #expect(e.line == 3)
    #expect(e.field == 2)
    #expect(
      e.description == """
        test.csv:3:2: error: cannot read "12,5" as a number in column "amount"
          expected: a number like 12.5 (column type float, declared)
          hint: pass --decimal-comma, or declare the column with --type amount=text
        """)
  }

  @Test func declaredIntegerThatIsNot() throws {
    let e = try #require(readError("n\n1\n2.5\n") { $0.columnTypes = ["n": .integer] })
    #expect(e.kind == .invalidValue)
    #expect(e.line == 3)
  }

  @Test func firstErrorInFileOrderWins() throws {
    // A field-count error on line 5 and a UTF-8 error on line 3, in small parallel chunks.
    let bytes = Array("a,b\n1,2\n".utf8) + [0xFF] + Array(",3\n4,5\n6,7,8\n".utf8)
    let e = try #require(readError(bytes: bytes) { $0.chunkSize = 8 })
    #expect(e.kind == .invalidUTF8)
    #expect(e.line == 3)
  }

  @Test func utf16IsRefused() throws {
    let e = try #require(readError(bytes: [0xFF, 0xFE, 0x61, 0x00]))
    #expect(e.kind == .unsupportedEncoding)
    #expect(e.hint?.contains("iconv -f utf-16") == true)
  }

  @Test func emptyFile() throws {
    let e = try #require(readError(""))
    #expect(e.kind == .noHeader)
  }

  @Test func unknownDeclaredColumn() throws {
    let e = try #require(readError("a,b\n1,2\n") { $0.columnTypes = ["c": .text] })
    #expect(e.kind == .invalidOptions)
    #expect(e.expected == "one of \"a\", \"b\"")
  }

  @Test func missingFileAndDirectory() throws {
    do {
      _ = try CSVReader.read(path: "/nonexistent/x.csv", displayPath: "x.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .fileNotFound)
      #expect(error.description.hasPrefix("x.csv: error: no such file"))
    }
    do {
      _ = try CSVReader.read(path: NSTemporaryDirectory())
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .unreadable)
    }
  }

  @Test func quarantineKeepsEveryRejectedRowUnchanged() throws {
    let bytes =
      Array("id,name,v\n1,a,1.5\n2,b\n3,c,2.5,extra\n4,".utf8) + [0xC3, 0x28] + Array(",3\n5,\"e\",4\n6,f,\"x\"y\n".utf8)
    var options = CSVReadOptions()
    options.badRows = .quarantine
    options.chunkSize = 16
    let r = try CSVReader.read(bytes: bytes, name: "q.csv", options: options)
    #expect(cells(r.table) == [["1", "a", "1.5"], ["5", "e", "4.0"]])
    #expect(r.recordsRead == 6)
    #expect(r.rejected.map(\.line) == [3, 4, 5, 7])
    #expect(r.rejected.map(\.kind) == [.tooFewFields, .tooManyFields, .invalidUTF8, .unexpectedQuote])
    #expect(r.rejected[0].raw == Array("2,b".utf8))
    #expect(r.rejected[2].raw == Array("4,".utf8) + [0xC3, 0x28] + Array(",3".utf8))
    let written = RejectedRowsWriter.bytes(r.rejected, source: "q.csv")
    // Reading the rejected file back gives the records byte for byte.
    var back = CSVReadOptions()
    back.inferTypes = false
    back.missingTokens = []
    let reread = try CSVReader.read(bytes: written.filter { $0 != 0xC3 && $0 != 0x28 }, options: back)
    #expect(reread.table.names == ["source", "line", "field", "kind", "reason", "record"])
    #expect(try reread.table.column("record")[0] == .text("2,b"))
    #expect(try reread.table.column("record")[3] == .text("6,f,\"x\"y"))
  }

  @Test func messageQuotesAreTruncated() {
    let long = String(repeating: "é", count: 100)
    let q = CSVError.quoted(Array(long.utf8))
    #expect(q.hasSuffix("…"))
    #expect(q.count == 40 + 3)
  }
}
