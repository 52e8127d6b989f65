extension TableWriter {
  /// A cell for people: text as is, integers in decimal, floats by `number` (4 significant
  /// digits by default), missing as `missing`.
  static func displayCell(_ c: Column, _ row: Int, missing: String, number: (Double) -> String) -> String {
    switch c[row] {
    case .integer(let v): String(v)
    case .float(let v): v.isFinite ? number(v) : missing
    case .text(let s): s
    case .missing: missing
    }
  }

  /// `x` with `digits` significant digits, without exponent for ordinary magnitudes, `-0`
  /// shown as `0`; independent of the locale.
  public static func significant(_ x: Double, digits: Int = 4) -> String {
    guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
    if x == 0 { return "0" }
    let magnitude = abs(x)
    var exponent = 0
    var m = magnitude
    while m >= 10 { m /= 10; exponent += 1 }
    while m < 1 { m *= 10; exponent -= 1 }
    if exponent >= 15 || exponent < -6 {
      // Scientific: the mantissa with `digits` significant digits, then e±NN.
      var mantissa = significant(m, digits: digits)
      var e = exponent
      if mantissa.hasPrefix("10") && !mantissa.hasPrefix("10.") || mantissa == "10" {
        mantissa = "1"
        e += 1
      }
      let sign = e < 0 ? "-" : "+"
      let digitsOfExponent = String(abs(e))
      return (x < 0 ? "-" : "") + mantissa + "e" + sign + (digitsOfExponent.count < 2 ? "0" : "") + digitsOfExponent
    }
    let decimals = max(0, digits - 1 - exponent)
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    // The digits as one integer, then the point put back: a carry (9.99996 → 10) needs no
    // special case.
    var digitsText = String(Int64((magnitude * scale).rounded()))
    if decimals > 0 {
      if digitsText.count <= decimals { digitsText = String(repeating: "0", count: decimals - digitsText.count + 1) + digitsText }
      var fraction = String(digitsText.suffix(decimals))
      let whole = String(digitsText.dropLast(decimals))
      while fraction.hasSuffix("0") { fraction.removeLast() }
      digitsText = fraction.isEmpty ? whole : whole + "." + fraction
    }
    return (x < 0 && digitsText != "0" ? "-" : "") + digitsText
  }

  /// The table as aligned text columns (numbers right-aligned), for a terminal.
  public static func alignedText(_ table: Table, missing: String = "", number: (Double) -> String = { significant($0) })
    -> String
  {
    var rows: [[String]] = [table.names]
    for r in 0..<table.rowCount {
      rows.append(table.columns.map { displayCell($0, r, missing: missing, number: number).replacingLineBreaks() })
    }
    let widths = table.names.indices.map { k in rows.map { $0[k].count }.max() ?? 0 }
    let right = table.columns.map { $0.type != .text }
    var out = ""
    for row in rows {
      let cells = row.enumerated().map { k, v in
        let pad = String(repeating: " ", count: widths[k] - v.count)
        return right[k] ? pad + v : v + pad
      }
      var line = cells.joined(separator: "  ")
      while line.hasSuffix(" ") { line.removeLast() }
      out += line + "\n"
    }
    return out
  }

  /// The table as a GitHub-flavoured Markdown table. Text is escaped so that a cell cannot
  /// break the table or start a link, emphasis, code or HTML: `\ | * ` [ ] < >` and an
  /// underscore at a word boundary get a backslash, and line breaks become spaces.
  public static func markdownTable(_ table: Table, missing: String = "", number: (Double) -> String = { significant($0) })
    -> String
  {
    var out = "| " + table.names.map(markdownEscaped).joined(separator: " | ") + " |\n"
    out += "|" + table.columns.map { $0.type == .text ? " --- |" : " ---: |" }.joined() + "\n"
    for r in 0..<table.rowCount {
      out += "| "
        + table.columns.map { markdownEscaped(displayCell($0, r, missing: missing, number: number)) }.joined(separator: " | ")
        + " |\n"
    }
    return out
  }

  /// `text` safe inside a Markdown table cell.
  public static func markdownEscaped(_ text: String) -> String {
    var out = ""
    let chars = Array(text)
    for (i, ch) in chars.enumerated() {
      switch ch {
      case "\\", "|", "*", "`", "[", "]", "<", ">": out += "\\" + String(ch)
      case "_":
        // Inside a word (`indicator_id`) an underscore cannot start emphasis (CommonMark 6.2).
        let inWord = i > 0 && i + 1 < chars.count && (chars[i - 1].isLetter || chars[i - 1].isNumber)
          && (chars[i + 1].isLetter || chars[i + 1].isNumber)
        out += inWord ? "_" : "\\_"
      case "\n", "\r": out += " "
      default: out.append(ch)
      }
    }
    return out
  }

  /// One JSON document: `{"schemaVersion": 1, <header fields>, "rows": [ {…}, … ]}`. Keys are
  /// sorted, numbers are numbers, missing values and non-finite numbers are `null`.
  public static func jsonDocument(
    _ table: Table, fields: [String: String] = [:], arrays: [String: [String]] = [:], rowsKey: String = "rows"
  ) -> String {
    var document = JSONDocumentWriter(fields: fields, arrays: arrays, rowsKey: rowsKey)
    var bytes = document.head
    document.encodeRows(table) { bytes += $0 }
    bytes += document.end
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// ``TableWriter/jsonDocument(_:fields:arrays:rowsKey:)`` in pieces, so that a document of
/// many rows can be written a table of rows at a time: ``head``, then ``encodeRows(_:flush:)``
/// for each table (same columns, in order), then ``end``. The bytes are those of the document
/// written at once.
public struct JSONDocumentWriter: Sendable {
  /// Everything before the first row: the top-level keys that sort before `rowsKey`, then
  /// `rowsKey` and `[`.
  public let head: [UInt8]
  /// Everything after the last row.
  public var end: [UInt8] { (rows > 0 ? [10] : []) + Array("  ]".utf8) + tail }
  private let tail: [UInt8]
  /// Rows written so far.
  public private(set) var rows = 0

  public init(fields: [String: String] = [:], arrays: [String: [String]] = [:], rowsKey: String = "rows") {
    func quoted(_ v: String) -> String { String(decoding: TableWriter.jsonString(Array(v.utf8)), as: UTF8.self) }
    var top: [(String, String)] = [("schemaVersion", "1")]
    for (k, v) in fields { top.append((k, quoted(v))) }
    for (k, v) in arrays { top.append((k, "[" + v.map(quoted).joined(separator: ", ") + "]")) }
    top.append((rowsKey, ""))
    top.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    var head = "{\n", tail = ""
    var afterRows = false
    for (i, (key, value)) in top.enumerated() {
      let line = "  " + quoted(key) + ": "
      let close = i == top.count - 1 ? "\n" : ",\n"
      if key == rowsKey {
        head += line + "[\n"
        tail += close
        afterRows = true
      } else if afterRows {
        tail += line + value + close
      } else {
        head += line + value + close
      }
    }
    self.head = Array(head.utf8)
    self.tail = Array((tail + "}\n").utf8)
  }

  /// Encodes the rows of `table` (keys sorted by their UTF-8 bytes; each row `    {…}`, rows
  /// separated by `,` and a line break), passing the bytes to `flush` in order, encoded on
  /// every core a block of rows at a time.
  /// - Complexity: O(cells + text bytes).
  public mutating func encodeRows<E: Error>(_ table: Table, flush: ([UInt8]) throws(E) -> Void) throws(E) {
    let order = table.names.indices.sorted { table.names[$0].utf8.lexicographicallyPrecedes(table.names[$1].utf8) }
    let keys = order.enumerated().map { (j, k) in Array((j == 0 ? "{" : ", ").utf8) + TableWriter.jsonString(Array(table.names[k].utf8)) + Array(": ".utf8) }
    let encoders = order.map { CellEncoder(table.columns[$0], missing: Array("null".utf8)) { TableWriter.jsonString($0) } }
    let cells = encoders.map { $0.cells }
    let first = rows == 0
    let indent: [UInt8] = Array("    ".utf8)
    try withExtendedLifetime(encoders) { () throws(E) in
      try TableWriter.encodeBlocks(rowCount: table.rowCount, header: [], flush: flush) { range, out in
        cells.withUnsafeBufferPointer { e in
          keys.withUnsafeBufferPointer { keys in
            for row in range {
              if !(first && row == 0) {
                out.append(44)
                out.append(10)
              }
              out.append(indent)
              for k in 0..<e.count {
                out.append(keys[k])
                e[k].append(row, to: &out)
              }
              if e.isEmpty { out.append(123) }
              out.append(125)
            }
          }
        }
      }
    }
    rows += table.rowCount
  }
}

extension String {
  func replacingLineBreaks() -> String {
    String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
