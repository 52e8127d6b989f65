import Indicators
import Statistics
import XLSX

extension SheetContext {
  // MARK: Trends

  /// Rows a chart covers (288 pixels at the default 20-pixel row height is 14.4 rows).
  static let chartRows = 16

  /// The column of a trend block where its chart starts, right of the table.
  static let chartColumn = 7

  /// "95%", the level of the intervals (``SeriesPoint/intervalConfidenceLevel``).
  static let intervalLevel = "\(Int((SeriesPoint.intervalConfidenceLevel * 100).rounded()))%"

  /// Trends: per headline series, its values by period (with the interval, its width and the
  /// target) and a native chart of them beside, grouped by domain. The chart draws the values
  /// as a line with markers, the target as a dashed line and the interval as a shaded band
  /// behind them (``trendBlock(_:_:_:at:)`` says when it falls back to dashed limit lines).
  /// - Complexity: O(points of the headline series).
  func writeTrends(_ sheet: Worksheet) throws(XLSXError) {
    let s = styles
    try sheet.widths([16, 12, 12, 12, 12, 12])
    try sheet.put("Trends of the headline indicators", 0, 0, s.title)
    var row = 2
    var charts = 0
    for (domain, indicators) in model.byDomain {
      let headlines = indicators.flatMap { i in i.series.filter(\.isHeadline).map { (i, $0) } }
      guard !headlines.isEmpty else { continue }
      try sheet.put(domain.map { "Domain: \($0.rawValue)" } ?? "Other indicators", row, 0, s.heading)
      row += 2
      for (indicator, series) in headlines {
        row = try trendBlock(sheet, indicator, series, at: row)
        charts += 1
      }
    }
    if charts == 0 { try sheet.put("No headline series to chart.", row, 0, s.italic) }
  }

  /// The width of a point's interval, `upper − lower`, or `nil` unless both limits are known.
  static func intervalWidth(_ p: SeriesPoint) -> Double? {
    guard let lower = p.lower, let upper = p.upper else { return nil }
    return upper - lower
  }

  /// How a series' interval is drawn.
  enum IntervalDrawing: Equatable {
    /// No limits at all: values and target only.
    case none
    /// A band: every point has both limits, the upper not below the lower.
    case band
    /// Dashed lines at the lower and upper limits, which show gaps where a limit is missing.
    case lines
  }

  /// A band needs a limit at every period: a stacked area drops to zero at an empty cell (Excel
  /// and LibreOffice draw empty area cells as zero), which would draw a spike down to the axis.
  /// It also needs ``XLSX/Chart/canCombine``. Otherwise any limit is drawn as dashed lines.
  static func intervalDrawing(_ series: SeriesReport, canCombine: Bool = Chart.canCombine) -> IntervalDrawing {
    let points = series.points
    guard points.contains(where: { $0.lower != nil || $0.upper != nil }) else { return .none }
    let complete = points.allSatisfy { p in intervalWidth(p).map { $0 >= 0 } ?? false }
    return complete && canCombine ? .band : .lines
  }

  /// One indicator's block: title, table (period, value, lower and upper limits, the interval's
  /// width, target), chart. Returns the first row after it.
  ///
  /// The chart is a line chart of the values (markers) and the target (dashed). When every
  /// point has an interval it is drawn as Excel users draw a band: a stacked area chart whose
  /// first series is the lower limit (unfilled, no line, not in the legend) and whose second
  /// is the width (filled, transparent, named "95% interval"), with the line chart combined
  /// into it. When only some points have one, the limits are dashed lines instead.
  func trendBlock(_ sheet: Worksheet, _ indicator: IndicatorReport, _ series: SeriesReport, at top: Int)
    throws(XLSXError) -> Int
  {
    let s = styles
    let v = s.value(indicator)
    let title = indicator.title + (series.area.map { " · " + $0.display } ?? "")
    try sheet.put(title, top, 0, s.heading)
    let target = series.target?.target
    let header = top + 1
    let level = Self.intervalLevel
    try sheet.headerRow(
      ["Period", "Value", "Lower \(level) limit", "Upper \(level) limit", "Interval width"]
        + (target == nil ? [] : ["Target"]), header, s.header)
    var row = header + 1
    for p in series.points {
      try sheet.put(p.period, row, 0, s.text)
      try sheet.put(p.value, row, 1, v)
      try sheet.put(p.lower, row, 2, v)
      try sheet.put(p.upper, row, 3, v)
      try sheet.put(Self.intervalWidth(p), row, 4, v)
      try sheet.put(target, row, 5, v)
      row += 1
    }
    guard !series.points.isEmpty else { return max(row, top + 3) + 1 }
    let first = header + 1
    let last = row - 1
    let workbook = sheet.workbook
    let lines = try workbook.addChart(.line)
    let categories = CellRange(rows: first...last, columns: 0...0)
    func column(_ c: Int) -> CellRange { CellRange(rows: first...last, columns: c...c) }
    func name(_ c: Int) -> ChartText { .cell(sheet, row: header, column: c) }
    try lines.addSeries(
      values: column(1), on: sheet, categories: categories, name: name(1),
      style: SeriesStyle(
        color: Color(rgb: 0x4477AA), lineWidth: 2.25, marker: .init(.circle, size: 6, fill: Color(rgb: 0x4477AA))))
    let drawing = Self.intervalDrawing(series)
    if drawing == .lines {
      for c in [2, 3] {
        try lines.addSeries(
          values: column(c), on: sheet, categories: categories, name: name(c),
          style: SeriesStyle(color: Color(rgb: 0x88CCEE), lineWidth: 1, dash: .dash))
      }
    }
    if target != nil {
      try lines.addSeries(
        values: column(5), on: sheet, categories: categories, name: name(5),
        style: SeriesStyle(color: Color(rgb: 0xEE6677), lineWidth: 1.5, dash: .longDash))
    }
    var chart = lines
    if drawing == .band {
      chart = try workbook.addChart(.areaStacked)
      try chart.addSeries(
        values: column(2), on: sheet, categories: categories, name: name(2),
        style: SeriesStyle(hidesLine: true, hidesFill: true, hidesLegendEntry: true))
      try chart.addSeries(
        values: column(4), on: sheet, categories: categories, name: .text("\(level) interval"),
        style: SeriesStyle(color: Palette.lightBlue, hidesLine: true, fillTransparency: 60))
      try chart.combine(lines)
    }
    try chart.setTitle(.cell(sheet, row: top, column: 0))
    let unit = indicator.unit.flatMap { $0.isEmpty || $0.hasPrefix("=") ? nil : $0 }
    try chart.setAxisTitles(category: "Period", value: unit)
    try chart.setValueAxis(numberFormat: Styles.numberFormat(decimals: indicator.decimals))
    try chart.setLegend(.bottom)
    try chart.showBlanks(as: .gap)
    let band = drawing == .band ? ", with its \(level) interval as a shaded band" : ""
    let alt = String("Line chart of \(title) by period\(band)".prefix(250))
    try sheet.insertChart(
      chart, row: top, column: Self.chartColumn, placement: ChartPlacement(xScale: 1.3, altText: alt))
    return max(row, top + Self.chartRows) + 1
  }

  // MARK: Inequalities

  static let inequalityColumns: [(String, Double)] = [
    ("Indicator ID", 13), ("Indicator", 36), ("Period", 11), ("Across", 13), ("Held fixed", 24), ("Groups", 8),
    ("Weighted by population", 10), ("Lowest", 10), ("Highest", 10), ("Range", 10), ("Ratio highest/lowest", 10),
    ("Gini coefficient", 10), ("Coefficient of variation", 11), ("Index of disparity", 10), ("Theil T", 10),
    ("Slope index of inequality", 11), ("SII lower 95%", 10), ("SII upper 95%", 10),
    ("Relative index of inequality", 11),
  ]

  /// Inequalities: one row of measures per indicator, dimension and fixed key in the latest
  /// period, then each comparison's groups (quintiles from most to least deprived, or areas).
  /// - Complexity: O(comparisons × groups).
  func writeInequalities(_ sheet: Worksheet) throws(XLSXError) {
    let s = styles
    try sheet.widths(Self.inequalityColumns.map(\.1))
    try sheet.put("Inequality between areas and groups", 0, 0, s.title)
    guard !model.inequalities.isEmpty else {
      try sheet.put("No indicator has two or more areas or groups to compare.", 2, 0, s.italic)
      return
    }
    let top = 2
    try sheet.headerRow(Self.inequalityColumns.map(\.0), top, s.header)
    let byID = Dictionary(model.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var row = top + 1
    for q in model.inequalities {
      let r = q.result
      let v = byID[q.indicator].map { s.value($0) } ?? s.general
      try sheet.put(q.indicator, row, 0, s.text)
      try sheet.put(q.title, row, 1, s.wrapped)
      try sheet.put(q.period, row, 2, s.text)
      try sheet.put(q.dimension, row, 3, s.text)
      try sheet.put(fixedText(r), row, 4, s.wrapped)
      try sheet.write(r.groups, row: row, column: 5, format: s.integer)
      try sheet.put(r.weighted ? "yes" : "no", row, 6, s.text)
      try sheet.put(r.minimum, row, 7, v)
      try sheet.put(r.maximum, row, 8, v)
      try sheet.put(r.measures.range, row, 9, v)
      try sheet.put(r.measures.ratio, row, 10, s.decimals[2])
      try sheet.put(r.measures.gini, row, 11, s.probability)
      try sheet.put(r.measures.coefficientOfVariation, row, 12, s.probability)
      try sheet.put(r.measures.indexOfDisparity, row, 13, s.percentOneDecimal)
      try sheet.put(r.measures.theilIndex, row, 14, s.probability)
      try sheet.put(r.sii?.sii, row, 15, v)
      try sheet.put(r.siiInterval?.lower, row, 16, v)
      try sheet.put(r.siiInterval?.upper, row, 17, v)
      try sheet.put(r.sii?.rii, row, 18, s.decimals[2])
      row += 1
    }
    try sheet.freezePanes(rows: top + 1, columns: 2)
    row += 1
    try sheet.put("Groups compared", row, 0, s.heading)
    row += 1
    for q in model.inequalities where !q.result.members.isEmpty {
      let v = byID[q.indicator].map { s.value($0) } ?? s.general
      let fixed = fixedText(q.result)
      try sheet.put(
        "\(q.indicator) \(q.title): across \(q.dimension), \(q.period)" + (fixed.isEmpty ? "" : " (\(fixed))"), row, 0,
        s.heading)
      row += 1
      try sheet.headerRow(["Group", "Value", "Lower 95% limit", "Upper 95% limit", "Population"], row, s.header)
      row += 1
      for m in q.result.members {
        try sheet.put(m.label, row, 0, s.text)
        try sheet.put(m.value, row, 1, v)
        try sheet.put(m.lower, row, 2, v)
        try sheet.put(m.upper, row, 3, v)
        try sheet.put(m.weight, row, 4, s.integer)
        row += 1
      }
      row += 1
    }
  }

  /// "area type=county; sex=Female".
  func fixedText(_ r: InequalityResult) -> String {
    r.fixed.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : "\(name)=\($0)" } }.joined(separator: "; ")
  }

  // MARK: Changes

  /// Changes since the last run of the same job.
  func writeChanges(_ sheet: Worksheet, _ changes: [ChangeNote]) throws(XLSXError) {
    let s = styles
    try sheet.widths([22, 16, 24, 12, 16, 16, 70])
    try sheet.put("Changes since the last run", 0, 0, s.title)
    guard !changes.isEmpty else {
      try sheet.put("Nothing changed since the last run.", 2, 0, s.italic)
      return
    }
    try sheet.headerRow(["Change", "Subject", "Series", "Period", "Before", "After", "What changed"], 2, s.header)
    var row = 3
    for c in changes {
      try sheet.put(c.kind.rawValue, row, 0, s.text)
      try sheet.put(c.subject, row, 1, s.text)
      try sheet.put(c.series, row, 2, s.wrapped)
      try sheet.put(c.period, row, 3, s.text)
      try sheet.put(c.before, row, 4, s.text)
      try sheet.put(c.after, row, 5, s.text)
      try sheet.put(c.text, row, 6, s.wrapped)
      row += 1
    }
    try sheet.setAutofilter(CellRange(rows: 2...(row - 1), columns: 0...6))
    try sheet.freezePanes(rows: 3)
  }

  // MARK: Data

  static let dataColumns: [(String, Double)] = [
    ("indicator_id", 14), ("area_code", 12), ("area_name", 20), ("breakdown", 22), ("headline", 9), ("period", 12),
    ("start", 11), ("end", 11), ("value", 11), ("lower_ci", 11), ("upper_ci", 11), ("count", 10), ("denominator", 12),
    ("absence_reason", 20),
  ]

  /// Data: every point of every series, one row each, in model order. With `asTable`, an Excel
  /// table named `Observations` (autofilter, banded rows); otherwise (constant memory) an
  /// autofilter. The header row is frozen either way.
  /// - Complexity: O(observations).
  func writeData(_ sheet: Worksheet, asTable: Bool) throws(XLSXError) {
    let s = styles
    let columns = Self.dataColumns
    try sheet.widths(columns.map(\.1))
    if !asTable { try sheet.headerRow(columns.map(\.0), 0, s.header) }
    var row = 1
    for indicator in model.indicators {
      let v = s.value(indicator)
      for series in indicator.series {
        let breakdown = series.breakdownText
        for p in series.points {
          try sheet.put(indicator.id, row, 0, s.text)
          try sheet.put(series.area?.code, row, 1, s.text)
          try sheet.put(series.area?.name, row, 2, s.text)
          try sheet.put(breakdown, row, 3, s.text)
          try sheet.write(series.isHeadline, row: row, column: 4)
          try sheet.put(p.period, row, 5, s.text)
          try sheet.put(p.start, row, 6, s.date)
          try sheet.put(p.end, row, 7, s.date)
          try sheet.put(p.value, row, 8, v)
          try sheet.put(p.lower, row, 9, v)
          try sheet.put(p.upper, row, 10, v)
          try sheet.put(p.count, row, 11, s.general)
          try sheet.put(p.denominator, row, 12, s.general)
          try sheet.put(p.absence?.rawValue, row, 13, s.text)
          row += 1
        }
      }
    }
    let last = max(row - 1, 1)
    let range = CellRange(rows: 0...last, columns: 0...(columns.count - 1))
    if asTable {
      let header = s.header
      try sheet.addTable(
        range,
        options: TableOptions(
          name: "Observations", columns: columns.map { TableColumn($0.0, headerFormat: header) },
          style: .medium(2)))
    } else {
      try sheet.setAutofilter(range)
    }
    try sheet.freezePanes(rows: 1)
  }
}
