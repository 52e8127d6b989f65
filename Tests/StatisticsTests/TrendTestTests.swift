import BackboneTestSupport
import Testing

@testable import Statistics

@Suite("Weighted regression and the chi-squared test for trend")
struct TrendTestTests {
  /// statsmodels WLS with the scale fixed at 1 (known variances) on the series of
  /// Fixtures/generate_trend_tests.py (versions in the provenance line), including dropped
  /// points (a NaN y, a zero and a NaN weight) and years as x; relative 1e-9.
  @Test func weightedLeastSquaresMatchesStatsmodels() throws {
    let series = try CSVFixture.local("wls_series.csv")
    let expected = try CSVFixture.local("wls_expected.csv")
    #expect(expected.comments.first?.contains("statsmodels") == true)
    #expect(expected.rows.count == 5)
    for row in expected.rows {
      let name = expected.text(row, "series")
      let points = series.rows.filter { series.text($0, "series") == name }
      let fit = weightedLeastSquares(
        x: points.map { series.number($0, "x") }, y: points.map { series.number($0, "y") },
        weights: points.map { series.number($0, "w") })
      #expect(Double(fit.count) == expected.number(row, "n"), "\(name)")
      let checks: [(String, Double, Double)] = [
        ("slope", fit.slope, 0), ("intercept", fit.intercept, 0),
        ("slope_se", fit.slopeStandardError, 0), ("chi2", fit.chiSquared, 0),
        ("p", fit.pValue, 1e-300),
      ]
      for (column, value, absolute) in checks {
        let want = expected.number(row, column)
        #expect(
          isClose(value, want, relative: 1e-9, absolute: max(absolute, 1e-300)),
          "\(name) \(column): \(value) vs \(want)")
      }
    }
  }

  /// Hand-worked: x = 0, 1, 2, y = 1, 3, 2, w = 1, 2, 1. Σw = 4, x̄ = 4/4 = 1, ȳ = 9/4 = 2.25,
  /// Sxx = 1 + 0 + 1 = 2, Sxy = (−1)(−1.25) + (1)(−0.25) = 1, so b₁ = ½, b₀ = 2.25 − ½ = 1.75,
  /// SE = 1/√2, χ² = ¼·2 = ½ and p = P(χ²₁ > ½) = 2(1 − Φ(0.70711)) = 0.47950 (normal table:
  /// Φ(0.7071) = 0.76025).
  @Test func weightedHandWorked() {
    let fit = weightedLeastSquares(x: [0, 1, 2], y: [1, 3, 2], weights: [1, 2, 1])
    #expect(fit.count == 3 && fit.slope == 0.5 && fit.intercept == 1.75)
    #expect(isClose(fit.slopeStandardError, 0.5.squareRoot(), relative: 1e-15))
    #expect(isClose(fit.chiSquared, 0.5, relative: 1e-15))
    #expect(isClose(fit.pValue, 0.47950, relative: 1e-4))
  }

  /// Properties on seeded random data: with equal weights the slope is the OLS slope; scaling
  /// every weight by k leaves the slope alone and multiplies χ² by k (the variances shrink by
  /// k); reversing time negates the slope and keeps χ².
  @Test func weightedProperties() {
    let seed = propertySeed("weightedProperties", default: 0x5EED_0201)
    var generator = SeededGenerator(seed: seed)
    for trial in 0..<200 {
      let n = Int.random(in: 3...30, using: &generator)
      let x = (0..<n).map { Double($0) + Double(Int.random(in: 2000...2010, using: &generator)) }
      let y = x.map { 0.3 * $0 + Double.random(in: -5...5, using: &generator) }
      let w = (0..<n).map { _ in Double.random(in: 0.1...10, using: &generator) }
      let context: Comment = "seed \(seed) trial \(trial)"
      let equal = weightedLeastSquares(x: x, y: y, weights: Array(repeating: 2.5, count: n))
      let ols = ordinaryLeastSquares(x: x, y: y)
      #expect(isClose(equal.slope, ols.slope, relative: 1e-9, absolute: 1e-12), context)
      let k = Double.random(in: 0.5...20, using: &generator)
      let base = weightedLeastSquares(x: x, y: y, weights: w)
      let scaled = weightedLeastSquares(x: x, y: y, weights: w.map { $0 * k })
      #expect(isClose(scaled.slope, base.slope, relative: 1e-9, absolute: 1e-12), context)
      #expect(isClose(scaled.chiSquared, k * base.chiSquared, relative: 1e-9), context)
      let reversed = weightedLeastSquares(x: x.map { -$0 }, y: y, weights: w)
      #expect(isClose(reversed.slope, -base.slope, relative: 1e-9, absolute: 1e-12), context)
      #expect(isClose(reversed.chiSquared, base.chiSquared, relative: 1e-9), context)
    }
  }

  @Test func weightedEdgeCases() {
    let empty = weightedLeastSquares(x: [], y: [], weights: [])
    #expect(empty.count == 0 && empty.slope.isNaN && empty.chiSquared.isNaN && empty.pValue.isNaN)
    let one = weightedLeastSquares(x: [1], y: [2], weights: [1])
    #expect(one.count == 1 && one.slope.isNaN)
    // Two points: the line through them, SE from the weights alone.
    let two = weightedLeastSquares(x: [0, 2], y: [1, 5], weights: [1, 1])
    #expect(two.slope == 2 && two.intercept == 1)
    // Sxx = 1·1 + 1·1 = 2 around x̄ = 1, so SE = 1/√2 and χ² = 4·2 = 8.
    #expect(isClose(two.chiSquared, 8, relative: 1e-15))
    let constantX = weightedLeastSquares(x: [3, 3, 3], y: [1, 2, 3], weights: [1, 1, 1])
    #expect(constantX.count == 3 && constantX.slope.isNaN && constantX.chiSquared.isNaN)
    let constantY = weightedLeastSquares(x: [1, 2, 3], y: [4, 4, 4], weights: [1, 2, 3])
    #expect(constantY.slope == 0 && constantY.chiSquared == 0 && constantY.pValue == 1)
    // NaN in x, y or w, and weights 0, negative or infinite, drop the point: the rest is the
    // hand-worked example.
    let dropped = weightedLeastSquares(
      x: [0, .nan, 1, 5, 6, 7, 2, 8], y: [1, 9, 3, .nan, 9, 9, 2, 9],
      weights: [1, 1, 2, 1, 0, -1, 1, .infinity])
    #expect(dropped.count == 3 && dropped.slope == 0.5 && dropped.intercept == 1.75)
  }

  /// The chi-squared test for trend against statsmodels' linear-by-linear association test
  /// (times N/(N − 1)) and WLS for the slope, on Fixtures/generate_trend_tests.py; relative
  /// 1e-9. Includes Fingertips' set1 and set2 and a dropped group.
  @Test func trendInProportionsMatchesStatsmodels() throws {
    let series = try CSVFixture.local("proptrend_series.csv")
    let expected = try CSVFixture.local("proptrend_expected.csv")
    #expect(expected.comments.first?.contains("test_ordinal_association") == true)
    #expect(expected.rows.count == 5)
    for row in expected.rows {
      let name = expected.text(row, "series")
      let groups = series.rows.filter { series.text($0, "series") == name }
      let test = chiSquaredTestForTrend(
        counts: groups.map { series.number($0, "count") },
        denominators: groups.map { series.number($0, "denominator") },
        scores: groups.map { series.number($0, "score") })
      #expect(Double(test.count) == expected.number(row, "groups"), "\(name)")
      let checks = [("chi2", test.chiSquared), ("p", test.pValue), ("slope", test.slope)]
      for (column, value) in checks {
        let want = expected.number(row, column)
        #expect(isClose(value, want, relative: 1e-9), "\(name) \(column): \(value) vs \(want)")
      }
    }
  }

  /// Hand-worked: r = 1, 2, 3 of n = 10 each at x = 1, 2, 3. N = 30, R = 6, p̄ = 0.2, x̄ = 2,
  /// Σr(x − x̄) = −1 + 0 + 3 = 2, Σn(x − x̄)² = 20, so X² = 4 / (0.2·0.8·20) = 1.25 and the
  /// slope 2/20 = 0.1 (the proportions 0.1, 0.2, 0.3 rise by 0.1 a step). Fingertips' form
  /// N(NΣrx − RΣnx)²/[R(N − R)(NΣnx² − (Σnx)²)] = 30·(30·14 − 6·60)²/[6·24·(30·140 − 60²)]
  /// = 30·3600/(144·600) = 1.25 as well.
  @Test func trendInProportionsHandWorked() {
    let test = chiSquaredTestForTrend(
      counts: [1, 2, 3], denominators: [10, 10, 10], scores: [1, 2, 3])
    #expect(test.count == 3 && test.totalCount == 6 && test.totalDenominator == 30)
    #expect(isClose(test.chiSquared, 1.25, relative: 1e-15))
    #expect(isClose(test.slope, 0.1, relative: 1e-15))
    // Shifting the scores to years changes nothing; reversing them negates the slope only.
    let years = chiSquaredTestForTrend(
      counts: [1, 2, 3], denominators: [10, 10, 10], scores: [2021, 2022, 2023])
    #expect(isClose(years.chiSquared, 1.25, relative: 1e-12))
    let reversed = chiSquaredTestForTrend(
      counts: [1, 2, 3], denominators: [10, 10, 10], scores: [3, 2, 1])
    #expect(isClose(reversed.chiSquared, 1.25, relative: 1e-15))
    #expect(isClose(reversed.slope, -0.1, relative: 1e-15))
  }

  @Test func trendInProportionsEdgeCases() {
    let empty = chiSquaredTestForTrend(counts: [], denominators: [], scores: [])
    #expect(empty.count == 0 && empty.chiSquared.isNaN && empty.slope.isNaN)
    let one = chiSquaredTestForTrend(counts: [3], denominators: [10], scores: [1])
    #expect(one.count == 1 && one.chiSquared.isNaN)
    // No events, or all events: p̄(1 − p̄) = 0, no test (the slope is 0 up to rounding:
    // nothing changes).
    let none = chiSquaredTestForTrend(
      counts: [0, 0, 0], denominators: [5, 6, 7], scores: [1, 2, 3])
    #expect(none.slope == 0 && none.chiSquared.isNaN && none.pValue.isNaN)
    let all = chiSquaredTestForTrend(
      counts: [5, 6, 7], denominators: [5, 6, 7], scores: [1, 2, 3])
    #expect(isClose(all.slope, 0, relative: 0, absolute: 1e-15) && all.chiSquared.isNaN)
    // Equal scores: no trend to test.
    let flat = chiSquaredTestForTrend(counts: [1, 4], denominators: [10, 10], scores: [2, 2])
    #expect(flat.slope.isNaN && flat.chiSquared.isNaN)
    // Impossible groups make the whole result NaN; a NaN group is dropped.
    let above = chiSquaredTestForTrend(counts: [1, 11], denominators: [10, 10], scores: [1, 2])
    #expect(above.chiSquared.isNaN && above.count == 0)
    let negative = chiSquaredTestForTrend(
      counts: [1, -1], denominators: [10, 10], scores: [1, 2])
    #expect(negative.chiSquared.isNaN)
    let zeroDenominator = chiSquaredTestForTrend(
      counts: [0, 1], denominators: [0, 10], scores: [1, 2])
    #expect(zeroDenominator.chiSquared.isNaN)
    let withNaN = chiSquaredTestForTrend(
      counts: [1, .nan, 2, 3], denominators: [10, 10, 10, 10], scores: [1, 1.5, 2, 3])
    #expect(withNaN.count == 3 && isClose(withNaN.chiSquared, 1.25, relative: 1e-15))
  }
}
