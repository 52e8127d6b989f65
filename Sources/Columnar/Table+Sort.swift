/// One key of a sort: a column and a direction. Missing values sort last in both directions.
public struct SortKey: Sendable, Equatable {
  public var column: String
  public var ascending: Bool
  public init(_ column: String, ascending: Bool = true) {
    self.column = column
    self.ascending = ascending
  }
}

/// Rows grouped by equal keys: `permutation` lists row indexes so that each group is one
/// contiguous range of it; groups come in ascending key order.
public struct Grouping: Sendable {
  /// Row indexes, grouped. Within a group, rows keep their original order.
  public let permutation: [Int]
  /// Each group's range in `permutation`.
  public let ranges: [Range<Int>]

  /// The rows of group `g`, in original order.
  public func rows(ofGroup g: Int) -> ArraySlice<Int> { permutation[ranges[g]] }
}

extension Table {
  /// The order of rows sorted by `keys`: stable, so rows with equal keys keep their order.
  ///
  /// Text sorts by Unicode scalar order of its UTF-8 bytes (locale independent); numbers
  /// numerically; missing values last.
  /// - Complexity: O(n log n) comparisons of up to `keys.count` 64-bit words.
  public func sortPermutation(by keys: [SortKey]) throws(TableError) -> [Int] {
    let encoded = try keys.map { (k) throws(TableError) in
      Self.orderKeys(columns[try requireIndex(k.column)], ascending: k.ascending)
    }
    var perm = Array(0..<rowCount)
    guard !encoded.isEmpty else { return perm }
    if encoded.count == 1 {
      let k = encoded[0]
      perm.sort { a, b in k[a] != k[b] ? k[a] < k[b] : a < b }
    } else {
      perm.sort { a, b in
        for k in encoded where k[a] != k[b] { return k[a] < k[b] }
        return a < b
      }
    }
    return perm
  }

  /// The table sorted by `keys` (stable).
  public func sorted(by keys: [SortKey]) throws(TableError) -> Table {
    gathering(try sortPermutation(by: keys))
  }

  /// Groups rows by equal values of the `keys` columns (text or integer).
  ///
  /// This is what series are built from: one group per (indicator, area, breakdown).
  /// - Complexity: O(n log n).
  public func grouped(by keys: [String]) throws(TableError) -> Grouping {
    for k in keys {
      let c = columns[try requireIndex(k)]
      if c.type == .float {
        throw TableError(kind: .unsupportedType, column: k, detail: "is float; group by text or integer columns")
      }
    }
    let perm = try sortPermutation(by: keys.map { SortKey($0) })
    let encoded = keys.map { Self.orderKeys(columns[index(of: $0)!], ascending: true) }
    var ranges: [Range<Int>] = []
    var start = 0
    for i in 1...max(perm.count, 1) where i == perm.count || encoded.contains(where: { $0[perm[i]] != $0[perm[i - 1]] }) {
      if i > start { ranges.append(start..<i) }
      start = i
    }
    return Grouping(permutation: perm, ranges: perm.isEmpty ? [] : ranges)
  }

  /// Order-preserving 64-bit keys: comparing keys compares values. Missing is `UInt64.max`.
  static func orderKeys(_ c: Column, ascending: Bool) -> [UInt64] {
    var keys: [UInt64]
    switch c.values {
    case .integer(let v):
      keys = v.map { UInt64(bitPattern: $0) ^ (1 << 63) }
    case .float(let v):
      keys = v.map { d in
        let b = (d == 0 ? 0.0 : d).bitPattern  // -0 and +0 sort together
        return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
      }
    case .text(let codes, let dictionary):
      let ranks = dictionary.sortRanks()
      // Missing rows may hold any code (0 in an empty dictionary); they are overwritten below.
      keys = codes.map { Int($0) < ranks.count ? UInt64(ranks[Int($0)]) : 0 }
    }
    let missing = UInt64.max
    for i in keys.indices {
      if !c.isValid(i) { keys[i] = missing } else {
        if !ascending { keys[i] = ~keys[i] }
        if keys[i] == missing { keys[i] = missing - 1 }
      }
    }
    return keys
  }
}

extension StringDictionary {
  /// The rank of each code when the strings are sorted by their UTF-8 bytes.
  /// - Complexity: O(d log d) comparisons for d entries.
  public func sortRanks() -> [UInt32] {
    let order = (0..<count).sorted { a, b in
      let ra = offsets[a]..<offsets[a + 1], rb = offsets[b]..<offsets[b + 1]
      return bytes[ra].lexicographicallyPrecedes(bytes[rb])
    }
    var ranks = [UInt32](repeating: 0, count: count)
    for (r, c) in order.enumerated() { ranks[c] = UInt32(r) }
    return ranks
  }
}
