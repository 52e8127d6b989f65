extension ChainAssessment {
  /// The assessment for a terminal: the chain level by level with each step's progress and
  /// confidence and its evidence, the assumptions and risks, then each outcome's story.
  ///
  /// - Returns: Plain text, ending with a line break.
  public func text() -> String {
    var out = chain.name + "\n"
    out += "reporting period \(reportingPeriod ?? "none (no data)"); \(chain.steps.count) steps, "
    out += "\(chain.assumptions.count) assumptions, \(chain.risks.count) risks\n"
    for (l, level) in chain.levels.enumerated() {
      let inLevel = steps.filter { $0.step.level == l }
      guard !inLevel.isEmpty else { continue }
      out += "\n" + level.name + "\n"
      for s in inLevel {
        out +=
          "  " + pad("[\(s.progress.rawValue) · \(s.confidence.rawValue)]", 20) + " " + s.step.id + ": "
          + s.step.statement
        if !s.step.leadsTo.isEmpty { out += " → " + s.step.leadsTo.joined(separator: ", ") }
        out += "\n"
        for e in s.evidence { out += evidenceLine(e) }
      }
    }
    if !assumptions.isEmpty {
      out += "\nAssumptions\n"
      for a in assumptions {
        out +=
          "  " + pad("[\(a.state.rawValue)]", 20) + " " + a.assumption.id + " (" + a.assumption.concerns.description
          + "): "
        out += a.assumption.statement + " — " + a.reason + "\n"
      }
    }
    if !risks.isEmpty {
      out += "\nRisks\n"
      for r in risks {
        out +=
          "  " + pad("[\(r.state.rawValue)]", 20) + " " + r.risk.id + " (threatens "
          + r.risk.threatens.joined(separator: ", ")
        out += "): " + r.risk.statement + " — " + r.reason + "\n"
      }
    }
    out += "\nContribution stories\n"
    for s in stories {
      out += "  " + s.outcome + ": " + s.verdict.rawValue + "\n"
      out += "    " + s.summary + "\n"
      out += "    paths \(s.pathCount)\(s.isTruncated ? "+" : ""), evidenced \(s.evidencedPathCount)"
      if !s.risksMaterialising.isEmpty {
        out += "; risks materialising: " + s.risksMaterialising.joined(separator: ", ")
      }
      if !s.assumptionsAtIssue.isEmpty {
        out += "; assumptions not holding: " + s.assumptionsAtIssue.joined(separator: ", ")
      }
      out += "\n"
      let pieces = s.update.steps.filter { $0.likelihood != nil }.count
      out += "    confidence in the claim \(fixed(s.update.posterior, 3)) (\(s.update.confidence.rawValue)), prior "
      out +=
        "\(fixed(s.update.prior, 3)), \(pieces) piece\(pieces == 1 ? "" : "s") of evidence (--format md shows each update)\n"
    }
    if !equity.isEmpty {
      out += "\nEquity (SII: least deprived minus most deprived)\n"
      for e in equity {
        out +=
          "  " + pad(e.role.rawValue, 8) + " " + e.step + " " + e.indicator
          + ": SII \(numberText(e.sii)) in \(e.period)"
        if let earlier = e.earlierSII, let p = e.earlierPeriod {
          out += ", \(numberText(earlier)) in \(p) (\(e.gapTrend?.rawValue ?? ""))"
        }
        if let d = e.disadvantaged { out += "; disadvantages \(d)" }
        out += "\n"
      }
    }
    return out
  }

  private func evidenceLine(_ e: Evidence) -> String {
    var line = "      " + pad(e.grade.rawValue, 9) + " " + e.reference.id
    if let t = e.title { line += " (" + t + ")" }
    if let p = e.lastPeriod { line += ", latest " + (e.lastValue.map { numberText($0) + " in " } ?? "") + p }
    if e.isStale { line += ", stale (\(e.periodsBehind ?? 0) periods behind)" }
    if let b = e.benchmark { line += ", benchmark " + b.rawValue }
    return line + ": " + e.reason + "\n"
  }

  private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}
