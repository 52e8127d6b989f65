import Foundation
import Testing

@testable import XLSX

/// Arguments Excel or libxlsxwriter would refuse are refused by the wrapper first, with the
/// kind, sheet and cell, and without reaching C (so libxlsxwriter never prints its own
/// warnings): `function` is nil on every error below. The limits come from Excel's
/// specifications and limits page (support.microsoft.com, "Excel specifications and limits"):
/// 1,048,576 rows, 16,384 columns, 32,767 characters in a cell, 31 in a sheet name, 255 in a
/// list validation, 409 points of row height, 255 characters of column width, zoom 10-400%.
@Suite struct ValidationTests {
  /// A workbook in a temporary directory, discarded at the end of the test.
  final class Scratch {
    let dir: TemporaryDirectory
    let workbook: Workbook
    let sheet: Worksheet

    init(_ options: WorkbookOptions = WorkbookOptions()) throws {
      dir = try TemporaryDirectory()
      workbook = try Workbook(path: dir.file("scratch.xlsx"), options: options, sourceDateEpoch: nil)
      sheet = try workbook.addWorksheet("Data")
    }

    deinit {
      workbook.discard()
      dir.remove()
    }
  }

  func expectError(
    _ kind: XLSXError.Kind, cell: String? = nil, _ body: () throws -> Void,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let error = xlsxError(body, sourceLocation: sourceLocation) else { return }
    #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
    #expect(error.isOurCheck, "libxlsxwriter was reached: \(error)", sourceLocation: sourceLocation)
    if let cell { #expect(error.cell == cell, "\(error)", sourceLocation: sourceLocation) }
  }

  // MARK: Sheet names

  static let badSheetNames: [String] = [
    "", String(repeating: "n", count: 32), "a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b", "'quoted", "quoted'",
    "History", "history", "tab\there",
    // 16 emoji are 16 characters but 32 UTF-16 code units, which is what Excel counts.
    String(repeating: "😀", count: 16),
  ]

  @Test(arguments: badSheetNames)
  func refusesBadSheetNames(_ name: String) throws {
    let scratch = try Scratch()
    expectError(.invalidSheetName) { _ = try scratch.workbook.addWorksheet(name) }
  }

  @Test(arguments: [String(repeating: "n", count: 31), "Key figures", "It's fine", "Données 2026", String(repeating: "😀", count: 15)])
  func acceptsGoodSheetNames(_ name: String) throws {
    let scratch = try Scratch()
    let sheet = try scratch.workbook.addWorksheet(name)
    #expect(sheet.name == name)
    #expect(sheet.index == 1)
  }

  @Test func refusesDuplicateSheetNamesIgnoringCase() throws {
    let scratch = try Scratch()
    expectError(.duplicateSheetName) { _ = try scratch.workbook.addWorksheet("DATA") }
  }

  // MARK: Cells

  @Test(arguments: [(-1, 0), (1_048_576, 0), (0, -1), (0, 16_384), (Int.max, Int.max)])
  func refusesCellsOffTheSheet(row: Int, column: Int) throws {
    let scratch = try Scratch()
    expectError(.cellOutOfRange) { try scratch.sheet.write(1, row: row, column: column) }
    expectError(.cellOutOfRange) { try scratch.sheet.write("x", row: row, column: column) }
  }

  @Test func acceptsTheLastCell() throws {
    let scratch = try Scratch()
    try scratch.sheet.write(1, row: 1_048_575, column: 16_383)
    // XFD is the 16,384th column and 1,048,576 the last row.
    expectError(.textTooLong, cell: "XFD1048576") {
      try scratch.sheet.write(String(repeating: "a", count: 32_768), row: 1_048_575, column: 16_383)
    }
  }

  @Test func textLengthIsCountedInUTF16AsExcelDoes() throws {
    let scratch = try Scratch()
    try scratch.sheet.write(String(repeating: "a", count: 32_767), row: 0, column: 0)
    try scratch.sheet.write(String(repeating: "😀", count: 16_383) + "a", row: 1, column: 0)  // 32,767 units
    expectError(.textTooLong, cell: "A3") { try scratch.sheet.write(String(repeating: "a", count: 32_768), row: 2, column: 0) }
    expectError(.textTooLong, cell: "A4") { try scratch.sheet.write(String(repeating: "😀", count: 16_384), row: 3, column: 0) }
  }

  @Test func refusesNUL() throws {
    let scratch = try Scratch()
    expectError(.invalidText, cell: "B2") { try scratch.sheet.write("a\u{0}b", row: 1, column: 1) }
    expectError(.invalidText) { try scratch.sheet.merge(CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 1), text: "\u{0}") }
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func rejectsNonFiniteNumbersByDefault(_ value: Double) throws {
    let scratch = try Scratch()
    expectError(.nonFiniteNumber, cell: "C1") { try scratch.sheet.write(value, row: 0, column: 2) }
    expectError(.nonFiniteNumber, cell: "C2") { try scratch.sheet.write(Formula("=1/0"), result: value, row: 1, column: 2) }
  }

  @Test(arguments: [
    DateTime(year: 1899, month: 12, day: 31), DateTime(year: 10_000, month: 1, day: 1),
    DateTime(year: 2023, month: 2, day: 29), DateTime(year: 1900, month: 2, day: 29), DateTime(year: 2026, month: 13, day: 1),
    DateTime(year: 2026, month: 4, day: 31), DateTime(year: 2026, month: 1, day: 0), DateTime(year: 2026, month: 1, day: 1, hour: 24),
    DateTime(year: 2026, month: 1, day: 1, minute: 60), DateTime(year: 2026, month: 1, day: 1, second: 60),
    DateTime(year: 2026, month: 1, day: 1, second: .nan),
  ])
  func refusesImpossibleDates(_ date: DateTime) throws {
    let scratch = try Scratch()
    expectError(.invalidDate, cell: "A1") { try scratch.sheet.write(date, row: 0, column: 0) }
  }

  @Test func acceptsLeapDaysOfLeapYears() throws {
    let scratch = try Scratch()
    // 2024 is divisible by 4; 2000 by 400.
    try scratch.sheet.write(DateTime(year: 2024, month: 2, day: 29), row: 0, column: 0)
    try scratch.sheet.write(DateTime(year: 2000, month: 2, day: 29), row: 1, column: 0)
  }

  @Test(arguments: ["", "=", "=" + String(repeating: "1", count: 8_193), "=\u{0}"])
  func refusesBadFormulas(_ text: String) throws {
    let scratch = try Scratch()
    expectError(.invalidArgument, cell: "A1") { try scratch.sheet.write(Formula(text), result: 1, row: 0, column: 0) }
  }

  // MARK: Closed workbooks and foreign objects

  @Test func everythingThrowsAfterClose() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let workbook = try Workbook(path: dir.file("closed.xlsx"), options: WorkbookOptions(), sourceDateEpoch: nil)
    let sheet = try workbook.addWorksheet("Data")
    let format = try workbook.format(CellStyle(isBold: true))
    let chart = try workbook.addChart(.line)
    try sheet.write(1, row: 0, column: 0)
    try workbook.close()
    #expect(!workbook.isOpen)
    expectError(.workbookClosed) { try workbook.close() }
    expectError(.workbookClosed) { _ = try workbook.addWorksheet("More") }
    expectError(.workbookClosed) { _ = try workbook.format(CellStyle()) }
    expectError(.workbookClosed) { _ = try workbook.addChart(.bar) }
    expectError(.workbookClosed) { try sheet.write(2, row: 1, column: 0) }
    expectError(.workbookClosed) { try sheet.write("x", row: 1, column: 0, format: format) }
    expectError(.workbookClosed) { try sheet.freezePanes(rows: 1) }
    expectError(.workbookClosed) { try chart.setTitle(.text("late")) }
    expectError(.workbookClosed) { try workbook.setCustomProperty("a", value: "b") }
  }

  @Test func refusesObjectsOfAnotherWorkbook() throws {
    let first = try Scratch()
    let second = try Scratch()
    let foreignFormat = try second.workbook.format(CellStyle(isBold: true))
    expectError(.foreignObject, cell: "A1") { try first.sheet.write(1, row: 0, column: 0, format: foreignFormat) }
    let chart = try second.workbook.addChart(.line)
    expectError(.foreignObject) { try chart.addSeries(values: CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 0), on: first.sheet) }
    try chart.addSeries(values: CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 0), on: second.sheet)
    expectError(.foreignObject) { try first.sheet.insertChart(chart, row: 0, column: 3) }
    expectError(.foreignObject) {
      try first.sheet.addListValidation(CellRange(row: 0, column: 0), source: CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0), on: second.sheet)
    }
  }

  // MARK: Constant memory

  @Test func constantMemoryEnforcesRowOrder() throws {
    let scratch = try Scratch(WorkbookOptions(constantMemory: true))
    let sheet = scratch.sheet
    try sheet.write("b", row: 5, column: 1)
    try sheet.write("a", row: 5, column: 0)  // same row, any column order
    #expect(sheet.currentRow == 5)
    expectError(.rowOutOfOrder, cell: "A5") { try sheet.write("late", row: 4, column: 0) }
    expectError(.rowOutOfOrder) { try sheet.setRowHeight(30, row: 4) }
    expectError(.rowOutOfOrder) { try sheet.merge(CellRange(firstRow: 4, firstColumn: 0, lastRow: 6, lastColumn: 0), text: "x") }
    // A refused write does not move the current row.
    expectError(.textTooLong) { try sheet.write(String(repeating: "a", count: 40_000), row: 9, column: 0) }
    expectError(.nonFiniteNumber) { try sheet.write(Double.nan, row: 9, column: 0) }
    #expect(sheet.currentRow == 5)
    try sheet.write(1, row: 6, column: 0)
    // A merge over rows 7 and 8 leaves the current row at 8.
    try sheet.merge(CellRange(firstRow: 7, firstColumn: 0, lastRow: 8, lastColumn: 1), text: "merged")
    #expect(sheet.currentRow == 8)
    expectError(.unsupportedInConstantMemory) {
      try sheet.addTable(CellRange(firstRow: 10, firstColumn: 0, lastRow: 12, lastColumn: 1))
    }
  }

  @Test func normalModeWritesRowsInAnyOrder() throws {
    let scratch = try Scratch()
    try scratch.sheet.write(1, row: 5, column: 0)
    try scratch.sheet.write(2, row: 1, column: 0)
    try scratch.sheet.setRowHeight(30, row: 0)
  }

  // MARK: Merges, tables, filters

  @Test func refusesOverlapsAndSingleCellMerges() throws {
    let scratch = try Scratch()
    let sheet = scratch.sheet
    expectError(.invalidArgument) { try sheet.merge(CellRange(row: 0, column: 0), text: "one cell") }
    try sheet.merge(CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 3), text: "title")
    expectError(.overlappingRange) { try sheet.merge(CellRange(firstRow: 0, firstColumn: 3, lastRow: 1, lastColumn: 4), text: "x") }
    expectError(.overlappingRange) { try sheet.addTable(CellRange(firstRow: 0, firstColumn: 2, lastRow: 4, lastColumn: 5)) }
    try sheet.addTable(CellRange(firstRow: 2, firstColumn: 0, lastRow: 5, lastColumn: 2))
    expectError(.overlappingRange) { try sheet.addTable(CellRange(firstRow: 5, firstColumn: 2, lastRow: 8, lastColumn: 3)) }
    expectError(.overlappingRange) { try sheet.merge(CellRange(firstRow: 3, firstColumn: 1, lastRow: 3, lastColumn: 2), text: "x") }
    expectError(.overlappingRange) { try sheet.setAutofilter(CellRange(firstRow: 4, firstColumn: 0, lastRow: 9, lastColumn: 4)) }
    try sheet.setAutofilter(CellRange(firstRow: 10, firstColumn: 0, lastRow: 12, lastColumn: 2))
    expectError(.overlappingRange) { try sheet.addTable(CellRange(firstRow: 11, firstColumn: 0, lastRow: 14, lastColumn: 1)) }
  }

  static let badTableNames = ["", "1abc", "has space", "naïve", "A1", "xfd1048576", "R1C1", "r2c3", "R", "c", "a-b", ".start", "\\backslash", "back\\slash"]

  @Test(arguments: badTableNames)
  func refusesBadTableNames(_ name: String) throws {
    let scratch = try Scratch()
    expectError(.invalidArgument) {
      try scratch.sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 1), options: TableOptions(name: name))
    }
  }

  @Test(arguments: ["Observations_2026", "_private", "ABCD1", "Rate.per.1000", "R1C1x"])
  func acceptsGoodTableNames(_ name: String) throws {
    let scratch = try Scratch()
    try scratch.sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 1), options: TableOptions(name: name))
  }

  @Test func refusesBadTables() throws {
    let scratch = try Scratch()
    let sheet = scratch.sheet
    let range = CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 1)
    expectError(.invalidArgument) { try sheet.addTable(range, options: TableOptions(columns: [TableColumn("Value"), TableColumn("value")])) }
    expectError(.invalidArgument) { try sheet.addTable(range, options: TableOptions(columns: [TableColumn("only one")])) }
    expectError(.invalidArgument) { try sheet.addTable(range, options: TableOptions(columns: [TableColumn(""), TableColumn("b")])) }
    expectError(.invalidArgument) { try sheet.addTable(range, options: TableOptions(style: .medium(29))) }
    expectError(.invalidArgument) { try sheet.addTable(range, options: TableOptions(style: .light(0))) }
    expectError(.invalidArgument) { try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 1)) }
    expectError(.invalidArgument) {
      try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 1), options: TableOptions(hasTotalRow: true))
    }
    try sheet.addTable(range, options: TableOptions(name: "Results"))
    let other = try scratch.workbook.addWorksheet("Other")
    expectError(.invalidArgument) { try other.addTable(range, options: TableOptions(name: "results")) }
  }

  // MARK: Validation lists and conditional formats

  @Test func refusesBadValidationLists() throws {
    let scratch = try Scratch()
    let cells = CellRange(firstRow: 1, firstColumn: 0, lastRow: 9, lastColumn: 0)
    expectError(.invalidArgument) { try scratch.sheet.addListValidation(cells, values: []) }
    expectError(.invalidArgument) { try scratch.sheet.addListValidation(cells, values: ["a,b"]) }
    expectError(.invalidArgument) { try scratch.sheet.addListValidation(cells, values: ["say \"hi\""]) }
    // 26 values of 9 characters and 25 commas: 259 characters.
    expectError(.invalidArgument) { try scratch.sheet.addListValidation(cells, values: Array(repeating: "123456789", count: 26)) }
    // 25 values: 225 + 24 = 249 characters, within the limit.
    try scratch.sheet.addListValidation(cells, values: Array(repeating: "123456789", count: 25))
    expectError(.invalidArgument) {
      try scratch.sheet.addListValidation(cells, values: ["a"], messages: ValidationMessages(inputTitle: String(repeating: "t", count: 33)))
    }
    expectError(.invalidArgument) {
      try scratch.sheet.addListValidation(cells, source: CellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 2))
    }
  }

  @Test func refusesBadConditionalFormats() throws {
    let scratch = try Scratch()
    let format = try scratch.workbook.format(CellStyle(isBold: true))
    let cells = CellRange(firstRow: 0, firstColumn: 0, lastRow: 9, lastColumn: 0)
    expectError(.invalidArgument) { try scratch.sheet.addConditionalFormat(.textEquals(String(repeating: "w", count: 256), format: format), to: cells) }
    expectError(.invalidArgument) { try scratch.sheet.addConditionalFormat(.textContains("", format: format), to: cells) }
    expectError(.invalidArgument) { try scratch.sheet.addConditionalFormat(.cell(.equal, .nan, format: format), to: cells) }
    expectError(.invalidArgument) { try scratch.sheet.addConditionalFormat(.formula("=", format: format), to: cells) }
    expectError(.cellOutOfRange) {
      try scratch.sheet.addConditionalFormat(.blanks(format: format), to: CellRange(firstRow: 5, firstColumn: 0, lastRow: 2, lastColumn: 0))
    }
  }

  @Test func quotesTextInConditionalFormats() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.file("quoted.xlsx")
    let workbook = try Workbook(path: path, options: WorkbookOptions(), sourceDateEpoch: nil)
    let sheet = try workbook.addWorksheet("Data")
    let format = try workbook.format(CellStyle(isBold: true))
    // A status word holding a quote cannot end the string literal of the rule's formula.
    try sheet.addConditionalFormat(.textEquals("say \"yes\"", format: format), to: CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 0))
    try workbook.close()
    // Excel doubles a quote inside a string literal: "say ""yes""" (quotes need no escaping in
    // XML text).
    #expect(try unzipPart(path, "xl/worksheets/sheet1.xml").contains("<formula>\"say \"\"yes\"\"\"</formula>"))
  }

  // MARK: Charts

  @Test func refusesBadCharts() throws {
    let scratch = try Scratch()
    let sheet = scratch.sheet
    let values = CellRange(firstRow: 1, firstColumn: 1, lastRow: 5, lastColumn: 1)
    let chart = try scratch.workbook.addChart(.line)
    expectError(.invalidArgument) { try sheet.insertChart(chart, row: 0, column: 0) }
    expectError(.invalidArgument) { try chart.addSeries(values: CellRange(firstRow: 1, firstColumn: 1, lastRow: 5, lastColumn: 2), on: sheet) }
    expectError(.invalidArgument) { try chart.addSeries(values: values, on: sheet, name: .text("=Data!A1")) }
    expectError(.invalidArgument) { try chart.addSeries(values: values, on: sheet, style: SeriesStyle(marker: .init(.circle, size: 1))) }
    expectError(.invalidArgument) { try chart.addSeries(values: values, on: sheet, style: SeriesStyle(lineWidth: .infinity)) }
    expectError(.cellOutOfRange) { try chart.addSeries(values: CellRange(firstRow: -1, firstColumn: 1, lastRow: 5, lastColumn: 1), on: sheet) }
    expectError(.invalidArgument) { try chart.setTitle(.text("=HYPERLINK(\"x\")")) }
    expectError(.invalidArgument) { try chart.setValueAxis(minimum: 5, maximum: 5) }
    expectError(.invalidArgument) { try chart.setValueAxis(minimum: .nan) }
    #expect(chart.seriesCount == 0)
    try chart.addSeries(values: values, on: sheet, name: .cell(sheet, row: 0, column: 1))
    expectError(.invalidArgument) { try sheet.insertChart(chart, row: 0, column: 3, placement: ChartPlacement(xScale: 0)) }
    try sheet.insertChart(chart, row: 0, column: 3)
    expectError(.invalidArgument) { try sheet.insertChart(chart, row: 20, column: 3) }
  }

  /// Fill options are checked before C: libxlsxwriter would silently turn a transparency
  /// above 100 into 0 and ignore one without a colour.
  @Test(arguments: [
    (Chart.Kind.areaStacked, SeriesStyle(color: .black, fillTransparency: 101), "fill transparency 101 is outside 0...100 percent"),
    (.area, SeriesStyle(color: .black, fillTransparency: -1), "fill transparency -1 is outside 0...100 percent"),
    (.column, SeriesStyle(fillTransparency: 50), "a fill transparency needs a fill colour"),
    (.line, SeriesStyle(color: .black, fillTransparency: 50), "a line series has no fill to make transparent or hide"),
    (.line, SeriesStyle(hidesFill: true), "a line series has no fill to make transparent or hide"),
    (.area, SeriesStyle(color: .black, hidesFill: true),
     "a series cannot both hide its fill and have a fill colour or transparency"),
  ])
  func refusesBadFills(_ kind: Chart.Kind, _ style: SeriesStyle, _ message: String) throws {
    let scratch = try Scratch()
    let chart = try scratch.workbook.addChart(kind)
    let values = CellRange(firstRow: 1, firstColumn: 1, lastRow: 5, lastColumn: 1)
    let error = xlsxError { try chart.addSeries(values: values, on: scratch.sheet, style: style) }
    #expect(error?.kind == .invalidArgument)
    #expect(error?.message == "chart: " + message)
    #expect(error?.isOurCheck == true)
    #expect(chart.seriesCount == 0)
    // The ends of the range are accepted.
    for transparency in [0, 100] where kind != .line {
      try chart.addSeries(values: values, on: scratch.sheet, style: SeriesStyle(color: .black, fillTransparency: transparency))
    }
  }

  @Test(.enabled(if: Chart.canCombine, "combined charts need libxlsxwriter 1.1.4's chart layout: skipped"))
  func refusesBadCombinations() throws {
    let scratch = try Scratch()
    let other = try Scratch()
    let sheet = scratch.sheet
    let values = CellRange(firstRow: 1, firstColumn: 1, lastRow: 5, lastColumn: 1)
    let area = try scratch.workbook.addChart(.areaStacked)
    let line = try scratch.workbook.addChart(.line)
    let second = try scratch.workbook.addChart(.line)
    func message(_ body: () throws -> Void) -> String? {
      let error = xlsxError(body)
      #expect(error?.isOurCheck == true)
      return error.map { "\($0.kind): \($0.message)" }
    }
    #expect(
      message { try area.combine(other.workbook.addChart(.line)) }
        == "foreignObject: chart: the chart to combine belongs to another workbook")
    #expect(message { try area.combine(area) } == "invalidArgument: chart: a chart cannot be combined with itself")
    #expect(
      message { try area.combine(scratch.workbook.addChart(.bar)) }
        == "invalidArgument: chart: a horizontal bar chart cannot be combined with another chart on the same axes")
    try area.combine(line)
    #expect(area.combined === line && line.host === area)
    #expect(
      message { try area.combine(second) }
        == "invalidArgument: chart: the chart already has a combined chart; a chart combines only one other")
    #expect(message { try second.combine(line) } == "invalidArgument: chart: the chart to combine is already part of a combined chart")
    #expect(message { try line.combine(second) } == "invalidArgument: chart: the chart is itself combined into another chart")
    try area.addSeries(values: values, on: sheet)
    // The combined chart needs series of its own, and is placed through its host only.
    #expect(message { try sheet.insertChart(area, row: 0, column: 3) } == "invalidArgument: the chart combined into this one has no series")
    try line.addSeries(values: values, on: sheet)
    #expect(
      message { try sheet.insertChart(line, row: 0, column: 3) }
        == "invalidArgument: the chart is combined into another chart; place that chart")
    try sheet.insertChart(area, row: 0, column: 3)
    for chart in [area, line] {
      #expect(message { try chart.addSeries(values: values, on: sheet) } == "invalidArgument: chart: the chart is already placed")
    }
    try second.addSeries(values: values, on: sheet)
    try sheet.insertChart(second, row: 20, column: 3)
    let late = try scratch.workbook.addChart(.area)
    #expect(message { try late.combine(second) } == "invalidArgument: chart: a placed chart cannot be combined")
  }

  // MARK: Layout and styles

  @Test func refusesBadLayout() throws {
    let scratch = try Scratch()
    let sheet = scratch.sheet
    expectError(.invalidArgument) { try sheet.setColumnWidth(256, column: 0) }
    expectError(.invalidArgument) { try sheet.setColumnWidth(-1, column: 0) }
    expectError(.cellOutOfRange) { try sheet.setColumnWidth(10, columns: 16_383...16_384) }
    expectError(.invalidArgument) { try sheet.setRowHeight(410, row: 0) }
    expectError(.invalidArgument) { try sheet.setZoom(9) }
    expectError(.invalidArgument) { try sheet.setZoom(401) }
    expectError(.cellOutOfRange) { try sheet.freezePanes(rows: -1) }
    expectError(.cellOutOfRange) { try sheet.repeatRows(3...1_048_576) }
    try sheet.setColumnWidth(255, column: 0)
    try sheet.setRowHeight(409, row: 0)
    try sheet.setZoom(400)
  }

  @Test(arguments: [
    CellStyle(numberFormat: ""), CellStyle(numberFormat: String(repeating: "0", count: 256)), CellStyle(fontName: ""),
    CellStyle(fontName: String(repeating: "f", count: 32)), CellStyle(fontSize: 0.5), CellStyle(fontSize: 410), CellStyle(indent: 16),
    CellStyle(indent: -1),
  ])
  func refusesBadStyles(_ style: CellStyle) throws {
    let scratch = try Scratch()
    expectError(.invalidArgument) { _ = try scratch.workbook.format(style) }
  }

  @Test func refusesBadCustomProperties() throws {
    let scratch = try Scratch()
    expectError(.invalidArgument) { try scratch.workbook.setCustomProperty("", value: "x") }
    expectError(.invalidArgument) { try scratch.workbook.setCustomProperty(String(repeating: "n", count: 256), value: "x") }
    expectError(.invalidArgument) { try scratch.workbook.setCustomProperty("n", value: String(repeating: "v", count: 256)) }
  }

  // MARK: Messages

  @Test func errorsNameTheSheetAndCellInExcelNotation() throws {
    let scratch = try Scratch()
    let sheet = try scratch.workbook.addWorksheet("Key figures")
    let error = xlsxError { try sheet.write(Double.nan, row: 3, column: 1) }
    let text = try #require(error).description
    #expect(text.hasPrefix("\(scratch.dir.file("scratch.xlsx")): error: 'Key figures'!B4: nan cannot be stored as a number in a cell"))
    #expect(text.contains("\n  hint: choose WorkbookOptions.nonFiniteNumbers"))
  }
}
