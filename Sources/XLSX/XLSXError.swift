internal import CXlsxWriter

/// A problem building or saving a workbook: what went wrong, where (workbook, sheet, cell) and,
/// when libxlsxwriter reported it, which C function and error code.
///
/// `description` is compiler-style, with the place in Excel's own notation so a reader can jump to
/// it in the spreadsheet:
/// ```
/// funder.xlsx: error: 'Key figures'!B4: text is 40,000 characters; a cell holds at most 32,767
///   hint: shorten the text, or split it over several cells
/// ```
public struct XLSXError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    /// A sheet name Excel refuses: empty, longer than 31 characters, holding one of `[ ] : * ? / \`
    /// or a control character, starting or ending with an apostrophe, or the reserved `History`.
    case invalidSheetName
    /// A sheet name already used in this workbook (Excel compares names case-insensitively).
    case duplicateSheetName
    /// A row or column outside the sheet: rows are 0..<1,048,576 and columns 0..<16,384.
    case cellOutOfRange
    /// In constant-memory mode, a write to a row above one already written.
    case rowOutOfOrder
    /// Text longer than the 32,767 characters a cell can hold.
    case textTooLong
    /// Text holding a NUL character, which no XML file can carry.
    case invalidText
    /// NaN or an infinity, with ``NonFiniteNumberPolicy/reject``.
    case nonFiniteNumber
    /// A date outside 1900-01-01...9999-12-31 or with an impossible field.
    case invalidDate
    /// Any other argument Excel or libxlsxwriter would refuse (a table name, a list too long, a
    /// chart without series, a zoom outside 10...400 ...); the message says which.
    case invalidArgument
    /// A merged range, table or autofilter that overlaps another one; Excel reports such a file as
    /// damaged.
    case overlappingRange
    /// A feature libxlsxwriter cannot offer in constant-memory mode (tables).
    case unsupportedInConstantMemory
    /// The workbook was already closed (or discarded).
    case workbookClosed
    /// A format, chart or sheet that belongs to another workbook.
    case foreignObject
    /// The output cannot be created: its directory is missing or not writable, or the path is a
    /// directory.
    case cannotCreateOutput
    /// Saving failed: a temporary file, the zip container, or moving the finished file into place.
    case cannotWrite
    /// libxlsxwriter could not allocate memory.
    case outOfMemory
    /// libxlsxwriter refused an argument this wrapper should have checked first: a bug here.
    case internalError
  }

  public var kind: Kind
  /// The workbook's path as the caller gave it.
  public var path: String
  /// The sheet concerned, if any.
  public var sheet: String?
  /// The cell (`B4`) or range (`A1:C9`) concerned, if any.
  public var cell: String?
  /// The one-line message.
  public var message: String
  /// The libxlsxwriter function that reported the problem, when it came from C.
  public var function: String?
  /// The raw `lxw_error` code, when the problem came from C.
  public var code: Int?
  public var hint: String?

  public init(
    _ kind: Kind, path: String, sheet: String? = nil, cell: String? = nil, message: String,
    function: String? = nil, code: Int? = nil, hint: String? = nil
  ) {
    self.kind = kind
    self.path = path
    self.sheet = sheet
    self.cell = cell
    self.message = message
    self.function = function
    self.code = code
    self.hint = hint
  }

  /// Where the problem is, in Excel's notation: `Data!B4`, `'Key figures'!A1:C9`, `Data`.
  public var location: String? {
    switch (sheet, cell) {
    case (let sheet?, let cell?): "\(CellRange.quotedSheetName(sheet))!\(cell)"
    case (let sheet?, nil): CellRange.quotedSheetName(sheet)
    case (nil, let cell?): cell
    case (nil, nil): nil
    }
  }

  public var description: String {
    var s = "\(path): error: "
    if let location { s += "\(location): " }
    s += message
    if let function {
      s += "\n  reported by: libxlsxwriter \(function)"
      if let code { s += " (error \(code))" }
    }
    if let hint { s += "\n  hint: \(hint)" }
    return s
  }

  /// Quotes a value for a message: at most `limit` characters, control characters escaped.
  static func quoted(_ text: String, limit: Int = 40) -> String {
    var out = "\""
    var shown = 0
    for scalar in text.unicodeScalars {
      if shown == limit {
        out += "…"
        break
      }
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\"": out += "\\\""
      case "\0": out += "\\0"
      default:
        if scalar.value < 0x20 {
          out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
      shown += 1
    }
    return out + "\""
  }
}

extension XLSXError.Kind {
  /// The kind that a libxlsxwriter error code stands for.
  init(libraryCode code: lxw_error) {
    switch code {
    case LXW_ERROR_MEMORY_MALLOC_FAILED: self = .outOfMemory
    case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE,
      LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
      LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
      self = .cannotWrite
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, LXW_ERROR_INVALID_SHEETNAME_CHARACTER,
      LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
      self = .invalidSheetName
    case LXW_ERROR_SHEETNAME_ALREADY_USED: self = .duplicateSheetName
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: self = .textTooLong
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: self = .cellOutOfRange
    default: self = .internalError
    }
  }

  /// Whether a code of this kind says something about the environment (memory, disk), rather
  /// than an argument this wrapper should have refused before calling C.
  var isEnvironmental: Bool { self == .outOfMemory || self == .cannotWrite }
}

/// Converts a libxlsxwriter return code into an `XLSXError`, in one place.
///
/// Codes about the environment (memory, temporary files, the zip container) throw. Codes about
/// arguments mean a check is missing in this wrapper: they stop a debug build, and throw
/// ``XLSXError/Kind-swift.enum/internalError`` (or the matching kind) in a release build.
/// - Parameters:
///   - code: what the C function returned.
///   - function: the C function's name, for the message.
///   - path: the workbook's path as the caller gave it.
///   - sheet: the sheet concerned, if any.
///   - cell: the cell or range concerned, if any.
/// - Throws: `XLSXError` unless `code` is `LXW_NO_ERROR`.
@inline(__always)
func check(
  _ code: lxw_error, _ function: StaticString, path: String, sheet: String? = nil, cell: @autoclosure () -> String? = nil
) throws(XLSXError) {
  guard code != LXW_NO_ERROR else { return }
  throw libraryError(code, function, path: path, sheet: sheet, cell: cell())
}

func libraryError(_ code: lxw_error, _ function: StaticString, path: String, sheet: String?, cell: String?) -> XLSXError {
  let kind = XLSXError.Kind(libraryCode: code)
  let text = lxw_strerror(code).map { String(cString: $0) } ?? "unknown error"
  assert(kind.isEnvironmental, "XLSX: \(function) refused an argument that should have been checked first: \(text)")
  return XLSXError(
    kind, path: path, sheet: sheet, cell: cell, message: text, function: "\(function)",
    code: Int(code.rawValue),
    hint: kind.isEnvironmental ? "check the free space and permissions of the output and temporary directories" : nil)
}
