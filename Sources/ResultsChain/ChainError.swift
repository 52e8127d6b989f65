import Indicators

/// A problem with a results chain: a chain file that is not valid YAML, a key or value that is
/// wrong, a step that names an unknown step or indicator, a cycle, a step that leads nowhere.
///
/// `description` is compiler-style (`file:line:column: error: message`), like `IndicatorError`:
/// ```
/// indicators/chains/healthy-weight.yaml:41:19: error: step "reach" leads to unknown step "knowlege"
///   expected: the id of a step of this chain
///   hint: did you mean "knowledge"?
/// ```
public struct ChainError: Error, CustomStringConvertible, Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// The file is not valid YAML (or repeats a key in one mapping).
    case invalidYAML
    /// A key, a value or the shape of the file is wrong (unknown key, missing key, wrong type,
    /// a number out of range).
    case invalidChain
    /// Two steps, assumptions or risks share an id, or an indicator is declared twice.
    case duplicateID
    /// A step names a level the chain does not have.
    case unknownLevel
    /// A step, assumption or risk names a step the chain does not have.
    case unknownStep
    /// An assumption concerns a link (`from -> to`) that no step's `leads-to` makes.
    case unknownLink
    /// An indicator id that neither the definitions nor the chain's own indicators know.
    case unknownIndicator
    /// Steps that lead back to themselves.
    case cycle
    /// A step leads to a step at a lower level.
    case levelOrder
    /// A step below the chain's highest level leads to no step.
    case leadsNowhere
    /// A step above the chain's lowest level comes from no step.
    case comesFromNowhere
    /// A final outcome that no path from an input reaches.
    case unreachableOutcome
    /// The chain file does not exist.
    case fileNotFound
    /// The chain file exists but cannot be read as UTF-8 text.
    case unreadable
  }

  public var kind: Kind
  /// The path as the user typed it.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column (a character of the line), when known.
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
    IndicatorError.message(file: file, line: line, column: column, message: message, expected: expected, hint: hint)
  }

  /// Quotes a value for a message: at most `limit` characters, then an ellipsis.
  static func quoted(_ text: String, limit: Int = 40) -> String { IndicatorError.quoted(text, limit: limit) }
}

/// Something worth telling about a chain that does not stop it: a step with no indicator (it can
/// only be "not evidenced"), an indicator whose series is missing from the data.
public struct ChainWarning: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var column: Int?
  public var message: String

  public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// `file:line:column: warning: message`.
  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    return "\(location): warning: \(message)"
  }
}
