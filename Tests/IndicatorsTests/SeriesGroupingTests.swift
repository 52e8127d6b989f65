import BackboneTestSupport
import Columnar
import Testing

@testable import Indicators

/// `SeriesGrouping.groups` cuts the rows into segments grouped on separate cores and merges
/// them. Whatever the cut, the groups must be the same: in key order (text by its bytes,
/// missing last), each group's rows in row order.
@Suite struct SeriesGroupingTests {
  /// Worked by hand: keys (b,x) (a,x) (b,y) (–,x) (a,–) (b,x) for rows 0…5. In key order the
  /// groups are (a,x) = [1], (a,–) = [4], (b,x) = [0, 5], (b,y) = [2], (–,x) = [3].
  @Test(arguments: [1, 2, 3, 4, 6])
  func handWorkedGroupsForEveryCut(segments: Int) {
    let first = Column(strings: ["b", "a", "b", nil, "a", "b"])
    let second = Column(strings: ["x", "x", "y", "x", nil, "x"])
    let g = SeriesGrouping.groups([first, second], rowCount: 6, segments: segments)
    #expect(g.permutation == [1, 4, 0, 5, 2, 3])
    #expect(g.ranges == [0..<1, 1..<2, 2..<4, 4..<5, 5..<6])
    #expect((0..<5).map { Array(g.rows($0)) } == [[1], [4], [0, 5], [2], [3]])
  }

  /// Random keys (a few values each, some missing, rows sometimes in runs as in real exports)
  /// grouped with every cut give exactly what `Table.grouped(by:)` gives: a stable sort of the
  /// rows by the keys, written separately in Columnar.
  @Test(arguments: 1...40)
  func sameGroupsAsASortForAnyCut(seed: Int) throws {
    var rng = SeededGenerator(seed: UInt64(seed))
    let n = Int.random(in: 1...600, using: &rng)
    let keyCount = Int.random(in: 1...3, using: &rng)
    var columns: [[String?]] = Array(repeating: [], count: keyCount)
    var row = 0
    while row < n {
      let run = Int.random(in: 1...12, using: &rng)
      let values = (0..<keyCount).map { _ -> String? in
        Int.random(in: 0..<8, using: &rng) == 0 ? nil : ["a", "b", "c", "d", "é", "B"][Int.random(in: 0..<6, using: &rng)]
      }
      for _ in 0..<min(run, n - row) {
        for k in 0..<keyCount { columns[k].append(values[k]) }
      }
      row += run
    }
    let keys = columns.map { Column(strings: $0) }
    let names = (0..<keyCount).map { "k\($0)" }
    let expected = try Table(names: names, columns: keys).grouped(by: names)
    for segments in [1, 2, 3, 5, 8, n] {
      let g = SeriesGrouping.groups(keys, rowCount: n, segments: segments)
      #expect(g.rowOrder == expected.permutation, "seed \(seed), \(segments) segments")
      #expect(
        g.ranges.indices.map { Array(g.rows($0)) } == expected.ranges.map { Array(expected.permutation[$0]) },
        "seed \(seed), \(segments) segments")
    }
  }

  /// Worked by hand, every group one run of rows: keys b b a a a c for rows 0…5 are the groups
  /// a = 2..<5, b = 0..<2, c = 5..<6 without a permutation, whatever the cut (a run cut by a
  /// segment boundary is still one group). The same keys with a second run of b (b b a a b c)
  /// are not contiguous: b is rows [0, 1, 4].
  @Test(arguments: [1, 2, 3, 4, 6])
  func groupsInOneRunNeedNoPermutation(segments: Int) {
    let inRuns = SeriesGrouping.groups([Column(strings: ["b", "b", "a", "a", "a", "c"])], rowCount: 6, segments: segments)
    #expect(inRuns.permutation == nil)
    #expect(inRuns.ranges == [2..<5, 0..<2, 5..<6])
    #expect((0..<3).map { Array(inRuns.rows($0)) } == [[2, 3, 4], [0, 1], [5]])
    let split = SeriesGrouping.groups([Column(strings: ["b", "b", "a", "a", "b", "c"])], rowCount: 6, segments: segments)
    #expect(split.permutation == [2, 3, 0, 1, 4, 5])
    #expect((0..<3).map { Array(split.rows($0)) } == [[2, 3], [0, 1, 4], [5]])
  }

  /// Random runs with distinct keys (each group one run), cut into any number of segments:
  /// the same groups as a sort, with no permutation.
  @Test(arguments: 1...20)
  func distinctRunsAreContiguousForAnyCut(seed: Int) throws {
    var rng = SeededGenerator(seed: UInt64(seed))
    let runs = Int.random(in: 1...60, using: &rng)
    var values = Array(Set((0..<runs * 3).map { _ in String(Int.random(in: 0..<10_000, using: &rng)) })).sorted()
    values.shuffle(using: &rng)
    var column: [String?] = []
    for v in values.prefix(runs) { column += Array(repeating: v, count: Int.random(in: 1...9, using: &rng)) }
    let keys = [Column(strings: column)]
    let expected = try Table(names: ["k"], columns: keys).grouped(by: ["k"])
    for segments in [1, 2, 3, 5, 8, column.count] {
      let g = SeriesGrouping.groups(keys, rowCount: column.count, segments: segments)
      #expect(g.permutation == nil, "seed \(seed), \(segments) segments")
      #expect(g.rowOrder == expected.permutation, "seed \(seed), \(segments) segments")
    }
  }

  /// Worked by hand, three segments of two rows: in a a a a b, key a runs through the first two
  /// segments (the last run of one, the first of the next) and is one run, rows 0..<4; in
  /// a a a b a, a reaches the second segment but b follows it there, and a comes back in the
  /// third: a is rows [0, 1, 2, 4], not one run.
  @Test func aKeyAcrossSegmentsIsOneRunOnlyWhenNothingComesBetween() {
    let through = SeriesGrouping.groups([Column(strings: ["a", "a", "a", "a", "b"])], rowCount: 5, segments: 3)
    #expect(through.permutation == nil)
    #expect(through.ranges == [0..<4, 4..<5])
    let back = SeriesGrouping.groups([Column(strings: ["a", "a", "a", "b", "a"])], rowCount: 5, segments: 3)
    #expect(back.permutation != nil)
    #expect((0..<2).map { Array(back.rows($0)) } == [[0, 1, 2, 4], [3]])
    #expect(back.inRowOrder == [0, 1])
  }

  /// `GroupIDs` numbers keys by first appearance, as a `Dictionary` does (the reference here),
  /// through several growths: 5,000 distinct keys, each seen again later, including 0, the
  /// largest key, and keys that differ only in their high or only in their low bits.
  @Test(arguments: [1, 2, 3])
  func groupIDsNumberKeysByFirstAppearance(seed: Int) {
    var rng = SeededGenerator(seed: UInt64(seed))
    var distinct: [UInt64] = [0, .max, 1 << 32, 2 << 32, 3 << 32, 1 << 62, 1 << 63, 1, 2, 3]
    while distinct.count < 5_000 { distinct.append(UInt64.random(in: 0...UInt64.max, using: &rng)) }
    var sequence = distinct + (0..<20_000).map { _ in distinct[Int.random(in: 0..<distinct.count, using: &rng)] }
    sequence.shuffle(using: &rng)
    var ids = GroupIDs()
    var reference: [UInt64: Int32] = [:]
    var wrong: [(key: UInt64, id: Int32, expected: Int32)] = []
    for key in sequence {
      let next = Int32(reference.count)
      let expected = reference[key] ?? next
      reference[key] = expected
      let id = ids.id(of: key, next: next)
      if id != expected { wrong.append((key, id, expected)) }
    }
    #expect(wrong.isEmpty, "\(wrong.count) wrong ids, the first: \(wrong.prefix(3))")
    #expect(reference.count == Set(distinct).count)
  }
}

extension SeriesGrouping.Groups {
  /// Every group's rows, group after group (what `Table.grouped(by:)` calls its permutation).
  var rowOrder: [Int] { permutation ?? ranges.flatMap { Array($0) } }
}
