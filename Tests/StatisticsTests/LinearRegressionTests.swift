import BackboneTestSupport
import Testing

@testable import Statistics

@Suite("Ordinary least squares")
struct LinearRegressionTests {
  /// Series and expected fits from Fixtures/generate_ols.py (scipy.stats.linregress and
  /// statsmodels OLS; versions in the provenance lines). Relative tolerance 1e-9: the
  /// `offset_x` series (x ≈ 1e6) has an intercept of −3335 built from a slope of 0.003, which
  /// amplifies the rounding of any implementation.
  @Test func matchesSciPyAndStatsmodels() throws {
    let series = try CSVFixture.local("ols_series.csv")
    let expected = try CSVFixture.local("ols_expected.csv")
    #expect(expected.comments.first?.contains("statsmodels") == true)
    #expect(expected.rows.count == 7)
    for row in expected.rows {
      let name = expected.text(row, "series")
      let points = series.rows.filter { series.text($0, "series") == name }
      let x = points.map { series.number($0, "x") }
      let y = points.map { series.number($0, "y") }
      let fit = ordinaryLeastSquares(x: x, y: y, confidenceLevel: 0.95)
      #expect(Double(fit.count) == expected.number(row, "n"), "\(name)")
      let checks: [(String, Double)] = [
        ("slope", fit.slope), ("intercept", fit.intercept), ("slope_se", fit.slopeStandardError),
        ("intercept_se", fit.interceptStandardError), ("t", fit.tStatistic), ("p", fit.pValue),
        ("ci_lower", fit.slopeInterval.lower), ("ci_upper", fit.slopeInterval.upper),
        ("r_squared", fit.rSquared), ("residual_se", fit.residualStandardError),
      ]
      for (column, value) in checks {
        let want = expected.number(row, column)
        #expect(isClose(value, want, relative: 1e-9), "\(name) \(column): \(value) vs \(want)")
      }
      // Without inference: the same line and R², and no standard errors, t, p or interval.
      let line = ordinaryLeastSquares(x: x, y: y, inference: false)
      for (column, value) in [("slope", line.slope), ("intercept", line.intercept), ("r_squared", line.rSquared)] {
        #expect(isClose(value, expected.number(row, column), relative: 1e-9), "\(name) \(column) without inference")
      }
      #expect(line.pValue.isNaN && line.slopeStandardError.isNaN && line.slopeInterval.lower.isNaN)
    }
  }

  /// Property: the fitted slope of y = a·t + b (no noise) is a, and the intercept b, for
  /// seeded random a, b and time points; relative 1e-9 (plus 1e-9 absolute for a ≈ 0).
  @Test func slopeOfExactLineIsItsCoefficient() {
    let seed = propertySeed("slopeOfExactLineIsItsCoefficient", default: 0x0015_0001)
    var generator = SeededGenerator(seed: seed)
    for trial in 0..<200 {
      let a = Double.random(in: -50...50, using: &generator)
      let b = Double.random(in: -1e3...1e3, using: &generator)
      let n = Int.random(in: 3...60, using: &generator)
      let start = Double(Int.random(in: 1990...2010, using: &generator))
      var t = (0..<n).map { start + Double($0) }
      t.shuffle(using: &generator)
      let y = t.map { a * $0 + b }
      let fit = ordinaryLeastSquares(x: t, y: y)
      #expect(
        isClose(fit.slope, a, relative: 1e-9, absolute: 1e-9), "seed \(seed) trial \(trial)")
      #expect(
        isClose(fit.intercept, b, relative: 1e-6, absolute: 1e-6), "seed \(seed) trial \(trial)")
    }
  }

  @Test func edgeCases() {
    let empty = ordinaryLeastSquares(x: [], y: [])
    #expect(empty.count == 0 && empty.slope.isNaN && empty.pValue.isNaN)
    let one = ordinaryLeastSquares(x: [1], y: [2])
    #expect(one.count == 1 && one.slope.isNaN)
    // Two points: the line through them, (5 − 1)/(3 − 1) = 2 and 1 − 2·1 = −1; no inference.
    let two = ordinaryLeastSquares(x: [1, 3], y: [1, 5])
    #expect(two.slope == 2 && two.intercept == -1)
    #expect(two.slopeStandardError.isNaN && two.pValue.isNaN && two.slopeInterval.lower.isNaN)
    // Constant x: no slope.
    let vertical = ordinaryLeastSquares(x: [2, 2, 2, 2], y: [1, 2, 3, 4])
    #expect(vertical.slope.isNaN && vertical.count == 4)
    // Constant y: slope 0 with standard error 0; t is 0/0.
    let flat = ordinaryLeastSquares(x: [1, 2, 3, 4, 5], y: [7, 7, 7, 7, 7])
    #expect(flat.slope == 0 && flat.slopeStandardError == 0 && flat.tStatistic.isNaN)
    #expect(flat.rSquared.isNaN && flat.intercept == 7)
    // Perfect fit: standard error 0, t infinite, p 0.
    let perfect = ordinaryLeastSquares(x: [1, 2, 3, 4], y: [3, 5, 7, 9])
    #expect(perfect.slope == 2 && perfect.slopeStandardError == 0 && perfect.pValue == 0)
    #expect(perfect.tStatistic == .infinity && perfect.rSquared == 1)
    // NaN pairs are dropped: the same as the complete pairs alone.
    let withMissing = ordinaryLeastSquares(x: [1, 2, .nan, 4, 5], y: [2, .nan, 9, 4.5, 6])
    let complete = ordinaryLeastSquares(x: [1, 4, 5], y: [2, 4.5, 6])
    #expect(withMissing == complete && withMissing.count == 3)
  }
}
