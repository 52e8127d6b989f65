import Foundation
import Testing

import Columnar

/// The example of Columnar.docc/Columnar.md, compiled and run on the fixture it names.
@Suite struct DocExampleTests {
  @Test func overviewExample() throws {
    let path = repositoryRoot.appendingPathComponent("fixtures/northfield-partnership-export.csv").path
    var options = CSVReadOptions()
    options.badRows = .quarantine
    options.decimalSeparator = UInt8(ascii: ",")
    options.delimiter = UInt8(ascii: ";")
    let result = try CSVReader.read(path: path, options: options)
    let series = try result.table.grouped(by: ["indicator_id", "area_code"])
    var sizes: [Int] = []
    for g in series.ranges.indices {
      let rows = series.rows(ofGroup: g)  // one series: an indicator in one area
      sizes.append(rows.count)
    }
    // CW01 N01, CW01 N02, CW02 N01, CW02 N02, HE07 N01, HE07 N02 (the broken HE07 N01 row is set aside).
    #expect(sizes == [2, 2, 2, 2, 1, 1])
    #expect(result.rejected.map(\.line) == [15])
  }
}
