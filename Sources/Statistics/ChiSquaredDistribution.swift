/// The cumulative distribution function of the chi-squared distribution.
///
/// Formula: F(x; k) = P(k/2, x/2), the regularized lower incomplete gamma function.
///
/// - Parameters:
///   - x: The statistic, x ≥ 0 (negative x gives 0).
///   - degreesOfFreedom: k > 0 (non-integer allowed).
/// - Returns: P(X ≤ x); NaN for NaN or k ≤ 0.
/// - Complexity: as ``regularizedGammaP(_:_:)``.
///
/// Reference: M. Abramowitz & I. A. Stegun (1964), *Handbook of Mathematical Functions*, 26.4.19.
public func chiSquaredCDF(_ x: Double, degreesOfFreedom: Double) -> Double {
  guard !x.isNaN, degreesOfFreedom > 0 else { return .nan }
  if x <= 0 { return 0 }
  return regularizedGammaP(degreesOfFreedom / 2, x / 2)
}

/// The survival function (upper tail) of the chi-squared distribution, 1 − F(x; k).
///
/// Computed as Q(k/2, x/2) directly, so small p-values keep their relative precision.
///
/// - Parameters:
///   - x: The statistic (negative x gives 1).
///   - degreesOfFreedom: k > 0.
/// - Returns: P(X > x); NaN for NaN or k ≤ 0.
/// - Complexity: as ``regularizedGammaQ(_:_:)``.
public func chiSquaredSurvival(_ x: Double, degreesOfFreedom: Double) -> Double {
  guard !x.isNaN, degreesOfFreedom > 0 else { return .nan }
  if x <= 0 { return 1 }
  return regularizedGammaQ(degreesOfFreedom / 2, x / 2)
}

/// The quantile function (inverse CDF) of the chi-squared distribution, like R's `qchisq`.
///
/// Formula: x = 2·P⁻¹(k/2, p), with ``inverseRegularizedGammaP(_:_:)`` (which solves the upper
/// tail on Q when p > ½).
///
/// - Parameters:
///   - p: A probability in [0, 1].
///   - degreesOfFreedom: k > 0.
/// - Returns: x with F(x; k) = p; 0 for p = 0, +∞ for p = 1; NaN for NaN, k ≤ 0 or p
///   outside [0, 1].
/// - Complexity: O(1) Halley steps.
public func chiSquaredQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
  guard degreesOfFreedom > 0 else { return .nan }
  return 2 * inverseRegularizedGammaP(degreesOfFreedom / 2, p)
}
