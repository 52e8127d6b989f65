import RealModule

/// The cumulative distribution function of the standard normal distribution, Φ(z).
///
/// Formula: Φ(z) = ½·erfc(−z/√2). The evaluation follows Cephes `ndtr` (the routine behind
/// SciPy's `scipy.special.ndtr` and `scipy.stats.norm.cdf`): for |z/√2| < 1/√2 it returns
/// ½ + ½·erf(z/√2); otherwise ½·erfc(|z|/√2), reflected as 1 − that for z > 0. Both tails keep
/// full relative precision on the side where Φ is small; on the other side Φ rounds to 1.
///
/// - Parameter z: A standard normal deviate.
/// - Returns: P(Z ≤ z). NaN for NaN; 0 for −∞ and 1 for +∞.
/// - Complexity: O(1).
///
/// Reference: Abramowitz & Stegun (1964), *Handbook of Mathematical Functions*, 26.2.29.
public func normalCDF(_ z: Double) -> Double {
  guard !z.isNaN else { return .nan }
  let x = z * 0.7071067811865476  // 1/√2
  let absolute = x.magnitude
  if absolute < 0.7071067811865476 {
    return 0.5 + 0.5 * Double.erf(x)
  }
  let tail = 0.5 * Double.erfc(absolute)
  return x > 0 ? 1 - tail : tail
}

/// The upper tail of the standard normal distribution, 1 − Φ(z) = Φ(−z), without cancellation.
///
/// - Parameter z: A standard normal deviate.
/// - Returns: P(Z > z), with full relative precision for large positive `z`. NaN for NaN.
/// - Complexity: O(1).
public func normalSurvival(_ z: Double) -> Double {
  normalCDF(-z)
}

/// The quantile function (inverse CDF) of the standard normal distribution, Φ⁻¹(p).
///
/// Method: Wichura's algorithm AS 241 (PPND16), rational approximations in three regions
/// (|p − ½| ≤ 0.425, then r = √(−log min(p, 1−p)) ≤ 5, then beyond), accurate to about
/// 1 part in 10¹⁶. This is the algorithm behind R's `qnorm`.
///
/// - Parameter p: A probability.
/// - Returns: z with Φ(z) = p; −∞ for p = 0, +∞ for p = 1, NaN for NaN or p outside [0, 1].
/// - Complexity: O(1).
///
/// Reference: M. J. Wichura (1988), "Algorithm AS 241: The percentage points of the normal
/// distribution", *Applied Statistics* 37(3), 477–484.
public func normalQuantile(_ p: Double) -> Double {
  guard p >= 0, p <= 1 else { return .nan }  // also rejects NaN
  if p == 0 { return -.infinity }
  if p == 1 { return .infinity }
  let q = p - 0.5
  if q.magnitude <= 0.425 {
    let r = 0.180625 - q * q
    let numerator =
      ((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
        + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
        + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
        + 1.3314166789178437745e2) * r + 3.3871328727963666080
    let denominator =
      ((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
        + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
        + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
        + 4.2313330701600911252e1) * r + 1
    return q * numerator / denominator
  }
  var r = Double.sqrt(-Double.log(q < 0 ? p : 1 - p))
  let value: Double
  if r <= 5 {
    r -= 1.6
    let numerator =
      ((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
        + 2.41780725177450611770e-1) * r + 1.27045825245236838258) * r
        + 3.64784832476320460504) * r + 5.76949722146069140550) * r
        + 4.63033784615654529590) * r + 1.42343711074968357734
    let denominator =
      ((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
        + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
        + 6.89767334985100004550e-1) * r + 1.67638483018380384940) * r
        + 2.05319162663775882187) * r + 1
    value = numerator / denominator
  } else {
    r -= 5
    let numerator =
      ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
        + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
        + 2.96560571828504891230e-1) * r + 1.78482653991729133580) * r
        + 5.46378491116411436990) * r + 6.65790464350110377720
    let denominator =
      ((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
        + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
        + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
        + 5.99832206555887937690e-1) * r + 1
    value = numerator / denominator
  }
  return q < 0 ? -value : value
}

/// The two-sided standard normal critical value z for a confidence level: Φ⁻¹(1 − (1 − c)/2).
///
/// This is how PHEindicatormethods (and most interval formulas) turn a confidence level into z:
/// 1.959964 for 0.95, 3.090232 for 0.998.
///
/// - Parameter confidenceLevel: In (0, 1).
/// - Returns: z > 0, or NaN when the level is outside (0, 1).
/// - Complexity: O(1).
public func normalCriticalValue(confidenceLevel: Double) -> Double {
  guard confidenceLevel > 0, confidenceLevel < 1 else { return .nan }
  return normalQuantile(confidenceLevel + (1 - confidenceLevel) / 2)
}
