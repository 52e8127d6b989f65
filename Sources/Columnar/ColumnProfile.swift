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
    zip(names, columns).map { name, c in
      var minimum: Double? = nil, maximum: Double? = nil
      var distinct: Int? = nil
      switch c.values {
      case .integer(let v):
        for i in v.indices where c.isValid(i) {
          let d = Double(v[i])
          minimum = min(minimum ?? d, d)
          maximum = max(maximum ?? d, d)
        }
      case .float(let v):
        for i in v.indices where c.isValid(i) {
          minimum = min(minimum ?? v[i], v[i])
          maximum = max(maximum ?? v[i], v[i])
        }
      case .text(let codes, let d):
        var seen = [Bool](repeating: false, count: d.count)
        var n = 0
        for i in codes.indices where c.isValid(i) && !seen[Int(codes[i])] {
          seen[Int(codes[i])] = true
          n += 1
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
