/// The type of a column's values.
public enum ColumnType: String, Sendable, CaseIterable, Comparable {
  /// 64-bit signed integers.
  case integer
  /// 64-bit IEEE 754 floating point.
  case float
  /// UTF-8 text, dictionary encoded.
  case text

  public static func < (a: ColumnType, b: ColumnType) -> Bool { a.rank < b.rank }
  private var rank: Int {
    switch self {
    case .integer: 0
    case .float: 1
    case .text: 2
    }
  }
}

/// One typed column: contiguous values, an optional validity bitmap and, for each missing row,
/// which missing-value token it held.
///
/// Values of missing rows are unspecified (zero in practice). `validity` is `nil` when every
/// row holds a value.
public struct Column: Sendable {
  /// The contiguous storage.
  public enum Values: Sendable {
    case integer([Int64])
    case float([Double])
    /// One code per row into `dictionary`.
    case text(codes: [UInt32], dictionary: StringDictionary)
  }

  /// One cell, for display and tests. Hot code reads `values` directly.
  public enum Value: Sendable, Equatable, CustomStringConvertible {
    case integer(Int64)
    case float(Double)
    case text(String)
    /// A missing value and the token that marked it (`""` for an empty field), or `nil`
    /// when the column was not read from text.
    case missing(token: String?)

    public var description: String {
      switch self {
      case .integer(let v): String(v)
      case .float(let v): v.description
      case .text(let s): s
      case .missing(let t): t ?? ""
      }
    }
  }

  public internal(set) var values: Values
  public internal(set) var validity: Validity?
  /// Rows that are missing, ascending, with the index of their token in `missingTokens`.
  public internal(set) var absences: Absences
  /// The vocabulary of missing-value tokens that `absences` indexes.
  public internal(set) var missingTokens: [String]

  /// Rows of missing values and the token index of each, in ascending row order.
  public struct Absences: Sendable, Equatable {
    public internal(set) var rows: [Int] = []
    public internal(set) var tokens: [UInt8] = []
    public init() {}
    /// Token index used for a missing value whose token is not known.
    public static let unknownToken: UInt8 = .max

    /// The token index of `row`, or `nil` when the row is not listed.
    /// - Complexity: O(log n).
    public func token(ofRow row: Int) -> UInt8? {
      var lo = 0, hi = rows.count
      while lo < hi {
        let mid = (lo + hi) >> 1
        if rows[mid] < row { lo = mid + 1 } else { hi = mid }
      }
      return lo < rows.count && rows[lo] == row ? tokens[lo] : nil
    }
  }

  public var type: ColumnType {
    switch values {
    case .integer: .integer
    case .float: .float
    case .text: .text
    }
  }

  /// Number of rows.
  public var count: Int {
    switch values {
    case .integer(let v): v.count
    case .float(let v): v.count
    case .text(let c, _): c.count
    }
  }

  /// Number of rows holding a value.
  public var validCount: Int { validity?.validCount ?? count }

  /// Whether row `row` holds a value.
  ///
  /// Inlinable, so that the loops of other modules (grouping, series, analysis) test a bit
  /// rather than call a function that copies the bitmap.
  @inlinable @inline(__always)
  public func isValid(_ row: Int) -> Bool {
    guard let validity else { return true }
    return validity.words[row >> 6] & (1 << UInt64(row & 63)) != 0
  }

  public init(values: Values, validity: Validity? = nil, absences: Absences = Absences(), missingTokens: [String] = []) {
    self.values = values
    self.validity = validity
    self.absences = absences
    self.missingTokens = missingTokens
    if let validity { precondition(validity.count == count, "validity covers \(validity.count) rows, column has \(count)") }
  }

  /// A column of integers, `nil` meaning missing.
  public init(integers: [Int64?]) {
    self.init(values: .integer(integers.map { $0 ?? 0 }), validity: Self.validity(integers.map { $0 != nil }))
  }

  /// A column of floats, `nil` meaning missing.
  public init(floats: [Double?]) {
    self.init(values: .float(floats.map { $0 ?? 0 }), validity: Self.validity(floats.map { $0 != nil }))
  }

  /// A dictionary-encoded column of strings, `nil` meaning missing.
  public init(strings: [String?]) {
    var dictionary = StringDictionary()
    let codes = strings.map { $0.map { dictionary.intern($0) } ?? 0 }
    self.init(values: .text(codes: codes, dictionary: dictionary), validity: Self.validity(strings.map { $0 != nil }))
  }

  private static func validity(_ flags: [Bool]) -> Validity? {
    guard flags.contains(false) else { return nil }
    var v = Validity(count: flags.count, allValid: false)
    for (i, f) in flags.enumerated() where f { v[i] = true }
    return v
  }

  /// The cell at `row`.
  public subscript(row: Int) -> Value {
    guard isValid(row) else {
      let t = absences.token(ofRow: row)
      if let t, Int(t) < missingTokens.count { return .missing(token: missingTokens[Int(t)]) }
      return .missing(token: nil)
    }
    switch values {
    case .integer(let v): return .integer(v[row])
    case .float(let v): return .float(v[row])
    case .text(let codes, let d): return .text(d[codes[row]])
    }
  }

  /// Number of missing rows per token, keyed by the token (`nil` when unknown).
  public var missingCountsByToken: [(token: String?, count: Int)] {
    var counts = [Int](repeating: 0, count: 256)
    for t in absences.tokens { counts[Int(t)] += 1 }
    var out: [(token: String?, count: Int)] = []
    for (i, token) in missingTokens.enumerated() where counts[i] > 0 { out.append((token, counts[i])) }
    let unknown = (count - validCount) - out.reduce(0) { $0 + $1.count }
    if unknown > 0 { out.append((nil, unknown)) }
    return out
  }

  /// The rows at `indexes`, in that order.
  /// - Complexity: O(k + m) for k indexes and m missing rows; O(k log m) when that is less.
  public func gathering(_ indexes: [Int]) -> Column {
    var newValidity: Validity? = nil
    var newAbsences = Absences()
    if let validity {
      var v = Validity(count: indexes.count, allValid: false)
      // A few rows of a column with many missing ones (a block of series' first rows): each
      // token by binary search, not a dictionary of every missing row.
      let m = absences.rows.count
      let search = indexes.count * (Int.bitWidth - m.leadingZeroBitCount) < m
      var tokenOf: [Int: UInt8] = [:]
      if !search {
        tokenOf.reserveCapacity(m)
        for (r, t) in zip(absences.rows, absences.tokens) { tokenOf[r] = t }
      }
      for (i, r) in indexes.enumerated() {
        if validity[r] { v[i] = true } else {
          newAbsences.rows.append(i)
          newAbsences.tokens.append((search ? absences.token(ofRow: r) : tokenOf[r]) ?? Absences.unknownToken)
        }
      }
      newValidity = v
    }
    let newValues: Values
    switch values {
    case .integer(let a): newValues = .integer(indexes.map { a[$0] })
    case .float(let a): newValues = .float(indexes.map { a[$0] })
    case .text(let c, let d): newValues = .text(codes: indexes.map { c[$0] }, dictionary: d)
    }
    return Column(values: newValues, validity: newValidity, absences: newAbsences, missingTokens: missingTokens)
  }
}
