/// A problem with indicator data or its configuration: an export whose layout is not
/// recognised, a period label that cannot be read, a definition or mapping file that is wrong.
///
/// `description` is compiler-style (`file:line:column: error: message`), like `CSVError`:
/// ```
/// indicators/health.yaml:14:12: error: unknown polarity "up"
///   expected: one of higher-is-better, lower-is-better, no-judgement
///   hint: polarity says which direction is an improvement
/// ```
public struct IndicatorError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    /// The header matches no known layout.
    case unknownLayout
    /// The header matches more than one layout equally well.
    case ambiguousLayout
    /// A layout or mapping needs a column the file does not have.
    case missingColumn
    /// A period label that cannot be read.
    case invalidPeriod
    /// A series mixes periods that cannot be compared (pooled and single years, quarters and years).
    case mixedPeriods
    /// An indicator definition file is wrong.
    case invalidDefinition
    /// A column mapping (flags or YAML) is wrong.
    case invalidMapping
    /// A value of the wrong kind in a column the layout reads (text where a number belongs).
    case invalidValue
    /// A file to read does not exist.
    case fileNotFound
    /// A file exists but cannot be read.
    case unreadable
  }

  public var kind: Kind
  /// The path as the user typed it.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column (a character in a YAML file, a field in a CSV file), when known.
  public var column: Int?
  /// What was found, already quoted and truncated.
  public var found: String?
  public var message: String
  public var expected: String?
  public var hint: String?

  public init(
    _ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, found: String? = nil,
    message: String, expected: String? = nil, hint: String? = nil
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.found = found
    self.message = message
    self.expected = expected
    self.hint = hint
  }

  public var description: String {
    Self.message(file: file, line: line, column: column, message: message, expected: expected, hint: hint)
  }

  /// The compiler-style text every located error of the indicator layers prints
  /// (`file:line:column: error: …`, then `expected:` and `hint:` lines); chain errors use it too.
  public static func message(
    file: String, line: Int?, column: Int?, message: String, expected: String?, hint: String?
  ) -> String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    var s = "\(location): error: \(message)"
    if let expected { s += "\n  expected: \(expected)" }
    if let hint { s += "\n  hint: \(hint)" }
    return s
  }

  /// Quotes a value for a message: at most `limit` characters, then an ellipsis.
  public static func quoted(_ text: String, limit: Int = 40) -> String {
    var s = ""
    for (i, c) in text.enumerated() {
      if i == limit { return "\"" + s + "\"…" }
      switch c {
      case "\n": s += "\\n"
      case "\r": s += "\\r"
      case "\t": s += "\\t"
      case "\"": s += "\\\""
      default: s.append(c)
      }
    }
    return "\"" + s + "\""
  }
}

/// A warning told once, grouped, with a count: indicators the definitions do not know, values
/// coerced, rows set aside.
public struct IndicatorWarning: Sendable, Equatable, CustomStringConvertible {
  /// The file it concerns, as the user typed it, if any.
  public var file: String?
  public var message: String
  public var count: Int
  public init(file: String? = nil, _ message: String, count: Int = 1) {
    self.file = file
    self.message = message
    self.count = count
  }
  /// `file: warning: message (N times)`, like the CSV reader's warnings.
  public var description: String {
    (file.map { "\($0): " } ?? "") + (count > 1 ? "warning: \(message) (\(count) times)" : "warning: \(message)")
  }
}
