import Columnar
import Foundation
import Testing

import Indicators

/// The example of Indicators.docc/Indicators.md, compiled and run on the files it names. The
/// expected statuses are those of the reviewed `analyze` golden (Snapshots/analyze-owid.csv):
/// under-five mortality falls significantly in all three countries.
@Suite struct IndicatorsDocExampleTests {
  @Test func overviewExample() throws {
    let root = LayoutFiles.repository
    let read = try CSVReader.read(path: root.appendingPathComponent("fixtures/owid-child-mortality-3-countries.csv").path)
    var observations = try Observations.read(read.table, file: "owid-child-mortality-3-countries.csv")
    let definitions = observations.match(try DefinitionLibrary(directory: root.appendingPathComponent("indicators").path))
    let results = try observations.series().analyse(definitions: definitions)
    var lines: [String] = []
    for r in results {
      lines.append("\(r.series.area ?? "") \(r.lastPeriod ?? "") \(r.status.rawValue)")
    }
    #expect(lines == ["BGD 2022 improving", "GHA 2022 improving", "PER 2022 improving"])
  }
}
