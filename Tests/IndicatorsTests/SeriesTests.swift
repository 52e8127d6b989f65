import Columnar
import Testing

@testable import Indicators

/// Hand-made long tables: the expected series, their order and the mixed-period messages are
/// worked out by reading the rows.
@Suite struct SeriesTests {
  func read(_ csv: String) throws -> Observations {
    let r = try CSVReader.read(bytes: Array(csv.utf8), name: "series.csv")
    return try Observations.read(r.table, file: "series.csv")
  }

  @Test func seriesAreGroupedAndOrderedByPeriod() throws {
    let o = try read(
      """
      indicator_id,area_code,sex,period,value
      A,E1,Male,2019/20,3
      A,E1,Male,2017/18,1
      A,E1,Female,2018/19,5
      A,E1,Male,2018/19,2
      B,E1,Male,2019,7

      """)
    let set = try o.series()
    #expect(set.breakdowns == ["sex"])
    #expect(set.series.count == 3)
    let male = try #require(set.series.first { $0.indicator == "A" && $0.breakdown == ["Male"] })
    #expect(male.rows == [1, 3, 0])
    #expect(male.periods.map(\.label) == ["2017/18", "2018/19", "2019/20"])
    #expect(male.periods.first?.start == CalendarDate(year: 2017, month: 4, day: 1))
  }

  let mixed = """
    indicator_id,area_code,period,value
    90366,E92000001,2017 - 19,79.4
    90366,E92000001,2018 - 20,79.0
    90366,E92000001,2021,78.7
    90366,E06000001,2021,76.1

    """

  @Test func mixingPooledAndSingleYearsIsRefused() throws {
    let o = try read(mixed)
    #expect {
      try o.series()
    } throws: { e in
      guard let e = e as? IndicatorError else { return false }
      return e.kind == .mixedPeriods
        && e.message
          == "series indicator \"90366\", area \"E92000001\": the series mixes pooled periods (\"2017 - 19\", 3 years) with single ones (\"2021\", 1 year)"
        && e.hint?.contains("--mixed-periods split") == true
    }
  }

  @Test func mixingPooledAndSingleYearsCanBeSplit() throws {
    let set = try read(mixed).series(mixedPeriods: .split)
    #expect(set.series.count == 3)
    let england = set.series.filter { $0.area == "E92000001" }
    #expect(england.map { $0.periods.map(\.label) } == [["2017 - 19", "2018 - 20"], ["2021"]])
    #expect(england.map(\.periodKind) == ["3 years", "year"])
    #expect(set.warnings.first?.message.contains("pooling") == true)
  }

  /// Enough series (5,000 areas) that the groups are built in pieces on several cores (4
  /// pieces of 1,250 series in key order): the series come out in key order with their own
  /// rows; the first mixed series in key order (area A1300, in the second piece) is the one
  /// refused, though the fourth piece (A4500) mixes too and may finish first; with `.split`
  /// every mixed series is split and counted once in the warning.
  @Test func manySeriesAreBuiltInPiecesInKeyOrder() throws {
    func code(_ area: Int) -> String {
      let digits = String(area)
      return "A" + String(repeating: "0", count: 4 - digits.count) + digits
    }
    func table(mixedAreas: Set<Int>) -> String {
      var csv = "indicator_id,area_code,period,value\n"
      for area in (0..<5000).reversed() {  // written in reverse: the key order is rebuilt
        let name = code(area)
        csv += "X,\(name),2019,\(area)\nX,\(name),2018,\(area + 1)\n"
        if mixedAreas.contains(area) { csv += "X,\(name),2017 - 19,1\n" }
      }
      return csv
    }
    let set = try read(table(mixedAreas: [])).series()
    #expect(set.series.count == 5000)
    #expect(set.series.map(\.area) == (0..<5000).map(code))
    // Row numbers as written: area k's 2019 row is 2·(4999 − k), its 2018 row the next one.
    #expect(set.series.allSatisfy { s in
      let k = Int(s.area!.dropFirst())!
      return s.rows == [2 * (4999 - k) + 1, 2 * (4999 - k)] && s.periods.map(\.label) == ["2018", "2019"]
    })
    let mixed = try read(table(mixedAreas: [1300, 4500]))
    #expect {
      try mixed.series()
    } throws: { e in
      (e as? IndicatorError)?.message.hasPrefix("series indicator \"X\", area \"A1300\":") == true
    }
    let split = try mixed.series(mixedPeriods: .split)
    #expect(split.series.count == 5002)
    #expect(split.warnings.first { $0.message.hasPrefix("split series") }?.count == 2)
    // Each split series is placed where its group is in key order (pooled part first, by its
    // first period), and the set has no row order to visit (its series are not one per group).
    let areas = (0..<5000).flatMap { [1300, 4500].contains($0) ? [code($0), code($0)] : [code($0)] }
    #expect(split.series.map(\.area) == areas)
    #expect(split.series.filter { $0.area == "A4500" }.map { $0.periods.map(\.label) } == [["2017 - 19"], ["2018", "2019"]])
    #expect(split.rowOrder == nil)
    // A group whose periods cannot be read has no series: the others keep their order.
    var unreadable = table(mixedAreas: [])
    unreadable += "X,A2500x,not a period,1\n"
    let withGap = try read(unreadable).series()
    #expect(withGap.series.map(\.area) == (0..<5000).map(code))
    #expect(withGap.visitOrder == nil)
    // A group with no series beside mixed ones: still the first mixed series in key order.
    var both = table(mixedAreas: [1300, 4500])
    both += "X,A2500x,not a period,1\n"
    #expect {
      try read(both).series()
    } throws: { e in
      (e as? IndicatorError)?.message.hasPrefix("series indicator \"X\", area \"A1300\":") == true
    }
  }

  @Test func quartersAndYearsAreRefused() throws {
    let o = try read(
      """
      indicator_id,area_code,period,value
      X,N01,2025/26 Q1,1
      X,N01,2025/26,2

      """)
    #expect(throws: IndicatorError.self) { try o.series() }
  }

  @Test func unreadablePeriodsAreLeftOutWithAWarning() throws {
    let o = try read(
      """
      indicator_id,area_code,period,value
      X,N01,2019,1
      X,N01,last year,2

      """)
    #expect(o.warnings.contains { $0.message.contains("\"last year\"") })
    // The canonical table keeps the row, with no period dates.
    #expect(o.text("period_start", 0) == "2019-01-01")
    #expect(o.text("period_start", 1) == nil)
    let set = try o.series()
    #expect(set.series.map(\.rows) == [[0]])
    #expect(set.warnings.first?.count == 1)
    // Without the date columns (commands that never write the canonical table): the same
    // warning and the same series, and no period_start or period_end.
    var options = ObservationOptions()
    options.periodDates = false
    let r = try CSVReader.read(bytes: Array("indicator_id,area_code,period,value\nX,N01,2019,1\nX,N01,last year,2\n".utf8), name: "series.csv")
    let lean = try Observations.read(r.table, file: "series.csv", options: options)
    #expect(lean.warnings.map(\.message) == o.warnings.map(\.message))
    #expect(lean.table.names == o.table.names.filter { $0 != "period_start" && $0 != "period_end" })
    #expect(try lean.series().series.map(\.rows) == [[0]])
  }

  @Test func summaryCountsSeriesAndMixedOnes() throws {
    let s = ObservationSummary(try read(mixed))
    #expect(s.series?.count == 2)
    #expect(s.series?.mixingKindsOfPeriod == 1)
    #expect(s.periods.granularities == ["3 years", "year"])
    #expect(s.periods.first == "2017 - 19")
    #expect(s.periods.last == "2021")
  }
}
