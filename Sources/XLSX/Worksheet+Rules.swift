internal import CXlsxWriter

/// A conditional format: a rule that restyles cells by their value, evaluated by the spreadsheet.
public enum ConditionalFormat {
  /// How a cell's value is compared with a number.
  public enum Comparison: Hashable, Sendable {
    case equal, notEqual, greaterThan, lessThan, greaterThanOrEqual, lessThanOrEqual
  }

  /// Cells whose number compares so with `value`.
  case cell(Comparison, Double, format: Format)
  /// Cells whose number lies in `lower...upper`.
  case between(Double, Double, format: Format)
  /// Cells whose text equals `text` exactly, ignoring case as Excel does (a status word such as
  /// "Improving"). The text is quoted safely; it is never read as a formula.
  case textEquals(String, format: Format)
  /// Cells whose text contains `text`.
  case textContains(String, format: Format)
  /// Cells for which `formula` is true, written relative to the range's top-left cell
  /// (`=$C2>$D2`).
  case formula(Formula, format: Format)
  /// Empty cells.
  case blanks(format: Format)
  /// A colour scale from the lowest to the highest value.
  case twoColorScale(minimum: Color, maximum: Color)
  /// A colour scale through the 50th percentile.
  case threeColorScale(minimum: Color, midpoint: Color, maximum: Color)
  /// A bar in each cell proportional to its value.
  case dataBar(Color)
}

extension ConditionalFormat.Comparison {
  var lxw: UInt8 {
    let criteria: lxw_conditional_criteria =
      switch self {
      case .equal: LXW_CONDITIONAL_CRITERIA_EQUAL_TO
      case .notEqual: LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO
      case .greaterThan: LXW_CONDITIONAL_CRITERIA_GREATER_THAN
      case .lessThan: LXW_CONDITIONAL_CRITERIA_LESS_THAN
      case .greaterThanOrEqual: LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO
      case .lessThanOrEqual: LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO
      }
    return UInt8(criteria.rawValue)
  }
}

/// The messages of a data validation: a prompt when the cell is selected, an alert when a value
/// is refused.
public struct ValidationMessages: Hashable, Sendable {
  /// At most 32 characters.
  public var inputTitle: String?
  /// At most 255 characters.
  public var inputMessage: String?
  /// At most 32 characters.
  public var errorTitle: String?
  /// At most 255 characters.
  public var errorMessage: String?

  public init(inputTitle: String? = nil, inputMessage: String? = nil, errorTitle: String? = nil, errorMessage: String? = nil) {
    self.inputTitle = inputTitle
    self.inputMessage = inputMessage
    self.errorTitle = errorTitle
    self.errorMessage = errorMessage
  }

  var problem: String? {
    for (label, text, limit) in [
      ("input title", inputTitle, 32), ("input message", inputMessage, 255), ("error title", errorTitle, 32),
      ("error message", errorMessage, 255),
    ] {
      if let text, text.utf16.count > limit || text.utf8.contains(0) {
        return "the \(label) has more than Excel's \(limit) characters"
      }
    }
    return nil
  }
}

extension Worksheet {
  // MARK: Conditional formats

  /// Applies a conditional format to `range`. Several rules may cover the same cells; Excel
  /// applies them in the order added.
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidArgument`` for a text over 255 characters, an
  ///   empty formula, non-finite bounds or a foreign format, and
  ///   ``XLSXError/Kind-swift.enum/cellOutOfRange``.
  public func addConditionalFormat(_ rule: ConditionalFormat, to range: CellRange) throws(XLSXError) {
    try checkRange(range)
    let at = range.description
    var strings = CStrings()
    defer { strings.free() }
    var c = lxw_conditional_format()
    func finite(_ values: Double...) throws(XLSXError) {
      guard values.allSatisfy(\.isFinite) else { throw error(.invalidArgument, at, "a conditional format needs finite numbers") }
    }
    func quoted(_ text: String) throws(XLSXError) -> String {
      guard !text.isEmpty, text.utf16.count <= 255, !text.utf8.contains(0) else {
        throw error(.invalidArgument, at, "the text of a conditional format must have 1 to 255 characters")
      }
      return text
    }
    switch rule {
    case .cell(let comparison, let value, let format):
      try finite(value)
      c.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
      c.criteria = comparison.lxw
      c.value = value
      c.format = try workbook.pointer(of: format, sheet: name, cell: at)
    case .between(let lower, let upper, let format):
      try finite(lower, upper)
      c.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
      c.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_BETWEEN.rawValue)
      c.min_value = Swift.min(lower, upper)
      c.max_value = Swift.max(lower, upper)
      c.format = try workbook.pointer(of: format, sheet: name, cell: at)
    case .textEquals(let text, let format):
      // A string literal in the rule's formula: quotes doubled, so the text cannot end it.
      let literal = "\"" + (try quoted(text)).replacing("\"", with: "\"\"") + "\""
      c.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
      c.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
      c.value_string = strings.copy(literal)
      c.format = try workbook.pointer(of: format, sheet: name, cell: at)
    case .textContains(let text, let format):
      c.type = UInt8(LXW_CONDITIONAL_TYPE_TEXT.rawValue)
      c.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING.rawValue)
      c.value_string = strings.copy(try quoted(text).replacing("\"", with: "\"\""))
      c.format = try workbook.pointer(of: format, sheet: name, cell: at)
    case .formula(let formula, let format):
      if let problem = formula.problem { throw error(.invalidArgument, at, problem) }
      c.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
      c.value_string = strings.copy(formula.text)
      c.format = try workbook.pointer(of: format, sheet: name, cell: at)
    case .blanks(let format):
      c.type = UInt8(LXW_CONDITIONAL_TYPE_BLANKS.rawValue)
      c.format = try workbook.pointer(of: format, sheet: name, cell: at)
    case .twoColorScale(let minimum, let maximum):
      c.type = UInt8(LXW_CONDITIONAL_2_COLOR_SCALE.rawValue)
      c.min_color = minimum.lxw
      c.max_color = maximum.lxw
    case .threeColorScale(let minimum, let midpoint, let maximum):
      c.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
      c.min_color = minimum.lxw
      c.mid_color = midpoint.lxw
      c.max_color = maximum.lxw
    case .dataBar(let color):
      c.type = UInt8(LXW_CONDITIONAL_DATA_BAR.rawValue)
      c.bar_color = color.lxw
    }
    try check(
      worksheet_conditional_format_range(
        pointer, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
        lxw_col_t(range.lastColumn), &c),
      "worksheet_conditional_format_range", path: workbook.path, sheet: name, cell: at)
  }

  // MARK: Data validation

  /// Restricts `range` to the values of a drop-down list.
  /// - Parameters:
  ///   - range: the cells to restrict.
  ///   - values: the choices, each without `,` or `"` (Excel's list syntax cannot carry them),
  ///     at most 255 characters in all with the separating commas.
  ///   - messages: an optional prompt and error alert.
  /// - Throws: ``XLSXError/Kind-swift.enum/invalidArgument`` for an empty or too long list, or a
  ///   choice holding `,` or `"` (use ``addListValidation(_:source:on:messages:)`` for those).
  public func addListValidation(_ range: CellRange, values: [String], messages: ValidationMessages = ValidationMessages())
    throws(XLSXError)
  {
    try checkRange(range)
    let at = range.description
    guard !values.isEmpty else { throw error(.invalidArgument, at, "a validation list needs at least one value") }
    if let bad = values.first(where: { $0.isEmpty || $0.contains(",") || $0.contains("\"") || $0.utf8.contains(0) }) {
      throw error(
        .invalidArgument, at, "the list value \(XLSXError.quoted(bad)) is empty or holds a comma or quote",
        hint: "put the choices in cells and use addListValidation(_:source:on:)")
    }
    let length = values.reduce(values.count - 1) { $0 + $1.utf16.count }
    guard length <= 255 else {
      throw error(
        .invalidArgument, at, "the list has \(length) characters with its commas, more than Excel's 255",
        hint: "put the choices in cells and use addListValidation(_:source:on:)")
    }
    var strings = CStrings()
    defer { strings.free() }
    var list: [UnsafeMutablePointer<CChar>?] = values.map { strings.copy($0) }
    list.append(nil)
    try list.withUnsafeMutableBufferPointer { (list) throws(XLSXError) in
      var validation = lxw_data_validation()
      validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
      validation.value_list = list.baseAddress
      try addValidation(&validation, range: range, messages: messages, strings: &strings)
    }
  }

  /// Restricts `range` to the values held in `source` (a row or column of cells).
  /// - Parameters:
  ///   - range: the cells to restrict.
  ///   - source: the cells holding the choices.
  ///   - sheet: the sheet of `source`; `nil` for this sheet.
  ///   - messages: an optional prompt and error alert.
  public func addListValidation(
    _ range: CellRange, source: CellRange, on sheet: Worksheet? = nil, messages: ValidationMessages = ValidationMessages()
  ) throws(XLSXError) {
    try checkRange(range)
    try checkRange(source)
    if let sheet, sheet.workbook !== workbook {
      throw error(.foreignObject, range.description, "the list's source sheet belongs to another workbook")
    }
    guard source.rowCount == 1 || source.columnCount == 1 else {
      throw error(.invalidArgument, range.description, "a list source must be one row or one column, not \(source)")
    }
    var strings = CStrings()
    defer { strings.free() }
    var validation = lxw_data_validation()
    validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
    validation.value_formula = strings.copy("=" + source.reference(sheet: sheet.map(\.name)))
    try addValidation(&validation, range: range, messages: messages, strings: &strings)
  }

  private func addValidation(
    _ validation: inout lxw_data_validation, range: CellRange, messages: ValidationMessages, strings: inout CStrings
  ) throws(XLSXError) {
    if let problem = messages.problem { throw error(.invalidArgument, range.description, problem) }
    validation.input_title = strings.copy(messages.inputTitle)
    validation.input_message = strings.copy(messages.inputMessage)
    validation.error_title = strings.copy(messages.errorTitle)
    validation.error_message = strings.copy(messages.errorMessage)
    try check(
      worksheet_data_validation_range(
        pointer, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn), lxw_row_t(range.lastRow),
        lxw_col_t(range.lastColumn), &validation),
      "worksheet_data_validation_range", path: workbook.path, sheet: name, cell: range.description)
  }
}
