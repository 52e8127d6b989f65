import Reports

/// How a run ended.
public enum RunStatus: String, Sendable, Equatable, CaseIterable {
  /// Still running (or killed: a later run that finds it so, holding the lock, marks it
  /// `interrupted`).
  case running
  /// All outputs written, no threshold exceeded.
  case succeeded
  /// All outputs written, but a threshold was exceeded and the job warns (exit 2).
  case warned
  /// Stopped by an error; none of its outputs replaced the previous ones.
  case failed
  /// The process died (SIGKILL, power cut) before it recorded its end.
  case interrupted
}

/// Which series a key result is about: indicator, area and breakdown.
public struct SeriesKey: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var indicator: String
  /// The area code, or `""` when the series has none.
  public var area: String
  /// The breakdown values joined with `/` (`Female/65+`), or `""` for none.
  public var breakdown: String

  public init(indicator: String, area: String = "", breakdown: String = "") {
    self.indicator = indicator
    self.area = area
    self.breakdown = breakdown
  }

  /// By indicator, area and breakdown, each in natural order (``Reports/NaturalOrder``: "I2"
  /// before "I10"), as the reports list them.
  public static func < (a: Self, b: Self) -> Bool {
    if a.indicator != b.indicator { return NaturalOrder.precedes(a.indicator, b.indicator) }
    if a.area != b.area { return NaturalOrder.precedes(a.area, b.area) }
    return NaturalOrder.precedes(a.breakdown, b.breakdown)
  }

  /// `indicator` for a series with no area or breakdown, else `indicator (area, breakdown)`.
  public var description: String {
    let parts = [area, breakdown].filter { !$0.isEmpty }
    return parts.isEmpty ? indicator : "\(indicator) (\(parts.joined(separator: ", ")))"
  }
}

/// One value of a series in one period, as a run saw it.
public struct PeriodValue: Sendable, Equatable {
  /// The period's label as the data wrote it.
  public var period: String
  /// A key that orders periods (the first day, `YYYY-MM-DD`, then the last day).
  public var order: String
  /// The value, or `nil` when the period had an observation without a value.
  public var value: Double?

  public init(period: String, order: String, value: Double?) {
    self.period = period
    self.order = order
    self.value = value
  }
}

/// The key results of one series in one run.
public struct SeriesRecord: Sendable, Equatable {
  public var key: SeriesKey
  public var latestPeriod: String?
  public var latestValue: Double?
  /// The judged status (`improving`, `worsening`, `no significant change`, …).
  public var status: String
  /// The p-value of the trend test, when one ran.
  public var significanceP: Double?
  /// Whether the trend is significant at the job's level, when a test ran.
  public var isSignificant: Bool?
  /// The benchmark comparison (`better`, `similar`, `worse`, …), when there is a benchmark.
  public var benchmark: String?
  /// The progress towards the target (`on track`, `off track`, `met`, …), when there is one.
  public var targetProgress: String?
  /// No value for the reporting period: the data has gone stale.
  public var isStale: Bool
  /// Every value of the series, in period order.
  public var values: [PeriodValue]

  public init(
    key: SeriesKey, latestPeriod: String? = nil, latestValue: Double? = nil, status: String,
    significanceP: Double? = nil, isSignificant: Bool? = nil, benchmark: String? = nil, targetProgress: String? = nil,
    isStale: Bool = false, values: [PeriodValue] = []
  ) {
    self.key = key
    self.latestPeriod = latestPeriod
    self.latestValue = latestValue
    self.status = status
    self.significanceP = significanceP
    self.isSignificant = isSignificant
    self.benchmark = benchmark
    self.targetProgress = targetProgress
    self.isStale = isStale
    self.values = values
  }
}

/// The assessed progress of one step of a results chain in one run.
public struct StepRecord: Sendable, Equatable {
  public var step: String
  public var title: String
  public var progress: String
  public var confidence: String

  public init(step: String, title: String, progress: String, confidence: String) {
    self.step = step
    self.title = title
    self.progress = progress
    self.confidence = confidence
  }
}

/// One input file as a run read it.
public struct InputRecord: Sendable, Equatable {
  public var path: String
  public var size: Int64
  /// Modification time, seconds since 1970 (UTC).
  public var modified: Double
  /// SHA-256 of the bytes, lowercase hex.
  public var sha256: String
  public var rows: Int
  public var rejectedRows: Int

  public init(path: String, size: Int64, modified: Double, sha256: String, rows: Int, rejectedRows: Int) {
    self.path = path
    self.size = size
    self.modified = modified
    self.sha256 = sha256
    self.rows = rows
    self.rejectedRows = rejectedRows
  }
}

/// Where one output of a run is in its life.
public enum OutputState: String, Sendable, Equatable, CaseIterable {
  /// Being written to a temporary file; nothing replaced yet.
  case writing
  /// Complete and fsynced in its temporary file; the run has passed the point of no return and
  /// the file will be moved into place (by this run, or by the next one if this one dies).
  case staged
  /// In place.
  case written
  /// Never replaced the previous output (the run failed or died before staging everything).
  case abandoned
  /// Staged, but its temporary file was gone when the next run came to move it into place.
  case lost
}

/// One output of a run.
public struct OutputRecord: Sendable, Equatable {
  public var kind: String
  public var path: String
  public var state: OutputState
  /// SHA-256 of the bytes written, once staged.
  public var sha256: String?
  public var size: Int64?

  public init(kind: String, path: String, state: OutputState, sha256: String? = nil, size: Int64? = nil) {
    self.kind = kind
    self.path = path
    self.state = state
    self.sha256 = sha256
    self.size = size
  }
}

/// Everything the history holds about one run.
public struct RunRecord: Sendable, Equatable {
  public var id: Int64
  public var job: String
  /// ISO 8601, UTC (`2026-11-24T02:30:00Z`).
  public var startedAt: String
  public var endedAt: String?
  public var status: RunStatus
  public var exitCode: Int?
  /// The reporting period's label.
  public var period: String?
  /// The error or warning that ended the run, if any.
  public var message: String?
  public var inputs: [InputRecord]
  public var outputs: [OutputRecord]
  /// In key order.
  public var series: [SeriesRecord]
  /// In chain order.
  public var steps: [StepRecord]
  /// The files of an earlier run this run removed once its outputs were in place (the charts
  /// of a Markdown report no longer in it), full paths in ``Reports/NaturalOrder``. Empty when
  /// it removed nothing, and for runs recorded before Backbone kept this (schema v2 and older).
  public var removedFiles: [String]

  public init(
    id: Int64, job: String, startedAt: String, endedAt: String? = nil, status: RunStatus, exitCode: Int? = nil,
    period: String? = nil, message: String? = nil, inputs: [InputRecord] = [], outputs: [OutputRecord] = [],
    series: [SeriesRecord] = [], steps: [StepRecord] = [], removedFiles: [String] = []
  ) {
    self.id = id
    self.job = job
    self.startedAt = startedAt
    self.endedAt = endedAt
    self.status = status
    self.exitCode = exitCode
    self.period = period
    self.message = message
    self.inputs = inputs
    self.outputs = outputs
    self.series = series
    self.steps = steps
    self.removedFiles = removedFiles
  }
}
