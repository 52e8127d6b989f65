internal import CXlsxWriter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An Excel formula, written by the program (never taken from input data): `=SUM(B2:B9)`.
/// The leading `=` is optional.
///
/// Text that comes from input files goes through ``Worksheet/write(_:row:column:format:)-(String,_,_,_)``
/// instead, which always stores it as text, so a cell reading `=HYPERLINK(...)` in a CSV file never
/// becomes a live formula (spreadsheet formula injection).
public struct Formula: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  public let text: String

  public init(_ text: String) { self.text = text }
  public init(stringLiteral text: String) { self.text = text }

  public var description: String { text.hasPrefix("=") ? text : "=" + text }

  /// Why Excel cannot take this formula, or `nil` when it can.
  var problem: String? {
    let body = text.hasPrefix("=") ? text.dropFirst() : Substring(text)
    if body.isEmpty { return "the formula is empty" }
    if text.utf8.contains(0) { return "the formula contains a NUL character" }
    if body.utf16.count > SheetLimits.maxFormulaLength {
      return "the formula has \(body.utf16.count) characters, more than Excel's \(SheetLimits.maxFormulaLength)"
    }
    return nil
  }
}

/// One cell's content, for writing rows of mixed values.
public enum CellValue: Hashable, Sendable {
  case number(Double)
  /// Always stored as text, even when it starts with `=`, `+`, `-` or `@`.
  case text(String)
  case date(DateTime)
  case boolean(Bool)
  /// An empty cell (written only when it has a format).
  case blank
  /// A formula with the result the program computed, shown until the spreadsheet recalculates.
  case formula(Formula, result: Double)
  /// A formula whose result is text.
  case textFormula(Formula, result: String)
}

/// One sheet of a ``Workbook``: cells, layout, tables, conditional formats, validation, charts.
///
/// Rows and columns are 0-based (`row: 3, column: 1` is `B4`). Every call checks its arguments
/// before libxlsxwriter sees them, so the C library never prints warnings of its own; a
/// problem throws ``XLSXError`` naming the sheet and cell.
///
/// In constant-memory mode (``WorkbookOptions/constantMemory``) rows must be written top to
/// bottom: within a row, columns may come in any order, but once row *n* + 1 is started, row *n*
/// is on disk.
public final class Worksheet {
  /// The workbook, kept alive by its sheets.
  public let workbook: Workbook
  let pointer: UnsafeMutablePointer<lxw_worksheet>
  /// The tab's name.
  public let name: String
  /// 0-based position among the workbook's sheets.
  public let index: Int
  let isConstantMemory: Bool
  let nonFiniteNumbers: NonFiniteNumberPolicy
  /// In constant-memory mode, the first row that may still be written.
  public private(set) var currentRow = 0
  var mergedRanges: [CellRange] = []
  var tableRanges: [CellRange] = []
  var autofilterRange: CellRange?

  init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_worksheet>, name: String, index: Int) {
    self.workbook = workbook
    self.pointer = pointer
    self.name = name
    self.index = index
    self.isConstantMemory = workbook.options.constantMemory
    self.nonFiniteNumbers = workbook.options.nonFiniteNumbers
  }

  // MARK: Checks

  func error(_ kind: XLSXError.Kind, _ cell: String?, _ message: String, hint: String? = nil) -> XLSXError {
    XLSXError(kind, path: workbook.path, sheet: name, cell: cell, message: message, hint: hint)
  }

  @inline(__always)
  func requireOpen() throws(XLSXError) {
    guard workbook.handle != nil else {
      throw error(.workbookClosed, nil, "the workbook is already closed")
    }
  }

  /// Checks that a cell may be written now and, in constant-memory mode, moves the current row
  /// to it. Call it after every other check, right before the C call.
  @inline(__always)
  func claim(row: Int, column: Int) throws(XLSXError) -> (lxw_row_t, lxw_col_t) {
    try requireOpen()
    guard UInt(bitPattern: row) < UInt(SheetLimits.maxRows), UInt(bitPattern: column) < UInt(SheetLimits.maxColumns) else {
      throw outOfRange(row: row, column: column)
    }
    if isConstantMemory {
      guard row >= currentRow else { throw outOfOrder(row: row, column: column) }
      currentRow = row
    }
    return (lxw_row_t(row), lxw_col_t(column))
  }

  func outOfRange(row: Int, column: Int) -> XLSXError {
    error(
      .cellOutOfRange, nil, "row \(row), column \(column) (0-based) is outside the sheet",
      hint: "rows are 0..<\(SheetLimits.maxRows) and columns 0..<\(SheetLimits.maxColumns)")
  }

  func outOfOrder(row: Int, column: Int) -> XLSXError {
    error(
      .rowOutOfOrder, CellRange.cellName(row: row, column: column),
      "row \(row + 1) comes after row \(currentRow + 1) was started; in constant-memory mode rows are written top to bottom",
      hint: "write rows in order, or create the workbook without constantMemory")
  }

  /// Checks that a range lies on the sheet with its corners in order.
  func checkRange(_ range: CellRange) throws(XLSXError) {
    try requireOpen()
    guard range.isValid else {
      let shown = range.firstRow >= 0 && range.firstColumn >= 0 && range.lastRow >= 0 && range.lastColumn >= 0 ? range.description : nil
      throw error(
        .cellOutOfRange, shown,
        "range rows \(range.firstRow)...\(range.lastRow), columns \(range.firstColumn)...\(range.lastColumn) (0-based) is not on the sheet",
        hint: "corners go top-left then bottom-right; rows are 0..<\(SheetLimits.maxRows), columns 0..<\(SheetLimits.maxColumns)")
    }
  }

  @inline(__always)
  func formatPointer(_ format: Format?, row: Int, column: Int) throws(XLSXError) -> UnsafeMutablePointer<lxw_format>? {
    try workbook.pointer(of: format, sheet: name, cell: CellRange.cellName(row: row, column: column))
  }

  // MARK: Numbers

  /// Writes a number.
  ///
  /// NaN and ±∞ follow ``WorkbookOptions/nonFiniteNumbers``: rejected, left blank, or written as
  /// the text `NaN`, `Infinity`, `-Infinity`.
  /// - Parameters:
  ///   - number: the value, stored as an IEEE double (Excel shows 15 significant digits).
  ///   - row: 0-based row.
  ///   - column: 0-based column.
  ///   - format: how to show it (`0.0%` for a proportion); `nil` is General.
  /// - Throws: ``XLSXError`` for a cell off the sheet, a row out of order in constant-memory
  ///   mode, a non-finite number with ``NonFiniteNumberPolicy/reject``, a foreign format, or a
  ///   closed workbook.
  public func write(_ number: Double, row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    guard number.isFinite else {
      return try writeNonFinite(number, row: row, column: column, format: format)
    }
    let cFormat = try formatPointer(format, row: row, column: column)
    let (r, c) = try claim(row: row, column: column)
    try check(
      worksheet_write_number(pointer, r, c, number, cFormat), "worksheet_write_number", path: workbook.path, sheet: name,
      cell: CellRange.cellName(row: row, column: column))
  }

  /// Writes an integer as a number. Integers beyond ±2⁵³ are rounded to the nearest double, as
  /// Excel stores every number as a double.
  public func write(_ number: Int, row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    try write(Double(number), row: row, column: column, format: format)
  }

  private func writeNonFinite(_ number: Double, row: Int, column: Int, format: Format?) throws(XLSXError) {
    switch nonFiniteNumbers {
    case .reject:
      throw error(
        .nonFiniteNumber, CellRange.cellName(row: row, column: column), "\(number) cannot be stored as a number in a cell",
        hint: "choose WorkbookOptions.nonFiniteNumbers = .blank or .text, or leave the cell out")
    case .blank:
      try writeBlank(row: row, column: column, format: format)
    case .text:
      try write(number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity", row: row, column: column, format: format)
    }
  }

  // MARK: Text

  /// Writes text. The text is always stored as a string: a value like `=1+1`, `+44 20`,
  /// `-3` or `@SUM(A1)` stays text and is never evaluated (no formula injection), and a literal
  /// `_x0041_` is protected so that Excel shows it as typed rather than decoding it.
  ///
  /// An empty string leaves the cell empty.
  /// - Parameters:
  ///   - text: at most 32,767 characters (UTF-16 code units, as Excel counts), without NUL.
  ///   - row: 0-based row.
  ///   - column: 0-based column.
  ///   - format: how to show it; `nil` is General.
  /// - Throws: ``XLSXError/Kind-swift.enum/textTooLong``, ``XLSXError/Kind-swift.enum/invalidText``,
  ///   or the errors of any write.
  /// - Complexity: O(length of `text`).
  public func write(_ text: String, row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    let cFormat = try formatPointer(format, row: row, column: column)
    switch TextCheck(text) {
    case .plain:
      let (r, c) = try claim(row: row, column: column)
      let code = text.withCString { worksheet_write_string(pointer, r, c, $0, cFormat) }
      try check(code, "worksheet_write_string", path: workbook.path, sheet: name, cell: CellRange.cellName(row: row, column: column))
    case .needsEscaping:
      let escaped = TextCheck.escapingLiteralEscapes(text)
      guard escaped.unicodeScalars.count <= SheetLimits.maxTextLength else {
        throw textTooLong(text, row: row, column: column)
      }
      let (r, c) = try claim(row: row, column: column)
      let code = escaped.withCString { worksheet_write_string(pointer, r, c, $0, cFormat) }
      try check(code, "worksheet_write_string", path: workbook.path, sheet: name, cell: CellRange.cellName(row: row, column: column))
    case .tooLong:
      throw textTooLong(text, row: row, column: column)
    case .containsNUL:
      throw error(
        .invalidText, CellRange.cellName(row: row, column: column),
        "the text \(XLSXError.quoted(text)) contains a NUL character, which an .xlsx file cannot hold",
        hint: "remove NUL characters from the input")
    }
  }

  private func textTooLong(_ text: String, row: Int, column: Int) -> XLSXError {
    error(
      .textTooLong, CellRange.cellName(row: row, column: column),
      "text of \(text.utf16.count) characters is longer than the \(SheetLimits.maxTextLength) a cell can hold",
      hint: "shorten the text, or split it over several cells")
  }

  // MARK: Other values

  /// Writes a date (and time), shown with `format` or, when `format` is `nil`, with the
  /// workbook's `yyyy-mm-dd` (or `yyyy-mm-dd hh:mm:ss`) format, so that it is never a bare serial
  /// number.
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidDate`` for a date outside 1900...9999 or with an
  ///   impossible field, or the errors of any write.
  public func write(_ date: DateTime, row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    if let problem = date.problem {
      throw error(.invalidDate, CellRange.cellName(row: row, column: column), "cannot write the date \(date): \(problem)")
    }
    var chosen = format
    if chosen == nil {
      chosen = try workbook.format(CellStyle(numberFormat: date.hasTime ? "yyyy-mm-dd hh:mm:ss" : "yyyy-mm-dd"))
    }
    let cFormat = try formatPointer(chosen, row: row, column: column)
    let (r, c) = try claim(row: row, column: column)
    var value = date.lxw
    try check(
      worksheet_write_datetime(pointer, r, c, &value, cFormat), "worksheet_write_datetime", path: workbook.path, sheet: name,
      cell: CellRange.cellName(row: row, column: column))
  }

  /// Writes `TRUE` or `FALSE`.
  public func write(_ value: Bool, row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    let cFormat = try formatPointer(format, row: row, column: column)
    let (r, c) = try claim(row: row, column: column)
    try check(
      worksheet_write_boolean(pointer, r, c, value ? 1 : 0, cFormat), "worksheet_write_boolean", path: workbook.path,
      sheet: name, cell: CellRange.cellName(row: row, column: column))
  }

  /// Writes an empty cell that carries a format (a bordered gap, a shaded missing value). Without
  /// a format there is nothing to write and the call only checks the cell.
  public func writeBlank(row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    let cFormat = try formatPointer(format, row: row, column: column)
    let (r, c) = try claim(row: row, column: column)
    guard cFormat != nil else { return }
    try check(
      worksheet_write_blank(pointer, r, c, cFormat), "worksheet_write_blank", path: workbook.path, sheet: name,
      cell: CellRange.cellName(row: row, column: column))
  }

  /// Writes a formula with the numeric result the program computed. Spreadsheets show the stored
  /// result until they recalculate, and viewers that cannot calculate show only it, so it should
  /// be the formula's true value.
  /// - Parameters:
  ///   - formula: the formula, from the program, never from input data.
  ///   - result: the value of the formula; non-finite results follow
  ///     ``WorkbookOptions/nonFiniteNumbers`` (`.blank` and `.text` store an empty text result,
  ///     which makes the spreadsheet recalculate).
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidArgument`` for an empty or over-long formula, or
  ///   the errors of any write.
  public func write(_ formula: Formula, result: Double, row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    if !result.isFinite {
      if nonFiniteNumbers == .reject {
        throw error(
          .nonFiniteNumber, CellRange.cellName(row: row, column: column), "the result \(result) of \(formula) cannot be stored",
          hint: "choose WorkbookOptions.nonFiniteNumbers = .blank or .text to store no result")
      }
      return try write(formula, result: "", row: row, column: column, format: format)
    }
    try checkFormula(formula, row: row, column: column)
    let cFormat = try formatPointer(format, row: row, column: column)
    let (r, c) = try claim(row: row, column: column)
    let code = formula.text.withCString { worksheet_write_formula_num(pointer, r, c, $0, cFormat, result) }
    try check(code, "worksheet_write_formula_num", path: workbook.path, sheet: name, cell: CellRange.cellName(row: row, column: column))
  }

  /// Writes a formula whose result is text, with that result stored.
  public func write(_ formula: Formula, result: String, row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    try checkFormula(formula, row: row, column: column)
    guard case .plain = TextCheck(result) else {
      throw error(
        .invalidText, CellRange.cellName(row: row, column: column),
        "the stored result of \(formula) must be plain text under 32,768 characters")
    }
    let cFormat = try formatPointer(format, row: row, column: column)
    let (r, c) = try claim(row: row, column: column)
    let code = formula.text.withCString { f in
      result.withCString { worksheet_write_formula_str(pointer, r, c, f, cFormat, $0) }
    }
    try check(code, "worksheet_write_formula_str", path: workbook.path, sheet: name, cell: CellRange.cellName(row: row, column: column))
  }

  func checkFormula(_ formula: Formula, row: Int, column: Int) throws(XLSXError) {
    if let problem = formula.problem {
      throw error(.invalidArgument, CellRange.cellName(row: row, column: column), problem)
    }
  }

  /// Writes any ``CellValue``.
  public func write(_ value: CellValue, row: Int, column: Int, format: Format? = nil) throws(XLSXError) {
    switch value {
    case .number(let number): try write(number, row: row, column: column, format: format)
    case .text(let text): try write(text, row: row, column: column, format: format)
    case .date(let date): try write(date, row: row, column: column, format: format)
    case .boolean(let flag): try write(flag, row: row, column: column, format: format)
    case .blank: try writeBlank(row: row, column: column, format: format)
    case .formula(let formula, let result): try write(formula, result: result, row: row, column: column, format: format)
    case .textFormula(let formula, let result): try write(formula, result: result, row: row, column: column, format: format)
    }
  }

  /// Writes values left to right from `column`, each with the format at the same position of
  /// `formats` (missing or `nil` entries: General).
  /// - Complexity: O(values).
  public func writeRow(_ values: [CellValue], row: Int, column: Int = 0, formats: [Format?] = []) throws(XLSXError) {
    for (offset, value) in values.enumerated() {
      try write(value, row: row, column: column + offset, format: offset < formats.count ? formats[offset] : nil)
    }
  }
}

/// What writing a string needs: nothing, protection of literal `_xHHHH_` sequences, or refusal.
enum TextCheck {
  case plain, needsEscaping, tooLong, containsNUL

  /// Scans the UTF-8 of `text` once.
  /// - Complexity: O(length of `text`); memchr-fast for native strings.
  init(_ text: String) {
    if let result = text.utf8.withContiguousStorageIfAvailable(Self.scan) {
      self = result
    } else {
      self = ContiguousArray(text.utf8).withUnsafeBufferPointer(Self.scan)
    }
    if self != .containsNUL && text.utf8.count > SheetLimits.maxTextLength && text.utf16.count > SheetLimits.maxTextLength {
      self = .tooLong
    }
  }

  private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> TextCheck {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return .plain }
    if memchr(base, 0, bytes.count) != nil { return .containsNUL }
    var from = 0
    while from < bytes.count,
      let found = memchr(base + from, Int32(UInt8(ascii: "_")), bytes.count - from)
    {
      let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if isLiteralEscape(bytes, at: at) { return .needsEscaping }
      from = at + 1
    }
    return .plain
  }

  /// Whether `_xHHHH_` (H a hexadecimal digit, either case) starts at `at`: the sequence Excel
  /// decodes as the character U+HHHH in any string.
  static func isLiteralEscape(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
    guard at + 7 <= bytes.count, bytes[at] == UInt8(ascii: "_"), bytes[at + 1] == UInt8(ascii: "x"),
      bytes[at + 6] == UInt8(ascii: "_")
    else { return false }
    for i in (at + 2)...(at + 5) {
      let b = bytes[i]
      let isHex =
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
        || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(b)
      if !isHex { return false }
    }
    return true
  }

  /// `text` with the `_` that opens each `_xHHHH_` written as `_x005F_`, which Excel decodes back
  /// to `_`, so the cell shows exactly `text`.
  static func escapingLiteralEscapes(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    bytes.withUnsafeBufferPointer { buffer in
      for i in 0..<buffer.count {
        if isLiteralEscape(buffer, at: i) {
          out.append(contentsOf: "_x005F_".utf8)
        } else {
          out.append(buffer[i])
        }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
