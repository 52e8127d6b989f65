internal import CXlsxWriter

extension Worksheet {
  // MARK: Columns and rows

  /// Sets the width of columns, and optionally a format for their empty cells.
  /// - Parameters:
  ///   - width: in characters of the default font (Excel's unit), 0...255; 8.43 is Excel's default.
  ///   - columns: 0-based columns, for example `0...0` or `2...14`.
  ///   - format: a format for cells of these columns that are not written; `nil` for none.
  ///   - isHidden: hide the columns.
  /// - Throws: ``XLSXError/Kind-swift.enum/cellOutOfRange`` or
  ///   ``XLSXError/Kind-swift.enum/invalidArgument`` for a width outside 0...255.
  public func setColumnWidth(_ width: Double, columns: ClosedRange<Int>, format: Format? = nil, isHidden: Bool = false)
    throws(XLSXError)
  {
    let range = CellRange(firstRow: 0, firstColumn: columns.lowerBound, lastRow: 0, lastColumn: columns.upperBound)
    try checkRange(range)
    guard width.isFinite, (0...255).contains(width) else {
      throw error(.invalidArgument, nil, "column width \(width) is outside Excel's 0...255 characters")
    }
    let cFormat = try workbook.pointer(of: format, sheet: name, cell: nil)
    var options = lxw_row_col_options()
    options.hidden = isHidden ? 1 : 0
    try check(
      worksheet_set_column_opt(pointer, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, cFormat, &options),
      "worksheet_set_column_opt", path: workbook.path, sheet: name)
  }

  /// Sets the width of one column. See ``setColumnWidth(_:columns:format:isHidden:)``.
  public func setColumnWidth(_ width: Double, column: Int, format: Format? = nil) throws(XLSXError) {
    try setColumnWidth(width, columns: column...column, format: format)
  }

  /// Sets the height of a row, and optionally a format for its empty cells. In constant-memory
  /// mode, call it before writing cells of a later row.
  /// - Parameters:
  ///   - height: in points, 0...409; 15 is Excel's default.
  ///   - row: 0-based row.
  ///   - format: a format for cells of the row that are not written.
  public func setRowHeight(_ height: Double, row: Int, format: Format? = nil) throws(XLSXError) {
    guard height.isFinite, (0...409).contains(height) else {
      throw error(.invalidArgument, CellRange.cellName(row: row, column: 0), "row height \(height) is outside Excel's 0...409 points")
    }
    let cFormat = try workbook.pointer(of: format, sheet: name, cell: nil)
    let (r, _) = try claim(row: row, column: 0)
    try check(
      worksheet_set_row(pointer, r, height, cFormat), "worksheet_set_row", path: workbook.path, sheet: name,
      cell: CellRange.cellName(row: row, column: 0))
  }

  // MARK: Panes, filters, merges

  /// Freezes the top `rows` rows and the left `columns` columns, so headers stay visible while
  /// scrolling. `freezePanes(rows: 1)` keeps a header row in view.
  /// - Throws: ``XLSXError/Kind-swift.enum/cellOutOfRange`` for counts off the sheet.
  public func freezePanes(rows: Int, columns: Int = 0) throws(XLSXError) {
    try requireOpen()
    guard (0..<SheetLimits.maxRows).contains(rows), (0..<SheetLimits.maxColumns).contains(columns) else {
      throw error(.cellOutOfRange, nil, "cannot freeze \(rows) rows and \(columns) columns")
    }
    worksheet_freeze_panes(pointer, lxw_row_t(rows), lxw_col_t(columns))
  }

  /// Puts filter buttons on the first row of `range` (a header row), filtering the rows below.
  /// A sheet has at most one autofilter; calling again replaces it. Works in constant-memory
  /// mode, where tables do not.
  /// - Throws: ``XLSXError/Kind-swift.enum/overlappingRange`` when `range` overlaps a table
  ///   (tables have their own filters), or ``XLSXError/Kind-swift.enum/cellOutOfRange``.
  public func setAutofilter(_ range: CellRange) throws(XLSXError) {
    try checkRange(range)
    if let table = tableRanges.first(where: range.overlaps) {
      throw error(.overlappingRange, range.description, "the autofilter overlaps the table at \(table)")
    }
    try check(
      worksheet_autofilter(
        pointer, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
        lxw_col_t(range.lastColumn)),
      "worksheet_autofilter", path: workbook.path, sheet: name, cell: range.description)
    autofilterRange = range
  }

  /// Merges `range` into one cell showing `text` (always stored as text), as for a header
  /// spanning several columns. The other cells of the range are written blank with `format`, so
  /// borders and fills cover the whole merged cell.
  ///
  /// In constant-memory mode the range's first row must not be above the current row, and
  /// afterwards the current row is the range's last row.
  /// - Parameters:
  ///   - range: at least two cells.
  ///   - text: the content; the same rules as ``write(_:row:column:format:)-(String,_,_,_)``.
  ///   - format: the format of the whole merged cell.
  /// - Throws: ``XLSXError/Kind-swift.enum/overlappingRange`` when `range` overlaps another merged
  ///   range or a table, ``XLSXError/Kind-swift.enum/invalidArgument`` for a single cell, and the
  ///   errors of writing text.
  public func merge(_ range: CellRange, text: String, format: Format? = nil) throws(XLSXError) {
    try checkRange(range)
    guard range.rowCount > 1 || range.columnCount > 1 else {
      throw error(.invalidArgument, range.description, "a merged range needs at least two cells")
    }
    if let other = mergedRanges.first(where: range.overlaps) {
      throw error(.overlappingRange, range.description, "the merged range overlaps the merged range \(other)")
    }
    if let table = tableRanges.first(where: range.overlaps) {
      throw error(.overlappingRange, range.description, "the merged range overlaps the table at \(table)")
    }
    if isConstantMemory && range.firstRow < currentRow {
      throw outOfOrder(row: range.firstRow, column: range.firstColumn)
    }
    let cFormat = try workbook.pointer(of: format, sheet: name, cell: range.description)
    let stored: String
    switch TextCheck(text) {
    case .plain: stored = text
    case .needsEscaping: stored = TextCheck.escapingLiteralEscapes(text)
    case .tooLong, .containsNUL:
      throw error(.invalidText, range.description, "the merged cell's text must be under 32,768 characters without NUL")
    }
    _ = try claim(row: range.firstRow, column: range.firstColumn)
    let code = stored.withCString {
      worksheet_merge_range(
        pointer, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
        lxw_col_t(range.lastColumn), $0, cFormat)
    }
    try check(code, "worksheet_merge_range", path: workbook.path, sheet: name, cell: range.description)
    mergedRanges.append(range)
    if isConstantMemory { _ = try claim(row: range.lastRow, column: range.firstColumn) }
  }

  // MARK: View and print

  /// Makes this the sheet shown when the workbook opens.
  public func activate() throws(XLSXError) {
    try requireOpen()
    worksheet_activate(pointer)
  }

  /// Hides the gridlines on screen and in print.
  public func hideGridlines() throws(XLSXError) {
    try requireOpen()
    worksheet_gridlines(pointer, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
  }

  /// Sets the zoom, 10...400 percent.
  public func setZoom(_ percent: Int) throws(XLSXError) {
    try requireOpen()
    guard (10...400).contains(percent) else {
      throw error(.invalidArgument, nil, "zoom \(percent)% is outside Excel's 10...400")
    }
    worksheet_set_zoom(pointer, UInt16(percent))
  }

  /// Colours the sheet's tab.
  public func setTabColor(_ color: Color) throws(XLSXError) {
    try requireOpen()
    worksheet_set_tab_color(pointer, color.lxw)
  }

  /// Prints in landscape orientation.
  public func setLandscape() throws(XLSXError) {
    try requireOpen()
    worksheet_set_landscape(pointer)
  }

  /// Scales the printout to fit `width` pages across and `height` pages down (0: as many as
  /// needed).
  public func fitToPages(width: Int, height: Int) throws(XLSXError) {
    try requireOpen()
    guard (0...Int(UInt16.max)).contains(width), (0...Int(UInt16.max)).contains(height) else {
      throw error(.invalidArgument, nil, "cannot fit to \(width) × \(height) pages")
    }
    worksheet_fit_to_pages(pointer, UInt16(width), UInt16(height))
  }

  /// Repeats `rows` (0-based) at the top of every printed page.
  public func repeatRows(_ rows: ClosedRange<Int>) throws(XLSXError) {
    try checkRange(CellRange(firstRow: rows.lowerBound, firstColumn: 0, lastRow: rows.upperBound, lastColumn: 0))
    try check(
      worksheet_repeat_rows(pointer, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)), "worksheet_repeat_rows",
      path: workbook.path, sheet: name)
  }
}
