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
    let names = table.names.enumerated().sorted { $0.element.utf8.lexicographicallyPrecedes($1.element.utf8) }
    var out = "{\n"
    var top: [(String, String)] = [("schemaVersion", "1")]
    func quoted(_ v: String) -> String { String(decoding: jsonString(Array(v.utf8)), as: UTF8.self) }
    for (k, v) in fields { top.append((k, quoted(v))) }
    for (k, v) in arrays { top.append((k, "[" + v.map(quoted).joined(separator: ", ") + "]")) }
    top.append((rowsKey, ""))
    top.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    for (i, (key, value)) in top.enumerated() {
      out += "  " + String(decoding: jsonString(Array(key.utf8)), as: UTF8.self) + ": "
      if key == rowsKey {
        out += "[\n"
        for r in 0..<table.rowCount {
          out += "    {"
          out += names.enumerated().map { j, entry in
            let cell: String
            switch table.columns[entry.offset][r] {
            case .integer(let v): cell = String(v)
            case .float(let v): cell = v.isFinite ? "\(v)" : "null"
            case .text(let s): cell = String(decoding: jsonString(Array(s.utf8)), as: UTF8.self)
            case .missing: cell = "null"
            }
            return String(decoding: jsonString(Array(entry.element.utf8)), as: UTF8.self) + ": " + cell
          }.joined(separator: ", ")
          out += r == table.rowCount - 1 ? "}\n" : "},\n"
        }
        out += "  ]"
      } else {
        out += value
      }
      out += i == top.count - 1 ? "\n" : ",\n"
    }
    return out + "}\n"
  }
}

extension String {
  func replacingLineBreaks() -> String {
    String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
