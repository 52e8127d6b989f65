import Columnar
import Testing

@testable import Indicators

/// The columns `analyze --format summary` reads, listed by hand from each layout's mapping
/// (Layout+Mapping.swift): identifiers, breakdowns, period, value, note and status.
@Suite struct StatusColumnsTests {
  static let benchmarkHeader = [
    "indicator_id", "indicator_name", "domain", "area_code", "area_name", "area_type", "sex", "age", "period", "value",
    "lower_ci", "upper_ci", "count", "denominator", "value_note",
  ]

  @Test func genericLongTable() throws {
    let c = try #require(Observations.statusColumns(header: Self.benchmarkHeader, file: "x.csv", options: ObservationOptions()))
    #expect(c.read == ["indicator_id", "area_code", "area_type", "sex", "age", "period", "value", "value_note"])
    #expect(c.numbers == ["lower_ci", "upper_ci", "count", "denominator"])
  }

  @Test func fingertipsReSavedByR() throws {
    let header = [
      "column_1", "Indicator.ID", "Indicator.Name", "Parent.Code", "Parent.Name", "Area.Code", "Area.Name", "Area.Type", "Sex",
      "Age", "Category.Type", "Category", "Time.period", "Value", "Lower.CI.95.0.limit", "Upper.CI.95.0.limit",
      "Lower.CI.99.8.limit", "Upper.CI.99.8.limit", "Count", "Denominator", "Value.note", "Recent.Trend",
    ]
    let c = try #require(Observations.statusColumns(header: header, file: "f.csv", options: ObservationOptions()))
    #expect(
      c.read == [
        "Indicator.ID", "Area.Code", "Area.Type", "Sex", "Age", "Category.Type", "Category", "Time.period", "Value", "Value.note",
      ])
    #expect(c.numbers == ["Lower.CI.95.0.limit", "Upper.CI.95.0.limit", "Count", "Denominator"])
  }

  /// SDMX: ACTION decides which rows are observations, so it is read.
  @Test func sdmxReadsAction() throws {
    let header = ["DATAFLOW", "ACTION", "REF_AREA", "MEASURE", "SEX", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "UNIT_MEASURE"]
    let c = try #require(Observations.statusColumns(header: header, file: "s.csv", options: ObservationOptions()))
    #expect(c.read == ["ACTION", "REF_AREA", "MEASURE", "SEX", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS"])
  }

  /// The columns read as text, listed by hand from the mappings: the generic table's
  /// identifiers, names, breakdowns, period and note (not value, limits or counts); SDMX's
  /// dimensions, status and unit (ACTION is neither a label nor a number here: it keeps the
  /// reader's type). Wide layouts and unknown headers name none.
  @Test func labelColumnsAreTheTextRoles() {
    #expect(
      Observations.labelColumns(header: Self.benchmarkHeader, file: "x.csv", options: ObservationOptions()) == [
        "indicator_id", "indicator_name", "area_code", "area_name", "area_type", "sex", "age", "period", "value_note",
      ])
    let sdmx = ["DATAFLOW", "ACTION", "REF_AREA", "MEASURE", "SEX", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "UNIT_MEASURE"]
    #expect(
      Observations.labelColumns(header: sdmx, file: "s.csv", options: ObservationOptions()) == [
        "REF_AREA", "MEASURE", "SEX", "TIME_PERIOD", "OBS_STATUS", "UNIT_MEASURE",
      ])
    let worldBank = ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "2019", "2020", "2021"]
    #expect(Observations.labelColumns(header: worldBank, file: "w.csv", options: ObservationOptions()).isEmpty)
    #expect(Observations.labelColumns(header: ["a", "b"], file: "u.csv", options: ObservationOptions()).isEmpty)
  }

  /// Wide layouts spread observations over columns: every column is read.
  @Test func wideLayoutsReadEverything() {
    let worldBank = ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "2019", "2020", "2021"]
    #expect(Observations.statusColumns(header: worldBank, file: "w.csv", options: ObservationOptions()) == nil)
    #expect(Observations.statusColumns(header: ["Entity", "Code", "Year", "Child mortality"], file: "o.csv", options: ObservationOptions()) == nil)
    #expect(Observations.statusColumns(header: ["a", "b"], file: "u.csv", options: ObservationOptions()) == nil)
  }

  /// The widened table has the header's names in order; a column not read has no value, and
  /// is a float column where a number role reads it.
  @Test func widenedTableHasTheHeader() throws {
    let c = try #require(Observations.statusColumns(header: Self.benchmarkHeader, file: "x.csv", options: ObservationOptions()))
    let read = Self.benchmarkHeader.filter { c.read.contains($0) }
    let table = try Table(names: read, columns: read.map { _ in Column(strings: ["a", "b", nil]) })
    let wide = c.widen(table, header: Self.benchmarkHeader)
    #expect(wide.names == Self.benchmarkHeader)
    #expect(wide.rowCount == 3)
    for (name, column) in zip(wide.names, wide.columns) {
      if c.read.contains(name) {
        #expect(column[0] == .text("a"))
      } else {
        #expect(column.validCount == 0, "\(name)")
        #expect(column.type == (c.numbers.contains(name) ? .float : .text), "\(name)")
      }
    }
  }
}
