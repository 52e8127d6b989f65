import Columnar
import Indicators

extension ChainAssessment {
  /// The assessment as a Markdown report: a Mermaid flowchart of the chain with steps coloured by
  /// progress (rendered by GitHub and GitLab), the steps level by level with their evidence, the
  /// assumptions and risks, each outcome's contribution story with the Bayesian update step by
  /// step, equity, and warnings.
  ///
  /// - Returns: The report, ending with a line break.
  public func markdown() -> String {
    var out = "# " + inline(chain.name) + "\n\n"
    if let d = chain.description { out += inline(d) + "\n\n" }
    out += "Reporting period: **\(reportingPeriod.map(inline) ?? "none (no data)")**. "
    out +=
      "Chain: `\(chain.file)`, \(count(chain.steps.count, "step")), \(count(chain.assumptions.count, "assumption")), "
    out += "\(count(chain.risks.count, "risk")).\n\n"
    out += "## The chain\n\n" + mermaid() + "\n"
    out += "Colours: good progress green, some light green, low yellow, worsening red, unknown grey. "
    out += "Links are labelled with the assumptions about them.\n\n"
    out += stepsSection()
    out += assumptionsSection()
    out += risksSection()
    out += storiesSection()
    out += equitySection()
    let allWarnings = chain.warnings + warnings
    if !allWarnings.isEmpty {
      out += "## Warnings\n\n" + allWarnings.map { "- " + inline($0.description) }.joined(separator: "\n") + "\n\n"
    }
    out += "Assessment rules and defaults: `indicators/chains/README.md`.\n"
    return out
  }

  // MARK: - Mermaid

  /// A `flowchart BT` (inputs at the bottom) with one subgraph per level used, as a fenced
  /// `mermaid` code block ending with a line break; steps are coloured by progress and carry
  /// their progress and confidence in words, so the chart reads without colour.
  ///
  /// - Returns: The fenced block.
  /// - Complexity: O(steps × links).
  public func mermaid() -> String {
    var node: [String: String] = [:]
    for (i, s) in chain.steps.enumerated() where node[s.id] == nil { node[s.id] = "s\(i)" }
    var out = "```mermaid\nflowchart BT\n"
    for (l, level) in chain.levels.enumerated() {
      let inLevel = steps.filter { $0.step.level == l }
      guard !inLevel.isEmpty else { continue }
      out += "  subgraph L\(l)[\"\(mermaidText(level.name))\"]\n"
      for s in inLevel {
        let label =
          "<b>\(mermaidText(s.step.id))</b><br/>\(wrapped(mermaidText(s.step.statement)))<br/><i>\(s.progress.rawValue) · \(s.confidence.rawValue) confidence</i>"
        out += "    \(node[s.step.id] ?? s.step.id)[\"\(label)\"]\n"
      }
      out += "  end\n"
    }
    for s in chain.steps {
      for t in s.leadsTo {
        let about = chain.assumptions.filter { $0.concerns == .link(from: s.id, to: t) }.map(\.id)
        let label = about.isEmpty ? "" : "|\(mermaidText(about.joined(separator: ", ")))|"
        out += "  \(node[s.id] ?? s.id) -->\(label) \(node[t] ?? t)\n"
      }
    }
    out += "  classDef good fill:#1a9850,stroke:#0b5d2a,color:#ffffff\n"
    out += "  classDef some fill:#a6d96a,stroke:#4d8a1f,color:#000000\n"
    out += "  classDef low fill:#fee08b,stroke:#b8860b,color:#000000\n"
    out += "  classDef worsening fill:#d73027,stroke:#8b1a12,color:#ffffff\n"
    out += "  classDef unknown fill:#d9d9d9,stroke:#808080,color:#000000\n"
    for p in Progress.allCases {
      let ids = steps.filter { $0.progress == p }.compactMap { node[$0.step.id] }
      if !ids.isEmpty { out += "  class \(ids.joined(separator: ",")) \(p.rawValue)\n" }
    }
    return out + "```\n"
  }

  /// Text safe inside a quoted Mermaid label: quotes and angle brackets as entity codes.
  private func mermaidText(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "\"": out += "#quot;"
      case "<": out += "#lt;"
      case ">": out += "#gt;"
      case "\n", "\r": out += " "
      default: out.append(c)
      }
    }
    return out
  }

  /// Line breaks (`<br/>`) between words so that no line is much longer than 36 characters.
  private func wrapped(_ s: String) -> String {
    var lines: [String] = []
    var current = ""
    for word in s.split(separator: " ") {
      if !current.isEmpty && current.count + word.count + 1 > 36 {
        lines.append(current)
        current = ""
      }
      current += (current.isEmpty ? "" : " ") + word
    }
    if !current.isEmpty { lines.append(current) }
    return lines.joined(separator: "<br/>")
  }

  // MARK: - Sections

  private func stepsSection() -> String {
    var out = "## Steps\n\n"
    for (l, level) in chain.levels.enumerated() {
      let inLevel = steps.filter { $0.step.level == l }
      guard !inLevel.isEmpty else { continue }
      out += "### " + inline(level.name) + "\n\n"
      out += table(
        ["step", "statement", "progress", "confidence", "why"],
        inLevel.map { s in
          [
            s.step.id, s.step.statement, s.progress.rawValue, s.confidence.rawValue,
            s.confidenceReasons.joined(separator: "; "),
          ]
        })
      let evidence = inLevel.flatMap { s in s.evidence.map { (s.step.id, $0) } }
      if !evidence.isEmpty {
        out += "\n" + evidenceTable(evidence, ownerHeading: "step")
      }
      out += "\n"
    }
    return out
  }

  private func evidenceTable(_ rows: [(String, Evidence)], ownerHeading: String) -> String {
    table(
      [ownerHeading, "indicator", "title", "grade", "latest", "behind", "benchmark", "reason"],
      rows.map { owner, e in
        [
          owner, e.reference.id, e.title ?? "", e.grade.rawValue,
          e.lastPeriod.map { p in e.lastValue.map { "\(numberText($0)) (\(p))" } ?? p } ?? "",
          e.periodsBehind.map { "\($0)\(e.isStale ? " (stale)" : "")" } ?? "", e.benchmark?.rawValue ?? "", e.reason,
        ]
      })
  }

  private func assumptionsSection() -> String {
    guard !assumptions.isEmpty else { return "" }
    var out = "## Assumptions\n\n"
    out += table(
      ["assumption", "concerns", "statement", "state", "why"],
      assumptions.map {
        [$0.assumption.id, $0.assumption.concerns.description, $0.assumption.statement, $0.state.rawValue, $0.reason]
      })
    let evidence = assumptions.flatMap { a in a.evidence.map { (a.assumption.id, $0) } }
    if !evidence.isEmpty { out += "\n" + evidenceTable(evidence, ownerHeading: "assumption") }
    return out + "\n"
  }

  private func risksSection() -> String {
    guard !risks.isEmpty else { return "" }
    var out = "## Risks\n\n"
    out += table(
      ["risk", "threatens", "statement", "state", "why"],
      risks.map {
        [$0.risk.id, $0.risk.threatens.joined(separator: ", "), $0.risk.statement, $0.state.rawValue, $0.reason]
      })
    let evidence = risks.flatMap { r in r.evidence.map { (r.risk.id, $0) } }
    if !evidence.isEmpty { out += "\n" + evidenceTable(evidence, ownerHeading: "risk") }
    return out + "\n"
  }

  private func storiesSection() -> String {
    var out = "## Contribution stories\n\n"
    for s in stories {
      let statement = chain.step(s.outcome)?.statement ?? ""
      out += "### Outcome " + inline(s.outcome) + ": " + inline(statement) + "\n\n"
      out += storyMarkdown(s)
      out += "\n"
    }
    return out
  }

  /// One outcome's contribution story as Markdown, without a heading: the verdict and summary,
  /// the paths, gaps, weakest link, assumptions and risks, and the Bayesian update table.
  ///
  /// - Parameter s: one of `stories`.
  /// - Returns: Markdown blocks, ending with a line break.
  /// - Complexity: O(steps of the update).
  public func storyMarkdown(_ s: ContributionStory) -> String {
    var out = ""
    out += "**Verdict: \(s.verdict.rawValue).** " + inline(s.summary) + "\n\n"
    out += "- Paths from the inputs: \(s.pathCount)\(s.isTruncated ? " (the walk stopped at maximum-paths)" : ""), "
    out += "\(s.evidencedPathCount) evidenced\n"
    if let p = s.bestPath {
      out += "- Strongest path: " + inline(p.steps.joined(separator: " → "))
      out += " (\(p.evidencedSteps) of \(max(p.steps.count - 1, 0)) steps before the outcome evidenced)\n"
    }
    out += "- Gaps: " + (s.gaps.isEmpty ? "none" : inline(s.gaps.joined(separator: ", "))) + "\n"
    if let w = s.weakestLink { out += "- Weakest link: " + inline(w) + "\n" }
    if !s.assumptionsAtIssue.isEmpty {
      out +=
        "- Assumptions not holding (challenged or untested): " + inline(s.assumptionsAtIssue.joined(separator: ", "))
        + "\n"
    }
    if !s.risksMaterialising.isEmpty {
      out += "- Risks materialising: " + inline(s.risksMaterialising.joined(separator: ", ")) + "\n"
    }
    let u = s.update
    out +=
      "- Confidence in the claim (contribution tracing): **\(fixed(u.posterior, 3)) (\(u.confidence.rawValue))**, "
    out +=
      "from the prior \(fixed(u.prior, 3)) after \(count(u.steps.filter { $0.likelihood != nil }.count, "piece")) of evidence\n\n"
    out += "Bayesian update along the strongest path, one piece of evidence at a time (each step's indicators "
    out += "taken together, graded by its progress): posterior = s·p / (s·p + t·(1 − p)), with p the confidence "
    out +=
      "before, s the sensitivity P(E | H) and t the type I error P(E | ¬H). Missing evidence does not update.\n\n"
    out += table(
      ["#", "evidence of", "indicators", "grade", "s = P(E|H)", "t = P(E|¬H)", "before", "after"],
      u.steps.enumerated().map { i, step in
        [
          "\(i + 1)", "\(step.kind.rawValue) \(step.owner)", step.indicators.joined(separator: ", "),
          step.grade.rawValue,
          step.likelihood.map { fixed($0.sensitivity, 2) } ?? "",
          step.likelihood.map { fixed($0.typeIError, 2) } ?? "",
          fixed(step.prior, 4), fixed(step.posterior, 4),
        ]
      })
    return out
  }

  private func equitySection() -> String {
    guard chain.equity != nil else { return "" }
    var out = "## Equity along the chain\n\n"
    guard !equity.isEmpty else {
      return out + "No indicator of the chain has series by \(inline(chain.equity?.breakdown ?? "")) in the data.\n\n"
    }
    out +=
      "Slope index of inequality (SII): the fitted value for the least deprived minus the fitted value for the most "
    out +=
      "deprived, from a regression on the ridit rank of each quantile (weighted by denominators when the data has them). "
    out += "Inequality in reach is read next to inequality in outcomes.\n\n"
    let roles: [EquityResult.Role] = [.reach, .step, .outcome]
    let sorted = equity.enumerated().sorted {
      (roles.firstIndex(of: $0.element.role) ?? 0, $0.offset) < (roles.firstIndex(of: $1.element.role) ?? 0, $1.offset)
    }
    .map(\.element)
    out += table(
      ["role", "step", "indicator", "quantiles", "period", "SII", "RII", "earlier SII", "gap", "disadvantages"],
      sorted.map { e in
        [
          e.role.rawValue, e.step, e.indicator, "\(e.quantiles.count)", e.period, numberText(e.sii), numberText(e.rii),
          e.earlierSII.map { "\(numberText($0)) (\(e.earlierPeriod ?? ""))" } ?? "", e.gapTrend?.rawValue ?? "",
          e.disadvantaged ?? "",
        ]
      })
    return out + "\n"
  }

  // MARK: - Helpers

  private func table(_ header: [String], _ rows: [[String]]) -> String {
    var out = "| " + header.map(TableWriter.markdownEscaped).joined(separator: " | ") + " |\n"
    out += "|" + header.map { _ in " --- |" }.joined() + "\n"
    for row in rows { out += "| " + row.map(TableWriter.markdownEscaped).joined(separator: " | ") + " |\n" }
    return out
  }

  /// Text for running Markdown: the same escaping as table cells.
  private func inline(_ s: String) -> String { TableWriter.markdownEscaped(s) }

  private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
