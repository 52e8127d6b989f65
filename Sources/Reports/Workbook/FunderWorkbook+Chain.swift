import ResultsChain
import XLSX

extension SheetContext {
  /// Results chain: the steps level by level with progress and confidence (coloured, the word
  /// always shown), their evidence, the assumptions, the risks, each outcome's contribution
  /// story and the equity gaps, as `ChainAssessment.text()` lists them.
  /// - Complexity: O(steps + evidence + assumptions + risks + stories).
  func writeChain(_ sheet: Worksheet, _ chain: ChainAssessment) throws(XLSXError) {
    let s = styles
    try sheet.widths([22, 16, 48, 12, 12, 18, 60, 40, 14, 18, 18])
    try sheet.put(chain.chain.name, 0, 0, s.title)
    try sheet.put("Reporting period", 1, 0, s.text)
    try sheet.put(chain.reportingPeriod ?? "none (no data)", 1, 1, s.text)
    try sheet.put(chain.chain.description, 2, 0, s.italic)
    var row = 4

    try sheet.put("Steps by level", row, 0, s.heading)
    row += 1
    try sheet.headerRow(
      ["Level", "Step", "Statement", "Progress", "Confidence", "Leads to", "Evidence", "Why this confidence"], row,
      s.header)
    row += 1
    let firstStep = row
    for (l, level) in chain.chain.levels.enumerated() {
      for a in chain.steps where a.step.level == l {
        try sheet.put(level.name, row, 0, s.text)
        try sheet.put(a.step.id, row, 1, s.text)
        try sheet.put(a.step.statement, row, 2, s.wrapped)
        try sheet.put(a.progress.rawValue, row, 3, s.text)
        try sheet.put(a.confidence.rawValue, row, 4, s.text)
        try sheet.put(a.step.leadsTo.joined(separator: ", "), row, 5, s.wrapped)
        try sheet.put(a.evidence.map(evidenceText).joined(separator: "\n"), row, 6, s.wrapped)
        try sheet.put(a.confidenceReasons.joined(separator: "; "), row, 7, s.wrapped)
        row += 1
      }
    }
    if row > firstStep {
      let rows = firstStep...(row - 1)
      let progress: [(Progress, Color)] = [
        (.good, Palette.mint), (.some, Palette.pear), (.low, Palette.lightYellow), (.worsening, Palette.orange),
        (.unknown, Palette.paleGrey),
      ]
      for (p, colour) in progress {
        try sheet.addConditionalFormat(
          .textEquals(p.rawValue, format: try s.fill(colour)), to: CellRange(rows: rows, columns: 3...3))
      }
      let confidence: [(Confidence, Color)] = [
        (.high, Palette.lightBlue), (.medium, Palette.lightCyan), (.low, Palette.paleGrey),
      ]
      for (c, colour) in confidence {
        try sheet.addConditionalFormat(
          .textEquals(c.rawValue, format: try s.fill(colour)), to: CellRange(rows: rows, columns: 4...4))
      }
    }

    row += 1
    try sheet.put("Assumptions", row, 0, s.heading)
    row += 1
    if chain.assumptions.isEmpty {
      try sheet.put("The chain states no assumptions.", row, 0, s.italic)
      row += 1
    } else {
      try sheet.headerRow(["Assumption", "Concerns", "Statement", "State", "", "", "Why"], row, s.header)
      row += 1
      let first = row
      for a in chain.assumptions {
        try sheet.put(a.assumption.id, row, 0, s.text)
        try sheet.put(a.assumption.concerns.description, row, 1, s.text)
        try sheet.put(a.assumption.statement, row, 2, s.wrapped)
        try sheet.put(a.state.rawValue, row, 3, s.text)
        try sheet.put(a.reason, row, 6, s.wrapped)
        row += 1
      }
      let states: [(AssumptionState, Color)] = [
        (.holds, Palette.mint), (.challenged, Palette.orange), (.untested, Palette.paleGrey),
      ]
      for (state, colour) in states {
        try sheet.addConditionalFormat(
          .textEquals(state.rawValue, format: try s.fill(colour)),
          to: CellRange(rows: first...(row - 1), columns: 3...3))
      }
    }

    row += 1
    try sheet.put("Risks", row, 0, s.heading)
    row += 1
    if chain.risks.isEmpty {
      try sheet.put("The chain states no risks.", row, 0, s.italic)
      row += 1
    } else {
      try sheet.headerRow(["Risk", "Threatens", "Statement", "State", "", "", "Why"], row, s.header)
      row += 1
      let first = row
      for r in chain.risks {
        try sheet.put(r.risk.id, row, 0, s.text)
        try sheet.put(r.risk.threatens.joined(separator: ", "), row, 1, s.wrapped)
        try sheet.put(r.risk.statement, row, 2, s.wrapped)
        try sheet.put(r.state.rawValue, row, 3, s.text)
        try sheet.put(r.reason, row, 6, s.wrapped)
        row += 1
      }
      let states: [(RiskState, Color)] = [
        (.materialising, Palette.orange), (.notMaterialising, Palette.mint), (.noSignal, Palette.paleGrey),
      ]
      for (state, colour) in states {
        try sheet.addConditionalFormat(
          .textEquals(state.rawValue, format: try s.fill(colour)),
          to: CellRange(rows: first...(row - 1), columns: 3...3))
      }
    }

    row += 1
    try sheet.put("Contribution stories", row, 0, s.heading)
    row += 1
    try sheet.headerRow(
      [
        "Outcome", "Verdict", "Summary", "Paths", "Evidenced paths", "Confidence", "Gaps and issues",
        "Confidence in the claim", "Prior", "Weakest link", "",
      ], row, s.header)
    row += 1
    for story in chain.stories {
      try sheet.put(story.outcome, row, 0, s.text)
      try sheet.put(story.verdict.rawValue, row, 1, s.wrapped)
      try sheet.put(story.summary, row, 2, s.wrapped)
      try sheet.write(story.pathCount, row: row, column: 3, format: s.integer)
      try sheet.write(story.evidencedPathCount, row: row, column: 4, format: s.integer)
      try sheet.put(story.update.confidence.rawValue, row, 5, s.text)
      var issues: [String] = []
      if !story.gaps.isEmpty { issues.append("gaps: " + story.gaps.joined(separator: ", ")) }
      if !story.assumptionsAtIssue.isEmpty {
        issues.append("assumptions not holding: " + story.assumptionsAtIssue.joined(separator: ", "))
      }
      if !story.risksMaterialising.isEmpty {
        issues.append("risks materialising: " + story.risksMaterialising.joined(separator: ", "))
      }
      if story.isTruncated { issues.append("more paths than were counted") }
      try sheet.put(issues.joined(separator: "; "), row, 6, s.wrapped)
      try sheet.put(story.update.posterior, row, 7, s.probability)
      try sheet.put(story.update.prior, row, 8, s.probability)
      try sheet.put(story.weakestLink, row, 9, s.text)
      row += 1
    }

    guard !chain.equity.isEmpty else { return }
    row += 1
    try sheet.put("Equity (SII: least deprived minus most deprived)", row, 0, s.heading)
    row += 1
    try sheet.headerRow(
      ["Role", "Step", "Indicator", "Period", "SII", "Earlier period", "Earlier SII", "Gap", "Disadvantages"], row,
      s.header)
    row += 1
    for e in chain.equity {
      try sheet.put(e.role.rawValue, row, 0, s.text)
      try sheet.put(e.step, row, 1, s.text)
      try sheet.put(e.indicator, row, 2, s.text)
      try sheet.put(e.period, row, 3, s.text)
      try sheet.put(e.sii, row, 4, s.decimals[2])
      try sheet.put(e.earlierPeriod, row, 5, s.text)
      try sheet.put(e.earlierSII, row, 6, s.decimals[2])
      try sheet.put(e.gapTrend?.rawValue, row, 7, s.text)
      try sheet.put(e.disadvantaged, row, 8, s.text)
      row += 1
    }
  }

  /// "SA_MMR1 strong: improving, latest 87.8 in 2023/24".
  func evidenceText(_ e: Evidence) -> String {
    var line = e.reference.id + " " + e.grade.rawValue
    if let p = e.lastPeriod {
      line += ", latest " + (e.lastValue.map { Self.plain($0, 3).trimmingZeros + " in " } ?? "") + p
    }
    if e.isStale { line += ", stale" }
    return line + ": " + e.reason
  }
}

extension String {
  /// "87.800" → "87.8", "64.000" → "64".
  var trimmingZeros: String {
    guard contains(".") else { return self }
    var s = self
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}
