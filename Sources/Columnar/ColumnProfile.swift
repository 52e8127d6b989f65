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
          var lo = Int64.max, hi = Int64.min, any = false
          for i in 0..<b.count where c.validity == nil || c.validity![i] {
            lo = min(lo, b[i])
            hi = max(hi, b[i])
            any = true
          }
          if any { (minimum, maximum) = (Double(lo), Double(hi)) }
        }
      case .float(let v):
        v.withUnsafeBufferPointer { b in
          var lo = Double.infinity, hi = -Double.infinity, any = false
          for i in 0..<b.count where c.validity == nil || c.validity![i] {
            lo = Swift.min(lo, b[i])
            hi = Swift.max(hi, b[i])
            any = true
          }
          if any { (minimum, maximum) = (lo, hi) }
        }
      case .text(let codes, let d):
        var seen = [Bool](repeating: false, count: d.count)
        var n = 0
        codes.withUnsafeBufferPointer { b in
          for i in 0..<b.count where !seen[Int(b[i])] && (c.validity == nil || c.validity![i]) {
            seen[Int(b[i])] = true
            n += 1
          }
        }
        distinct = n
      }
      return ColumnProfile(
        name: name, type: c.type, isDeclared: declared.contains(name), values: c.validCount,
        missing: c.count - c.validCount,
        missingByToken: c.missingCountsByToken.map { ColumnProfile.MissingCount(token: $0.token, count: $0.count) },
        distinct: distinct, minimum: minimum, maximum: maximum)
    }
  }
}
