public import Indicators
import Statistics

/// A results chain judged against indicator results: each step's progress and confidence, each
/// assumption and risk, and each final outcome's contribution story.
public struct ChainAssessment: Sendable, Equatable {
  public var chain: ResultsChain
  /// The label of the period reported on (see ``ChainData/reportingPeriod``); `nil` when no
  /// series of the chain has a value.
  public var reportingPeriod: String?
  /// One per step, in the chain's order.
  public var steps: [StepAssessment]
  public var assumptions: [AssumptionAssessment]
  public var risks: [RiskAssessment]
  /// One per final outcome, in the chain's order.
  public var stories: [ContributionStory]
  /// Inequality along the chain, when the chain has `equity:` and the data has quantiles.
  public var equity: [EquityResult]
  /// Things worth telling once: indicators with no series in the data.
  public var warnings: [ChainWarning]

  /// The assessment of step `id`.
  public func step(_ id: String) -> StepAssessment? { steps.first { $0.step.id == id } }
  /// The story of outcome `id`.
  public func story(_ id: String) -> ContributionStory? { stories.first { $0.outcome == id } }
}

extension ResultsChain {
  /// The analysis options the chain's settings ask for (significance level, fewest values).
  public var analysisOptions: AnalysisOptions {
    var o = AnalysisOptions()
    o.significanceLevel = settings.significanceLevel
    o.minimumCount = settings.minimumCount
    return o
  }

  /// A test of whether a series belongs to one of the chain's indicators (by its id, or by the
  /// id or an alias of its definition), to keep only those before the analysis.
  /// - Returns: A function taking a series and its definition (if any); O(1) per call on average.
  public func seriesSelector() -> @Sendable (Series, IndicatorDefinition?) -> Bool {
    let ids = Set(referencedIndicators)
    return { series, definition in
      if ids.contains(series.indicator) { return true }
      guard let definition else { return false }
      return ids.contains(definition.id) || definition.aliases.contains { ids.contains($0) }
    }
  }

  /// Assesses the chain against analysed indicator data.
  ///
  /// Each indicator reference is matched to one series (see `indicators/chains/README.md`,
  /// "Which series"), graded as evidence, and the grades are combined into step progress and
  /// confidence, assumption and risk states, and a contribution story for every final outcome.
  ///
  /// - Parameter data: The analysed series, the reporting period and the benchmark comparisons.
  /// - Returns: The assessment.
  /// - Complexity: O(r · m) for r indicator references and m series of the same indicator, plus
  ///   the stories' paths (at most `maximum-paths` per outcome).
  public func assess(_ data: ChainData) -> ChainAssessment {
    var finder = EvidenceFinder(chain: self, data: data)
    let stepEvidence = steps.map { $0.indicators.map { finder.evidence(for: $0) } }
    let assumptionEvidence = assumptions.map { $0.indicators.map { finder.evidence(for: $0) } }
    let riskEvidence = risks.map { $0.indicators.map { finder.evidence(for: $0) } }
    let stepAssessments = zip(steps, stepEvidence).map { StepAssessment(step: $0, evidence: $1, settings: settings) }
    let assumptionAssessments = zip(assumptions, assumptionEvidence).map {
      AssumptionAssessment(assumption: $0, evidence: $1)
    }
    let riskAssessments = zip(risks, riskEvidence).map { RiskAssessment(risk: $0, evidence: $1) }
    let outcomeIndexes = steps.indices.filter { i in steps[i].level == usedLevels?.upperBound }
    let stories = outcomeIndexes.map {
      ChainAssessment.story(
        of: $0, chain: self, steps: stepAssessments, assumptions: assumptionAssessments, risks: riskAssessments)
    }
    return ChainAssessment(
      chain: self, reportingPeriod: finder.reporting?.label, steps: stepAssessments, assumptions: assumptionAssessments,
      risks: riskAssessments, stories: stories, equity: finder.equity(steps: stepAssessments), warnings: finder.warnings
    )
  }
}

/// Finds the series of each indicator reference and grades it.
struct EvidenceFinder {
  let chain: ResultsChain
  let data: ChainData
  /// Position (group, result) of every series by indicator id, definition id and alias, for the
  /// chain's indicators only.
  private var index: [String: [Position]] = [:]
  private let locals: [String: LocalIndicator]
  /// The reporting period: the data's, or the latest period with a value among the chain's series.
  private(set) var reporting: Period?
  private(set) var warnings: [ChainWarning] = []
  private var warnedAbout = Set<String>()

  struct Position: Hashable {
    var group: Int
    var result: Int
  }

  /// Breakdown values that mean "everyone" (case ignored), preferred when several series match.
  static let totalWords: Set<String> = [
    "persons", "all", "all ages", "total", "all persons", "both sexes", "btsx", "_t", "t", "all people",
  ]

  init(chain: ResultsChain, data: ChainData) {
    self.chain = chain
    self.data = data
    var locals: [String: LocalIndicator] = [:]
    for l in chain.localIndicators where locals[l.id] == nil { locals[l.id] = l }
    self.locals = locals
    let wanted = Set(chain.referencedIndicators)
    var latest: Period?
    for g in data.groups.indices {
      let results = data.groups[g].results
      // Series of one indicator come together: decide once per run of equal ids, and add each
      // run's positions to the index at once.
      var runStart = 0
      var keys: [String] = []
      var i = 0
      while i <= results.count {
        let isNewRun =
          i == results.count || i == 0 || results[i].series.indicator != results[i - 1].series.indicator
          || results[i].definition?.id != results[i - 1].definition?.id
        if isNewRun {
          if !keys.isEmpty && runStart < i {
            let run = (runStart..<i).map { Position(group: g, result: $0) }
            for k in keys { index[k, default: []] += run }
          }
          guard i < results.count else { break }
          runStart = i
          var all = [results[i].series.indicator]
          if let d = results[i].definition {
            for k in [d.id] + d.aliases where !all.contains(k) { all.append(k) }
          }
          keys = all.filter { wanted.contains($0) }
        }
        // The latest period with a value among the chain's series, in the same pass.
        if !keys.isEmpty && data.reportingPeriod == nil, let label = results[i].lastPeriod {
          let periods = results[i].series.periods
          var j = periods.count - 1
          while j >= 0 && periods[j].label != label { j -= 1 }
          if j >= 0 {
            let period = periods[j]
            if latest.map({ ($0.end, $0.start) < (period.end, period.start) }) ?? true { latest = period }
          }
        }
        i += 1
      }
    }
    reporting = data.reportingPeriod ?? latest
  }

  private func result(_ p: Position) -> SeriesResult { data.groups[p.group].results[p.result] }

  /// The one series a reference means, or why there is none.
  func match(_ ref: IndicatorReference) -> Result<Position, MatchFailure> {
    // Positions are appended in (group, result) order, each once per key.
    var candidates = index[ref.id] ?? []
    let equityColumn = chain.equity?.breakdown
    candidates = candidates.filter { p in
      let results = data.groups[p.group].results
      if let area = ref.area, results[p.result].series.area != area { return false }
      let names = data.groups[p.group].breakdowns
      for (column, value) in ref.breakdown {
        guard let k = names.firstIndex(of: column) else { continue }  // a column the data lacks
        if results[p.result].series.breakdown[k] != value { return false }
      }
      // Deprivation quantiles are for equity, unless the reference asks for one.
      if let equityColumn, ref.breakdown[equityColumn] == nil, let k = names.firstIndex(of: equityColumn),
        results[p.result].series.breakdown[k] != nil
      {
        return false
      }
      return true
    }
    guard !candidates.isEmpty else { return .failure(.noSeries) }
    if candidates.count > 1 {
      // Prefer series whose other breakdowns are empty or say "everyone".
      let totals = candidates.filter { p in
        let names = data.groups[p.group].breakdowns
        return zip(names, result(p).series.breakdown).allSatisfy { name, value in
          ref.breakdown[name] != nil || value == nil || Self.totalWords.contains(value?.lowercased() ?? "")
        }
      }
      if totals.count == 1 { return .success(totals[0]) }
      return .failure(.ambiguous(totals.isEmpty ? candidates.count : totals.count))
    }
    return .success(candidates[0])
  }

  enum MatchFailure: Error {
    case noSeries
    case ambiguous(Int)
  }

  /// The evidence of one reference.
  mutating func evidence(for ref: IndicatorReference) -> Evidence {
    let local = locals[ref.id]
    var polarity: Polarity = local?.polarity ?? .noJudgement
    if let e = ref.expect { polarity = e == .increase ? .higherIsBetter : .lowerIsBetter }
    let p: Position
    switch match(ref) {
    case .failure(.noSeries):
      let where_ = ref.area.map { " for area \($0)" } ?? ""
      if warnedAbout.insert(ref.id + "\u{1}" + (ref.area ?? "")).inserted {
        warnings.append(
          ChainWarning(
            file: ref.location.file, line: ref.location.line, column: ref.location.column,
            "indicator \(ChainError.quoted(ref.id)) has no series in the data\(where_)"))
      }
      return Evidence(
        reference: ref, title: local?.title, polarity: polarity, grade: .missing, reason: "no data\(where_)")
    case .failure(.ambiguous(let n)):
      return Evidence(
        reference: ref, title: local?.title, polarity: polarity, grade: .missing,
        reason: "\(n) series match; name the area or breakdown in the chain")
    case .success(let found): p = found
    }
    let r = result(p)
    if ref.expect == nil && local == nil { polarity = r.definition?.polarity ?? r.polarity }
    let target: TargetProgress? =
      local?.target.flatMap { localTarget($0, local: local, at: p) } ?? (local == nil ? r.target : nil)
    let (grade, reason) = EvidenceGrade.grade(r, polarity: polarity, target: target)
    var evidence = Evidence(
      reference: ref, title: local?.title ?? r.definition?.title, polarity: polarity, grade: grade, reason: reason,
      status: r.status, area: r.series.area, lastPeriod: r.lastPeriod, lastValue: r.lastValue,
      pValue: r.mannKendall?.pValue, slope: r.sen?.slope, target: target,
      benchmark: (data.groups[p.group].benchmarks?[p.result] ?? nil) ?? data.benchmark?(r))
    if let reporting, let label = r.lastPeriod, let last = r.series.periods.last(where: { $0.label == label }) {
      let behind = Self.periodsBehind(last, reporting)
      evidence.periodsBehind = behind
      evidence.isStale = grade != .missing && behind > chain.settings.staleAfterPeriods
    }
    return evidence
  }

  /// Progress towards a local indicator's target, by the rule `analyze` uses for definitions:
  /// achieved when the latest value has reached the target in the good direction (the
  /// polarity's; without one, from the baseline towards the target); otherwise the latest
  /// value plus Sen's slope times the years to the target period's midpoint is compared with
  /// the target (on track, off track), or cannot be assessed without a target period or a
  /// trend from 3 values.
  private func localTarget(_ target: Target, local: LocalIndicator?, at p: Position) -> TargetProgress? {
    let r = result(p)
    guard let last = r.lastValue else { return nil }
    var baseline = r.firstValue ?? last
    if let b = local?.baselinePeriod,
      let v = data.groups[p.group].values(of: r.series).first(where: { $0.period.label == b })
    {
      baseline = v.value
    }
    let wantsHigher: Bool =
      switch local?.polarity {
      case .higherIsBetter?: true
      case .lowerIsBetter?: false
      case .noJudgement?, nil: target.value >= baseline
      }
    func meets(_ v: Double) -> Bool { wantsHigher ? v >= target.value : v <= target.value }
    var progress = TargetProgress(status: .cannotBeAssessed, target: target.value, targetPeriod: target.period)
    if meets(last) {
      progress.status = .achieved
      return progress
    }
    guard let label = target.period, let targetPeriod = try? Period.parse(label), let sen = r.sen, r.count >= 3,
      sen.slope.isFinite, let lastLabel = r.lastPeriod,
      let lastPeriod = r.series.periods.last(where: { $0.label == lastLabel })
    else { return progress }
    let projected = last + sen.slope * (targetPeriod.midpoint - lastPeriod.midpoint)
    progress.projected = projected
    progress.status = meets(projected) ? .onTrack : .offTrack
    return progress
  }

  /// How many whole periods of `last`'s length fit between its end and the reporting period's
  /// end: months for periods of whole months (a year 12, a quarter 3), days otherwise; 0 when
  /// `last` ends on or after the reporting period.
  static func periodsBehind(_ last: Period, _ reporting: Period) -> Int {
    guard reporting.end > last.end else { return 0 }
    if let months = last.monthCount, months > 0 {
      let gap = (reporting.end.year * 12 + reporting.end.month) - (last.end.year * 12 + last.end.month)
      return max(gap, 0) / months
    }
    return (reporting.end.daysSinceEpoch - last.end.daysSinceEpoch) / max(last.dayCount, 1)
  }

  /// Inequality along the chain (see ``EquityResult``).
  func equity(steps: [StepAssessment]) -> [EquityResult] {
    guard let settings = chain.equity else { return [] }
    return EquityResult.compute(
      chain: chain, settings: settings, steps: steps, data: data, reporting: reporting,
      candidates: { ref in self.quantileSeries(ref, column: settings.breakdown) })
  }

  /// The series of a reference split by the equity column: (quantile label, group, series).
  func quantileSeries(_ ref: IndicatorReference, column: String) -> [(label: String, group: Int, result: SeriesResult)]
  {
    var out: [(String, Int, SeriesResult)] = []
    for p in index[ref.id] ?? [] {
      let r = result(p)
      let names = data.groups[p.group].breakdowns
      guard let k = names.firstIndex(of: column), let label = r.series.breakdown[k] else { continue }
      if let area = ref.area, r.series.area != area { continue }
      let others = ref.breakdown.allSatisfy { name, value in
        guard name != column, let j = names.firstIndex(of: name) else { return true }
        return r.series.breakdown[j] == value
      }
      if others { out.append((label, p.group, r)) }
    }
    return out
  }
}
