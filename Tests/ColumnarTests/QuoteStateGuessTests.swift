import BackboneTestSupport
import Testing

@testable import Columnar

/// Chunks start with a guessed quote state (`StructuralScanner.guessInsideQuotes`), checked
/// against the record boundary the chunk before found. The guess is judged here against the
/// truth, which in a file without stray quotes (every quote opens a field at its start, closes
/// one or is doubled) is the parity: an odd number of quotes before a byte puts it inside
/// quotes. A wrong guess must cost a second parse, never a different result.
@Suite struct QuoteStateGuessTests {
  static func guess(_ text: String, at start: Int, window: Int = 1 << 16) -> Bool? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer {
      StructuralScanner.guessInsideQuotes($0.baseAddress!, at: start, end: bytes.count, quote: 34, delimiter: 44, window: window)
    }
  }

  /// Expects a chunked read to equal the one-chunk read: rows, cell values, rejected lines and
  /// their bytes.
  static func expectSame(_ r: CSVReadResult, _ whole: CSVReadResult, _ label: String) {
    #expect(r.table.rowCount == whole.table.rowCount, "\(label)")
    #expect(r.rejected.map(\.line) == whole.rejected.map(\.line), "\(label)")
    #expect(r.rejected.map(\.raw) == whole.rejected.map(\.raw), "\(label)")
    for k in r.table.columns.indices where r.table.rowCount == whole.table.rowCount {
      #expect((0..<r.table.rowCount).allSatisfy { r.table.columns[k][$0] == whole.table.columns[k][$0] }, "\(label) column \(k)")
    }
  }

  /// The truth in a file without stray quotes (`StrayQuoteTests`): whether an odd number of
  /// quotes precede byte `start`.
  static func inside(_ bytes: [UInt8], at start: Int) -> Bool { bytes[..<start].filter { $0 == 34 }.count % 2 == 1 }

  /// Worked by hand, each case with the quote that decides it.
  @Test func telling_quotes_decide_worked_examples() {
    // `a,"b,c",d`: from `b` (3), the quote at 6 follows `c` and precedes `,`: it closes.
    #expect(Self.guess("a,\"b,c\",d\n", at: 3) == true)
    // From 0: the quote at 2 follows `,` and precedes `b`: it opens.
    #expect(Self.guess("a,\"b,c\",d\n", at: 0) == false)
    // `"a"",b"`: from `a` (1) the pair at 2-3 is skipped; the quote at 6 closes: inside.
    #expect(Self.guess("\"a\"\",b\"\n", at: 1) == true)
    // From 3, between the quotes of the pair: the quote at 3 follows a quote and precedes `,`
    // (it could close a field or end a pair), so it is counted; the quote at 6 closes, with
    // one quote between: outside, as two quotes (0, 2) come before byte 3.
    #expect(Self.guess("\"a\"\",b\"\n", at: 3) == false)
    // Quotes with a delimiter on both sides say nothing; the next line's opening quote
    // decides: two quotes between, so outside.
    #expect(Self.guess("x,\",\",y\n\"z\",1\n", at: 0) == false)
    // From inside `","` (3): one quote (4) before the telling one at 8, which opens: inside.
    #expect(Self.guess("x,\",\",y\n\"z\",1\n", at: 3) == true)
    // No quote at all, or none within the window: no guess (the reader then assumes outside).
    #expect(Self.guess("a,b\nc,d\n", at: 2) == nil)
    #expect(Self.guess("a,\"bbbbbbbb\"\n", at: 3, window: 4) == nil)
    // Only quotes that say nothing: no guess.
    #expect(Self.guess("x,\",\",y\n", at: 0) == nil)
    // A quote that ends the input, after an ordinary byte, closes a field.
    #expect(Self.guess("a,\"bc\"", at: 4) == true)
  }

  /// Exports written by the CSV writer (quotes, doubled quotes, delimiters and line breaks in
  /// text): at every byte where the guess finds a telling quote, it is the truth. (Only a field
  /// with a quote in the middle of unquoted text, which the writer never writes, misleads it.)
  @Test(arguments: PropertyTests.seeds)
  func guesses_match_the_quote_parity_in_written_csv(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let columnCount = Int.random(in: 1...5, using: &g)
    let rowCount = Int.random(in: 1...200, using: &g)
    let values = (0..<columnCount).map { _ in (0..<rowCount).map { _ in PropertyTests.randomText(&g, allowEmpty: true) } }
    let table = try Table(names: (0..<columnCount).map { "c\($0)" }, columns: values.map { Column(strings: $0) })
    let bytes = TableWriter.csvBytes(table)
    var wrong: [Int] = []
    var guessed = 0
    bytes.withUnsafeBufferPointer { b in
      for start in 0..<bytes.count {
        guard let inside = StructuralScanner.guessInsideQuotes(b.baseAddress!, at: start, end: bytes.count, quote: 34, delimiter: 44)
        else { continue }
        guessed += 1
        if inside != Self.inside(bytes, at: start) { wrong.append(start) }
      }
    }
    #expect(wrong.isEmpty, "seed \(seed): wrong at \(wrong.prefix(5))")
    // The text holds quotes (the alphabet has them), so most positions get a guess.
    #expect(guessed > bytes.count / 2, "seed \(seed): \(guessed) guesses in \(bytes.count) bytes")
  }

  /// A guess that is wrong for long, worked by hand. Byte `c` (the `b` of `1,"ab`) lies inside
  /// a quoted field, but the first quote after it (the `"` that starts the next line) precedes
  /// an ordinary byte, so the guess is "outside". The chunk's first record then starts at that
  /// quote (`c + 2`), which opens a field that runs for 200 bytes: the scan stops one chunk's
  /// length past the chunk's end (`overran`) instead of running on and copying what it passed
  /// as one rejected record.
  @Test func a_chunk_guessed_wrong_stops_one_chunk_past_its_end() throws {
    let long = String(repeating: "x", count: 100) + "\n" + String(repeating: "y", count: 100)
    let text = "id,name\n1,\"ab\n\"" + long + "\",2\n" + String(repeating: "3,plain\n", count: 100)
    let bytes = Array(text.utf8)
    let c = bytes.firstIndex(of: UInt8(ascii: "b"))!
    #expect(Self.guess(text, at: c) == false)
    #expect(Self.inside(bytes, at: c) == true)
    let config = ParseConfig(
      delimiter: 44, quote: 34, columnNames: ["id", "name"], declaredTypes: [nil, nil], skipped: [false, false],
      missing: MissingMatcher(tokens: []), numbers: NumberParser(), badRows: .quarantine)
    bytes.withUnsafeBufferPointer { b in
      var parser = ChunkParser(base: b.baseAddress!, end: bytes.count, config: config)
      parser.scanLimit = c + 32  // as the reader sets it for a guessed chunk of 16 bytes
      parser.parse(start: c, chunkEnd: c + 16, insideQuotes: false, isRecordStart: false, expectedRows: 0)
      #expect(parser.result.recordStart == c + 2)  // the quote that starts the line
      #expect(parser.result.overran)
      #expect(parser.result.rejected.allSatisfy { $0.raw.count <= 64 })
      // Without a limit (a known record start) the field runs on to its closing quote: one
      // record of two fields, 205 bytes (`"`, 201 bytes, `"`, `,2`).
      var known = ChunkParser(base: b.baseAddress!, end: bytes.count, config: config)
      known.parse(start: c + 2, chunkEnd: c + 18, insideQuotes: false, isRecordStart: true, expectedRows: 0)
      #expect(!known.result.overran)
      #expect(known.result.rejected.isEmpty)
      #expect(known.result.rowCount == 1)
      #expect(known.result.recordEnd == c + 2 + 205 + 1)
    }
  }

  /// Stray quotes (`stray"` before a delimiter) mislead the guess, and long quoted fields (past
  /// a 64-byte scan block, with doubled quotes and line breaks) run past a chunk's end. Text
  /// after a closing quote sets rows aside. Read in chunks of many
  /// sizes, with LF, CRLF and CR line ends, the result is the one-chunk read's: with rows set
  /// aside, the same rows, values and rejected lines; stopping at the first bad row, the same
  /// error. Some chunks that own records are parsed a second time, so the check really runs.
  @Test(arguments: ["\n", "\r\n", "\r"])
  func a_wrong_guess_is_parsed_again_from_the_record_start(lineEnd: String) throws {
    var lines = ["id,name,value"]
    for i in 0..<150 {
      switch i % 9 {
      case 2: lines.append("\(i),stray\",\(i)")
      case 3: lines.append("\(i),\"text\" after its closing quote,\(i)")
      case 4: lines.append("\(i),\"quoted, \"\"with\"\" pairs\",\(i)")
      case 6: lines.append("\(i),x\"y,\(i)")
      case 7:
        let long = String(repeating: "long \"\"text\"\", ", count: 8) + lineEnd + "after a line break"
        lines.append("\(i),\"\(long)\",\(i)")
      default: lines.append("\(i),plain \(i),\(i).5")
      }
    }
    let bytes = Array((lines.joined(separator: lineEnd) + lineEnd).utf8)
    func read(_ chunkSize: Int, _ badRows: CSVReadOptions.BadRows) throws(CSVError) -> CSVReadResult {
      var o = CSVReadOptions()
      o.chunkSize = chunkSize
      o.threads = 3
      o.badRows = badRows
      return try CSVReader.read(bytes: bytes, options: o)
    }
    let whole = try read(bytes.count + 1, .quarantine)
    #expect(whole.reparsedChunks == 0)
    #expect(!whole.rejected.isEmpty)
    var failure: CSVError? = nil
    do { _ = try read(bytes.count + 1, .fail) } catch { failure = error }
    #expect(failure != nil)
    var reparsed = 0
    for size in [16, 23, 31, 40, 64, 97, 128, 200, 333] {
      let r = try read(size, .quarantine)
      reparsed += r.reparsedChunks
      Self.expectSame(r, whole, "chunk \(size)")
      do {
        _ = try read(size, .fail)
        Issue.record("chunk \(size): no error")
      } catch {
        #expect(error.kind == failure?.kind && error.line == failure?.line && error.field == failure?.field, "chunk \(size)")
        #expect(error.message == failure?.message, "chunk \(size)")
      }
    }
    #expect(reparsed > 0)
  }

  /// A file whose unquoted fields end with a quote (`pipe 12"`, inches) misleads the guesses:
  /// such a quote, after an ordinary byte and before a delimiter, looks like one that closes a
  /// field. After the first batch with a wrong guess, the rest of the file's chunk states are
  /// followed from chunk to chunk (`StructuralScanner.endStates`) instead of guessed, so that
  /// such a file is not parsed again a chunk at a time; those states are right (no chunk of a
  /// counted batch starts its first record elsewhere, in 63 chunk sizes), and the result is the
  /// one-chunk read's.
  @Test(arguments: [CSVReadOptions.BadRows.quarantine, .fail])
  func after_a_wrong_guess_the_quote_states_are_counted(badRows: CSVReadOptions.BadRows) throws {
    var lines = ["id,place,value"]
    for i in 0..<400 {
      // Every third row a quoted field with a doubled quote before a line break: a chunk that
      // starts between the two quotes is inside quotes, which the quote before it cannot tell
      // (chunks never start there: `StructuralScanner.chunkBoundary`).
      // Every sixth row, spaces before it: a chunk that starts among them starts a field.
      let spaces = String(repeating: " ", count: i % 6 == 0 ? 1 + i % 5 : 0)
      lines.append(i % 3 == 0 ? "\(i),\(spaces)\"two\"\"\nlines\",\(i)" : "\(i),pipe \(i % 30)\",\(i)")
    }
    let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
    func read(_ chunkSize: Int) -> Result<CSVReadResult, CSVError> {
      var o = CSVReadOptions()
      o.chunkSize = chunkSize
      o.threads = 2
      o.badRows = badRows
      return Result { () throws(CSVError) in try CSVReader.read(bytes: bytes, options: o) }
    }
    let whole = read(bytes.count + 1)
    var counted = 0
    for size in Array(20...80) + [101, 256] {
      let chunked = read(size)
      switch (whole, chunked) {
      case (.success(let w), .success(let r)):
        counted += r.countedBatches
        // Two rows in three hold one stray quote: a state counted by the parity of the quotes
        // (as before stray quotes were text), inverted, not carried from chunk to chunk, or
        // counted from the chunk's start rather than the known record start gives a first
        // record elsewhere.
        #expect(r.countedMisses == 0, "chunk \(size)")
        Self.expectSame(r, w, "chunk \(size)")
      case (.failure(let w), .failure(let r)):
        #expect(r.kind == w.kind && r.line == w.line && r.field == w.field && r.message == w.message, "chunk \(size)")
      default:
        Issue.record("chunk \(size): \(chunked) against \(whole)")
      }
    }
    if badRows == .quarantine { #expect(counted > 0) }
    #expect(((try? whole.get())?.countedBatches ?? 0) == 0)
  }
}
