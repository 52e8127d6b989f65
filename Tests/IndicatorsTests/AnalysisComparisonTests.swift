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
