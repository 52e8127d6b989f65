import Columnar
import Foundation
import Statistics
import Testing

@testable import Indicators

/// Regressions for problems a review of this code found (each test names the problem).
@Suite struct ReviewRegressionTests {
  func read(_ csv: String, options: ObservationOptions = ObservationOptions()) throws -> Observations {
    try Observations.read(try CSVReader.read(bytes: Array(csv.utf8), name: "r.csv").table, file: "r.csv", options: options)
  }

  /// With 8 cores (32 workers) and 257 items, blocks of 9 items overshot the end: the last
  /// worker's range started past 257 and trapped.
  @Test(arguments: [(8, 257), (16, 300), (64, 1_000), (2, 300), (1, 5)])
  func parallelMapOnManyCores(cores: Int, count: Int) {
    #expect(parallelMap(count, cores: cores) { $0 * 2 } == (0..<count).map { $0 * 2 })
  }

  /// A long table with a Units column was taken for an Open SDG file.
  @Test func unitsColumnDoesNotMakeOpenSDG() throws {
    let o = try read("indicator_id,area_code,year,value,units\nX1,E1,2020,5,%\nX1,E1,2021,6,%\n")
    #expect(o.layout == .generic)
    #expect(o.distinct("indicator_id") == ["X1"])
  }

  /// SDMX-CSV 2.0 with STRUCTURE but no STRUCTURE_ID crashed on a forced unwrap.
  @Test func sdmxWithoutStructureID() throws {
    let o = try read("STRUCTURE,REF_AREA,TIME_PERIOD,OBS_VALUE\ndataflow,GBR,2019,1\n")
    #expect(o.layout == .sdmx)
    #expect(o.distinct("area_code") == ["GBR"])
  }

  /// A WHO GHO (HDX) header without a year column crashed on a forced unwrap; it is now not
  /// taken for WHO GHO at all.
  @Test func whoWithoutYearIsRefused() throws {
    #expect(throws: IndicatorError.self) { try read("GHO (CODE),COUNTRY (CODE),Numeric\nX,GBR,1\n") }
  }

  /// With several measures, naming one keeps the others as attributes, not breakdowns.
  @Test func sdmxOtherMeasuresAreAttributes() throws {
    var options = ObservationOptions()
    options.layout = .sdmx
    options.mapping.value = "OBS_VALUE2"
    let o = try read(
      "STRUCTURE,STRUCTURE_ID,ACTION,DIM_1,TIME_PERIOD,OBS_VALUE1,OBS_VALUE2\ndataflow,X:Y(1.0),I,A,2019,1,2\ndataflow,X:Y(1.0),I,A,2020,3,4\n",
      options: options)
    #expect(o.breakdowns == ["dim_1"])
    #expect(o.attributes.contains("obs_value1"))
    #expect(try o.series().series.count == 1)
  }

  /// Inequality across sexes counted the Persons total as a group.
  @Test func totalsAreNotGroups() throws {
    let o = try read("indicator_id,area_code,period,sex,value\nX,E,2020,Male,10\nX,E,2020,Female,20\nX,E,2020,Persons,15\n")
    let r = try #require(try o.inequality(across: .breakdown("sex")).first)
    #expect(r.groups == 2)
    #expect(r.measures.range == 10)
  }

  /// Sexes coded 1 and 2 were read as deprivation quantiles and given an SII.
  @Test func numberedGroupsAreNotQuantilesUnlessNamedSo() throws {
    let o = try read("indicator_id,area_code,period,sex,value\nX,E,2020,1,10\nX,E,2020,2,20\n")
    #expect(try o.inequality(across: .breakdown("sex")).first?.sii == nil)
    let q = try read(
      "indicator_id,area_code,period,imd_quintile,value\nX,E,2020,1,10\nX,E,2020,2,12\nX,E,2020,3,14\nX,E,2020,4,16\nX,E,2020,5,18\n")
    #expect(try q.inequality(across: .breakdown("imd_quintile")).first?.sii != nil)
  }

  /// "trend tests not run", not "4 values; a trend needs 3", with --methods basic.
  @Test func basicMethodsSayTheTestsWereNotRun() throws {
    var options = AnalysisOptions()
    options.trendTests = false
    let o = try read("indicator_id,area_code,period,value\nX,E,2019,1\nX,E,2020,2\nX,E,2021,3\nX,E,2022,4\n")
    #expect(try o.series().analyse(options: options).first?.statusReason == "trend tests not run (--methods basic)")
  }

  /// A published lower limit without its upper limit was replaced by a computed pair.
  @Test func onePublishedLimitIsKept() throws {
    var o = try read("indicator_id,area_code,period,value,lower_ci,count,denominator\nP1,E1,2018,30.6,28.0,1367,44701\n")
    o.fillIntervals(o.match(try FilledIntervalTests.library("wilson", "proportion", 1000)))
    #expect(o.text("lower_ci", 0) == "28.0")
    #expect(o.text("upper_ci", 0) == nil)
  }

  /// Text equal to a missing-value token is quoted, so that it reads back as text.
  @Test func missingTokenTextIsQuoted() throws {
    let t = try Table(names: ["area", "sex"], columns: [Column(strings: ["NA", "GB"]), Column(strings: ["-", "Male"])])
    #expect(String(decoding: TableWriter.csvBytes(t), as: UTF8.self) == "area,sex\n\"NA\",\"-\"\nGB,Male\n")
  }

  /// A year cell holding `n/a` in a World Bank file was dropped as if empty; it is now an
  /// observation without a value, with a warning.
  @Test func wideTextCellsAreKeptAsMissing() throws {
    let o = try read(
      "Country Name,Country Code,Indicator Name,Indicator Code,2019,2020,2021\nUK,GBR,X,SI.X,1.5,n/a,\nFR,FRA,X,SI.X,2.5,2.6,2.7\n")
    #expect(o.layout == .worldBank)
    #expect(o.count == 5)  // GBR 2019, GBR 2020 (missing), FRA ×3; GBR 2021 empty is padding
    #expect(o.cell("absence_reason", where: ["area_code": "GBR", "period": "2020"]) == .text("missing"))
    #expect(o.warnings.contains { $0.message.contains("\"n/a\"") })
    #expect(o.warnings.contains { $0.message.hasPrefix("1 empty cells") })
  }

  /// Canonical output read back lost its breakdowns (to attributes) and its absence reasons
  /// (all "missing"); it now reads back to the same observations, byte for byte.
  @Test(arguments: ["sdmx-oecd-life-expectancy.csv", "un-sdg-food-waste.csv", "worldbank-physicians-per-1000.csv"])
  func canonicalOutputReadsBackTheSame(file: String) throws {
    let first = try Observations.read(
      try CSVReader.read(path: LayoutFiles.fixture(file)).table, file: file)
    let bytes = TableWriter.csvBytes(first.table)
    let again = try Observations.read(try CSVReader.read(bytes: bytes, name: "c.csv").table, file: "c.csv")
    #expect(again.breakdowns == first.breakdowns)
    #expect(TableWriter.csvBytes(again.table) == bytes)
  }
  /// Text in a number column that is not a number (`c`, `<5`, a Fingertips 99.8% limit kept as
  /// text) read as 0 instead of NaN: `floats` blanked rows by the text column's validity,
  /// which does not mark them. Hand-worked: "5" and "7.5" are numbers, "c" and "<5" are not,
  /// the empty field is missing.
  @Test func unreadableTextReadsAsNaN() throws {
    let csv = "k,v\na,5\nb,c\nc,\nd,7.5\ne,<5\n"
    let column = try CSVReader.read(bytes: Array(csv.utf8), name: "t.csv").table.columns[1]
    #expect(column.type == .text)
    let floats = SeriesSet.floats(column)
    #expect(floats.count == 5)
    #expect(floats[0] == 5 && floats[3] == 7.5)
    #expect(floats[1].isNaN && floats[2].isNaN && floats[4].isNaN)
    let reader = NumberReader(column)
    #expect(reader[0] == 5 && reader[3] == 7.5)
    #expect(reader[1].isNaN && reader[2].isNaN && reader[4].isNaN)
    // A text column with no missing value at all: nothing was blanked before.
    let dense = try CSVReader.read(bytes: Array("k,v\na,5\nb,c\n".utf8), name: "d.csv").table.columns[1]
    #expect(dense.validity == nil)
    #expect(SeriesSet.floats(dense)[1].isNaN && NumberReader(dense)[1].isNaN)
  }

  /// Checksums added block by block (`--format summary`) and at once (other formats) differed
  /// in the last digits when slopes nearly cancel. The sums are now compensated. Neumaier's
  /// own example: 1 + 1e100 + 1 - 1e100 is 2, where plain (and Kahan) summation gives 0.
  @Test func compensatedSums() {
    var plain = 0.0
    var sum = CompensatedSum()
    for x in [1.0, 1e100, 1.0, -1e100] {
      plain += x
      sum.add(x)
    }
    #expect(plain == 0)
    #expect(sum.value == 2)
    // Split in two blocks and joined: the same.
    var first = CompensatedSum(), second = CompensatedSum()
    first.add(1.0)
    first.add(1e100)
    second.add(1.0)
    second.add(-1e100)
    first.add(second)
    #expect(first.value == 2)
  }

  /// Sen's slope of a series whose pairwise slopes are all zeros of either sign is +0
  /// (pyMannKendall 1.4.3 `sens_slope([0, -0.0, 0])` returns 0.0, printed without a sign).
  @Test func senZeroIsPositive() {
    let r = senSlope([0, -0.0, 0])
    #expect(r.slope == 0 && r.slope.sign == .plus)
  }
}
