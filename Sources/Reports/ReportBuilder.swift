public import Indicators
public import ResultsChain
import Columnar
import Statistics

/// What a report covers and how it is judged.
public struct ReportOptions: Sendable {
  /// The report's title (default: the chain's name, else "Indicator report").
  public var title: String?
  /// Report on this period: later observations are left out. `nil`: the latest with data.
  public var period: Period?
  /// The first month of the fiscal year (1–12), for the tracking table's quarters.
  public var fiscalYearStartMonth = 1
  /// The headline area (default: the single area the chain's indicators name, else the single
  /// area in the data, else every area).
  public var headlineArea: String?
  /// Compare every series' latest value with this area, and how.
  public var benchmarkArea: String?
  public var benchmarkMethod = BenchmarkMethod.overlap95
  public var mixedPeriods = MixedPeriodPolicy.refuse
  /// Seconds since 1970 and whether they came from `SOURCE_DATE_EPOCH`.
  public var generatedAt: Int64 = 0
  public var fromSourceDateEpoch = false
  public var backboneVersion = "unknown"
  public var definitionsDirectory: String?
  public var chainFile: String?
  /// Simulations for the interval of the slope index of inequality.
  public var inequalityRepetitions = 1_000

  public init() {}

  /// `SOURCE_DATE_EPOCH` when it is set to a whole number of seconds, else `now`.
  /// - Returns: the time and whether it came from the environment.
  public static func generationTime(environment: [String: String], now: Int64) -> (seconds: Int64, fromEnvironment: Bool) {
    if let text = environment["SOURCE_DATE_EPOCH"], let seconds = Int64(text), seconds >= 0 { return (seconds, true) }
    return (now, false)
  }
}

/// Builds the report model from loaded exports: analyses every series, chooses the headline
/// series, measures inequality in the reporting period and assesses the chain.
public enum ReportBuilder {
  /// Builds the model.
  ///
  /// - Parameters:
  ///   - inputs: the exports, read by ``InputLoader``.
  ///   - library: indicator definitions (polarity, targets, units, interval methods).
  ///   - chain: a results chain to assess, if any.
  ///   - options: period, fiscal year, headline area, benchmark, provenance.
  /// - Returns: the model both renderings read.
  /// - Throws: `ReportError.data` when a series mixes kinds of period (with `.refuse`).
  /// - Complexity: that of `SeriesSet.analyse` and `Observations.inequality` over the inputs.
  public static func build(
    inputs: [LoadedInput], library: DefinitionLibrary?, chain: ResultsChain?, options: ReportOptions
  ) throws(ReportError) -> ReportModel {
    var warnings = inputs.flatMap(\.warnings)
    var analysed: [Analysed] = []
    var groups: [IndicatorResults] = []
    var prepared: [(input: LoadedInput, observations: Observations, set: SeriesSet, match: DefinitionMatch?)] = []
    for input in inputs {
      var o = input.observations
      if let cutoff = options.period { o = o.upTo(cutoff) }
      let warningCount = o.warnings.count
      var match = library.map { o.match($0) }
      if let chain { match = withLocalIndicators(of: chain, match, in: o) }
      // The unknown ids, less those the chain defines.
      o.warnings.removeSubrange(warningCount...)
      if let w = DefinitionMatch.unknownWarning(file: o.file, unknown: match?.unknown ?? []) {
        warnings.append(w.description)
      }
      if let match { o.fillIntervals(match) }
      let set: SeriesSet
      do { set = try o.series(mixedPeriods: options.mixedPeriods) } catch { throw .data(error) }
      warnings += set.warnings.map(\.description)
      prepared.append((input, o, set, match))
    }
    // A benchmark area in one export is compared with the series of all of them.
    var benchmarkPoints = BenchmarkPoints()
    if let area = options.benchmarkArea, prepared.count > 1 {
      for p in prepared { benchmarkPoints.merge(p.set.benchmarkPoints(area: area)) }
    }
    for (input, o, set, match) in prepared {
      var analysis = chain?.analysisOptions ?? AnalysisOptions()
      analysis.benchmarkArea = options.benchmarkArea
      analysis.benchmarkMethod = options.benchmarkMethod
      if !benchmarkPoints.isEmpty { analysis.benchmarkPoints = benchmarkPoints }
      let results = set.analyse(definitions: match, options: analysis)
      var group = IndicatorResults(set: set, results: results)
      group.readBenchmarks()
      groups.append(group)
      analysed.append(Analysed(observations: o, set: set, results: results, published: group.benchmarks, match: match))
      if let area = options.benchmarkArea, benchmarkPoints.isEmpty, !set.series.contains(where: { $0.area == area }) {
        warnings.append("\(input.file.path): warning: the benchmark area \"\(area)\" has no observations in any input; nothing was compared")
      }
    }
    let assessment = chain.map { $0.assess(ChainData(groups: groups, reportingPeriod: options.period)) }
    if let assessment { warnings += assessment.warnings.map(\.description) }

    guard let reporting = reportingPeriod(analysed, explicit: options.period) else {
      throw .report(
        file: inputs.map(\.file.path).joined(separator: ", "), line: nil, column: nil,
        message: "no observation has a value\(options.period.map { " up to \($0.label)" } ?? ""): there is nothing to report",
        hint: "check the value column (inspect shows what was read) and --period", kind: .invalid)
    }
    let fiscal = fiscalYear(startMonth: options.fiscalYearStartMonth, containing: reporting.end)
    let headlineArea = options.headlineArea ?? chain.flatMap(chainArea) ?? singleArea(analysed)
    if let area = headlineArea, !analysed.contains(where: { $0.set.series.contains { $0.area == area } }) {
      warnings.append("warning: the headline area \"\(area)\" has no observations; no series is a headline")
    } else if headlineArea == nil, analysed.contains(where: { $0.set.series.contains { $0.area != nil } }) {
      warnings.append(
        "warning: several areas and no headline area: every area's series counts as a headline (name one with --area)")
    }
    // A breakdown with one value for an indicator (Fingertips' "30+ yrs" where no "All ages"
    // exists) is that indicator's whole population: its series can be headlines. No value
    // (an empty cell, or a file without that breakdown) counts as a value: a breakdown empty
    // for the totals and "15-24 yrs" for a subgroup has two.
    let allBreakdowns = Set(analysed.flatMap { $0.set.breakdowns })
    var valuesOf: [String: [String: Set<String?>]] = [:]
    for a in analysed {
      for s in a.set.series {
        var values = Dictionary(uniqueKeysWithValues: allBreakdowns.map { ($0, String?.none) })
        for (name, value) in zip(a.set.breakdowns, s.breakdown) { values[name] = value }
        for (name, value) in values { valuesOf[s.indicator, default: [:]][name, default: []].insert(value) }
      }
    }
    let singleValued = valuesOf.mapValues { byName in
      Set(byName.filter { $0.value.count == 1 && $0.value.first! != nil }.keys)
    }
    var areaNames: [String: String] = [:]
    var indicators: [String: IndicatorReport] = [:]
    var order: [String] = []
    for a in analysed {
      let columns = PointColumns(a.observations)
      for (i, result) in a.results.enumerated() {
        let series = result.series
        if let area = series.area, areaNames[area] == nil, let name = columns.areaName(series.rows) { areaNames[area] = name }
        let report = seriesReport(
          result, breakdownNames: a.set.breakdowns,
          singleValued: singleValued[series.indicator] ?? [], columns: columns,
          headlineArea: headlineArea, reporting: reporting, fiscal: fiscal, published: a.published?[i].map(\.rawValue))
        if indicators[series.indicator] == nil {
          let definition = result.definition
          indicators[series.indicator] = IndicatorReport(
            id: series.indicator, title: definition?.title ?? columns.indicatorName(series.rows) ?? series.indicator,
            definition: definition, polarity: result.polarity, frequency: "", decimals: 0,
            intervalMethod: definition.flatMap { intervalText($0) }, resultSteps: chain.map { steps(of: series.indicator, in: $0) } ?? [],
            series: [])
          order.append(series.indicator)
        }
        indicators[series.indicator]!.series.append(report)
      }
    }
    var list = order.compactMap { id -> IndicatorReport? in
      guard var indicator = indicators[id] else { return nil }
      for s in indicator.series.indices {
        if let code = indicator.series[s].area?.code { indicator.series[s].area?.name = areaNames[code] }
      }
      indicator.series.sort(by: seriesOrder)
      indicator.frequency = frequency(indicator.series)
      indicator.decimals = decimals(indicator)
      return indicator
    }
    list.sort { a, b in
      switch (a.domain, b.domain) {
      case let (x?, y?) where x != y: return x < y
      case (nil, _?): return false
      case (_?, nil): return true
      default: return NaturalOrder.precedes(a.id, b.id)
      }
    }

    var inequalities: [InequalityReport] = []
    for a in analysed {
      do {
        inequalities += try inequality(
          a, reporting: reporting, titles: list, repetitions: options.inequalityRepetitions, warnings: &warnings)
      } catch { throw .data(error) }
    }
    // In the order of the report's indicators; for one indicator, as measured (inputs in
    // order, areas before breakdowns).
    let position = Dictionary(list.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    inequalities = inequalities.enumerated().sorted { a, b in
      (position[a.element.indicator] ?? list.count, a.offset) < (position[b.element.indicator] ?? list.count, b.offset)
    }.map(\.element)

    var absences: [AbsenceReason: Int] = [:]
    var observations = 0, present = 0
    for a in analysed {
      for (reason, n) in a.observations.absenceCounts { absences[reason, default: 0] += n }
      observations += a.observations.count
      present += a.observations.column(CanonicalColumn.value).validCount
    }
    let stale = list.filter { i in
      let judged = i.series.filter(\.isHeadline).isEmpty ? i.series : i.series.filter(\.isHeadline)
      return !judged.isEmpty && judged.allSatisfy(\.isStale)
    }.map(\.id)
    let undefined = library == nil ? [] : NaturalOrder.sorted(Set(analysed.flatMap { $0.match?.unknown ?? [] }))
    let quality = DataQuality(
      absences: AbsenceReason.allCases.compactMap { r in absences[r].map { AbsenceCount(reason: r, count: $0) } },
      rejectedRows: inputs.reduce(0) { $0 + $1.file.rejectedRows }, staleIndicators: stale,
      undefinedIndicators: undefined, observations: observations, valuesPresent: present)
    let provenance = Provenance(
      generatedAt: options.generatedAt, fromSourceDateEpoch: options.fromSourceDateEpoch,
      backboneVersion: options.backboneVersion, inputs: inputs.map(\.file),
      definitionsDirectory: options.definitionsDirectory, chainFile: options.chainFile)
    return ReportModel(
      title: options.title ?? chain?.name ?? "Indicator report", partnership: chain?.name, reportingPeriod: reporting,
      headlineArea: headlineArea.map { AreaName(code: $0, name: areaNames[$0]) }, fiscalYear: fiscal,
      provenance: provenance, indicators: list, inequalities: inequalities, chain: assessment, quality: quality,
      warnings: warnings)
  }

  /// One export after analysis.
  struct Analysed {
    var observations: Observations
    var set: SeriesSet
    var results: [SeriesResult]
    var published: [PublishedComparison?]?
    var match: DefinitionMatch?
  }

  /// The match with the chain's own indicators added as definitions of the `partnership`
  /// domain (value type index, no interval), so that their polarity and targets judge their
  /// series in the report as they do in the chain.
  static func withLocalIndicators(of chain: ResultsChain, _ match: DefinitionMatch?, in o: Observations) -> DefinitionMatch? {
    guard !chain.localIndicators.isEmpty else { return match }
    var m = match ?? DefinitionMatch(known: [:], unknown: [])
    let ids = Set(o.indicatorIDs)
    for l in chain.localIndicators where m.known[l.id] == nil && ids.contains(l.id) {
      m.known[l.id] = IndicatorDefinition(
        id: l.id, title: l.title, domain: .partnership, unit: l.unit ?? "", valueType: .index, multiplier: 1,
        polarity: l.polarity, intervalMethod: .none, source: IndicatorSource(publisher: "the partnership"),
        notes: l.notes, target: l.target, baselinePeriod: l.baselinePeriod,
        location: DefinitionLocation(file: l.location.file, line: l.location.line, column: l.location.column))
      m.unknown.removeAll { $0 == l.id }
    }
    return m
  }

  // MARK: Reporting period and fiscal year

  /// The explicit period, or the latest period with a value (ties: the shortest, so that a
  /// quarter ending with its year is the reporting period rather than the year).
  static func reportingPeriod(_ analysed: [Analysed], explicit: Period?) -> ReportingPeriod? {
    if let p = explicit { return ReportingPeriod(label: p.label, start: p.start, end: p.end, isExplicit: true) }
    var best: Period? = nil
    for a in analysed {
      let value = a.observations.column(CanonicalColumn.value)
      for s in a.set.series {
        for (row, code) in zip(s.rows, s.periodCodes).reversed() where value.isValid(row) {
          let p = s.periodTable[code]
          if let b = best, p.end < b.end || (p.end == b.end && p.dayCount >= b.dayCount) { break }
          best = p
          break
        }
      }
    }
    guard let p = best else { return nil }
    return ReportingPeriod(label: p.label, start: p.start, end: p.end, isExplicit: false)
  }

  static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// The fiscal year containing `date` and its quarters.
  static func fiscalYear(startMonth: Int, containing date: CalendarDate) -> FiscalYearInfo {
    let calendar = FiscalCalendar(startMonth: startMonth) ?? .calendarYear
    let year = calendar.fiscalYear(of: date)
    let label = startMonth == 1 ? "\(year)" : "\(year)/\(String(year + 1).suffix(2))"
    let quarters = (1...4).map { q -> QuarterInfo in
      let p = calendar.period(of: FiscalQuarter(fiscalYear: year, quarter: q))
      let months = "\(monthNames[p.start.month - 1])–\(monthNames[p.end.month - 1]) \(p.end.year)"
      return QuarterInfo(number: q, label: "Q\(q) (\(months))", start: p.start, end: p.end)
    }
    return FiscalYearInfo(startMonth: startMonth, year: year, label: label, quarters: quarters)
  }

  // MARK: Headline area

  /// The one area the chain's indicator references name, if they name exactly one.
  static func chainArea(_ chain: ResultsChain) -> String? {
    let areas = Set(chain.steps.flatMap { $0.indicators.compactMap(\.area) })
    return areas.count == 1 ? areas.first : nil
  }

  /// The one area in the data (aggregates left out), if there is exactly one.
  static func singleArea(_ analysed: [Analysed]) -> String? {
    var areas = Set<String>()
    for a in analysed {
      for s in a.set.series where s.areaType != "aggregate" {
        if let area = s.area { areas.insert(area) }
        if areas.count > 1 { return nil }
      }
    }
    return areas.first
  }

  // MARK: Series

  /// Column access for the points of a series.
  struct PointColumns {
    let value: Column, lower: Column, upper: Column, count: Column, denominator: Column
    let absence: Column, areaNames: Column, indicatorNames: Column
    let values: [Double], lowers: [Double], uppers: [Double], counts: [Double], denominators: [Double]

    init(_ o: Observations) {
      func floats(_ c: Column) -> [Double] {
        guard case .float(let v) = c.values else { preconditionFailure("asFloat gives floats") }
        return v
      }
      value = o.column(CanonicalColumn.value).asFloat().column
      lower = o.column(CanonicalColumn.lowerCI).asFloat().column
      upper = o.column(CanonicalColumn.upperCI).asFloat().column
      count = o.column(CanonicalColumn.count).asFloat().column
      denominator = o.column(CanonicalColumn.denominator).asFloat().column
      values = floats(value)
      lowers = floats(lower)
      uppers = floats(upper)
      counts = floats(count)
      denominators = floats(denominator)
      absence = o.column(CanonicalColumn.absenceReason).asText()
      areaNames = o.column(CanonicalColumn.areaName).asText()
      indicatorNames = o.column(CanonicalColumn.indicatorName).asText()
    }

    func text(_ c: Column, _ row: Int) -> String? {
      guard c.isValid(row), case .text(let s) = c[row], !s.isEmpty else { return nil }
      return s
    }
    func areaName(_ rows: [Int]) -> String? { rows.lazy.compactMap { text(areaNames, $0) }.first }
    func indicatorName(_ rows: [Int]) -> String? { rows.lazy.compactMap { text(indicatorNames, $0) }.first }

    func point(row: Int, period: Period) -> SeriesPoint {
      func number(_ c: Column, _ v: [Double]) -> Double? { c.isValid(row) && v[row].isFinite ? v[row] : nil }
      let v = number(value, values)
      return SeriesPoint(
        period: period.label, start: period.start, end: period.end, value: v, lower: number(lower, lowers),
        upper: number(upper, uppers), count: number(count, counts), denominator: number(denominator, denominators),
        absence: v == nil ? (text(absence, row).flatMap(AbsenceReason.init(rawValue:)) ?? .missing) : nil)
    }
  }

  /// - Parameter singleValued: the breakdowns that have one value for the indicator: that value
  ///   is its whole population, as a total label ("Persons", "All ages") is.
  static func seriesReport(
    _ r: SeriesResult, breakdownNames: [String], singleValued: Set<String> = [], columns: PointColumns, headlineArea: String?,
    reporting: ReportingPeriod, fiscal: FiscalYearInfo, published: String?
  ) -> SeriesReport {
    let s = r.series
    let points = zip(s.rows, s.periodCodes).map { columns.point(row: $0, period: s.periodTable[$1]) }
    let breakdown = zip(breakdownNames, s.breakdown).compactMap { name, value in
      value.map { BreakdownValue(name: name, value: $0) }
    }
    let isTotal = breakdown.allSatisfy { DeprivationQuantile.isTotal($0.value) || singleValued.contains($0.name) }
    let isHeadline = isTotal && (headlineArea == nil ? s.areaType != "aggregate" : s.area == headlineArea)
    let latest = points.last { $0.value != nil }
    var baseline = points.first { $0.value != nil }
    if let period = r.definition?.baselinePeriod, let p = points.first(where: { $0.period == period && $0.value != nil }) {
      baseline = p
    }
    var achievement: TargetAchievement? = nil
    if let t = r.target?.target, let b = baseline?.value, let l = latest?.value {
      achievement = TargetAchievement(baseline: b, latest: l, target: t, polarity: r.polarity)
    }
    let quarterValues = fiscal.quarters.map { q -> Double? in
      points.last { $0.value != nil && $0.end >= q.start && $0.end <= q.end && $0.start >= q.start }?.value
    }
    let fyStart = fiscal.quarters[0].start, fyEnd = fiscal.quarters[3].end
    let fyValue = points.last { $0.value != nil && $0.start == fyStart && $0.end == fyEnd }?.value
    let stale = latest.map { isStale($0, reportingEnd: reporting.end) } ?? false
    return SeriesReport(
      area: s.area.map { AreaName(code: $0) }, breakdown: breakdown, isHeadline: isHeadline, points: points,
      latest: latest, baseline: baseline, changeFromPrevious: r.changeFromPrevious, changeFromBaseline: r.changeFromBaseline,
      status: r.status, statusReason: r.statusReason, trendPValue: r.mannKendall?.pValue, slopePerYear: r.sen?.slope,
      recentTrend: r.recentTrend?.trend.rawValue, target: r.target, achievement: achievement, benchmark: r.benchmark,
      publishedComparison: published, quarterValues: quarterValues, fiscalYearValue: fyValue, isStale: stale)
  }

  /// Whether a value is out of date: the period after it, of the same length, ended before the
  /// reporting period did. Periods of whole months step by calendar months (a quarter behind is
  /// one quarter behind whatever the quarters' lengths); others by their number of days.
  static func isStale(_ latest: SeriesPoint, reportingEnd: CalendarDate) -> Bool {
    let s = latest.start, e = latest.end
    if s.day == 1, e.day == CalendarDate.daysInMonth(e.month, year: e.year) {
      let months = (e.year * 12 + e.month) - (s.year * 12 + s.month) + 1
      let next = e.year * 12 + (e.month - 1) + months
      let year = next / 12, month = next % 12 + 1
      guard let nextEnd = CalendarDate(year: year, month: month, day: CalendarDate.daysInMonth(month, year: year)) else {
        return false
      }
      return nextEnd < reportingEnd
    }
    let length = e.daysSinceEpoch - s.daysSinceEpoch + 1
    return e.daysSinceEpoch + length < reportingEnd.daysSinceEpoch
  }

  /// Headline first, then by area code and breakdown text, both in natural order
  /// (``NaturalOrder``: "E2" before "E10", "age: 5-9" before "age: 10-14").
  static func seriesOrder(_ a: SeriesReport, _ b: SeriesReport) -> Bool {
    if a.isHeadline != b.isHeadline { return a.isHeadline }
    let ac = a.area?.code ?? "", bc = b.area?.code ?? ""
    if ac != bc { return NaturalOrder.precedes(ac, bc) }
    return NaturalOrder.precedes(a.breakdownText, b.breakdownText)
  }

  /// How often an indicator is published, from the length of its periods.
  static func frequency(_ series: [SeriesReport]) -> String {
    var kinds = Set<String>()
    for s in series {
      for p in s.points {
        let days = p.end.daysSinceEpoch - p.start.daysSinceEpoch + 1
        let kind: String =
          switch days {
          case ...1: "daily"
          case 2...7: "weekly"
          case 28...31: "monthly"
          case 89...92: "quarterly"
          case 365...366: "annual"
          case 730...732: "2-year pooled"
          case 1095...1097: "3-year pooled"
          case 1826...1828: "5-year pooled"
          default: "\(days) days"
          }
        kinds.insert(kind)
      }
    }
    return kinds.count == 1 ? kinds.first! : kinds.isEmpty ? "no data" : "mixed"
  }

  /// Decimal places for display: none for counts and whole numbers, one for percentages,
  /// rates and values of 100 or more, two below 100, three below 1 (at most 3).
  static func decimals(_ indicator: IndicatorReport) -> Int {
    let values = indicator.series.flatMap { $0.points.compactMap(\.value) }
    if indicator.definition?.valueType == .count || values.allSatisfy({ $0 == $0.rounded() }) { return 0 }
    if indicator.domain == .partnership {
      let largest = values.map(abs).max() ?? 0
      return largest >= 100 ? 0 : largest >= 1 ? 1 : 2
    }
    switch indicator.definition?.valueType {
    case .proportion, .crudeRate, .directlyStandardisedRate, .years: return 1
    default: break
    }
    let largest = values.map(abs).max() ?? 0
    return largest >= 100 ? 1 : largest >= 1 ? 2 : 3
  }

  /// The interval method in words, as the Methods sheet and footnotes name it.
  static func intervalText(_ d: IndicatorDefinition) -> String? {
    switch d.intervalMethod {
    case .wilson: "Wilson score 95%"
    case .byars: "Byars 95% (exact Poisson below 10 events)"
    case .exactPoisson: "Exact Poisson 95% below 10 events, Byars from 10"
    case .studentT: "Student t 95%"
    case .dobson: "Dobson 95%; not shown below 10 events"
    case .none: nil
    case .asPublished: "As published"
    }
  }

  /// The chain steps that name `indicator` as evidence.
  static func steps(of indicator: String, in chain: ResultsChain) -> [ResultStep] {
    chain.steps.filter { $0.indicators.contains { $0.id == indicator } }.map { step in
      let name = chain.levels.indices.contains(step.level) ? chain.levels[step.level].name : "Level \(step.level)"
      return ResultStep(stepID: step.id, level: name, levelNumber: step.level, statement: step.statement)
    }
  }

  // MARK: Inequality

  /// Inequality across areas and across each breakdown, in each indicator's latest period up
  /// to the reporting period.
  ///
  /// Period labels are read as the series read them (the whole column at once, so that
  /// `2010-11` is the split year 2010/11 when the column also has `2012-13`). A result whose
  /// period label cannot be read at all cannot be placed in time: it is left out, and one
  /// warning per export names each such label with the indicators and dimensions it affects.
  /// - Parameter warnings: where that warning is appended.
  /// - Complexity: O(results) plus the inequality measures themselves.
  static func inequality(
    _ a: Analysed, reporting: ReportingPeriod, titles: [IndicatorReport], repetitions: Int, warnings: inout [String]
  ) throws(IndicatorError) -> [InequalityReport] {
    var out: [InequalityReport] = []
    let title = Dictionary(titles.map { ($0.id, $0.title) }, uniquingKeysWith: { x, _ in x })
    var periods: [String: Period] = [:]
    var tables = Set<ObjectIdentifier>()
    for s in a.set.series where tables.insert(ObjectIdentifier(s.periodTable)).inserted {
      for case let p? in s.periodTable.periods where periods[p.label] == nil { periods[p.label] = p }
    }
    // Unreadable labels, in order met, with the "I1 by area" they affect.
    var unreadable: [(label: String, affected: [String])] = []
    let dimensions: [(InequalityDimension, String)] =
      [(.areas, "area")] + a.observations.breakdowns.map { (.breakdown($0), $0) }
    for (dimension, name) in dimensions {
      let results = try a.observations.inequality(across: dimension, definitions: a.match, repetitions: repetitions)
      // The latest period of each indicator and fixed key.
      var latest: [String: (InequalityResult, Period)] = [:]
      var keys: [String] = []
      for r in results {
        guard let p = periods[r.period] ?? (try? Period.parse(r.period)) else {
          let what = "\(r.indicator) by \(name)"
          if let i = unreadable.firstIndex(where: { $0.label == r.period }) {
            if !unreadable[i].affected.contains(what) { unreadable[i].affected.append(what) }
          } else {
            unreadable.append((r.period, [what]))
          }
          continue
        }
        guard p.end <= reporting.end else { continue }
        let key = r.indicator + "\u{1f}" + r.fixed.map { "\($0.0)=\($0.1 ?? "")" }.joined(separator: "\u{1f}")
        if let (_, q) = latest[key] {
          if p.end > q.end { latest[key] = (r, p) }
        } else {
          latest[key] = (r, p)
          keys.append(key)
        }
      }
      for key in keys {
        guard let (r, _) = latest[key] else { continue }
        out.append(
          InequalityReport(indicator: r.indicator, title: title[r.indicator] ?? r.indicator, period: r.period, dimension: name, result: r))
      }
    }
    if !unreadable.isEmpty {
      let shown = unreadable.prefix(5).map { "\"\($0.label)\" (\($0.affected.joined(separator: ", ")))" }
      warnings.append(
        "\(a.observations.file): warning: inequality left out for \(unreadable.count) period label\(unreadable.count == 1 ? "" : "s") that cannot be read: \(shown.joined(separator: "; "))\(unreadable.count > 5 ? "; …" : "")"
      )
    }
    return out
  }
}
