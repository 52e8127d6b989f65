import Indicators
import ResultsChain
import Testing

/// Evidence grades, step progress and confidence, assumptions and risks, on the series of
/// `assessmentCSV` (their Mann-Kendall results and Sen's slopes are worked in its comment).
@Suite struct EvidenceGradeTests {
  /// One step "result" at the outcome level with one indicator; the grade of that indicator.
  func evidence(_ id: String, lower: Set<String> = [], extraIndicators: [String] = [], reporting: String? = nil)
    throws -> Evidence
  {
    let c = try chain(
      steps: ["  - id: result", "    level: outcomes", "    statement: Result", "    indicators: [\(id)]"], lower: lower
    )
    let data = try chainData(assessmentCSV, chain: c, reportingPeriod: reporting)
    return try #require(c.assess(data).step("result")?.evidence.first)
  }

  /// Each grade and its reason:
  /// - U1 rises significantly (p 0.0085 < 0.05) and higher is better: strong.
  /// - DN falls significantly: contrary for higher-is-better …
  /// - … and strong when lower is better.
  /// - SM rises, p 0.308: some (good direction, not significant).
  /// - NO falls, p 0.308, higher is better: none. FL does not move: none.
  /// - M2 has 2 values: missing (cannot be calculated). NONE has no series: missing (no data).
  struct GradeCase: Sendable, CustomTestStringConvertible {
    var id: String
    var lower: Set<String> = []
    var grade: EvidenceGrade
    var reason: String
    var testDescription: String { "\(id)\(lower.isEmpty ? "" : " lower") → \(grade)" }
  }

  @Test(arguments: [
    GradeCase(
      id: "U1", grade: .strong,
      reason: "significant change in the good direction (Mann-Kendall p = 0.009, Sen's slope +1.2 a year)"),
    GradeCase(
      id: "DN", grade: .contrary,
      reason: "significant change in the bad direction (Mann-Kendall p = 0.009, Sen's slope -1.2 a year)"),
    GradeCase(
      id: "DN", lower: ["DN"], grade: .strong,
      reason: "significant change in the good direction (Mann-Kendall p = 0.009, Sen's slope -1.2 a year)"),
    GradeCase(
      id: "SM", grade: .some,
      reason: "good direction, not significant (Mann-Kendall p = 0.308, Sen's slope +0.75 a year)"),
    GradeCase(id: "NO", grade: .none, reason: "no significant change (Mann-Kendall p = 0.308)"),
    GradeCase(id: "FL", grade: .none, reason: "no significant change (Mann-Kendall p = 1.000)"),
    GradeCase(id: "M2", grade: .missing, reason: "cannot be calculated: 2 values; a trend needs 3"),
    GradeCase(id: "NONE", grade: .missing, reason: "no data"),
  ])
  func grade(_ c: GradeCase) throws {
    let e = try evidence(c.id, lower: c.lower)
    #expect(e.grade == c.grade)
    #expect(e.reason == c.reason)
  }

  /// A reference's `expect:` overrides the indicator's polarity: DN falling is strong when a
  /// decrease is expected.
  @Test func expectOverridesPolarity() throws {
    let c = try chain(steps: [
      "  - id: result", "    level: outcomes", "    statement: R", "    indicators: [{id: DN, expect: decrease}]",
    ])
    let e = try #require(c.assess(try chainData(assessmentCSV, chain: c)).step("result")?.evidence.first)
    #expect(e.grade == .strong)
    #expect(e.polarity == .lowerIsBetter)
  }

  /// Targets of the chain's own indicators, with SM (10, 12, 11, 13 over 2020–2023, Sen's slope
  /// 0.75 a year, baseline 10):
  /// - target 12: the latest value 13 ≥ 12 (baseline 10 is below the target, so higher is
  ///   wanted): achieved, strong (though the trend alone is only "some");
  /// - target 16 by 2026: 13 + 0.75 × (2026.5 − 2023.5) = 15.25 < 16: off track, so the trend
  ///   decides: some;
  /// - target 15 by 2026: 15.25 ≥ 15: on track, some, with the target's reason;
  /// - target 9, below the baseline 10 of a higher-is-better indicator: a floor, met by 13 ≥ 9:
  ///   achieved, strong (the direction is the polarity's, not from the baseline to the target).
  @Test(arguments: [
    ("{value: 12}", EvidenceGrade.strong, "target 12 achieved", TargetProgress.Status.achieved, nil as Double?),
    ("{value: 9}", .strong, "target 9 achieved", .achieved, nil),
    (
      "{value: 16, period: \"2026\"}", .some,
      "good direction, not significant (Mann-Kendall p = 0.308, Sen's slope +0.75 a year)", .offTrack, 15.25
    ),
    ("{value: 15, period: \"2026\"}", .some, "on track for the target 15 by 2026", .onTrack, 15.25),
  ])
  func localTargets(
    target: String, grade: EvidenceGrade, reason: String, status: TargetProgress.Status, projected: Double?
  ) throws {
    let yaml = """
      name: T
      levels: [outcomes]
      indicators:
        - id: SM
          title: Some
          polarity: higher-is-better
          target: \(target)
      steps:
        - id: result
          level: outcomes
          statement: R
          indicators: [SM]
      """
    let c = try ResultsChain(yaml: yaml, file: "t.yaml")
    let e = try #require(c.assess(try chainData(assessmentCSV, chain: c)).step("result")?.evidence.first)
    #expect(e.grade == grade)
    #expect(e.reason == reason)
    #expect(e.target?.status == status)
    if let projected { #expect(close(e.target?.projected, projected)) }
  }

  /// The reporting period is the latest period with a value among the chain's series: 2023 (U1)
  /// for a step with OLD and U1. OLD ends in 2019, 4 years behind, more than the 1 allowed:
  /// stale. U1 ends in 2023: 0 behind. With the reporting period 2021 (--period), U1's 2023 is
  /// not behind (0) and OLD is 2 behind. A chain with OLD alone reports on 2019: 0 behind.
  @Test func recency() throws {
    let c = try chain(steps: ["  - id: s", "    level: outcomes", "    statement: S", "    indicators: [OLD, U1]"])
    let latest = c.assess(try chainData(assessmentCSV, chain: c))
    #expect(latest.reportingPeriod == "2023")
    let both = try #require(latest.step("s")?.evidence)
    #expect(both.map(\.periodsBehind) == [4, 0])
    #expect(both.map(\.isStale) == [true, false])
    let at2021 = c.assess(try chainData(assessmentCSV, chain: c, reportingPeriod: "2021"))
    #expect(at2021.reportingPeriod == "2021")
    #expect(at2021.step("s")?.evidence.map(\.periodsBehind) == [2, 0])
    let alone = try evidence("OLD")
    #expect(alone.periodsBehind == 0)
    #expect(!alone.isStale)
  }
}

@Suite struct StepAssessmentTests {
  /// One step at the outcome level with these indicators.
  func step(_ ids: [String], benchmarkWorse: Set<String> = []) throws -> StepAssessment {
    let c = try chain(steps: [
      "  - id: s", "    level: outcomes", "    statement: S", "    indicators: [\(ids.joined(separator: ", "))]",
    ])
    var data = try chainData(assessmentCSV, chain: c)
    data.benchmark = { r in benchmarkWorse.contains(r.series.indicator) ? .worse : .similar }
    return try #require(c.assess(data).step("s"))
  }

  /// Progress is the mean score (strong 1, some 0.5, none 0, contrary −1) of the evidenced
  /// indicators: good from 0.75, some from 0.25, worsening below 0. Confidence: high needs 2
  /// evidenced indicators, all of them evidenced, agreeing; low below half evidenced or when
  /// positive and contrary evidence conflict; medium otherwise.
  @Test(arguments: [
    // strong + strong: mean 1, good; 2 of 2 agreeing: high.
    (["U1", "U2"], Progress.good, Confidence.high, 1.0 as Double?, Agreement.agree),
    // one strong: good, but one indicator: medium.
    (["U1"], .good, .medium, 1.0, .agree),
    // strong + some: (1 + 0.5)/2 = 0.75, good; both positive: high.
    (["U1", "SM"], .good, .high, 0.75, .agree),
    // some + none: 0.25, some; positive and none: mixed, medium.
    (["SM", "NO"], .some, .medium, 0.25, .mixed),
    // none + none: 0, low progress; agreeing: high confidence that progress is low.
    (["NO", "FL"], .low, .high, 0.0, .agree),
    // strong + contrary: 0, low; conflicting: low confidence.
    (["U1", "DN"], .low, .low, 0.0, .conflicting),
    // contrary: −1, worsening; one indicator: medium.
    (["DN"], .worsening, .medium, -1.0, .agree),
    // some + contrary: (0.5 − 1)/2 = −0.25, worsening; conflicting: low.
    (["SM", "DN"], .worsening, .low, -0.25, .conflicting),
    // nothing evidenced: unknown, low.
    (["M2", "NONE"], .unknown, .low, nil, .noEvidence),
    // strong + missing: good; coverage 1/2 is not below 0.5 but below 1: medium.
    (["U1", "M2"], .good, .medium, 1.0, .agree),
    // strong + 2 missing: coverage 1/3 < 0.5: low.
    (["U1", "M2", "NONE"], .good, .low, 1.0, .agree),
    // strong + strong but OLD is stale: high lowered to medium.
    (["U1", "OLD"], .good, .medium, 1.0, .agree),
  ])
  func progressAndConfidence(
    ids: [String], progress: Progress, confidence: Confidence, score: Double?, agreement: Agreement
  )
    throws
  {
    let s = try step(ids)
    #expect(s.progress == progress)
    #expect(s.confidence == confidence)
    #expect(s.score == score)
    #expect(s.agreement == agreement)
  }

  @Test func confidenceReasons() throws {
    #expect(
      try step(["U1", "OLD"]).confidenceReasons == [
        "2 of 2 indicators with data, all agreeing", "lowered: stale data: OLD (4 periods behind)",
      ])
    #expect(try step(["U1", "M2", "NONE"]).confidenceReasons == ["1 of 3 indicators with data (below 0.5 of them)"])
    #expect(try step(["U1"]).confidenceReasons == ["1 of 1 indicator with data; high confidence needs 2"])
  }

  /// A benchmark comparison of "worse" lowers the confidence of a step whose progress is good:
  /// U1 + U2 is high, and medium when U2 is worse than its benchmark.
  @Test func benchmarkWorseLowersConfidence() throws {
    let s = try step(["U1", "U2"], benchmarkWorse: ["U2"])
    #expect(s.progress == .good)
    #expect(s.confidence == .medium)
    #expect(s.confidenceReasons.last == "lowered: worse than benchmark: U2")
    #expect(s.evidence.map(\.benchmark) == [.similar, .worse])
    // A step that is not progressing is not lowered by its benchmark.
    #expect(try step(["NO", "FL"], benchmarkWorse: ["NO"]).confidence == .high)
  }

  /// Assumptions: challenged by any contrary indicator, holding on strong or some evidence,
  /// untested without data or with only "none". Risks: materialising on a contrary signal.
  @Test(arguments: [
    (["U1"], AssumptionState.holds, RiskState.notMaterialising),
    (["U1", "DN"], .challenged, .materialising),
    (["NO"], .untested, .notMaterialising),
    (["M2"], .untested, .noSignal),
  ])
  func assumptionsAndRisks(ids: [String], assumption: AssumptionState, risk: RiskState) throws {
    let list = "[" + ids.joined(separator: ", ") + "]"
    let c = try line(
      ["U1"], ["U1"], ["U1"],
      extra: [
        "assumptions:", "  - id: a", "    statement: A", "    concerns: money -> work", "    indicators: \(list)",
        "risks:", "  - id: r", "    statement: R", "    threatens: [work]", "    indicators: \(list)",
      ])
    let a = c.assess(try chainData(assessmentCSV, chain: c))
    #expect(a.assumptions.first?.state == assumption)
    #expect(a.risks.first?.state == risk)
  }
}
