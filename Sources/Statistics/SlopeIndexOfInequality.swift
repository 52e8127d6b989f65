import RealModule

/// How group values are transformed before the regression of the slope index of inequality.
public enum SlopeIndexTransform: Sendable, Equatable {
  /// No transformation (life expectancy, means).
  case none
  /// Natural logarithm (rates).
  case log
  /// Logit, log(p/(1 − p)) (proportions between 0 and 1).
  case logit
}

/// The slope and relative indices of inequality across ordered groups.
public struct SlopeIndexOfInequality: Sendable, Equatable {
  /// The slope index of inequality: the fitted value at the top of the ranking minus the fitted
  /// value at the bottom (times the multiplier).
  public var sii: Double
  /// The relative index of inequality: the fitted value at the top over the fitted value at the
  /// bottom (inverted when the multiplier is negative).
  public var rii: Double
  /// The fitted value at the bottom of the ranking (rank 0), on the scale of the values.
  public var intercept: Double
  /// The ridit rank of each group: the midpoint of its band of the cumulative population share.
  public var ranks: [Double]
}

/// The slope index of inequality (SII) and relative index of inequality (RII), point estimates
/// as PHEindicatormethods' `phe_sii`.
///
/// Method: each group (in the order given, usually deprivation quantile 1 first) gets the ridit
/// rank bᵢ = Σⱼ<ᵢ aⱼ + aᵢ/2, aᵢ = nᵢ/Σn its population share. The (transformed) values are
/// regressed on b by weighted least squares with weights aᵢ: y = β₀ + β₁b. With f the inverse
/// transform, SII = m·(f(β₀ + β₁) − f(β₀)) and RII = f(β₀ + β₁)/f(β₀), inverted when the
/// multiplier m is negative; untransformed this is SII = m·β₁, RII = (β₀ + β₁)/β₀. PHE's
/// confidence intervals are Monte Carlo simulations and are not computed here.
///
/// Edge cases: fewer than two groups, a NaN value or population, a non-positive population,
/// or values outside the transform's domain (≤ 0 for log, outside (0, 1) for logit) give NaN.
/// PHE also requires 5 to 100 groups; that rule is left to the domain layer.
///
/// - Parameters:
///   - values: One value per group, in rank order.
///   - populations: The population of each group, same length.
///   - transform: ``SlopeIndexTransform``; `.none` by default.
///   - multiplier: Scales the SII (for example 100 for percentages, −100 to reverse polarity).
/// - Returns: SII, RII, the intercept and the ranks.
/// - Complexity: O(n).
///
/// Reference: J. P. Mackenbach & A. E. Kunst (1997), "Measuring the magnitude of socio-economic
/// inequalities in health", *Social Science & Medicine* 44(6), 757–771; Public Health England,
/// *PHEindicatormethods* `phe_sii`.
public func slopeIndexOfInequality(
  values: [Double], populations: [Double], transform: SlopeIndexTransform = .none,
  multiplier: Double = 1
) -> SlopeIndexOfInequality {
  precondition(values.count == populations.count, "one population per value")
  var result = SlopeIndexOfInequality(sii: .nan, rii: .nan, intercept: .nan, ranks: [])
  let n = values.count
  var total = 0.0
  for population in populations {
    guard population > 0 else { return result }  // also NaN
    total += population
  }
  var ranks: [Double] = []
  var cumulative = 0.0
  for population in populations {
    let share = population / total
    ranks.append(cumulative + share / 2)
    cumulative += share
  }
  result.ranks = ranks
  guard n >= 2 else { return result }
  var y: [Double] = []
  for value in values {
    let transformed: Double
    switch transform {
    case .none: transformed = value
    case .log: transformed = value > 0 ? Double.log(value) : .nan
    case .logit: transformed = value > 0 && value < 1 ? Double.log(value / (1 - value)) : .nan
    }
    guard !transformed.isNaN else { return result }
    y.append(transformed)
  }
  // Weighted least squares with weights aᵢ = nᵢ/Σn.
  var meanB = 0.0
  var meanY = 0.0
  for i in 0..<n {
    let a = populations[i] / total
    meanB += a * ranks[i]
    meanY += a * y[i]
  }
  var sbb = 0.0
  var sby = 0.0
  for i in 0..<n {
    let a = populations[i] / total
    sbb += a * (ranks[i] - meanB) * (ranks[i] - meanB)
    sby += a * (ranks[i] - meanB) * (y[i] - meanY)
  }
  let slope = sby / sbb
  let interceptTransformed = meanY - slope * meanB
  let inverse: (Double) -> Double
  switch transform {
  case .none: inverse = { $0 }
  case .log: inverse = { Double.exp($0) }
  case .logit: inverse = { 1 / (1 + Double.exp(-$0)) }
  }
  let bottom = inverse(interceptTransformed)
  let top = inverse(interceptTransformed + slope)
  result.intercept = bottom
  result.sii = multiplier * (top - bottom)
  result.rii = multiplier < 0 ? bottom / top : top / bottom
  return result
}

/// A confidence interval for the SII by simulation, as PHEindicatormethods `phe_sii` computes
/// it, made repeatable by a seed.
///
/// Method: each group's standard error is taken from its confidence interval,
/// sᵢ = (upperᵢ − lowerᵢ) / (2·z) with z the normal critical value of `intervalLevel` (the level
/// of the given limits, 95% by default). For each of `repetitions` runs every group's value is
/// drawn from Normal(valueᵢ, sᵢ²) and the SII is recomputed with the same populations
/// (``slopeIndexOfInequality(values:populations:transform:multiplier:)``, untransformed); the
/// limits are the (1 − c)/2 and (1 + c)/2 quantiles (type 7, linear) of the simulated SIIs.
/// Draws come from SplitMix64 seeded with `seed` and Box–Muller, so the same inputs and seed
/// give the same interval on every machine.
///
/// Because the untransformed SII is linear in the values, SII = Σ cᵢyᵢ, the simulated limits
/// approach SII ± z·√(Σ cᵢ²sᵢ²) as repetitions grow; that is how it is tested.
///
/// Edge cases: fewer than two groups, a NaN, or a limit pair out of order give NaN limits.
/// - Parameters:
///   - values: One value per group, in rank order (most deprived first).
///   - lowers: The lower limits.
///   - uppers: The upper limits.
///   - populations: The population of each group.
///   - multiplier: As for the SII.
///   - confidenceLevel: The level of the returned interval.
///   - intervalLevel: The level of the given limits.
///   - repetitions: Simulated samples; PHE uses 100,000.
///   - seed: The random seed.
/// - Complexity: O(repetitions × groups) plus a sort of the repetitions.
///
/// Reference: Public Health England, *PHEindicatormethods* `phe_sii` (confidence limits by
/// simulation); Low & Low (2004), "Measuring the gap", *Journal of Public Health* 26(2).
public func slopeIndexOfInequalityInterval(
  values: [Double], lowers: [Double], uppers: [Double], populations: [Double], multiplier: Double = 1,
  confidenceLevel: Double = 0.95, intervalLevel: Double = 0.95, repetitions: Int = 10_000, seed: UInt64
) -> ConfidenceInterval {
  let n = values.count
  let nan = ConfidenceInterval(lower: .nan, upper: .nan, confidenceLevel: confidenceLevel)
  guard n >= 2, lowers.count == n, uppers.count == n, populations.count == n, repetitions >= 2 else { return nan }
  let z = normalCriticalValue(confidenceLevel: intervalLevel)
  var errors: [Double] = []
  for i in 0..<n {
    let s = (uppers[i] - lowers[i]) / (2 * z)
    guard s.isFinite, s >= 0, values[i].isFinite else { return nan }
    errors.append(s)
  }
  var state = seed
  func uniform() -> Double {
    // SplitMix64 (Steele, Lea & Flood 2014): 53 random bits in (0, 1).
    state &+= 0x9E37_79B9_7F4A_7C15
    var x = state
    x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
    x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
    x ^= x >> 31
    return (Double(x >> 11) + 0.5) / 9_007_199_254_740_992
  }
  var spare: Double? = nil
  func normal() -> Double {
    if let s = spare {
      spare = nil
      return s
    }
    let r = (-2 * Double.log(uniform())).squareRoot(), theta = 2 * Double.pi * uniform()
    spare = r * Double.sin(theta)
    return r * Double.cos(theta)
  }
  var simulated: [Double] = []
  simulated.reserveCapacity(repetitions)
  var draw = [Double](repeating: 0, count: n)
  for _ in 0..<repetitions {
    for i in 0..<n { draw[i] = values[i] + errors[i] * normal() }
    simulated.append(slopeIndexOfInequality(values: draw, populations: populations, multiplier: multiplier).sii)
  }
  simulated.sort()
  return ConfidenceInterval(
    lower: linearQuantile(simulated, probability: (1 - confidenceLevel) / 2),
    upper: linearQuantile(simulated, probability: (1 + confidenceLevel) / 2), confidenceLevel: confidenceLevel)
}
