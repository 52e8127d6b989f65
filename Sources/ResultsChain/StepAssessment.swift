/// How far a step has got, from its indicators' evidence.
public enum Progress: String, Sendable, Equatable, CaseIterable {
  case good
  case some
  case low
  case worsening
  /// No indicator with data.
  case unknown

  /// For finding the weakest link: worsening 0, unknown 1, low 2, some 3, good 4.
  public var rank: Int {
    switch self {
    case .worsening: 0
    case .unknown: 1
    case .low: 2
    case .some: 3
    case .good: 4
    }
  }

  /// Good or some: the step counts as evidenced on a path.
  public var isEvidenced: Bool { self == .good || self == .some }
}

/// How much a judgement can be trusted.
public enum Confidence: String, Sendable, Equatable, CaseIterable, Comparable {
  case low
  case medium
  case high

  public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
  public var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    }
  }
  /// One level lower (low stays low).
  public var lowered: Confidence {
    switch self {
    case .high: .medium
    case .medium, .low: .low
    }
  }
}

/// Whether a step's evidenced indicators point the same way.
public enum Agreement: String, Sendable, Equatable, CaseIterable {
  /// All on one side: all positive (strong or some), all none, or all contrary.
  case agree
  /// Positive and none, or none and contrary.
  case mixed
  /// Positive and contrary together.
  case conflicting
  /// No evidenced indicator.
  case noEvidence = "no evidence"
}

/// One step's progress and confidence, and the evidence they rest on.
public struct StepAssessment: Sendable, Equatable {
  public var step: Step
  public var evidence: [Evidence]
  public var progress: Progress
  public var confidence: Confidence
  /// The mean score of the evidenced indicators; `nil` when none is evidenced.
  public var score: Double?
  /// The share of the step's indicators that are evidenced (0 when it has none).
  public var coverage: Double
  public var agreement: Agreement
  /// Why the confidence is what it is, one phrase each.
  public var confidenceReasons: [String]

  /// Assesses one step from its evidence (the rules of `indicators/chains/README.md`).
  ///
  /// Progress: the mean score of the evidenced indicators (strong 1, some 0.5, none 0,
  /// contrary −1 by default) is worsening below `worsening-below` (0), good from `good-from`
  /// (0.75), some from `some-from` (0.25), and low otherwise; unknown with no evidenced indicator.
  ///
  /// Confidence: low with no evidenced indicator, with coverage below `low-coverage-below` (0.5)
  /// or with conflicting evidence; high with at least `high-minimum-indicators` (2) evidenced
  /// indicators, coverage of at least `high-minimum-coverage` (1) and agreement; medium
  /// otherwise. Then one level lower when any evidenced value is stale, and one level lower when
  /// progress is good or some but an indicator is worse than its benchmark (when
  /// `benchmark-worse-lowers`).
  ///
  /// - Parameters:
  ///   - step: The step.
  ///   - evidence: One per indicator of the step, in the step's order.
  ///   - settings: The chain's settings.
  /// - Complexity: O(n) in the number of indicators.
  public init(step: Step, evidence: [Evidence], settings: AssessmentSettings) {
    self.step = step
    self.evidence = evidence
    let evidenced = evidence.filter(\.isEvidenced)
    coverage = evidence.isEmpty ? 0 : Double(evidenced.count) / Double(evidence.count)
    let positive = evidenced.filter { $0.grade == .strong || $0.grade == .some }.count
    let neutral = evidenced.filter { $0.grade == .none }.count
    let negative = evidenced.filter { $0.grade == .contrary }.count
    let sides = [positive, neutral, negative].filter { $0 > 0 }.count
    agreement =
      evidenced.isEmpty ? .noEvidence : sides == 1 ? .agree : (positive > 0 && negative > 0) ? .conflicting : .mixed
    guard !evidenced.isEmpty else {
      score = nil
      progress = .unknown
      confidence = .low
      confidenceReasons = [evidence.isEmpty ? "the step has no indicator" : "no indicator has data"]
      return
    }
    let mean = evidenced.map { settings.score($0.grade) }.reduce(0, +) / Double(evidenced.count)
    score = mean
    progress =
      mean < settings.worseningBelow
      ? .worsening : mean >= settings.goodFrom ? .good : mean >= settings.someFrom ? .some : .low
    var reasons: [String] = []
    let coverageText = "\(evidenced.count) of \(evidence.count) indicator\(evidence.count == 1 ? "" : "s") with data"
    var level: Confidence
    if coverage < settings.lowCoverageBelow {
      level = .low
      reasons.append(coverageText + " (below \(numberText(settings.lowCoverageBelow)) of them)")
    } else if agreement == .conflicting {
      level = .low
      reasons.append("the evidence conflicts: \(positive) positive, \(negative) contrary")
    } else if evidenced.count >= settings.highMinimumIndicators && coverage >= settings.highMinimumCoverage
      && agreement == .agree
    {
      level = .high
      reasons.append(coverageText + ", all agreeing")
    } else {
      level = .medium
      if evidenced.count < settings.highMinimumIndicators {
        reasons.append(coverageText + "; high confidence needs \(settings.highMinimumIndicators)")
      } else if coverage < settings.highMinimumCoverage {
        reasons.append(coverageText)
      } else {
        reasons.append(coverageText + ", not all agreeing")
      }
    }
    let stale = evidenced.filter(\.isStale)
    if !stale.isEmpty {
      level = level.lowered
      let names = stale.map { e in "\(e.reference.id) (\(e.periodsBehind ?? 0) periods behind)" }
      reasons.append("lowered: stale data: " + names.joined(separator: ", "))
    }
    if settings.benchmarkWorseLowers && progress.isEvidenced {
      let worse = evidenced.filter { $0.benchmark == .worse }
      if !worse.isEmpty {
        level = level.lowered
        reasons.append("lowered: worse than benchmark: " + worse.map(\.reference.id).joined(separator: ", "))
      }
    }
    confidence = level
    confidenceReasons = reasons
  }
}

/// Whether what an assumption says is borne out.
public enum AssumptionState: String, Sendable, Equatable, CaseIterable {
  /// Some indicator supports it and none contradicts it.
  case holds
  /// An indicator changed significantly against it.
  case challenged
  /// No indicator with data, or no change either way.
  case untested
}

public struct AssumptionAssessment: Sendable, Equatable {
  public var assumption: Assumption
  public var evidence: [Evidence]
  public var state: AssumptionState
  public var reason: String

  /// Challenged when any indicator is contrary; holds when one is strong or some; untested when
  /// none has data or all show no significant change.
  public init(assumption: Assumption, evidence: [Evidence]) {
    self.assumption = assumption
    self.evidence = evidence
    let evidenced = evidence.filter(\.isEvidenced)
    let contrary = evidenced.filter { $0.grade == .contrary }.map(\.reference.id)
    let supporting = evidenced.filter { $0.grade == .strong || $0.grade == .some }.map(\.reference.id)
    if evidenced.isEmpty {
      state = .untested
      reason = evidence.isEmpty ? "no indicator tests it" : "no indicator has data"
    } else if !contrary.isEmpty {
      state = .challenged
      reason = "contrary evidence: " + contrary.joined(separator: ", ")
    } else if !supporting.isEmpty {
      state = .holds
      reason = "supported by " + supporting.joined(separator: ", ")
    } else {
      state = .untested
      reason = "no significant change in its indicators: neither supported nor challenged"
    }
  }
}

/// Whether a risk is happening.
public enum RiskState: String, Sendable, Equatable, CaseIterable {
  case materialising
  case notMaterialising = "not materialising"
  case noSignal = "no signal"
}

public struct RiskAssessment: Sendable, Equatable {
  public var risk: Risk
  public var evidence: [Evidence]
  public var state: RiskState
  public var reason: String

  /// Materialising when any signal indicator changed significantly in its bad direction; not
  /// materialising when its indicators have data and none did; no signal without data.
  public init(risk: Risk, evidence: [Evidence]) {
    self.risk = risk
    self.evidence = evidence
    let evidenced = evidence.filter(\.isEvidenced)
    let contrary = evidenced.filter { $0.grade == .contrary }.map(\.reference.id)
    if evidenced.isEmpty {
      state = .noSignal
      reason = evidence.isEmpty ? "no indicator signals it" : "no indicator has data"
    } else if !contrary.isEmpty {
      state = .materialising
      reason = "significant change in the bad direction: " + contrary.joined(separator: ", ")
    } else {
      state = .notMaterialising
      reason = "no indicator changed significantly in its bad direction"
    }
  }
}
