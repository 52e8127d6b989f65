/// A straight line fitted by weighted least squares with known variances (inverse-variance
/// weights), and the Wald test of its slope.
public struct WeightedLinearRegression: Sendable, Equatable {
  /// The number of points used (points with a NaN, or a weight that is not finite and
  /// positive, are dropped).
  public var count: Int
  /// The slope b₁ = Σw(x − x̄)(y − ȳ) / Σw(x − x̄)², with weighted means x̄ and ȳ.
  public var slope: Double
  /// The intercept b₀ = ȳ − b₁·x̄.
  public var intercept: Double
  /// The standard error of the slope when the weights are exact inverse variances,
  /// 1 / √Σw(x − x̄)². It does not use the residuals (no scale is estimated).
  public var slopeStandardError: Double
  /// The Wald statistic for slope = 0, (b₁ / SE(b₁))², chi-squared with 1 degree of freedom.
  public var chiSquared: Double
  /// The p-value of `chiSquared`: P(χ²₁ > chiSquared), the two-sided normal p-value of b₁/SE.
  public var pValue: Double
}

/// Weighted least squares of y on x with weights that are the inverse variances of the y
/// values, with the slope's standard error and its chi-squared (Wald) test.
///
/// Formula: with weights wᵢ = 1/σᵢ², weighted means x̄ = Σwx/Σw and ȳ = Σwy/Σw,
/// Sxx = Σw(x − x̄)² and Sxy = Σw(x − x̄)(y − ȳ): b₁ = Sxy/Sxx, b₀ = ȳ − b₁x̄,
/// SE(b₁) = 1/√Sxx, χ² = b₁²·Sxx, p = P(χ²₁ > χ²). Centring first keeps the sums accurate
/// when x is a year (≈ 2000). Because the variances are taken as known, the standard error is
/// the one statsmodels reports for `WLS(y, X, weights=w).fit(cov_type="fixed scale")`, not
/// the one rescaled by the residual variance; this is the test Fingertips uses for its recent
/// trends, with σᵢ taken from each value's 95% confidence interval as (upper − lower)/3.92.
/// Assumptions: independent y values, normal errors, variances known.
///
/// Edge cases: points whose x, y or weight is NaN, or whose weight is 0, negative or
/// infinite, are dropped (and not counted). Fewer than 2 points, or a constant x, give NaN for
/// everything but `count`. A constant y gives slope 0, χ² = 0 and p = 1.
///
/// - Parameters:
///   - x: The explanatory values (for a trend, the time points).
///   - y: The responses; same length as `x`.
///   - weights: The inverse variance of each y; same length as `x`.
/// - Returns: The fit and the test; see ``WeightedLinearRegression``.
/// - Complexity: O(n), two passes.
///
/// Reference: J. Fox (2016), *Applied Regression Analysis and Generalized Linear Models*,
/// 3rd ed., §12.2.2 (weighted least squares with known error variances).
public func weightedLeastSquares(
  x: [Double], y: [Double], weights: [Double]
) -> WeightedLinearRegression {
  precondition(
    x.count == y.count && x.count == weights.count, "x, y and weights must have the same length")
  var result = WeightedLinearRegression(
    count: 0, slope: .nan, intercept: .nan, slopeStandardError: .nan, chiSquared: .nan,
    pValue: .nan)
  var count = 0
  var sumW = 0.0
  var sumWX = 0.0
  var sumWY = 0.0
  for i in x.indices where isUsable(x[i], y[i], weights[i]) {
    count += 1
    sumW += weights[i]
    sumWX += weights[i] * x[i]
    sumWY += weights[i] * y[i]
  }
  result.count = count
  guard count >= 2 else { return result }
  let meanX = sumWX / sumW
  let meanY = sumWY / sumW
  var sxx = 0.0
  var sxy = 0.0
  for i in x.indices where isUsable(x[i], y[i], weights[i]) {
    let dx = x[i] - meanX
    sxx += weights[i] * dx * dx
    sxy += weights[i] * dx * (y[i] - meanY)
  }
  guard sxx > 0 else { return result }
  let slope = sxy / sxx
  result.slope = slope
  result.intercept = meanY - slope * meanX
  result.slopeStandardError = 1 / sxx.squareRoot()
  result.chiSquared = slope * slope * sxx
  result.pValue = chiSquaredSurvival(result.chiSquared, degreesOfFreedom: 1)
  return result
}

/// Whether a point takes part in a weighted fit: x and y not NaN, weight finite and positive.
@inline(__always)
private func isUsable(_ x: Double, _ y: Double, _ w: Double) -> Bool {
  !x.isNaN && !y.isNaN && w.isFinite && w > 0
}
