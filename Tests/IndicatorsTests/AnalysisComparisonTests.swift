import Columnar
import Statistics
import Testing

@testable import Indicators

/// Recent trend and benchmark comparison as `analyse` fills them in.
@Suite struct AnalysisComparisonTests {
  func analyse(_ csv: String, yaml: String?, options: AnalysisOptions = AnalysisOptions()) throws -> [SeriesResult] {
    var o = try Observations.read(try CSVReader.read(bytes: Array(csv.utf8), name: "c.csv").table, file: "c.csv")
    let match = try yaml.map { o.match(try DefinitionLibrary(texts: [(file: "d.yaml", text: $0)])) }
    return try o.series().analyse(definitions: match, options: options)
  }

  static func definition(polarity: String) -> String {
    """
    domain: health
    indicators:
      - id: P1
        title: A proportion
        unit: "%"
        value-type: proportion
        multiplier: 100
        polarity: \(polarity)
        interval-method: wilson
        source:
          publisher: tests
          reference: fingertips-open TrendMarkerCalculatorTest set 1
    """
  }

  /// Fingertips' own test data (fingertips-open, TrendMarkerCalculatorTest, set 1, MIT): the
  /// CI-weighted regression gives χ² 46.77 and an increase; with higher-is-better polarity
  /// that reads "Increasing and getting better", with lower-is-better "… getting worse".
  @Test(arguments: [("higher-is-better", "Increasing and getting better"), ("lower-is-better", "Increasing and getting worse")])
  func recentTrendOfFingertipsSet1(polarity: String, label: String) throws {
    let csv = """
      indicator_id,area_code,period,value,lower_ci,upper_ci,count,denominator
      P1,E1,2014,24.67,23.16,26.25,994,40299
      P1,E1,2015,24.6,23.15,26.19,1023,41527
      P1,E1,2016,28,26.44,29.64,1199,42811
      P1,E1,2017,30.2,28.63,31.9,1332,44064
      P1,E1,2018,30.6,28.98,32.25,1367,44701

      """
    let r = try #require(try analyse(csv, yaml: Self.definition(polarity: polarity)).first)
    #expect(r.recentTrend?.trend.rawValue == label)
    #expect(abs((r.recentTrend?.chiSquared ?? 0) - 46.77) < 0.005)
  }

  @Test func noDefinitionNoRecentTrend() throws {
    let r = try #require(try analyse("indicator_id,area_code,period,value\nP1,E1,2019,1\nP1,E1,2020,2\n", yaml: nil).first)
    #expect(r.recentTrend == nil)
  }

  /// England 50 (49–51). A: 60 (55–65) does not include 50: Higher, and with
  /// lower-is-better, Worse. B: 51 (48–54) includes 50: Similar. England itself is not
  /// compared with itself.
  @Test(arguments: [(String?.none, "Higher"), ("lower-is-better", "Worse")])
  func benchmarkByIntervalOverlap(polarity: String?, labelA: String) throws {
    let csv = """
      indicator_id,area_code,period,value,lower_ci,upper_ci
      P1,ENG,2022,50,49,51
      P1,A,2022,60,55,65
      P1,B,2022,51,48,54

      """
    var options = AnalysisOptions()
    options.benchmarkArea = "ENG"
    let results = try analyse(csv, yaml: polarity.map { Self.definition(polarity: $0) }, options: options)
    func comparison(_ area: String) -> String? { results.first { $0.series.area == area }?.benchmark?.comparison.rawValue }
    #expect(comparison("A") == labelA)
    #expect(comparison("B") == "Similar")
    #expect(comparison("ENG") == "Not compared")
    #expect(results.first { $0.series.area == "A" }?.benchmark?.value == 50)
  }
}

/// Limits filled from counts and denominators by the definition's interval method.
@Suite struct FilledIntervalTests {
  static func library(_ method: String, _ type: String, _ multiplier: Int) throws -> DefinitionLibrary {
    try DefinitionLibrary(texts: [
      (
        file: "d.yaml",
        text: """
          domain: health
          indicators:
            - id: P1
              title: An indicator
              unit: per \(multiplier)
              value-type: \(type)
              multiplier: \(multiplier)
              polarity: higher-is-better
              interval-method: \(method)
              source:
                publisher: tests
                reference: hand-made
          """
      )
    ])
  }

  /// 1,367 of 44,701 per 1,000: statsmodels 0.15.0
  /// `proportion_confint(1367, 44701, alpha=0.05, method="wilson")` × 1000 gives
  /// 29.024727549099126 and 32.21788889866577.
  @Test func wilsonForAProportion() throws {
    let csv = "indicator_id,area_code,period,value,count,denominator\nP1,E1,2018,30.6,1367,44701\n"
    var o = try Observations.read(try CSVReader.read(bytes: Array(csv.utf8), name: "w.csv").table, file: "w.csv")
    o.fillIntervals(o.match(try Self.library("wilson", "proportion", 1000)))
    #expect(abs(Double(o.text("lower_ci", 0)!)! - 29.024727549099126) < 1e-9)
    #expect(abs(Double(o.text("upper_ci", 0)!)! - 32.21788889866577) < 1e-9)
    #expect(o.text("interval_method", 0) == "Wilson 95% (computed)")
  }

  /// Fingertips published 28.98–32.25 for the same 1,367 events in 44,701 as a rate per 1,000
  /// (fingertips-open TrendMarkerCalculatorTest, set 1, 2018): Byars' limits, to the
  /// published two decimals.
  @Test func byarsAsFingertipsPublishes() throws {
    let csv = "indicator_id,area_code,period,value,count,denominator\nP1,E1,2018,30.6,1367,44701\n"
    var o = try Observations.read(try CSVReader.read(bytes: Array(csv.utf8), name: "b.csv").table, file: "b.csv")
    o.fillIntervals(o.match(try Self.library("byars", "crude-rate", 1000)))
    #expect((Double(o.text("lower_ci", 0)!)! * 100).rounded() / 100 == 28.98)
    #expect((Double(o.text("upper_ci", 0)!)! * 100).rounded() / 100 == 32.25)
    #expect(o.text("interval_method", 0) == "Byars 95% (computed)")
  }

  /// 5 events in a population of 1,000 per 100,000: exact Poisson limits of 5 are 1.6235 and
  /// 11.6683 (Garwood; χ² quantiles 3.247/2 and 23.337/2), so 162.35 and 1166.83.
  @Test func exactPoissonBelowTenEvents() throws {
    let csv = "indicator_id,area_code,period,value,lower_ci,upper_ci,count,denominator\nP1,E1,2018,500,,,5,1000\nP1,E2,2018,400,390,410,4,1000\n"
    var o = try Observations.read(try CSVReader.read(bytes: Array(csv.utf8), name: "p.csv").table, file: "p.csv")
    o.fillIntervals(o.match(try Self.library("byars", "crude-rate", 100_000)))
    #expect(abs(Double(o.text("lower_ci", 0)!)! - 162.35) < 0.01)
    #expect(abs(Double(o.text("upper_ci", 0)!)! - 1166.83) < 0.01)
    #expect(o.text("interval_method", 0) == "exact Poisson 95% (computed)")
    // Published limits are kept.
    #expect(o.text("lower_ci", 1) == "390.0")
    #expect(o.text("interval_method", 1) == "published")
  }
}
