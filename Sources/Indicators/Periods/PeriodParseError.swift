/// Why a period label could not be read.
///
/// It carries the label, the reason and the list of accepted forms, and turns into an
/// ``IndicatorError`` of kind ``IndicatorError/Kind/invalidPeriod`` once the caller knows where
/// the label came from:
///
/// ```swift
/// do {
///   period = try Period.parse(cell)
/// } catch {
///   throw error.indicatorError(file: "data.csv", line: 42, column: 12)
/// }
/// ```
/// prints
/// ```
/// data.csv:42:12: error: cannot read "2019Q5" as a period: quarter 5 does not exist; quarters are 1-4
///   expected: a year (2019), ...
/// ```
public struct PeriodParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of problem it is.
  public enum Kind: String, Sendable, Equatable {
    /// The label is empty or only spaces.
    case empty
    /// The label has none of the accepted shapes.
    case unrecognised
    /// The shape is right but a number is out of range: quarter 5, month 13, week 54, a day
    /// that does not exist, a year outside 1000–9998.
    case outOfRange
    /// The two halves of a split year or a pooled range do not fit: `2019/21`, `2006/07 - 08/10`.
    case inconsistent
    /// A range ends before it starts, or names a single year as a range.
    case reversed
  }

  /// What kind of problem it is.
  public var kind: Kind
  /// The label as given (surrounding spaces removed).
  public var text: String
  /// The reason in a few words, without the label: "quarter 5 does not exist; quarters are 1-4".
  public var reason: String
  /// The forms that would have been read, for the `expected:` line of the message.
  public var expected: String
  /// How to fix it, when there is an obvious fix.
  public var hint: String?

  /// A parse error.
  ///
  /// - Parameters:
  ///   - kind: What kind of problem it is.
  ///   - text: The label.
  ///   - reason: The reason, without the label.
  ///   - expected: The accepted forms; ``Period/acceptedForms`` by default.
  ///   - hint: How to fix it, if known.
  public init(
    _ kind: Kind, text: String, reason: String, expected: String = Period.acceptedForms,
    hint: String? = nil
  ) {
    self.kind = kind
    self.text = text
    self.reason = reason
    self.expected = expected
    self.hint = hint
  }

  /// One sentence: `cannot read "2019Q5" as a period: quarter 5 does not exist; quarters are 1-4`.
  public var message: String {
    "cannot read \(IndicatorError.quoted(text)) as a period: \(reason)"
  }

  public var description: String { message }

  /// The same problem as an ``IndicatorError`` of kind `invalidPeriod`, located in a file.
  ///
  /// - Parameters:
  ///   - file: The path as the user typed it.
  ///   - line: The 1-based line, if known.
  ///   - column: The 1-based column or field, if known.
  /// - Returns: An error whose message, `expected:` and `hint:` lines come from this one.
  public func indicatorError(file: String, line: Int? = nil, column: Int? = nil) -> IndicatorError {
    IndicatorError(
      .invalidPeriod, file: file, line: line, column: column, found: IndicatorError.quoted(text),
      message: message, expected: expected, hint: hint)
  }
}
