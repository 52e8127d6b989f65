import Foundation
import Testing

@testable import XLSX

/// Small workbooks that use every feature the funder workbook needs. The golden tests compare
/// their XML parts with the same workbooks written by Python's XlsxWriter
/// (Snapshots/make_goldens.py builds them call for call); the real-software tests open them in
/// LibreOffice and openpyxl and read the values back.
///
/// Keep each builder and its twin in make_goldens.py in step.
enum Sample: String, CaseIterable, CustomTestStringConvertible {
  case cells, formats, table, rules, charts, band, properties, constantMemory

  /// The samples this libxlsxwriter can write: the band sample's combined chart needs 1.1.4's
  /// chart layout (``Chart/canCombine``).
  static var available: [Sample] { allCases.filter { $0 != .band || Chart.canCombine } }

  var testDescription: String { rawValue }

  /// Fixed creation time, 2026-01-01T00:00:00Z (`date -u -d @1767225600`).
  static let created: Int64 = 1_767_225_600

  var options: WorkbookOptions {
    switch self {
    case .cells: WorkbookOptions(nonFiniteNumbers: .text)
    case .constantMemory: WorkbookOptions(constantMemory: true, nonFiniteNumbers: .blank)
    default: WorkbookOptions()
    }
  }

  /// Writes the sample to `path`.
  func write(to path: String) throws {
    let workbook = try Workbook(path: path, options: options, sourceDateEpoch: nil)
    workbook.properties.created = Self.created
    switch self {
    case .cells: try Self.cells(workbook)
    case .formats: try Self.formats(workbook)
    case .table: try Self.table(workbook)
    case .rules: try Self.rules(workbook)
    case .charts: try Self.charts(workbook)
    case .band: try Self.band(workbook)
    case .properties: try Self.properties(workbook)
    case .constantMemory: try Self.constantMemory(workbook)
    }
    try workbook.close()
  }

  /// What each sheet should read back as in spreadsheet software: sheet → cell → value.
  var expected: [String: [String: Expected]] {
    switch self {
    case .cells:
      var cells: [String: Expected] = ["A1": .text("What"), "B1": .text("Value")]
      for (row, entry) in Self.cellRows.enumerated() {
        cells["A\(row + 2)"] = .text(entry.label)
        cells["B\(row + 2)"] = entry.readBack
      }
      return ["Cells": cells]
    case .formats:
      var cells: [String: Expected] = [:]
      for (row, entry) in Self.formatRows.enumerated() {
        cells["A\(row + 1)"] = .text(entry.label)
        cells["B\(row + 1)"] = .number(entry.value)
      }
      return ["Formats": cells]
    case .table:
      var observations: [String: Expected] = ["A1": .text("indicator"), "B1": .text("period"), "C1": .text("value"), "D1": .text("lower")]
      for (i, row) in Self.tableRows.enumerated() {
        observations["A\(i + 2)"] = .text(row.0)
        observations["B\(i + 2)"] = .text(row.1)
        observations["C\(i + 2)"] = .number(row.2)
        observations["D\(i + 2)"] = .number(row.3)
      }
      observations["A6"] = .text("Mean")
      // The total row's SUBTOTAL(101, ...), stored with its result (see `table`).
      observations["C6"] = .number(11.5)
      var filtered: [String: Expected] = ["A1": .text("area"), "B1": .text("count"), "C1": .text("rate")]
      for (i, row) in Self.filteredRows.enumerated() {
        filtered["A\(i + 2)"] = .text(row.0)
        filtered["B\(i + 2)"] = .number(Double(row.1))
        filtered["C\(i + 2)"] = .number(row.2)
      }
      return ["Observations": observations, "Filtered": filtered]
    case .rules:
      var status: [String: Expected] = ["A1": .text("Indicator status, 2026 Q3")]
      for (i, header) in ["Indicator", "Status", "Actual", "Target"].enumerated() {
        status[CellRange.cellName(row: 1, column: i)] = .text(header)
      }
      for (i, row) in Self.statusRows.enumerated() {
        status["A\(i + 3)"] = .text(row.0)
        status["B\(i + 3)"] = .text(row.1)
        status["C\(i + 3)"] = row.2.map { .number($0) } ?? .empty
        status["D\(i + 3)"] = .number(row.3)
      }
      var lists: [String: Expected] = [:]
      for (i, word) in Self.statusWords.enumerated() { lists["A\(i + 1)"] = .text(word) }
      return ["Status": status, "Lists": lists]
    case .charts:
      var cells: [String: Expected] = [:]
      for (i, header) in Self.trendHeader.enumerated() { cells[CellRange.cellName(row: 0, column: i)] = .text(header) }
      for (i, row) in Self.trendRows.enumerated() {
        cells["A\(i + 2)"] = .text(row.period)
        for (j, value) in [row.value, row.lower, row.upper, row.target].enumerated() {
          cells[CellRange.cellName(row: i + 1, column: j + 1)] = .number(value)
        }
      }
      return ["Trends": cells]
    case .band:
      var cells: [String: Expected] = [:]
      for (i, header) in Self.bandHeader.enumerated() { cells[CellRange.cellName(row: 0, column: i)] = .text(header) }
      for (i, row) in Self.trendRows.enumerated() {
        cells["A\(i + 2)"] = .text(row.period)
        for (j, value) in [row.value, row.lower, row.upper, row.upper - row.lower, row.target].enumerated() {
          cells[CellRange.cellName(row: i + 1, column: j + 1)] = .number(value)
        }
      }
      return ["Band": cells]
    case .properties:
      return ["About": ["A1": .text("Backbone funder workbook")]]
    case .constantMemory:
      var cells: [String: Expected] = [:]
      for (i, header) in Self.dataHeader.enumerated() { cells[CellRange.cellName(row: 0, column: i)] = .text(header) }
      for (i, row) in Self.dataRows.enumerated() {
        let r = i + 1
        cells[CellRange.cellName(row: r, column: 0)] = .text(row.area)
        cells[CellRange.cellName(row: r, column: 1)] = .number(Double(row.year))
        cells[CellRange.cellName(row: r, column: 2)] = row.value.isFinite ? .number(row.value) : .empty
        cells[CellRange.cellName(row: r, column: 3)] = .date(row.date)
        cells[CellRange.cellName(row: r, column: 4)] = .text(row.note)
      }
      return ["Data": cells]
    }
  }

  /// A value as spreadsheet software should read it back.
  enum Expected: Equatable, CustomStringConvertible {
    case text(String)
    case number(Double)
    case boolean(Bool)
    /// A date, read back as its ISO date (`2026-09-30`, or with a time).
    case date(DateTime)
    /// No value at all.
    case empty

    var description: String {
      switch self {
      case .text(let s): "text \(s.debugDescription)"
      case .number(let n): "number \(n)"
      case .boolean(let b): "boolean \(b)"
      case .date(let d): "date \(d)"
      case .empty: "empty"
      }
    }
  }

  // MARK: cells

  struct CellRow {
    var label: String
    var value: CellValue
    var readBack: Expected
  }

  static let cellRows: [CellRow] = [
    CellRow(label: "Plain text", value: .text("Life expectancy at birth"), readBack: .text("Life expectancy at birth")),
    CellRow(label: "Decimal", value: .number(79.5), readBack: .number(79.5)),
    CellRow(label: "Integer", value: .number(1_234_567), readBack: .number(1_234_567)),
    CellRow(label: "Negative", value: .number(-0.25), readBack: .number(-0.25)),
    CellRow(label: "Boolean", value: .boolean(true), readBack: .boolean(true)),
    CellRow(label: "Date", value: .date(DateTime(year: 2026, month: 9, day: 30)), readBack: .date(DateTime(year: 2026, month: 9, day: 30))),
    CellRow(
      label: "Date and time", value: .date(DateTime(year: 2026, month: 9, day: 30, hour: 14, minute: 5)),
      readBack: .date(DateTime(year: 2026, month: 9, day: 30, hour: 14, minute: 5))),
    // The formula doubles B3 (79.5): 159.
    CellRow(label: "Formula", value: .formula("=B3*2", result: 159), readBack: .number(159)),
    CellRow(label: "Text formula", value: .textFormula("=\"Q\"&3", result: "Q3"), readBack: .text("Q3")),
    CellRow(label: "Equals sign", value: .text("=1+1"), readBack: .text("=1+1")),
    CellRow(label: "Plus sign", value: .text("+44 20 7946 0000"), readBack: .text("+44 20 7946 0000")),
    CellRow(label: "Minus sign", value: .text("-3+4"), readBack: .text("-3+4")),
    CellRow(label: "At sign", value: .text("@SUM(B3:B4)"), readBack: .text("@SUM(B3:B4)")),
    CellRow(label: "Escape-like", value: .text("_x0041_ stays"), readBack: .text("_x0041_ stays")),
    CellRow(label: "Line break", value: .text("first line\nsecond line"), readBack: .text("first line\nsecond line")),
    CellRow(label: "Unicode", value: .text("Ünïcödé – ≥ 95 % 健康"), readBack: .text("Ünïcödé – ≥ 95 % 健康")),
    CellRow(label: "Not a number", value: .number(.nan), readBack: .text("NaN")),
    CellRow(label: "Infinity", value: .number(-.infinity), readBack: .text("-Infinity")),
  ]

  static func cells(_ workbook: Workbook) throws {
    let sheet = try workbook.addWorksheet("Cells")
    let bold = try workbook.format(CellStyle(isBold: true))
    let shaded = try workbook.format(CellStyle(fill: Color(rgb: 0xE5E5E5)))
    try sheet.setRowHeight(20, row: 0)
    try sheet.write("What", row: 0, column: 0, format: bold)
    try sheet.write("Value", row: 0, column: 1, format: bold)
    for (i, entry) in cellRows.enumerated() {
      try sheet.write(entry.label, row: i + 1, column: 0)
      try sheet.write(entry.value, row: i + 1, column: 1)
    }
    let blankRow = cellRows.count + 1
    try sheet.write("Shaded blank", row: blankRow, column: 0)
    try sheet.writeBlank(row: blankRow, column: 1, format: shaded)
    try sheet.setColumnWidth(28, column: 0)
    try sheet.setColumnWidth(20, column: 1)
    try sheet.freezePanes(rows: 1)
  }

  // MARK: formats

  struct FormatRow {
    var label: String
    var value: Double
    var style: CellStyle
  }

  static let formatRows: [FormatRow] = [
    FormatRow(
      label: "Header", value: 1,
      style: CellStyle(isBold: true, fill: Color(rgb: 0xDDEBF7), bottomBorder: CellStyle.Border(.medium, color: Color(rgb: 0x1F4E79)))),
    FormatRow(label: "Percent", value: 0.734, style: CellStyle(numberFormat: "0.0%")),
    FormatRow(label: "Thousands", value: 1_234_567.891, style: CellStyle(numberFormat: "#,##0")),
    FormatRow(label: "One decimal", value: 12.345, style: CellStyle(numberFormat: "0.0")),
    FormatRow(label: "Black font", value: 2, style: CellStyle(fontColor: .black)),
    FormatRow(label: "Blue font", value: 3, style: CellStyle(fontColor: Color(rgb: 0x0072B2), isItalic: true, isUnderlined: true)),
    FormatRow(label: "Font", value: 4, style: CellStyle(fontName: "Arial", fontSize: 14)),
    FormatRow(
      label: "Aligned", value: 5,
      style: CellStyle(horizontalAlignment: .center, verticalAlignment: .top, wrapsText: true)),
    FormatRow(label: "Indented", value: 6, style: CellStyle(horizontalAlignment: .left, indent: 2)),
    FormatRow(label: "Boxed", value: 7, style: CellStyle(border: CellStyle.Border(.thin, color: Color(rgb: 0x808080)))),
    // The same style as "Percent": the workbook gives back the cached format.
    FormatRow(label: "Percent again", value: 0.5, style: CellStyle(numberFormat: "0.0%")),
  ]

  static func formats(_ workbook: Workbook) throws {
    let sheet = try workbook.addWorksheet("Formats")
    for (i, entry) in formatRows.enumerated() {
      try sheet.write(entry.label, row: i, column: 0)
      try sheet.write(entry.value, row: i, column: 1, format: try workbook.format(entry.style))
    }
    try sheet.setColumnWidth(16, columns: 0...1)
  }

  // MARK: table

  static let tableRows: [(String, String, Double, Double)] = [
    ("Smoking prevalence", "2022/23", 12.4, 11.2),
    ("Smoking prevalence", "2023/24", 11.9, 10.8),
    ("Smoking prevalence", "2024/25", 11.1, 10.0),
    ("Smoking prevalence", "2025/26", 10.6, 9.5),
  ]

  static let filteredRows: [(String, Int, Double)] = [
    ("Northfield", 412, 38.2),
    ("Southmoor", 95, 12.75),
    ("Eastbrook", 1_030, 51.0),
  ]

  static func table(_ workbook: Workbook) throws {
    let sheet = try workbook.addWorksheet("Observations")
    let oneDecimal = try workbook.format(CellStyle(numberFormat: "0.0"))
    let columns = [
      TableColumn("indicator", total: .label("Mean")),
      TableColumn("period"),
      // The mean of the four values, by hand: (12.4 + 11.9 + 11.1 + 10.6) / 4 = 46 / 4 = 11.5.
      TableColumn("value", format: oneDecimal, total: .average, totalResult: 11.5),
      TableColumn("lower", format: oneDecimal),
    ]
    // Header text first, so that the shared strings come in the same order as XlsxWriter's,
    // which writes the total row before the header inside add_table.
    for (i, header) in columns.enumerated() { try sheet.write(header.header, row: 0, column: i) }
    try sheet.addTable(
      CellRange(firstRow: 0, firstColumn: 0, lastRow: tableRows.count + 1, lastColumn: 3),
      options: TableOptions(name: "SmokingObservations", columns: columns, style: .medium(2), hasTotalRow: true))
    for (i, row) in tableRows.enumerated() {
      try sheet.write(row.0, row: i + 1, column: 0)
      try sheet.write(row.1, row: i + 1, column: 1)
      try sheet.write(row.2, row: i + 1, column: 2, format: oneDecimal)
      try sheet.write(row.3, row: i + 1, column: 3, format: oneDecimal)
    }
    try sheet.setColumnWidth(22, column: 0)
    try sheet.setColumnWidth(10, columns: 1...3)

    let filtered = try workbook.addWorksheet("Filtered")
    let header = try workbook.format(CellStyle(isBold: true))
    for (i, name) in ["area", "count", "rate"].enumerated() { try filtered.write(name, row: 0, column: i, format: header) }
    for (i, row) in filteredRows.enumerated() {
      try filtered.write(row.0, row: i + 1, column: 0)
      try filtered.write(row.1, row: i + 1, column: 1)
      try filtered.write(row.2, row: i + 1, column: 2)
    }
    try filtered.setAutofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: filteredRows.count, lastColumn: 2))
    try filtered.freezePanes(rows: 1, columns: 1)
    try filtered.activate()
  }

  // MARK: rules

  static let statusWords = ["Improving", "No change", "Worsening"]

  static let statusRows: [(String, String, Double?, Double)] = [
    ("Smoking prevalence", "Improving", 10.6, 12),
    ("Physically active adults", "No change", 66.1, 70),
    ("Breastfeeding at birth", "Worsening", 0.95, 0.9),
    ("Cancer screening coverage", "Improving", nil, 75),
  ]

  static func rules(_ workbook: Workbook) throws {
    let sheet = try workbook.addWorksheet("Status")
    let lists = try workbook.addWorksheet("Lists")
    let title = try workbook.format(CellStyle(isBold: true, horizontalAlignment: .center))
    let good = try workbook.format(CellStyle(fontColor: Color(rgb: 0x004D40), fill: Color(rgb: 0xB2DFDB)))
    let bad = try workbook.format(CellStyle(fontColor: Color(rgb: 0x6A1B00), fill: Color(rgb: 0xFFCC80)))
    let neutral = try workbook.format(CellStyle(isItalic: true))
    let strong = try workbook.format(CellStyle(isBold: true))
    let missing = try workbook.format(CellStyle(fill: Color(rgb: 0xEEEEEE)))
    try sheet.merge(CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 3), text: "Indicator status, 2026 Q3", format: title)
    for (i, header) in ["Indicator", "Status", "Actual", "Target"].enumerated() {
      try sheet.write(header, row: 1, column: i, format: strong)
    }
    for (i, row) in statusRows.enumerated() {
      try sheet.write(row.0, row: i + 2, column: 0)
      try sheet.write(row.1, row: i + 2, column: 1)
      if let actual = row.2 { try sheet.write(actual, row: i + 2, column: 2) }
      try sheet.write(row.3, row: i + 2, column: 3)
    }
    for (i, word) in statusWords.enumerated() { try lists.write(word, row: i, column: 0) }
    let statusCells = CellRange(firstRow: 2, firstColumn: 1, lastRow: 5, lastColumn: 1)
    let actualCells = CellRange(firstRow: 2, firstColumn: 2, lastRow: 5, lastColumn: 2)
    try sheet.addConditionalFormat(.textEquals("Improving", format: good), to: statusCells)
    try sheet.addConditionalFormat(.textEquals("Worsening", format: bad), to: statusCells)
    try sheet.addConditionalFormat(.textContains("No", format: neutral), to: statusCells)
    try sheet.addConditionalFormat(.cell(.greaterThan, 60, format: strong), to: actualCells)
    try sheet.addConditionalFormat(.between(0.5, 1, format: neutral), to: actualCells)
    try sheet.addConditionalFormat(.formula("=$C3<$D3", format: bad), to: CellRange(firstRow: 2, firstColumn: 0, lastRow: 5, lastColumn: 0))
    try sheet.addConditionalFormat(.blanks(format: missing), to: actualCells)
    try sheet.addConditionalFormat(
      .twoColorScale(minimum: Color(rgb: 0xFFFFFF), maximum: Color(rgb: 0x0072B2)), to: CellRange(firstRow: 2, firstColumn: 3, lastRow: 5, lastColumn: 3))
    try sheet.addConditionalFormat(
      .threeColorScale(minimum: Color(rgb: 0xE69F00), midpoint: Color(rgb: 0xFFFFFF), maximum: Color(rgb: 0x009E73)),
      to: actualCells)
    try sheet.addConditionalFormat(.dataBar(Color(rgb: 0x56B4E9)), to: CellRange(firstRow: 2, firstColumn: 3, lastRow: 5, lastColumn: 3))
    try sheet.addListValidation(
      CellRange(firstRow: 2, firstColumn: 4, lastRow: 5, lastColumn: 4), values: statusWords,
      messages: ValidationMessages(inputTitle: "Status", inputMessage: "Choose a status word", errorTitle: "Not a status", errorMessage: "Use one of the listed words"))
    try sheet.addListValidation(
      CellRange(firstRow: 2, firstColumn: 7, lastRow: 5, lastColumn: 7), source: CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0),
      on: lists)
    try sheet.setColumnWidth(30, column: 0)
  }

  // MARK: charts

  static let trendHeader = ["Period", "Value", "Lower", "Upper", "Target"]

  static let trendRows: [(period: String, value: Double, lower: Double, upper: Double, target: Double)] = [
    ("2021/22", 14.1, 13.2, 15.0, 12),
    ("2022/23", 13.4, 12.6, 14.3, 12),
    ("2023/24", 12.9, 12.0, 13.8, 12),
    ("2024/25", 12.1, 11.3, 13.0, 12),
    ("2025/26", 11.6, 10.8, 12.5, 12),
  ]

  static func charts(_ workbook: Workbook) throws {
    let sheet = try workbook.addWorksheet("Trends")
    for (i, header) in trendHeader.enumerated() { try sheet.write(header, row: 0, column: i) }
    for (i, row) in trendRows.enumerated() {
      try sheet.write(row.period, row: i + 1, column: 0)
      for (j, value) in [row.value, row.lower, row.upper, row.target].enumerated() {
        try sheet.write(value, row: i + 1, column: j + 1)
      }
    }
    let last = trendRows.count
    let periods = CellRange(firstRow: 1, firstColumn: 0, lastRow: last, lastColumn: 0)
    func column(_ c: Int) -> CellRange { CellRange(firstRow: 1, firstColumn: c, lastRow: last, lastColumn: c) }

    let line = try workbook.addChart(.line)
    let blue = Color(rgb: 0x0072B2)
    let grey = Color(rgb: 0x999999)
    try line.addSeries(
      values: column(1), on: sheet, categories: periods, name: .cell(sheet, row: 0, column: 1),
      style: SeriesStyle(color: blue, lineWidth: 2.25, marker: .init(.circle, size: 7, fill: blue, border: blue)))
    for c in [2, 3] {
      try line.addSeries(
        values: column(c), on: sheet, categories: periods, name: .cell(sheet, row: 0, column: c),
        style: SeriesStyle(color: grey, lineWidth: 1, dash: .dash, marker: .init(.none)))
    }
    try line.addSeries(
      values: column(4), on: sheet, categories: periods, name: .text("Target"),
      style: SeriesStyle(color: Color(rgb: 0xD55E00), dash: .longDash, marker: .init(.none)))
    try line.setTitle(.text("Smoking prevalence (%)"))
    try line.setAxisTitles(category: "Period", value: "%")
    try line.setValueAxis(minimum: 0, maximum: 20, numberFormat: "0")
    try line.setLegend(.bottom)
    try line.showBlanks(as: .gap)
    try sheet.insertChart(line, row: 1, column: 6, placement: ChartPlacement(xScale: 1.5, altText: "Trend of smoking prevalence"))

    let bar = try workbook.addChart(.bar)
    try bar.addSeries(
      values: column(1), on: sheet, categories: periods, name: .text("Value"),
      style: SeriesStyle(color: Color(rgb: 0x009E73), showsValues: true, valueNumberFormat: "0.0"))
    try bar.setTitle(nil)
    try bar.setAxisTitles(category: nil, value: "%")
    try bar.setValueAxis(minimum: 0)
    try bar.setLegend(.none)
    try sheet.insertChart(bar, row: 17, column: 6)

    let columns = try workbook.addChart(.column)
    try columns.addSeries(values: column(1), on: sheet, categories: periods)
    try sheet.insertChart(columns, row: 33, column: 6, placement: ChartPlacement(xOffset: 10, yOffset: 5))
  }

  // MARK: band

  static let bandHeader = ["Period", "Value", "Lower", "Upper", "Width", "Target"]

  /// The interval band of the funder workbook's Trends charts: a stacked area chart whose first
  /// series (the lower limit) is neither filled nor outlined nor in the legend and whose second
  /// (upper − lower) is a transparent fill, combined with a line chart of the values and the
  /// target; then a plain area chart.
  static func band(_ workbook: Workbook) throws {
    let sheet = try workbook.addWorksheet("Band")
    for (i, header) in bandHeader.enumerated() { try sheet.write(header, row: 0, column: i) }
    for (i, row) in trendRows.enumerated() {
      try sheet.write(row.period, row: i + 1, column: 0)
      for (j, value) in [row.value, row.lower, row.upper, row.upper - row.lower, row.target].enumerated() {
        try sheet.write(value, row: i + 1, column: j + 1)
      }
    }
    let last = trendRows.count
    let periods = CellRange(firstRow: 1, firstColumn: 0, lastRow: last, lastColumn: 0)
    func column(_ c: Int) -> CellRange { CellRange(firstRow: 1, firstColumn: c, lastRow: last, lastColumn: c) }
    let blue = Color(rgb: 0x4477AA)

    let area = try workbook.addChart(.areaStacked)
    try area.addSeries(
      values: column(2), on: sheet, categories: periods, name: .cell(sheet, row: 0, column: 2),
      style: SeriesStyle(hidesLine: true, hidesFill: true, hidesLegendEntry: true))
    try area.addSeries(
      values: column(4), on: sheet, categories: periods, name: .text("95% interval"),
      style: SeriesStyle(color: Color(rgb: 0x77AADD), hidesLine: true, fillTransparency: 60))
    let line = try workbook.addChart(.line)
    try line.addSeries(
      values: column(1), on: sheet, categories: periods, name: .cell(sheet, row: 0, column: 1),
      style: SeriesStyle(color: blue, lineWidth: 2.25, marker: .init(.circle, size: 6, fill: blue)))
    try line.addSeries(
      values: column(5), on: sheet, categories: periods, name: .cell(sheet, row: 0, column: 5),
      style: SeriesStyle(color: Color(rgb: 0xEE6677), lineWidth: 1.5, dash: .longDash))
    try area.combine(line)
    try area.setTitle(.text("Smoking prevalence (%)"))
    try area.setAxisTitles(category: "Period", value: "%")
    try area.setValueAxis(numberFormat: "0.0")
    try area.setLegend(.bottom)
    try area.showBlanks(as: .gap)
    try sheet.insertChart(
      area, row: 1, column: 7, placement: ChartPlacement(xScale: 1.3, altText: "Smoking prevalence with its 95% interval"))

    let plain = try workbook.addChart(.area)
    try plain.addSeries(
      values: column(1), on: sheet, categories: periods, name: .text("Value"),
      style: SeriesStyle(color: blue, fillTransparency: 25))
    try sheet.insertChart(plain, row: 17, column: 7)
  }

  // MARK: properties

  static let documentProperties = DocumentProperties(
    title: "Quarterly funder workbook", subject: "Indicator results, 2026 Q3", author: "Backbone",
    manager: "Partnership manager", company: "Northfield Partnership", category: "Monitoring",
    keywords: "indicators, funder", comments: "Generated from the partnership's exports", status: "Final",
    created: created)

  static func properties(_ workbook: Workbook) throws {
    workbook.properties = documentProperties
    try workbook.setCustomProperty("Backbone version", value: "0.1.0")
    let sheet = try workbook.addWorksheet("About")
    try sheet.write("Backbone funder workbook", row: 0, column: 0)
  }

  // MARK: constant memory

  static let dataHeader = ["area", "year", "value", "published", "note"]

  static let dataRows: [(area: String, year: Int, value: Double, date: DateTime, note: String)] = (0..<20).map { i in
    let areas = ["Northfield", "Southmoor", "Eastbrook", "Westdale"]
    // Every seventh value is missing (NaN), written blank under the .blank policy.
    let value = i % 7 == 3 ? Double.nan : 40 + Double(i) * 1.25
    return (areas[i % 4], 2015 + i / 4, value, DateTime(year: 2026, month: 1 + i % 12, day: 1 + i), i % 5 == 0 ? "=provisional" : "final")
  }

  static func constantMemory(_ workbook: Workbook) throws {
    let sheet = try workbook.addWorksheet("Data")
    let header = try workbook.format(CellStyle(isBold: true, bottomBorder: CellStyle.Border(.thin)))
    let value = try workbook.format(CellStyle(numberFormat: "0.00"))
    for (i, name) in dataHeader.enumerated() { try sheet.write(name, row: 0, column: i, format: header) }
    try sheet.setColumnWidth(14, columns: 0...4)
    try sheet.freezePanes(rows: 1)
    try sheet.setAutofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: dataRows.count, lastColumn: 4))
    for (i, row) in dataRows.enumerated() {
      // Columns in any order within a row.
      try sheet.write(row.note, row: i + 1, column: 4)
      try sheet.write(row.area, row: i + 1, column: 0)
      try sheet.write(row.year, row: i + 1, column: 1)
      try sheet.write(row.value, row: i + 1, column: 2, format: value)
      try sheet.write(row.date, row: i + 1, column: 3)
    }
  }
}
