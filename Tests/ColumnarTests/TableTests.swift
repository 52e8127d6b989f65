import Testing

@testable import Columnar

@Suite struct TableTests {
  static func sample() throws -> Table {
    try Table(
      names: ["indicator", "area", "period", "value"],
      columns: [
        Column(strings: ["b", "a", "b", "a", "a", "b"]),
        Column(strings: ["E2", "E1", "E1", "E1", "E2", nil]),
        Column(integers: [2020, 2021, 2019, 2020, 2019, 2021]),
        Column(floats: [3.5, nil, 1.0, 2.0, -1.0, 0.5]),
      ])
  }

  @Test func projectionAndUnknownColumn() throws {
    let t = try Self.sample()
    let p = try t.selecting(["value", "area"])
    #expect(p.names == ["value", "area"])
    #expect(p.rowCount == 6)
    #expect(throws: TableError.self) { try t.selecting(["Area"]) }
    do {
      _ = try t.column("Area")
    } catch {
      #expect(error.description.contains("did you mean \"area\"?"))
    }
  }

  @Test func filterByMask() throws {
    let t = try Self.sample().filtered(by: [true, false, true, false, false, true])
    #expect(cells(t) == [["b", "E2", "2020", "3.5"], ["b", "E1", "2019", "1.0"], ["b", nil, "2021", "0.5"]])
  }

  @Test func stableSortBySeveralKeys() throws {
    let t = try Self.sample().sorted(by: [SortKey("indicator"), SortKey("period", ascending: false)])
    #expect(try t.column("indicator").strings(of: 0..<6) == ["a", "a", "a", "b", "b", "b"])
    #expect(try t.column("period").integers(of: 0..<6) == [2021, 2020, 2019, 2021, 2020, 2019])
  }

  @Test func missingSortsLastBothWays() throws {
    let t = try Self.sample()
    for ascending in [true, false] {
      let perm = try t.sortPermutation(by: [SortKey("value", ascending: ascending)])
      #expect(perm.last == 1)
      #expect(perm.first == (ascending ? 4 : 0))
    }
    let byArea = try t.sortPermutation(by: [SortKey("area")])
    #expect(byArea == [1, 2, 3, 0, 4, 5])  // E1 rows in order, then E2, then missing
  }

  @Test func groupRangesOnDictionaryCodes() throws {
    let t = try Self.sample()
    let g = try t.grouped(by: ["indicator", "area"])
    // (a,E1): rows 1,3; (a,E2): 4; (b,E1): 2; (b,E2): 0; (b,missing): 5
    #expect(g.ranges.count == 5)
    #expect(g.ranges.map { Array(g.permutation[$0]) } == [[1, 3], [4], [2], [0], [5]])
    #expect(throws: TableError.self) { try t.grouped(by: ["value"]) }
  }

  @Test func validityBitmap() {
    var v = Validity(count: 70, allValid: true)
    v[3] = false
    v[69] = false
    #expect(v.validCount == 68)
    var w = Validity(count: 5, allValid: false)
    w.append(contentsOf: v)
    #expect(w.count == 75)
    #expect(w.validCount == 68)
    #expect(!w[8])
    #expect(w[9])
    w.truncate(to: 9)
    #expect(w.validCount == 3)  // rows 5, 6, 7 (v[0...2])
    w.append(repeating: true, count: 130)
    #expect(w.validCount == 133)
  }

  @Test func lengthMismatchIsAnError() {
    #expect(throws: TableError.self) {
      try Table(names: ["a", "b"], columns: [Column(integers: [1]), Column(integers: [1, 2])])
    }
  }
}

extension Column {
  func strings(of rows: Range<Int>) -> [String?] { rows.map { if case .text(let s) = self[$0] { s } else { nil } } }
  func integers(of rows: Range<Int>) -> [Int64?] { rows.map { if case .integer(let v) = self[$0] { v } else { nil } } }
}

@Suite struct GroupingMissingTextTests {
  /// A text column whose every row is missing has an empty dictionary; its rows still group
  /// together (regression: the sort keys indexed the empty dictionary).
  @Test func allMissingTextColumnGroups() throws {
    let t = try Table(
      names: ["a", "b"],
      columns: [Column(strings: ["x", "y", "x"]), Column(strings: [nil, nil, nil])])
    let g = try t.grouped(by: ["a", "b"])
    #expect(g.ranges.count == 2)
    #expect(g.rows(ofGroup: 0) == [0, 2])
  }
}

@Suite struct MappingTextTests {
  /// `mappingText`, worked by hand on a b – a: upper-casing keeps the values distinct and in
  /// order (the codes are shared); mapping b onto a merges them (each row looked up); mapping
  /// b to nil makes its row missing; a column with no value stays without one.
  @Test func mappingTextKeepsMergesAndDrops() {
    let c = Column(strings: ["a", "b", nil, "a"])
    let upper = c.mappingText { $0.uppercased() }
    #expect((0..<4).map { upper[$0] } == [.text("A"), .text("B"), .missing(token: nil), .text("A")])
    let merged = c.mappingText { $0 == "b" ? "A" : $0.uppercased() }
    #expect((0..<4).map { merged[$0] } == [.text("A"), .text("A"), .missing(token: nil), .text("A")])
    let dropped = c.mappingText { $0 == "b" ? nil : $0 }
    #expect((0..<4).map { dropped[$0] } == [.text("a"), .missing(token: nil), .missing(token: nil), .text("a")])
    let none = Column.missing(count: 3).mappingText { $0 + "!" }
    #expect((0..<3).map { none[$0] } == [.missing(token: nil), .missing(token: nil), .missing(token: nil)])
  }
}
