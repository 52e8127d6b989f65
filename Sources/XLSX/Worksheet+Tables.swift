internal import CXlsxWriter

/// One column of an Excel table.
public struct TableColumn {
  /// How the total row summarises a column.
  public enum Total: Hashable, Sendable {
    case average, count, countNumbers, maximum, minimum, standardDeviation, sum, variance
    /// A text label, such as "Total".
    case label(String)
  }

  /// The header text, unique in the table ignoring case, 1 to 255 characters.
  public var header: String
  /// The format of the column's data cells (used by Excel when the table grows).
  public var format: Format?
  /// The format of the header cell.
  public var headerFormat: Format?
  /// What the total row shows under this column (with ``TableOptions/hasTotalRow``).
  public var total: Total?
  /// The value of the total's formula, stored so that viewers which do not recalculate (and
  /// LibreOffice, which keeps stored results) show it; compute it as the function would.
  public var totalResult: Double

  public init(
    _ header: String, format: Format? = nil, headerFormat: Format? = nil, total: Total? = nil, totalResult: Double = 0
  ) {
    self.header = header
    self.format = format
    self.headerFormat = headerFormat
    self.total = total
    self.totalResult = totalResult
  }
}

/// The look and behaviour of an Excel table.
public struct TableOptions {
  /// Built-in table styles (Table Design ▸ Table Styles).
  public enum Style: Hashable, Sendable {
    /// `TableStyleLightN`, N in 1...21.
    case light(Int)
    /// `TableStyleMediumN`, N in 1...28. `.medium(9)` is Excel's default.
    case medium(Int)
    /// `TableStyleDarkN`, N in 1...11.
    case dark(Int)
  }

  /// The table's name for formulas (`=SUM(Observations[value])`): ASCII letters, digits, `_`
  /// and `.`, starting with a letter or `_`, not like a cell reference, unique in the workbook.
  /// `nil` gives `Table1`, `Table2`...
  public var name: String?
  /// One entry per column of the range; empty for `Column1`, `Column2`...
  public var columns: [TableColumn]
  public var style: Style
  /// Whether the first row of the range is a header row (written from ``columns``).
  public var hasHeaderRow: Bool
  /// Whether the header has filter buttons.
  public var hasAutofilter: Bool
  public var hasBandedRows: Bool
  public var hasBandedColumns: Bool
  public var emphasisesFirstColumn: Bool
  public var emphasisesLastColumn: Bool
  /// Whether the last row of the range is a total row (see ``TableColumn/total``).
  public var hasTotalRow: Bool

  public init(
    name: String? = nil, columns: [TableColumn] = [], style: Style = .medium(9), hasHeaderRow: Bool = true,
    hasAutofilter: Bool = true, hasBandedRows: Bool = true, hasBandedColumns: Bool = false,
    emphasisesFirstColumn: Bool = false, emphasisesLastColumn: Bool = false, hasTotalRow: Bool = false
  ) {
    self.name = name
    self.columns = columns
    self.style = style
    self.hasHeaderRow = hasHeaderRow
    self.hasAutofilter = hasAutofilter
    self.hasBandedRows = hasBandedRows
    self.hasBandedColumns = hasBandedColumns
    self.emphasisesFirstColumn = emphasisesFirstColumn
    self.emphasisesLastColumn = emphasisesLastColumn
    self.hasTotalRow = hasTotalRow
  }
}

extension Worksheet {
  /// Makes `range` an Excel table: a header row with filter buttons, banded rows, a name for
  /// formulas. The header cells are written from the column headers (as text); write the data
  /// cells with the ordinary `write` methods, before or after.
  ///
  /// Not available in constant-memory mode (libxlsxwriter cannot write tables there); use
  /// ``setAutofilter(_:)`` and ``freezePanes(rows:columns:)`` on such sheets.
  /// - Parameters:
  ///   - range: the whole table, header and total rows included; at least one data row.
  ///   - options: name, columns, style.
  /// - Throws: ``XLSXError/Kind-swift.enum/unsupportedInConstantMemory``,
  ///   ``XLSXError/Kind-swift.enum/overlappingRange`` when `range` overlaps another table, a
  ///   merged range or the autofilter, and ``XLSXError/Kind-swift.enum/invalidArgument`` for a bad
  ///   name, style, header or column count.
  public func addTable(_ range: CellRange, options: TableOptions = TableOptions()) throws(XLSXError) {
    try checkRange(range)
    let at = range.description
    guard !isConstantMemory else {
      throw error(
        .unsupportedInConstantMemory, at, "libxlsxwriter cannot write tables in constant-memory mode",
        hint: "use setAutofilter(_:) and freezePanes(rows:) for this sheet, or a workbook without constantMemory")
    }
    let dataRows = range.rowCount - (options.hasHeaderRow ? 1 : 0) - (options.hasTotalRow ? 1 : 0)
    guard dataRows >= 1 else { throw error(.invalidArgument, at, "a table needs at least one data row") }
    if let other = tableRanges.first(where: range.overlaps) {
      throw error(.overlappingRange, at, "the table overlaps the table at \(other)")
    }
    if let merged = mergedRanges.first(where: range.overlaps) {
      throw error(.overlappingRange, at, "the table overlaps the merged range \(merged)")
    }
    if let filter = autofilterRange, filter.overlaps(range) {
      throw error(.overlappingRange, at, "the table overlaps the sheet's autofilter at \(filter)")
    }
    try checkTableColumns(options.columns, count: range.columnCount, at: at)
    if let problem = options.style.problem { throw error(.invalidArgument, at, problem) }
    var tableName: String?
    if let name = options.name {
      if let problem = Self.tableNameProblem(name) {
        throw error(.invalidArgument, at, "the table name \(XLSXError.quoted(name)) \(problem)")
      }
      guard !workbook.tableNames.contains(name.lowercased()) else {
        throw error(.invalidArgument, at, "the workbook already has a table named \(XLSXError.quoted(name))")
      }
      tableName = name
    }
    try addCheckedTable(range, options: options, name: tableName)
  }

  private func addCheckedTable(_ range: CellRange, options: TableOptions, name: String?) throws(XLSXError) {
    var strings = CStrings()
    defer { strings.free() }
    var columns: [lxw_table_column] = []
    for column in options.columns {
      var c = lxw_table_column()
      c.header = strings.copy(column.header)
      c.format = try workbook.pointer(of: column.format, sheet: self.name, cell: range.description)
      c.header_format = try workbook.pointer(of: column.headerFormat, sheet: self.name, cell: range.description)
      switch column.total {
      case .label(let text)?: c.total_string = strings.copy(text)
      case let function?:
        guard column.totalResult.isFinite else {
          throw error(.nonFiniteNumber, range.description, "the total of \(XLSXError.quoted(column.header)) is not finite")
        }
        c.total_function = function.lxw
        c.total_value = column.totalResult
      case nil: break
      }
      columns.append(c)
    }
    var table = lxw_table_options()
    table.name = strings.copy(name)
    table.no_header_row = options.hasHeaderRow ? 0 : 1
    table.no_autofilter = options.hasAutofilter ? 0 : 1
    table.no_banded_rows = options.hasBandedRows ? 0 : 1
    table.banded_columns = options.hasBandedColumns ? 1 : 0
    table.first_column = options.emphasisesFirstColumn ? 1 : 0
    table.last_column = options.emphasisesLastColumn ? 1 : 0
    table.total_row = options.hasTotalRow ? 1 : 0
    (table.style_type, table.style_type_number) = options.style.lxw
    let storage = UnsafeMutablePointer<lxw_table_column>.allocate(capacity: max(columns.count, 1))
    storage.initialize(from: columns, count: columns.count)
    defer {
      storage.deinitialize(count: columns.count)
      storage.deallocate()
    }
    var list: [UnsafeMutablePointer<lxw_table_column>?] = (0..<columns.count).map { storage + $0 }
    list.append(nil)  // libxlsxwriter reads the column list up to a NULL
    let code = list.withUnsafeMutableBufferPointer { list in
      table.columns = columns.isEmpty ? nil : list.baseAddress
      return worksheet_add_table(
        pointer, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
        lxw_col_t(range.lastColumn), &table)
    }
    try check(code, "worksheet_add_table", path: workbook.path, sheet: self.name, cell: range.description)
    tableRanges.append(range)
    if let name { workbook.tableNames.insert(name.lowercased()) }
  }

  private func checkTableColumns(_ columns: [TableColumn], count: Int, at: String) throws(XLSXError) {
    guard !columns.isEmpty else { return }
    guard columns.count == count else {
      throw error(.invalidArgument, at, "the table has \(count) columns but \(columns.count) column descriptions")
    }
    var seen: Set<String> = []
    for column in columns {
      let header = column.header
      guard !header.isEmpty, header.utf16.count <= 255, !header.utf8.contains(0) else {
        throw error(.invalidArgument, at, "the table header \(XLSXError.quoted(header)) must have 1 to 255 characters")
      }
      guard seen.insert(header.lowercased()).inserted else {
        throw error(
          .invalidArgument, at, "the table has two columns named \(XLSXError.quoted(header))",
          hint: "Excel needs table headers that differ ignoring case")
      }
      if case .label(let text)? = column.total, text.utf16.count > 255 || text.utf8.contains(0) {
        throw error(.invalidArgument, at, "the total label \(XLSXError.quoted(text)) must have at most 255 characters")
      }
    }
  }

  /// Why Excel refuses `name` for a table, or `nil`. The rules of libxlsxwriter's own check
  /// (which prints a warning instead of failing quietly), made strict: ASCII only.
  static func tableNameProblem(_ name: String) -> String? {
    let scalars = Array(name.unicodeScalars)
    guard let first = scalars.first else { return "is empty" }
    if scalars.count > 255 { return "is longer than 255 characters" }
    func isLetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
    // Excel also allows a leading backslash; libxlsxwriter 1.1.4 does not.
    guard isLetter(first) || first == "_" else { return "must start with a letter or an underscore" }
    guard scalars.allSatisfy({ isLetter($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }) else {
      return "may hold only ASCII letters, digits, underscores and periods"
    }
    let upper = name.uppercased()
    if upper == "R" || upper == "C" { return "is reserved (R and C mean row and column)" }
    let letters = upper.prefix { ("A"..."Z").contains($0) }
    let rest = upper.dropFirst(letters.count)
    if (1...3).contains(letters.count), !rest.isEmpty, rest.allSatisfy({ ("0"..."9").contains($0) }) {
      return "reads as a cell reference"
    }
    if upper.first == "R", upper.dropFirst().allSatisfy({ ("0"..."9").contains($0) || $0 == "C" }) {
      return "reads as an R1C1 reference"
    }
    return nil
  }
}

extension TableColumn.Total {
  var lxw: UInt8 {
    let function: lxw_table_total_functions =
      switch self {
      case .average: LXW_TABLE_FUNCTION_AVERAGE
      case .count: LXW_TABLE_FUNCTION_COUNT
      case .countNumbers: LXW_TABLE_FUNCTION_COUNT_NUMS
      case .maximum: LXW_TABLE_FUNCTION_MAX
      case .minimum: LXW_TABLE_FUNCTION_MIN
      case .standardDeviation: LXW_TABLE_FUNCTION_STD_DEV
      case .sum: LXW_TABLE_FUNCTION_SUM
      case .variance: LXW_TABLE_FUNCTION_VAR
      case .label: LXW_TABLE_FUNCTION_NONE
      }
    return UInt8(function.rawValue)
  }
}

extension TableOptions.Style {
  var problem: String? {
    switch self {
    case .light(let n) where !(1...21).contains(n): "there is no table style Light\(n) (1...21)"
    case .medium(let n) where !(1...28).contains(n): "there is no table style Medium\(n) (1...28)"
    case .dark(let n) where !(1...11).contains(n): "there is no table style Dark\(n) (1...11)"
    default: nil
    }
  }

  var lxw: (UInt8, UInt8) {
    switch self {
    case .light(let n): (UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue), UInt8(n))
    case .medium(let n): (UInt8(LXW_TABLE_STYLE_TYPE_MEDIUM.rawValue), UInt8(n))
    case .dark(let n): (UInt8(LXW_TABLE_STYLE_TYPE_DARK.rawValue), UInt8(n))
    }
  }
}
