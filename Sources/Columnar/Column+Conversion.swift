import Synchronization

/// Conversions between column types, and rewriting a text column's dictionary. Missing rows
/// stay missing and keep their missing-value tokens.
extension Column {
  /// The column as text: integers in decimal, floats in the shortest form that reads back to
  /// the same value, text unchanged.
  ///
  /// Equal numbers share one dictionary entry, so a column of a few distinct ids converts in
  /// one pass with a small hash table.
  /// - Complexity: O(n) hash lookups for numbers; O(1) for text.
  public func asText() -> Column {
    switch values {
    case .text: return self
    case .integer(let v): return Column(encodingNumbers: v, like: self) { String($0) }
    case .float(let v): return Column(encodingNumbers: v, like: self) { $0.description }
    }
  }

  private init<T: Hashable>(encodingNumbers v: [T], like source: Column, _ format: (T) -> String) {
    var dictionary = StringDictionary()
    var codeOf: [T: UInt32] = [:]
    var codes = [UInt32](repeating: 0, count: v.count)
    // Ids come in runs (an export lists one indicator's rows together): look up only where the
    // value changes.
    var previous: T? = nil
    var previousCode: UInt32 = 0
    for i in v.indices where source.isValid(i) {
      let x = v[i]
      if x == previous {
        codes[i] = previousCode
        continue
      }
      previous = x
      if let c = codeOf[x] {
        codes[i] = c
        previousCode = c
      } else {
        let c = dictionary.intern(format(x))
        codeOf[x] = c
        codes[i] = c
        previousCode = c
      }
    }
    self.init(
      values: .text(codes: codes, dictionary: dictionary), validity: source.validity, absences: source.absences,
      missingTokens: source.missingTokens)
  }

  /// A text value that could not be read as a number by `asFloat()`.
  public struct UnreadableNumber: Sendable, Equatable {
    /// The first row holding it, 0-based.
    public var row: Int
    /// The text.
    public var text: String
    /// How many rows hold it.
    public var count: Int
  }

  /// The column as 64-bit floats. Integers convert exactly up to 2^53. Text is read with `.`
  /// as the decimal separator (leading and trailing spaces allowed); text that is not a number
  /// becomes a missing value, and is reported once per distinct text, in dictionary order.
  /// - Complexity: O(n) plus one parse per distinct text.
  public func asFloat() -> (column: Column, unreadable: [UnreadableNumber]) {
    switch values {
    case .float: return (self, [])
    case .integer(let v):
      return (
        Column(values: .float(v.map { Double($0) }), validity: validity, absences: absences, missingTokens: missingTokens),
        []
      )
    case .text(let codes, let dictionary):
      let parser = NumberParser()
      var parsed = [Double?](repeating: nil, count: dictionary.count)
      for c in 0..<dictionary.count {
        parsed[c] = dictionary.withBytes(of: UInt32(c)) { raw -> Double? in
          var b = raw[...]
          while let f = b.first, f == 32 || f == 9 { b = b.dropFirst() }
          while let l = b.last, l == 32 || l == 9 { b = b.dropLast() }
          guard !b.isEmpty else { return nil }
          let bytes = Array(b)
          return bytes.withUnsafeBufferPointer { p in
            p.baseAddress.flatMap { parser.parseDouble($0, p.count) }
          }
        }
      }
      var out = [Double](repeating: 0, count: codes.count)
      var newValidity = validity ?? Validity(count: codes.count, allValid: true)
      var bad: [UInt32: UnreadableNumber] = [:]
      var newAbsences = absences
      var extraRows: [Int] = []
      for i in codes.indices where isValid(i) {
        let c = codes[i]
        if let d = parsed[Int(c)] {
          out[i] = d
        } else {
          newValidity[i] = false
          extraRows.append(i)
          if bad[c] == nil {
            bad[c] = UnreadableNumber(row: i, text: dictionary[c], count: 1)
          } else {
            bad[c]?.count += 1
          }
        }
      }
      if !extraRows.isEmpty {
        newAbsences.merge(rows: extraRows, token: Absences.unknownToken)
      }
      let column = Column(
        values: .float(out), validity: bad.isEmpty && validity == nil ? nil : newValidity, absences: newAbsences,
        missingTokens: missingTokens)
      return (column, bad.values.sorted { $0.row < $1.row })
    }
  }

  /// A text column whose every dictionary entry is replaced by `transform(entry)`; entries
  /// that become equal are merged. `nil` makes the rows holding that entry missing (token
  /// unknown). Numbers are first converted with `asText()`.
  /// - Complexity: O(n) plus one call per distinct value.
  public func mappingText(_ transform: (String) -> String?) -> Column {
    let text = asText()
    guard case .text(let codes, let dictionary) = text.values else { return text }
    var newDictionary = StringDictionary()
    var remap = [UInt32?](repeating: nil, count: dictionary.count)
    for c in 0..<dictionary.count {
      remap[c] = transform(dictionary[UInt32(c)]).map { newDictionary.intern($0) }
    }
    // Distinct values that stay distinct, in the same order: the codes are shared, not copied.
    if newDictionary.count == dictionary.count && remap.enumerated().allSatisfy({ $0.element == UInt32($0.offset) }) {
      return Column(
        values: .text(codes: codes, dictionary: newDictionary), validity: text.validity, absences: text.absences,
        missingTokens: text.missingTokens)
    }
    // Every value kept: one table lookup per row, whatever its validity (a missing row's code
    // is never read as a value).
    if !remap.contains(nil) {
      let table = remap.map { $0! }
      let newCodes = [UInt32](unsafeUninitializedCapacity: codes.count) { out, initialized in
        codes.withUnsafeBufferPointer { source in
          table.withUnsafeBufferPointer { t in
            for i in 0..<source.count {
              let c = Int(source[i])
              out[i] = c < t.count ? t[c] : 0
            }
          }
        }
        initialized = codes.count
      }
      return Column(
        values: .text(codes: newCodes, dictionary: newDictionary), validity: text.validity, absences: text.absences,
        missingTokens: text.missingTokens)
    }
    var newCodes = [UInt32](repeating: 0, count: codes.count)
    var newValidity = text.validity
    var dropped: [Int] = []
    for i in codes.indices where text.isValid(i) {
      if let n = remap[Int(codes[i])] {
        newCodes[i] = n
      } else {
        if newValidity == nil { newValidity = Validity(count: codes.count, allValid: true) }
        newValidity?[i] = false
        dropped.append(i)
      }
    }
    var newAbsences = text.absences
    if !dropped.isEmpty { newAbsences.merge(rows: dropped, token: Absences.unknownToken) }
    return Column(
      values: .text(codes: newCodes, dictionary: newDictionary), validity: newValidity, absences: newAbsences,
      missingTokens: text.missingTokens)
  }

  /// A column of `count` missing values (text, with an empty dictionary). Such columns of one
  /// length share their buffer of zero codes (copy on write): a table of ten million rows with
  /// several roles missing holds forty megabytes of zeros once, not once per column. The last
  /// buffer made is kept for reuse until one of another length is needed.
  public static func missing(count: Int) -> Column {
    Column(
      values: .text(codes: zeroCodes(count: count), dictionary: StringDictionary()),
      validity: Validity(count: count, allValid: false))
  }

  /// A text column holding `value` in every row.
  public static func constant(_ value: String, count: Int) -> Column {
    Column(values: .text(codes: [UInt32](repeating: 0, count: count), dictionary: StringDictionary([value])))
  }

  /// The missing-value token of a missing row (`nil` when the row holds a value or its token is
  /// unknown).
  /// - Complexity: O(log m) for m missing rows.
  public func missingToken(ofRow row: Int) -> String? {
    guard !isValid(row), let t = absences.token(ofRow: row), Int(t) < missingTokens.count else { return nil }
    return missingTokens[Int(t)]
  }
}

extension Column.Absences {
  /// Absences listing `rows` (ascending) with the token index of each.
  public init(rows: [Int], tokens: [UInt8]) {
    precondition(rows.count == tokens.count, "\(rows.count) rows for \(tokens.count) tokens")
    self.rows = rows
    self.tokens = tokens
  }

  /// Adds `newRows` (ascending, not yet listed) with one token, keeping the order.
  /// - Complexity: O(m + k).
  mutating func merge(rows newRows: [Int], token: UInt8) {
    var r: [Int] = [], t: [UInt8] = []
    r.reserveCapacity(rows.count + newRows.count)
    t.reserveCapacity(rows.count + newRows.count)
    var i = 0, j = 0
    while i < rows.count || j < newRows.count {
      if j == newRows.count || (i < rows.count && rows[i] < newRows[j]) {
        r.append(rows[i])
        t.append(tokens[i])
        i += 1
      } else {
        r.append(newRows[j])
        t.append(token)
        j += 1
      }
    }
    rows = r
    tokens = t
  }
}

/// The last buffer of zero codes made by `Column.missing(count:)`, reused while the length is
/// the same.
private let zeroCodesCache = Mutex<[UInt32]>([])

private func zeroCodes(count: Int) -> [UInt32] {
  // Empty columns (a header read without rows) neither need nor evict the cached buffer.
  guard count > 0 else { return [] }
  return zeroCodesCache.withLock { cached in
    if cached.count != count { cached = [UInt32](repeating: 0, count: count) }
    return cached
  }
}
