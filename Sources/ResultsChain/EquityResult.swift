public import Indicators
import Statistics

/// Inequality in one indicator of one step across deprivation quantiles: the slope index of
/// inequality (SII) in the latest period all quantiles share, and in the earliest, so that
/// inequality in reach can be read next to inequality in outcomes.
public struct EquityResult: Sendable, Equatable {
  /// What the step is, for reading equity along the chain.
  public enum Role: String, Sendable, Equatable, CaseIterable {
    /// A step at the reach level (`engagement` by default, or `equity: reach-level`).
    case reach
    /// A final outcome.
    case outcome
    /// Any other step.
    case step
  }

  /// Whether the gap between the most and least deprived shrank from the earliest to the latest
  /// period (point estimates, no test).
  public enum GapTrend: String, Sendable, Equatable, CaseIterable {
    case narrowing
    case widening
    case unchanged
  }

  public var step: String
  public var level: Int
  public var role: Role
  public var indicator: String
  public var polarity: Polarity
  /// The quantile labels, most deprived first.
  public var quantiles: [String]
  public var period: String
  /// The fitted value at the least deprived end minus the fitted value at the most deprived end
  /// (the indicator's unit).
  public var sii: Double
  /// The fitted value at the least deprived end over the most deprived end.
  public var rii: Double
  /// Whether the quantiles were weighted by their denominators (else equally).
  public var isWeighted: Bool
  public var earlierPeriod: String?
  public var earlierSII: Double?
  public var gapTrend: GapTrend?

  /// Who the gap disadvantages, by the indicator's polarity: "the most deprived" when the least
  /// deprived are better off, "the least deprived" when the most deprived are, "neither" at 0,
  /// and `nil` without polarity.
  public var disadvantaged: String? {
    guard polarity != .noJudgement, sii.isFinite else { return nil }
    if sii == 0 { return "neither" }
    let leastDeprivedHigher = sii > 0
    return leastDeprivedHigher == (polarity == .higherIsBetter) ? "the most deprived" : "the least deprived"
  }

  /// The quantile rank of a label, 1 for the first: a whole number the label starts with
  /// ("1 - most deprived"); else Fingertips' words ("Most deprived decile",
  /// "Second most deprived …", "Third more deprived …", "Fifth less deprived …", "Second least
  /// deprived …", "Least deprived …": counted from the most deprived with most and more, from
  /// the least deprived, the `count`th, with least and less); else the first whole number in
  /// the label ("Quintile 4").
  static func quantileNumber(_ label: String, count: Int) -> Int? {
    let words = label.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    let ordinals = [
      "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
      "tenth": 10,
    ]
    if let first = words.first, let n = Int(first) { return n }
    if let d = words.firstIndex(of: "deprived"), d >= 1, ["most", "more", "least", "less"].contains(words[d - 1]) {
      let k = d >= 2 ? ordinals[words[d - 2]] ?? 1 : 1
      return words[d - 1] == "most" || words[d - 1] == "more" ? k : count - k + 1
    }
    return words.lazy.compactMap { Int($0) }.first
  }

  /// The equity results of every step indicator that has quantile series.
  static func compute(
    chain: ResultsChain, settings: EquitySettings, steps: [StepAssessment], data: ChainData, reporting: Period?,
    candidates: (IndicatorReference) -> [(label: String, group: Int, result: SeriesResult)]
  ) -> [EquityResult] {
    let top = chain.usedLevels?.upperBound
    let reachLevel = settings.reachLevel ?? chain.levels.firstIndex { $0.id == "engagement" }
    var out: [EquityResult] = []
    for s in steps {
      for e in s.evidence {
        let series = candidates(e.reference)
        guard series.count >= 2 else { continue }
        let numbered = series.map { (n: quantileNumber($0.label, count: series.count), s: $0) }
        guard numbered.allSatisfy({ $0.n != nil }), Set(numbered.compactMap(\.n)).count == series.count else {
          continue
        }
        let ordered = numbered.sorted {
          settings.mostDeprivedFirst ? ($0.n ?? 0) < ($1.n ?? 0) : ($0.n ?? 0) > ($1.n ?? 0)
        }.map(\.s)
        let values = ordered.map { data.groups[$0.group].values(of: $0.result.series) }
        // The periods every quantile has a value for, up to the reporting period.
        var common = Set(values[0].map(\.period))
        for v in values.dropFirst() { common.formIntersection(v.map(\.period)) }
        if let reporting { common = common.filter { $0.end <= reporting.end } }
        guard let latest = common.max(), let earliest = common.min() else { continue }
        let polarity =
          e.polarity != .noJudgement ? e.polarity : (ordered[0].result.definition?.polarity ?? .noJudgement)
        func sii(at period: Period) -> (SlopeIndexOfInequality, Bool) {
          let rows = values.map { v in v.first { $0.period == period } }
          let ys = rows.map { $0?.value ?? .nan }
          let ds = rows.map { $0?.denominator }
          let weighted = ds.allSatisfy { ($0 ?? 0) > 0 }
          let populations = weighted ? ds.map { $0 ?? 1 } : ys.map { _ in 1.0 }
          return (slopeIndexOfInequality(values: ys, populations: populations), weighted)
        }
        let (now, weighted) = sii(at: latest)
        guard now.sii.isFinite else { continue }
        var result = EquityResult(
          step: s.step.id, level: s.step.level,
          role: s.step.level == top ? .outcome : s.step.level == reachLevel ? .reach : .step,
          indicator: e.reference.id, polarity: polarity, quantiles: ordered.map(\.label), period: latest.label,
          sii: now.sii, rii: now.rii, isWeighted: weighted)
        if earliest != latest {
          let (then, _) = sii(at: earliest)
          if then.sii.isFinite {
            result.earlierPeriod = earliest.label
            result.earlierSII = then.sii
            result.gapTrend =
              abs(now.sii) < abs(then.sii) ? .narrowing : abs(now.sii) > abs(then.sii) ? .widening : .unchanged
          }
        }
        out.append(result)
      }
    }
    return out
  }
}
