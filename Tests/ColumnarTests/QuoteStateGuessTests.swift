import BackboneTestSupport
import Testing

@testable import Columnar

/// Chunks start with a guessed quote state (`StructuralScanner.guessInsideQuotes`), checked
/// against the record boundary the chunk before found. The guess is judged here against the
/// truth (an odd number of quotes before a byte puts it inside quotes), and a wrong guess must
/// cost a second parse, never a different result.
@Suite struct QuoteStateGuessTests {
  static func guess(_ text: String, at start: Int, window: Int = 1 << 16) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer {
      StructuralScanner.guessInsideQuotes($0.baseAddress!, at: start, end: bytes.count, quote: 34, delimiter: 44, window: window)
    }
  }

  /// The truth: whether an odd number of quotes precede byte `start`.
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
    // No quote at all, or none within the window: outside.
    #expect(Self.guess("a,b\nc,d\n", at: 2) == false)
    #expect(Self.guess("a,\"bbbbbbbb\"\n", at: 3, window: 4) == false)
    // A quote that ends the input, after an ordinary byte, closes a field.
    #expect(Self.guess("a,\"bc\"", at: 4) == true)
  }

  /// Exports written by the CSV writer (quotes, doubled quotes, delimiters and line breaks in
  /// text): at every byte, the guess is the truth wherever a telling quote lies within the
  /// window. Counted over every position of six random tables.
  @Test(arguments: PropertyTests.seeds)
  func guesses_match_the_quote_parity_in_written_csv(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let columnCount = Int.random(in: 1...5, using: &g)
    let rowCount = Int.random(in: 1...200, using: &g)
    let values = (0..<columnCount).map { _ in (0..<rowCount).map { _ in PropertyTests.randomText(&g, allowEmpty: true) } }
    let table = try Table(names: (0..<columnCount).map { "c\($0)" }, columns: values.map { Column(strings: $0) })
    let bytes = TableWriter.csvBytes(table)
    var wrong: [Int] = []
    bytes.withUnsafeBufferPointer { b in
      for start in 0..<bytes.count
      where StructuralScanner.guessInsideQuotes(b.baseAddress!, at: start, end: bytes.count, quote: 34, delimiter: 44)
        != Self.inside(bytes, at: start)
      {
        wrong.append(start)
      }
    }
    // A wrong guess needs a stretch with no telling quote up to the end of the input, inside
    // a quoted field: only near the end.
    let tail = bytes.count - (bytes.lastIndex(where: { $0 == 34 }) ?? 0)
    #expect(wrong.allSatisfy { $0 >= bytes.count - tail - 64 }, "seed \(seed): wrong at \(wrong.prefix(5))")
  }

  /// Fields ending in a stray quote (`ab"`) mislead the guess: the quote looks like one that
  /// closes a quoted field. Read in chunks of many sizes with rows set aside, the result is the
  /// one-chunk read's: the same rows, values and rejected lines; and some chunks were parsed
  /// twice, so the check above really runs.
  @Test func a_wrong_guess_is_parsed_again_from_the_record_start() throws {
    var lines = ["id,name,value"]
    for i in 0..<120 {
      switch i % 7 {
      case 3: lines.append("\(i),stray\",\(i)")
      case 5: lines.append("\(i),\"quoted, \"\"with\"\" pairs\",\(i)")
      default: lines.append("\(i),plain \(i),\(i).5")
      }
    }
    let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
    func read(_ chunkSize: Int) throws -> CSVReadResult {
      var o = CSVReadOptions()
      o.chunkSize = chunkSize
      o.threads = 3
      o.badRows = .quarantine
      return try CSVReader.read(bytes: bytes, options: o)
    }
    let whole = try read(bytes.count + 1)
    #expect(whole.reparsedChunks == 0)
    #expect(!whole.rejected.isEmpty)
    var reparsed = 0
    for size in [16, 23, 31, 40, 64, 97, 128, 200] {
      let r = try read(size)
      reparsed += r.reparsedChunks
      #expect(r.table.rowCount == whole.table.rowCount, "chunk \(size)")
      #expect(r.rejected.map(\.line) == whole.rejected.map(\.line), "chunk \(size)")
      #expect(r.rejected.map(\.raw) == whole.rejected.map(\.raw), "chunk \(size)")
      for k in r.table.columns.indices where r.table.rowCount == whole.table.rowCount {
        #expect((0..<r.table.rowCount).allSatisfy { r.table.columns[k][$0] == whole.table.columns[k][$0] }, "chunk \(size) column \(k)")
      }
    }
    #expect(reparsed > 0)
  }
}
