/// How strong one indicator's result is as evidence that a step happened.
public enum EvidenceGrade: String, Sendable, Equatable, CaseIterable, Comparable {
  /// A significant change in the good direction, or the target achieved.
  case strong
  /// The good direction but not significant, or on track for the target.
  case some
  /// No significant change, and not in the good direction.
  case none
  /// A significant change in the bad direction.
  case contrary
  /// No data, or a trend that cannot be calculated (the reason says which).
  case missing

  /// Strongest first: strong < some < none < contrary < missing.
  public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
  var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

  /// The grades that carry data (every grade but missing).
  public static let evidenced: [EvidenceGrade] = [.strong, .some, .none, .contrary]
}

/// A piece of evidence's two probabilities in contribution tracing: its sensitivity P(E | H),
/// the probability of observing it if the contribution claim is true, and its type I error
/// P(E | ¬H), the probability of observing it if the claim is false.
public struct Likelihood: Sendable, Equatable {
  public var sensitivity: Double
  public var typeIError: Double
  public init(sensitivity: Double, typeIError: Double) {
    self.sensitivity = sensitivity
    self.typeIError = typeIError
  }
  /// sensitivity / type I error: how many times more likely the evidence is if the claim is true.
  public var likelihoodRatio: Double { sensitivity / typeIError }
}

/// Every threshold and default of the assessment, each settable under `assessment:` in the chain
/// file. The defaults, and why they are what they are, are in `indicators/chains/README.md`.
public struct AssessmentSettings: Sendable, Equatable {
  // MARK: Trends (passed to the per-series analysis)

  /// Significance level of the Mann-Kendall test behind "significant". Key `significance-level`.
  public var significanceLevel = 0.05
  /// Fewest values with which a trend is tested. Key `minimum-count`.
  public var minimumCount = 3

  // MARK: Step progress

  /// The score of each evidence grade; a step's score is the mean over its evidenced
  /// indicators. Keys `scores: {strong, some, none, contrary}`.
  public var scores: [EvidenceGrade: Double] = [.strong: 1, .some: 0.5, .none: 0, .contrary: -1]
  /// Progress is good from this mean score. Key `progress: good-from`.
  public var goodFrom = 0.75
  /// Progress is some from this mean score (below it, low). Key `progress: some-from`.
  public var someFrom = 0.25
  /// Progress is worsening below this mean score. Key `progress: worsening-below`.
  public var worseningBelow = 0.0

  // MARK: Step confidence

  /// High confidence needs at least this many evidenced indicators.
  /// Key `confidence: high-minimum-indicators`.
  public var highMinimumIndicators = 2
  /// High confidence needs at least this share of the step's indicators evidenced.
  /// Key `confidence: high-minimum-coverage`.
  public var highMinimumCoverage = 1.0
  /// Confidence is low when less than this share of the step's indicators is evidenced.
  /// Key `confidence: low-coverage-below`.
  public var lowCoverageBelow = 0.5
  /// A value more than this many of its own periods behind the reporting period is stale, and
  /// lowers the step's confidence one level. Key `confidence: stale-after-periods`.
  public var staleAfterPeriods = 1
  /// Whether an indicator significantly worse than its benchmark lowers the confidence of a step
  /// whose progress is good or some. Key `confidence: benchmark-worse-lowers`.
  public var benchmarkWorseLowers = true

  // MARK: Contribution story

  /// A path whose steps before the outcome are at least this share evidenced is "partly
  /// evidenced"; below it the chain is "not evidenced". Key `contribution: partly-evidenced-minimum`.
  public var partlyEvidencedMinimum = 0.5
  /// At most this many paths are walked per outcome. Key `contribution: maximum-paths`.
  public var maximumPaths = 10_000

  // MARK: Bayesian update (contribution tracing)

  /// The prior confidence in each contribution claim. Key `bayes: prior`.
  public var prior = 0.5
  /// Sensitivity and type I error of each grade of a step or assumption before the outcome:
  /// hoop tests, weakly confirming when passed, disconfirming when failed. Keys `bayes: steps:
  /// strong: {sensitivity, type-i-error}` and so on.
  public var likelihoods: [EvidenceGrade: Likelihood] = [
    .strong: Likelihood(sensitivity: 0.60, typeIError: 0.40),
    .some: Likelihood(sensitivity: 0.25, typeIError: 0.25),
    .none: Likelihood(sensitivity: 0.10, typeIError: 0.20),
    .contrary: Likelihood(sensitivity: 0.05, typeIError: 0.15),
  ]
  /// Sensitivity and type I error of each grade of the outcome itself, the change the claim is
  /// about. Keys `bayes: outcome: strong: {sensitivity, type-i-error}` and so on.
  public var outcomeLikelihoods: [EvidenceGrade: Likelihood] = [
    .strong: Likelihood(sensitivity: 0.70, typeIError: 0.30),
    .some: Likelihood(sensitivity: 0.20, typeIError: 0.20),
    .none: Likelihood(sensitivity: 0.07, typeIError: 0.30),
    .contrary: Likelihood(sensitivity: 0.03, typeIError: 0.20),
  ]
  /// The posterior from which confidence in the claim is high. Key `bayes: high-from`.
  public var claimHighFrom = 0.85
  /// The posterior from which confidence in the claim is medium (below it, low).
  /// Key `bayes: medium-from`.
  public var claimMediumFrom = 0.70

  public init() {}

  /// The score of a grade (0 for missing, which is never scored).
  public func score(_ grade: EvidenceGrade) -> Double { scores[grade] ?? 0 }

  /// The sensitivity and type I error of a grade of a step or assumption (`isOutcome` false) or
  /// of the outcome; missing evidence has none (no update).
  public func likelihood(_ grade: EvidenceGrade, isOutcome: Bool = false) -> Likelihood? {
    isOutcome ? outcomeLikelihoods[grade] : likelihoods[grade]
  }
}
