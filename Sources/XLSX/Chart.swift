internal import CXlsxWriter
import Synchronization

/// Text on a chart (a title, a series name): literal text, or the content of a cell.
///
/// Literal text must not start with `=`, which libxlsxwriter would read as a reference; text
/// that comes from input data should be written into a cell and used through ``cell(_:row:column:)``.
public enum ChartText {
  case text(String)
  /// The text of a cell, kept up to date by the spreadsheet.
  case cell(Worksheet, row: Int, column: Int)
}

/// How one series of a chart is drawn.
public struct SeriesStyle: Hashable, Sendable {
  /// A line's dash pattern.
  public enum Dash: Hashable, Sendable {
    case solid, roundDot, squareDot, dash, dashDot, longDash, longDashDot, longDashDotDot
  }

  /// A point marker on a line.
  public struct Marker: Hashable, Sendable {
    public enum Shape: Hashable, Sendable {
      case automatic, none, square, diamond, triangle, x, star, shortDash, longDash, circle, plus
    }

    public var shape: Shape
    /// 2...72 points; `nil` for Excel's default.
    public var size: Int?
    public var fill: Color?
    public var border: Color?

    public init(_ shape: Shape, size: Int? = nil, fill: Color? = nil, border: Color? = nil) {
      self.shape = shape
      self.size = size
      self.fill = fill
      self.border = border
    }
  }

  /// The line colour (line charts) or the fill (bar, column and area charts); `nil` for Excel's
  /// palette.
  public var color: Color?
  /// Line width in points (Excel rounds to 0.25), 0...1584.
  public var lineWidth: Double?
  public var dash: Dash?
  /// Draw no line, only the markers (or, for bars, no border).
  public var hidesLine: Bool
  public var marker: Marker?
  public var isSmooth: Bool
  /// Show each point's value beside it.
  public var showsValues: Bool
  /// The number format of those values, such as `0.0`.
  public var valueNumberFormat: String?
  /// How transparent the fill of an area, column or bar series is, in percent: 0 (opaque, the
  /// default) to 100 (invisible). Needs ``color``.
  public var fillTransparency: Int?
  /// Leave the area, column or bar unfilled (Excel's "No fill"), so that it takes up its place
  /// without being seen: the lower part of a stacked band.
  public var hidesFill: Bool
  /// Leave the series out of the legend; it is still drawn.
  public var hidesLegendEntry: Bool

  public init(
    color: Color? = nil, lineWidth: Double? = nil, dash: Dash? = nil, hidesLine: Bool = false, marker: Marker? = nil,
    isSmooth: Bool = false, showsValues: Bool = false, valueNumberFormat: String? = nil,
    fillTransparency: Int? = nil, hidesFill: Bool = false, hidesLegendEntry: Bool = false
  ) {
    self.color = color
    self.lineWidth = lineWidth
    self.dash = dash
    self.hidesLine = hidesLine
    self.marker = marker
    self.isSmooth = isSmooth
    self.showsValues = showsValues
    self.valueNumberFormat = valueNumberFormat
    self.fillTransparency = fillTransparency
    self.hidesFill = hidesFill
    self.hidesLegendEntry = hidesLegendEntry
  }
}

/// Where a chart sits on its sheet, beyond its top-left cell.
public struct ChartPlacement: Hashable, Sendable {
  /// Pixels right of the cell's left edge.
  public var xOffset: Int
  /// Pixels below the cell's top edge.
  public var yOffset: Int
  /// Width as a multiple of the default 480 pixels.
  public var xScale: Double
  /// Height as a multiple of the default 288 pixels.
  public var yScale: Double
  /// Alternative text for screen readers (Excel's "description"), at most 255 characters.
  public var altText: String?

  public init(xOffset: Int = 0, yOffset: Int = 0, xScale: Double = 1, yScale: Double = 1, altText: String? = nil) {
    self.xOffset = xOffset
    self.yOffset = yOffset
    self.xScale = xScale
    self.yScale = yScale
    self.altText = altText
  }
}

/// A native Excel chart: lines (with markers), bars or areas, drawn by the spreadsheet from cell
/// ranges. Make one with ``Workbook/addChart(_:)``, add series, then place it with
/// ``Worksheet/insertChart(_:row:column:placement:)``. Two charts can share one plot area and its
/// axes: ``combine(_:)``.
public final class Chart {
  public enum Kind: Hashable, Sendable {
    /// Lines through the points, categories along the horizontal axis.
    case line
    /// Vertical bars.
    case column
    /// Horizontal bars; the value axis is horizontal.
    case bar
    /// Each series filled from the horizontal axis up to its values.
    case area
    /// Areas stacked: each series is filled from the top of the series before it up to that top
    /// plus its own values. A band from a lower to an upper limit is two series: the lower limit
    /// unfilled, then the width of the band filled.
    case areaStacked
  }

  public enum LegendPosition: Hashable, Sendable {
    case none, right, left, top, bottom
  }

  /// How empty cells appear in a line.
  public enum BlankDisplay: Hashable, Sendable {
    case gap, zero, connected
  }

  public let kind: Kind
  /// The workbook, kept alive by its charts.
  public let workbook: Workbook
  let pointer: UnsafeMutablePointer<lxw_chart>
  /// Series added so far.
  public private(set) var seriesCount = 0
  var isInserted = false
  /// The chart drawn in this chart's plot area (``combine(_:)``).
  public private(set) var combined: Chart?
  /// The chart this one is drawn in, when it was combined into another.
  public private(set) weak var host: Chart?
  /// The indexes of this chart's series that the legend leaves out.
  private(set) var hiddenLegendEntries: [Int] = []

  init(kind: Kind, workbook: Workbook, pointer: UnsafeMutablePointer<lxw_chart>) {
    self.kind = kind
    self.workbook = workbook
    self.pointer = pointer
  }

  func error(_ kind: XLSXError.Kind, _ message: String, hint: String? = nil) -> XLSXError {
    XLSXError(kind, path: workbook.path, message: "chart: " + message, hint: hint)
  }

  /// Adds a series: the values (one row or column of cells), their category labels, a name for
  /// the legend and a style.
  /// - Parameters:
  ///   - values: the cells holding the numbers.
  ///   - sheet: the sheet of `values` and `categories`.
  ///   - categories: the cells holding the labels of the horizontal (for bars, vertical) axis:
  ///     periods such as `2023/24`; `nil` for 1, 2, 3...
  ///   - name: the series' name in the legend.
  ///   - style: colour, line, markers, labels.
  /// - Throws: ``XLSXError/Kind-swift.enum/foreignObject`` for a sheet of another workbook,
  ///   ``XLSXError/Kind-swift.enum/invalidArgument`` for a range that is not one row or column, a
  ///   bad style, a name starting with `=` or a chart already placed (series come first),
  ///   ``XLSXError/Kind-swift.enum/workbookClosed``.
  public func addSeries(
    values: CellRange, on sheet: Worksheet, categories: CellRange? = nil, name: ChartText? = nil,
    style: SeriesStyle = SeriesStyle()
  ) throws(XLSXError) {
    _ = try workbook.openHandle()
    guard !isInserted else {
      throw error(.invalidArgument, "the chart is already placed", hint: "add every series before placing the chart")
    }
    try checkSheet(sheet)
    try checkLine(values, on: sheet, what: "values")
    if let categories { try checkLine(categories, on: sheet, what: "categories") }
    try check(style)
    if let name { try checkText(name, what: "series name") }
    guard let series = chart_add_series(pointer, nil, nil) else {
      throw error(.outOfMemory, "libxlsxwriter could not add a series")
    }
    sheet.name.withCString { sheetName in
      chart_series_set_values(
        series, sheetName, lxw_row_t(values.firstRow), lxw_col_t(values.firstColumn), lxw_row_t(values.lastRow),
        lxw_col_t(values.lastColumn))
      if let categories {
        chart_series_set_categories(
          series, sheetName, lxw_row_t(categories.firstRow), lxw_col_t(categories.firstColumn),
          lxw_row_t(categories.lastRow), lxw_col_t(categories.lastColumn))
      }
    }
    switch name {
    case .text(let text)?: chart_series_set_name(series, text)
    case .cell(let nameSheet, let row, let column)?:
      chart_series_set_name_range(series, nameSheet.name, lxw_row_t(row), lxw_col_t(column))
    case nil: break
    }
    apply(style, to: series)
    if style.hidesLegendEntry { hiddenLegendEntries.append(seriesCount) }
    seriesCount += 1
  }

  /// Whether ``combine(_:)`` works with the libxlsxwriter this package was built with: only
  /// with 1.1.4, the version of Debian 12, whose chart writer it completes (libxlsxwriter 1.1.4
  /// has no `chart_combine`).
  public static var canCombine: Bool { cxlsxwriter_version_id() == 114 }

  /// Draws the series of `other` in this chart's plot area, over this chart's own and on its
  /// axes, as Excel's combination charts do: a stacked area band under a line, columns under a
  /// line. Place this chart only; `other`'s title, axes and legend are not used (this chart's
  /// legend lists the series of both, this chart's first).
  ///
  /// The written chart part is the one Python's XlsxWriter writes for `chart.combine(other)`:
  /// one `<c:plotArea>` holding this chart's element (`<c:areaChart>`) and then `other`'s
  /// (`<c:lineChart>`), both on the same pair of axis ids, with series numbers continuing.
  /// - Parameter other: a chart of the same workbook, neither placed nor combined, and not a
  ///   horizontal bar chart (Excel combines those only on a secondary axis, which this wrapper
  ///   does not offer).
  /// - Throws: ``XLSXError/Kind-swift.enum/foreignObject`` for a chart of another workbook;
  ///   ``XLSXError/Kind-swift.enum/invalidArgument`` when this chart already has a combined
  ///   chart (there can be only one), when either chart is combined already, placed already or
  ///   a bar chart, when `other` is this chart, or when ``canCombine`` is false;
  ///   ``XLSXError/Kind-swift.enum/workbookClosed``.
  public func combine(_ other: Chart) throws(XLSXError) {
    _ = try workbook.openHandle()
    guard other.workbook === workbook else {
      throw error(.foreignObject, "the chart to combine belongs to another workbook")
    }
    guard other !== self else { throw error(.invalidArgument, "a chart cannot be combined with itself") }
    guard combined == nil else {
      throw error(.invalidArgument, "the chart already has a combined chart; a chart combines only one other")
    }
    guard host == nil else { throw error(.invalidArgument, "the chart is itself combined into another chart") }
    guard other.host == nil, other.combined == nil else {
      throw error(.invalidArgument, "the chart to combine is already part of a combined chart")
    }
    guard !isInserted, !other.isInserted else {
      throw error(.invalidArgument, "a placed chart cannot be combined", hint: "combine the charts, then place the first")
    }
    guard kind != .bar, other.kind != .bar else {
      throw error(.invalidArgument, "a horizontal bar chart cannot be combined with another chart on the same axes")
    }
    guard Self.canCombine else {
      throw error(
        .invalidArgument, "combining charts needs libxlsxwriter 1.1.4; this build has \(cxlsxwriter_version_id())",
        hint: "check Chart.canCombine first")
    }
    combined = other
    other.host = self
  }

  /// Sets the chart's title; `nil` removes it (Excel otherwise shows a single series' name).
  public func setTitle(_ title: ChartText?) throws(XLSXError) {
    _ = try workbook.openHandle()
    switch title {
    case .text(let text)?:
      try checkText(.text(text), what: "title")
      chart_title_set_name(pointer, text)
    case .cell(let sheet, let row, let column)?:
      try checkText(.cell(sheet, row: row, column: column), what: "title")
      chart_title_set_name_range(pointer, sheet.name, lxw_row_t(row), lxw_col_t(column))
    case nil:
      chart_title_off(pointer)
    }
  }

  /// Titles the category axis (periods) and the value axis (the unit).
  public func setAxisTitles(category: String?, value: String?) throws(XLSXError) {
    _ = try workbook.openHandle()
    for text in [category, value].compactMap({ $0 }) { try checkText(.text(text), what: "axis title") }
    if let category { chart_axis_set_name(categoryAxis, category) }
    if let value { chart_axis_set_name(valueAxis, value) }
  }

  /// Sets the value axis's bounds and number format (`0%`, `#,##0`).
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidArgument`` for non-finite bounds, a minimum not
  ///   below the maximum, or a number format over 255 characters.
  public func setValueAxis(minimum: Double? = nil, maximum: Double? = nil, numberFormat: String? = nil) throws(XLSXError) {
    _ = try workbook.openHandle()
    if [minimum, maximum].contains(where: { $0.map { !$0.isFinite } ?? false }) {
      throw error(.invalidArgument, "axis bounds must be finite")
    }
    if let minimum, let maximum, minimum >= maximum {
      throw error(.invalidArgument, "the axis minimum \(minimum) is not below its maximum \(maximum)")
    }
    if let numberFormat, numberFormat.isEmpty || numberFormat.utf16.count > 255 || numberFormat.utf8.contains(0) {
      throw error(.invalidArgument, "the axis number format must have 1 to 255 characters")
    }
    if let minimum { chart_axis_set_min(valueAxis, minimum) }
    if let maximum { chart_axis_set_max(valueAxis, maximum) }
    if let numberFormat { chart_axis_set_num_format(valueAxis, numberFormat) }
  }

  /// Places the legend, or removes it.
  public func setLegend(_ position: LegendPosition) throws(XLSXError) {
    _ = try workbook.openHandle()
    let value: lxw_chart_legend_position =
      switch position {
      case .none: LXW_CHART_LEGEND_NONE
      case .right: LXW_CHART_LEGEND_RIGHT
      case .left: LXW_CHART_LEGEND_LEFT
      case .top: LXW_CHART_LEGEND_TOP
      case .bottom: LXW_CHART_LEGEND_BOTTOM
      }
    chart_legend_set_position(pointer, UInt8(value.rawValue))
  }

  /// How empty cells appear: gaps (the default), zeros, or lines joined across them.
  public func showBlanks(as display: BlankDisplay) throws(XLSXError) {
    _ = try workbook.openHandle()
    let value: lxw_chart_blank =
      switch display {
      case .gap: LXW_CHART_BLANKS_AS_GAP
      case .zero: LXW_CHART_BLANKS_AS_ZERO
      case .connected: LXW_CHART_BLANKS_AS_CONNECTED
      }
    chart_show_blanks_as(pointer, UInt8(value.rawValue))
  }

  /// The axis holding categories: horizontal, except for bar charts.
  var categoryAxis: UnsafeMutablePointer<lxw_chart_axis> { kind == .bar ? pointer.pointee.y_axis : pointer.pointee.x_axis }
  /// The axis holding values: vertical, except for bar charts.
  var valueAxis: UnsafeMutablePointer<lxw_chart_axis> { kind == .bar ? pointer.pointee.x_axis : pointer.pointee.y_axis }

  // MARK: Checks

  private func checkSheet(_ sheet: Worksheet) throws(XLSXError) {
    guard sheet.workbook === workbook else {
      throw error(.foreignObject, "the sheet \(XLSXError.quoted(sheet.name)) belongs to another workbook")
    }
  }

  private func checkLine(_ range: CellRange, on sheet: Worksheet, what: String) throws(XLSXError) {
    guard range.isValid else {
      throw error(.cellOutOfRange, "the \(what) range is not on the sheet \(XLSXError.quoted(sheet.name))")
    }
    guard range.rowCount == 1 || range.columnCount == 1 else {
      throw error(.invalidArgument, "the \(what) \(range) must be one row or one column")
    }
  }

  private func checkText(_ text: ChartText, what: String) throws(XLSXError) {
    switch text {
    case .text(let text):
      guard !text.hasPrefix("="), !text.utf8.contains(0), text.utf16.count <= 255 else {
        throw error(
          .invalidArgument, "the \(what) \(XLSXError.quoted(text)) starts with = or is longer than 255 characters",
          hint: "write the text into a cell and pass ChartText.cell")
      }
    case .cell(let sheet, let row, let column):
      try checkSheet(sheet)
      guard CellRange(row: row, column: column).isValid else {
        throw error(.cellOutOfRange, "the \(what) cell is not on the sheet \(XLSXError.quoted(sheet.name))")
      }
    }
  }

  private func check(_ style: SeriesStyle) throws(XLSXError) {
    if let transparency = style.fillTransparency, !(0...100).contains(transparency) {
      throw error(.invalidArgument, "fill transparency \(transparency) is outside 0...100 percent")
    }
    if kind == .line, style.fillTransparency != nil || style.hidesFill {
      throw error(.invalidArgument, "a line series has no fill to make transparent or hide")
    }
    if style.fillTransparency != nil, style.color == nil {
      throw error(.invalidArgument, "a fill transparency needs a fill colour")
    }
    if style.hidesFill, style.color != nil || style.fillTransparency != nil {
      throw error(.invalidArgument, "a series cannot both hide its fill and have a fill colour or transparency")
    }
    if let width = style.lineWidth, !(width.isFinite && (0...1584).contains(width)) {
      throw error(.invalidArgument, "line width \(width) is outside 0...1584 points")
    }
    if let size = style.marker?.size, !(2...72).contains(size) {
      throw error(.invalidArgument, "marker size \(size) is outside 2...72")
    }
    if let format = style.valueNumberFormat, format.isEmpty || format.utf16.count > 255 || format.utf8.contains(0) {
      throw error(.invalidArgument, "the label number format must have 1 to 255 characters")
    }
  }

  private func apply(_ style: SeriesStyle, to series: UnsafeMutablePointer<lxw_chart_series>) {
    let isLine = kind == .line
    if (isLine && style.color != nil) || style.lineWidth != nil || style.dash != nil || style.hidesLine {
      var line = lxw_chart_line()
      if isLine, let color = style.color { line.color = color.lxw }
      if let width = style.lineWidth { line.width = Float(width) }
      if let dash = style.dash { line.dash_type = dash.lxw }
      line.none = style.hidesLine ? 1 : 0
      chart_series_set_line(series, &line)
    }
    if !isLine, style.color != nil || style.hidesFill {
      var fill = lxw_chart_fill()
      if let color = style.color { fill.color = color.lxw }
      if let transparency = style.fillTransparency { fill.transparency = UInt8(transparency) }
      fill.none = style.hidesFill ? 1 : 0
      chart_series_set_fill(series, &fill)
    }
    if let marker = style.marker {
      chart_series_set_marker_type(series, marker.shape.lxw)
      if let size = marker.size { chart_series_set_marker_size(series, UInt8(size)) }
      if let fill = marker.fill {
        var chartFill = lxw_chart_fill()
        chartFill.color = fill.lxw
        chart_series_set_marker_fill(series, &chartFill)
      }
      if let border = marker.border {
        var line = lxw_chart_line()
        line.color = border.lxw
        chart_series_set_marker_line(series, &line)
      }
    }
    if style.isSmooth { chart_series_set_smooth(series, 1) }
    if style.showsValues {
      chart_series_set_labels(series)
      if let format = style.valueNumberFormat { chart_series_set_labels_num_format(series, format) }
    }
  }
}

extension SeriesStyle.Dash {
  var lxw: UInt8 {
    let value: lxw_chart_line_dash_type =
      switch self {
      case .solid: LXW_CHART_LINE_DASH_SOLID
      case .roundDot: LXW_CHART_LINE_DASH_ROUND_DOT
      case .squareDot: LXW_CHART_LINE_DASH_SQUARE_DOT
      case .dash: LXW_CHART_LINE_DASH_DASH
      case .dashDot: LXW_CHART_LINE_DASH_DASH_DOT
      case .longDash: LXW_CHART_LINE_DASH_LONG_DASH
      case .longDashDot: LXW_CHART_LINE_DASH_LONG_DASH_DOT
      case .longDashDotDot: LXW_CHART_LINE_DASH_LONG_DASH_DOT_DOT
      }
    return UInt8(value.rawValue)
  }
}

extension SeriesStyle.Marker.Shape {
  var lxw: UInt8 {
    let value: lxw_chart_marker_type =
      switch self {
      case .automatic: LXW_CHART_MARKER_AUTOMATIC
      case .none: LXW_CHART_MARKER_NONE
      case .square: LXW_CHART_MARKER_SQUARE
      case .diamond: LXW_CHART_MARKER_DIAMOND
      case .triangle: LXW_CHART_MARKER_TRIANGLE
      case .x: LXW_CHART_MARKER_X
      case .star: LXW_CHART_MARKER_STAR
      case .shortDash: LXW_CHART_MARKER_SHORT_DASH
      case .longDash: LXW_CHART_MARKER_LONG_DASH
      case .circle: LXW_CHART_MARKER_CIRCLE
      case .plus: LXW_CHART_MARKER_PLUS
      }
    return UInt8(value.rawValue)
  }
}

extension Workbook {
  /// Creates a chart to fill with series and insert into a sheet.
  /// - Throws: ``XLSXError/Kind-swift.enum/workbookClosed``.
  public func addChart(_ kind: Chart.Kind) throws(XLSXError) -> Chart {
    let handle = try openHandle()
    let type: lxw_chart_type =
      switch kind {
      case .line: LXW_CHART_LINE
      case .column: LXW_CHART_COLUMN
      case .bar: LXW_CHART_BAR
      case .area: LXW_CHART_AREA
      case .areaStacked: LXW_CHART_AREA_STACKED
      }
    guard let chart = workbook_add_chart(handle, UInt8(type.rawValue)) else {
      throw XLSXError(.outOfMemory, path: path, message: "libxlsxwriter could not create a chart", function: "workbook_add_chart")
    }
    return Chart(kind: kind, workbook: self, pointer: chart)
  }
}

extension Worksheet {
  /// Places `chart` with its top-left corner in the cell at `row`, `column`. A chart goes on one
  /// sheet only, once, after its series (and those of its combined chart) have been added.
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidArgument`` for a chart without series (or
  ///   whose combined chart has none), one already placed, one combined into another chart (place
  ///   that one), or a non-positive scale; ``XLSXError/Kind-swift.enum/foreignObject`` for a
  ///   chart of another workbook; ``XLSXError/Kind-swift.enum/cellOutOfRange``.
  public func insertChart(_ chart: Chart, row: Int, column: Int, placement: ChartPlacement = ChartPlacement()) throws(XLSXError) {
    try checkRange(CellRange(row: row, column: column))
    let at = CellRange.cellName(row: row, column: column)
    guard chart.workbook === workbook else {
      throw error(.foreignObject, at, "the chart belongs to another workbook")
    }
    guard chart.host == nil else {
      throw error(.invalidArgument, at, "the chart is combined into another chart; place that chart")
    }
    guard chart.seriesCount > 0 else { throw error(.invalidArgument, at, "the chart has no series") }
    guard (chart.combined?.seriesCount ?? 1) > 0 else {
      throw error(.invalidArgument, at, "the chart combined into this one has no series")
    }
    guard !chart.isInserted else { throw error(.invalidArgument, at, "the chart is already placed") }
    guard placement.xScale.isFinite, placement.yScale.isFinite, placement.xScale > 0, placement.yScale > 0 else {
      throw error(.invalidArgument, at, "chart scales must be positive")
    }
    if let text = placement.altText, text.utf16.count > 255 || text.utf8.contains(0) {
      throw error(.invalidArgument, at, "the chart's alternative text has more than 255 characters")
    }
    var strings = CStrings()
    defer { strings.free() }
    var options = lxw_chart_options()
    options.x_offset = Int32(clamping: placement.xOffset)
    options.y_offset = Int32(clamping: placement.yOffset)
    options.x_scale = placement.xScale
    options.y_scale = placement.yScale
    options.description = strings.copy(placement.altText)
    try check(
      worksheet_insert_chart_opt(pointer, lxw_row_t(row), lxw_col_t(column), chart.pointer, &options),
      "worksheet_insert_chart_opt", path: workbook.path, sheet: name, cell: at)
    chart.isInserted = true
    if let other = chart.combined {
      chart.attach(other)
      other.isInserted = true
    }
    try chart.hideLegendEntries(sheet: name, cell: at)
  }
}

// MARK: Combined charts

/// What the writer of a combined chart needs, by the primary chart's address: the secondary
/// chart, how many series are the primary's own, and the primary's own writer. Kept as bit
/// patterns, so that the table is `Sendable`.
private struct Combination: Sendable {
  var secondary: UInt
  var ownSeries: UInt16
  var writer: UInt
  /// Unique to this registration: a chart freed by libxlsxwriter and a new chart of another
  /// workbook can have the same address, and forgetting the old one must not remove the new.
  var token: UInt64
}

/// The combined charts of every open workbook, and the last registration's token.
/// libxlsxwriter calls ``writeCombinedChart`` with the primary chart only, from
/// `workbook_close`, possibly on any thread.
private let combinations = Mutex<(table: [UInt: Combination], lastToken: UInt64)>(([:], 0))

/// The type of `lxw_chart.write_chart_type`.
private typealias ChartTypeWriter = @convention(c) (UnsafeMutablePointer<lxw_chart>?) -> Void

/// Installed as the primary chart's `write_chart_type`: writes its own chart element, then the
/// combined chart's, as one plot area (see `cxlsxwriter_write_combined` in shim.h).
private let writeCombinedChart: ChartTypeWriter = { primary in
  guard let primary else { return }
  guard let combination = combinations.withLock({ $0.table[UInt(bitPattern: primary)] }),
    let secondary = UnsafeMutablePointer<lxw_chart>(bitPattern: combination.secondary)
  else {
    preconditionFailure("XLSX: a combined chart is written without its registration")
  }
  let writer = unsafeBitCast(combination.writer, to: ChartTypeWriter.self)
  cxlsxwriter_write_combined(primary, combination.ownSeries, writer, secondary)
}

extension Chart {
  /// Joins `other` to this chart for writing, once this chart is placed: its series move to the
  /// end of this chart's (so that libxlsxwriter caches their values) and this chart's writer is
  /// replaced by ``writeCombinedChart``, which lends them back to `other` while writing.
  func attach(_ other: Chart) {
    guard let writer = pointer.pointee.write_chart_type else {
      preconditionFailure("XLSX: libxlsxwriter made a chart without a writer")
    }
    let key = UInt(bitPattern: pointer)
    let token = combinations.withLock { state -> UInt64 in
      state.lastToken += 1
      state.table[key] = Combination(
        secondary: UInt(bitPattern: other.pointer), ownSeries: UInt16(clamping: seriesCount),
        writer: unsafeBitCast(writer, to: UInt.self), token: state.lastToken)
      return state.lastToken
    }
    workbook.combinedCharts.append((key, token))
    cxlsxwriter_append_series(pointer, other.pointer)
    pointer.pointee.write_chart_type = writeCombinedChart
  }

  /// Leaves the series marked ``SeriesStyle/hidesLegendEntry`` out of the legend: this chart's,
  /// then its combined chart's, numbered on from this chart's.
  func hideLegendEntries(sheet: String, cell: String) throws(XLSXError) {
    var indexes = hiddenLegendEntries
    if let other = combined { indexes += other.hiddenLegendEntries.map { $0 + seriesCount } }
    guard !indexes.isEmpty else { return }
    var list = indexes.map { Int16(clamping: $0) } + [-1]
    try XLSX.check(
      chart_legend_delete_series(pointer, &list), "chart_legend_delete_series", path: workbook.path, sheet: sheet,
      cell: cell)
  }

  /// Forgets the combined charts of a workbook that has been written or discarded: each entry
  /// only while it is still this workbook's registration (same token).
  static func forgetCombinations(_ registrations: [(key: UInt, token: UInt64)]) {
    guard !registrations.isEmpty else { return }
    combinations.withLock { state in
      for (key, token) in registrations where state.table[key]?.token == token { state.table[key] = nil }
    }
  }
}
