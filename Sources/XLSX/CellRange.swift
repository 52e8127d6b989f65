/// Excel's sheet size: rows and columns are 0-based in code, so valid rows are
/// `0..<maxRows` and valid columns `0..<maxColumns`.
public enum SheetLimits {
  /// 1,048,576 rows.
  public static let maxRows = 1_048_576
  /// 16,384 columns (A...XFD).
  public static let maxColumns = 16_384
  /// The characters a cell can hold: 32,767.
  public static let maxTextLength = 32_767
  /// The characters of a formula: 8,192.
  public static let maxFormulaLength = 8_192
  /// The characters of a sheet name: 31.
  public static let maxSheetNameLength = 31
}

/// A rectangle of cells, 0-based and inclusive at both ends.
///
/// ```swift
/// let header = CellRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 14)
/// header.description  // "A1:O1"
/// ```
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
  public var firstRow: Int
  public var firstColumn: Int
  public var lastRow: Int
  public var lastColumn: Int

  /// A range from its corners (0-based, inclusive). Corners given in the wrong order are an
  /// error reported when the range is used.
  public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
    self.firstRow = firstRow
    self.firstColumn = firstColumn
    self.lastRow = lastRow
    self.lastColumn = lastColumn
  }

  /// The range of one cell.
  public init(row: Int, column: Int) {
    self.init(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column)
  }

  /// Rows `rows` of columns `columns`.
  public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
    self.init(firstRow: rows.lowerBound, firstColumn: columns.lowerBound, lastRow: rows.upperBound, lastColumn: columns.upperBound)
  }

  public var rowCount: Int { lastRow - firstRow + 1 }
  public var columnCount: Int { lastColumn - firstColumn + 1 }

  /// Whether the two ranges share at least one cell.
  public func overlaps(_ other: CellRange) -> Bool {
    firstRow <= other.lastRow && other.firstRow <= lastRow && firstColumn <= other.lastColumn
      && other.firstColumn <= lastColumn
  }

  /// Whether the range lies inside the sheet with its corners in order.
  var isValid: Bool {
    firstRow >= 0 && firstColumn >= 0 && firstRow <= lastRow && firstColumn <= lastColumn
      && lastRow < SheetLimits.maxRows && lastColumn < SheetLimits.maxColumns
  }

  /// `A1:C9`, or `B4` for a single cell.
  public var description: String {
    let first = Self.cellName(row: firstRow, column: firstColumn)
    if firstRow == lastRow && firstColumn == lastColumn { return first }
    return first + ":" + Self.cellName(row: lastRow, column: lastColumn)
  }

  /// The reference for a formula, `$A$1:$C$9` (absolute) or `A1:C9`, prefixed with the sheet
  /// when one is given: `'Key figures'!$A$1:$C$9`.
  /// - Parameters:
  ///   - sheet: the sheet's name, quoted when Excel needs it; `nil` for the formula's own sheet.
  ///   - absolute: whether rows and columns get `$`.
  /// - Returns: the reference text.
  public func reference(sheet: String? = nil, absolute: Bool = true) -> String {
    let dollar = absolute ? "$" : ""
    func cell(_ row: Int, _ column: Int) -> String {
      dollar + Self.columnName(column) + dollar + String(row + 1)
    }
    var text = cell(firstRow, firstColumn)
    if firstRow != lastRow || firstColumn != lastColumn { text += ":" + cell(lastRow, lastColumn) }
    guard let sheet else { return text }
    return Self.quotedSheetName(sheet) + "!" + text
  }

  /// The letters of a 0-based column: 0 is `A`, 25 is `Z`, 26 is `AA`, 16,383 is `XFD`.
  /// - Complexity: O(log₂₆ column).
  public static func columnName(_ column: Int) -> String {
    precondition(column >= 0 && column < Int.max, "column must be 0..<Int.max")
    var letters: [UInt8] = []
    var n = column + 1
    while n > 0 {
      let remainder = (n - 1) % 26
      letters.append(UInt8(ascii: "A") + UInt8(remainder))
      n = (n - 1) / 26
    }
    return String(decoding: letters.reversed(), as: UTF8.self)
  }

  /// The A1 name of a 0-based cell: row 3, column 1 is `B4`. A cell off the sheet is named by
  /// its 0-based indexes, `row 1048576, column 0`.
  public static func cellName(row: Int, column: Int) -> String {
    guard (0..<SheetLimits.maxRows).contains(row), (0..<SheetLimits.maxColumns).contains(column) else {
      return "row \(row), column \(column)"
    }
    return columnName(column) + String(row + 1)
  }

  /// A sheet name as a formula needs it: bare when it is letters, digits and underscores not
  /// starting with a digit (and not like a cell reference), otherwise in apostrophes with inner
  /// apostrophes doubled: `'Key figures'`, `'It''s'`.
  public static func quotedSheetName(_ name: String) -> String {
    if isPlainSheetName(name) { return name }
    return "'" + name.replacing("'", with: "''") + "'"
  }

  private static func isPlainSheetName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first else { return false }
    guard first.properties.isAlphabetic || first == "_" else { return false }
    guard name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) }) else {
      return false
    }
    // Names that read as a cell (A1, XFD10) or R1C1 reference must be quoted.
    let upper = name.uppercased()
    let letters = upper.prefix { ("A"..."Z").contains($0) }
    let digits = upper.dropFirst(letters.count)
    if !letters.isEmpty && letters.count <= 3 && !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) {
      return false
    }
    if upper.first == "R" || upper.first == "C" {
      let rest = upper.dropFirst()
      if rest.isEmpty || rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "C" || $0 == "R") }) { return false }
    }
    return true
  }
}
