public import Foundation
public import Logging
import Reports

/// What an analysis of a job's inputs gives the runner: the key results for the history, and a
/// way to render the outputs once the changes since the last run are known.
///
/// Producing outputs is this one value: the Reports target plugs in by returning its report
/// model's renderings from ``render``.
public struct JobAnalysis: Sendable {
  /// The reporting period's label (`2024-Q3`, `FY2024-Q2`), used for `{period}`.
  public var period: String
  /// The inputs read, with sizes, checksums and row counts.
  public var inputs: [InputRecord]
  /// The key results of every series.
  public var series: [SeriesRecord]
  /// The progress of every step of the chain, when there is one.
  public var steps: [StepRecord]
  /// Warnings about the data (columns dropped, values coerced), each once.
  public var warnings: [String]
  /// Renders the job's outputs at their paths, given the changes since the last good run. It
  /// returns every file to write: each target, plus any files that go with one (the charts of a
  /// Markdown report), all written all or nothing together.
  public var render: @Sendable (_ changes: ChangeSummary, _ targets: [OutputTarget]) throws(JobError) -> [RenderedOutput]

  /// The files of an earlier run that this run's rendering makes obsolete (the charts of a
  /// Markdown report for indicators no longer in it), given what it rendered. The runner lists
  /// them before writing anything and removes them only once every output is in place.
  public var obsolete: @Sendable (_ rendered: [RenderedOutput]) -> ObsoleteFiles

  /// The ids of the indicators whose data is stale.
  public var staleIndicatorIDs: [String]

  /// - Parameters:
  ///   - staleIndicators: The stale indicators' ids; `nil` takes those with at least one stale
  ///     series.
  ///   - obsolete: See ``obsolete``; by default, nothing.
  public init(
    period: String, inputs: [InputRecord], series: [SeriesRecord], steps: [StepRecord] = [], warnings: [String] = [],
    staleIndicators: [String]? = nil,
    obsolete: @escaping @Sendable (_ rendered: [RenderedOutput]) -> ObsoleteFiles = { _ in .none },
    render: @escaping @Sendable (_ changes: ChangeSummary, _ targets: [OutputTarget]) throws(JobError) -> [RenderedOutput]
  ) {
    self.period = period
    self.inputs = inputs
    self.series = series
    self.steps = steps
    self.warnings = warnings
    self.render = render
    self.obsolete = obsolete
    self.staleIndicatorIDs = staleIndicators ?? NaturalOrder.sorted(Set(series.filter(\.isStale).map(\.key.indicator)))
  }

  /// Rejected records over all inputs.
  public var rejectedRows: Int { inputs.reduce(0) { $0 + $1.rejectedRows } }

  /// How many indicators are stale.
  public var staleIndicators: Int { staleIndicatorIDs.count }
}

/// Files an earlier run left that a run's outputs make obsolete, and how to remove them.
public struct ObsoleteFiles: Sendable {
  /// The files, full paths.
  public var paths: [String]
  /// Removes them (each checked again by whoever listed them); returns those removed.
  public var remove: @Sendable () -> [String]

  public init(paths: [String], remove: @escaping @Sendable () -> [String]) {
    self.paths = paths
    self.remove = remove
  }

  /// Nothing to remove.
  public static let none = ObsoleteFiles(paths: [], remove: { [] })
}

/// One output of a run: its kind and the path its pattern gives for this run.
public struct OutputTarget: Sendable, Equatable {
  public var kind: OutputKind
  public var path: String

  public init(kind: OutputKind, path: String) {
    self.kind = kind
    self.path = path
  }
}

/// One file a rendering made, to be written with the others all or nothing.
public struct RenderedOutput: Sendable, Equatable {
  /// `xlsx`, `md`, `csv`, `json`, or what goes with one (`svg` for a chart).
  public var kind: String
  public var path: String
  public var bytes: [UInt8]

  public init(kind: String, path: String, bytes: [UInt8]) {
    self.kind = kind
    self.path = path
    self.bytes = bytes
  }
}

/// The "Changes since the last run" of a report: what it compares with, and what changed.
public struct ChangeSummary: Sendable, Equatable {
  /// The run compared with (`run 3 of 2026-11-23T02:30:00Z`), or `nil` on a first run.
  public var since: String?
  /// The changes, in report order (``RunComparison/changes(from:to:)``).
  public var changes: [RunChange]

  public init(since: String?, changes: [RunChange]) {
    self.since = since
    self.changes = changes
  }

  /// The lines of a report's section: one per change, or one saying there is nothing to say.
  public var lines: [String] {
    guard since != nil else { return ["This is the first run of the job: nothing to compare with."] }
    return changes.isEmpty ? ["Nothing changed."] : changes.map(\.description)
  }
}

/// Reads a job's inputs and assesses them (the work of a run, between the checks and the
/// writing).
public protocol JobAnalyser: Sendable {
  /// Checks everything the analysis will use that is not data (definitions, chain, templates,
  /// layouts), before the lock is taken and before any input is read.
  /// - Throws: ``JobError`` (65 for a bad file, 66 for a missing one), located.
  func check(_ job: Job) throws(JobError)

  /// - Parameters:
  ///   - job: The validated job.
  ///   - inputs: The input files, globs expanded, in job order.
  ///   - now: The time of the run (for `latest-complete-quarter`).
  /// - Throws: ``JobError`` (bad data 65, missing input 66).
  func analyse(_ job: Job, inputs: [ExpandedInput], now: Date) throws(JobError) -> JobAnalysis
}

extension JobAnalyser {
  /// Nothing to check.
  public func check(_ job: Job) throws(JobError) {}
}

/// One input file, after glob expansion.
public struct ExpandedInput: Sendable, Equatable {
  public var path: String
  public var input: JobInput
}

/// How a run went: its exit code, what it wrote and what changed.
public struct RunResult: Sendable {
  /// 0 success, 2 success over a warning threshold, or the error's code.
  public var exitCode: Int32
  /// The run's id in the history (`nil` for a dry run or a run stopped before it began).
  public var runID: Int64?
  /// The outputs written (or that a dry run would write), in job order.
  public var outputs: [String]
  /// The changes since the last good run.
  public var changes: [RunChange]
  /// The error that stopped the run, if any.
  public var error: JobError?
}

/// Runs a job: the lock, the checks before any work, the analysis, the all-or-nothing output
/// set, the history and the exit code.
///
/// The order of a run:
/// 1. check, before any work, that every output, the history and the log can be written (73);
/// 2. take the lock (75 at once if another run holds it);
/// 3. open the history (a corrupt one is moved aside: 65), finish what killed runs left, and
///    check that every input exists (66);
/// 4. record the run as running; analyse (65 for bad data); check the thresholds (fail: 65
///    and nothing written; warn: exit 2 after writing);
/// 5. compare with the last good run; render; stage every output; record the staged set and
///    the results in one transaction (the point of no return); rename every output into place;
///    remove the files the new outputs make obsolete (an earlier report's charts); record the
///    end, with the files removed.
public struct JobRunner: Sendable {
  public var analyser: any JobAnalyser
  /// The time of the run (`{date}`, the history's timestamps).
  public var now: @Sendable () -> Date

  public init(analyser: any JobAnalyser, now: @escaping @Sendable () -> Date = { Date() }) {
    self.analyser = analyser
    self.now = now
  }

  /// Runs `job` once.
  ///
  /// - Parameters:
  ///   - job: The validated job.
  ///   - dryRun: Check and analyse everything, write nothing (not even the history).
  ///   - logger: Where events go, one line each.
  /// - Returns: The result; its ``RunResult/exitCode`` is the process's exit code.
  public func run(_ job: Job, dryRun: Bool = false, logger: Logger) -> RunResult {
    let started = now()
    var lock: JobLock? = nil
    defer { lock?.release() }
    let history: HistoryStore?
    do {
      // Before the lock, so that a job that cannot write leaves not even a lock file behind.
      try preflight(job)
      try analyser.check(job)
      if dryRun {
        // A dry run takes no lock and creates nothing: it reads the history only if it exists.
        history = FileSystem.exists(job.historyPath) ? try HistoryStore.open(path: job.historyPath, now: started) : nil
      } else {
        lock = try JobLock.acquire(path: job.lockPath, holder: "pid \(getpid()), started \(Timestamp.iso(started))")
        let store = try HistoryStore.open(path: job.historyPath, now: started)
        for note in try store.recoverInterruptedRuns() { logger.warning("\(note)") }
        history = store
      }
    } catch {
      logger.error("\(error.description)")
      return RunResult(exitCode: error.exitCode, runID: nil, outputs: [], changes: [], error: error)
    }
    logger.info("run started\(dryRun ? " (dry run: nothing will be written)" : "")")

    let inputs: [ExpandedInput]
    do {
      inputs = try Self.expand(job)
      // Outputs whose path is known before the analysis (no {period}) are checked now, before
      // any input is read; the others once rendered, before anything is written.
      let date = Timestamp.day(started)
      let known = job.outputs.filter { !$0.pattern.contains("{period}") }.map { ($0.path(period: "", date: date), $0) }
      try Self.checkNotRead(known, job: job, inputs: inputs)
    } catch {
      logger.error("\(error.description)")
      return RunResult(exitCode: error.exitCode, runID: nil, outputs: [], changes: [], error: error)
    }

    var runID: Int64? = nil
    do {
      if !dryRun, let history {
        runID = try history.beginRun(job: job.name, startedAt: Timestamp.iso(started), pid: getpid())
      }
      return try perform(job, inputs: inputs, history: history, runID: runID, started: started, logger: logger)
    } catch {
      logger.error("\(error.description)")
      if let runID, let history {
        try? history.abandonUnfinishedOutputs(run: runID)
        try? history.finishRun(
          runID, status: .failed, exitCode: error.exitCode, endedAt: Timestamp.iso(now()), message: error.description)
      }
      return RunResult(exitCode: error.exitCode, runID: runID, outputs: [], changes: [], error: error)
    }
  }

  /// Steps 4 and 5 of a run (see the type's overview).
  func perform(
    _ job: Job, inputs: [ExpandedInput], history: HistoryStore?, runID: Int64?, started: Date, logger: Logger
  ) throws(JobError) -> RunResult {
    let analysis = try analyser.analyse(job, inputs: inputs, now: started)
    for warning in analysis.warnings { logger.notice("\(warning)") }
    logger.info(
      "read \(analysis.inputs.count) input(s): \(analysis.inputs.reduce(0) { $0 + $1.rows }) rows, \(analysis.rejectedRows) rejected; \(analysis.series.count) series; period \(analysis.period)"
    )
    let exceeded = job.thresholds.exceeded(rejectedRows: analysis.rejectedRows, staleIndicators: analysis.staleIndicators)
    if !exceeded.isEmpty, job.thresholds.action == .fail {
      throw JobError(
        .thresholdExceeded, file: job.file,
        message: "the run exceeded the job's thresholds: \(exceeded.joined(separator: "; "))",
        hint: "nothing was written; the previous outputs stay")
    }

    let current = RunRecord(
      id: runID ?? 0, job: job.name, startedAt: Timestamp.iso(started), status: .running, period: analysis.period,
      inputs: analysis.inputs, series: analysis.series, steps: analysis.steps)
    var previous: RunRecord? = nil
    if let history {
      if let runID {
        previous = try history.previousGoodRun(before: runID)
      } else if let latest = try history.latestGoodRuns(1).first {
        previous = try history.run(latest)
      }
    }
    let changes = previous.map { RunComparison.changes(from: $0, to: current) } ?? []
    if let previous {
      logger.info("\(changes.count) change(s) since run \(previous.id) of \(previous.startedAt)")
    } else {
      logger.info("no earlier good run to compare with")
    }

    let summary = ChangeSummary(since: previous.map { "run \($0.id) of \($0.startedAt)" }, changes: changes)
    let date = Timestamp.day(started)
    let targets = job.outputs.map { OutputTarget(kind: $0.kind, path: $0.path(period: analysis.period, date: date)) }
    let rendered = try analysis.render(summary, targets)
    for target in targets where !rendered.contains(where: { $0.path == target.path }) {
      throw JobError(.internalError, file: job.file, message: "the analysis rendered no \(target.kind.rawValue) output")
    }
    // Each file is checked with the output it belongs to: its own, the md output for charts,
    // else the first.
    try Self.checkNotRead(
      rendered.map { file in
        let output =
          zip(targets, job.outputs).first { $0.0.path == file.path }?.1
          ?? job.outputs.first { $0.kind == .md && file.kind == "svg" } ?? job.outputs.first
        return (file.path, output)
      }, job: job, inputs: inputs)
    let obsolete = analysis.obsolete(rendered)
    if runID == nil {
      for file in rendered { logger.info("would write \(file.kind) to \(file.path)") }
      for path in obsolete.paths { logger.info("would remove \(path), left by an earlier run") }
      return RunResult(exitCode: 0, runID: nil, outputs: rendered.map(\.path), changes: changes, error: nil)
    }
    guard let runID, let history else { throw JobError(.internalError, file: job.file, message: "no run id") }

    try history.recordWriting(run: runID, outputs: rendered.map { ($0.kind, $0.path) })
    let set = OutputSet()
    do throws(JobError) {
      for file in rendered { try set.stage(kind: file.kind, path: file.path, bytes: file.bytes) }
    } catch {
      set.abandon()
      throw error
    }
    // The point of no return: every output is complete and durable in its temporary file.
    try history.recordStaged(
      run: runID, period: analysis.period, inputs: analysis.inputs, series: analysis.series, steps: analysis.steps,
      staged: set.staged)
    var published: [String] = []
    try set.publish { published.append($0) }
    try history.markOutputs(run: runID, paths: published, state: .written)
    for path in published { logger.info("wrote \(path)") }
    // Only now that every new output is in place: a run that failed before this point left
    // the previous outputs, and the files that go with them, as they were.
    let removed = NaturalOrder.sorted(obsolete.remove())
    for path in removed { logger.info("removed \(path), left by an earlier run") }

    let status: RunStatus = exceeded.isEmpty ? .succeeded : .warned
    let exitCode: Int32 = exceeded.isEmpty ? 0 : 2
    let message = exceeded.isEmpty ? nil : "over the job's thresholds: \(exceeded.joined(separator: "; "))"
    if let message { logger.warning("\(message)") }
    try history.finishRun(
      runID, status: status, exitCode: exitCode, endedAt: Timestamp.iso(now()), message: message,
      removedFiles: removed)
    logger.info("run \(runID) \(status.rawValue)")
    return RunResult(exitCode: exitCode, runID: runID, outputs: published, changes: changes, error: nil)
  }

  /// The files a job reads: its inputs (globs expanded), their mapping files, the chain, and
  /// the Markdown template and workbook layout when they are files.
  static func readPaths(_ job: Job, inputs: [ExpandedInput]) -> [String] {
    var paths = inputs.map(\.path) + job.inputs.compactMap(\.mapping)
    if let chain = job.chain { paths.append(chain) }
    if job.markdownTemplate.hasSuffix(".mustache") || job.markdownTemplate.contains("/") {
      paths.append(job.markdownTemplate)
    }
    if job.workbookLayout.hasSuffix(".yaml") || job.workbookLayout.contains("/") { paths.append(job.workbookLayout) }
    return paths
  }

  /// Refuses to write over a file the job reads: an output path that is one of
  /// ``readPaths(_:inputs:)``, as text or as the same file (``Reports/FileIdentity``: symbolic
  /// and hard links).
  /// - Parameter files: each path to write, with the output of the job file it comes from.
  /// - Throws: ``JobError`` `invalidJob` (exit 65) at that output's place in the job file.
  static func checkNotRead(_ files: [(path: String, output: JobOutput?)], job: Job, inputs: [ExpandedInput])
    throws(JobError)
  {
    let reads = readPaths(job, inputs: inputs)
    for (path, output) in files {
      guard let read = FileIdentity.overwrittenInput(output: path, inputs: reads) else { continue }
      throw JobError(
        .invalidJob, file: job.file, line: output?.location.line, column: output?.location.column,
        message:
          "the output \"\(path)\" is \(read == path ? "" : "the same file as ")\"\(read)\", which the job reads: writing it would replace it",
        expected: "an output path that is none of the job's inputs, mappings, chain, template or layout",
        hint: "nothing was written")
    }
  }

  /// The checks before any work: every output, the history database and the log file can be
  /// created (folders that do not exist yet would be created).
  /// - Throws: ``JobError`` `cannotWrite` (exit 73).
  public func preflight(_ job: Job) throws(JobError) {
    for output in job.outputs { try FileSystem.checkCreatable(output.pattern) }
    try FileSystem.checkCreatable(job.historyPath)
    if let log = job.logFile { try FileSystem.checkCreatable(log) }
  }

  /// The job's inputs with globs expanded (sorted), checking that each exists.
  /// - Throws: ``JobError`` `fileNotFound` (exit 66) for a missing file or a glob that matches
  ///   nothing, located at the input in the job file.
  public static func expand(_ job: Job) throws(JobError) -> [ExpandedInput] {
    var result: [ExpandedInput] = []
    for input in job.inputs {
      let isGlob = input.pattern.contains { $0 == "*" || $0 == "?" || $0 == "[" }
      if !isGlob {
        guard FileSystem.exists(input.pattern) else {
          throw JobError(
            .fileNotFound, file: job.file, line: input.location.line, column: input.location.column,
            message: "input \"\(input.pattern)\" does not exist", expected: "a file, relative to the job file's folder")
        }
        result.append(ExpandedInput(path: input.pattern, input: input))
        continue
      }
      var matches = glob_t()
      defer { globfree(&matches) }
      let status = glob(input.pattern, 0, nil, &matches)
      var paths: [String] = []
      if status == 0 {
        for i in 0..<Int(matches.gl_pathc) {
          if let p = matches.gl_pathv[i] { paths.append(String(cString: p)) }
        }
      }
      guard !paths.isEmpty else {
        throw JobError(
          .fileNotFound, file: job.file, line: input.location.line, column: input.location.column,
          message: "input \"\(input.pattern)\" matches no file", expected: "at least one file")
      }
      for path in paths.sorted() { result.append(ExpandedInput(path: path, input: input)) }
    }
    return result
  }
}
