import Indicators
import ResultsChain
import Testing

/// Each verdict on small chains whose answer is worked out here. U1 and U2 rise significantly
/// (strong), SM rises without significance (some), NO and FL do not improve (none), DN falls
/// significantly (contrary): see `assessmentCSV`. All are higher-is-better.
@Suite struct VerdictTests {
  func story(_ c: ResultsChain, _ outcome: String = "result") throws -> ContributionStory {
    try #require(c.assess(try chainData(assessmentCSV, chain: c)).story(outcome))
  }

  /// money (U1, good) → work (U2, good) → result (U1, good): the one path is evidenced and the
  /// outcome improves. All three steps are good with medium confidence (one indicator each), so
  /// the weakest link is the first on the path, money.
  @Test func contributionPlausible() throws {
    let s = try story(try line(["U1"], ["U2"], ["U1"]))
    #expect(s.verdict == .contributionPlausible)
    #expect(s.bestPath?.steps == ["money", "work", "result"])
    #expect(s.pathCount == 1 && s.evidencedPathCount == 1)
    #expect(s.gaps.isEmpty)
    #expect(s.weakestLink == "money")
    #expect(
      s.summary
        == "Contribution plausible: every step on money → work → result is evidenced and the outcome is improving; weakest link: money (good progress, medium confidence)."
    )
  }

  /// The weakest link is the step with the lowest progress, then confidence: work has SM (some)
  /// and is weaker than money and result (good).
  @Test func weakestLinkIsTheLowestStep() throws {
    let s = try story(try line(["U1"], ["SM"], ["U1"]))
    #expect(s.verdict == .contributionPlausible)
    #expect(s.weakestLink == "work")
  }

  /// money and work good, result NO (none, low progress): the chain is evidenced, the outcome
  /// not yet improving; the outcome is the gap.
  @Test func chainEvidencedOutcomeNotImproving() throws {
    let s = try story(try line(["U1"], ["U2"], ["NO"]))
    #expect(s.verdict == .chainEvidencedOutcomeNotImproving)
    #expect(s.gaps == ["result"])
    #expect(s.weakestLink == "result")
  }

  /// money and work NO (low), result U1 (good): 0 of the 2 steps before the outcome are
  /// evidenced, below the 0.5 that "partly" needs.
  @Test func outcomeImprovingChainNotEvidenced() throws {
    let s = try story(try line(["NO"], ["FL"], ["U1"]))
    #expect(s.verdict == .outcomeImprovingChainNotEvidenced)
    #expect(s.gaps == ["money", "work"])
    #expect(
      s.summary
        == "The outcome is improving but the chain is not evidenced: at best 0 of the 2 steps before it (money → work → result); gaps: money (low progress, medium confidence), work (low progress, medium confidence)."
    )
  }

  /// money U1 (good), work NO (low), result U1: 1 of 2 steps evidenced, 0.5 ≥ 0.5: partly
  /// evidenced, the gap named.
  @Test func partlyEvidenced() throws {
    let s = try story(try line(["U1"], ["NO"], ["U1"]))
    #expect(s.verdict == .partlyEvidenced)
    #expect(s.gaps == ["work"])
    #expect(s.bestPath?.evidencedSteps == 1)
    #expect(
      s.summary
        == "Partly evidenced: 1 of the 2 steps before the outcome are evidenced on the strongest path (money → work → result); gaps: work (low progress, medium confidence)."
    )
  }

  /// The outcome DN falls significantly: contradicted, whatever the chain below it.
  @Test func contradictedByTheOutcome() throws {
    let s = try story(try line(["U1"], ["U2"], ["DN"]))
    #expect(s.verdict == .contradicted)
    #expect(s.summary.hasPrefix("Contradicted: the outcome is worsening"))
  }

  /// work DN (worsening) breaks the only path, though the outcome improves.
  @Test func contradictedByABrokenChain() throws {
    let s = try story(try line(["U1"], ["DN"], ["U1"]))
    #expect(s.verdict == .contradicted)
    #expect(s.bestPath?.brokenBy == ["work"])
    #expect(s.summary == "Contradicted: every path is broken by work.")
  }

  /// A challenged assumption on the only link breaks the path too.
  @Test func contradictedByAChallengedAssumption() throws {
    let c = try line(
      ["U1"], ["U2"], ["U1"],
      extra: [
        "assumptions:", "  - id: uptake", "    statement: Families take it up", "    concerns: money -> work",
        "    indicators: [DN]",
      ])
    let s = try story(c)
    #expect(s.verdict == .contradicted)
    #expect(s.bestPath?.brokenBy == ["assumption uptake"])
    #expect(s.assumptionsAtIssue == ["uptake"])
  }

  /// Two paths: money → bad (DN, worsening) → result and money → good (U2) → result. The first
  /// is broken, the second evidenced: plausible, by the second path. A materialising risk on a
  /// step of that path is named.
  @Test func twoPathsOneEvidenced() throws {
    let c = try chain(
      steps: [
        "  - id: money", "    level: inputs", "    statement: M", "    indicators: [U1]", "    leads-to: [bad, good]",
        "  - id: bad", "    level: activities", "    statement: B", "    indicators: [DN]", "    leads-to: [result]",
        "  - id: good", "    level: activities", "    statement: G", "    indicators: [U2]", "    leads-to: [result]",
        "  - id: result", "    level: outcomes", "    statement: R", "    indicators: [U1]",
      ],
      extra: ["risks:", "  - id: cuts", "    statement: Cuts", "    threatens: [good]", "    indicators: [DN]"])
    let s = try story(c)
    #expect(s.verdict == .contributionPlausible)
    #expect(s.pathCount == 2 && s.evidencedPathCount == 1)
    #expect(s.bestPath?.steps == ["money", "good", "result"])
    #expect(s.risksMaterialising == ["cuts"])
  }

  /// Paths are counted through a diamond twice over: money → {a, b} → {c, d} → result makes
  /// 2 × 2 = 4 paths; with maximum-paths 3 the walk stops at 3 and says so.
  @Test func pathsAreCountedAndCapped() throws {
    let steps = [
      "  - id: money", "    level: inputs", "    statement: M", "    indicators: [U1]", "    leads-to: [a, b]",
      "  - id: a", "    level: activities", "    statement: A", "    indicators: [U1]", "    leads-to: [c, d]",
      "  - id: b", "    level: activities", "    statement: B", "    indicators: [U1]", "    leads-to: [c, d]",
      "  - id: c", "    level: activities", "    statement: C", "    indicators: [U1]", "    leads-to: [result]",
      "  - id: d", "    level: activities", "    statement: D", "    indicators: [U1]", "    leads-to: [result]",
      "  - id: result", "    level: outcomes", "    statement: R", "    indicators: [U1]",
    ]
    let all = try story(try chain(steps: steps))
    #expect(all.pathCount == 4 && !all.isTruncated)
    let capped = try story(try chain(steps: steps, extra: ["assessment: {contribution: {maximum-paths: 3}}"]))
    #expect(capped.pathCount == 3 && capped.isTruncated)
  }
}

/// Contribution tracing's update p′ = s·p / (s·p + t·(1 − p)), against values worked by hand.
/// In odds form the posterior odds are the prior odds times each likelihood ratio s/t.
@Suite struct BayesianUpdateTests {
  /// Prior 0.3; a step graded strong with s 0.8, t 0.2, then a missing piece, then a step graded
  /// contrary with s 0.1, t 0.4:
  /// 1. 0.8·0.3 = 0.24; 0.2·0.7 = 0.14; 0.24/0.38 = 0.631578947…
  /// 2. missing: no update.
  /// 3. 0.1·0.631579 = 0.0631579; 0.4·0.368421 = 0.1473684; 0.0631579/0.2105263 = 0.3.
  /// (Odds: 0.3/0.7 × 4 × 0.25 = 0.3/0.7, back to 0.3.)
  @Test func updateByHand() {
    var settings = AssessmentSettings()
    settings.likelihoods[.strong] = Likelihood(sensitivity: 0.8, typeIError: 0.2)
    settings.likelihoods[.contrary] = Likelihood(sensitivity: 0.1, typeIError: 0.4)
    let u = BayesianUpdate(
      prior: 0.3,
      pieces: [
        EvidencePiece(owner: "a", kind: .step, grade: .strong), EvidencePiece(owner: "b", kind: .step, grade: .missing),
        EvidencePiece(owner: "c", kind: .assumption, grade: .contrary),
      ],
      settings: settings)
    #expect(u.steps.count == 3)
    #expect(close(u.steps[0].posterior, 0.24 / 0.38))
    #expect(u.steps[1].likelihood == nil)
    #expect(u.steps[1].prior == u.steps[1].posterior)
    #expect(close(u.steps[2].prior, 0.24 / 0.38))
    #expect(close(u.posterior, 0.3))
    #expect(u.confidence == .low)
  }

  /// The outcome's piece uses the outcome likelihoods: prior 0.5 and an outcome graded strong
  /// (s 0.70, t 0.30): 0.35/(0.35 + 0.15) = 0.7, medium (0.70 ≤ p < 0.85); the same grade for a
  /// step (s 0.60, t 0.40): 0.3/0.5 = 0.6, low.
  @Test func outcomeLikelihoods() {
    let settings = AssessmentSettings()
    let outcome = BayesianUpdate(
      prior: 0.5, pieces: [EvidencePiece(owner: "o", kind: .outcome, grade: .strong)], settings: settings)
    #expect(close(outcome.posterior, 0.7))
    #expect(outcome.confidence == .medium)
    let step = BayesianUpdate(
      prior: 0.5, pieces: [EvidencePiece(owner: "s", kind: .step, grade: .strong)], settings: settings)
    #expect(close(step.posterior, 0.6))
    #expect(step.confidence == .low)
  }

  struct LineCase: Sendable, CustomTestStringConvertible {
    var work: String
    var result: String
    var grades: [EvidenceGrade]
    var posteriors: [Double]
    var confidence: Confidence
    var testDescription: String { "work \(work), result \(result)" }
  }

  /// The default likelihoods with prior 0.5 on the line money (U1) → work → result, one piece
  /// per step graded by its progress. Likelihood ratios s/t: steps strong 0.60/0.40 = 1.5, some
  /// 0.25/0.25 = 1, none 0.10/0.20 = 0.5, contrary 0.05/0.15 = 1/3; the outcome strong
  /// 0.70/0.30 = 7/3, some 0.20/0.20 = 1, none 0.07/0.30 = 7/30, contrary 0.03/0.20 = 0.15.
  /// - work U2, result U1: odds 1.5 → p 0.6; 2.25 → 2.25/3.25 = 0.692308; × 7/3 = 5.25 →
  ///   5.25/6.25 = 0.84, medium.
  /// - work U2, result NO: 2.25 × 7/30 = 0.525 → 0.525/1.525 = 0.344262, low.
  /// - work U2, result DN: 2.25 × 0.15 = 0.3375 → 0.3375/1.3375 = 0.252336, low.
  /// - work SM, result NO: 1.5 × 1 × 7/30 = 0.35 → 0.6, 0.6, 0.35/1.35 = 0.259259.
  /// - work NO, result SM: 1.5 × 0.5 = 0.75 → 0.75/1.75 = 0.428571, then × 1: unchanged.
  @Test(arguments: [
    LineCase(
      work: "U2", result: "U1", grades: [.strong, .strong, .strong], posteriors: [0.6, 2.25 / 3.25, 0.84],
      confidence: .medium),
    LineCase(
      work: "U2", result: "NO", grades: [.strong, .strong, .none], posteriors: [0.6, 2.25 / 3.25, 0.525 / 1.525],
      confidence: .low),
    LineCase(
      work: "U2", result: "DN", grades: [.strong, .strong, .contrary], posteriors: [0.6, 2.25 / 3.25, 0.3375 / 1.3375],
      confidence: .low),
    LineCase(
      work: "SM", result: "NO", grades: [.strong, .some, .none], posteriors: [0.6, 0.6, 0.35 / 1.35], confidence: .low),
    LineCase(
      work: "NO", result: "SM", grades: [.strong, .none, .some], posteriors: [0.6, 0.75 / 1.75, 0.75 / 1.75],
      confidence: .low),
  ])
  func defaultsOnALine(_ c: LineCase) throws {
    let chain = try line(["U1"], [c.work], [c.result])
    let s = try #require(chain.assess(try chainData(assessmentCSV, chain: chain)).story("result"))
    #expect(s.update.prior == 0.5)
    #expect(s.update.steps.map(\.owner) == ["money", "work", "result"])
    #expect(s.update.steps.map(\.kind) == [.step, .step, .outcome])
    #expect(s.update.steps.map(\.grade) == c.grades)
    #expect(s.update.steps.count == c.posteriors.count)
    for (step, expected) in zip(s.update.steps, c.posteriors) { #expect(close(step.posterior, expected)) }
    #expect(close(s.update.posterior, c.posteriors.last ?? 0))
    #expect(s.update.confidence == c.confidence)
  }

  /// An assumption on the path joins the update after the steps: U1 on it means it holds, graded
  /// strong, ratio 1.5: 5.25 × 1.5 = 7.875, p = 7.875/8.875 = 0.887324, high.
  @Test func assumptionsJoinTheUpdate() throws {
    let c = try line(
      ["U1"], ["U2"], ["U1"],
      extra: [
        "assumptions:", "  - id: uptake", "    statement: Families take it up", "    concerns: money -> work",
        "    indicators: [U1]",
      ])
    let s = try #require(c.assess(try chainData(assessmentCSV, chain: c)).story("result"))
    #expect(s.update.steps.last?.owner == "uptake")
    #expect(s.update.steps.last?.kind == .assumption)
    #expect(s.update.steps.last?.indicators == ["U1"])
    #expect(close(s.update.posterior, 7.875 / 8.875))
    #expect(s.update.confidence == .high)
  }
}
