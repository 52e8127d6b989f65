import BackboneTestSupport
import Testing

@testable import Columnar

/// A quote opens a quoted field only where a field starts; elsewhere outside quotes it is text
/// (`37°36'37.8"N`, `pipe 12"`), as Python's csv module reads it. The SIMD scan
/// (`StructuralScanner.insideQuotes`), the chunk states (`endStates`) and the scalar splitter
/// (`RecordSplitter`) must all follow that rule.
@Suite struct StrayQuoteTests {
  /// The rule one byte at a time, as `RecordSplitter` applies it: the state after each byte.
  static func scalarInside(_ bytes: [UInt8], _ carry: QuoteCarry) -> [Bool] {
    var inside = carry.inside != 0
    var fieldStart = carry.fieldStart != 0
    var afterQuote = carry.quote != 0
    var out: [Bool] = []
    for b in bytes {
      var counts = false
      if b == 34 {
        if inside {
          inside = false  // closes (or is the first of a doubled quote)
          counts = true
        } else if fieldStart || afterQuote {
          inside = true  // opens, or is the second of a doubled quote
          counts = true
        }
      }
      afterQuote = counts
      fieldStart = b == 44 || b == 10 || b == 13
      out.append(inside)
    }
    return out
  }

  /// Random 64-byte blocks over `"`, `,`, LF, CR and `a`, with random carries, in runs of
  /// blocks that pass the carry on: every state equals the scalar rule's.
  @Test(arguments: PropertyTests.seeds)
  func the_simd_state_matches_the_scalar_rule(seed: UInt64) {
    var g = SeededGenerator(seed: seed)
    let alphabet: [UInt8] = [34, 34, 34, 44, 10, 13, 97, 97]
    let scanner = StructuralScanner(delimiter: 44, quote: 34)
    var strays = 0
    for _ in 0..<200 {
      let blocks = Int.random(in: 1...4, using: &g)
      let bytes = (0..<(64 * blocks)).map { _ in alphabet.randomElement(using: &g)! }
      let start = QuoteCarry(
        inside: Bool.random(using: &g) ? ~0 : 0, fieldStart: UInt64.random(in: 0...1, using: &g),
        quote: UInt64.random(in: 0...1, using: &g))
      let expected = Self.scalarInside(bytes, start)
      var carry = start
      var got: [Bool] = []
      bytes.withUnsafeBytes { raw in
        for b in 0..<blocks {
          let m = scanner.masks(raw.baseAddress! + 64 * b)
          let inside = StructuralScanner.insideQuotes(quotes: m.quotes, structural: m.structural, carry: &carry)
          got += (0..<64).map { inside >> UInt64($0) & 1 == 1 }
        }
      }
      #expect(got == expected, "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
      // Both end states, from either start: the scalar rule's.
      bytes.withUnsafeBytes { raw in
        let e = scanner.endStates(raw.baseAddress!, count: bytes.count, carry: start)
        var outside = start, inside = start
        outside.inside = 0
        inside.inside = ~0
        #expect(e.outside == Self.scalarInside(bytes, outside).last!, "seed \(seed)")
        #expect(e.inside == Self.scalarInside(bytes, inside).last!, "seed \(seed)")
      }
      // The parity rule (every quote toggles) often ends elsewhere: strays occur here.
      let parityEnd = (bytes.filter { $0 == 34 }.count % 2 == 1) != (start.inside != 0)
      if parityEnd != expected.last! { strays += 1 }
    }
    #expect(strays > 20, "seed \(seed): only \(strays) inputs where stray quotes change the end state")
  }

  /// Values as Python 3.11.7's `csv.reader` returns them (default dialect), for
  /// `id,place,note` and four rows with quotes inside unquoted fields, doubled quotes inside and
  /// outside quoted fields, a line break inside quotes and a field that ends with a quote:
  /// `python3 -c 'import csv,io; print(list(csv.reader(io.StringIO(text, newline=""))))'`.
  static let text =
    "id,place,note\n1,37°36'37.8\"N,pipe 12\"\n2,\"quoted, \"\"pair\"\"\",ab\"\"cd\n3,x\"y\"z,\"a \"\"b\"\" c\"\n"
    + "4,\"multi\nline\",5\" to 6\"\n"
  static let python: [[String]] = [
    ["1", "37°36'37.8\"N", "pipe 12\""],
    ["2", "quoted, \"pair\"", "ab\"\"cd"],
    ["3", "x\"y\"z", "a \"b\" c"],
    ["4", "multi\nline", "5\" to 6\""],
  ]

  /// The reader, in one chunk and in chunks of many sizes (so that chunks start after stray
  /// quotes and inside quoted fields), gives Python's values, repeated 50 times, with no row
  /// set aside.
  @Test(arguments: [0, 7, 16, 33, 64, 100, 257])
  func the_reader_reads_stray_quotes_as_python_does(chunkSize: Int) throws {
    let body = Self.text.split(separator: "\n", maxSplits: 1).last.map(String.init)!
    let bytes = Array(("id,place,note\n" + String(repeating: body, count: 50)).utf8)
    var o = CSVReadOptions()
    o.chunkSize = chunkSize
    o.threads = 3
    o.missingTokens = []
    let r = try CSVReader.read(bytes: bytes, options: o)
    #expect(r.rejected.isEmpty)
    #expect(r.table.names == ["id", "place", "note"])
    #expect(r.table.rowCount == 200)
    for row in 0..<r.table.rowCount {
      let want = Self.python[row % 4]
      #expect(r.table.columns[1][row] == .text(want[1]), "row \(row)")
      #expect(r.table.columns[2][row] == .text(want[2]), "row \(row)")
    }
  }

  /// The scalar splitter, which sniffs the dialect and re-reads columns as text, splits the
  /// same records and fields.
  @Test func the_scalar_splitter_reads_stray_quotes_as_python_does() {
    let bytes = Array(Self.text.utf8)
    bytes.withUnsafeBytes { raw in
      var splitter = RecordSplitter(raw, delimiter: 44)
      var rows: [[String]] = []
      while let r = splitter.next() { rows.append(r.fields.map { splitter.text($0) }) }
      #expect(rows.first == ["id", "place", "note"])
      #expect(Array(rows.dropFirst()) == Self.python)
    }
  }
}
