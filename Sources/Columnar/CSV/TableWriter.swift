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
  /// Writes `table` to `output` (not committed).
  public static func write(_ table: Table, format: TableFormat, to output: OutputFile) throws(CSVError) {
    switch format {
    case .csv: try encodeCSV(table) { (chunk: [UInt8]) throws(CSVError) in try output.write(chunk) }
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

  /// A CSV field: quoted when it holds a delimiter, quote, CR or LF, or is empty but present
  /// (so that an empty string differs from a missing value on reading back), or when it has
  /// leading or trailing spaces, or when `alwaysQuoted`.
  static func csvField(
    _ bytes: some BidirectionalCollection<UInt8>, delimiter: UInt8 = 44, alwaysQuoted: Bool = false
  ) -> [UInt8] {
    let needsQuotes =
      alwaysQuoted || bytes.isEmpty || bytes.contains { $0 == delimiter || $0 == 34 || $0 == 10 || $0 == 13 }
      || bytes.first == 32 || bytes.last == 32
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
  static func encodeCSV<E: Error>(_ table: Table, flush: ([UInt8]) throws(E) -> Void) throws(E) {
    var line: [UInt8] = []
    line.reserveCapacity(1 << 20)
    for (i, name) in table.names.enumerated() {
      if i > 0 { line.append(44) }
      let bytes = Array(name.utf8)
      line.append(contentsOf: csvField(bytes, alwaysQuoted: i == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF])))
    }
    line.append(10)
    let missing: [UInt8] = table.columns.count == 1 ? [34, 34] : []
    let encoders = table.columns.map { CellEncoder($0, missing: missing) { csvField($0) } }
    for row in 0..<table.rowCount {
      for (k, e) in encoders.enumerated() {
        if k > 0 { line.append(44) }
        e.append(row, to: &line)
      }
      line.append(10)
      if line.count >= 1 << 20 {
        try flush(line)
        line.removeAll(keepingCapacity: true)
      }
    }
    try flush(line)
  }

  static func encodeJSONLines<E: Error>(_ table: Table, flush: ([UInt8]) throws(E) -> Void) throws(E) {
    var line: [UInt8] = []
    line.reserveCapacity(1 << 20)
    let keys = table.names.enumerated().map { (i, n) in Array((i == 0 ? "{" : ",").utf8) + jsonString(Array(n.utf8)) + [58] }
    let encoders = table.columns.map { CellEncoder($0, missing: Array("null".utf8)) { jsonString($0) } }
    for row in 0..<table.rowCount {
      for (k, e) in encoders.enumerated() {
        line.append(contentsOf: keys[k])
        e.append(row, to: &line)
      }
      if encoders.isEmpty { line.append(123) }
      line.append(contentsOf: [125, 10])
      if line.count >= 1 << 20 {
        try flush(line)
        line.removeAll(keepingCapacity: true)
      }
    }
    try flush(line)
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

/// Encodes the cells of one column; text is encoded once per dictionary entry.
struct CellEncoder {
  let column: Column
  let missing: [UInt8]
  let encodedText: [[UInt8]]

  init(_ column: Column, missing: [UInt8] = [], text: ([UInt8]) -> [UInt8]) {
    self.column = column
    self.missing = missing
    if case .text(_, let d) = column.values {
      encodedText = (0..<d.count).map { c in d.withBytes(of: UInt32(c)) { text(Array($0)) } }
    } else {
      encodedText = []
    }
  }

  @inline(__always)
  func append(_ row: Int, to out: inout [UInt8]) {
    guard column.isValid(row) else {
      out.append(contentsOf: missing)
      return
    }
    switch column.values {
    case .integer(let v): out.append(contentsOf: String(v[row]).utf8)
    case .float(let v):
      let d = v[row]
      if d.isFinite { out.append(contentsOf: d.description.utf8) } else { out.append(contentsOf: missing) }
    case .text(let codes, _): out.append(contentsOf: encodedText[Int(codes[row])])
    }
  }
}
