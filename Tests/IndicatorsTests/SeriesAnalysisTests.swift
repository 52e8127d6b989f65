import Columnar
import Statistics
import Testing

@testable import Indicators

/// One series, 2018–2023: 10, 11, 12, 13, 15, 16. Reference values from pymannkendall 1.4.3
/// (`original_test`: S 15, var_s 28.333…, z 2.6301420225576, p 0.0085349204142271, Tau 1;
/// `sens_slope`: 1.2) and SciPy 1.17.1 (`linregress` on midpoints 2018.5…2023.5: slope
/// 1.2285714285714284, stderr 0.07737179432986607, p 9.193557943078502e-05, r² 0.9843833185448093).
/// Changes worked by hand: 16 − 15 = 1 (6.667 %); 16 − 10 = 6 (60 %); CAGR 1.6^(1/5) − 1 =
/// 9.856054330611785 %.
@Suite struct SeriesAnalysisTests {
  let csv = """
    indicator_id,area_code,period,value
    X1,A,2018,10
    X1,A,2019,11
    X1,A,2020,12
    X1,A,2021,13
    X1,A,2022,15
    X1,A,2023,16
    X1,B,2022,5
    X1,B,2023,*

    """

  func library(polarity: String, target: String = "") throws -> DefinitionLibrary {
    try DefinitionLibrary(texts: [
      (
        file: "test.yaml",
        text: """
          domain: health
          indicators:
            - id: X1
              title: Test indicator
              unit: per cent
              value-type: proportion
              multiplier: 100
              polarity: \(polarity)
              interval-method: wilson
              source:
                publisher: Backbone tests
                reference: hand-made
          \(target)
          """
      )
    ])
  }

  func analyse(_ library: DefinitionLibrary?) throws -> [SeriesResult] {
    let r = try CSVReader.read(bytes: Array(csv.utf8), name: "t.csv")
    var o = try Observations.read(r.table, file: "t.csv")
    let match = library.map { o.match($0) }
    return try o.series().analyse(definitions: match)
  }

  @Test func statisticsOfOneSeries() throws {
    let a = try #require(try analyse(nil).first { $0.series.area == "A" })
    #expect(a.count == 6)
    #expect(a.firstPeriod == "2018" && a.lastPeriod == "2023")
    #expect(a.mean == 77.0 / 6)
    #expect(a.changeFromPrevious == Change(fromPeriod: "2022", fromValue: 15, absolute: 1, percent: 100.0 / 15))
    #expect(a.changeFromBaseline?.absolute == 6)
    #expect(a.changeFromBaseline?.percent == 60)
    #expect(abs((a.annualisedChangePercent ?? 0) - 9.856054330611785) < 1e-9)
    #expect(a.mannKendall?.s == 15)
    #expect(abs((a.mannKendall?.pValue ?? 0) - 0.008534920414227098) < 1e-12)
    #expect(a.sen?.slope == 1.2)
    #expect(abs((a.ols?.slope ?? 0) - 1.2285714285714284) < 1e-12)
    #expect(abs((a.ols?.slopeStandardError ?? 0) - 0.07737179432986607) < 1e-12)
    #expect(abs((a.ols?.rSquared ?? 0) - 0.9843833185448093) < 1e-12)
  }

  @Test(arguments: [
    ("higher-is-better", SeriesStatus.improving), ("lower-is-better", .worsening), ("no-judgement", .increasing),
  ])
  func statusFollowsPolarity(polarity: String, status: SeriesStatus) throws {
    let a = try #require(try analyse(try library(polarity: polarity)).first { $0.series.area == "A" })
    #expect(a.status == status)
    #expect(a.statusReason == "Mann-Kendall p = 0.009, Sen's slope +1.2 a year")
  }

  @Test func unknownIndicatorHasNoJudgement() throws {
    let a = try #require(try analyse(nil).first { $0.series.area == "A" })
    #expect(a.polarity == .noJudgement)
    #expect(a.status == .increasing)
  }

  @Test func twoValuesAreNotEnoughAndAbsencesAreCounted() throws {
    let b = try #require(try analyse(nil).first { $0.series.area == "B" })
    #expect(b.count == 1 && b.observations == 2)
    #expect(b.status == .notEnoughData)
    #expect(b.statusReason == "1 value; a trend needs 3")
    #expect(b.absences == [.suppressed: 1])
  }

  /// Latest 16 in 2023, Sen's slope 1.2 a year; the target period 2026 has midpoint 2026.5,
  /// three years after 2023.5: projected 16 + 3 × 1.2 = 19.6.
  @Test(arguments: [(20.0, TargetProgress.Status.offTrack), (19, .onTrack), (15, .achieved)])
  func targetProgress(target: Double, status: TargetProgress.Status) throws {
    let lib = try library(polarity: "higher-is-better", target: "    target:\n      value: \(target)\n      period: \"2026\"")
    let a = try #require(try analyse(lib).first { $0.series.area == "A" })
    #expect(a.target?.status == status)
    if status != .achieved { #expect(abs((a.target?.projected ?? 0) - 19.6) < 1e-9) }
  }

  /// Status counts of two indicators whose series runs are split across blocks of 3 (11 series
  /// each, so every boundary falls inside or between runs differently): the counting path of
  /// `--format summary` and the results agree per indicator. Hand-checked statuses: area k
  /// rises by k − 5 a year over 6 years, so areas 0–4 fall, area 5 is flat and 6–10 rise;
  /// indicator X1 is higher-is-better (library), Y2 has no definition (increasing, decreasing).
  @Test func statusCountsAcrossBlocks() throws {
    var csv = "indicator_id,area_code,period,value\n"
    for id in ["X1", "Y2"] {
      for area in 0..<11 {
        for year in 2015..<2021 { csv += "\(id),E\(area),\(year),\(50 + (area - 5) * (year - 2015))\n" }
      }
    }
    let r = try CSVReader.read(bytes: Array(csv.utf8), name: "two.csv")
    var o = try Observations.read(r.table, file: "two.csv")
    let match = o.match(try library(polarity: "higher-is-better"))
    let set = try o.series()
    let whole = set.analyse(definitions: match)
    #expect(whole.filter { $0.series.indicator == "X1" && $0.status == .improving }.count == 5)
    #expect(whole.filter { $0.series.indicator == "X1" && $0.status == .worsening }.count == 5)
    #expect(whole.filter { $0.series.indicator == "Y2" && $0.status == .increasing }.count == 5)
    #expect(whole.filter { $0.series.indicator == "Y2" && $0.status == .decreasing }.count == 5)
    #expect(whole.filter { $0.status == .noSignificantChange }.count == 2)
    let expected = TableWriter.csvBytes(set.statusCounts(of: whole))
    for block in [1, 3, 10, 22] {
      #expect(TableWriter.csvBytes(set.countStatuses(definitions: match, block: block).counts.table()) == expected)
    }
  }

  /// The numbers of series are computed a block at a time and assembled in between: blocks of
  /// 1, 7 and 300 series give the same results as one block of all 1,200 (series with 2 to 7
  /// points, some missing and suppressed values, two area types), so block boundaries change
  /// nothing, including where a block runs on several cores (300 ≥ the parallel threshold).
  @Test func blockBoundariesChangeNothing() throws {
    var csv = "indicator_id,area_code,area_type,period,value\n"
    for area in 0..<600 {
      for type in ["County", "District"] {
        for year in 2015..<(2017 + area % 6) {
          let value = year % 5 == area % 5 ? (area % 3 == 0 ? "*" : "") : String((area * 7 + year * 3) % 97)
          csv += "X1,E\(area),\(type),\(year),\(value)\n"
        }
      }
    }
    let r = try CSVReader.read(bytes: Array(csv.utf8), name: "blocks.csv")
    var o = try Observations.read(r.table, file: "blocks.csv")
    let match = o.match(try library(polarity: "higher-is-better", target: "    target: {value: 50, period: \"2030\"}"))
    let set = try o.series()
    #expect(set.series.count == 1200)
    // Compared as the result table's CSV (NaN fields make `==` on results false). Area E0 is
    // the benchmark, so the comparisons are made block by block too.
    func text(_ results: [SeriesResult]) -> [UInt8] { TableWriter.csvBytes(set.table(of: results)) }
    var options = AnalysisOptions()
    options.benchmarkArea = "E0"
    let whole = set.analyse(definitions: match, options: options, block: 1200)
    for block in [1, 7, 300] {
      #expect(text(set.analyse(definitions: match, options: options, block: block)) == text(whole), "block \(block)")
    }
    #expect(whole.allSatisfy { $0.lastValue == nil || $0.benchmark?.area == "E0" })
    // Status counts and checksums gathered block by block equal those of all results at once.
    var counts = StatusCounts()
    var sums = Checksums()
    var blocks = 0
    set.analyseBlocks(definitions: match, options: options, block: 7) { block in
      counts.add(block)
      sums.add(set.checksums(of: block))
      blocks += 1
    }
    #expect(blocks == 172)  // ⌈1,200 / 7⌉
    #expect(TableWriter.csvBytes(counts.table()) == TableWriter.csvBytes(set.statusCounts(of: whole)))
    let all = set.checksums(of: whole)
    #expect(sums.olsCount == all.olsCount && sums.senCount == all.senCount && sums.mannKendallSSum == all.mannKendallSSum)
    #expect(abs(sums.olsSum - all.olsSum) <= 1e-9 * max(1, abs(all.olsSum)))
    #expect(whole.contains { $0.status == .improving || $0.status == .worsening })
    #expect(whole.contains { !$0.absences.isEmpty })
    // The summary's path, which keeps a status per series and assembles no result, counts
    // the same as the results do, in blocks of any size. It visits the series in the order of
    // their rows (E0, E1, E2, … as written), not in key order (E0, E1, E10, E100, …), and sums
    // the slopes in key order: the checksums are those of the results, to the bit; without the
    // row order (series in key order) too.
    let order = try #require(set.visitOrder)
    #expect(order != (0..<Int32(set.series.count)).map { $0 } && order.sorted() == (0..<Int32(set.series.count)).map { $0 })
    #expect(set.series[Int(order[10])].area == "E5" && set.series[Int(order[11])].area == "E5")
    var keyOrdered = set
    keyOrdered.rowOrder = nil
    for (block, s) in [(1, set), (7, set), (300, set), (SeriesSet.analysisBlock, set), (7, keyOrdered)] {
      let counted = s.countStatuses(definitions: match, options: options, block: block)
      #expect(counted.checksums == all, "block \(block)")
      #expect(TableWriter.csvBytes(counted.counts.table()) == TableWriter.csvBytes(set.statusCounts(of: whole)), "block \(block)")
      #expect(counted.checksums.olsCount == all.olsCount && counted.checksums.senCount == all.senCount)
      #expect(counted.checksums.mannKendallSSum == all.mannKendallSSum)
      #expect(abs(counted.checksums.olsSum - all.olsSum) <= 1e-12 * max(1, abs(all.olsSum)))
      #expect(abs(counted.checksums.senSum - all.senSum) <= 1e-12 * max(1, abs(all.senSum)))
    }
  }

  /// The direction that meets a target is the polarity's, whichever side of the baseline (10)
  /// the target is on. Higher is better, target 5: the latest 16 ≥ 5, achieved (a floor kept).
  /// Lower is better, target 20: 16 ≤ 20, achieved, though the series rose. Lower is better,
  /// target 12: 16 > 12, and the projection 19.6 (as above) > 12: off track.
  @Test(arguments: [("higher-is-better", 5.0, TargetProgress.Status.achieved), ("lower-is-better", 20, .achieved), ("lower-is-better", 12, .offTrack)])
  func targetDirectionIsThePolarity(polarity: String, target: Double, status: TargetProgress.Status) throws {
    let lib = try library(polarity: polarity, target: "    target:\n      value: \(target)\n      period: \"2026\"")
    let a = try #require(try analyse(lib).first { $0.series.area == "A" })
    #expect(a.target?.status == status)
  }

  @Test func duplicatePeriodsAreNotAnalysed() throws {
    let r = try CSVReader.read(
      bytes: Array("indicator_id,area_code,period,value\nX,A,2019,1\nX,A,2019,2\nX,A,2020,3\nX,A,2021,4\n".utf8), name: "d.csv")
    let results = try Observations.read(r.table, file: "d.csv").series().analyse()
    #expect(results.first?.status == .notEnoughData)
    #expect(results.first?.mannKendall == nil)
    #expect(results.first?.statusReason.hasPrefix("4 observations for 3 periods") == true)
  }

  @Test func reportingPeriodCutsLaterObservations() throws {
    let r = try CSVReader.read(bytes: Array(csv.utf8), name: "t.csv")
    let o = try Observations.read(r.table, file: "t.csv").upTo(try Period.parse("2021"))
    let a = try #require(try o.series().analyse().first { $0.series.area == "A" })
    #expect(a.lastPeriod == "2021")
    #expect(a.count == 4)
  }

  @Test func tableHasOneRowPerSeriesWithMissingAsMissing() throws {
    let r = try CSVReader.read(bytes: Array(csv.utf8), name: "t.csv")
    let set = try Observations.read(r.table, file: "t.csv").series()
    let t = set.table(of: set.analyse())
    #expect(t.rowCount == 2)
    #expect(t.columns[t.index(of: "sen_slope")!][0] == .float(1.2))
    #expect(t.columns[t.index(of: "sen_slope")!][1] == .missing(token: nil))
    #expect(t.columns[t.index(of: "missing_by_reason")!][1] == .text("suppressed 1"))
  }
}
