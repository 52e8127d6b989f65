import Indicators
import XLSX

/// The funder workbook: the report model as an `.xlsx` file a funder can open and trust.
///
/// Sheets, in order: Summary (headline indicators, status word and colour, target progress),
/// Tracking (the funder's layout, ``WorkbookLayout``), Results chain (when the model has one),
/// Trends (a native chart per headline indicator, grouped by domain: values and target over the
/// interval drawn as a band), Inequalities, Changes (only when the model says what changed since
/// the last run), Data (every observation behind the figures) and Methods (definitions,
/// methods, footnotes, inputs with SHA-256).
///
/// Numbers are written as numbers with the indicator's decimals as number format, percentages as
/// fractions with a percentage format, dates as dates; text from input files is always text,
/// never a formula. The document's creation time is `model.provenance.generatedAt` (which is
/// `SOURCE_DATE_EPOCH` when that is set), so the same model gives the same bytes.
///
/// Every sheet is written top to bottom, so the workbook can be written in constant memory. It
/// is, when the Data sheet has more than ``tableRowLimit`` rows: libxlsxwriter cannot write an
/// Excel table in constant-memory mode, so such a Data sheet gets an autofilter and a frozen
/// header instead of a table, and memory stays flat however many observations there are.
public enum FunderWorkbook {
  /// Data rows above which the workbook is written in constant memory (and the Data sheet has
  /// an autofilter rather than an Excel table). In normal mode libxlsxwriter keeps every cell
  /// in memory until it closes the file (about 100 bytes a cell, 13 cells a row).
  public static let tableRowLimit = 50_000

  /// Writes the workbook to `path`, atomically: it is assembled in a temporary file in the
  /// same directory and renamed over `path` only when complete.
  /// - Parameters:
  ///   - model: the report.
  ///   - layout: the tracking table's columns.
  ///   - path: the `.xlsx` file.
  /// - Throws: `ReportError.report` with kind `.cannotWrite` when the directory is missing or
  ///   not writable or saving fails, `.invalid` when the model holds something a workbook cannot
  ///   (the message names the sheet and cell).
  /// - Complexity: O(observations + series × columns of the layout).
  public static func write(_ model: ReportModel, layout: WorkbookLayout, to path: String) throws(ReportError) {
    try write(model, layout: layout, to: path, constantMemory: nil)
  }

  /// As the public `write`, with the memory mode forced (`nil`: by ``tableRowLimit``).
  static func write(
    _ model: ReportModel, layout: WorkbookLayout, to path: String, constantMemory: Bool?
  ) throws(ReportError) {
    let dataRows = model.indicators.reduce(0) { n, i in i.series.reduce(n) { $0 + $1.points.count } }
    let constant = constantMemory ?? usesConstantMemory(dataRows: dataRows)
    do {
      let workbook = try Workbook(
        path: path, options: WorkbookOptions(constantMemory: constant, nonFiniteNumbers: .blank))
      do {
        try fill(workbook, model: model, layout: layout, constantMemory: constant)
        try workbook.close()
      } catch {
        workbook.discard()
        throw error
      }
    } catch {
      throw reportError(error, path: path)
    }
  }

  /// Whether a workbook whose Data sheet has `dataRows` rows is written in constant memory.
  static func usesConstantMemory(dataRows: Int) -> Bool { dataRows > tableRowLimit }

  /// Every sheet, in order.
  static func fill(_ workbook: Workbook, model: ReportModel, layout: WorkbookLayout, constantMemory: Bool)
    throws(XLSXError)
  {
    workbook.properties = DocumentProperties(
      title: model.title, subject: "Report for \(model.reportingPeriod.label)", author: "Backbone",
      keywords: "indicators, results chain", comments: "Made by Backbone \(model.provenance.backboneVersion)",
      created: model.provenance.generatedAt)
    try workbook.setCustomProperty("Backbone version", value: model.provenance.backboneVersion)
    try workbook.setCustomProperty("Reporting period", value: model.reportingPeriod.label)
    let styles = try Styles(workbook)
    let context = SheetContext(model: model, styles: styles)
    let summary = try workbook.addWorksheet("Summary")
    try context.writeSummary(summary)
    try context.writeTracking(try workbook.addWorksheet("Tracking"), layout: layout)
    if let chain = model.chain { try context.writeChain(try workbook.addWorksheet("Results chain"), chain) }
    try context.writeTrends(try workbook.addWorksheet("Trends"))
    try context.writeInequalities(try workbook.addWorksheet("Inequalities"))
    if let changes = model.changes { try context.writeChanges(try workbook.addWorksheet("Changes"), changes) }
    try context.writeData(try workbook.addWorksheet("Data"), asTable: !constantMemory)
    try context.writeMethods(try workbook.addWorksheet("Methods"))
    try summary.activate()
  }

  /// An `XLSXError` (or anything else) as a `ReportError` naming the file, sheet and cell.
  static func reportError(_ error: any Error, path: String) -> ReportError {
    guard let e = error as? XLSXError else {
      return .report(file: path, line: nil, column: nil, message: "\(error)", hint: nil, kind: .cannotWrite)
    }
    let kind: ReportError.Kind =
      switch e.kind {
      case .cannotCreateOutput, .cannotWrite, .outOfMemory: .cannotWrite
      default: .invalid
      }
    let message = (e.location.map { "\($0): " } ?? "") + e.message
    return .report(file: path, line: nil, column: nil, message: message, hint: e.hint, kind: kind)
  }
}

/// The colours of status words: Paul Tol's "light" scheme, made for coloured backgrounds behind
/// black text and distinguishable with the common colour-vision deficiencies
/// (https://personal.sron.nl/~pault/, "Colour schemes", 2021). The word is always written in
/// the cell, so nothing depends on the colour alone.
enum Palette {
  static let mint = Color(rgb: 0x44BB99)
  static let pear = Color(rgb: 0xBBCC33)
  static let lightYellow = Color(rgb: 0xEEDD88)
  static let orange = Color(rgb: 0xEE8866)
  static let lightBlue = Color(rgb: 0x77AADD)
  static let lightCyan = Color(rgb: 0x99DDFF)
  static let paleGrey = Color(rgb: 0xDDDDDD)
  static let pink = Color(rgb: 0xFFAABB)
  /// Header fill: a grey that is not a status colour.
  static let header = Color(rgb: 0xE8E8E8)

  /// The fill of each series status word.
  static let status: [(SeriesStatus, Color)] = [
    (.improving, mint), (.worsening, orange), (.noSignificantChange, paleGrey), (.increasing, lightBlue),
    (.decreasing, lightCyan), (.notEnoughData, lightYellow),
  ]
}

/// The formats the sheets share, made once.
struct Styles {
  let workbook: Workbook
  let title: Format
  let heading: Format
  let header: Format
  let text: Format
  let wrapped: Format
  let date: Format
  let percent: Format
  let percentOneDecimal: Format
  let centred: Format
  let probability: Format
  let integer: Format
  let general: Format
  let italic: Format
  /// `0`, `0.0`, `0.00`, `0.000`, by decimals.
  let decimals: [Format]

  init(_ workbook: Workbook) throws(XLSXError) {
    self.workbook = workbook
    title = try workbook.format(CellStyle(fontSize: 14, isBold: true))
    heading = try workbook.format(CellStyle(fontSize: 12, isBold: true))
    header = try workbook.format(
      CellStyle(isBold: true, fill: Palette.header, verticalAlignment: .top, wrapsText: true, bottomBorder: .init()))
    text = try workbook.format(CellStyle(verticalAlignment: .top))
    wrapped = try workbook.format(CellStyle(verticalAlignment: .top, wrapsText: true))
    date = try workbook.format(CellStyle(numberFormat: "yyyy-mm-dd", verticalAlignment: .top))
    percent = try workbook.format(CellStyle(numberFormat: "0%", verticalAlignment: .top))
    percentOneDecimal = try workbook.format(CellStyle(numberFormat: "0.0%", verticalAlignment: .top))
    centred = try workbook.format(CellStyle(horizontalAlignment: .center, verticalAlignment: .top))
    probability = try workbook.format(CellStyle(numberFormat: "0.000", verticalAlignment: .top))
    integer = try workbook.format(CellStyle(numberFormat: "#,##0", verticalAlignment: .top))
    general = try workbook.format(CellStyle(verticalAlignment: .top))
    italic = try workbook.format(CellStyle(isItalic: true, verticalAlignment: .top, wrapsText: true))
    var d: [Format] = []
    for n in 0...3 {
      d.append(try workbook.format(CellStyle(numberFormat: Self.numberFormat(decimals: n), verticalAlignment: .top)))
    }
    decimals = d
  }

  /// `#,##0` with `n` decimals: `#,##0.0`.
  static func numberFormat(decimals n: Int) -> String {
    n <= 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: min(n, 3))
  }

  /// The value format of an indicator.
  func value(_ indicator: IndicatorReport) -> Format { decimals[max(0, min(3, indicator.decimals))] }

  /// A format with a fill, for conditional formats.
  func fill(_ color: Color) throws(XLSXError) -> Format {
    try workbook.format(CellStyle(fontColor: .black, fill: color))
  }

  /// A format from a layout's number format.
  func custom(_ numberFormat: String) throws(XLSXError) -> Format {
    try workbook.format(CellStyle(numberFormat: numberFormat, verticalAlignment: .top))
  }
}

/// What every sheet writer reads.
struct SheetContext {
  let model: ReportModel
  let styles: Styles
}

extension Worksheet {
  /// Writes input text as text (never a formula), cut to what a cell holds; nothing for `nil`.
  func put(_ text: String?, _ row: Int, _ column: Int, _ format: Format? = nil) throws(XLSXError) {
    guard let text, !text.isEmpty else { return }
    var t = text
    if t.utf16.count > SheetLimits.maxTextLength - 1 { t = String(t.prefix(SheetLimits.maxTextLength / 2)) + "…" }
    try write(t, row: row, column: column, format: format)
  }

  /// Writes a number; nothing for `nil` (a blank cell).
  func put(_ number: Double?, _ row: Int, _ column: Int, _ format: Format? = nil) throws(XLSXError) {
    guard let number else { return }
    try write(number, row: row, column: column, format: format)
  }

  /// Writes a date.
  func put(_ date: CalendarDate?, _ row: Int, _ column: Int, _ format: Format) throws(XLSXError) {
    guard let date else { return }
    try write(DateTime(year: date.year, month: date.month, day: date.day), row: row, column: column, format: format)
  }

  /// Writes a header row.
  func headerRow(_ titles: [String], _ row: Int, _ format: Format) throws(XLSXError) {
    for (c, t) in titles.enumerated() { try write(t, row: row, column: c, format: format) }
  }

  /// Sets column widths, one per column from 0.
  func widths(_ widths: [Double]) throws(XLSXError) {
    for (c, w) in widths.enumerated() { try setColumnWidth(w, column: c) }
  }
}
