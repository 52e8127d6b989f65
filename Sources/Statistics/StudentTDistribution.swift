import RealModule

/// The cumulative distribution function of Student's t distribution.
///
/// Formula: for t ≤ 0, F(t) = ½·Iₓ(ν/2, ½) with x = ν/(ν + t²), and F(t) = 1 − F(−t) for
/// t > 0 (Abramowitz & Stegun 26.7.1 through the incomplete beta function). 1 − x is passed
/// as t²/(ν + t²) so that small |t| keeps its precision. Non-integer ν is allowed.
///
/// - Parameters:
///   - t: The statistic.
///   - degreesOfFreedom: ν > 0; +∞ gives the standard normal.
/// - Returns: P(T ≤ t); NaN for NaN input or ν ≤ 0.
/// - Complexity: O(1) (one incomplete beta evaluation).
///
/// Reference: M. Abramowitz & I. A. Stegun (1964), *Handbook of Mathematical Functions*, 26.7.1.
public func studentTCDF(_ t: Double, degreesOfFreedom: Double) -> Double {
  guard !t.isNaN, degreesOfFreedom > 0 else { return .nan }
  if degreesOfFreedom == .infinity { return normalCDF(t) }
  let tail = studentTUpperTail(t.magnitude, degreesOfFreedom)
  return t <= 0 ? tail : 1 - tail
}

/// The upper tail of Student's t distribution, P(T > t) = F(−t), without cancellation.
///
/// A two-sided p-value is `2 * studentTSurvival(abs(t), degreesOfFreedom: ν)`.
///
/// - Parameters:
///   - t: The statistic.
///   - degreesOfFreedom: ν > 0.
/// - Returns: P(T > t); NaN for NaN input or ν ≤ 0.
/// - Complexity: O(1).
public func studentTSurvival(_ t: Double, degreesOfFreedom: Double) -> Double {
  studentTCDF(-t, degreesOfFreedom: degreesOfFreedom)
}

/// The quantile function (inverse CDF) of Student's t distribution.
///
/// Method: the two-sided tail 2·min(p, 1−p) is inverted through the inverse incomplete beta
/// function (on Iₓ(ν/2, ½) when the tail is below ½, on I₁₋ₓ(½, ν/2) otherwise, so that
/// t near 0 keeps its precision), then polished by Newton steps on the upper tail.
///
/// - Parameters:
///   - p: A probability in [0, 1].
///   - degreesOfFreedom: ν > 0; +∞ gives ``normalQuantile(_:)``.
/// - Returns: t with F(t) = p; ∓∞ for p = 0 or 1; NaN for NaN, ν ≤ 0 or p outside [0, 1].
/// - Complexity: O(1).
///
/// Reference: W. H. Press et al. (2007), *Numerical Recipes*, 3rd ed., §6.14.
public func studentTQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
  guard p >= 0, p <= 1, degreesOfFreedom > 0 else { return .nan }
  if degreesOfFreedom == .infinity { return normalQuantile(p) }
  if p == 0 { return -.infinity }
  if p == 1 { return .infinity }
  if p == 0.5 { return 0 }
  let nu = degreesOfFreedom
  let tail = min(p, 1 - p)  // one-sided tail beyond |t|
  var s: Double
  if 2 * tail < 0.5 {
    let x = inverseRegularizedBeta(2 * tail, a: nu / 2, b: 0.5)
    s = Double.sqrt(nu * (1 - x) / x)
  } else {
    let y = inverseRegularizedBeta(1 - 2 * tail, a: 0.5, b: nu / 2)
    s = Double.sqrt(nu * y / (1 - y))
  }
  // Newton on P(T > s) = tail; the derivative is −f(s).
  let logNormaliser = -logBeta(nu / 2, 0.5) - 0.5 * Double.log(nu)
  for _ in 0..<4 where s.isFinite {
    let density = Double.exp(logNormaliser - (nu + 1) / 2 * Double.log(onePlus: s * s / nu))
    guard density > 0 else { break }
    let step = (studentTUpperTail(s, nu) - tail) / density
    s += step
    if step.magnitude <= 1e-15 * s { break }
  }
  return p < 0.5 ? -s : s
}

/// P(T > s) for s ≥ 0.
func studentTUpperTail(_ s: Double, _ nu: Double) -> Double {
  let t2 = s * s
  if t2 == .infinity { return 0 }
  let x = nu / (nu + t2)
  let oneMinusX = t2 / (nu + t2)
  return 0.5 * regularizedBeta(x, oneMinusX: oneMinusX, a: nu / 2, b: 0.5)
}
