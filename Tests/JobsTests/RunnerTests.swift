import Foundation
import Reports
import Logging
import Testing

@testable import Jobs

/// An analyser with fixed results, for the runner's own behaviour (no CSV involved).
struct FixedAnalyser: JobAnalyser {
  var series: [SeriesRecord] = RunChangesTests.today.series
  var rejectedRows = 0
  var failure: JobError? = nil
  /// Bytes per kind; a kind mapped to `nil` is left out of the rendering (a bug the runner must
  /// catch before writing anything).
  var texts: [OutputKind: String?] = [:]

  func analyse(_ job: Job, inputs: [ExpandedInput], now: Date) throws(JobError) -> JobAnalysis {
    if let failure { throw failure }
    let texts = self.texts
    return JobAnalysis(
      period: "2023/24", inputs: inputs.map { InputRecord(path: $0.path, size: 1, modified: 0, sha256: "", rows: 10, rejectedRows: rejectedRows) },
      series: series,
      render: { summary, targets throws(JobError) in
        var out: [RenderedOutput] = []
        for target in targets {
          if let text = texts[target.kind] {
            if let text { out.append(RenderedOutput(kind: target.kind.rawValue, path: target.path, bytes: Array(text.utf8))) }
          } else {
            let text = "\(target.kind.rawValue): \(summary.lines.joined(separator: "; "))\n"
            out.append(RenderedOutput(kind: target.kind.rawValue, path: target.path, bytes: Array(text.utf8)))
          }
        }
        return out
      })
  }
}

/// A logger that discards everything.
let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

@Suite struct RunnerTests {
  func job(in folder: String, extra: String = "") throws -> Job {
    try write("x\n", to: folder + "/in.csv")
    let yaml = "name: t\ninputs: in.csv\noutputs:\n  md: out/{period}/r.md\n  csv: out/{period}/r.csv\n\(extra)"
    try write(yaml, to: folder + "/t.yaml")
    return try Job.load(path: folder + "/t.yaml")
  }

  @Test func writesEveryOutputAndRecordsTheRun() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let job = try job(in: folder)
    let runner = JobRunner(analyser: FixedAnalyser(), now: { Date(timeIntervalSince1970: 1_795_000_000) })
    let first = runner.run(job, logger: quietLogger)
    #expect(first.exitCode == 0)
    #expect(first.outputs == [folder + "/out/2023-24/r.md", folder + "/out/2023-24/r.csv"])
    #expect(contents(folder + "/out/2023-24/r.md") == "md: This is the first run of the job: nothing to compare with.\n")
    let second = runner.run(job, logger: quietLogger)
    #expect(second.exitCode == 0)
    #expect(contents(folder + "/out/2023-24/r.md") == "md: Nothing changed.\n")
    let runs = try HistoryStore.open(path: job.historyPath).runs()
    #expect(runs.map(\.status) == [.succeeded, .succeeded])
    #expect(runs.map(\.startedAt) == ["2026-11-18T11:06:40Z", "2026-11-18T11:06:40Z"])
    #expect(runs[1].outputs.map(\.state) == [.written, .written])
    #expect(runs[1].outputs.map(\.sha256) == [SHA256.hex(Array("md: Nothing changed.\n".utf8)), SHA256.hex(Array("csv: Nothing changed.\n".utf8))])
  }

  @Test func aFailedOutputReplacesNone() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let job = try job(in: folder)
    #expect(JobRunner(analyser: FixedAnalyser()).run(job, logger: quietLogger).exitCode == 0)
    // The csv output's file name is now taken by a folder: renaming over it fails… but only
    // after the md output would have been staged; nothing may replace the previous md.
    let before = contents(folder + "/out/2023-24/r.md")
    try FileManager.default.removeItem(atPath: folder + "/out/2023-24/r.csv")
    try FileManager.default.createDirectory(atPath: folder + "/out/2023-24/r.csv", withIntermediateDirectories: true)
    var analyser = FixedAnalyser()
    analyser.texts = [.md: "NEW md\n"]
    let result = JobRunner(analyser: analyser).run(job, logger: quietLogger)
    #expect(result.exitCode == 73)
    #expect(contents(folder + "/out/2023-24/r.md") == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/2023-24").filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
    let runs = try HistoryStore.open(path: job.historyPath).runs()
    #expect(runs.last?.status == .failed)
    #expect(runs.last?.outputs.map(\.state) == [.abandoned, .abandoned])
  }

  @Test func thresholdsFailOrWarn() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // One stale indicator in the fixture (90319); 3 rejected rows.
    var analyser = FixedAnalyser()
    analyser.rejectedRows = 3
    let failing = try job(in: folder, extra: "thresholds: {max_rejected_rows: 2, on_exceed: fail}\n")
    let failed = JobRunner(analyser: analyser).run(failing, logger: quietLogger)
    #expect(failed.exitCode == 65)
    #expect(failed.error?.kind == .thresholdExceeded)
    #expect(failed.error?.message == "the run exceeded the job's thresholds: 3 rejected rows, more than max_rejected_rows (2)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))

    let warning = try job(in: folder, extra: "thresholds: {max_stale_indicators: 0, on_exceed: warn}\n")
    let warned = JobRunner(analyser: analyser).run(warning, logger: quietLogger)
    #expect(warned.exitCode == 2)
    #expect(FileManager.default.fileExists(atPath: folder + "/out/2023-24/r.md"))
    let runs = try HistoryStore.open(path: warning.historyPath).runs()
    #expect(runs.map(\.status) == [.failed, .warned])
    #expect(runs[1].message == "over the job's thresholds: 1 stale indicator, more than max_stale_indicators (0)")
  }

  @Test func badDataFailsWithItsCodeAndKeepsThePreviousOutputs() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let job = try job(in: folder)
    #expect(JobRunner(analyser: FixedAnalyser()).run(job, logger: quietLogger).exitCode == 0)
    let before = contents(folder + "/out/2023-24/r.md")
    var analyser = FixedAnalyser()
    analyser.failure = JobError(.invalidData, file: "in.csv", line: 3, column: 2, message: "bad")
    #expect(JobRunner(analyser: analyser).run(job, logger: quietLogger).exitCode == 65)
    #expect(contents(folder + "/out/2023-24/r.md") == before)
  }

  @Test func unwritableOutputFails73BeforeAnyWork() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let job = try job(in: folder)
    try write("a file where a folder should be", to: folder + "/out")
    // The analyser would fail with 65 if it were called: 73 proves the check came first.
    var analyser = FixedAnalyser()
    analyser.failure = JobError(.invalidData, file: "in.csv", message: "must not be reached")
    let result = JobRunner(analyser: analyser).run(job, logger: quietLogger)
    #expect(result.exitCode == 73)
    #expect(result.error?.description.contains("is a file, not a folder") == true)
    #expect(!FileManager.default.fileExists(atPath: job.historyPath))
    #expect(!FileManager.default.fileExists(atPath: job.lockPath))
  }

  @Test func missingInputIs66() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var job = try job(in: folder)
    job.inputs[0].pattern = folder + "/nothing-*.csv"
    let result = JobRunner(analyser: FixedAnalyser()).run(job, logger: quietLogger)
    #expect(result.exitCode == 66)
    #expect(result.error?.line == 2 && result.error?.column == 9)
  }

  /// An output that is an input is refused with 65 at the output's place in the job file
  /// (line 4, column 7 of "name: t / inputs: in.csv / outputs: /   md: …"), and the input is
  /// left as it was: a fixed path that is a symbolic link to the input (refused before the
  /// analysis, which would fail if reached), a `{period}` path that turns out to be the input
  /// (refused once rendered, before writing), and a glob input matched by a fixed output.
  @Test(arguments: ["symlink", "period", "glob"]) func outputThatIsAnInputIsRefused(_ how: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try write("x\n", to: folder + "/in.csv")
    var analyser = FixedAnalyser()
    let md: String
    switch how {
    case "symlink":
      try FileManager.default.createSymbolicLink(atPath: folder + "/link.md", withDestinationPath: "in.csv")
      md = "link.md"
      analyser.failure = JobError(.invalidData, file: "in.csv", message: "must not be reached")
    case "period":
      // FixedAnalyser's period is 2023/24, so {period}.csv is 2023-24.csv.
      try write("x\n", to: folder + "/2023-24.csv")
      md = "{period}.csv"
    default:
      md = "in.csv"
    }
    let inputs = how == "glob" ? "'*.csv'" : how == "period" ? "[in.csv, 2023-24.csv]" : "in.csv"
    try write("name: t\ninputs: \(inputs)\noutputs:\n  md: \"\(md)\"\n", to: folder + "/t.yaml")
    // A glob is not compared when the job file is read: the runner finds in.csv among its
    // matches.
    let job = try Job.load(path: folder + "/t.yaml")
    let result = JobRunner(analyser: analyser).run(job, logger: quietLogger)
    #expect(result.exitCode == 65, "\(how): \(result.error?.description ?? "")")
    #expect(result.error?.kind == .invalidJob)
    #expect(result.error?.line == 4 && result.error?.column == 7, "\(how)")
    #expect(result.error?.message.contains("which the job reads") == true, "\(how)")
    #expect(contents(folder + "/in.csv") == "x\n")
    if how == "period" { #expect(contents(folder + "/2023-24.csv") == "x\n") }
  }

  @Test func dryRunWritesNothing() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let job = try job(in: folder)
    let result = JobRunner(analyser: FixedAnalyser()).run(job, dryRun: true, logger: quietLogger)
    #expect(result.exitCode == 0)
    #expect(result.outputs == [folder + "/out/2023-24/r.md", folder + "/out/2023-24/r.csv"])
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    #expect(try HistoryStore.open(path: job.historyPath).runs().isEmpty)
  }

  @Test func secondRunWhileLockedExits75NamingTheHolder() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let job = try job(in: folder)
    let held = try JobLock.acquire(path: job.lockPath, holder: "pid 4242, started 2026-11-24T02:30:00Z")
    let result = JobRunner(analyser: FixedAnalyser()).run(job, logger: quietLogger)
    #expect(result.exitCode == 75)
    #expect(result.error?.message == "another run of this job is still running (pid 4242, started 2026-11-24T02:30:00Z)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
    // flock locks belong to open files, so even this process sees its own lock as held.
    #expect(JobLock.isHeld(path: job.lockPath))
    held.release()
    #expect(JobRunner(analyser: FixedAnalyser()).run(job, logger: quietLogger).exitCode == 0)
  }
}

@Suite struct ScheduleTests {
  @Test(arguments: [
    (ScheduleTime.Cadence.daily, "30 2 * * * cd /srv/jobs && /usr/local/bin/backbone run /srv/jobs/nightly.yaml --quiet", "*-*-* 02:30:00"),
    (.weekdays, "30 2 * * 1-5 cd /srv/jobs && /usr/local/bin/backbone run /srv/jobs/nightly.yaml --quiet", "Mon..Fri *-*-* 02:30:00"),
    // An April fiscal year: quarters start in April, July, October and January.
    (.quarterly(fiscalYearStartMonth: 4), "30 2 1 1,4,7,10 * cd /srv/jobs && /usr/local/bin/backbone run /srv/jobs/nightly.yaml --quiet", "*-01,04,07,10-01 02:30:00"),
    (.quarterly(fiscalYearStartMonth: 11), "30 2 1 2,5,8,11 * cd /srv/jobs && /usr/local/bin/backbone run /srv/jobs/nightly.yaml --quiet", "*-02,05,08,11-01 02:30:00"),
  ])
  func crontabAndTimer(cadence: ScheduleTime.Cadence, cron: String, calendar: String) {
    let time = ScheduleTime(hour: 2, minute: 30, cadence: cadence)
    #expect(ScheduleText.crontab(executable: "/usr/local/bin/backbone", jobFile: "/srv/jobs/nightly.yaml", time: time) == cron)
    let units = ScheduleText.systemd(executable: "/usr/local/bin/backbone", jobFile: "/srv/jobs/nightly.yaml", jobName: "nightly", time: time)
    #expect(units.map(\.name) == ["backbone-nightly.service", "backbone-nightly.timer"])
    #expect(units[1].text.contains("OnCalendar=\(calendar)\n"))
    #expect(units[0].text.contains("ExecStart=/usr/local/bin/backbone run /srv/jobs/nightly.yaml --quiet\n"))
  }

  @Test func pathsWithSpacesAreQuoted() {
    let time = ScheduleTime(hour: 7, minute: 5, cadence: .daily)
    #expect(
      ScheduleText.crontab(executable: "/opt/my tools/backbone", jobFile: "/home/a b/j.yaml", time: time)
        == "5 7 * * * cd '/home/a b' && '/opt/my tools/backbone' run '/home/a b/j.yaml' --quiet")
  }

  @Test(arguments: [("02:30", true), ("2:05", true), ("23:59", true), ("24:00", false), ("02:60", false), ("0230", false), ("", false)])
  func times(text: String, valid: Bool) {
    #expect((ScheduleTime.time(text) != nil) == valid)
  }
}
