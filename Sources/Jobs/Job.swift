public import Columnar
public import Indicators
public import Reports

/// A job: what to read, what to assess and what to write, on every scheduled run.
///
/// Read from a job file with ``Job/load(path:)``; every path inside is relative to the job
/// file's folder, and is kept joined to that folder as text (`examples/../fixtures/x.csv`), so
/// messages show paths the way the user can find them.
public struct Job: Sendable, Equatable {
  /// The job's name: in log lines, file names and the history.
  public var name: String
  /// The job file as the user typed its path.
  public var file: String
  /// The inputs in the order the job file lists them.
  public var inputs: [JobInput]
  /// The folder of indicator definitions, if any.
  public var indicatorsDirectory: String?
  /// The results chain to assess, if any.
  public var chain: String?
  /// Which period the report is about.
  public var period: JobPeriod
  /// The month (1...12) the fiscal year starts in; 1 for calendar years.
  public var fiscalYearStartMonth: Int
  /// The outputs, one per kind, in the order the job file lists them.
  public var outputs: [JobOutput]
  /// The history database (SQLite).
  public var historyPath: String
  /// When a run that succeeded still fails or warns.
  public var thresholds: Thresholds
  /// The log file, or `nil` for standard error.
  public var logFile: String?
  /// The folder of Markdown templates and workbook layouts, or `nil` to look for a
  /// `templates` folder beside the job file or above it.
  public var templatesDirectory: String?
  /// The Markdown report's template: a shipped name (`quarterly-report`, `indicator-brief`,
  /// `chain-summary`) or a `.md.mustache` file joined to the job's folder.
  public var markdownTemplate: String = "quarterly-report"
  /// Which series the Markdown report lists (`markdown_series`: `headline`, the default, or
  /// `all`); the workbook always has every series.
  public var markdownSeries: MarkdownSeries = .headline
  /// The funder workbook's tracking layout: a bundled name (`indicators`, `iptt`, `logframe`)
  /// or a `.yaml` layout file joined to the job's folder.
  public var workbookLayout: String = "indicators"
  /// Where the job file's top-level mapping starts.
  public var location: JobLocation

  /// The lock file: the history database's path plus `.lock`.
  public var lockPath: String { historyPath + ".lock" }
}

/// A place in a job file (1-based line and column).
public struct JobLocation: Sendable, Equatable {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// One input: a file or a glob, with how to read it.
public struct JobInput: Sendable, Equatable {
  /// The path or glob (`*`, `?`, `[...]` in the last component), joined to the job's folder.
  public var pattern: String
  /// The export layout, or `nil` to recognise it from the header.
  public var layout: Layout?
  /// A column-mapping YAML file for the generic layout.
  public var mapping: String?
  /// How to read the CSV.
  public var csv: CSVSettings
  /// Where the input is declared.
  public var location: JobLocation
}

/// The CSV options a job can set per input (the same as the command-line flags of `analyze`).
public struct CSVSettings: Sendable, Equatable {
  /// The field delimiter, or `nil` to detect it.
  public var delimiter: UInt8?
  /// Numbers use a decimal comma.
  public var decimalComma = false
  /// The thousands separator to skip inside numbers.
  public var thousands: UInt8?
  /// What to do with records that do not fit: fail, or set them aside (quarantine).
  public var badRows: CSVReadOptions.BadRows = .fail

  public init() {}

  /// The reader options these settings make.
  public var readOptions: CSVReadOptions {
    var o = CSVReadOptions()
    o.delimiter = delimiter
    if decimalComma { o.decimalSeparator = UInt8(ascii: ",") }
    o.thousandsSeparator = thousands
    o.badRows = badRows
    return o
  }
}

/// Which period a run reports on.
public enum JobPeriod: Sendable, Equatable {
  /// The latest period with data.
  case latest
  /// The last fiscal quarter that has ended by the day of the run.
  case latestCompleteQuarter
  /// A period written as a label (`2024`, `2024/25`, `2024-Q3`).
  case label(String)
}

/// The kinds of output a job can write.
public enum OutputKind: String, Sendable, Equatable, CaseIterable, Comparable {
  case xlsx, md, csv, json

  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
  }
}

/// One output: its kind and its file-name pattern (with `{period}` and `{date}`).
public struct JobOutput: Sendable, Equatable {
  public var kind: OutputKind
  /// The pattern joined to the job's folder: `examples/reports/{period}/funder-pack.xlsx`.
  public var pattern: String
  public var location: JobLocation

  /// The path for a run: `{period}` becomes the period label with `/` and spaces turned into
  /// `-` (`2019/20 Q2` → `2019-20-Q2`), `{date}` the run's date as `YYYY-MM-DD` (UTC).
  public func path(period: String, date: String) -> String {
    pattern.replacing("{period}", with: Self.fileSafe(period)).replacing("{date}", with: date)
  }

  /// A label made safe for one path component.
  static func fileSafe(_ label: String) -> String {
    String(label.map { $0 == "/" || $0 == " " || $0 == "\\" ? "-" : $0 })
  }
}

/// The limits past which a run that produced its outputs still fails (exit 65) or warns (exit 2).
public struct Thresholds: Sendable, Equatable {
  /// What exceeding a limit does.
  public enum Action: String, Sendable, Equatable, CaseIterable {
    /// The run fails with exit code 65, and its outputs do not replace the previous ones.
    case fail
    /// The outputs are written; the run exits with code 2.
    case warn
  }

  /// The most rejected records (over all inputs) a good run may have.
  public var maxRejectedRows: Int?
  /// The most stale indicators (no data for the reporting period) a good run may have.
  public var maxStaleIndicators: Int?
  public var action: Action = .warn

  public init(maxRejectedRows: Int? = nil, maxStaleIndicators: Int? = nil, action: Action = .warn) {
    self.maxRejectedRows = maxRejectedRows
    self.maxStaleIndicators = maxStaleIndicators
    self.action = action
  }

  /// The limits `rejectedRows` and `staleIndicators` exceed, as sentences; empty when none.
  public func exceeded(rejectedRows: Int, staleIndicators: Int) -> [String] {
    var found: [String] = []
    if let maxRejectedRows, rejectedRows > maxRejectedRows {
      found.append(
        "\(rejectedRows) rejected row\(rejectedRows == 1 ? "" : "s"), more than max_rejected_rows (\(maxRejectedRows))")
    }
    if let maxStaleIndicators, staleIndicators > maxStaleIndicators {
      found.append(
        "\(staleIndicators) stale indicator\(staleIndicators == 1 ? "" : "s"), more than max_stale_indicators (\(maxStaleIndicators))"
      )
    }
    return found
  }
}
