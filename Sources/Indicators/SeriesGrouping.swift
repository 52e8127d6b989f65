import Columnar

/// Groups rows by equal values of a few text key columns, fast for the common case of an
/// export whose series already sit in contiguous runs.
enum SeriesGrouping {
  /// Rows grouped: `permutation[ranges[g]]` are the rows of group `g`, in row order; groups
  /// are sorted by their keys (text by its UTF-8 bytes, missing last).
  struct Groups {
    var permutation: [Int]
    var ranges: [Range<Int>]
  }

  /// - Complexity: O(n) for rows already in runs, plus O(g log g) to order g groups; keys
  ///   whose dictionaries are too large to pack into 64 bits fall back to
  ///   `Table.grouped(by:)`, O(n log n).
  static func groups(_ keys: [Column], rowCount n: Int) -> Groups {
    // Rank of every code in sorted order; missing ranks after every value.
    var ranks: [[UInt64]] = []
    var radices: [UInt64] = []
    var fits = true
    var capacity: UInt64 = 1
    for c in keys {
      guard case .text(_, let d) = c.values else { fits = false; break }
      let r = d.sortRanks().map { UInt64($0) }
      ranks.append(r)
      let radix = UInt64(d.count + 1)
      let (product, overflow) = capacity.multipliedReportingOverflow(by: radix)
      if overflow { fits = false; break }
      capacity = product
      radices.append(radix)
    }
    guard fits else { return fallback(keys, n) }
    // One packed key per row: comparing packed keys compares the key columns in order.
    var packed = [UInt64](repeating: 0, count: n)
    for (k, c) in keys.enumerated() {
      guard case .text(let codes, _) = c.values else { continue }
      let rank = ranks[k], radix = radices[k], missing = radix - 1
      packed.withUnsafeMutableBufferPointer { p in
        for i in 0..<n {
          p[i] = p[i] &* radix &+ (c.isValid(i) ? rank[Int(codes[i])] : missing)
        }
      }
    }
    // Group ids by first appearance, looking up only where the key changes.
    var groupOf: [UInt64: Int32] = [:]
    var groupKeys: [UInt64] = []
    var groupOfRow = [Int32](repeating: 0, count: n)
    var current: Int32 = -1
    var previous: UInt64 = 0
    for i in 0..<n {
      let key = packed[i]
      if i == 0 || key != previous {
        if let g = groupOf[key] {
          current = g
        } else {
          current = Int32(groupKeys.count)
          groupOf[key] = current
          groupKeys.append(key)
        }
        previous = key
      }
      groupOfRow[i] = current
    }
    // Groups in key order, then rows placed by a counting sort (stable: row order kept).
    let order = groupKeys.indices.sorted { groupKeys[$0] < groupKeys[$1] }
    var position = [Int32](repeating: 0, count: groupKeys.count)
    for (p, g) in order.enumerated() { position[g] = Int32(p) }
    var sizes = [Int](repeating: 0, count: groupKeys.count)
    for g in groupOfRow { sizes[Int(position[Int(g)])] += 1 }
    var starts = [Int](repeating: 0, count: groupKeys.count + 1)
    for g in 0..<groupKeys.count { starts[g + 1] = starts[g] + sizes[g] }
    var next = starts
    var permutation = [Int](repeating: 0, count: n)
    for i in 0..<n {
      let g = Int(position[Int(groupOfRow[i])])
      permutation[next[g]] = i
      next[g] += 1
    }
    let ranges = (0..<groupKeys.count).map { starts[$0]..<starts[$0 + 1] }
    return Groups(permutation: permutation, ranges: ranges)
  }

  private static func fallback(_ keys: [Column], _ n: Int) -> Groups {
    let names = keys.indices.map { "k\($0)" }
    guard let t = try? Table(names: names, columns: keys), let g = try? t.grouped(by: names) else {
      preconditionFailure("grouping keys of equal length")
    }
    return Groups(permutation: g.permutation, ranges: g.ranges)
  }
}
