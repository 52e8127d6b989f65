import Testing

@testable import Columnar

/// Regressions found by the fuzz target (fuzz/FuzzReader.swift, fuzz/README.md).
///
/// Each input is read with `chunkSize: 0` (one chunk) and with the small chunk size of its fuzz
/// reproducer (the reproducer's option bytes are given in each test), and every read must give
/// the result worked out by hand in the test's comments: the same table, the same rejected rows
/// (line, field, kind, reason, raw bytes) or the same error.
@Suite struct FuzzRegressionTests {
  /// A read's result in a form that can be compared as a whole.
  enum Outcome: Equatable, CustomStringConvertible {
    case failed(kind: CSVError.Kind, line: Int?, field: Int?, found: String?, message: String)
    case loaded(csv: String, types: [ColumnType], rejected: [RejectedRow], recordsRead: Int)

    var description: String {
      switch self {
      case .failed(let kind, let line, let field, let found, let message):
        "error \(kind) line \(line.map(String.init) ?? "-") field \(field.map(String.init) ?? "-") found \(found ?? "-"): \(message)"
      case .loaded(let csv, let types, let rejected, let recordsRead):
        "table \(csv.debugDescription) \(types) rejected \(rejected.map { "\($0.line):\($0.field ?? 0):\($0.kind):\($0.raw)" }) records \(recordsRead)"
      }
    }
  }

  /// Reads `bytes` with each chunk size (and `configure`d options), and returns the outcomes.
  static func outcomes(
    _ bytes: [UInt8], chunkSizes: [Int], _ configure: (inout CSVReadOptions) -> Void
  ) -> [Outcome] {
    chunkSizes.map { size in
      var options = CSVReadOptions()
      configure(&options)
      options.chunkSize = size
      do throws(CSVError) {
        let r = try CSVReader.read(bytes: bytes, name: "fuzz.csv", options: options)
        return .loaded(
          csv: String(decoding: TableWriter.csvBytes(r.table), as: UTF8.self), types: r.table.columns.map(\.type),
          rejected: r.rejected, recordsRead: r.recordsRead)
      } catch {
        return .failed(kind: error.kind, line: error.line, field: error.field, found: error.found, message: error.message)
      }
    }
  }

  /// Expects every chunk size to give `expected`.
  static func expectAll(
    _ bytes: [UInt8], chunkSizes: [Int], _ expected: Outcome, sourceLocation: SourceLocation = #_sourceLocation,
    _ configure: (inout CSVReadOptions) -> Void
  ) {
    for (size, outcome) in zip(chunkSizes, outcomes(bytes, chunkSizes: chunkSizes, configure)) {
      #expect(outcome == expected, "chunkSize \(size)", sourceLocation: sourceLocation)
    }
  }

  static func rejected(_ line: Int, _ kind: CSVError.Kind, _ reason: String, _ raw: [UInt8]) -> RejectedRow {
    RejectedRow(line: line, field: 1, kind: kind, reason: reason, raw: raw)
  }

  static let invalidFF = "invalid UTF-8 (byte 0xFF at offset 0 of the field) in column \"a\""
  static let loneQuote = "a quote inside the quoted field in column \"a\" is not doubled"
  static let textAfterQuote = "text follows the closing quote in column \"a\""

  /// The options of the reproducers' first byte 0x04 or 0x0C and second byte 0x03: delimiter
  /// `,`, one thread, thousands separator space; 0x0C quarantines.
  static func reproducerOptions(_ o: inout CSVReadOptions, quarantine: Bool) {
    o.delimiter = 44
    o.threads = 1
    o.thousandsSeparator = 32
    o.badRows = quarantine ? .quarantine : .fail
  }

  // MARK: Bug A: invalid UTF-8 loaded as text (quarantine)

  /// Reproducer `0c 03` + `a\n1\n\xff\nabc\n\xff\n`: chunk size 4 (byte 1 = 3).
  ///
  /// By hand: line 2 `1` makes the column integer; line 3 `\xff` is not UTF-8 and is rejected;
  /// line 4 `abc` turns the column into text (line 2 is re-read as the text `1`); line 5 `\xff`
  /// is rejected like line 3. Before the fix, one chunk interned line 3's bytes while turning the
  /// column into text, and line 5 then found them in the dictionary and was loaded.
  @Test func bugA_rejectedBytesAreNeverLoadedAsText() {
    let bytes = Array("a\n1\n".utf8) + [0xFF] + Array("\nabc\n".utf8) + [0xFF, 0x0A]
    Self.expectAll(
      bytes, chunkSizes: [0, 4, 1, 2, 3],
      .loaded(
        csv: "a\n1\nabc\n", types: [.text],
        rejected: [
          Self.rejected(3, .invalidUTF8, Self.invalidFF, [0xFF]), Self.rejected(5, .invalidUTF8, Self.invalidFF, [0xFF]),
        ],
        recordsRead: 4)
    ) { Self.reproducerOptions(&$0, quarantine: true) }
    // Failing instead: the first bad record, line 3.
    Self.expectAll(
      bytes, chunkSizes: [0, 4],
      .failed(kind: .invalidUTF8, line: 3, field: 1, found: "\"\\xFF\"", message: Self.invalidFF)
    ) { Self.reproducerOptions(&$0, quarantine: false) }
  }

  /// The same with a second column and several bad rows before the column turns text, so that
  /// the re-read of earlier groups and chunks (`rereadAsText`) is also crossed.
  ///
  /// By hand: `b` holds 1, 2, 3 on lines 2, 4, 6; lines 3 and 5 (`\xfe` in `a`) are rejected;
  /// `a` is integer (10, 11) until line 6's `t`, then text; line 7 repeats line 3's bytes and is
  /// rejected too. Loaded: (10,1), (11,2), (t,3); `b` stays integer.
  @Test func bugA_rejectedBytesAreNeverLoadedAcrossChunks() {
    let bytes =
      Array("a,b\n10,1\n".utf8) + [0xFE] + Array(",9\n11,2\n".utf8) + [0xFE] + Array(",9\nt,3\n".utf8) + [0xFE]
      + Array(",9\n".utf8)
    let reason = "invalid UTF-8 (byte 0xFE at offset 0 of the field) in column \"a\""
    Self.expectAll(
      bytes, chunkSizes: [0, 3, 5, 8],
      .loaded(
        csv: "a,b\n10,1\n11,2\nt,3\n", types: [.text, .integer],
        rejected: [
          Self.rejected(3, .invalidUTF8, reason, [0xFE, 0x2C, 0x39]),
          Self.rejected(5, .invalidUTF8, reason, [0xFE, 0x2C, 0x39]),
          Self.rejected(7, .invalidUTF8, reason, [0xFE, 0x2C, 0x39]),
        ],
        recordsRead: 6)
    ) { Self.reproducerOptions(&$0, quarantine: true) }
  }

  // MARK: Bug B: the kind of a rejected field depends on the column's type so far

  /// The column's type when the bad field comes, by the line before it (and a declared type).
  static let typesSoFar: [(line: String, declared: ColumnType?)] = [
    ("abcdefg", nil),  // the reproducer: text
    ("1", nil),  // integer
    ("1.5", nil),  // float
    ("NA", nil),  // no value yet
    ("1", .integer),
    ("1.5", .float),
    ("abcdefg", .text),
  ]

  /// Reproducer `04 03` + `a\nabcdefg\n"\xff"b""\n`: chunk size 4.
  ///
  /// The field `"\xff"b""` is quoted, and its content `\xff"b"` has a lone quote (after `\xff`)
  /// and a byte that is not UTF-8. The rule: quote errors come first, so it is `unexpectedQuote`
  /// whatever the column's type so far (before the fix, a text column said `unexpectedQuote` and
  /// a numeric or untyped one `invalidUTF8`, so the kind changed with the chunking).
  @Test(arguments: typesSoFar) func bugB_quoteErrorsComeBeforeInvalidUTF8(line: String, declared: ColumnType?) {
    let bytes = Array("a\n\(line)\n\"".utf8) + [0xFF] + Array("\"b\"\"\n".utf8)
    let found = "\"\\\"\\xFF\\\"b\\\"\\\"\""  // "\"\xFF\"b\"\"" as CSVError.quoted shows it
    Self.expectAll(bytes, chunkSizes: [0, 4, 1], .failed(kind: .unexpectedQuote, line: 3, field: 1, found: found, message: Self.loneQuote)) {
      Self.reproducerOptions(&$0, quarantine: false)
      if let declared { $0.columnTypes = ["a": declared] }
    }
    // Quarantined, the line is rejected and the column keeps the type of line 2 (an integer
    // column does not turn text for a field that is rejected anyway; NA leaves it untyped,
    // which a table stores as float).
    let type: ColumnType =
      declared ?? (line == "1" ? .integer : line == "1.5" || line == "NA" ? .float : .text)
    let csv = "a\n" + (line == "NA" ? "\"\"" : line) + "\n"
    Self.expectAll(
      bytes, chunkSizes: [0, 4, 1],
      .loaded(
        csv: csv, types: [type], rejected: [Self.rejected(3, .unexpectedQuote, Self.loneQuote, Array(bytes[(3 + line.utf8.count)...].dropLast()))],
        recordsRead: 2)
    ) {
      Self.reproducerOptions(&$0, quarantine: true)
      if let declared { $0.columnTypes = ["a": declared] }
    }
  }

  /// Text after the closing quote is also a quote error, before invalid UTF-8: `"\xff"b`.
  @Test(arguments: typesSoFar) func bugB_textAfterTheClosingQuoteComesBeforeInvalidUTF8(line: String, declared: ColumnType?) {
    let bytes = Array("a\n\(line)\n\"".utf8) + [0xFF] + Array("\"b\n".utf8)
    Self.expectAll(
      bytes, chunkSizes: [0, 4, 1],
      .failed(kind: .unexpectedQuote, line: 3, field: 1, found: "\"\\\"\\xFF\\\"b\"", message: Self.textAfterQuote)
    ) {
      Self.reproducerOptions(&$0, quarantine: false)
      if let declared { $0.columnTypes = ["a": declared] }
    }
  }

  /// Invalid UTF-8 alone, quoted: `invalidUTF8` whatever the type so far; the offset in the
  /// message counts from the field's first byte as written, the opening quote being offset 0.
  @Test(arguments: typesSoFar) func bugB_invalidUTF8AloneIsInvalidUTF8(line: String, declared: ColumnType?) {
    let bytes = Array("a\n\(line)\n\"x".utf8) + [0xFF] + Array("\"\n".utf8)
    Self.expectAll(
      bytes, chunkSizes: [0, 4, 1],
      .failed(
        kind: .invalidUTF8, line: 3, field: 1, found: "\"\\\"x\\xFF\\\"\"",
        message: "invalid UTF-8 (byte 0xFF at offset 2 of the field) in column \"a\"")
    ) {
      Self.reproducerOptions(&$0, quarantine: false)
      if let declared { $0.columnTypes = ["a": declared] }
    }
  }

  /// A quoted field whose content is the bytes of the previous, unquoted field: `x"y"` then
  /// `"x"y""` (content `x"y"`, with lone quotes). The first is text (a quote inside an unquoted
  /// field is kept, as Python's csv does); the second is a quote error. Before the fix, one
  /// chunk took the second for a repeat of the first (the last-value shortcut compared the
  /// quoted content with the unquoted bytes) and loaded it; chunks of 5 bytes rejected it.
  @Test func quotedFieldLikeThePreviousUnquotedOneIsStillChecked() {
    let bytes = Array("a\nx\"y\"\n\"x\"y\"\"\n".utf8)
    Self.expectAll(
      bytes, chunkSizes: [0, 5, 1],
      .loaded(
        csv: "a\n\"x\"\"y\"\"\"\n", types: [.text],
        rejected: [Self.rejected(3, .unexpectedQuote, Self.loneQuote, Array("\"x\"y\"\"".utf8))], recordsRead: 2)
    ) { Self.reproducerOptions(&$0, quarantine: true) }
  }

  /// A record already set aside for an earlier field does not decide a later column's type:
  /// `a,b\n\xff,t\n1,2\n` rejects line 2 for `a` (not UTF-8), so its `t` is never looked at
  /// and `b` holds the integer 2 (before, `t` turned `b` into text, and "2" was text).
  @Test func rowSetAsideDoesNotDecideALaterColumnsType() {
    let bytes = Array("a,b\n".utf8) + [0xFF] + Array(",t\n1,2\n".utf8)
    Self.expectAll(
      bytes, chunkSizes: [0, 3, 6],
      .loaded(
        csv: "a,b\n1,2\n", types: [.integer, .integer],
        rejected: [Self.rejected(2, .invalidUTF8, Self.invalidFF, [0xFF, 0x2C, 0x74])], recordsRead: 2)
    ) { Self.reproducerOptions(&$0, quarantine: true) }
  }

  /// Separators must be ASCII and not the quote: numbers are added to a text column's dictionary
  /// without a UTF-8 check when the column turns text, and a quoted number must read the same in
  /// a numeric and a text column. With the thousands separator 0xC2 (the first byte of U+00A0),
  /// `1\xC25` would be the number 15, then the invalid text `1\xC25`.
  @Test(arguments: [(UInt8(0xC2), false), (0xA0, false), (34, false), (0xB7, true), (34, true)])
  func separatorsMustBeASCIIAndNotTheQuote(byte: UInt8, decimal: Bool) throws {
    let e = try #require(
      readError(bytes: Array("a\n1".utf8) + [0xC2] + Array("5\nx\n".utf8)) {
        if decimal { $0.decimalSeparator = byte } else { $0.thousandsSeparator = byte }
      })
    #expect(e.kind == .invalidOptions)
    #expect(e.message.hasPrefix("the \(decimal ? "decimal" : "thousands") separator must be an ASCII character"))
  }

  // MARK: Round-trip limitations (fuzz invariant 5)

  /// The round trip of the fuzz target: write, read back with every column declared, `,`, no
  /// skipped rows, only the empty missing token and no tag row.
  static func readBack(_ table: Table) throws -> Table {
    var options = CSVReadOptions()
    options.delimiter = 44
    options.skipRows = 0
    options.missingTokens = [""]
    options.skipTagRow = false
    for (name, column) in zip(table.names, table.columns) { options.columnTypes[name] = column.type }
    return try CSVReader.read(bytes: TableWriter.csvBytes(table), name: "back.csv", options: options).table
  }

  /// `a\n1\nNA\n2\n` is a table of 3 rows; its missing value used to be written as an empty
  /// line, which reads back as a blank line (skipped): 2 rows. It is written `""` now, which
  /// the empty missing token reads as missing.
  @Test func oneColumnTableWritesAMissingValueAsQuotedEmpty() throws {
    let table = try read("a\n1\nNA\n2\n").table
    #expect(table.rowCount == 3)
    #expect(String(decoding: TableWriter.csvBytes(table), as: UTF8.self) == "a\n1\n\"\"\n2\n")
    let back = try Self.readBack(table)
    #expect(cells(back) == [["1"], [nil], ["2"]])
    #expect(TableWriter.csvBytes(back) == TableWriter.csvBytes(table))
    // With two columns a missing value stays an empty field.
    let two = try Table(names: ["a", "b"], columns: [Column(integers: [nil]), Column(integers: [nil])])
    #expect(String(decoding: TableWriter.csvBytes(two), as: UTF8.self) == "a,b\n,\n")
  }

  /// `\xEF\xBB\xBF\xEF\xBB\xBFa,b\n1,2\n`: a byte-order mark, then a first name `\u{FEFF}a`.
  /// Written unquoted, the name's U+FEFF was read back as a byte-order mark and dropped; the
  /// first name is quoted now when it starts with U+FEFF (only the first: elsewhere it is kept).
  @Test func firstNameStartingWithAByteOrderMarkIsQuoted() throws {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    let result = try CSVReader.read(bytes: bom + bom + Array("a,b\n1,2\n".utf8))
    #expect(result.dialect.hasBOM)
    #expect(result.table.names == ["\u{FEFF}a", "b"])
    #expect(TableWriter.csvBytes(result.table) == [34] + bom + Array("a\",b\n1,2\n".utf8))
    let back = try Self.readBack(result.table)
    #expect(back.names == ["\u{FEFF}a", "b"])
    #expect(TableWriter.csvBytes(back) == TableWriter.csvBytes(result.table))
    let second = try Table(names: ["a", "\u{FEFF}b"], columns: [Column(integers: [1]), Column(integers: [2])])
    #expect(TableWriter.csvBytes(second) == Array("a,".utf8) + bom + Array("b\n1,2\n".utf8))
    #expect(try Self.readBack(second).names == ["a", "\u{FEFF}b"])
  }
}
