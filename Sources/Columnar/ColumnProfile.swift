import Dispatch

/// What `inspect` reports about one column: type, counts of values and of missing values by
/// token, and for text the number of distinct values.
public struct ColumnProfile: Sendable, Equatable {
  public var name: String
  public var type: ColumnType
  public var isDeclared: Bool
  public var values: Int
  public var missing: Int
  /// Missing values per token, in the order of the token list; `nil` is "token unknown".
  public var missingByToken: [MissingCount]
  /// Distinct values (text columns).
  public var distinct: Int?
  public var minimum: Double?
  public var maximum: Double?

  public struct MissingCount: Sendable, Equatable {
    public var token: String?
    public var count: Int
  }
}

extension Table {
  /// One profile per column.
  /// - Complexity: O(rows × columns).
  public func profiles(declared: Set<String> = []) -> [ColumnProfile] {
    let slots = ParallelResults<ColumnProfile>(count: columns.count)
    parallelFor(columns.count, threads: processorCount()) { k in
      slots[k] = Self.profile(name: names[k], column: columns[k], declared: declared)
    }
    return (0..<columns.count).map { slots[$0] }
  }

  static func profile(name: String, column c: Column, declared: Set<String>) -> ColumnProfile {
    do {
      var minimum: Double? = nil, maximum: Double? = nil
      var distinct: Int? = nil
      switch c.values {
      case .integer(let v):
        v.withUnsafeBufferPointer { b in
          if let (lo, hi) = Self.range(b, validity: c.validity, lowest: Int64.max, highest: Int64.min) {
            (minimum, maximum) = (Double(lo), Double(hi))
          }
        }
      case .float(let v):
        v.withUnsafeBufferPointer { b in
          if let (lo, hi) = Self.range(b, validity: c.validity, lowest: Double.infinity, highest: -Double.infinity) {
            (minimum, maximum) = (lo, hi)
          }
        }
      case .text(let codes, let d):
        distinct = codes.withUnsafeBufferPointer { Self.distinctCodes($0, dictionaryCount: d.count, validity: c.validity) }
      }
      return ColumnProfile(
        name: name, type: c.type, isDeclared: declared.contains(name), values: c.validCount,
        missing: c.count - c.validCount,
        missingByToken: c.missingCountsByToken.map { ColumnProfile.MissingCount(token: $0.token, count: $0.count) },
        distinct: distinct, minimum: minimum, maximum: maximum)
    }
  }

  /// The smallest and largest valid value of `b`, or `nil` when none is valid.
  ///
  /// Runs of 64 rows whose validity word is all ones (every row, when there is no bitmap)
  /// are scanned without a test per row, so the loop vectorises.
  /// - Complexity: O(n).
  static func range<T: Comparable>(
    _ b: UnsafeBufferPointer<T>, validity: Validity?, lowest: T, highest: T
  ) -> (T, T)? {
    var lo = lowest, hi = highest, any = false
    guard let validity else {
      for x in b {
        lo = min(lo, x)
        hi = max(hi, x)
      }
      return b.isEmpty ? nil : (lo, hi)
    }
    validity.words.withUnsafeBufferPointer { words in
      for (w, word) in words.enumerated() where word != 0 {
        let start = w << 6
        let end = Swift.min(b.count, start + 64)
        if word == ~0 {
          for i in start..<end {
            lo = min(lo, b[i])
            hi = max(hi, b[i])
          }
        } else {
          var bits = word
          while bits != 0 {
            let i = start + bits.trailingZeroBitCount
            bits &= bits - 1
            lo = min(lo, b[i])
            hi = max(hi, b[i])
          }
        }
        any = true
      }
    }
    return any ? (lo, hi) : nil
  }

  /// How many distinct codes the valid rows of `codes` hold.
  /// - Complexity: O(rows + dictionaryCount).
  static func distinctCodes(_ codes: UnsafeBufferPointer<UInt32>, dictionaryCount: Int, validity: Validity?) -> Int {
    guard dictionaryCount > 0 else { return 0 }
    var seen = [UInt8](repeating: 0, count: dictionaryCount)
    seen.withUnsafeMutableBufferPointer { s in
      if let validity {
        validity.words.withUnsafeBufferPointer { words in
          for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
              let i = (w << 6) + bits.trailingZeroBitCount
              bits &= bits - 1
              s[Int(codes[i])] = 1
            }
          }
        }
      } else {
        for c in codes { s[Int(c)] = 1 }
      }
    }
    return seen.reduce(0) { $0 + Int($1) }
  }
}
