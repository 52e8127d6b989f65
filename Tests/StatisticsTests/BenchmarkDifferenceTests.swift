import Testing

@testable import Statistics

@Suite("Benchmark differences")
struct BenchmarkDifferenceTests {
  /// The value 2.6 with 95% interval [2.5, 2.7], from the fingertips-open test
  /// SingleOverlappingCIsForTwoCILevelsComparerTest (MIT, commit 678089724a51), against
  /// benchmarks around it. Hand-checked: 2.5, 2.6 and 2.7 are inside (ends included); 2.8 is
  /// above the interval, so the value is lower; 2.4 below, so higher.
  @Test(arguments: [
    (2.5, BenchmarkDifference.similar), (2.6, .similar), (2.7, .similar), (2.8, .lower),
    (3.0, .lower), (2.4, .higher), (2.2, .higher),
  ])
  func singleOverlap(benchmark: Double, expected: BenchmarkDifference) {
    let interval = ConfidenceInterval(lower: 2.5, upper: 2.7, confidenceLevel: 0.95)
    #expect(benchmarkDifference(value: 2.6, interval: interval, benchmark: benchmark) == expected)
  }

  @Test func singleOverlapMissing() {
    let interval = ConfidenceInterval(lower: 2.5, upper: 2.7, confidenceLevel: 0.95)
    #expect(benchmarkDifference(value: .nan, interval: interval, benchmark: 3) == nil)
    #expect(benchmarkDifference(value: 2.6, interval: interval, benchmark: .nan) == nil)
    let open = ConfidenceInterval(lower: .nan, upper: 2.7, confidenceLevel: 0.95)
    #expect(benchmarkDifference(value: 2.6, interval: open, benchmark: 3) == nil)
  }

  /// Hand-worked double overlap: the value 10 with [8, 12] against a benchmark 13 with
  /// [11.5, 14.5] overlaps (11.5 ≤ 12), so similar; with [12.5, 13.5] it does not (12.5 > 12),
  /// so lower; touching limits (12 and 12) overlap. Mirrored below the value: 7 with [5.5, 8.5]
  /// overlaps, 7 with [6.5, 7.5] does not (higher).
  @Test func doubleOverlap() {
    let value = ConfidenceInterval(lower: 8, upper: 12, confidenceLevel: 0.95)
    func compare(_ b: Double, _ lower: Double, _ upper: Double) -> BenchmarkDifference? {
      benchmarkDifference(
        value: 10, interval: value, benchmark: b,
        benchmarkInterval: ConfidenceInterval(lower: lower, upper: upper, confidenceLevel: 0.95))
    }
    #expect(compare(13, 11.5, 14.5) == .similar)
    #expect(compare(13, 12.5, 13.5) == .lower)
    #expect(compare(13, 12, 14) == .similar)
    #expect(compare(7, 5.5, 8.5) == .similar)
    #expect(compare(7, 6.5, 7.5) == .higher)
    #expect(compare(10, 9, 11) == .similar)
    #expect(compare(13, .nan, 14) == nil)
  }

  /// Fingertips' SPC-for-proportions cases (../shared/oracles/fingertips/
  /// spc_proportion_comparison_cases.csv, from SpcForProportionsComparerTest.cs), at 95% and
  /// 99.8% (Fingertips' z = 1.96 and 3.0902). The oracle's polarity is "RAG - Low is good", so
  /// its Better means significantly lower, Worse higher, Same similar and None not compared.
  @Test func spcForProportionsMatchesFingertips() throws {
    guard let path = Shared.path("oracles/fingertips/spc_proportion_comparison_cases.csv") else {
      print(Shared.missingMessage)
      return
    }
    let cases = try CSVFixture(path: path)
    #expect(cases.rows.count == 7)
    let none: BenchmarkDifference? = nil
    let meaning: [String: BenchmarkDifference?] = [
      "Better": .lower, "Worse": .higher, "Same": .similar, "None": none,
    ]
    for row in cases.rows {
      #expect(cases.text(row, "polarity") == "RAG - Low is good")
      let unit = cases.number(row, "unit")
      for (level, column) in [(0.95, "expected_at_z_1.96"), (0.998, "expected_at_z_3.0902")] {
        let label = cases.text(row, column)
        guard let want = meaning[label] else {
          Issue.record("unknown label \(label)")
          continue
        }
        let got = benchmarkDifference(
          proportion: cases.number(row, "value") / unit,
          denominator: cases.number(row, "denominator"),
          benchmark: cases.number(row, "comparator_value") / unit, confidenceLevel: level)
        #expect(got == want, "\(cases.text(row, "case")) at \(level)")
      }
    }
  }

  /// The control limits are Fingertips' formula with z from the level. Reference: the 5PY
  /// case (p₀ = 0.128379546895717, n = 1339) computed in Python 3 with
  /// z = scipy.stats.norm.ppf(0.975) (scipy 1.17.1), E = n·p₀,
  /// (2E + z² ∓ z√(z² + 4E(1 − E/n)))/(2(n + z²)) = 0.11151955894384989, 0.14736571982370406.
  @Test func controlLimitsMatchTheFingertipsFormula() {
    let limits = proportionControlLimits(
      benchmark: 0.128379546895717, denominator: 1339, confidenceLevel: 0.95)
    #expect(isClose(limits.lower, 0.11151955894384989, relative: 1e-12))
    #expect(isClose(limits.upper, 0.14736571982370406, relative: 1e-12))
    #expect(limits.confidenceLevel == 0.95)
    // On a limit is similar; just outside is not.
    #expect(
      benchmarkDifference(
        proportion: limits.upper, denominator: 1339, benchmark: 0.128379546895717,
        confidenceLevel: 0.95) == .similar)
    #expect(
      benchmarkDifference(
        proportion: limits.upper.nextUp, denominator: 1339, benchmark: 0.128379546895717,
        confidenceLevel: 0.95) == .higher)
    #expect(
      benchmarkDifference(
        proportion: 0.1, denominator: .nan, benchmark: 0.128379546895717,
        confidenceLevel: 0.95) == nil)
  }
}
