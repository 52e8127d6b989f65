import Columnar
import Dispatch
import Foundation

/// Groups rows by equal values of a few text key columns, fast for the common case of an
/// export whose series already sit in contiguous runs.
enum SeriesGrouping {
  /// Rows grouped, groups sorted by their keys (text by its UTF-8 bytes, missing last), each
  /// group's rows in row order. When every group's rows sit in one contiguous run (as in most
  /// exports) `permutation` is `nil` and `ranges[g]` are the rows of group `g` themselves;
  /// otherwise `permutation[ranges[g]]` are.
  struct Groups {
    var permutation: [Int]?
    var ranges: [Range<Int>]
    /// The groups in the order of their first rows: visiting groups this way reads the rows'
    /// columns from start to end, not at random (groups in key order jump about the file).
    var inRowOrder: [Int32]

    /// The rows of group `g`, in row order.
    func rows(_ g: Int) -> GroupRows { GroupRows(permutation: permutation?[ranges[g]], range: ranges[g]) }
  }

  /// The rows of one group: a slice of the permutation, or a range of rows.
  struct GroupRows: RandomAccessCollection {
    let permutation: ArraySlice<Int>?
    let range: Range<Int>
    var startIndex: Int { 0 }
    var endIndex: Int { range.count }
    subscript(i: Int) -> Int {
      if let permutation { return permutation[permutation.startIndex + i] }
      return range.lowerBound + i
    }
  }

  /// - Complexity: O(n) for rows already in runs, plus O(g log g) to order g groups; keys
  ///   whose dictionaries are too large to pack into 64 bits fall back to
  ///   `Table.grouped(by:)`, O(n log n).
  static func groups(_ keys: [Column], rowCount n: Int, segments requested: Int? = nil) -> Groups {
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
    guard n > 0 else { return Groups(permutation: nil, ranges: [], inRowOrder: []) }
    let codes = keys.map { c -> [UInt32] in
      guard case .text(let codes, _) = c.values else { return [] }
      return codes
    }
    let validity = keys.map(\.validity)
    let keyCount = keys.count
    let rankOf = ranks, radixOf = radices
    // Rows are cut into segments, one per core, grouped in parallel. Within a segment, group
    // ids are local, by first appearance, and the dictionary is consulted only where the key
    // changes (rows of a series usually sit together). A row's key (its columns' ranks packed
    // in one word: comparing packed keys compares the columns in order) is not stored: a
    // segment keeps its runs of equal keys.
    let wanted = max(1, min(requested ?? ProcessInfo.processInfo.activeProcessorCount, n / (requested == nil ? 1 << 16 : 1)))
    let segmentSize = (n + wanted - 1) / wanted
    // No empty segment: 10 rows in 8 segments are 5 segments of 2.
    let segmentCount = (n + segmentSize - 1) / segmentSize
    struct Segment: Sendable {
      /// The key of each local group.
      var keys: [UInt64] = []
      /// The rows of each local group.
      var sizes: [Int] = []
      /// Each run's first row and local group.
      var runStarts: [Int] = []
      var runGroups: [Int32] = []
    }
    let segments = parallelMap(segmentCount, minimumCount: 2) { s -> Segment in
      var segment = Segment()
      var local = GroupIDs()
      var current = -1
      var previous: UInt64 = 0
      let begin = s * segmentSize
      let end = min(n, begin + segmentSize)
      // A run can start only where some key column's code or validity differs from the row
      // before: those rows are found first, column by column, and keys are packed only there.
      let changed = changedRows(codes, validity, begin..<end)
      for w in changed.indices {
        var bits = changed[w]
        while bits != 0 {
          let i = begin + (w << 6) + bits.trailingZeroBitCount
          bits &= bits - 1
          var key: UInt64 = 0
          for k in 0..<keyCount {
            let valid = validity[k].map { $0.words[i >> 6] & (1 << UInt64(i & 63)) != 0 } ?? true
            key = key &* radixOf[k] &+ (valid ? rankOf[k][Int(codes[k][i])] : radixOf[k] - 1)
          }
          guard current < 0 || key != previous else { continue }
          if current >= 0 { segment.sizes[current] += i - segment.runStarts[segment.runStarts.count - 1] }
          let g = local.id(of: key, next: Int32(segment.keys.count))
          current = Int(g)
          if current == segment.keys.count {
            segment.keys.append(key)
            segment.sizes.append(0)
          }
          segment.runStarts.append(i)
          segment.runGroups.append(Int32(current))
          previous = key
        }
      }
      segment.sizes[current] += end - segment.runStarts[segment.runStarts.count - 1]
      return segment
    }
    // Every distinct key in key order: each segment's keys sorted on its core, then merged.
    let sorted = parallelMap(segmentCount, minimumCount: 2) { s -> [(key: UInt64, local: Int32)] in
      var pairs = segments[s].keys.enumerated().map { (key: $0.element, local: Int32($0.offset)) }
      pairs.sort { $0.key < $1.key }
      return pairs
    }
    var position = segments.map { [Int](repeating: 0, count: $0.keys.count) }
    var heads = [Int](repeating: 0, count: segmentCount)
    var groupCount = 0
    // Whether every group is one run of rows: each segment's groups are one run each, and a
    // key found in several segments is the last run of one and the first of the next.
    var contiguous = segments.allSatisfy { $0.runStarts.count == $0.keys.count }
    while true {
      var smallest: UInt64? = nil
      for s in 0..<segmentCount where heads[s] < sorted[s].count {
        let k = sorted[s][heads[s]].key
        if smallest.map({ k < $0 }) ?? true { smallest = k }
      }
      guard let key = smallest else { break }
      var before: (segment: Int, local: Int)? = nil
      for s in 0..<segmentCount where heads[s] < sorted[s].count && sorted[s][heads[s]].key == key {
        let l = Int(sorted[s][heads[s]].local)
        position[s][l] = groupCount
        heads[s] += 1
        if let b = before, contiguous {
          contiguous = b.segment + 1 == s && b.local == segments[b.segment].keys.count - 1 && l == 0
        }
        before = (s, l)
      }
      groupCount += 1
    }
    var starts = [Int](repeating: 0, count: groupCount + 1)
    for s in 0..<segmentCount {
      for (l, size) in segments[s].sizes.enumerated() { starts[position[s][l] + 1] += size }
    }
    for g in 0..<groupCount { starts[g + 1] += starts[g] }
    // Groups by first row: the runs in row order, each group where it first appears.
    var seen = [Bool](repeating: false, count: groupCount)
    var inRowOrder: [Int32] = []
    inRowOrder.reserveCapacity(groupCount)
    for s in 0..<segmentCount {
      for l in segments[s].runGroups {
        let g = position[s][Int(l)]
        if !seen[g] {
          seen[g] = true
          inRowOrder.append(Int32(g))
        }
      }
    }
    if contiguous {
      // A group's rows start at its first run (in the first segment that has the key).
      var first = [Int](repeating: -1, count: groupCount)
      for s in 0..<segmentCount {
        for (r, l) in segments[s].runGroups.enumerated() {
          let g = position[s][Int(l)]
          if first[g] < 0 { first[g] = segments[s].runStarts[r] }
        }
      }
      let ranges = (0..<groupCount).map { first[$0]..<(first[$0] + starts[$0 + 1] - starts[$0]) }
      return Groups(permutation: nil, ranges: ranges, inRowOrder: inRowOrder)
    }
    // Rows placed by a counting sort, stable: a segment's rows of a group go after the earlier
    // segments' rows of that group, in row order. `cursor[s][local]` is where segment s puts
    // the next row of its local group.
    var running = starts
    var cursor = position
    for s in 0..<segmentCount {
      for (l, size) in segments[s].sizes.enumerated() {
        let g = position[s][l]
        cursor[s][l] = running[g]
        running[g] += size
      }
    }
    var permutation = [Int](repeating: 0, count: n)
    permutation.withUnsafeMutableBufferPointer { out in
      let target = Slots(out.baseAddress!)
      let cursors = cursor
      DispatchQueue.concurrentPerform(iterations: segmentCount) { s in
        var next = cursors[s]
        let segment = segments[s]
        let end = min(n, (s + 1) * segmentSize)
        for r in segment.runStarts.indices {
          let l = Int(segment.runGroups[r])
          let runEnd = r + 1 < segment.runStarts.count ? segment.runStarts[r + 1] : end
          var at = next[l]
          for i in segment.runStarts[r]..<runEnd {
            target.pointer[at] = i
            at += 1
          }
          next[l] = at
        }
      }
    }
    let ranges = (0..<groupCount).map { starts[$0]..<starts[$0 + 1] }
    return Groups(permutation: permutation, ranges: ranges, inRowOrder: inRowOrder)
  }

  /// Bit `i - rows.lowerBound` is set for the first row of `rows` and for every row where some
  /// column's code or validity differs from the row before it.
  /// - Complexity: O(rows × columns), one sequential pass per column.
  static func changedRows(_ codes: [[UInt32]], _ validity: [Validity?], _ rows: Range<Int>) -> [UInt64] {
    let count = rows.count
    var changed = [UInt64](repeating: 0, count: (count + 63) >> 6)
    guard count > 0 else { return changed }
    changed[0] = 1
    changed.withUnsafeMutableBufferPointer { out in
      for k in codes.indices {
        codes[k].withUnsafeBufferPointer { c in
          // Row `rows.lowerBound + j` against the row before, 64 rows to a word.
          var j = 1
          while j < count {
            let stop = min(count, (j | 63) + 1)
            var word: UInt64 = 0
            for t in j..<stop {
              let i = rows.lowerBound + t
              word |= (c[i] != c[i - 1] ? 1 : 0) << UInt64(t & 63)
            }
            if let v = validity[k] {
              for t in j..<stop {
                let i = rows.lowerBound + t
                word |= (v[i] != v[i - 1] ? 1 : 0) << UInt64(t & 63)
              }
            }
            out[j >> 6] |= word
            j = stop
          }
        }
      }
    }
    return changed
  }

  /// Slots of one buffer that the segments' workers write (each its own rows) or read.
  private struct Slots<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
  }

  private static func fallback(_ keys: [Column], _ n: Int) -> Groups {
    let names = keys.indices.map { "k\($0)" }
    guard let t = try? Table(names: names, columns: keys), let g = try? t.grouped(by: names) else {
      preconditionFailure("grouping keys of equal length")
    }
    let order = g.ranges.indices.sorted { g.permutation[g.ranges[$0].lowerBound] < g.permutation[g.ranges[$1].lowerBound] }
    return Groups(permutation: g.permutation, ranges: g.ranges, inRowOrder: order.map { Int32($0) })
  }
}

/// The local group id of each packed key seen in a segment: open addressing with a multiplicative
/// (Fibonacci) hash, whose top bits pick the slot. A `Dictionary` hashes every key with SipHash,
/// and this is looked up wherever the key changes, about once per series.
struct GroupIDs {
  /// A key and its id (-1: the slot is free), side by side: a probe reads one cache line.
  private struct Slot {
    var key: UInt64
    var id: Int32
  }
  private var slots = [Slot](repeating: Slot(key: 0, id: -1), count: 1024)
  /// 64 minus log2 of the number of slots.
  private var shift: UInt64 = 54
  private var count = 0

  /// The id of `key`, giving it `next` when it is new.
  /// - Parameters:
  ///   - key: a packed key.
  ///   - next: the id for a key not seen before (the caller's count of keys so far).
  /// - Returns: the key's id: `next` exactly when the key is new.
  /// - Complexity: O(1) expected; the table doubles when half full.
  mutating func id(of key: UInt64, next: Int32) -> Int32 {
    if 2 * (count + 1) > slots.count { grow() }
    let mask = slots.count - 1
    var i = slot(key)
    return slots.withUnsafeMutableBufferPointer { table in
      while table[i].id >= 0 {
        if table[i].key == key { return table[i].id }
        i = (i + 1) & mask
      }
      table[i] = Slot(key: key, id: next)
      count += 1
      return next
    }
  }

  private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

  private mutating func grow() {
    let old = slots
    slots = [Slot](repeating: Slot(key: 0, id: -1), count: old.count * 2)
    shift -= 1
    let mask = slots.count - 1
    for s in old where s.id >= 0 {
      var i = slot(s.key)
      while slots[i].id >= 0 { i = (i + 1) & mask }
      slots[i] = s
    }
  }
}
