import Columnar
import Foundation
import Testing

@testable import Indicators

/// Paths of the repository's fixtures/ and of ../shared/fixtures-real and ../shared/oracles.
enum LayoutFiles {
  static let repository: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()
  static func fixture(_ name: String) -> String { repository.appendingPathComponent("fixtures/\(name)").path }
  /// A file of ../shared, or `nil` when ../shared is absent.
  static func shared(_ relative: String) -> String? {
    let p = repository.deletingLastPathComponent().appendingPathComponent("shared/\(relative)").path
    return FileManager.default.fileExists(atPath: p) ? p : nil
  }
  static let sharedMissing: Comment = "../shared is absent: real-export and oracle layout tests are skipped"
  static var isSharedPresent: Bool { shared("") != nil }
}

/// Reads a CSV and maps it onto observations.
func observations(_ path: String, _ configure: (inout CSVReadOptions) -> Void = { _ in }, layout: Layout? = nil,
  mapping: ColumnMapping = ColumnMapping()) throws -> Observations
{
  var csv = CSVReadOptions()
  configure(&csv)
  let read = try CSVReader.read(path: path, options: csv)
  var o = ObservationOptions()
  o.layout = layout
  o.mapping = mapping
  return try Observations.read(read.table, file: path, options: o)
}

extension Observations {
  /// The cell of `column` in the first row where every `where` column has the given text.
  func cell(_ column: String, where keys: [String: String]) -> Column.Value? {
    let cols = keys.map { (table.columns[table.index(of: $0.key)!].asText(), $0.value) }
    for r in 0..<count where cols.allSatisfy({ c, v in c.isValid(r) && "\(c[r])" == v }) {
      return table.columns[table.index(of: column)!][r]
    }
    return nil
  }
  func text(_ column: String, _ row: Int) -> String? {
    let c = table.columns[table.index(of: column)!].asText()
    return c.isValid(row) ? "\(c[row])" : nil
  }
  func distinct(_ column: String) -> Set<String> {
    Set(ObservationSummary.usedStrings(table.columns[table.index(of: column)!].asText()))
  }
}

/// Expected counts and values were read from the files with Python's csv module (3.11):
/// rows, non-empty cells, and the cells quoted below.
@Suite struct LayoutTests {
  @Test func worldBankDownloadIsTurnedLong() throws {
    let o = try observations(LayoutFiles.fixture("worldbank-physicians-per-1000.csv"))
    #expect(o.layout == .worldBank)
    // 266 countries and aggregates × 64 years: 5,531 non-empty cells, 12,025 empty ones.
    #expect(o.count == 5531)
    #expect(o.warnings.contains { $0.message.contains("12025 empty cells") })
    #expect(o.cell("value", where: ["area_code": "WLD", "period": "1990"]) == .float(1.30755502632647))
    #expect(o.cell("value", where: ["area_code": "AFG", "period": "1960"]) == .float(0.035))
    #expect(o.cell("area_type", where: ["area_code": "WLD"]) == .text("aggregate"))
    #expect(o.cell("area_type", where: ["area_code": "AFE"]) == .text("aggregate"))
    #expect(o.cell("area_type", where: ["area_code": "AFG"]) == .text("country"))
    #expect(o.distinct("indicator_id") == ["SH.MED.PHYS.ZS"])
  }

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing)) func worldBankWithoutPreamble() throws {
    guard let p = LayoutFiles.shared("fixtures-real/pypi-shipped/statsmodels_fertility.csv") else {
      return
    }
    let o = try observations(p)
    #expect(o.layout == .worldBank)
    #expect(o.cell("value", where: ["area_code": "ABW", "period": "1960"]) == .float(4.82))
    #expect(o.cell("value", where: ["area_code": "AND", "period": "2006"]) == .float(1.24))
  }

  @Test func fingertipsRResave() throws {
    let o = try observations(LayoutFiles.fixture("fingertips-30101-first300.csv"))
    #expect(o.layout == .fingertips)
    #expect(o.count == 300)
    #expect(o.text("indicator_id", 0) == "30101")
    #expect(o.text("area_code", 0) == "E92000001")
    #expect(o.text("sex", 0) == "Persons")
    #expect(o.text("age", 0) == "30+ yrs")
    #expect(o.text("period", 0) == "2017")
    #expect(o.table.columns[o.table.index(of: "value")!][0] == .float(5.055965407))
    #expect(o.text("compared_to_england", 0) == "Not compared")
    #expect(o.breakdowns == ["sex", "age", "category_type", "category"])
  }

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing)) func fingertipsNewSeriesHasIntervalsAndCounts() throws {
    guard let p = LayoutFiles.shared("fixtures-real/fingertips/fingertipsR_writecsv_93861_new_series.csv") else {
      return
    }
    let o = try observations(p)
    #expect(o.layout == .fingertips)
    #expect(o.count == 1202)
    #expect(o.distinct("indicator_id") == ["93861"])
  }

  @Test func unSDGBracketedDimensions() throws {
    let o = try observations(LayoutFiles.fixture("un-sdg-food-waste.csv"))
    #expect(o.layout == .unSDG)
    #expect(o.count == 15)
    #expect(o.breakdowns == ["food_waste_sector"])
    #expect(o.distinct("food_waste_sector") == ["HHS", "OOHC", "RTL"])
    #expect(o.attributes.starts(with: ["nature", "observation_status", "reporting_type"]))
    #expect(o.cell("value", where: ["area_code": "1", "food_waste_sector": "OOHC"]) == .float(243717410.1832))
    #expect(o.distinct("unit") == ["TONNES"])
    #expect(o.text("indicator_name", 0) == "Food waste (Tonnes)")
  }

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing)) func whoGHOOnHDXUsesNumericNotDisplayValue() throws {
    guard let p = LayoutFiles.shared("fixtures-real/who-gho-hdx/malaria_indicators_hti.csv") else {
      return
    }
    let o = try observations(p)
    #expect(o.layout == .whoGHO)
    #expect(o.count == 78)  // 80 records less the header's tag row
    // The display value is "134 766"; Numeric is 134766.0.
    #expect(o.cell("value", where: ["indicator_id": "MALARIA_MICR_TEST", "period": "2014"]) == .float(134766))
    #expect(o.cell("display_value", where: ["indicator_id": "MALARIA_MICR_TEST", "period": "2014"]) == .text("134 766"))
  }

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing)) func whoGHODimensionsBecomeBreakdowns() throws {
    guard let p = LayoutFiles.shared("fixtures-real/who-gho-hdx/child_mortality_indicators_hti.csv") else {
      return
    }
    let o = try observations(p)
    #expect(o.count == 4229)
    #expect(o.distinct("dimension_type") == ["SEX", "AGEGROUP"])
    #expect(o.distinct("dimension").isSuperset(of: ["SEX_FMLE", "SEX_MLE", "SEX_BTSX", "AGEGROUP_DAYS0-27"]))
  }

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing)) func owidAggregates() throws {
    guard let p = LayoutFiles.shared("fixtures-real/owid-grapher/child-mortality.csv") else {
      return
    }
    let o = try observations(p)
    #expect(o.layout == .owid)
    #expect(o.count == 14200)
    #expect(o.distinct("indicator_id") == ["Under-five mortality rate"])
    #expect(o.cell("value", where: ["area_code": "OWID_WRL", "period": "1990"]) == .float(9.30313))
    #expect(o.cell("area_type", where: ["area_code": "OWID_WRL"]) == .text("aggregate"))
    // An empty Code: the entity name is the area code.
    #expect(o.cell("area_type", where: ["area_code": "High-income countries"]) == .text("aggregate"))
    #expect(o.cell("area_type", where: ["area_code": "AFG"]) == .text("country"))
    let aggregates = o.table.columns[o.table.index(of: "area_type")!].asText()
    let n = (0..<o.count).filter { "\(aggregates[$0])" == "aggregate" }.count
    #expect(n == 1358 + 71)  // empty codes plus OWID_ codes
  }

  @Test func dhis2DataValueSet() throws {
    let o = try observations(LayoutFiles.fixture("dhis2-data-value-set.csv"))
    #expect(o.layout == .dhis2)
    #expect(o.count == 12)
    #expect(o.cell("value", where: ["indicator_id": "f7n9E0hX8qk", "period": "201201", "area_code": "DiszpKrYNg8"]) == .float(10001))
    #expect(o.breakdowns == ["category_option_combo", "attribute_option_combo"])
  }

  @Test(arguments: ["dhis2-analytics-ids.csv", "dhis2-analytics-names.csv"])
  func dhis2AnalyticsBothHeaders(file: String) throws {
    let o = try observations(LayoutFiles.fixture(file))
    #expect(o.layout == .dhis2)
    #expect(o.count == 3)
    #expect(o.distinct("indicator_id") == ["Uvn6LCg7dVU"])
    #expect(o.distinct("area_code") == ["ImspTQPwCqd", "O6uvpzGd5pu"])
    #expect(o.text("value", 0) == "101.5")
  }

  @Test func dhis2NumeratorAndDenominator() throws {
    let o = try observations(LayoutFiles.fixture("dhis2-analytics-ids.csv"))
    #expect(o.text("count", 0) == "24831")
    #expect(o.text("denominator", 0) == "24463")
    #expect(o.text("period", 1) == "2023Q2")
  }

  @Test func openSDG() throws {
    let o = try observations(LayoutFiles.fixture("open-sdg-3-2-1.csv"))
    #expect(o.layout == .openSDG)
    #expect(o.count == 16)
    #expect(o.distinct("indicator_id") == ["3.2.1"])
    #expect(o.breakdowns == ["country", "sex"])
    #expect(o.cell("value", where: ["area_code": "K02000001", "sex": "Female"]) == .float(3.58308))
    // "Missing value" is the SDMX status O: missing, no reason given.
    #expect(o.absenceCounts.map(\.reason) == [.missing])
    #expect(o.absenceCounts.first?.count == 3)
  }

  @Test func openSDGIndicatorFromFileNames() {
    #expect(Observations.sdgIndicator(inFileName: "data/indicator_3-a-1.csv") == "3.a.1")
    #expect(Observations.sdgIndicator(inFileName: "3-2-1_example_output.csv") == "3.2.1")
    #expect(Observations.sdgIndicator(inFileName: "open-sdg-16-10-2.csv") == "16.10.2")
    #expect(Observations.sdgIndicator(inFileName: "export.csv") == "export")
  }

  @Test func sdmxOECDStatusCodesAreAbsenceReasons() throws {
    let o = try observations(LayoutFiles.fixture("sdmx-oecd-life-expectancy.csv"))
    #expect(o.layout == .sdmx)
    #expect(o.distinct("indicator_id") == ["LFEXP"])
    #expect(o.breakdowns == ["freq", "sex", "age"])
    // CL_OBS_STATUS: M cannot exist, L not collected, Q suppressed.
    #expect(o.cell("absence_reason", where: ["area_code": "GBR", "period": "2021"]) == .text("not-applicable"))
    #expect(o.cell("absence_reason", where: ["area_code": "FRA", "period": "2020"]) == .text("not-collected"))
    #expect(o.cell("absence_reason", where: ["area_code": "FRA", "period": "2021", "sex": "F"]) == .text("suppressed"))
    #expect(o.cell("absence_reason", where: ["area_code": "FRA", "period": "2021", "sex": "M"]) == .missing(token: nil))
    #expect(o.distinct("unit") == ["Y"])
  }

  @Test func sdmxEurostatFlags() throws {
    let o = try observations(LayoutFiles.fixture("sdmx-eurostat-life-expectancy.csv"))
    #expect(o.layout == .sdmx)
    #expect(o.distinct("area_code") == ["AT", "AL"])
    #expect(o.cell("absence_reason", where: ["area_code": "AL", "period": "2022"]) == .text("suppressed"))
    #expect(o.cell("absence_reason", where: ["area_code": "AL", "period": "2023"]) == .text("missing"))
    #expect(!o.table.names.contains("last_update"))
  }

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing)) func sdmx20WithoutTimePeriodUsesTheLastDimension() throws {
    guard let p = LayoutFiles.shared("oracles/sdmx-csv-v2-spec-examples/example-01.csv") else {
      return
    }
    let o = try observations(p)
    #expect(o.layout == .sdmx)
    #expect(o.distinct("period") == ["2014-01", "2014-02"])
    #expect(o.distinct("indicator_id") == ["ESTAT:NA_MAIN(1.6.0)"])
    #expect(o.breakdowns == ["dim_1", "dim_2"])
  }

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing)) func sdmxLabelsBothKeepIDs() throws {
    guard let p = LayoutFiles.shared("oracles/sdmx-csv-v2-spec-examples/example-05.csv") else {
      return
    }
    let o = try observations(p)
    #expect(o.distinct("dim_1") == ["A"])
    #expect(o.distinct("period") == ["2014-01-01", "2014-02-01"])
    #expect(o.text("value", 0) == "12.4")
  }

  @Test func genericWithDecimalComma() throws {
    let o = try observations(LayoutFiles.fixture("northfield-partnership-export.csv")) {
      $0.decimalSeparator = UInt8(ascii: ",")
      $0.delimiter = UInt8(ascii: ";")
      $0.thousandsSeparator = UInt8(ascii: " ")
      $0.badRows = .quarantine
    }
    #expect(o.layout == .generic)
    #expect(o.cell("value", where: ["indicator_id": "CW01", "area_code": "N01", "period": "2025/26 Q1"]) == .float(68.4))
    // `*` with the note "Suppressed: …" is suppressed; `..` is not collected.
    #expect(o.cell("absence_reason", where: ["indicator_id": "CW01", "area_code": "N02", "period": "2025/26 Q2"]) == .text("suppressed"))
    #expect(Set(o.absenceCounts.map(\.reason)) == [.suppressed, .notCollected])
  }

  @Test func genericWithoutDecimalCommaWarnsWithAHint() throws {
    let o = try observations(LayoutFiles.fixture("northfield-partnership-export.csv")) { $0.badRows = .quarantine }
    #expect(o.warnings.contains { $0.message.contains("\"68,4\"") && $0.message.contains("--decimal-comma") })
  }

  @Test func unknownLayoutNamesEveryCandidate() throws {
    #expect {
      try observations(LayoutFiles.fixture("gapminder.csv"))
    } throws: { e in
      guard let e = e as? IndicatorError else { return false }
      return e.kind == .unknownLayout && e.line == 1 && e.expected?.contains("world-bank needs Country Code") == true
        && e.expected?.contains("generic needs a value column") == true && e.hint?.contains("--value-col") == true
    }
  }

  @Test func mappingMakesGapminderReadable() throws {
    var m = ColumnMapping()
    m.area = "country"
    m.value = "lifeExp"
    m.indicatorID = "lifeExp"
    m.attributes = ["continent"]
    let o = try observations(LayoutFiles.fixture("gapminder.csv"), mapping: m)
    #expect(o.layout == .generic)
    // gapminder.csv line 2: Afghanistan,Asia,1952,28.801,8425333,779.4453145
    #expect(o.cell("value", where: ["area_code": "Afghanistan", "period": "1952"]) == .float(28.801))
    #expect(o.table.names.last == "continent")
  }

  @Test func mappingNamingAMissingColumn() throws {
    var m = ColumnMapping()
    m.value = "life_expectancy"
    m.origins["value"] = "--value-col"
    #expect {
      try observations(LayoutFiles.fixture("gapminder.csv"), mapping: m)
    } throws: { e in
      (e as? IndicatorError)?.kind == .missingColumn
        && (e as? IndicatorError)?.message == "--value-col names a value column \"life_expectancy\" that the file does not have"
    }
  }

  @Test func forcedLayoutThatDoesNotFit() throws {
    #expect {
      try observations(LayoutFiles.fixture("gapminder.csv"), layout: .fingertips)
    } throws: { e in
      (e as? IndicatorError)?.kind == .missingColumn
        && (e as? IndicatorError)?.message == "the header has no Indicator ID column, which --layout fingertips needs"
    }
  }

  @Test func ambiguousHeader() throws {
    // Both a WHO GHO data export and a UN SDG API header, with nothing to tell them apart.
    let names = ["SeriesCode", "GeoAreaCode", "TimePeriod", "Value", "IndicatorCode", "SpatialDimValueCode", "Period", "FactValueNumeric"]
    #expect {
      try Observations.detect(names, file: "both.csv", mapping: ColumnMapping())
    } throws: { e in
      (e as? IndicatorError)?.kind == .ambiguousLayout && (e as? IndicatorError)?.expected?.contains("un-sdg") == true
        && (e as? IndicatorError)?.expected?.contains("who-gho") == true
    }
  }
}

