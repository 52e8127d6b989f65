import Columnar
import Dispatch
import Foundation

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
    guard n > 0 else { return Groups(permutation: [], ranges: []) }
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
    // in one word: comparing packed keys compares the columns in order) is not stored.
    let wanted = max(1, min(requested ?? ProcessInfo.processInfo.activeProcessorCount, n / (requested == nil ? 1 << 16 : 1)))
    let segmentSize = (n + wanted - 1) / wanted
    // No empty segment: 10 rows in 8 segments are 5 segments of 2.
    let segmentCount = (n + segmentSize - 1) / segmentSize
    struct Segment: Sendable {
      /// The key of each local group.
      var keys: [UInt64] = []
      /// The rows of each local group.
      var sizes: [Int] = []
    }
    var localGroupOfRow = [Int32](repeating: 0, count: n)
    let segments = localGroupOfRow.withUnsafeMutableBufferPointer { out -> [Segment] in
      let target = Slots(out.baseAddress!)
      return parallelMap(segmentCount, minimumCount: 2) { s -> Segment in
        var segment = Segment()
        var local: [UInt64: Int32] = [:]
        var current = -1
        var previous: UInt64 = 0
        for i in (s * segmentSize)..<min(n, (s + 1) * segmentSize) {
          var key: UInt64 = 0
          for k in 0..<keyCount {
            let valid = validity[k].map { $0.words[i >> 6] & (1 << UInt64(i & 63)) != 0 } ?? true
            key = key &* radixOf[k] &+ (valid ? rankOf[k][Int(codes[k][i])] : radixOf[k] - 1)
          }
          if current < 0 || key != previous {
            if let g = local[key] {
              current = Int(g)
            } else {
              current = segment.keys.count
              local[key] = Int32(current)
              segment.keys.append(key)
              segment.sizes.append(0)
            }
            previous = key
          }
          segment.sizes[current] += 1
          target.pointer[i] = Int32(current)
        }
        return segment
      }
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
    while true {
      var smallest: UInt64? = nil
      for s in 0..<segmentCount where heads[s] < sorted[s].count {
        let k = sorted[s][heads[s]].key
        if smallest.map({ k < $0 }) ?? true { smallest = k }
      }
      guard let key = smallest else { break }
      for s in 0..<segmentCount where heads[s] < sorted[s].count && sorted[s][heads[s]].key == key {
        position[s][Int(sorted[s][heads[s]].local)] = groupCount
        heads[s] += 1
      }
      groupCount += 1
    }
    // Rows placed by a counting sort, stable: a segment's rows of a group go after the earlier
    // segments' rows of that group, in row order. `cursor[s][local]` is where segment s puts
    // the next row of its local group.
    var starts = [Int](repeating: 0, count: groupCount + 1)
    for s in 0..<segmentCount {
      for (l, size) in segments[s].sizes.enumerated() { starts[position[s][l] + 1] += size }
    }
    for g in 0..<groupCount { starts[g + 1] += starts[g] }
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
      localGroupOfRow.withUnsafeBufferPointer { groupOf in
        let local = Slots(UnsafeMutablePointer(mutating: groupOf.baseAddress!))
        DispatchQueue.concurrentPerform(iterations: segmentCount) { s in
          var next = cursors[s]
          for i in (s * segmentSize)..<min(n, (s + 1) * segmentSize) {
            let l = Int(local.pointer[i])
            target.pointer[next[l]] = i
            next[l] += 1
          }
        }
      }
    }
    let ranges = (0..<groupCount).map { starts[$0]..<starts[$0 + 1] }
    return Groups(permutation: permutation, ranges: ranges)
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
    return Groups(permutation: g.permutation, ranges: g.ranges)
  }
}
