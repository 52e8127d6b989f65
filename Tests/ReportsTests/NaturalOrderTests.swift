import Foundation
import Testing

@testable import Reports

@Suite struct NaturalOrderTests {
  /// Hand-worked pairs. Digit runs compare by value ("2" < "10"); leading zeros do not count
  /// until the tie-break, which is by bytes ("I02" < "I2" because '0' 0x30 < '2' 0x32); other
  /// bytes compare by value, with no case folding ('A' 0x41 < 'a' 0x61; '-' 0x2D < '1' 0x31); a
  /// text that is a prefix of the other comes first; numbers longer than 64 bits still work.
  @Test(arguments: [
    ("I2", "I10", true), ("I10", "I2", false),
    ("I02", "I2", true), ("I2", "I02", false),
    ("a", "a1", true), ("a1b", "a1", false),
    ("E06000001", "E06000010", true), ("x9", "x10", true), ("10", "9", false),
    ("A", "a", true), ("a-1", "a1", true),
    ("n18446744073709551616", "n18446744073709551617", true), ("n99999999999999999999", "n100000000000000000000", true),
    ("age: 5-9", "age: 10-14", true), ("Ä1", "Ä2", true), ("same", "same", false), ("", "a", true), ("a", "", false),
  ])
  func handWorked(_ a: String, _ b: String, _ expected: Bool) {
    #expect(NaturalOrder.precedes(a, b) == expected, "\(a) vs \(b)")
  }

  /// By the rules above: "B" (0x42) before every "I…" (0x49) before "a" (0x61); among the I's,
  /// 1 = 001 < 2 = 02 < 10, ties by bytes ("I001" before "I1", "I02" before "I2").
  @Test func sortsAList() {
    #expect(
      NaturalOrder.sorted(["I10", "I2", "I1", "I02", "I001", "a", "B"]) == ["B", "I001", "I1", "I02", "I2", "I10", "a"])
  }

  /// The order is total and a strict order: for every pair exactly one of a < b, b < a, a = b;
  /// and it is transitive (checked on every triple of a set chosen to mix runs, zeros, prefixes).
  @Test func totalAndTransitive() {
    let texts = ["", "0", "00", "1", "01", "a", "a0", "a00", "a0b", "a1", "a01", "a1b", "a10", "a9", "b", "B", "a-1", "9a", "10a"]
    for a in texts {
      for b in texts {
        let ab = NaturalOrder.precedes(a, b), ba = NaturalOrder.precedes(b, a)
        #expect([ab, ba, a == b].filter { $0 }.count == 1, "\(a) \(b)")
        for c in texts where ab && NaturalOrder.precedes(b, c) {
          #expect(NaturalOrder.precedes(a, c), "\(a) < \(b) < \(c)")
        }
      }
    }
  }

  /// The report lists indicators, areas and breakdowns in natural order: a CSV that names I10
  /// before I2, areas E10 before E2 and age bands 10-14 before 5-9 gives I2, I10; E2, E10;
  /// 5-9, 10-14. Byte order would give the reverse each time.
  @Test func reportOrder() throws {
    let dir = try MarkdownSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var csv = "indicator_id,area_code,period,age,value\n"
    for id in ["I10", "I2"] {
      for area in ["E10", "E2"] {
        for age in ["10-14", "5-9"] {
          for year in 2020...2022 { csv += "\(id),\(area),\(year),\(age),\(year - 2000)\n" }
        }
      }
    }
    let path = dir + "/order.csv"
    try csv.write(toFile: path, atomically: true, encoding: .utf8)
    // The generic layout takes "age" as a breakdown by its name.
    let input = try InputLoader.load(path: path)
    var options = ReportOptions()
    options.headlineArea = "E2"
    let model = try ReportBuilder.build(inputs: [input], library: nil, chain: nil, options: options)
    #expect(model.indicators.map(\.id) == ["I2", "I10"])
    let series = model.indicators[0].series
    #expect(series.map { $0.area?.code ?? "" } == ["E2", "E2", "E10", "E10"])
    #expect(series.map { $0.breakdown.map(\.value).joined() } == ["5-9", "10-14", "5-9", "10-14"])
  }
}
