import Indicators

extension ChainAssessment {
  /// The version of the JSON document's shape; raised when a key changes meaning or goes away.
  public static let jsonSchemaVersion = 1

  /// The whole assessment as one JSON document: `schemaVersion`, the chain, the reporting
  /// period, every setting, steps with their evidence, assumptions, risks, contribution stories
  /// with the Bayesian update step by step, equity and warnings. Numbers are numbers, missing
  /// values `null`; keys keep a fixed order, so equal inputs give equal bytes.
  ///
  /// - Returns: The document, ending with a line break.
  public func json() -> String {
    let levels = chain.levels
    func levelID(_ i: Int) -> JSONValue { levels.indices.contains(i) ? .string(levels[i].id) : .null }
    let document: JSONValue = .object([
      ("schemaVersion", .integer(Self.jsonSchemaVersion)),
      (
        "chain",
        .object([
          ("name", .string(chain.name)), ("description", .string(chain.description)), ("file", .string(chain.file)),
          ("levels", .array(levels.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
        ])
      ),
      ("reportingPeriod", .string(reportingPeriod)),
      ("settings", settingsJSON(chain.settings)),
      (
        "steps",
        .array(
          steps.map { s in
            .object([
              ("id", .string(s.step.id)), ("level", levelID(s.step.level)), ("statement", .string(s.step.statement)),
              ("leadsTo", .strings(s.step.leadsTo)), ("progress", .string(s.progress.rawValue)),
              ("confidence", .string(s.confidence.rawValue)), ("score", .number(s.score)),
              ("coverage", .number(s.coverage)), ("agreement", .string(s.agreement.rawValue)),
              ("confidenceReasons", .strings(s.confidenceReasons)), ("evidence", .array(s.evidence.map(evidenceJSON))),
            ])
          })
      ),
      (
        "assumptions",
        .array(
          assumptions.map { a in
            .object([
              ("id", .string(a.assumption.id)), ("statement", .string(a.assumption.statement)),
              ("concerns", concernJSON(a.assumption.concerns)), ("state", .string(a.state.rawValue)),
              ("reason", .string(a.reason)), ("evidence", .array(a.evidence.map(evidenceJSON))),
            ])
          })
      ),
      (
        "risks",
        .array(
          risks.map { r in
            .object([
              ("id", .string(r.risk.id)), ("statement", .string(r.risk.statement)),
              ("threatens", .strings(r.risk.threatens)),
              ("state", .string(r.state.rawValue)), ("reason", .string(r.reason)),
              ("evidence", .array(r.evidence.map(evidenceJSON))),
            ])
          })
      ),
      ("stories", .array(stories.map(storyJSON))),
      (
        "equity",
        .array(
          equity.map { e in
            .object([
              ("step", .string(e.step)), ("level", levelID(e.level)), ("role", .string(e.role.rawValue)),
              ("indicator", .string(e.indicator)), ("polarity", .string(e.polarity.rawValue)),
              ("quantiles", .strings(e.quantiles)), ("period", .string(e.period)), ("sii", .number(e.sii)),
              ("rii", .number(e.rii)), ("weighted", .bool(e.isWeighted)), ("earlierPeriod", .string(e.earlierPeriod)),
              ("earlierSII", .number(e.earlierSII)), ("gapTrend", .string(e.gapTrend?.rawValue)),
              ("disadvantaged", .string(e.disadvantaged)),
            ])
          })
      ),
      ("warnings", .strings((chain.warnings + warnings).map(\.description))),
    ])
    return document.rendered() + "\n"
  }

  private func concernJSON(_ c: Concern) -> JSONValue {
    switch c {
    case .step(let s): .object([("step", .string(s))])
    case .link(let f, let t): .object([("from", .string(f)), ("to", .string(t))])
    }
  }

  private func evidenceJSON(_ e: Evidence) -> JSONValue {
    .object([
      ("indicator", .string(e.reference.id)), ("title", .string(e.title)),
      ("area", .string(e.area ?? e.reference.area)),
      ("breakdown", .object(e.reference.breakdown.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
      ("polarity", .string(e.polarity.rawValue)), ("grade", .string(e.grade.rawValue)), ("reason", .string(e.reason)),
      ("status", .string(e.status?.rawValue)), ("lastPeriod", .string(e.lastPeriod)),
      ("lastValue", .number(e.lastValue)),
      ("pValue", .number(e.pValue)), ("slopePerYear", .number(e.slope)),
      (
        "target",
        e.target.map { t in
          .object([
            ("value", .number(t.target)), ("period", .string(t.targetPeriod)), ("projected", .number(t.projected)),
            ("status", .string(t.status.rawValue)),
          ])
        } ?? .null
      ),
      ("periodsBehind", e.periodsBehind.map { .integer($0) } ?? .null), ("stale", .bool(e.isStale)),
      ("benchmark", .string(e.benchmark?.rawValue)),
    ])
  }

  private func storyJSON(_ s: ContributionStory) -> JSONValue {
    .object([
      ("outcome", .string(s.outcome)), ("verdict", .string(s.verdict.rawValue)), ("summary", .string(s.summary)),
      ("pathCount", .integer(s.pathCount)), ("evidencedPathCount", .integer(s.evidencedPathCount)),
      ("pathsTruncated", .bool(s.isTruncated)),
      (
        "strongestPath",
        s.bestPath.map { p in
          .object([
            ("steps", .strings(p.steps)), ("evidencedSteps", .integer(p.evidencedSteps)),
            ("evidenced", .bool(p.isEvidenced)),
            ("brokenBy", .strings(p.brokenBy)),
          ])
        } ?? .null
      ),
      ("gaps", .strings(s.gaps)), ("weakestLink", .string(s.weakestLink)),
      ("assumptionsAtIssue", .strings(s.assumptionsAtIssue)), ("risksMaterialising", .strings(s.risksMaterialising)),
      (
        "bayesianUpdate",
        .object([
          ("prior", .number(s.update.prior)), ("posterior", .number(s.update.posterior)),
          ("confidence", .string(s.update.confidence.rawValue)),
          (
            "steps",
            .array(
              s.update.steps.map { u in
                .object([
                  ("owner", .string(u.owner)), ("kind", .string(u.kind.rawValue)),
                  ("indicators", .strings(u.indicators)), ("grade", .string(u.grade.rawValue)),
                  ("sensitivity", .number(u.likelihood?.sensitivity)),
                  ("typeIError", .number(u.likelihood?.typeIError)),
                  ("prior", .number(u.prior)), ("posterior", .number(u.posterior)),
                ])
              })
          ),
        ])
      ),
    ])
  }

  private func settingsJSON(_ s: AssessmentSettings) -> JSONValue {
    .object([
      ("significanceLevel", .number(s.significanceLevel)), ("minimumCount", .integer(s.minimumCount)),
      ("scores", .object(EvidenceGrade.evidenced.map { ($0.rawValue, .number(s.score($0))) })),
      (
        "progress",
        .object([
          ("goodFrom", .number(s.goodFrom)), ("someFrom", .number(s.someFrom)),
          ("worseningBelow", .number(s.worseningBelow)),
        ])
      ),
      (
        "confidence",
        .object([
          ("highMinimumIndicators", .integer(s.highMinimumIndicators)),
          ("highMinimumCoverage", .number(s.highMinimumCoverage)),
          ("lowCoverageBelow", .number(s.lowCoverageBelow)), ("staleAfterPeriods", .integer(s.staleAfterPeriods)),
          ("benchmarkWorseLowers", .bool(s.benchmarkWorseLowers)),
        ])
      ),
      (
        "contribution",
        .object([
          ("partlyEvidencedMinimum", .number(s.partlyEvidencedMinimum)), ("maximumPaths", .integer(s.maximumPaths)),
        ])
      ),
      (
        "bayes",
        .object([
          ("prior", .number(s.prior)),
          ("steps", likelihoodsJSON(s, isOutcome: false)),
          ("outcome", likelihoodsJSON(s, isOutcome: true)),
          ("highFrom", .number(s.claimHighFrom)), ("mediumFrom", .number(s.claimMediumFrom)),
        ])
      ),
    ])
  }

  private func likelihoodsJSON(_ s: AssessmentSettings, isOutcome: Bool) -> JSONValue {
    .object(
      EvidenceGrade.evidenced.map { g in
        let l = s.likelihood(g, isOutcome: isOutcome)
        return (
          g.rawValue, .object([("sensitivity", .number(l?.sensitivity)), ("typeIError", .number(l?.typeIError))])
        )
      })
  }
}
