import ArgumentParser
import Foundation
import Jobs
import Logging
import Reports

/// Loads a job file, printing every problem (in line order) and throwing the exit code.
func loadJob(_ path: String) throws -> Job {
  do { return try Job.load(path: path) } catch {
    let all = Job.problems(inFile: path)
    for problem in all.dropLast() { Terminal.error(problem.description) }
    Terminal.error((all.last ?? error).description)
    throw ExitCode(error.exitCode)
  }
}

struct RunJob: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a job: read its inputs, assess them, write its outputs all or nothing, record the run.",
    discussion: """
      JOB is a job file (YAML; see examples/nightly.yaml). The job file is checked first, and every \
      problem is reported with its file, line and column. Then, in order, before any work: every \
      output folder, the history and the log are checked writable (73); the job's lock is taken \
      (a second run of the same job exits at once with 75, naming the running process); every \
      input is checked present (66). Then the inputs are read and assessed (65 for bad data); \
      the outputs are \
      written to temporary files, fsynced, and renamed into place only when all are complete, so \
      a failed or killed run never leaves a partial file and never replaces only some outputs \
      for good (a run killed while renaming is completed by the next run); the run, its inputs \
      (size, time, SHA-256), outputs and key results are recorded in the job's history (SQLite).

      Logs go to the job's log file when it names one (warnings and errors also to stderr), else \
      to stderr: one line per event with the time (UTC), the level and the job's name. stdout \
      gets the paths written, one a line. With --quiet, only warnings and errors are printed.

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The job file (YAML).")
  var job: String

  @Flag(name: .shortAndLong, help: "Print nothing on success (for cron: it mails only failures).")
  var quiet = false

  @Flag(name: .customLong("dry-run"), help: "Check and assess everything, say what would be written, write nothing.")
  var dryRun = false

  func run() throws {
    let job = try loadJob(job)
    var logFD: Int32? = nil
    if let file = job.logFile, !dryRun {
      do { logFD = try JobLogHandler.openLogFile(file) } catch {
        Terminal.error(error.description)
        throw ExitCode(error.exitCode)
      }
    }
    defer { if let logFD { close(logFD) } }
    let name = job.name
    let logger = Logger(label: name) { label in
      var handlers: [any LogHandler] = []
      if let logFD {
        handlers.append(JobLogHandler(label: label, fd: logFD, level: .info))
        // Warnings (a threshold exceeded, a killed run completed) and errors also reach stderr,
        // so that cron mails them.
        handlers.append(JobLogHandler(label: label, fd: 2, level: .warning))
      } else {
        handlers.append(JobLogHandler(label: label, fd: 2, level: quiet ? .warning : .info))
      }
      return FanOutLogHandler(handlers)
    }
    let generation = ReportOptions.generationTime(
      environment: ProcessInfo.processInfo.environment, now: Int64(Date().timeIntervalSince1970))
    let result = JobRunner(analyser: ReportJobAnalyser(generatedAt: generation.fromEnvironment ? generation.seconds : nil, fromSourceDateEpoch: generation.fromEnvironment, backboneVersion: BackboneVersion.current)).run(job, dryRun: dryRun, logger: logger)
    if !quiet || dryRun {
      for path in result.outputs { Terminal.list(path + "\n") }
    }
    if result.exitCode != 0 { throw ExitCode(result.exitCode) }
  }
}

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List a job's runs: when, how they ended, what they wrote and removed.",
    discussion: ExitStatus.helpText)

  @Argument(help: "The job file (YAML).")
  var job: String

  @Flag(help: "One JSON document (schemaVersion 1) instead of a table.")
  var json = false

  func run() throws {
    let job = try loadJob(job)
    guard FileManager.default.fileExists(atPath: job.historyPath) else {
      Terminal.error("\(job.historyPath): error: the job has no history yet\n  hint: run it first: backbone run \(self.job)")
      throw ExitCode(ExitStatus.noInput)
    }
    let runs: [RunRecord]
    do { runs = try HistoryStore.open(path: job.historyPath).runs() } catch {
      Terminal.error(error.description)
      throw ExitCode(error.exitCode)
    }
    if json {
      Terminal.out(HistoryRendering.json(job: job.name, runs: runs))
    } else {
      Terminal.out(HistoryRendering.table(runs))
    }
  }
}

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Show what changed between two runs of a job (default: the last two good runs).",
    discussion: """
      New periods of data, revised back-data (a value changed for a period already reported), \
      series whose status, significance, benchmark comparison or target progress changed, chain \
      steps whose progress changed, and series that went stale. Run ids are those of \
      `backbone history`.

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The job file (YAML).")
  var job: String

  @Argument(help: "The earlier run's id.")
  var runA: Int64?

  @Argument(help: "The later run's id.")
  var runB: Int64?

  @Flag(help: "One JSON document (schemaVersion 1).")
  var json = false

  func validate() throws {
    if (runA == nil) != (runB == nil) { throw ValidationError("give two run ids, or none for the last two good runs.") }
  }

  func run() throws {
    let job = try loadJob(job)
    guard FileManager.default.fileExists(atPath: job.historyPath) else {
      Terminal.error("\(job.historyPath): error: the job has no history yet\n  hint: run it first: backbone run \(self.job)")
      throw ExitCode(ExitStatus.noInput)
    }
    do {
      let store = try HistoryStore.open(path: job.historyPath)
      var ids = [runA, runB].compactMap { $0 }
      if ids.isEmpty { ids = try store.latestGoodRuns(2) }
      guard ids.count == 2 else {
        Terminal.error("\(job.historyPath): error: the history has fewer than two good runs to compare")
        throw ExitCode(ExitStatus.noInput)
      }
      guard let a = try store.run(ids[0]), let b = try store.run(ids[1]) else {
        Terminal.error("\(job.historyPath): error: no run \(try store.run(ids[0]) == nil ? ids[0] : ids[1]) in the history")
        throw ExitCode(ExitStatus.usage)
      }
      let changes = RunComparison.changes(from: a, to: b)
      if json {
        Terminal.out(HistoryRendering.changesJSON(from: a, to: b, changes: changes))
      } else {
        Terminal.out("Changes from run \(a.id) (\(a.startedAt)) to run \(b.id) (\(b.startedAt)):\n")
        Terminal.out(changes.isEmpty ? "Nothing changed.\n" : changes.map { "- \($0)\n" }.joined())
      }
    } catch let error as JobError {
      Terminal.error(error.description)
      throw ExitCode(error.exitCode)
    }
  }
}

struct ScheduleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schedule",
    abstract: "Print a crontab line and a systemd service and timer for a job (installs nothing).",
    discussion: """
      The lines use absolute paths and `run --quiet`, so cron mails only failures; the job's log \
      file, when it names one, gets every event. Install the crontab line with `crontab -e`, or \
      the two systemd units under ~/.config/systemd/user/ (then `systemctl --user enable --now \
      backbone-NAME.timer`).

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The job file (YAML).")
  var job: String

  @Option(help: "The time of day, HH:MM on a 24-hour clock (the machine's local time).")
  var at = "02:30"

  @Flag(help: "Monday to Friday only.")
  var weekdays = false

  @Flag(help: "On the first day of each quarter of the job's fiscal year.")
  var quarterly = false

  func validate() throws {
    if ScheduleTime.time(at) == nil { throw ValidationError("--at takes a time such as 02:30, not \"\(at)\".") }
    if weekdays && quarterly { throw ValidationError("--weekdays and --quarterly cannot be used together.") }
  }

  func run() throws {
    let loaded = try loadJob(job)
    let clock = ScheduleTime.time(at) ?? (2, 30)
    let cadence: ScheduleTime.Cadence =
      quarterly ? .quarterly(fiscalYearStartMonth: loaded.fiscalYearStartMonth) : weekdays ? .weekdays : .daily
    let time = ScheduleTime(hour: clock.hour, minute: clock.minute, cadence: cadence)
    let executable = absolutePath(CommandLine.arguments[0], preferring: "/proc/self/exe")
    let jobFile = absolutePath(job)
    var text = "# crontab line (crontab -e):\n"
    text += ScheduleText.crontab(executable: executable, jobFile: jobFile, time: time) + "\n"
    for unit in ScheduleText.systemd(executable: executable, jobFile: jobFile, jobName: loaded.name, time: time) {
      text += "\n# \(unit.name) (~/.config/systemd/user/\(unit.name)):\n" + unit.text
    }
    Terminal.out(text)
  }

  /// The absolute, symlink-free path of `path` (or of `preferred` when it resolves).
  func absolutePath(_ path: String, preferring preferred: String? = nil) -> String {
    if let preferred, let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: preferred) {
      return resolved
    }
    let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    return url.path
  }
}

/// The text of `history` and `diff`.
enum HistoryRendering {
  static func table(_ runs: [RunRecord]) -> String {
    guard !runs.isEmpty else { return "No runs yet.\n" }
    var s = "run  started               ended                 status       exit  period      outputs\n"
    for r in runs {
      let written = r.outputs.filter { $0.state == .written }.count
      let removed = r.removedFiles.isEmpty ? "" : ", \(r.removedFiles.count) removed"
      s += pad(String(r.id), 5) + pad(r.startedAt, 22) + pad(r.endedAt ?? "-", 22) + pad(r.status.rawValue, 13)
        + pad(r.exitCode.map(String.init) ?? "-", 6) + pad(r.period ?? "-", 12) + "\(written) written\(removed)\n"
      // The files removed, one a line under their run (an earlier report's stale charts).
      for path in r.removedFiles { s += "     removed " + path + "\n" }
    }
    return s
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }

  static func string(_ text: String?) -> String {
    guard let text else { return "null" }
    let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
    return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
  }

  static func json(job: String, runs: [RunRecord]) -> String {
    let items = runs.map { r in
      let outputs = r.outputs.map {
        "{\"kind\":\(string($0.kind)),\"path\":\(string($0.path)),\"state\":\(string($0.state.rawValue)),\"sha256\":\(string($0.sha256))}"
      }
      return "{\"id\":\(r.id),\"startedAt\":\(string(r.startedAt)),\"endedAt\":\(string(r.endedAt)),"
        + "\"status\":\(string(r.status.rawValue)),\"exitCode\":\(r.exitCode.map(String.init) ?? "null"),"
        + "\"period\":\(string(r.period)),\"message\":\(string(r.message)),\"outputs\":[\(outputs.joined(separator: ","))],"
        + "\"removed\":[\(r.removedFiles.map(string).joined(separator: ","))]}"
    }
    return "{\"schemaVersion\":1,\"job\":\(string(job)),\"runs\":[\(items.joined(separator: ","))]}\n"
  }

  static func changesJSON(from a: RunRecord, to b: RunRecord, changes: [RunChange]) -> String {
    let items = changes.map {
      "{\"kind\":\(string($0.kind.rawValue)),\"subject\":\(string($0.subject)),\"period\":\(string($0.period)),"
        + "\"before\":\(string($0.before)),\"after\":\(string($0.after)),\"text\":\(string($0.description))}"
    }
    return "{\"schemaVersion\":1,\"from\":\(a.id),\"to\":\(b.id),\"changes\":[\(items.joined(separator: ","))]}\n"
  }
}
