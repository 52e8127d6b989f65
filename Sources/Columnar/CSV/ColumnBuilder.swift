/// Assembles one column of the final table from the chunks' raw columns, in file order,
/// promoting its type (integer to float, numbers to text) when a later chunk needs it.
struct ColumnBuilder {
  enum Kind: Int, Comparable {
    /// Only missing values so far.
    case pending = 0
    case integer, float, text
    static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
  }

  var kind: Kind
  var integers: [Int64] = []
  var floats: [Double] = []
  var codes: [UInt32] = []
  var dictionary = StringDictionary()
  var validity: Validity? = nil
  var absenceRows: [Int] = []
  var absenceTokens: [UInt8] = []
  var count = 0
  /// Rows expected in all, so that storage is allocated once (and kept when the kind changes).
  var expectedRows = 0

  init(kind: Kind = .pending) { self.kind = kind }

  mutating func reserve(_ n: Int) {
    expectedRows = max(expectedRows, n)
    switch kind {
    case .pending: break
    case .integer:
      integers.reserveCapacity(n)
    case .float:
      floats.reserveCapacity(n)
    case .text:
      codes.reserveCapacity(n)
    }
  }

  /// Changes the storage: pending to anything, integer to float. Text needs the original bytes
  /// and goes through `becomeText(codes:dictionary:)`.
  mutating func become(_ newKind: Kind) {
    switch (kind, newKind) {
    case (.pending, .integer): integers = [Int64](repeating: 0, count: count)
    case (.pending, .float): floats = [Double](repeating: 0, count: count)
    case (.pending, .text): codes = [UInt32](repeating: 0, count: count)
    case (.integer, .float):
      floats = integers.map { Double($0) }
      integers = []
    case (let a, let b) where a == b: return
    default: preconditionFailure("cannot change a \(kind) column to \(newKind) in place")
    }
    kind = newKind
    if expectedRows > count { reserve(expectedRows) }
  }

  /// Makes room for `extra` more rows: beyond the expected size, grow by a quarter (not double,
  /// which would copy and hold twice the memory of a large column).
  mutating func ensureCapacity(_ extra: Int) {
    let needed = count + extra
    func grow<T>(_ a: inout [T]) {
      if needed > a.capacity { a.reserveCapacity(max(needed, a.capacity + a.capacity / 4)) }
    }
    switch kind {
    case .pending: break
    case .integer: grow(&integers)
    case .float: grow(&floats)
    case .text: grow(&codes)
    }
  }

  /// Replaces the values with text re-read from the input.
  mutating func becomeText(codes newCodes: [UInt32], dictionary newDictionary: StringDictionary) {
    precondition(newCodes.count == count, "re-read \(newCodes.count) values for \(count) rows")
    integers = []
    floats = []
    codes = newCodes
    dictionary = newDictionary
    kind = .text
  }

  /// Appends a chunk's column (of the same kind after promotion, or pending).
  mutating func append(_ raw: inout RawColumn) {
    if raw.kind == .pending && kind != .pending { raw.become(kind) }
    if kind == .pending && raw.kind != .pending { become(raw.kind) }
    if kind == .integer && raw.kind == .float { become(.float) }
    if kind == .float && raw.kind == .integer { raw.become(.float) }
    precondition(kind == raw.kind, "append \(raw.kind) to \(kind)")
    ensureCapacity(raw.count)
    let base = count
    switch kind {
    case .pending: break
    case .integer: integers.append(contentsOf: raw.integers.buffer)
    case .float: floats.append(contentsOf: raw.floats.buffer)
    case .text:
      var remap = [UInt32](repeating: 0, count: max(raw.dictionary.count, 1))
      for c in 0..<raw.dictionary.count {
        remap[c] = raw.dictionary.withBytes(of: UInt32(c)) { dictionary.intern($0).code }
      }
      // Missing rows hold code 0, which maps to a valid code (or stays 0 when nothing is new).
      // Remap the chunk's codes in place (its buffer is ours), then copy them in one go.
      let n = raw.count
      if let p = raw.codes.base {
        remap.withUnsafeBufferPointer { r in
          for i in 0..<n { p[i] = r[Int(p[i])] }
        }
      }
      codes.append(contentsOf: raw.codes.buffer)
    }
    let missing = raw.absenceRows.count
    if missing > 0 || validity != nil {
      if validity == nil { validity = Validity(count: base, allValid: true) }
      validity!.append(repeating: true, count: raw.count)
      for i in 0..<missing { validity![base + Int(raw.absenceRows.buffer[i])] = false }
    }
    for i in 0..<missing { absenceRows.append(base + Int(raw.absenceRows.buffer[i])) }
    absenceTokens.append(contentsOf: raw.absenceTokens.buffer)
    count += raw.count
  }

  /// The finished column. A column with no value at all becomes float.
  consuming func finish(missingTokens: [String]) -> Column {
    let values: Column.Values
    switch kind {
    case .pending, .float: values = .float(kind == .pending ? [Double](repeating: 0, count: count) : floats)
    case .integer: values = .integer(integers)
    case .text: values = .text(codes: codes, dictionary: dictionary)
    }
    var absences = Column.Absences()
    absences.rows = absenceRows
    absences.tokens = absenceTokens
    return Column(values: values, validity: validity, absences: absences, missingTokens: missingTokens)
  }
}
