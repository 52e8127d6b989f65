/// The least-squares line y = intercept + slope·x and its inference.
public struct LinearRegression: Sendable, Equatable {
  /// The number of (x, y) pairs used (pairs with a NaN in either are dropped).
  public var count: Int
  /// The slope b₁ = Sxy / Sxx.
  public var slope: Double
  /// The intercept b₀ = ȳ − b₁·x̄.
  public var intercept: Double
  /// The standard error of the slope, √(s² / Sxx) with s² = SSE / (n − 2).
  public var slopeStandardError: Double
  /// The standard error of the intercept, √(s²·(1/n + x̄²/Sxx)).
  public var interceptStandardError: Double
  /// The t statistic for slope = 0, b₁ / SE(b₁), with n − 2 degrees of freedom.
  public var tStatistic: Double
  /// The two-sided p-value of `tStatistic` from Student's t with n − 2 degrees of freedom.
  public var pValue: Double
  /// The t interval for the slope, b₁ ± t₍₁₋α/₂, n−2₎·SE(b₁).
  public var slopeInterval: ConfidenceInterval
  /// The coefficient of determination R² = Sxy² / (Sxx·Syy).
  public var rSquared: Double
  /// The residual standard error s = √(SSE / (n − 2)).
  public var residualStandardError: Double
}

/// Ordinary least squares of y on x, with the standard errors, the t test of the slope and the
/// t confidence interval of the slope.
///
/// Formula: with Sxx = Σ(x − x̄)², Sxy = Σ(x − x̄)(y − ȳ) and Syy = Σ(y − ȳ)² (two passes, the
/// second in `SIMD4<Double>` lanes), b₁ = Sxy/Sxx, b₀ = ȳ − b₁x̄, SSE = Syy − b₁·Sxy (clamped
/// at 0), s² = SSE/(n − 2), SE(b₁) = √(s²/Sxx), t = b₁/SE(b₁), p = 2·P(T₍ₙ₋₂₎ > |t|).
/// Assumptions for the inference: independent errors with constant variance, normal for small
/// n. This matches `scipy.stats.linregress` and statsmodels `OLS` (which the tests check).
///
/// Edge cases: pairs with a NaN in x or y are dropped. Fewer than 2 pairs, or a constant x
/// (Sxx = 0), give NaN for everything but `count`. Exactly 2 pairs give the line but NaN
/// standard errors, t, p and interval (no residual degrees of freedom). A constant y gives
/// slope 0, standard error 0, and NaN for t, p and R² (0/0). A perfect fit of a non-constant
/// y gives standard error 0, t = ±∞ and p = 0 (SciPy instead adds 1e-20 to avoid the
/// division).
///
/// - Parameters:
///   - x: The explanatory values (for a trend, the time points).
///   - y: The responses; same length as `x`.
///   - confidenceLevel: The level of `slopeInterval`, in (0, 1); 0.95 by default.
///   - inference: Whether to compute the standard errors, t, p and the interval (the
///     Student t tail and quantile); without it they are NaN. True by default.
/// - Returns: The fit; see ``LinearRegression``.
/// - Complexity: O(n): two passes over the pairs (when NaN pairs must be dropped, a copy of
///   the complete pairs and two passes over it).
///
/// Reference: D. C. Montgomery, E. A. Peck & G. G. Vining (2012), *Introduction to Linear
/// Regression Analysis*, 5th ed., §2.2–2.3.
public func ordinaryLeastSquares(
  x: [Double], y: [Double], confidenceLevel: Double = 0.95, inference: Bool = true
) -> LinearRegression {
  x.withUnsafeBufferPointer { bx in
    y.withUnsafeBufferPointer { by in ordinaryLeastSquares(x: bx, y: by, confidenceLevel: confidenceLevel, inference: inference) }
  }
}

/// ``ordinaryLeastSquares(x:y:confidenceLevel:inference:)`` of samples in buffers (a caller's
/// scratch memory: no array unless NaN pairs must be dropped).
package func ordinaryLeastSquares(
  x: UnsafeBufferPointer<Double>, y: UnsafeBufferPointer<Double>, confidenceLevel: Double = 0.95, inference: Bool = true
) -> LinearRegression {
  precondition(x.count == y.count, "x and y must have the same length")
  // One SIMD pass over each sample counts its non-NaN values and sums them: when nothing is
  // missing, those sums give the means, and no separate scan for NaN is needed.
  let firstX = sumCountRange(x), firstY = sumCountRange(y)
  if Int(firstX.count) == x.count && Int(firstY.count) == y.count {
    return leastSquaresComplete(x, y, confidenceLevel, inference, knownSums: (firstX.sum, firstY.sum))
  } else {
    var keptX: [Double] = []
    var keptY: [Double] = []
    keptX.reserveCapacity(x.count)
    keptY.reserveCapacity(y.count)
    for i in x.indices where !x[i].isNaN && !y[i].isNaN {
      keptX.append(x[i])
      keptY.append(y[i])
    }
    return keptX.withUnsafeBufferPointer { bx in
      keptY.withUnsafeBufferPointer { by in leastSquaresComplete(bx, by, confidenceLevel, inference, knownSums: nil) }
    }
  }
}

/// OLS on pairs known to be free of NaN, given Σx and Σy when they are already known.
private func leastSquaresComplete(
  _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ confidenceLevel: Double, _ inference: Bool,
  knownSums: (x: Double, y: Double)?
) -> LinearRegression {
  let n = x.count
  let nanInterval = ConfidenceInterval(lower: .nan, upper: .nan, confidenceLevel: confidenceLevel)
  var result = LinearRegression(
    count: n, slope: .nan, intercept: .nan, slopeStandardError: .nan,
    interceptStandardError: .nan, tStatistic: .nan, pValue: .nan, slopeInterval: nanInterval,
    rSquared: .nan, residualStandardError: .nan)
  guard n >= 2 else { return result }
  let sums = crossProducts(x, y, sums: knownSums)
  guard sums.sxx > 0 else { return result }
  let slope = sums.sxy / sums.sxx
  result.slope = slope
  result.intercept = sums.meanY - slope * sums.meanX
  result.rSquared = sums.sxy * sums.sxy / (sums.sxx * sums.syy)
  guard n >= 3 && inference else { return result }
  let degreesOfFreedom = Double(n - 2)
  let residualSquares = sums.syy - slope * sums.sxy
  let residualVariance = (residualSquares < 0 ? 0 : residualSquares) / degreesOfFreedom
  let standardError = (residualVariance / sums.sxx).squareRoot()
  result.residualStandardError = residualVariance.squareRoot()
  result.slopeStandardError = standardError
  result.interceptStandardError =
    (residualVariance * (1 / Double(n) + sums.meanX * sums.meanX / sums.sxx)).squareRoot()
  let t = slope / standardError
  result.tStatistic = t
  result.pValue = t.isNaN ? .nan : 2 * studentTUpperTail(t.magnitude, degreesOfFreedom)
  let critical = studentTCriticalValue(confidenceLevel: confidenceLevel, degreesOfFreedom: degreesOfFreedom)
  result.slopeInterval = ConfidenceInterval(
    lower: slope - critical * standardError, upper: slope + critical * standardError,
    confidenceLevel: confidenceLevel)
  return result
}

/// Means and centred sums of squares and cross-products of two equal-length NaN-free samples;
/// Σx and Σy are computed unless given.
func crossProducts(
  _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>,
  sums: (x: Double, y: Double)? = nil
) -> (meanX: Double, meanY: Double, sxx: Double, sxy: Double, syy: Double) {
  let n = Double(x.count)
  let meanX = (sums?.x ?? sumCountRange(x).sum) / n
  let meanY = (sums?.y ?? sumCountRange(y).sum) / n
  let cx = SIMD4<Double>(repeating: meanX)
  let cy = SIMD4<Double>(repeating: meanY)
  var sxx = SIMD4<Double>()
  var sxy = SIMD4<Double>()
  var syy = SIMD4<Double>()
  var i = 0
  while i + 4 <= x.count {
    let dx = load4(x, i) - cx
    let dy = load4(y, i) - cy
    sxx += dx * dx
    sxy += dx * dy
    syy += dy * dy
    i += 4
  }
  var sumXX = sxx.sum()
  var sumXY = sxy.sum()
  var sumYY = syy.sum()
  while i < x.count {
    let dx = x[i] - meanX
    let dy = y[i] - meanY
    sumXX += dx * dx
    sumXY += dx * dy
    sumYY += dy * dy
    i += 1
  }
  return (meanX, meanY, sumXX, sumXY, sumYY)
}

/// The two-sided Student t critical value at `confidenceLevel`: `studentTQuantile(c + (1 − c)/2)`.
///
/// At the 95% level and whole degrees of freedom up to 256 — the case of every short series —
/// the values come from a table computed once (by the same `studentTQuantile`), because the
/// inverse incomplete beta function behind the quantile costs far more than the regression.
/// - Complexity: O(1) from the table; otherwise one `studentTQuantile`.
func studentTCriticalValue(confidenceLevel: Double, degreesOfFreedom: Double) -> Double {
  if confidenceLevel == 0.95, degreesOfFreedom >= 1, degreesOfFreedom <= 256,
    degreesOfFreedom == degreesOfFreedom.rounded()
  {
    return studentT95Table[Int(degreesOfFreedom) - 1]
  }
  return studentTQuantile(confidenceLevel + (1 - confidenceLevel) / 2, degreesOfFreedom: degreesOfFreedom)
}

/// `studentTQuantile(0.975, degreesOfFreedom: ν)` for ν = 1…256 (a global `let`: initialised
/// once, thread-safely, on first use).
private let studentT95Table: [Double] = (1...256).map { studentTQuantile(0.975, degreesOfFreedom: Double($0)) }
