/// A directly standardised rate with its Dobson interval.
public struct DirectlyStandardisedRate: Sendable, Equatable {
  /// The rate per person, Σ wᵢxᵢ/nᵢ / Σ wᵢ (multiply by 100,000 for a rate per 100,000).
  public var rate: Double
  /// Its variance, Σ wᵢ²·vᵢ/nᵢ² / (Σ wᵢ)² with vᵢ the variance of the count in band i.
  public var variance: Double
  /// The total count Σ xᵢ.
  public var totalCount: Double
  /// The total population Σ nᵢ.
  public var totalPopulation: Double
  /// The Dobson interval per person.
  public var interval: ConfidenceInterval
}

/// The Dobson interval for a weighted sum of Poisson counts, such as a directly standardised
/// rate.
///
/// Formula: with O = the total count and (O_L, O_U) the Byars interval for O, the limits are
/// R + √(V/O)·(O_L − O) and R + √(V/O)·(O_U − O): the interval of the total count is scaled to
/// the rate through the ratio of their standard errors.
///
/// PHE publishes no rate below 10 events; that suppression is a rule for the domain layer:
/// this function still computes (and gives a NaN lower limit when Byars' lower limit is
/// negative). Edge cases: O ≤ 0 or NaN input give NaN limits.
///
/// - Parameters:
///   - rate: The weighted rate R.
///   - variance: Its variance V.
///   - totalCount: The total count O.
///   - confidenceLevel: In (0, 1).
/// - Returns: The limits, on the scale of `rate`.
/// - Complexity: O(1).
///
/// Reference: A. J. Dobson, K. Kuulasmaa, E. Eberle & J. Scherer (1991), "Confidence intervals
/// for weighted sums of Poisson parameters", *Statistics in Medicine* 10, 457–462.
public func dobsonInterval(
  rate: Double, variance: Double, totalCount: Double, confidenceLevel: Double
) -> ConfidenceInterval {
  var interval = ConfidenceInterval(lower: .nan, upper: .nan, confidenceLevel: confidenceLevel)
  guard totalCount > 0 else { return interval }
  let byars = byarsInterval(count: totalCount, confidenceLevel: confidenceLevel)
  let scale = (variance / totalCount).squareRoot()
  interval.lower = rate + scale * (byars.lower - totalCount)
  interval.upper = rate + scale * (byars.upper - totalCount)
  return interval
}

/// The directly standardised rate of age-specific (or other band-specific) counts, with its
/// Dobson confidence interval, as PHEindicatormethods' `calculate_dsr`.
///
/// Formula: R = Σ wᵢ·xᵢ/nᵢ / Σ wᵢ, V = Σ wᵢ²·vᵢ/nᵢ² / (Σ wᵢ)², where wᵢ is the standard
/// population, xᵢ the count and nᵢ the population of band i, and vᵢ = xᵢ (Poisson counts of
/// independent events) unless `countVariances` gives it; then
/// ``dobsonInterval(rate:variance:totalCount:confidenceLevel:)``. For events that are not
/// independent (one person with several events), pass vᵢ = Σₖ k²·(persons with k events), PHE's
/// "Dobson, with confidence adjusted for non-independent events".
///
/// Missing values: a NaN count is taken as 0 (as PHE does). A NaN or non-positive population,
/// or a NaN or negative weight, makes every result NaN (PHE stops with an error). PHE
/// suppresses the rate below 10 events in total; that rule belongs to the domain layer.
///
/// - Parameters:
///   - counts: xᵢ per band.
///   - populations: nᵢ per band, same length.
///   - standardPopulation: wᵢ per band (for example the European Standard Population 2013),
///     same length.
///   - confidenceLevel: In (0, 1).
///   - countVariances: vᵢ per band, or `nil` for vᵢ = xᵢ.
/// - Returns: The rate per person, its variance, the totals and the interval.
/// - Complexity: O(bands).
///
/// Reference: Public Health England (2018), *Technical Guide: Confidence Intervals*, §4.3;
/// A. J. Dobson et al. (1991), *Statistics in Medicine* 10, 457–462.
public func directlyStandardisedRate(
  counts: [Double], populations: [Double], standardPopulation: [Double],
  confidenceLevel: Double, countVariances: [Double]? = nil
) -> DirectlyStandardisedRate {
  precondition(
    counts.count == populations.count && counts.count == standardPopulation.count
      && (countVariances?.count ?? counts.count) == counts.count,
    "counts, populations, standard population and variances must have the same length")
  var weighted = 0.0
  var weightedVariance = 0.0
  var totalWeight = 0.0
  var totalCount = 0.0
  var totalPopulation = 0.0
  var isValid = true
  for i in counts.indices {
    let count = counts[i].isNaN ? 0 : counts[i]
    let population = populations[i]
    let weight = standardPopulation[i]
    if !(population > 0) || !(weight >= 0) || count < 0 { isValid = false }
    let countVariance = countVariances.map { $0[i].isNaN ? 0 : $0[i] } ?? count
    weighted += weight * count / population
    weightedVariance += weight * weight * countVariance / (population * population)
    totalWeight += weight
    totalCount += count
    totalPopulation += population
  }
  let rate = isValid ? weighted / totalWeight : .nan
  let variance = isValid ? weightedVariance / (totalWeight * totalWeight) : .nan
  return DirectlyStandardisedRate(
    rate: rate, variance: variance, totalCount: totalCount, totalPopulation: totalPopulation,
    interval: dobsonInterval(
      rate: rate, variance: variance, totalCount: totalCount, confidenceLevel: confidenceLevel))
}
