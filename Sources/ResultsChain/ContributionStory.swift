/// The verdict on a final outcome's contribution claim.
public enum Verdict: String, Sendable, Equatable, CaseIterable {
  /// Every step on some path from an input is evidenced and the outcome is improving.
  case contributionPlausible = "contribution plausible"
  /// Some steps are evidenced, with gaps (named).
  case partlyEvidenced = "partly evidenced"
  /// The outcome improves, but less than `partly-evidenced-minimum` of the steps before it are
  /// evidenced on any path.
  case outcomeImprovingChainNotEvidenced = "outcome improving but the chain is not evidenced"
  /// A whole path is evidenced but the outcome is not (yet) improving.
  case chainEvidencedOutcomeNotImproving = "chain evidenced but the outcome not yet improving"
  /// The outcome is worsening, or every path is broken by a worsening step or a challenged
  /// assumption.
  case contradicted
}

/// One path from an input to an outcome.
public struct ChainPath: Sendable, Equatable {
  /// Step ids from the input to the outcome.
  public var steps: [String]
  /// How many of the steps before the outcome are evidenced (progress good or some).
  public var evidencedSteps: Int
  /// Whether every step before the outcome is evidenced and no assumption on the path is
  /// challenged.
  public var isEvidenced: Bool
  /// The worsening steps and challenged assumptions that break the path.
  public var brokenBy: [String]
  /// The share of the steps before the outcome that are evidenced (1 for a path of one step).
  public var evidencedShare: Double {
    steps.count <= 1 ? 1 : Double(evidencedSteps) / Double(steps.count - 1)
  }
}

/// One piece of evidence in the Bayesian update (a step, the outcome or an assumption, with
/// its indicators taken together as one package), with the confidence before and after it.
public struct BayesianUpdateStep: Sendable, Equatable {
  /// What the piece is evidence of.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case step
    case outcome
    case assumption
  }

  /// The step or assumption id.
  public var owner: String
  public var kind: Kind
  /// The indicators of the package.
  public var indicators: [String]
  /// The package's grade: a step's progress read as a grade (good strong, some some, low none,
  /// worsening contrary, unknown missing); an assumption's state (challenged contrary, holds
  /// its best supporting grade, untested none with data and missing without).
  public var grade: EvidenceGrade
  /// P(E | H) and P(E | ¬H); `nil` for missing evidence, which does not update.
  public var likelihood: Likelihood?
  public var prior: Double
  public var posterior: Double
}

/// A piece of evidence before the update: whose it is, its indicators and its grade.
public struct EvidencePiece: Sendable, Equatable {
  public var owner: String
  public var kind: BayesianUpdateStep.Kind
  public var indicators: [String]
  public var grade: EvidenceGrade
  public init(owner: String, kind: BayesianUpdateStep.Kind, indicators: [String] = [], grade: EvidenceGrade) {
    self.owner = owner
    self.kind = kind
    self.indicators = indicators
    self.grade = grade
  }
}

/// Contribution tracing's Bayesian update of the confidence in a contribution claim.
///
/// Each piece of evidence E with sensitivity s = P(E | H) and type I error t = P(E | ¬H) turns
/// the confidence p into p′ = s·p / (s·p + t·(1 − p)) (Bayes' rule; Befani & Stedman-Bryce 2017).
/// Pieces are applied one after another, which treats them as independent given H and given ¬H;
/// that is why each step's indicators are taken together as one package.
public struct BayesianUpdate: Sendable, Equatable {
  public var prior: Double
  public var steps: [BayesianUpdateStep]
  public var posterior: Double
  /// The posterior's band: high from `high-from`, medium from `medium-from`, else low.
  public var confidence: Confidence

  /// Updates `prior` with each piece in order: the outcome's pieces use the outcome
  /// likelihoods, the others the step likelihoods.
  ///
  /// - Parameters:
  ///   - prior: The confidence in the claim before any evidence, in (0, 1).
  ///   - pieces: The pieces, in order.
  ///   - settings: The likelihood of each grade and the bands.
  /// - Complexity: O(n).
  public init(prior: Double, pieces: [EvidencePiece], settings: AssessmentSettings) {
    self.prior = prior
    var p = prior
    var steps: [BayesianUpdateStep] = []
    for piece in pieces {
      let l = settings.likelihood(piece.grade, isOutcome: piece.kind == .outcome)
      let before = p
      if let l { p = Self.update(p, l) }
      steps.append(
        BayesianUpdateStep(
          owner: piece.owner, kind: piece.kind, indicators: piece.indicators, grade: piece.grade, likelihood: l,
          prior: before, posterior: p))
    }
    self.steps = steps
    posterior = p
    confidence = p >= settings.claimHighFrom ? .high : p >= settings.claimMediumFrom ? .medium : .low
  }

  /// Bayes' rule for one piece: s·p / (s·p + t·(1 − p)).
  public static func update(_ p: Double, _ l: Likelihood) -> Double {
    let numerator = l.sensitivity * p
    return numerator / (numerator + l.typeIError * (1 - p))
  }
}

extension Progress {
  /// A step's progress read as the grade of its evidence package: good strong, some some, low
  /// none, worsening contrary, unknown missing.
  public var grade: EvidenceGrade {
    switch self {
    case .good: .strong
    case .some: .some
    case .low: .none
    case .worsening: .contrary
    case .unknown: .missing
    }
  }
}

extension AssumptionAssessment {
  /// The assumption's evidence package as a grade: contrary when challenged; when it holds, the
  /// best grade supporting it; none when its indicators show no change; missing without data.
  public var grade: EvidenceGrade {
    switch state {
    case .challenged: return .contrary
    case .holds: return evidence.contains { $0.grade == .strong } ? .strong : .some
    case .untested: return evidence.contains(where: \.isEvidenced) ? .none : .missing
    }
  }
}

/// A final outcome's contribution story: the paths that lead to it, the verdict, the gaps and the
/// weakest link, and the Bayesian confidence in the claim.
public struct ContributionStory: Sendable, Equatable {
  /// The outcome's step id.
  public var outcome: String
  public var verdict: Verdict
  /// One or two sentences an evaluator can read out.
  public var summary: String
  /// How many paths from an input reach the outcome (at most `maximum-paths` are walked).
  public var pathCount: Int
  public var evidencedPathCount: Int
  /// Whether the walk stopped at `maximum-paths`.
  public var isTruncated: Bool
  /// The strongest path: evidenced first, then the largest evidenced share, then the strongest
  /// weakest step; the first written wins ties.
  public var bestPath: ChainPath?
  /// The steps on the strongest path that are not evidenced (the outcome too when it is not
  /// improving).
  public var gaps: [String]
  /// The weakest step on the strongest path (lowest progress, then lowest confidence; the first
  /// on the path wins ties).
  public var weakestLink: String?
  /// Assumptions on the strongest path that are challenged or untested.
  public var assumptionsAtIssue: [String]
  /// Risks threatening steps of the strongest path that are materialising.
  public var risksMaterialising: [String]
  public var update: BayesianUpdate
}

extension ChainAssessment {
  /// The contribution story of one outcome.
  ///
  /// Verdict, in this order: contradicted when the outcome is worsening or every path is broken;
  /// contribution plausible when the outcome is improving and some path is evidenced; chain
  /// evidenced but the outcome not yet improving when some path is evidenced; outcome improving
  /// but the chain is not evidenced when the outcome is improving and no path has at least
  /// `partly-evidenced-minimum` of its steps evidenced; partly evidenced otherwise.
  ///
  /// - Complexity: O(P · L) for P paths (at most `maximum-paths`) of length L, plus O(s + l).
  static func story(
    of outcome: Int, chain: ResultsChain, steps: [StepAssessment], assumptions: [AssumptionAssessment],
    risks: [RiskAssessment]
  ) -> ContributionStory {
    let settings = chain.settings
    let ids = chain.steps.map(\.id)
    var index: [String: Int] = [:]
    for (i, id) in ids.enumerated() where index[id] == nil { index[id] = i }
    // Steps that reach the outcome (its ancestors and itself).
    let reaches = ancestors(of: outcome, chain: chain, index: index)
    let paths = walk(to: outcome, chain: chain, index: index, reaches: reaches, limit: settings.maximumPaths)
    func assumptionsOn(_ path: [Int]) -> [AssumptionAssessment] {
      assumptions.filter { a in
        switch a.assumption.concerns {
        case .step(let s): return path.contains { ids[$0] == s }
        case .link(let f, let t): return zip(path, path.dropFirst()).contains { ids[$0.0] == f && ids[$0.1] == t }
        }
      }
    }
    var described: [(ChainPath, [Int])] = []
    for p in paths.paths {
      let upstream = p.dropLast()
      let evidenced = upstream.filter { steps[$0].progress.isEvidenced }.count
      let worsening = upstream.filter { steps[$0].progress == .worsening }.map { ids[$0] }
      let against = assumptionsOn(p).filter { $0.state == .challenged }.map { "assumption \($0.assumption.id)" }
      let path = ChainPath(
        steps: p.map { ids[$0] }, evidencedSteps: evidenced,
        isEvidenced: evidenced == upstream.count && against.isEmpty, brokenBy: worsening + against)
      described.append((path, p))
    }
    func strength(_ i: Int) -> Int { steps[i].progress.rank * 3 + steps[i].confidence.rank }
    let best = described.enumerated().max { a, b in
      let ka = (
        a.element.0.isEvidenced ? 1 : 0, a.element.0.evidencedShare, a.element.1.dropLast().map(strength).min() ?? 99
      )
      let kb = (
        b.element.0.isEvidenced ? 1 : 0, b.element.0.evidencedShare, b.element.1.dropLast().map(strength).min() ?? 99
      )
      // Ties keep the first written: a later path must be strictly stronger.
      return ka < kb || (ka == kb && a.offset > b.offset)
    }?.element
    let outcomeStep = steps[outcome]
    let improving = outcomeStep.progress.isEvidenced
    let anyEvidenced = described.contains { $0.0.isEvidenced }
    let allBroken = !described.isEmpty && described.allSatisfy { !$0.0.brokenBy.isEmpty }
    let bestShare = best?.0.evidencedShare ?? 0
    let verdict: Verdict
    if outcomeStep.progress == .worsening || allBroken {
      verdict = .contradicted
    } else if improving && anyEvidenced {
      verdict = .contributionPlausible
    } else if anyEvidenced {
      verdict = .chainEvidencedOutcomeNotImproving
    } else if improving && bestShare < settings.partlyEvidencedMinimum {
      verdict = .outcomeImprovingChainNotEvidenced
    } else {
      verdict = .partlyEvidenced
    }
    var gaps: [String] = []
    var weakest: String?
    var atIssue: [String] = []
    var materialising: [String] = []
    if let (path, p) = best {
      gaps = p.dropLast().filter { !steps[$0].progress.isEvidenced }.map { ids[$0] }
      if !improving { gaps.append(ids[outcome]) }
      weakest = p.min { strength($0) < strength($1) }.map { ids[$0] }
      atIssue = assumptionsOn(p).filter { $0.state != .holds }.map(\.assumption.id)
      let onPath = Set(path.steps)
      materialising = risks.filter { r in r.state == .materialising && r.risk.threatens.contains { onPath.contains($0) }
      }
      .map(\.risk.id)
    }
    let update = bayesianUpdate(
      path: best?.1 ?? [], outcome: outcome, chain: chain, steps: steps,
      assumptions: best.map { assumptionsOn($0.1) } ?? [])
    var story = ContributionStory(
      outcome: ids[outcome], verdict: verdict, summary: "", pathCount: paths.paths.count,
      evidencedPathCount: described.filter { $0.0.isEvidenced }.count, isTruncated: paths.isTruncated,
      bestPath: best?.0, gaps: gaps, weakestLink: weakest, assumptionsAtIssue: atIssue,
      risksMaterialising: materialising, update: update)
    story.summary = summary(story, outcome: outcomeStep, steps: steps, index: index, allPaths: described.map(\.0))
    return story
  }

  /// The indexes of the steps from which `outcome` can be reached, itself included.
  private static func ancestors(of outcome: Int, chain: ResultsChain, index: [String: Int]) -> [Bool] {
    var predecessors = [[Int]](repeating: [], count: chain.steps.count)
    for (i, s) in chain.steps.enumerated() { for t in s.leadsTo { if let w = index[t] { predecessors[w].append(i) } } }
    var reaches = [Bool](repeating: false, count: chain.steps.count)
    reaches[outcome] = true
    var queue = [outcome]
    while let v = queue.popLast() {
      for u in predecessors[v] where !reaches[u] {
        reaches[u] = true
        queue.append(u)
      }
    }
    return reaches
  }

  /// Every path from an input (a step at the lowest level used) to `outcome`, depth first in
  /// the order steps and links are written, at most `limit`.
  private static func walk(
    to outcome: Int, chain: ResultsChain, index: [String: Int], reaches: [Bool], limit: Int
  ) -> (paths: [[Int]], isTruncated: Bool) {
    guard let bottom = chain.usedLevels?.lowerBound else { return ([], false) }
    var paths: [[Int]] = []
    var truncated = false
    var path: [Int] = []
    func visit(_ v: Int) {
      guard !truncated else { return }
      path.append(v)
      defer { path.removeLast() }
      if v == outcome {
        if paths.count == limit {
          truncated = true
          return
        }
        paths.append(path)
        return
      }
      for t in chain.steps[v].leadsTo {
        if let w = index[t], reaches[w], !path.contains(w) { visit(w) }
      }
    }
    for (i, s) in chain.steps.enumerated() where s.level == bottom && reaches[i] { visit(i) }
    return (paths, truncated)
  }

  /// The update along the strongest path: each step's package in path order (the outcome's
  /// with the outcome likelihoods), then each assumption about the path's steps or links, in
  /// the order written. Without a path, the outcome alone.
  private static func bayesianUpdate(
    path: [Int], outcome: Int, chain: ResultsChain, steps: [StepAssessment], assumptions: [AssumptionAssessment]
  ) -> BayesianUpdate {
    let order = path.isEmpty ? [outcome] : path
    var pieces = order.map { i in
      EvidencePiece(
        owner: chain.steps[i].id, kind: i == outcome ? .outcome : .step,
        indicators: steps[i].evidence.map(\.reference.id), grade: steps[i].progress.grade)
    }
    for a in assumptions {
      pieces.append(
        EvidencePiece(
          owner: a.assumption.id, kind: .assumption, indicators: a.evidence.map(\.reference.id), grade: a.grade))
    }
    return BayesianUpdate(prior: chain.settings.prior, pieces: pieces, settings: chain.settings)
  }

  private static func summary(
    _ s: ContributionStory, outcome: StepAssessment, steps: [StepAssessment], index: [String: Int],
    allPaths: [ChainPath]
  ) -> String {
    func describe(_ id: String) -> String {
      guard let i = index[id] else { return id }
      return "\(id) (\(steps[i].progress.rawValue) progress, \(steps[i].confidence.rawValue) confidence)"
    }
    let pathText = s.bestPath.map { $0.steps.joined(separator: " → ") } ?? "no path"
    let weakest = s.weakestLink.map { "; weakest link: \(describe($0))" } ?? ""
    let gaps = s.gaps.isEmpty ? "" : "; gaps: " + s.gaps.map(describe).joined(separator: ", ")
    let before = max((s.bestPath?.steps.count ?? 1) - 1, 0)
    let evidenced = s.bestPath?.evidencedSteps ?? 0
    switch s.verdict {
    case .contributionPlausible:
      return "Contribution plausible: every step on \(pathText) is evidenced and the outcome is improving\(weakest)."
    case .chainEvidencedOutcomeNotImproving:
      return
        "The chain is evidenced (\(pathText)) but the outcome is not yet improving (\(outcome.progress.rawValue) progress)\(weakest)."
    case .outcomeImprovingChainNotEvidenced:
      return
        "The outcome is improving but the chain is not evidenced: at best \(evidenced) of the \(before) steps before it (\(pathText))\(gaps)."
    case .partlyEvidenced:
      return
        "Partly evidenced: \(evidenced) of the \(before) steps before the outcome are evidenced on the strongest path (\(pathText))\(gaps)."
    case .contradicted:
      if outcome.progress == .worsening {
        return "Contradicted: the outcome is worsening (\(outcome.confidence.rawValue) confidence)."
      }
      let breaks = Array(Set(allPaths.flatMap(\.brokenBy))).sorted()
      return "Contradicted: every path is broken by \(breaks.joined(separator: ", "))."
    }
  }
}
