/// The formats a table can be written in.
public enum TableFormat: String, Sendable, CaseIterable {
  /// RFC 4180 CSV: UTF-8, `,`, LF line ends, fields quoted only when needed, missing as empty
  /// (as `""` in a table of one column, where an empty line would be skipped as blank).
  case csv
  /// JSON Lines: one object per row, keys in column order, numbers as numbers, missing as null.
  case jsonLines = "jsonl"

  /// The format a path's extension asks for.
  public init?(path: String) {
    if path.hasSuffix(".csv") { self = .csv } else if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
      self = .jsonLines
    } else {
      return nil
    }
  }
}

/// Writes tables as CSV or JSON Lines. Numbers are written locale-independently: integers in
/// decimal, floats in the shortest form that reads back to the same `Double`.
public enum TableWriter {
  /// Writes `table` to `output` (not committed). Without `header`, a CSV has no header line:
  /// the rows continue a file already begun with the same columns (a table written in blocks).
  public static func write(_ table: Table, format: TableFormat, to output: OutputFile, header: Bool = true) throws(CSVError) {
    switch format {
    case .csv: try encodeCSV(table, header: header) { (chunk: [UInt8]) throws(CSVError) in try output.write(chunk) }
    case .jsonLines: try encodeJSONLines(table) { (chunk: [UInt8]) throws(CSVError) in try output.write(chunk) }
    }
  }

  /// The table as CSV bytes.
  public static func csvBytes(_ table: Table) -> [UInt8] {
    var all: [UInt8] = []
    encodeCSV(table) { all.append(contentsOf: $0) }
    return all
  }

  /// The table as JSON Lines bytes.
  public static func jsonLinesBytes(_ table: Table) -> [UInt8] {
    var all: [UInt8] = []
    encodeJSONLines(table) { all.append(contentsOf: $0) }
    return all
  }

  /// The default missing-value tokens other than empty: text equal to one is quoted, so that
  /// reading the file back keeps it as text (a quoted `"NA"` is Namibia, not a missing value).
  static let missingTokenBytes: [[UInt8]] = CSVReadOptions.defaultMissingTokens.filter { !$0.isEmpty }.map { Array($0.utf8) }

  /// A CSV field: quoted when it holds a delimiter, quote, CR or LF, equals a missing-value
  /// token (`NA`, `..`, `*` …), or is empty but present
  /// (so that an empty string differs from a missing value on reading back), or when it has
  /// leading or trailing spaces, or when `alwaysQuoted`.
  static func csvField(
    _ bytes: some BidirectionalCollection<UInt8>, delimiter: UInt8 = 44, alwaysQuoted: Bool = false
  ) -> [UInt8] {
    let needsQuotes =
      alwaysQuoted || bytes.isEmpty || bytes.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
      || bytes.first == 32 || bytes.last == 32 || missingTokenBytes.contains { $0.elementsEqual(bytes) }
    guard needsQuotes else { return Array(bytes) }
    var out: [UInt8] = [34]
    for b in bytes {
      out.append(b)
      if b == 34 { out.append(34) }
    }
    out.append(34)
    return out
  }

  /// Encodes `table` as CSV, passing the bytes to `flush` about a megabyte at a time.
  ///
  /// Two cases are quoted so that the file reads back as the same table: the first column name
  /// when it starts with U+FEFF (unquoted, a reader takes it for a byte-order mark and drops
  /// it), and a missing value in a table of one column, written `""` (an empty line would be
  /// skipped as blank; the reader's default empty missing token reads `""` as missing).
  /// - Complexity: O(cells + text bytes).
  static func encodeCSV<E: Error>(_ table: Table, header withHeader: Bool = true, flush: ([UInt8]) throws(E) -> Void) throws(E) {
    var header: [UInt8] = []
    for (i, name) in table.names.enumerated() where withHeader {
      if i > 0 { header.append(44) }
      let bytes = Array(name.utf8)
      header.append(contentsOf: csvField(bytes, alwaysQuoted: i == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF])))
    }
    if withHeader { header.append(10) }
    let missing: [UInt8] = table.columns.count == 1 ? [34, 34] : []
    let encoders = table.columns.map { CellEncoder($0, missing: missing) { csvField($0) } }
    let cells = encoders.map(\.cells)
    try withExtendedLifetime(encoders) { () throws(E) in
      try encodeBlocks(rowCount: table.rowCount, header: header, flush: flush) { rows, out in
        cells.withUnsafeBufferPointer { e in
          for row in rows {
            for k in 0..<e.count {
              if k > 0 { out.append(44) }
              e[k].append(row, to: &out)
            }
            out.append(10)
          }
        }
      }
    }
  }

  static func encodeJSONLines<E: Error>(_ table: Table, flush: ([UInt8]) throws(E) -> Void) throws(E) {
    let keys = table.names.enumerated().map { (i, n) in Array((i == 0 ? "{" : ",").utf8) + jsonString(Array(n.utf8)) + [58] }
    let encoders = table.columns.map { CellEncoder($0, missing: Array("null".utf8)) { jsonString($0) } }
    let cells = encoders.map(\.cells)
    try withExtendedLifetime(encoders) { () throws(E) in
    try encodeBlocks(rowCount: table.rowCount, header: [], flush: flush) { rows, out in
      cells.withUnsafeBufferPointer { e in
        keys.withUnsafeBufferPointer { keys in
          for row in rows {
            for k in 0..<e.count {
              out.append(keys[k])
              e[k].append(row, to: &out)
            }
            if e.isEmpty { out.append(123) }
            out.append(125)
            out.append(10)
          }
        }
      }
    }
    }
  }

  /// Rows per block encoded by one task.
  static let blockRows = 16_384

  /// Encodes rows in blocks of `blockRows` on every core and passes the blocks to `flush` in
  /// row order, after `header`. The output is the same bytes as encoding the rows one by one.
  /// - Complexity: O(rows); memory holds at most 4 blocks per core at once.
  static func encodeBlocks<E: Error>(
    rowCount: Int, header: [UInt8], flush: ([UInt8]) throws(E) -> Void,
    encode: @Sendable (Range<Int>, inout ByteBuffer) -> Void
  ) throws(E) {
    let blocks = (rowCount + blockRows - 1) / blockRows
    guard blocks > 1 else {
      var out = ByteBuffer(capacity: 1 << 16)
      out.append(header)
      encode(0..<rowCount, &out)
      try flush(out.bytes())
      return
    }
    if !header.isEmpty { try flush(header) }
    let threads = processorCount()
    let perBatch = max(1, threads * 4)
    var b = 0
    while b < blocks {
      let n = min(perBatch, blocks - b)
      let slots = ParallelResults<[UInt8]>(count: n)
      let first = b
      parallelFor(n, threads: threads) { i in
        let start = (first + i) * blockRows
        var out = ByteBuffer(capacity: blockRows * 128)
        encode(start..<min(start + blockRows, rowCount), &out)
        slots[i] = out.bytes()
      }
      for i in 0..<n {
        if let block = slots.take(i) { try flush(block) }
      }
      b += n
    }
  }

  /// A JSON string literal for UTF-8 bytes.
  static func jsonString(_ bytes: some Collection<UInt8>) -> [UInt8] {
    var out: [UInt8] = [34]
    let hex = Array("0123456789abcdef".utf8)
    for b in bytes {
      switch b {
      case 34: out += [92, 34]
      case 92: out += [92, 92]
      case 10: out += [92, 110]
      case 13: out += [92, 114]
      case 9: out += [92, 116]
      case 0..<32: out += [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]]
      default: out.append(b)
      }
    }
    out.append(34)
    return out
  }
}

/// Encodes the cells of one column; text is encoded once per dictionary entry, into one byte
/// buffer with offsets.
///
/// The encoder owns its storage; `cells` views it through raw pointers so that the per-cell
/// loop copies nothing and touches no reference counts (indexing arrays of arrays from two
/// threads made the cores fight over the counts). The view is valid while the encoder lives:
/// callers keep the encoders alive with `withExtendedLifetime` around every use.
final class CellEncoder: @unchecked Sendable {
  enum Kind { case integer, float, text }
  let kind: Kind
  // The column's own arrays (shared, not copied; on Linux an Array is always contiguous).
  let integers: [Int64]
  let floats: [Double]
  let codes: [UInt32]
  let validityWords: [UInt64]
  let hasValidity: Bool
  let missing: ContiguousArray<UInt8>
  let textBytes: ContiguousArray<UInt8>
  let textOffsets: ContiguousArray<Int>

  init(_ column: Column, missing: [UInt8] = [], text: ([UInt8]) -> [UInt8]) {
    self.missing = ContiguousArray(missing)
    hasValidity = column.validity != nil
    validityWords = column.validity?.words ?? []
    var bytes = ContiguousArray<UInt8>(), offsets = ContiguousArray<Int>([0])
    switch column.values {
    case .integer(let v):
      (kind, integers, floats, codes) = (.integer, v, [], [])
    case .float(let v):
      (kind, integers, floats, codes) = (.float, [], v, [])
    case .text(let c, let d):
      for code in 0..<d.count {
        bytes += d.withBytes(of: UInt32(code)) { text(Array($0)) }
        offsets.append(bytes.count)
      }
      (kind, integers, floats, codes) = (.text, [], [], c)
    }
    textBytes = bytes
    textOffsets = offsets
  }

  /// Raw pointers to the storage (see the type's note on lifetime).
  var cells: RawCells {
    func pointer<T>(_ a: [T]) -> UnsafePointer<T>? { a.withUnsafeBufferPointer { $0.baseAddress } }
    func pointer<T>(_ a: ContiguousArray<T>) -> UnsafePointer<T>? { a.withUnsafeBufferPointer { $0.baseAddress } }
    return RawCells(
      kind: kind, integers: pointer(integers), floats: pointer(floats), codes: pointer(codes),
      validity: hasValidity ? pointer(validityWords) : nil, missing: UnsafeBufferPointer(start: pointer(missing), count: missing.count),
      textBytes: pointer(textBytes), textOffsets: pointer(textOffsets))
  }
}

/// One column's cells seen through raw pointers: a plain value, copied freely.
struct RawCells: @unchecked Sendable {
  let kind: CellEncoder.Kind
  let integers: UnsafePointer<Int64>?
  let floats: UnsafePointer<Double>?
  let codes: UnsafePointer<UInt32>?
  let validity: UnsafePointer<UInt64>?
  let missing: UnsafeBufferPointer<UInt8>
  let textBytes: UnsafePointer<UInt8>?
  let textOffsets: UnsafePointer<Int>?

  @inline(__always)
  func append(_ row: Int, to out: inout ByteBuffer) {
    if let validity, validity[row >> 6] & (1 << UInt64(row & 63)) == 0 {
      out.append(missing)
      return
    }
    switch kind {
    case .integer:
      if let integers { appendDecimal(integers[row], to: &out) }
    case .float:
      guard let floats else { return }
      let d = floats[row]
      if d.isFinite { appendShortest(d, to: &out) } else { out.append(missing) }
    case .text:
      guard let codes, let textBytes, let textOffsets else { return }
      let c = Int(codes[row])
      out.append(UnsafeBufferPointer(start: textBytes + textOffsets[c], count: textOffsets[c + 1] - textOffsets[c]))
    }
  }
}

/// Powers of ten that are exact doubles.
private let exactPowersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

/// Appends `d` exactly as `d.description` writes it, the shortest decimal that reads back as
/// `d`, without making a `String` for the common case.
///
/// Fast path: for 1e-4 ≤ |d| < 1e15, the smallest k ≤ 15 for which m = round(d·10ᵏ) has at
/// most 15 digits and m / 10ᵏ == d. Both m (< 2⁵³) and 10ᵏ are exact doubles, so that division
/// is the correctly rounded value of the decimal m·10⁻ᵏ: the decimal reads back as d. With at
/// most 15 significant digits the decimal grid is at least 100 ulps wide, so no other k-digit
/// decimal reads back as d, and the smallest k gives the fewest digits: the shortest form,
/// which is what Swift's description prints in fixed notation in this range (with ".0" for
/// whole numbers). Everything else goes through `description`.
@inline(__always)
func appendShortest(_ d: Double, to out: inout ByteBuffer) {
  let magnitude = d.magnitude
  if magnitude >= 1e-4 && magnitude < 1e15 {
    for k in 0...15 {
      let scaled = (magnitude * exactPowersOfTen[k]).rounded()
      if scaled >= 1e15 { break }
      if scaled / exactPowersOfTen[k] == magnitude {
        let m = Int64(scaled)
        if d.sign == .minus { out.append(45) }
        if k == 0 {
          appendDecimal(m, to: &out)
          out.append(46)
          out.append(48)
          return
        }
        let p = Int64(exactPowersOfTen[k])
        appendDecimal(m / p, to: &out)
        out.append(46)
        var fraction = m % p
        // Leading zeros of the fraction, then its digits.
        var width = k
        var f = fraction
        while f > 0 {
          f /= 10
          width -= 1
        }
        for _ in 0..<width { out.append(48) }
        if fraction > 0 { appendDecimal(fraction, to: &out) }
        fraction = 0
        return
      }
    }
  }
  var s = d.description
  s.withUTF8 { out.append($0) }
}

/// `appendShortest(_:to:)` into an array (for tests and small outputs).
func appendShortest(_ d: Double, to out: inout [UInt8]) {
  var buffer = ByteBuffer(capacity: 32)
  appendShortest(d, to: &buffer)
  out += buffer.bytes()
}

/// Appends the decimal digits of `v` (with a minus sign when negative), without a `String`.
@inline(__always)
func appendDecimal(_ v: Int64, to out: inout ByteBuffer) {
  if v < 0 { out.append(45) }
  var x = v.magnitude
  var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch on the stack
  withUnsafeMutableBytes(of: &digits) { raw in
    var i = 20
    repeat {
      i -= 1
      raw[i] = UInt8(truncatingIfNeeded: 48 + x % 10)
      x /= 10
    } while x > 0
    out.append(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[i..<20]))
  }
}

/// A growable byte buffer written through a pointer: each append checks the capacity once and
/// copies, with none of an array's uniqueness checks. Not copyable, so its memory has one owner.
struct ByteBuffer: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  private mutating func grow(to needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    bigger.initialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity = newCapacity
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    if count == capacity { grow(to: count + 1) }
    base[count] = byte
    count += 1
  }

  @inline(__always)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, bytes.count > 0 else { return }
    if count + bytes.count > capacity { grow(to: count + bytes.count) }
    (base + count).initialize(from: source, count: bytes.count)
    count += bytes.count
  }

  mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { append($0) }
  }

  /// The bytes written, as an array.
  func bytes() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
