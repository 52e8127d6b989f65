import Indicators
import ResultsChain
import Statistics

/// The Markdown view model: the report model with every number formatted (locale independent,
/// `.` for the decimal point, `-` for minus) and every field of `ViewSchema` present.
struct MarkdownView {
  let model: ReportModel
  /// The chart file name of each listed headline series (by its position in
  /// ``listedHeadlines``), when the template shows charts; empty otherwise.
  let chartFiles: [String: String]
  /// Which series the report lists.
  var selection: MarkdownSeries = .headline

  typealias Object = [String: ViewValue]

  /// The most series listed per indicator when there is no headline area (with
  /// ``MarkdownSeries/headline``).
  static let seriesLimit = 10

  /// The headline series the report lists, in indicator order, and how many it leaves out.
  ///
  /// With a headline area there is at most one per indicator: all are listed. Without one,
  /// every area's series is a headline; with ``MarkdownSeries/headline`` at most
  /// ``seriesLimit`` per indicator are listed (the first in series order).
  /// - Complexity: O(series of the model).
  static func listedHeadlines(_ model: ReportModel, _ selection: MarkdownSeries)
    -> (list: [(indicator: IndicatorReport, series: SeriesReport)], omitted: Int)
  {
    guard selection == .headline, model.headlineArea == nil else { return (model.headlines, 0) }
    var list: [(indicator: IndicatorReport, series: SeriesReport)] = []
    var omitted = 0
    for i in model.indicators {
      let headlines = i.series.filter(\.isHeadline)
      list += headlines.prefix(seriesLimit).map { (i, $0) }
      omitted += max(0, headlines.count - seriesLimit)
    }
    return (list, omitted)
  }

  /// The series of `indicator` the report lists, and how many it leaves out: with
  /// ``MarkdownSeries/headline``, those of the headline area (every breakdown), of the
  /// benchmark areas its series were compared with and those with no area at all (an export
  /// without an area column is about the partnership as a whole), or, without a headline
  /// area, the first
  /// ``seriesLimit``; with ``MarkdownSeries/all``, every one.
  /// - Complexity: O(series of the indicator).
  func listedSeries(_ indicator: IndicatorReport) -> (series: [SeriesReport], omitted: Int) {
    let all = indicator.series
    guard selection == .headline else { return (all, 0) }
    guard let area = model.headlineArea?.code else {
      return (Array(all.prefix(Self.seriesLimit)), max(0, all.count - Self.seriesLimit))
    }
    let benchmarks = Set(all.compactMap { $0.benchmark?.area })
    let kept = all.filter { s in s.area.map { $0.code == area || benchmarks.contains($0.code) } ?? true }
    return (kept, all.count - kept.count)
  }

  /// The top-level object.
  /// - Complexity: O(size of the model).
  func root() -> Object {
    let m = model
    let (headlines, omittedHeadlines) = Self.listedHeadlines(m, selection)
    var o: Object = [:]
    o["title"] = .text(m.title)
    o["partnership"] = .text(m.partnership ?? "")
    o["hasPartnership"] = .flag(m.partnership != nil)
    o["period"] = .text(m.reportingPeriod.label)
    o["periodStart"] = .text(m.reportingPeriod.start.isoString)
    o["periodEnd"] = .text(m.reportingPeriod.end.isoString)
    o["periodIsExplicit"] = .flag(m.reportingPeriod.isExplicit)
    o["headlineArea"] = .text(m.headlineArea?.display ?? "")
    o["hasHeadlineArea"] = .flag(m.headlineArea != nil)
    o["fiscalYear"] = .text(m.fiscalYear.label)
    o["generatedAt"] = .text(m.provenance.generatedISO)
    o["backboneVersion"] = .text(m.provenance.backboneVersion)
    o["definitionsDirectory"] = .text(m.provenance.definitionsDirectory ?? "")
    o["hasDefinitionsDirectory"] = .flag(m.provenance.definitionsDirectory != nil)
    o["chainFile"] = .text(m.provenance.chainFile ?? "")
    o["hasChainFile"] = .flag(m.provenance.chainFile != nil)
    o["summary"] = .object(summary())
    o["statusCounts"] = .list(
      m.headlineStatusCounts.map { ["status": .text($0.status.rawValue), "count": .text("\($0.count)")] })
    o["headlines"] = .list(headlines.enumerated().map { i, h in series(h.series, of: h.indicator, headlineIndex: i) })
    o["hasHeadlines"] = .flag(!headlines.isEmpty)
    o["omittedHeadlineCount"] = .text("\(omittedHeadlines)")
    o["hasOmittedHeadlines"] = .flag(omittedHeadlines > 0)
    o["domains"] = .list(m.byDomain.map(domain))
    o["inequalities"] = .list(m.inequalities.map(inequality))
    o["hasInequalities"] = .flag(!m.inequalities.isEmpty)
    o["chain"] = .object(m.chain.map(chain))
    o["hasChain"] = .flag(m.chain != nil)
    o["quality"] = .object(quality())
    o["changesKnown"] = .flag(m.changes != nil)
    o["hasChanges"] = .flag(!(m.changes ?? []).isEmpty)
    o["changes"] = .list(
      (m.changes ?? []).map { c in
        [
          "kind": .text(c.kind.rawValue), "subject": .text(c.subject), "series": .text(c.series ?? ""),
          "period": .text(c.period ?? ""), "before": .text(c.before ?? ""), "after": .text(c.after ?? ""),
          "text": .text(c.text),
        ]
      })
    o["inputs"] = .list(
      m.provenance.inputs.map { f in
        [
          "path": .text(f.path), "name": .text(f.name), "bytes": .text("\(f.byteCount)"), "sha256": .text(f.sha256),
          "layout": .text(f.layout), "records": .text("\(f.records)"), "observations": .text("\(f.observations)"),
          "rejectedRows": .text("\(f.rejectedRows)"), "rejectedFile": .text(f.rejectedFile ?? ""),
        ]
      })
    let footnotes = m.quality.absences.map { a in
      ["label": ViewValue.text(a.reason.rawValue), "text": .text(Self.footnote(a.reason))]
    }
    o["footnotes"] = .list(footnotes)
    o["hasFootnotes"] = .flag(!footnotes.isEmpty)
    o["warnings"] = .list(m.warnings.map { ["text": .text($0)] })
    o["hasWarnings"] = .flag(!m.warnings.isEmpty)
    return o
  }

  // MARK: - Summary

  /// The summary's sentences and counts.
  ///
  /// With at most one headline series per indicator (a headline area, or a single area):
  /// "8 of 12 headline indicators improved significantly; 2 worsened significantly: A and B."
  /// then the others in a second sentence.
  ///
  /// With several areas per indicator (no headline area), each indicator's title is named
  /// once, with its areas grouped after it: the counts of headline series first, then one
  /// sentence per indicator with a significant trend in any area, for example "Children in
  /// low income families: improving in Brent (E2) and Carlow (E10); worsening in Ashby (E1)."
  /// See ``areaSentences(_:)``.
  /// - Complexity: O(h log h) for h headline series.
  func summary() -> Object {
    let h = model.headlines
    func n(_ s: SeriesStatus) -> Int { h.count { $0.series.status == s } }
    // Each title once, in indicator order, however many of its areas worsened.
    var worse: [String] = []
    var seen = Set<String>()
    for x in h where x.series.status == .worsening && seen.insert(x.indicator.id).inserted {
      worse.append(x.indicator.title)
    }
    let indicatorCount = Set(h.map(\.indicator.id)).count
    let byArea = indicatorCount < h.count
    var text: String
    if h.isEmpty {
      text = "No headline indicator has values to report."
    } else {
      if byArea {
        let areas = Set(h.compactMap { $0.series.area?.code }).count
        text = "\(n(.improving)) of \(h.count) headline series (\(indicatorCount) indicator"
        text += "\(indicatorCount == 1 ? "" : "s") in \(areas) area\(areas == 1 ? "" : "s")) improved significantly; "
        text += "\(n(.worsening)) worsened significantly."
      } else {
        text = "\(n(.improving)) of \(h.count) headline indicator\(h.count == 1 ? "" : "s") improved significantly; "
        text +=
          worse.isEmpty ? "none worsened significantly." : "\(worse.count) worsened significantly: \(Self.list(worse))."
      }
      var rest: [String] = []
      if n(.noSignificantChange) > 0 { rest.append("\(n(.noSignificantChange)) showed no significant change") }
      if n(.notEnoughData) > 0 { rest.append("\(n(.notEnoughData)) had too few values to test") }
      let moved = n(.increasing) + n(.decreasing)
      if moved > 0 {
        rest.append(
          "\(moved) with no better direction changed significantly (\(n(.increasing)) up, \(n(.decreasing)) down)")
      }
      if !rest.isEmpty { text += " " + Self.list(rest) + "." }
      if byArea {
        for sentence in Self.areaSentences(h) { text += " " + sentence }
      }
    }
    return [
      "text": .text(text), "headlineCount": .text("\(h.count)"), "improvingCount": .text("\(n(.improving))"),
      "worseningCount": .text("\(n(.worsening))"), "noChangeCount": .text("\(n(.noSignificantChange))"),
      "notEnoughDataCount": .text("\(n(.notEnoughData))"), "increasingCount": .text("\(n(.increasing))"),
      "decreasingCount": .text("\(n(.decreasing))"), "worseningTitles": .text(Self.list(worse)),
    ]
  }

  /// The most areas a summary sentence names for one status of one indicator; the others are
  /// counted ("and 3 more areas").
  static let summaryAreaLimit = 10

  /// One sentence per indicator with a significant trend in at least one of its headline
  /// series, the title named once and its areas grouped by status:
  /// "Children in low income families: improving in Brent (E2) and Carlow (E10); worsening in
  /// Ashby (E1)."
  ///
  /// Indicators come in the order of `headlines` (the report's indicator order); statuses in
  /// the order improving, worsening, increasing, decreasing (``SeriesStatus`` order); areas by
  /// code in ``NaturalOrder`` (a series without an area is "the partnership as a whole",
  /// listed first). At most ``summaryAreaLimit`` areas are named per status, then "and N more
  /// area(s)". Series with no significant trend or too few values are only counted (in the
  /// sentence before).
  /// - Parameter headlines: the headline series with their indicators, in indicator order.
  /// - Returns: the sentences, each ending with a full stop; empty when nothing moved.
  /// - Complexity: O(h log h) for h headline series.
  static func areaSentences(_ headlines: [(indicator: IndicatorReport, series: SeriesReport)]) -> [String] {
    let moved: [SeriesStatus] = [.improving, .worsening, .increasing, .decreasing]
    var order: [String] = []
    var groups: [String: (title: String, series: [SeriesReport])] = [:]
    for (indicator, series) in headlines where moved.contains(series.status) {
      if groups[indicator.id] == nil {
        order.append(indicator.id)
        groups[indicator.id] = (indicator.title, [])
      }
      groups[indicator.id]?.series.append(series)
    }
    return order.compactMap { id in
      guard let group = groups[id] else { return nil }
      let parts = moved.compactMap { status -> String? in
        let areas = group.series.filter { $0.status == status }.map(\.area).sorted { a, b in
          guard let a else { return b != nil }
          guard let b else { return false }
          return NaturalOrder.precedes(a.code, b.code)
        }
        guard !areas.isEmpty else { return nil }
        var names = areas.prefix(summaryAreaLimit).map { $0?.display ?? "the partnership as a whole" }
        let more = areas.count - names.count
        if more > 0 { names.append("\(more) more area\(more == 1 ? "" : "s")") }
        return "\(status.rawValue) in \(list(names))"
      }
      return group.title + ": " + parts.joined(separator: "; ") + "."
    }
  }

  /// "A", "A and B", "A, B and C".
  static func list(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + last
  }

  // MARK: - Series

  func series(_ s: SeriesReport, of indicator: IndicatorReport, headlineIndex: Int?) -> Object {
    let d = indicator.decimals
    func v(_ x: Double?) -> String { x.map { fixed($0, d) } ?? "" }
    func interval(_ p: SeriesPoint?) -> String {
      guard let lo = p?.lower, let hi = p?.upper else { return "" }
      return "\(fixed(lo, d))–\(fixed(hi, d))"
    }
    var o: Object = [:]
    o["id"] = .text(indicator.id)
    o["title"] = .text(indicator.title)
    o["unit"] = .text(indicator.unit ?? "")
    o["area"] = .text(s.area?.display ?? "")
    o["breakdown"] = .text(s.breakdownText)
    o["scope"] = .text(s.scopeText)
    o["hasScope"] = .flag(!s.scopeText.isEmpty)
    o["isHeadline"] = .flag(s.isHeadline)
    o["latestValue"] = .text(v(s.latest?.value))
    o["latestPeriod"] = .text(s.latest?.period ?? "")
    o["latestInterval"] = .text(interval(s.latest))
    o["hasInterval"] = .flag(!interval(s.latest).isEmpty)
    o["previousChange"] = .text(s.changeFromPrevious.map { Self.signed(fixed($0.absolute, d)) } ?? "")
    o["previousChangePercent"] = .text(s.changeFromPrevious?.percent.map { Self.signed(numberText($0)) + "%" } ?? "")
    o["previousPeriod"] = .text(s.changeFromPrevious?.fromPeriod ?? "")
    o["baselineValue"] = .text(v(s.baseline?.value))
    o["baselinePeriod"] = .text(s.baseline?.period ?? "")
    o["baselineChange"] = .text(s.changeFromBaseline.map { Self.signed(fixed($0.absolute, d)) } ?? "")
    let valued = s.points.filter { $0.value != nil }
    o["sparkline"] = .text(Sparkline.text(s.points.map(\.value)))
    o["sparklinePeriods"] = .text(
      valued.count > 1 ? "\(valued[0].period)–\(valued[valued.count - 1].period)" : valued.first?.period ?? "")
    o["status"] = .text(s.status.rawValue)
    o["statusReason"] = .text(s.statusReason)
    o["trendArrow"] = .text(s.trendArrow)
    o["pValue"] = .text(s.trendPValue.map { $0 < 0.001 ? "< 0.001" : fixed($0, 3) } ?? "")
    o["slopePerYear"] = .text(s.slopePerYear.map { Self.signed(numberText($0)) } ?? "")
    o["hasTarget"] = .flag(s.target != nil)
    o["target"] = .text(v(s.target?.target))
    o["targetPeriod"] = .text(s.target?.targetPeriod ?? "")
    o["targetStatus"] = .text(s.target?.status.rawValue ?? "")
    o["percentAchieved"] = .text(s.percentAchieved.map { fixed($0, 0) + "%" } ?? "")
    o["achievement"] = .text(Self.achievementText(s.achievement))
    o["targetProgress"] = .text(targetProgress(s, decimals: d))
    o["hasBenchmark"] = .flag(s.benchmark != nil)
    o["benchmarkArea"] = .text(s.benchmark?.area ?? "")
    o["benchmarkValue"] = .text(v(s.benchmark?.value))
    o["benchmarkComparison"] = .text(s.benchmark?.comparison.rawValue ?? "")
    o["publishedComparison"] = .text(s.publishedComparison ?? "")
    let absent = AbsenceReason.allCases.compactMap { r -> (AbsenceReason, Int)? in
      let k = s.points.count { $0.absence == r }
      return k == 0 ? nil : (r, k)
    }
    o["absences"] = .text(absent.map { "\($0.1) \($0.0.phrase)" }.joined(separator: ", "))
    o["hasAbsences"] = .flag(!absent.isEmpty)
    o["footnoteRefs"] = .markdown(absent.map { "[^\($0.0.rawValue)]" }.joined())
    let chart = headlineIndex.flatMap { chartFiles["\($0)"] }
    o["hasChart"] = .flag(chart != nil)
    o["chartFile"] = .text(chart ?? "")
    o["chartAlt"] = .text(chart == nil ? "" : LineChart.altText(s, of: indicator))
    o["points"] = .list(
      s.points.map { p in
        [
          "period": .text(p.period), "value": .text(v(p.value)), "interval": .text(interval(p)),
          "absence": .text(p.absence?.phrase ?? ""),
          "footnoteRef": .markdown(p.absence.map { "[^\($0.rawValue)]" } ?? ""),
        ]
      })
    o["isStale"] = .flag(s.isStale)
    return o
  }

  /// "20% of the way from the baseline; on track for 95 by 2025/26", "target 70 already met at
  /// the baseline (80) and still met", or "" without a target.
  func targetProgress(_ s: SeriesReport, decimals d: Int) -> String {
    guard let t = s.target else { return "" }
    let goal = fixed(t.target, d) + (t.targetPeriod.map { " by \($0)" } ?? "")
    let baseline = s.baseline?.value.map { fixed($0, d) } ?? ""
    var parts: [String] = []
    switch s.achievement {
    case .percent(let p)?: parts.append("\(fixed(p, 0))% of the way from the baseline")
    case .maintained?: return "target \(goal) already met at the baseline (\(baseline)) and still met"
    case .noLongerMet?: parts.append("target met at the baseline (\(baseline)) but no longer")
    case nil: break
    }
    switch t.status {
    case .achieved: parts.append("target \(goal) achieved")
    case .onTrack, .offTrack: parts.append("\(t.status.rawValue) for \(goal)")
    case .cannotBeAssessed: parts.append("target \(goal) (progress cannot be assessed)")
    }
    return parts.joined(separator: "; ")
  }

  /// "20%", "met at baseline, maintained", "met at baseline, no longer met", or "".
  static func achievementText(_ a: TargetAchievement?) -> String {
    switch a {
    case .percent(let p)?: fixed(p, 0) + "%"
    case .maintained?: "met at baseline, maintained"
    case .noLongerMet?: "met at baseline, no longer met"
    case nil: ""
    }
  }

  /// "+1.2", "-0.5", "0".
  static func signed(_ text: String) -> String {
    text.hasPrefix("-") || Double(text) == 0 ? text : "+" + text
  }

  // MARK: - Domains, inequality, chain, quality

  func domain(_ group: (domain: Domain?, indicators: [IndicatorReport])) -> Object {
    [
      "name": .text(group.domain.map(Self.domainName) ?? "Other indicators"),
      "id": .text(group.domain?.rawValue ?? "other"),
      "indicatorCount": .text("\(group.indicators.count)"),
      "indicators": .list(
        group.indicators.map { i in
          let (listed, omitted) = listedSeries(i)
          return [
            "id": .text(i.id), "title": .text(i.title), "unit": .text(i.unit ?? ""),
            "polarity": .text(String(i.polarity.rawValue.map { $0 == "-" ? " " : $0 })),
            "frequency": .text(i.frequency), "intervalMethod": .text(i.intervalMethod ?? ""),
            "seriesCount": .text("\(i.series.count)"), "hasDefinition": .flag(i.definition != nil),
            "hasSteps": .flag(!i.resultSteps.isEmpty),
            "steps": .list(
              i.resultSteps.map {
                ["id": .text($0.stepID), "level": .text($0.level), "statement": .text($0.statement)]
              }),
            "series": .list(listed.map { series($0, of: i, headlineIndex: nil) }),
            "omittedSeriesCount": .text("\(omitted)"), "hasOmittedSeries": .flag(omitted > 0),
          ]
        }),
    ]
  }

  /// "Service access" for `service-access`.
  static func domainName(_ d: Domain) -> String {
    let words = String(d.rawValue.map { $0 == "-" ? " " : $0 })
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  func inequality(_ q: InequalityReport) -> Object {
    let d = model.indicators.first { $0.id == q.indicator }?.decimals ?? 2
    let r = q.result
    return [
      "id": .text(q.indicator), "title": .text(q.title), "period": .text(q.period), "dimension": .text(q.dimension),
      "groups": .text("\(r.groups)"), "minimum": .text(fixed(r.minimum, d)), "maximum": .text(fixed(r.maximum, d)),
      "range": .text(fixed(r.measures.range, d)), "ratio": .text(numberText(r.measures.ratio)),
      "gini": .text(fixed(r.measures.gini, 3)), "isWeighted": .flag(r.weighted), "hasSII": .flag(r.sii != nil),
      "hasSIIInterval": .flag(r.siiInterval != nil),
      "sii": .text(r.sii.map { fixed($0.sii, d) } ?? ""),
      "siiInterval": .text(r.siiInterval.map { "\(fixed($0.lower, d))–\(fixed($0.upper, d))" } ?? ""),
      "rii": .text(r.sii.map { numberText($0.rii) } ?? ""),
      "members": .list(
        r.members.map { g in
          [
            "label": .text(g.label), "value": .text(fixed(g.value, d)),
            "interval": .text(g.lower.flatMap { lo in g.upper.map { "\(fixed(lo, d))–\(fixed($0, d))" } } ?? ""),
            "weight": .text(g.weight.map { fixed($0, 0) } ?? ""),
          ]
        }),
    ]
  }

  func chain(_ a: ChainAssessment) -> Object {
    let levels = a.chain.levels
    return [
      "name": .text(a.chain.name), "description": .text(a.chain.description ?? ""),
      "hasDescription": .flag(a.chain.description != nil), "reportingPeriod": .text(a.reportingPeriod ?? ""),
      "file": .text(a.chain.file), "stepCount": .text("\(a.chain.steps.count)"), "mermaid": .markdown(a.mermaid()),
      "steps": .list(
        a.steps.map { s in
          [
            "id": .text(s.step.id),
            "level": .text(levels.indices.contains(s.step.level) ? levels[s.step.level].name : ""),
            "statement": .text(s.step.statement), "progress": .text(s.progress.rawValue),
            "confidence": .text(s.confidence.rawValue), "reasons": .text(s.confidenceReasons.joined(separator: "; ")),
          ]
        }),
      "hasStories": .flag(!a.stories.isEmpty),
      "stories": .list(
        a.stories.map { s in
          [
            "outcome": .text(s.outcome), "statement": .text(a.chain.step(s.outcome)?.statement ?? ""),
            "verdict": .text(s.verdict.rawValue), "summary": .text(s.summary),
            "posterior": .text(fixed(s.update.posterior, 3)), "confidence": .text(s.update.confidence.rawValue),
            "story": .markdown(a.storyMarkdown(s)),
          ]
        }),
    ]
  }

  func quality() -> Object {
    let q = model.quality
    let titles = Dictionary(model.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    return [
      "observations": .text("\(q.observations)"), "valuesPresent": .text("\(q.valuesPresent)"),
      "missing": .text("\(q.observations - q.valuesPresent)"), "rejectedRows": .text("\(q.rejectedRows)"),
      "hasRejectedRows": .flag(q.rejectedRows > 0), "hasAbsences": .flag(!q.absences.isEmpty),
      "hasStale": .flag(!q.staleIndicators.isEmpty), "hasUndefined": .flag(!q.undefinedIndicators.isEmpty),
      "absences": .list(
        q.absences.map { a in
          [
            "reason": .text(a.reason.rawValue), "phrase": .text(a.reason.phrase), "count": .text("\(a.count)"),
            "footnoteRef": .markdown("[^\(a.reason.rawValue)]"),
          ]
        }),
      "stale": .list(
        q.staleIndicators.map { id in
          let i = titles[id]
          let latest = (i?.headline ?? i?.series.first)?.latest?.period ?? ""
          return ["id": .text(id), "title": .text(i?.title ?? id), "latestPeriod": .text(latest)]
        }),
      "undefined": .list(q.undefinedIndicators.map { ["id": .text($0)] }),
    ]
  }

  /// The footnote of an absence reason.
  static func footnote(_ r: AbsenceReason) -> String {
    switch r {
    case .suppressed:
      "Suppressed: withheld by the publisher to protect confidentiality or because the counts are too small."
    case .notCollected: "Not collected: the publisher has no value for this area or period."
    case .notApplicable: "Not applicable: the measure does not apply to this area, group or period."
    case .cannotBeCalculated:
      "Cannot be calculated: the publisher could not compute it (too few events, or a denominator of zero)."
    case .missing: "Missing: the export has no value and gives no reason."
    }
  }
}
