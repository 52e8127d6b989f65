import Indicators

/// A problem that stops a job: a job file that is not valid, an input that is missing or bad, an
/// output that cannot be written, another run holding the lock, a history database that is
/// corrupt.
///
/// `description` is compiler-style, like every located error of Backbone:
/// ```
/// examples/nightly.yaml:7:11: error: unknown output kind "xslx"
///   expected: one of xlsx, md, csv, json
///   hint: did you mean "xlsx"?
/// ```
/// ``exitCode`` is the one exit code a command exits with for it.
public struct JobError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong, for code to match on.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// The job file is not valid YAML (or repeats a key in one mapping).
    case invalidYAML
    /// A key, a value or the shape of the job file is wrong.
    case invalidJob
    /// The job file, an input, the indicators directory or the chain file does not exist (or a
    /// glob matches nothing).
    case fileNotFound
    /// A file exists but cannot be read.
    case unreadable
    /// An input, a definition, a mapping or a chain is not valid data.
    case invalidData
    /// The job's thresholds (rejected rows, stale indicators) were exceeded and the job asks to
    /// fail when they are.
    case thresholdExceeded
    /// An output or its directory, the history database or the lock file cannot be written.
    case cannotWrite
    /// Another run of the same job holds the lock.
    case alreadyRunning
    /// The history database is not a valid database (it has been moved aside).
    case corruptHistory
    /// A bug: something that should not happen.
    case internalError
  }

  public var kind: Kind
  /// The path as the user typed it (or as the job file names it, joined to the job's folder).
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column, when known.
  public var column: Int?
  /// The message, without location.
  public var message: String
  /// What was expected and how that expectation arose.
  public var expected: String?
  /// What to do about it.
  public var hint: String?

  /// A job error at a place in a file.
  public init(
    _ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String,
    expected: String? = nil, hint: String? = nil
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.expected = expected
    self.hint = hint
  }

  /// `file:line:column: error: message`, then the `expected:` and `hint:` lines.
  public var description: String {
    IndicatorError.message(file: file, line: line, column: column, message: message, expected: expected, hint: hint)
  }

  /// The exit code for this error: 65 bad data (job file, inputs, thresholds exceeded, corrupt
  /// history), 66 missing or unreadable input, 73 cannot write, 75 already running, 1 a bug.
  public var exitCode: Int32 {
    switch kind {
    case .invalidYAML, .invalidJob, .invalidData, .thresholdExceeded, .corruptHistory: 65
    case .fileNotFound, .unreadable: 66
    case .cannotWrite: 73
    case .alreadyRunning: 75
    case .internalError: 1
    }
  }

  /// Quotes a value for a message: at most 40 characters, then an ellipsis.
  static func quoted(_ text: String) -> String { IndicatorError.quoted(text) }
}
