import BackboneTestSupport
import Testing

@testable import Statistics

/// S by the definition, one pair at a time (the scalar reference for the SIMD kernel).
private func referenceScore(_ values: [Double]) -> Int {
  let x = values.filter { !$0.isNaN }
  var s = 0
  for i in x.indices {
    for j in x.indices where j > i {
      if x[j] > x[i] { s += 1 } else if x[j] < x[i] { s -= 1 }
    }
  }
  return s
}

/// The series of one fixture, by name.
private func fixtureSeries(_ fixture: CSVFixture, _ name: String) -> [Double] {
  fixture.rows.filter { fixture.text($0, "series") == name }.map { fixture.number($0, "value") }
}

@Suite("Mann-Kendall and Sen's slope")
struct MannKendallTests {
  /// /work/shared/oracles/mannkendall: pyMannKendall's own test data and asserted values
  /// (expected_results.csv, rows `original_test` and `sens_slope` on arbitrary_1d_data, 360
  /// values with 7 missing). Upstream compares these with `==`, so do we: the arithmetic is
  /// replicated step by step (integer S and variance, z by one division, p = 2·(1 − Φ(|z|)) with
  /// Φ as Cephes `ndtr`, median as numpy's mean of the two middle values).
  @Test func matchesPyMannKendallOracleExactly() throws {
    guard let dataPath = Shared.path("oracles/mannkendall/arbitrary_1d_data.csv"),
      let expectedPath = Shared.path("oracles/mannkendall/expected_results.csv")
    else {
      print(Shared.missingMessage)
      return
    }
    let data = try CSVFixture(path: dataPath)
    let values = data.rows.map { data.number($0, "value") }
    #expect(values.count == 360 && values.filter(\.isNaN).count == 7)
    let expected = try CSVFixture(path: expectedPath)
    func want(_ function: String, _ field: String) -> String? {
      expected.rows.first {
        expected.text($0, "function") == function
          && expected.text($0, "dataset") == "arbitrary_1d_data"
          && expected.text($0, "field") == field && expected.text($0, "extra_args").isEmpty
      }.map { expected.text($0, "expected") }
    }
    let test = mannKendall(values)
    #expect(Double(test.s) == Double(want("original_test", "s") ?? ""))
    #expect(test.variance == Double(want("original_test", "var_s") ?? ""))
    #expect(test.z == Double(want("original_test", "z") ?? ""))
    #expect(test.pValue == Double(want("original_test", "p") ?? ""))
    #expect(test.tau == Double(want("original_test", "Tau") ?? ""))
    // h = False and trend = "no trend" at alpha 0.05: |z| is below the critical value.
    #expect(want("original_test", "h") == "False")
    #expect(test.z.magnitude <= normalCriticalValue(confidenceLevel: 0.95))
    let sen = senSlope(values)
    #expect(sen.slope == Double(want("sens_slope", "slope") ?? ""))
    #expect(sen.intercept == Double(want("sens_slope", "intercept") ?? ""))
    // Without the interval: the same slope and intercept, NaN limits.
    let bare = senSlope(values, times: values.indices.map(Double.init), interval: false)
    #expect(bare.slope == Double(want("sens_slope", "slope") ?? ""))
    #expect(bare.intercept == Double(want("sens_slope", "intercept") ?? ""))
    #expect(bare.slopeInterval.lower.isNaN && bare.slopeInterval.upper.isNaN)
  }

  /// The two generated fixtures the oracle README describes (not stored upstream): a constant
  /// series ("no trend": s = 0, var_s = 0, p = 1, z = 0) and 0..359 plus noise below 1e-13
  /// ("trend": s = 64620, Tau = 1, slope = 1).
  @Test func upstreamGeneratedCases() {
    let constant = mannKendall(Array(repeating: 7.25, count: 360))
    #expect(constant.s == 0 && constant.variance == 0 && constant.pValue == 1 && constant.z == 0)
    var generator = SeededGenerator(seed: 360)
    let trend = (0..<360).map { Double($0) + Double.random(in: 0..<1e-13, using: &generator) }
    let result = mannKendall(trend)
    #expect(result.s == 64620 && result.tau == 1)
    #expect(isClose(senSlope(trend).slope, 1, relative: 1e-12))
  }

  /// pymannkendall on generated series (Fixtures/generate_mannkendall.py; version in the
  /// provenance line): S and Var(S) exactly, the rest to relative 1e-13.
  @Test func matchesPyMannKendallFixtures() throws {
    let series = try CSVFixture.local("mk_series.csv")
    let expected = try CSVFixture.local("mk_expected.csv")
    #expect(expected.comments.first?.contains("pymannkendall") == true)
    #expect(expected.rows.count == 8)
    for row in expected.rows {
      let name = expected.text(row, "series")
      let x = fixtureSeries(series, name)
      let test = mannKendall(x)
      let sen = senSlope(x)
      #expect(Double(test.s) == expected.number(row, "s"), "\(name)")
      #expect(test.variance == expected.number(row, "var_s"), "\(name)")
      let checks: [(String, Double)] = [
        ("z", test.z), ("p", test.pValue), ("tau", test.tau), ("slope", sen.slope),
        ("intercept", sen.intercept),
      ]
      for (column, value) in checks {
        let want = expected.number(row, column)
        #expect(
          isClose(value, want, relative: 1e-13, absolute: 1e-15),
          "\(name) \(column): \(value) vs \(want)")
      }
    }
  }

  /// Hand-worked: x = 1, 3, 2, 5, 4, 6 at t = 0…5. The 15 pairwise slopes sorted are
  /// −1, −1, 1/3, ½, ½, ¾, ¾, 1, 1, 1, 4/3, 4/3, 2, 2, 3 (13 positive, 2 negative), so S = 11,
  /// no ties, Var(S) = 6·5·17/18 = 85/3, z = 10/√(85/3) = 1.87867287…, tau = 11/15, Sen's
  /// slope = the 8th slope = 1, intercept = median(x) − slope·median(t) = 3.5 − 2.5 = 1.
  /// Interval at 95%: C = 1.959964·√(85/3) = 10.4327…, ranks round(2.2836) = 2 and
  /// round(13.716) = 14, so [−1, 2]. At 80%: C = 1.281552·5.32291 = 6.8216…, ranks
  /// round(4.089) = 4 and round(11.911) = 12, so [½, 4/3].
  @Test func handWorkedExample() {
    let x: [Double] = [1, 3, 2, 5, 4, 6]
    let test = mannKendall(x)
    #expect(test.s == 11 && test.count == 6)
    #expect(isClose(test.variance, 85.0 / 3.0, relative: 1e-15))
    #expect(isClose(test.z, 10 / (85.0 / 3.0).squareRoot(), relative: 1e-15))
    #expect(isClose(test.tau, 11.0 / 15.0, relative: 1e-15))
    // p = 2(1 − Φ(1.8786729)) = 0.060289…, from Φ(1.8786729) = 0.969855… (normal table).
    #expect(isClose(test.pValue, 0.0602889, relative: 1e-4))
    let sen95 = senSlope(x, confidenceLevel: 0.95)
    #expect(sen95.slope == 1 && sen95.intercept == 1 && sen95.slopeCount == 15)
    #expect(sen95.slopeInterval.lower == -1 && sen95.slopeInterval.upper == 2)
    let sen80 = senSlope(x, confidenceLevel: 0.80)
    #expect(
      sen80.slopeInterval.lower == 0.5
        && isClose(sen80.slopeInterval.upper, 4.0 / 3.0, relative: 1e-15))
  }

  /// Hand-worked with uneven times: x = 10, 12, 11, 15 at t = 2000, 2001, 2003, 2004. Slopes:
  /// 2/1 = 2, 1/3, 5/4, −1/2, 3/3 = 1, 4/1 = 4; sorted −½, ⅓, 1, 5/4, 2, 4; median (1 + 5/4)/2
  /// = 9/8. Intercept = median(x) − 9/8·median(t) = 11.5 − 9/8·2002.
  @Test func unevenTimes() {
    let sen = senSlope([10, 12, 11, 15], times: [2000, 2001, 2003, 2004])
    #expect(sen.slope == 9.0 / 8.0)
    #expect(isClose(sen.intercept, 11.5 - 9.0 / 8.0 * 2002, relative: 1e-12))
    // Equal times are skipped: only the pair (2000, 2001) is left with a slope, 7 − 4 = 3.
    let tied = senSlope([4, 5, 7], times: [2000, 2000, 2001])
    #expect(tied.slopeCount == 2 && tied.slope == 2.5)  // slopes 3 and 2
  }

  /// The SIMD kernel against the pair-by-pair definition, seeded random series of every length
  /// to 40 (all SIMD tails) and a few long ones, many ties.
  @Test func simdScoreMatchesScalarReference() {
    let seed = propertySeed("simdScoreMatchesScalarReference", default: 0x00AA_0001)
    var generator = SeededGenerator(seed: seed)
    for length in Array(0...40) + [100, 257] {
      let x = (0..<length).map { _ in Double(Int.random(in: 0...12, using: &generator)) }
      #expect(mannKendall(x).s == referenceScore(x), "seed \(seed) length \(length)")
    }
  }

  /// Properties: reversing a series negates S (and z, tau); adding a constant leaves Sen's
  /// slope unchanged and moves the intercept by the constant; Mann-Kendall is unchanged by it.
  @Test func reversalAndShiftProperties() {
    let seed = propertySeed("reversalAndShiftProperties", default: 0x00AA_0002)
    var generator = SeededGenerator(seed: seed)
    for trial in 0..<100 {
      let n = Int.random(in: 0...60, using: &generator)
      var x = (0..<n).map { _ in
        (Double.random(in: -100...100, using: &generator) * 4).rounded() / 4
      }
      for i in x.indices where Double.random(in: 0...1, using: &generator) < 0.1 { x[i] = .nan }
      let forward = mannKendall(x)
      let backward = mannKendall(x.reversed())
      #expect(backward.s == -forward.s, "seed \(seed) trial \(trial)")
      #expect(backward.z == -forward.z && backward.variance == forward.variance)
      let c = Double.random(in: -1e3...1e3, using: &generator).rounded()
      let shifted = x.map { $0 + c }
      let shiftedTest = mannKendall(shifted)
      #expect(shiftedTest.s == forward.s && shiftedTest.variance == forward.variance)
      #expect(shiftedTest.pValue == forward.pValue, "seed \(seed) trial \(trial)")
      let sen = senSlope(x)
      let senShifted = senSlope(shifted)
      #expect(
        isClose(senShifted.slope, sen.slope, relative: 1e-9, absolute: 1e-9),
        "seed \(seed) trial \(trial)")
      #expect(
        isClose(senShifted.intercept, sen.intercept + c, relative: 1e-9, absolute: 1e-6),
        "seed \(seed) trial \(trial)")
    }
  }

  @Test func edgeCases() {
    for x in [[], [4.0], [.nan, .nan]] as [[Double]] {
      let r = mannKendall(x)
      #expect(r.s == 0 && r.variance == 0 && r.z == 0 && r.pValue == 1 && r.tau.isNaN)
      let sen = senSlope(x)
      #expect(sen.slope.isNaN && sen.intercept.isNaN && sen.slopeInterval.lower.isNaN)
    }
    // n = 2: S = ±1, Var(S) = 2·1·9/18 = 1, z = 0 after the continuity correction.
    let two = mannKendall([1, 2])
    #expect(two.s == 1 && two.variance == 1 && two.z == 0 && two.pValue == 1 && two.tau == 1)
    let twoSen = senSlope([1, 2])
    #expect(twoSen.slope == 1 && twoSen.intercept == 1.5 - 0.5)  // median(x) − 1·median(t)
    // All ties: S = 0, Var(S) = 0; Sen's slope 0, intercept the constant, interval [0, 0].
    let ties = mannKendall([3, 3, 3, 3, 3, 3, 3, 3, 3, 3])
    #expect(ties.s == 0 && ties.variance == 0 && ties.tau == 0 && ties.pValue == 1)
    let tiesSen = senSlope([3, 3, 3, 3, 3, 3, 3, 3, 3, 3])
    #expect(tiesSen.slope == 0 && tiesSen.intercept == 3)
    #expect(tiesSen.slopeInterval.lower == 0 && tiesSen.slopeInterval.upper == 0)
    // NaN removed before Mann-Kendall: the same as the series without them.
    #expect(mannKendall([1, .nan, 3, 2, .nan]) == mannKendall([1, 3, 2]))
    // Three values at 95%: N = 3, C = 1.96·√(3·2·11/18) = 3.55 > N − 2, ranks out of range.
    let short = senSlope([1, 2, 4])
    #expect(
      short.slope == 1.5 && short.slopeInterval.lower.isNaN && short.slopeInterval.upper.isNaN)
  }

  /// Selection gives the same order statistics as a full sort, on seeded data with ties.
  @Test func selectionMatchesSort() {
    let seed = propertySeed("selectionMatchesSort", default: 0x00AA_0003)
    var generator = SeededGenerator(seed: seed)
    for length in [1, 2, 3, 10, 101, 1000] {
      let values = (0..<length).map { _ in
        Double(Int.random(in: 0...(length / 3 + 1), using: &generator))
      }
      let sorted = values.sorted()
      var ranks = Set((0..<4).map { _ in Int.random(in: 0..<length, using: &generator) })
      ranks.insert(0)
      ranks.insert(length - 1)
      var scratch = values
      let found = orderStatistics(&scratch, ranks: ranks.sorted())
      #expect(found == ranks.sorted().map { sorted[$0] }, "seed \(seed) length \(length)")
      var medianScratch = values
      let middle =
        length % 2 == 1 ? sorted[length / 2] : (sorted[length / 2 - 1] + sorted[length / 2]) / 2
      #expect(medianBySelection(&medianScratch) == middle)
      // Ranks in any order: a rank below the one before selects over the whole buffer again.
      let shuffled = ranks.shuffled(using: &generator)
      var again = values
      #expect(orderStatistics(&again, ranks: shuffled) == shuffled.map { sorted[$0] }, "seed \(seed)")
    }
    // Already sorted and reverse-sorted inputs (the classic quickselect worst cases).
    var ascending = (0..<5000).map(Double.init)
    #expect(orderStatistics(&ascending, ranks: [2499, 2500]) == [2499, 2500])
    var descending = (0..<5000).reversed().map(Double.init)
    #expect(orderStatistics(&descending, ranks: [0, 4999]) == [0, 4999])
  }
}
