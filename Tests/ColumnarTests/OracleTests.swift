import Foundation
import Testing

@testable import Columnar

/// Third-party parsing oracles: csv-spectrum (BSD-2) and the W3C CSVW test suite, read from
/// ../shared, never copied.
@Suite(.enabled(if: Shared.isPresent, Shared.missingMessage)) struct OracleTests {
  static let spectrumCases = Shared.files(in: "oracles/csv-spectrum/csvs", ext: "csv")

  @Test func oraclesArePresent() throws {
    try #require(Shared.root != nil)
    #expect(Self.spectrumCases.count == 12)
  }

  @Test(arguments: spectrumCases)
  func csvSpectrum(_ path: String) throws {
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let expectedURL = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("json/\(name).json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL))
    var options = CSVReadOptions()
    options.inferTypes = false  // the oracle's values are all strings
    options.missingTokens = []
    options.delimiter = 44
    let result = try CSVReader.read(path: path, options: options)
    let table = result.table
    if name == "location_coordinates" {
      // The oracle's JSON disagrees with its own CSV (see its README): compare the shape only.
      #expect(table.rowCount == 1)
      #expect(table.names.count == 4)
      return
    }
    let expected = try #require(json as? [[String: String]])
    #expect(table.rowCount == expected.count, "\(name)")
    for (r, row) in expected.enumerated() where r < table.rowCount {
      #expect(Set(row.keys) == Set(table.names), "\(name) header")
      for (key, value) in row {
        let column = try table.column(key)
        #expect(column[r] == .text(value), "\(name) row \(r + 1) column \(key)")
      }
    }
  }

  static let csvwCases: [(csv: String, json: String)] = {
    guard let dir = Shared.path("oracles/csvw-json-simple") else { return [] }
    return ["test001", "test005", "test006", "test007", "test008", "test009", "test010", "test028", "test029"].map {
      name in
      let csv = name == "test028" || name == "test029" ? "countries.csv" : "\(name).csv"
      return ("\(dir)/\(csv)", "\(dir)/\(name).json")
    }
  }()

  @Test(arguments: csvwCases.map(\.json))
  func csvw(_ jsonPath: String) throws {
    let csvPath = Self.csvwCases.first { $0.json == jsonPath }!.csv
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath)))
    let rows: [[String: Any]]
    if let minimal = json as? [[String: Any]] {
      rows = minimal
    } else {
      let doc = try #require(json as? [String: Any])
      let table = try #require((doc["tables"] as? [[String: Any]])?.first)
      let rowObjects = try #require(table["row"] as? [[String: Any]])
      rows = rowObjects.compactMap { ($0["describes"] as? [[String: Any]])?.first }
      // rownum counts data rows from 1: the reader keeps every row, in order.
      #expect(rowObjects.enumerated().allSatisfy { i, r in (r["rownum"] as? Int) == i + 1 })
    }
    var options = CSVReadOptions()
    options.inferTypes = false
    options.missingTokens = []
    let table = try CSVReader.read(path: csvPath, options: options).table
    #expect(table.rowCount == rows.count)
    for (r, row) in rows.enumerated() where r < table.rowCount {
      for (key, value) in row where !key.hasPrefix("@") {
        guard let text = value as? String else { continue }
        // CSVW keys are the header cells (percent-encoded when they are not plain names).
        let name = key.removingPercentEncoding ?? key
        guard let column = try? table.column(name) else {
          Issue.record("\(jsonPath): no column \(name) in \(table.names)")
          continue
        }
        #expect(column[r] == .text(text), "\(jsonPath) row \(r + 1) column \(name)")
      }
    }
  }
}
