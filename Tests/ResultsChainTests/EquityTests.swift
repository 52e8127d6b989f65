import Columnar
import Indicators
import Testing

@testable import ResultsChain

/// Equity along the chain: the slope index of inequality across deprivation quintiles, worked
/// by hand.
@Suite struct EquityTests {
  /// EQ (higher is better) for area A by quintile, 2022 and 2023, plus the headline series.
  /// Every quintile has the denominator 100, so the weights are equal and the ridit ranks are
  /// 0.1, 0.3, 0.5, 0.7, 0.9 (the midpoints of five fifths), most deprived first.
  /// - 2022: 10, 12, 14, 16, 18 rise by 2 every 0.2 of rank: the least squares slope is 10, so
  ///   SII = fitted(1) − fitted(0) = 10.
  /// - 2023: 11, 12.5, 14, 15.5, 17: slope 1.5/0.2 = 7.5, SII 7.5; the mean 14 is fitted at the
  ///   mean rank 0.5, so fitted(0) = 14 − 7.5 × 0.5 = 10.25 and fitted(1) = 17.75:
  ///   RII = 17.75/10.25 = 1.7317073.
  /// |SII| falls from 10 to 7.5: the gap narrows; the least deprived are higher, and higher is
  /// better, so it disadvantages the most deprived.
  static let csv = """
    indicator_id,area_code,period,value,denominator,deprivation
    EQ,A,2022,14,500,
    EQ,A,2023,14,500,
    EQ,A,2022,10,100,1 - most deprived
    EQ,A,2023,11,100,1 - most deprived
    EQ,A,2022,12,100,2
    EQ,A,2023,12.5,100,2
    EQ,A,2022,14,100,3
    EQ,A,2023,14,100,3
    EQ,A,2022,16,100,4
    EQ,A,2023,15.5,100,4
    EQ,A,2022,18,100,5 - least deprived
    EQ,A,2023,17,100,5 - least deprived

    """

  func equity(mostDeprived: String = "first") throws -> [EquityResult] {
    let yaml = """
      name: E
      levels: [outcomes]
      area: A
      indicators:
        - id: EQ
          title: Equity test
          polarity: higher-is-better
      steps:
        - id: result
          level: outcomes
          statement: R
          indicators: [EQ]
      equity: {breakdown: deprivation, most-deprived: \(mostDeprived)}
      """
    let c = try ResultsChain(yaml: yaml, file: "e.yaml")
    let a = c.assess(try chainData(Self.csv, chain: c))
    // The headline series (no quintile) is the step's evidence: two values, missing.
    #expect(a.step("result")?.evidence.first?.reason == "cannot be calculated: 2 values; a trend needs 3")
    return a.equity
  }

  @Test func slopeIndexByHand() throws {
    let e = try #require(try equity().first)
    #expect(e.role == .outcome)
    #expect(e.quantiles == ["1 - most deprived", "2", "3", "4", "5 - least deprived"])
    #expect(e.period == "2023")
    #expect(close(e.sii, 7.5))
    #expect(close(e.rii, 17.75 / 10.25))
    #expect(e.isWeighted)
    #expect(e.earlierPeriod == "2022")
    #expect(close(e.earlierSII, 10))
    #expect(e.gapTrend == .narrowing)
    #expect(e.disadvantaged == "the most deprived")
  }

  /// Read with the last quantile as the most deprived, the ranks reverse and the SII changes
  /// sign (−7.5): the most deprived (quantile 5) are now the higher, so the gap disadvantages
  /// the least deprived.
  @Test func mostDeprivedLast() throws {
    let e = try #require(try equity(mostDeprived: "last").first)
    #expect(e.quantiles.first == "5 - least deprived")
    #expect(close(e.sii, -7.5))
    #expect(e.disadvantaged == "the least deprived")
  }

  /// Fingertips' decile words (as in the Fingertips exports of ../shared/fixtures-real: "Third
  /// more deprived decile (IMD2019)", "Fifth less deprived decile (IMD2019)", …), counted from
  /// the most deprived (most, more) or from the least deprived, the 10th (least, less); and the
  /// first number of other labels ("IMD2019" is not read as a number when the words say).
  @Test(arguments: [
    ("Most deprived decile (IMD2019)", 1), ("Second most deprived decile (IMD2019)", 2),
    ("Third more deprived decile (IMD2019)", 3), ("Fifth more deprived decile (IMD2019)", 5),
    ("Fifth less deprived decile (IMD2019)", 6), ("Third less deprived decile (IMD2019)", 8),
    ("Second least deprived decile (IMD2019)", 9), ("Least deprived decile (IMD2019)", 10),
    ("Quintile 4", 4), ("1 - most deprived", 1), ("5 - least deprived", 5),
  ])
  func quantileNumbers(label: String, number: Int) {
    #expect(EquityResult.quantileNumber(label, count: 10) == number)
  }
}

@Suite struct BenchmarkAndSelectionTests {
  /// compared_to_england is read at each series' latest value: Better, Worse, Not compared.
  @Test func benchmarksFromTheExport() throws {
    let csv = """
      indicator_id,area_code,period,value,compared_to_england
      U1,A,2021,1,Worse
      U1,A,2022,2,Similar
      U1,A,2023,3,Better
      U2,A,2021,1,Better
      U2,A,2022,2,Worse
      U2,A,2023,,Better
      SM,A,2022,1,
      SM,A,2023,2,Not compared

      """
    let c = try chain(steps: ["  - id: s", "    level: outcomes", "    statement: S", "    indicators: [U1, U2, SM]"])
    let read = try CSVReader.read(bytes: Array(csv.utf8), name: "b.csv")
    let observations = try Observations.read(read.table, file: "b.csv")
    let set = try observations.series()
    var group = IndicatorResults(set: set, results: set.analyse(options: c.analysisOptions))
    group.readBenchmarks()
    let evidence = try #require(c.assess(ChainData(groups: [group])).step("s")?.evidence)
    // U2's 2023 value is empty, so its latest value is 2022's, compared Worse.
    #expect(evidence.map(\.benchmark) == [.better, .worse, .notCompared])
  }

  /// The selector keeps the series of the chain's indicators only.
  @Test func seriesSelector() throws {
    let c = try line(["U1"], ["SM"], ["DN"])
    let read = try CSVReader.read(bytes: Array(assessmentCSV.utf8), name: "t.csv")
    let set = try Observations.read(read.table, file: "t.csv").series()
    let uses = c.seriesSelector()
    #expect(Set(set.series.filter { uses($0, nil) }.map(\.indicator)) == ["U1", "SM", "DN"])
  }
}
