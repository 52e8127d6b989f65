import RealModule

/// log √(2π).
let logSquareRootTwoPi = 0.918938533204672741780329736406

/// δ(x) = log Γ(x) − [(x − ½)·log x − x + log √(2π)], the remainder of Stirling's formula,
/// by its asymptotic series (Abramowitz & Stegun 6.1.41) for x ≥ 10, where seven terms give
/// an absolute error below 1e-17. Working with δ avoids the cancellation of differences of
/// large log-gamma values.
func stirlingCorrection(_ x: Double) -> Double {
  precondition(x >= 10, "the Stirling series is used from 10")
  let r = 1 / x
  let r2 = r * r
  // 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156: B₂ₖ / (2k(2k−1)).
  let series =
    0.083333333333333333 + r2
    * (-0.0027777777777777778 + r2
      * (7.9365079365079365e-4 + r2
        * (-5.9523809523809524e-4 + r2
          * (8.4175084175084175e-4 + r2 * (-1.9175269175269175e-3 + r2 * 6.4102564102564103e-3)))))
  return series * r
}

/// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), a, b > 0, without the cancellation of
/// large log-gamma values (the scheme of R's `lbeta`).
func logBeta(_ a: Double, _ b: Double) -> Double {
  let p = min(a, b)
  let q = max(a, b)
  if p >= 10 {
    let correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q)
    return -0.5 * Double.log(q) + logSquareRootTwoPi + correction + (p - 0.5)
      * Double.log(p / (p + q)) + q * Double.log(onePlus: -p / (p + q))
  }
  if q >= 10 {
    let correction = stirlingCorrection(q) - stirlingCorrection(p + q)
    return Double.logGamma(p) + correction + p - p * Double.log(p + q) + (q - 0.5)
      * Double.log(onePlus: -p / (p + q))
  }
  return Double.logGamma(p) + Double.logGamma(q) - Double.logGamma(p + q)
}

/// log(xᵃ e⁻ˣ / Γ(a)), the prefactor of the incomplete gamma function. For a ≥ 10 it is
/// written as a·(log(1 + d) − d) − ½·log(2π/a) − δ(a) with d = (x − a)/a, whose absolute error
/// scales with |x − a| rather than with a·log x.
func logGammaPrefactor(_ a: Double, _ x: Double) -> Double {
  if a < 10 { return a * Double.log(x) - x - Double.logGamma(a) }
  let d = (x - a) / a
  let core = d.magnitude < 0.5 ? a * (Double.log(onePlus: d) - d) : a * Double.log(x / a) + a - x
  return core + 0.5 * Double.log(a) - logSquareRootTwoPi - stirlingCorrection(a)
}
