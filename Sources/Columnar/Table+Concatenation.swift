extension Table {
  /// The rows of `tables` one after the other, with the union of their columns in order of
  /// first appearance. A table without a column contributes missing values to it. A column
  /// whose type differs between tables takes the wider type (integer, float, text; numbers
  /// become text in their shortest form).
  /// - Complexity: O(total cells).
  public static func concatenating(_ tables: [Table]) -> Table {
    var names: [String] = []
    for t in tables {
      for n in t.names where !names.contains(n) { names.append(n) }
    }
    let total = tables.reduce(0) { $0 + $1.rowCount }
    var columns: [Column] = []
    for name in names {
      let parts = tables.map { t in t.index(of: name).map { t.columns[$0] } }
      let type = parts.compactMap { $0?.type }.max() ?? .text
      columns.append(concatenate(parts, counts: tables.map(\.rowCount), type: type, total: total))
    }
    return Table(unchecked: names, columns: columns, rowCount: total)
  }

  private static func concatenate(_ parts: [Column?], counts: [Int], type: ColumnType, total: Int) -> Column {
    var validity = Validity(count: 0, allValid: true)
    switch type {
    case .integer:
      var out: [Int64] = []
      out.reserveCapacity(total)
      for (p, n) in zip(parts, counts) {
        if let p, case .integer(let v) = p.values {
          out += v
          appendValidity(p, n, &validity)
        } else {
          out += repeatElement(0, count: n)
          validity.append(repeating: false, count: n)
        }
      }
      return Column(values: .integer(out), validity: validity.validCount == total ? nil : validity)
    case .float:
      var out: [Double] = []
      out.reserveCapacity(total)
      for (p, n) in zip(parts, counts) {
        if let p {
          switch p.values {
          case .float(let v): out += v
          case .integer(let v): out += v.map { Double($0) }
          case .text: preconditionFailure("a text part cannot join a float column")
          }
          appendValidity(p, n, &validity)
        } else {
          out += repeatElement(0, count: n)
          validity.append(repeating: false, count: n)
        }
      }
      return Column(values: .float(out), validity: validity.validCount == total ? nil : validity)
    case .text:
      var dictionary = StringDictionary()
      var codes: [UInt32] = []
      codes.reserveCapacity(total)
      for (p, n) in zip(parts, counts) {
        guard let p else {
          codes += repeatElement(0, count: n)
          validity.append(repeating: false, count: n)
          continue
        }
        let text = p.asText()
        guard case .text(let c, let d) = text.values else { continue }
        let remap = (0..<d.count).map { dictionary.intern(d[UInt32($0)]) }
        for i in 0..<n { codes.append(text.isValid(i) ? remap[Int(c[i])] : 0) }
        appendValidity(text, n, &validity)
      }
      return Column(values: .text(codes: codes, dictionary: dictionary), validity: validity.validCount == total ? nil : validity)
    }
  }

  private static func appendValidity(_ c: Column, _ n: Int, _ validity: inout Validity) {
    if let v = c.validity { validity.append(contentsOf: v) } else { validity.append(repeating: true, count: n) }
  }
}
