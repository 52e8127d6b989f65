import ResultsChain
import Foundation
import Indicators
import XLSX

extension SheetContext {
  /// The Summary sheet's header row: the column titles of the headline table.
  static let summaryColumns: [(String, Double)] = [
    ("Domain", 14), ("Indicator ID", 13), ("Indicator", 40), ("Area", 20), ("Unit", 12), ("Latest period", 13),
    ("Latest value", 12), ("Lower 95% limit", 11), ("Upper 95% limit", 11), ("Change from previous", 12),
    ("Change from previous (%)", 12), ("Trend", 7), ("Status", 20), ("Why", 44), ("Target", 10),
    ("Target period", 12), ("% of target achieved", 11), ("Target status", 16), ("Up to date", 10),
  ]
  /// The row of the Summary's table header (0-based): the facts above it take rows 0–5.
  static let summaryHeaderRow = 7

  /// Summary: the reporting period, then one row per headline series with its latest value,
  /// change, trend arrow, status word (coloured by a conditional format) and target progress.
  /// - Complexity: O(headline series).
  func writeSummary(_ sheet: Worksheet) throws(XLSXError) {
    try sheet.widths(Self.summaryColumns.map(\.1))
    let s = styles
    let p = model.reportingPeriod
    try sheet.put(model.title, 0, 0, s.title)
    try sheet.put("Reporting period", 1, 0, s.text)
    try sheet.put(p.label, 1, 1, s.text)
    try sheet.put(p.start, 1, 2, s.date)
    try sheet.put(p.end, 1, 3, s.date)
    try sheet.put("Fiscal year", 2, 0, s.text)
    try sheet.put(model.fiscalYear.label, 2, 1, s.text)
    try sheet.put("Headline area", 3, 0, s.text)
    try sheet.put(model.headlineArea?.display ?? "every area", 3, 1, s.text)
    try sheet.put("Generated", 4, 0, s.text)
    try sheet.put(model.provenance.generatedISO, 4, 1, s.text)
    try sheet.put("Backbone \(model.provenance.backboneVersion)", 4, 2, s.text)
    try sheet.put("Headline status", 5, 0, s.text)
    let counts = model.headlineStatusCounts.map { "\($0.count) \($0.status.rawValue)" }
    try sheet.put(counts.isEmpty ? "no headline series" : counts.joined(separator: ", "), 5, 1, s.text)

    let top = Self.summaryHeaderRow
    try sheet.headerRow(Self.summaryColumns.map(\.0), top, s.header)
    var row = top + 1
    for (indicator, series) in model.headlines {
      let v = s.value(indicator)
      let latest = series.latest
      try sheet.put(indicator.domain?.rawValue ?? "other", row, 0, s.text)
      try sheet.put(indicator.id, row, 1, s.text)
      try sheet.put(indicator.title, row, 2, s.wrapped)
      try sheet.put(series.area?.display, row, 3, s.text)
      try sheet.put(indicator.unit, row, 4, s.text)
      try sheet.put(latest?.period, row, 5, s.text)
      try sheet.put(latest?.value, row, 6, v)
      try sheet.put(latest?.lower, row, 7, v)
      try sheet.put(latest?.upper, row, 8, v)
      try sheet.put(series.changeFromPrevious?.absolute, row, 9, v)
      try sheet.put(series.changeFromPrevious?.percent.map { $0 / 100 }, row, 10, s.percentOneDecimal)
      try sheet.put(series.trendArrow, row, 11, s.centred)
      try sheet.put(series.status.rawValue, row, 12, s.text)
      try sheet.put(series.statusReason, row, 13, s.wrapped)
      try sheet.put(series.target?.target, row, 14, v)
      try sheet.put(series.target?.targetPeriod, row, 15, s.text)
      try putAchievement(series, sheet, row, 16, s.percent)
      try sheet.put(series.target?.status.rawValue, row, 17, s.text)
      try sheet.put(series.isStale ? "stale" : "yes", row, 18, s.text)
      row += 1
    }
    if row > top + 1 {
      try colourStatus(sheet, column: 12, rows: (top + 1)...(row - 1))
      try colourTargetStatus(sheet, column: 17, rows: (top + 1)...(row - 1))
      try sheet.setAutofilter(CellRange(rows: top...(row - 1), columns: 0...(Self.summaryColumns.count - 1)))
    }
    try sheet.freezePanes(rows: top + 1, columns: 3)
    try sheet.setLandscape()
  }

  /// Colours a column of series status words, one rule per word.
  func colourStatus(_ sheet: Worksheet, column: Int, rows: ClosedRange<Int>) throws(XLSXError) {
    let range = CellRange(rows: rows, columns: column...column)
    for (status, colour) in Palette.status {
      try sheet.addConditionalFormat(.textEquals(status.rawValue, format: try styles.fill(colour)), to: range)
    }
  }

  /// Colours a column of target status words.
  func colourTargetStatus(_ sheet: Worksheet, column: Int, rows: ClosedRange<Int>) throws(XLSXError) {
    let range = CellRange(rows: rows, columns: column...column)
    let rules: [(TargetProgress.Status, Color)] = [
      (.achieved, Palette.mint), (.onTrack, Palette.pear), (.offTrack, Palette.orange),
      (.cannotBeAssessed, Palette.paleGrey),
    ]
    for (status, colour) in rules {
      try sheet.addConditionalFormat(.textEquals(status.rawValue, format: try styles.fill(colour)), to: range)
    }
  }

  // MARK: Tracking

  /// The row of the Tracking sheet's header (0-based).
  static let trackingHeaderRow = 3

  /// Tracking: the funder's layout, one row per headline series (or per series).
  /// - Complexity: O(rows × columns of the layout).
  func writeTracking(_ sheet: Worksheet, layout: WorkbookLayout) throws(XLSXError) {
    let s = styles
    try sheet.widths(layout.columns.map(\.width))
    try sheet.put(layout.title, 0, 0, s.title)
    let fy = model.fiscalYear
    try sheet.put(
      "\(model.title) · fiscal year \(fy.label) · reporting period \(model.reportingPeriod.label)", 1, 0, s.text)
    let top = Self.trackingHeaderRow
    try sheet.headerRow(layout.columns.map { header($0) }, top, s.header)
    var custom: [Int: Format] = [:]
    for (c, column) in layout.columns.enumerated() {
      if let f = column.numberFormat { custom[c] = try s.custom(f) }
    }
    var row = top + 1
    for indicator in model.indicators {
      let series = layout.rows == .headline ? indicator.series.filter(\.isHeadline) : indicator.series
      for one in series {
        for (c, column) in layout.columns.enumerated() {
          try cell(column.field, indicator, one, sheet, row, c, custom[c])
        }
        row += 1
      }
    }
    if row > top + 1 {
      for (c, column) in layout.columns.enumerated() {
        if column.field == .status { try colourStatus(sheet, column: c, rows: (top + 1)...(row - 1)) }
        if column.field == .targetStatus { try colourTargetStatus(sheet, column: c, rows: (top + 1)...(row - 1)) }
      }
      try sheet.setAutofilter(CellRange(rows: top...(row - 1), columns: 0...(layout.columns.count - 1)))
    } else {
      try sheet.put("No series to report.", top + 1, 0, s.italic)
    }
    try sheet.freezePanes(rows: top + 1)
    try sheet.setLandscape()
    try sheet.repeatRows(top...top)
  }

  /// A column's header with `{quarter}` and `{fiscal-year}` filled in.
  func header(_ column: WorkbookLayout.Column) -> String {
    var text = column.header.replacingOccurrences(of: "{fiscal-year}", with: model.fiscalYear.label)
    if let q = column.field.quarter, model.fiscalYear.quarters.indices.contains(q - 1) {
      text = text.replacingOccurrences(of: "{quarter}", with: model.fiscalYear.quarters[q - 1].label)
    }
    return text
  }

  /// One cell of the tracking table.
  func cell(
    _ field: WorkbookField, _ indicator: IndicatorReport, _ series: SeriesReport, _ sheet: Worksheet, _ row: Int,
    _ column: Int, _ custom: Format?
  ) throws(XLSXError) {
    let s = styles
    func text(_ t: String?, wrap: Bool = false) throws(XLSXError) {
      try sheet.put(t, row, column, custom ?? (wrap ? s.wrapped : s.text))
    }
    func number(_ x: Double?) throws(XLSXError) { try sheet.put(x, row, column, custom ?? s.value(indicator)) }
    let steps = indicator.resultSteps
    let target = series.target
    switch field {
    case .resultLevel: try text(steps.map(\.level).uniqued().joined(separator: "; "), wrap: true)
    case .resultStatement: try text(steps.map(\.statement).joined(separator: "; "), wrap: true)
    case .stepID: try text(steps.map(\.stepID).joined(separator: ", "))
    case .indicatorID: try text(indicator.id)
    case .indicator: try text(indicator.title, wrap: true)
    case .domain: try text(indicator.domain?.rawValue ?? "other")
    case .unit: try text(indicator.unit)
    case .polarity: try text(indicator.polarity.rawValue)
    case .area: try text(series.area?.display)
    case .disaggregation: try text(series.breakdown.isEmpty ? "Total" : series.breakdownText)
    case .baselineValue: try number(series.baseline?.value)
    case .baselinePeriod: try text(series.baseline?.period)
    case .baselineDate: try sheet.put(series.baseline?.end, row, column, custom ?? s.date)
    case .targetValue: try number(target?.target ?? indicator.definition?.target?.value)
    case .targetPeriod: try text(target?.targetPeriod ?? indicator.definition?.target?.period)
    case .targetStatus: try text(target?.status.rawValue)
    case .actualQ1, .actualQ2, .actualQ3, .actualQ4:
      let q = (field.quarter ?? 1) - 1
      try number(series.quarterValues.indices.contains(q) ? series.quarterValues[q] : nil)
    case .fiscalYearValue: try number(series.fiscalYearValue)
    case .latestValue: try number(series.latest?.value)
    case .latestPeriod: try text(series.latest?.period)
    case .latestDate: try sheet.put(series.latest?.end, row, column, custom ?? s.date)
    case .latestLower: try number(series.latest?.lower)
    case .latestUpper: try number(series.latest?.upper)
    case .changeFromPrevious: try number(series.changeFromPrevious?.absolute)
    case .changeFromBaseline: try number(series.changeFromBaseline?.absolute)
    case .percentAchieved: try putAchievement(series, sheet, row, column, custom ?? s.percent)
    case .status: try text(series.status.rawValue)
    case .statusReason: try text(series.statusReason, wrap: true)
    case .trend: try sheet.put(series.trendArrow, row, column, custom ?? s.centred)
    case .trendPValue: try sheet.put(series.trendPValue, row, column, custom ?? s.probability)
    case .slopePerYear: try number(series.slopePerYear)
    case .benchmark: try text(benchmarkText(series))
    case .intervalMethod: try text(indicator.intervalMethod ?? "none")
    case .dataSource: try text(sourceText(indicator), wrap: true)
    case .frequency: try text(indicator.frequency)
    case .comments: try text(comments(indicator, series), wrap: true)
    }
  }

  /// The % of target achieved as a number with a percent format, or, when the baseline already
  /// met the target, the words "met at baseline, maintained" or "met at baseline, no longer met"
  /// (``TargetAchievement``); blank without a target.
  func putAchievement(
    _ series: SeriesReport, _ sheet: Worksheet, _ row: Int, _ column: Int, _ format: Format
  ) throws(XLSXError) {
    switch series.achievement {
    case .percent(let p)?: try sheet.put(p / 100, row, column, format)
    case .maintained?: try sheet.put("met at baseline, maintained", row, column, styles.text)
    case .noLongerMet?: try sheet.put("met at baseline, no longer met", row, column, styles.text)
    case nil: break
    }
  }

  /// "Worse than E92000001", or the publisher's own comparison.
  func benchmarkText(_ series: SeriesReport) -> String? {
    if let b = series.benchmark { return "\(b.comparison.rawValue) (\(b.area))" }
    return series.publishedComparison
  }

  /// "Office for Health Improvement and Disparities, Fingertips 90631".
  func sourceText(_ indicator: IndicatorReport) -> String? {
    guard let source = indicator.definition?.source else { return nil }
    return [source.publisher, source.reference].compactMap { $0 }.joined(separator: ", ")
  }

  /// The status reason, whether the latest value is out of date, why values of the fiscal year
  /// are missing, and the target projection.
  func comments(_ indicator: IndicatorReport, _ series: SeriesReport) -> String {
    var parts = [series.statusReason]
    if series.isStale, let l = series.latest {
      parts.append("the latest value is for \(l.period), out of date for \(model.reportingPeriod.label)")
    }
    // Absence footnotes: the periods of the fiscal year without a value, and why.
    if let first = model.fiscalYear.quarters.first, let last = model.fiscalYear.quarters.last {
      for p in series.points where p.end >= first.start && p.end <= last.end {
        if let reason = p.absence { parts.append("no value for \(p.period): \(reason.phrase)") }
      }
    }
    if let t = series.target, let projected = t.projected, let period = t.targetPeriod {
      parts.append(
        "projected \(Self.plain(projected, indicator.decimals)) by \(period) against a target of \(Self.plain(t.target, indicator.decimals))"
      )
    }
    return parts.filter { !$0.isEmpty }.joined(separator: "; ")
  }

  /// A number with fixed decimals, locale-free, for sentences ("87.8").
  static func plain(_ x: Double, _ decimals: Int) -> String { fixed(x, max(0, min(3, decimals))) }
}

extension Array where Element: Hashable {
  /// The elements without repeats, first occurrence kept.
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
