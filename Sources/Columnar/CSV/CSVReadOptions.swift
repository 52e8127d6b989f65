/// How to read a CSV file. Every `nil` means "detect it".
public struct CSVReadOptions: Sendable {
  /// What to do with a record that cannot be loaded.
  public enum BadRows: String, Sendable, CaseIterable {
    /// Stop at the first bad record with an error.
    case fail
    /// Keep going; every rejected record is returned, unchanged, with its line and reason.
    case quarantine
  }

  /// The tokens that mean "no value" by default: empty, `NA`, `N/A`, `..`, `-`, `*`, `x`, `:`.
  public static let defaultMissingTokens = ["", "NA", "N/A", "..", "-", "*", "x", ":"]

  /// The field delimiter; `nil` sniffs among `,` `;` tab `|`.
  public var delimiter: UInt8? = nil
  /// The quote character.
  public var quote: UInt8 = UInt8(ascii: "\"")
  /// Lines to skip before the header; `nil` detects a preamble (World Bank files have 4).
  public var skipRows: Int? = nil
  /// Whether the first record (after any preamble) names the columns.
  public var hasHeader = true
  /// Whether to skip an HXL tag row (`#indicator+code,...`) under the header.
  public var skipTagRow = true
  /// Tokens read as missing values. The empty token matches quoted and unquoted empty fields;
  /// other tokens match only unquoted fields, so that a quoted `"NA"` (Namibia) stays text.
  public var missingTokens: [String] = CSVReadOptions.defaultMissingTokens
  /// The decimal separator of numbers: `.` or `,`.
  public var decimalSeparator: UInt8 = UInt8(ascii: ".")
  /// A thousands separator skipped inside numbers (`,` `.` space or `'`), if any.
  public var thousandsSeparator: UInt8? = nil
  /// Declared column types by header name; other columns are inferred from all of their values.
  public var columnTypes: [String: ColumnType] = [:]
  /// Whether to infer types; when false, every undeclared column is text (values kept verbatim).
  public var inferTypes = true
  /// The columns to keep, by header name; `nil` keeps every column. The others are not typed
  /// or stored, but their fields are checked like any other (quotes, UTF-8), so that the same
  /// records are rejected as when every column is read. Columns without a header name, and
  /// columns declared integer or float in `columnTypes` (whose values are checked as numbers),
  /// are always kept.
  public var columns: Set<String>? = nil
  /// Chooses `columns` from the header, once it is read (for standard input, which cannot be
  /// read twice); used when `columns` is `nil`. Returning `nil` keeps every column.
  public var chooseColumns: (@Sendable (_ header: [String]) -> Set<String>?)? = nil
  /// Chooses, from the header once it is read, columns to read as text (values kept verbatim,
  /// no type inferred): identifiers such as indicator and area codes, where `007` must stay
  /// `007` and `3.10` must not become `3.1`. A column named in `columnTypes` keeps its declared
  /// type; names the file does not have are ignored.
  public var chooseTextColumns: (@Sendable (_ header: [String]) -> Set<String>)? = nil
  /// What to do with bad records.
  public var badRows: BadRows = .fail
  /// Worker threads; 0 uses every core.
  public var threads = 0
  /// Bytes per parse chunk; 0 chooses.
  public var chunkSize = 0
  /// Called on the reading thread after each batch with (bytes done, total bytes).
  public var progress: (@Sendable (Int, Int) -> Void)? = nil

  public init() {}
}

/// The shape of a CSV file, as detected or declared.
public struct CSVDialect: Sendable, Equatable {
  public enum LineEnding: String, Sendable, Equatable {
    case lf = "LF"
    case crlf = "CRLF"
    case cr = "CR"
    /// A file of one line without a terminator.
    case none = "none"
  }
  public var delimiter: UInt8
  public var quote: UInt8
  public var lineEnding: LineEnding
  public var hasBOM: Bool
  /// Lines before the header that were skipped (a preamble), and whether that was detected.
  public var skippedLines: Int
  public var skippedLinesDetected: Bool
  /// The skipped preamble records, as text (for provenance).
  public var preamble: [String]
  /// 1-based line of the header, or `nil` without a header.
  public var headerLine: Int?
  /// The HXL tag row under the header, when one was skipped.
  public var tagRow: [String]?
  /// Whether the delimiter was sniffed rather than declared.
  public var delimiterDetected: Bool

  /// The delimiter as a name people recognise: `,` `;` `tab` `|`.
  public var delimiterName: String {
    delimiter == 9 ? "tab" : String(UnicodeScalar(delimiter))
  }
}
