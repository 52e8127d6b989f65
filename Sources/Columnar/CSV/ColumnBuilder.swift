/// Builds one column while reading: it starts untyped, becomes integer, float or text as
/// values arrive, and promotes itself (integer to float, numbers to text) when a value needs it.
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
  /// The last text interned: its bytes and code, to skip hashing when values repeat.
  var lastText: [UInt8] = []
  var lastCode: UInt32 = .max

  init(kind: Kind = .pending) { self.kind = kind }

  mutating func reserve(_ n: Int) {
    switch kind {
    case .pending: break
    case .integer: integers.reserveCapacity(n)
    case .float: floats.reserveCapacity(n)
    case .text: codes.reserveCapacity(n)
    }
  }

  @inline(__always)
  mutating func appendMissing(token: UInt8) {
    if validity == nil { validity = Validity(count: count, allValid: true) }
    validity!.append(false)
    absenceRows.append(count)
    absenceTokens.append(token)
    switch kind {
    case .pending: break
    case .integer: integers.append(0)
    case .float: floats.append(0)
    case .text: codes.append(0)
    }
    count += 1
  }

  @inline(__always)
  mutating func appendInteger(_ v: Int64) {
    if kind == .pending { become(.integer) }
    integers.append(v)
    validity?.append(true)
    count += 1
  }

  @inline(__always)
  mutating func appendFloat(_ v: Double) {
    if kind != .float { become(.float) }
    floats.append(v)
    validity?.append(true)
    count += 1
  }

  /// Appends a text value; `isNew` is false when the bytes are already known to be valid.
  @inline(__always)
  mutating func appendCode(_ c: UInt32) {
    codes.append(c)
    validity?.append(true)
    count += 1
  }

  /// Changes the storage to `newKind`: pending to anything, integer to float. Text is handled
  /// by `becomeText(codes:)` because it needs the original bytes.
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
  }

  /// Replaces the values with text: `codes` and `dictionary` hold the existing rows' text.
  mutating func becomeText(codes newCodes: [UInt32], dictionary newDictionary: StringDictionary) {
    precondition(newCodes.count == count, "re-read \(newCodes.count) values for \(count) rows")
    integers = []
    floats = []
    codes = newCodes
    dictionary = newDictionary
    lastCode = .max
    kind = .text
  }

  /// Removes rows from the end (a rejected record that was half appended).
  mutating func truncate(to n: Int) {
    guard n < count else { return }
    switch kind {
    case .pending: break
    case .integer: integers.removeLast(count - n)
    case .float: floats.removeLast(count - n)
    case .text: codes.removeLast(count - n)
    }
    validity?.truncate(to: n)
    while let last = absenceRows.last, last >= n {
      absenceRows.removeLast()
      absenceTokens.removeLast()
    }
    count = n
  }

  /// Appends another builder of the same kind (or a pending one) after this one.
  mutating func append(_ other: consuming ColumnBuilder) {
    if other.kind == .pending && kind != .pending {
      other.become(kind == .text ? .text : kind)
      if kind == .text { other.dictionary = StringDictionary() }
    }
    if kind == .pending && other.kind != .pending { become(other.kind) }
    if kind == .integer && other.kind == .float { become(.float) }
    if kind == .float && other.kind == .integer { other.become(.float) }
    precondition(kind == other.kind, "append \(other.kind) to \(kind)")
    let base = count
    switch kind {
    case .pending: break
    case .integer: integers.append(contentsOf: other.integers)
    case .float: floats.append(contentsOf: other.floats)
    case .text:
      var remap = [UInt32](repeating: 0, count: other.dictionary.count)
      for c in 0..<other.dictionary.count {
        remap[c] = other.dictionary.withBytes(of: UInt32(c)) { dictionary.intern($0).code }
      }
      codes.reserveCapacity(count + other.count)
      if other.absenceRows.isEmpty {
        for c in other.codes { codes.append(remap[Int(c)]) }
      } else {
        // Missing rows hold code 0, which may not exist in an empty dictionary.
        let valid = other.validity
        for (i, c) in other.codes.enumerated() { codes.append(valid?[i] == false ? 0 : remap[Int(c)]) }
      }
    }
    if validity != nil || other.validity != nil {
      if validity == nil { validity = Validity(count: base, allValid: true) }
      validity!.append(contentsOf: other.validity ?? Validity(count: other.count, allValid: true))
    }
    absenceRows.append(contentsOf: other.absenceRows.map { $0 + base })
    absenceTokens.append(contentsOf: other.absenceTokens)
    count += other.count
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
