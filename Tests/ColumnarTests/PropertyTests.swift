import BackboneTestSupport
import Testing

@testable import Columnar

/// Seeded property tests: random tables written with the CSV writer read back identically,
/// whatever the chunking; numbers parse exactly as the standard library does.
@Suite struct PropertyTests {
  static let seeds: [UInt64] = [1, 2, 3, 42, 2026, 0xBAC_B0E]

  static let alphabet: [String] = [
    "a", "b", "Z", " ", ",", ";", "\t", "|", "\"", "\"\"", "\n", "\r\n", "\r", "é", "€", "😀", "ʤ", "0", "7", ".", "-", "#",
  ]

  static func randomText(_ g: inout SeededGenerator, allowEmpty: Bool) -> String {
    let n = Int.random(in: allowEmpty ? 0...12 : 1...12, using: &g)
    return (0..<n).map { _ in alphabet.randomElement(using: &g)! }.joined()
  }

  /// Text only, no missing values: every string (empty, quotes, delimiters, line breaks,
  /// multi-byte characters) comes back exactly.
  @Test(arguments: seeds)
  func textRoundTrip(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let columnCount = Int.random(in: 1...6, using: &g)
    let rowCount = Int.random(in: 1...400, using: &g)
    let names = (0..<columnCount).map { "c\($0)_" + Self.randomText(&g, allowEmpty: false) }
    let values = (0..<columnCount).map { _ in (0..<rowCount).map { _ in Self.randomText(&g, allowEmpty: true) } }
    let table = try Table(names: names, columns: values.map { Column(strings: $0) })
    let bytes = TableWriter.csvBytes(table)
    for chunkSize in [0, 32, 257] {
      var options = CSVReadOptions()
      options.inferTypes = false
      options.missingTokens = []
      options.delimiter = 44
      options.skipRows = 0
      options.skipTagRow = false
      options.chunkSize = chunkSize
      options.threads = 3
      let back = try CSVReader.read(bytes: bytes, options: options).table
      #expect(back.names == names, "seed \(seed)")
      #expect(back.rowCount == rowCount, "seed \(seed) chunk \(chunkSize)")
      for k in 0..<columnCount where back.rowCount == rowCount {
        for r in 0..<rowCount where back.columns[k][r] != .text(values[k][r]) {
          Issue.record("seed \(seed) chunk \(chunkSize): row \(r) column \(k): \(back.columns[k][r]) != \(values[k][r])")
          return
        }
      }
    }
  }

  /// Typed columns with missing values: integers, floats and text come back with their types,
  /// values and missing positions.
  @Test(arguments: seeds)
  func typedRoundTrip(seed: UInt64) throws {
    var g = SeededGenerator(seed: seed)
    let rowCount = Int.random(in: 1...500, using: &g)
    func maybe<T>(_ v: T) -> T? { Int.random(in: 0..<10, using: &g) == 0 ? nil : v }
    let ints: [Int64?] = (0..<rowCount).map { _ in maybe(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &g)) }
    let floats: [Double?] = (0..<rowCount).map { _ in
      maybe(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &g)))
    }.map { v in v.flatMap { $0.isFinite ? $0 : 1.5 } }
    let texts: [String?] = (0..<rowCount).map { _ in maybe("t" + Self.randomText(&g, allowEmpty: true)) }
    // At least one value per column, so that its type is known.
    var i2 = ints, f2 = floats, t2 = texts
    i2[0] = 7
    f2[0] = 0.1
    t2[0] = "text"
    let table = try Table(
      names: ["i", "f", "t"], columns: [Column(integers: i2), Column(floats: f2), Column(strings: t2)])
    let bytes = TableWriter.csvBytes(table)
    var options = CSVReadOptions()
    options.chunkSize = [0, 50, 999].randomElement(using: &g)!
    options.threads = 2
    let back = try CSVReader.read(bytes: bytes, options: options).table
    #expect(back.columns.map(\.type) == [.integer, .float, .text], "seed \(seed)")
    for r in 0..<rowCount {
      #expect(back.columns[0][r] == (i2[r].map { .integer($0) } ?? .missing(token: "")), "seed \(seed) row \(r)")
      #expect(back.columns[1][r] == (f2[r].map { .float($0) } ?? .missing(token: "")), "seed \(seed) row \(r)")
      #expect(back.columns[2][r] == (t2[r].map { .text($0) } ?? .missing(token: "")), "seed \(seed) row \(r)")
    }
  }

  /// The byte-level number parser agrees with the standard library on random decimals.
  @Test(arguments: seeds)
  func numbersParseLikeTheStandardLibrary(seed: UInt64) {
    var g = SeededGenerator(seed: seed)
    let parser = NumberParser()
    for _ in 0..<5_000 {
      var s = Bool.random(using: &g) ? "-" : ""
      let intDigits = Int.random(in: 0...21, using: &g)
      s += intDigits == 0 ? "" : String(Int.random(in: 1...9, using: &g))
      for _ in 1..<max(intDigits, 1) { s += String(Int.random(in: 0...9, using: &g)) }
      if intDigits == 0 || Bool.random(using: &g) {
        s += "."
        for _ in 0..<Int.random(in: 1...20, using: &g) { s += String(Int.random(in: 0...9, using: &g)) }
      }
      if Int.random(in: 0..<4, using: &g) == 0 { s += "e\(Int.random(in: -330...310, using: &g))" }
      let bytes = Array(s.utf8)
      let ours = bytes.withUnsafeBufferPointer { parser.parseDouble($0.baseAddress!, $0.count) }
      let reference = Double(s).flatMap { $0.isFinite ? $0 : nil }
      #expect(ours?.bitPattern == reference?.bitPattern, "seed \(seed): \(s)")
    }
  }

  @Test func integerEdges() {
    let parser = NumberParser()
    func p(_ s: String) -> Int64? { Array(s.utf8).withUnsafeBufferPointer { parser.parseInteger($0.baseAddress!, $0.count) } }
    #expect(p("9223372036854775807") == .max)
    #expect(p("-9223372036854775808") == .min)
    #expect(p("9223372036854775808") == nil)
    #expect(p("0") == 0)
    #expect(p("-0") == 0)
    #expect(p("007") == nil)
    #expect(p(" 12 ") == 12)
    #expect(p("1,234") == nil)
    let thousands = NumberParser(thousandsSeparator: 44)
    #expect(Array("1,234,567".utf8).withUnsafeBufferPointer { thousands.parseInteger($0.baseAddress!, $0.count) } == 1_234_567)
  }
}
