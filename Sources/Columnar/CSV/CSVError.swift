/// A problem reading or writing CSV: what went wrong, where (file, line, field), what was found,
/// what was expected and how to fix it.
///
/// `description` is compiler-style so that editors and grep can jump to it:
/// ```
/// sales.csv:42:3: error: cannot read "12,5" as a number in column "amount"
///   expected: a number like 12.5 (column type float, declared with --type)
///   hint: pass --decimal-comma, or declare the column with --type amount=text
/// ```
public struct CSVError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    /// The input file does not exist.
    case fileNotFound
    /// The input exists but cannot be read (permissions, a directory, an I/O error).
    case unreadable
    /// The file is UTF-16 or UTF-32 (a byte-order mark says so).
    case unsupportedEncoding
    /// Bytes that are not valid UTF-8.
    case invalidUTF8
    /// A quoted field that is never closed.
    case unterminatedQuote
    /// A quote inside a field that is not quoted, or a lone quote inside a quoted field.
    case unexpectedQuote
    /// A record with more fields than the header.
    case tooManyFields
    /// A record with fewer fields than the header.
    case tooFewFields
    /// A value that does not fit the column's declared type.
    case invalidValue
    /// The options name a column the file does not have, or contradict each other.
    case invalidOptions
    /// The file holds no header.
    case noHeader
    /// An output cannot be created or written.
    case cannotWrite
  }

  public var kind: Kind
  /// The path as the user typed it.
  public var file: String
  /// 1-based physical line of the record (its first line when it spans several).
  public var line: Int?
  /// 1-based field number.
  public var field: Int?
  /// The header name of that field.
  public var columnName: String?
  /// What was found, already truncated.
  public var found: String?
  /// The one-line message.
  public var message: String
  public var expected: String?
  public var hint: String?

  public init(
    _ kind: Kind, file: String, line: Int? = nil, field: Int? = nil, columnName: String? = nil,
    found: String? = nil, message: String, expected: String? = nil, hint: String? = nil
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.field = field
    self.columnName = columnName
    self.found = found
    self.message = message
    self.expected = expected
    self.hint = hint
  }

  public var description: String {
    var location = file
    if let line { location += ":\(line)" }
    if let field, line != nil { location += ":\(field)" }
    var s = "\(location): error: \(message)"
    if let expected { s += "\n  expected: \(expected)" }
    if let hint { s += "\n  hint: \(hint)" }
    return s
  }

  /// Quotes a value for a message: at most about 40 characters, control characters escaped,
  /// invalid UTF-8 shown as `\xNN`.
  public static func quoted(_ bytes: some Collection<UInt8>, limit: Int = 40) -> String {
    var out = "\""
    var shown = 0
    var it = Array(bytes.prefix(limit * 4))[...]
    while let b = it.first, shown < limit {
      let len = utf8SequenceLength(it)
      if len == 0 {
        out += "\\x" + String(b, radix: 16, uppercase: true).leftPadded(2)
        it = it.dropFirst()
      } else {
        let scalarBytes = it.prefix(len)
        let s = String(decoding: scalarBytes, as: UTF8.self)
        switch s {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\"": out += "\\\""
        default: out += s
        }
        it = it.dropFirst(len)
      }
      shown += 1
    }
    out += "\""
    if !it.isEmpty || bytes.count > limit * 4 { out += "…" }
    return out
  }
}

extension String {
  func leftPadded(_ width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}

/// A warning worth telling the user once, grouped: a renamed header, a dropped column.
public struct CSVWarning: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    case emptyHeaderName, duplicateHeaderName, droppedTrailingColumn, extraTrailingDelimiter, skippedTagRow,
      skippedPreamble, promotedType
  }
  public var kind: Kind
  public var message: String
  /// How many times it happened (rows, for row-level warnings).
  public var count: Int
  public var description: String { count > 1 ? "warning: \(message) (\(count) times)" : "warning: \(message)" }
}

/// A record that was not loaded, kept unchanged with where it was and why.
public struct RejectedRow: Sendable, Equatable {
  /// 1-based physical line where the record starts.
  public var line: Int
  /// 1-based field, when one field is at fault.
  public var field: Int?
  public var kind: CSVError.Kind
  /// Why, in one line.
  public var reason: String
  /// The record's bytes exactly as in the file, without its line terminator.
  public var raw: [UInt8]
}
