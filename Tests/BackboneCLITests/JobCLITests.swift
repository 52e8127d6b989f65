import BackboneTestSupport
import Foundation
import Jobs
import Testing

/// `backbone run`, `history`, `diff` and `schedule`, run as the built binary in a temporary
/// folder holding a job over copies of the bundled fixtures.
@Suite struct JobCLITests {
  /// A job folder: `data.csv` (the OWID under-five mortality fixture), `hw.csv` (the Healthy
  /// Weight chain's data) and `job.yaml` writing md, csv, json and xlsx under `out/`.
  struct JobFolder {
    let path: String
    var job: String { path + "/job.yaml" }
    var outputs: [String] {
      ["out/2023-24/report.md", "out/key-results.csv", "out/report.json", "out/2023-24/pack.xlsx"].map { path + "/" + $0 }
    }

    init(extra: String = "") throws {
      path = try temporaryDirectory().path
      try FileManager.default.copyItem(
        atPath: root.path + "/fixtures/owid-child-mortality-3-countries.csv", toPath: path + "/data.csv")
      try FileManager.default.copyItem(atPath: root.path + "/fixtures/chains/healthy-weight.csv", toPath: path + "/hw.csv")
      let yaml = """
        name: test-job
        inputs:
          - data.csv
          - path: hw.csv
            layout: generic
        indicators: \(root.path)/indicators
        templates: \(root.path)/templates
        period: latest
        outputs:
          md: out/{period}/report.md
          csv: out/key-results.csv
          json: out/report.json
          xlsx: out/{period}/pack.xlsx
        \(extra)
        """
      try yaml.write(toFile: job, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The bytes of every output (`nil` for a missing one).
    func snapshot() -> [Data?] { outputs.map { FileManager.default.contents(atPath: $0) } }

    /// Temporary files left in the output folders.
    func leftovers() -> [String] {
      let folders = Set(outputs.map { ($0 as NSString).deletingLastPathComponent })
      return folders.flatMap { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp-") }
      }
    }
  }

  /// Starts `backbone` without waiting (stdout and stderr to /dev/null), with a fixed workbook
  /// timestamp so that equal inputs give equal bytes.
  static func start(_ arguments: [String], in folder: String) throws -> Process {
    let process = Process()
    let binary = Bundle.main.bundleURL.appendingPathComponent("backbone")
    process.executableURL =
      FileManager.default.fileExists(atPath: binary.path) ? binary : root.appendingPathComponent(".build/debug/backbone")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "C"
    environment["SOURCE_DATE_EPOCH"] = "1700000000"
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  static func historyJSON(_ folder: JobFolder) throws -> [[String: Any]] {
    let r = try backbone(["history", folder.job, "--json"])
    #expect(r.status == 0, "history failed: \(r.stderr)")
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    return doc?["runs"] as? [[String: Any]] ?? []
  }

  @Test func runWritesEveryOutputAndPrintsThePaths() throws {
    let folder = try JobFolder()
    defer { folder.remove() }
    let r = try backbone(["run", "job.yaml"], in: URL(fileURLWithPath: folder.path))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "out/2023-24/report.md\nout/key-results.csv\nout/report.json\nout/2023-24/pack.xlsx\n")
    for output in folder.outputs { #expect(FileManager.default.fileExists(atPath: output)) }
    // One log line per event: time (UTC, milliseconds), level, job name.
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.first?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info \[test-job\] run started/) != nil)
    #expect(lines.last?.hasSuffix("info [test-job] run 1 succeeded") == true)

    let quiet = try backbone(["run", "job.yaml", "--quiet"], in: URL(fileURLWithPath: folder.path))
    #expect(quiet.status == 0)
    #expect(quiet.stdout.isEmpty)
    #expect(quiet.stderr.isEmpty)

    let history = try backbone(["history", folder.job])
    #expect(history.status == 0)
    #expect(history.stdout.split(separator: "\n").count == 3)
    let diff = try backbone(["diff", folder.job])
    #expect(diff.status == 0)
    #expect(diff.stdout.hasSuffix("\nNothing changed.\n"))
  }

  /// With `log:` in the job, every event goes to the log file (appended run after run) and
  /// nothing to stderr on success; the funder workbook of the second run has its "Changes"
  /// sheet.
  @Test func logFileGetsTheEventsAndWorkbookHasChanges() throws {
    let folder = try JobFolder(extra: "log: logs/job.log")
    defer { folder.remove() }
    let first = try backbone(["run", folder.job])
    #expect(first.status == 0)
    #expect(first.stderr.isEmpty)
    #expect(try backbone(["run", folder.job]).status == 0)
    let log = try String(contentsOfFile: folder.path + "/logs/job.log", encoding: .utf8)
    let lines = log.split(separator: "\n")
    #expect(lines.allSatisfy { $0.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|notice|warning) \[test-job\] .+/) != nil })
    #expect(lines.filter { $0.hasSuffix("] run started") }.count == 2)
    #expect(lines.contains { $0.hasSuffix("] run 2 succeeded") })
    let workbook = try unzipped(folder.outputs[3], part: "xl/workbook.xml")
    #expect(workbook.contains("name=\"Summary\""))
    #expect(workbook.contains("name=\"Changes\""))
  }

  /// The two example jobs run on the bundled data (in a copy, so that nothing is written in
  /// the repository) and print the paths of what they wrote.
  @Test(arguments: [
    ("examples/quarterly-funder-pack.yaml", "examples/reports/2023-24-Q4/funder-pack.xlsx\nexamples/reports/2023-24-Q4/report.md\n"),
    ("examples/nightly.yaml", "examples/reports/nightly.md\nexamples/reports/nightly-key-results.csv\nexamples/reports/nightly.json\n"),
  ])
  func examplesRun(job: String, paths: String) throws {
    let copy = try temporaryDirectory().path
    defer { try? FileManager.default.removeItem(atPath: copy) }
    for folder in ["examples", "indicators", "templates", "fixtures"] {
      try FileManager.default.copyItem(atPath: root.path + "/" + folder, toPath: copy + "/" + folder)
    }
    let r = try backbone(["run", job], in: URL(fileURLWithPath: copy))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == paths)
    for path in paths.split(separator: "\n") { #expect(FileManager.default.fileExists(atPath: copy + "/" + path)) }
  }

  @Test func dryRunSaysWhatItWouldWriteAndWritesNothing() throws {
    let folder = try JobFolder()
    defer { folder.remove() }
    let r = try backbone(["run", folder.job, "--dry-run", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(separator: "\n").map(String.init) == folder.outputs)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.csv", "hw.csv", "job.yaml"])
  }

  /// Revised back-data and a new period between two runs: the second report's "Changes since
  /// the last run" lists them, and `diff` agrees. The edit: Bangladesh 2012 changed from
  /// 4.4451346 (the fixture's value) to 4.5, and a 2023 row added with 2.9.
  @Test func changesSinceTheLastRun() throws {
    let folder = try JobFolder()
    defer { folder.remove() }
    #expect(try backbone(["run", folder.job, "--quiet"]).status == 0)
    var data = try String(contentsOfFile: folder.path + "/data.csv", encoding: .utf8)
    #expect(data.contains("Bangladesh,BGD,2012,4.4451346\n"))
    data = data.replacing("Bangladesh,BGD,2012,4.4451346\n", with: "Bangladesh,BGD,2012,4.5\n") + "Bangladesh,BGD,2023,2.9\n"
    try data.write(toFile: folder.path + "/data.csv", atomically: true, encoding: .utf8)
    #expect(try backbone(["run", folder.job, "--quiet"]).status == 0)
    let report = try String(contentsOfFile: folder.outputs[0], encoding: .utf8)
    let expected = """
      - Under-five mortality rate (BGD): new data for 2023 (2.9)
      - Under-five mortality rate (BGD): 2012 revised from 4.4451346 to 4.5
      """
    #expect(report.contains("## Changes since the last run\n\n" + expected + "\n"))
    // The workbook's Changes sheet has the same lines (its "What changed" column).
    let strings = try unzipped(folder.outputs[3], part: "xl/sharedStrings.xml")
    #expect(strings.contains("<t>Under-five mortality rate (BGD): 2012 revised from 4.4451346 to 4.5</t>"))
    #expect(strings.contains("<t>Under-five mortality rate (BGD): new data for 2023 (2.9)</t>"))
    let diff = try backbone(["diff", folder.job, "1", "2"])
    #expect(diff.stdout.hasSuffix(expected + "\n"))
    let json = try backbone(["diff", folder.job, "--json"])
    let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let kinds = (doc?["changes"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
    #expect(kinds == ["new period", "revised value"])
  }

  /// A job file with a mistake: every problem with its line and column, exit 65, nothing done.
  @Test func badJobFileIsReportedWithLineAndColumn() throws {
    let folder = try JobFolder()
    defer { folder.remove() }
    try "name: j\ninputs: data.csv\noutputs:\n  mdd: out.md\nperiod: yesterday\n".write(
      toFile: folder.job, atomically: true, encoding: .utf8)
    let r = try backbone(["run", "job.yaml"], in: URL(fileURLWithPath: folder.path))
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr == """
        job.yaml:4:3: error: unknown key "mdd" in "outputs"
          expected: one of xlsx, md, csv, json
          hint: did you mean "md"?
        job.yaml:5:9: error: "period" is not a period label
          expected: latest, latest-complete-quarter, or a label such as 2024, 2024/25, 2024-Q3 or FY2024-Q2

        """)
  }

  /// A Markdown template with a misspelt field: reported with the template's line and column,
  /// exit 65, before the lock is taken or any input read (no lock file, no history, no output).
  @Test func badTemplateFailsBeforeAnyWork() throws {
    let folder = try JobFolder(extra: "markdown_template: mine.md.mustache")
    defer { folder.remove() }
    try "# {{title}}\n\nLatest: {{latestValu}}\n".write(toFile: folder.path + "/mine.md.mustache", atomically: true, encoding: .utf8)
    let r = try backbone(["run", folder.job, "--quiet"])
    #expect(r.status == 65)
    #expect(r.stderr.contains("\(folder.path)/mine.md.mustache:3:"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        == ["data.csv", "hw.csv", "job.yaml", "mine.md.mustache"])
  }

  /// Bad input: the run fails with 65 and the location of the bad record, the previous outputs
  /// stay byte for byte, and the history records the failure.
  @Test func badInputFails65WithThePreviousReportIntact() throws {
    let folder = try JobFolder()
    defer { folder.remove() }
    #expect(try backbone(["run", folder.job, "--quiet"]).status == 0)
    let before = folder.snapshot()
    let handle = try #require(FileHandle(forWritingAtPath: folder.path + "/data.csv"))
    handle.seekToEndOfFile()
    handle.write(Data("Peru,PER,2023,1.1,extra\n".utf8))
    try handle.close()
    let r = try backbone(["run", folder.job, "--quiet"])
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    // The OWID fixture has 40 lines (header and 39 rows), so the appended record is line 41.
    #expect(r.stderr.contains("data.csv:41:5: error: this record has 5 fields but the header has 4"))
    #expect(folder.snapshot() == before)
    #expect(folder.leftovers().isEmpty)
    let runs = try Self.historyJSON(folder)
    #expect(runs.compactMap { $0["status"] as? String } == ["succeeded", "failed"])
    #expect(runs.last?["exitCode"] as? Int == 65)
  }

  /// An output folder that cannot be created (a file stands where the folder should be): 73
  /// before any work, no history, no lock file, the other outputs untouched.
  @Test func unwritableOutputFails73BeforeAnyWork() throws {
    let folder = try JobFolder()
    defer { folder.remove() }
    try "in the way".write(toFile: folder.path + "/out", atomically: true, encoding: .utf8)
    let r = try backbone(["run", folder.job])
    #expect(r.status == 73)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("error: cannot create the output: \"\(folder.path)/out\" is a file, not a folder"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.csv", "hw.csv", "job.yaml", "out"])
    #expect(try String(contentsOfFile: folder.path + "/out", encoding: .utf8) == "in the way")
  }

  /// A history database overwritten with text: the run says so, moves it aside, exits 65 and
  /// writes nothing; the next run starts a new history.
  @Test func corruptHistoryIsMovedAside() throws {
    let folder = try JobFolder()
    defer { folder.remove() }
    let history = folder.path + "/test-job.history.sqlite"
    try "not a database".write(toFile: history, atomically: true, encoding: .utf8)
    let r = try backbone(["run", folder.job, "--quiet"])
    #expect(r.status == 65)
    #expect(r.stderr.contains("the run history is not a valid database"))
    #expect(r.stderr.contains("it was moved aside to \(history).corrupt-"))
    let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".corrupt-") }
    #expect(aside.count == 1)
    #expect(try String(contentsOfFile: folder.path + "/" + aside[0], encoding: .utf8) == "not a database")
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    #expect(try backbone(["run", folder.job, "--quiet"]).status == 0)
    #expect(try Self.historyJSON(folder).count == 1)
  }

  /// Two runs at once: the first is frozen (SIGSTOP) while it holds the lock, so the second
  /// certainly overlaps it; the second exits 75 at once naming the first's process, and the
  /// first, resumed, succeeds.
  @Test func secondConcurrentRunExits75() throws {
    for _ in 1...10 {
      let folder = try JobFolder()
      defer { folder.remove() }
      let lock = folder.path + "/test-job.history.sqlite.lock"
      let first = try Self.start(["run", folder.job, "--quiet"], in: folder.path)
      var held = false
      let holder = "pid \(first.processIdentifier), started "
      for _ in 0..<5000 where first.isRunning {
        // Held, and the holder has written who it is (just after taking the lock).
        if JobLock.isHeld(path: lock), (try? String(contentsOfFile: lock, encoding: .utf8))?.hasPrefix(holder) == true {
          kill(first.processIdentifier, SIGSTOP)
          held = JobLock.isHeld(path: lock)
          break
        }
        usleep(200)
      }
      guard held else {
        // The first run finished before it could be frozen: try again.
        kill(first.processIdentifier, SIGCONT)
        first.waitUntilExit()
        continue
      }
      let second = try backbone(["run", folder.job, "--quiet"])
      kill(first.processIdentifier, SIGCONT)
      first.waitUntilExit()
      #expect(second.status == 75)
      #expect(second.stdout.isEmpty)
      #expect(second.stderr.contains("another run of this job is still running (pid \(first.processIdentifier), started "))
      #expect(first.terminationStatus == 0)
      #expect(try Self.historyJSON(folder).count == 1, "the refused run must not be recorded")
      return
    }
    Issue.record("the first run finished before it could be frozen in 10 attempts")
  }

  /// A run killed with SIGKILL while it holds the lock leaves its lock file (naming it) behind;
  /// the next run is not blocked by it, and records the killed run as interrupted.
  @Test func lockOfAKilledRunDoesNotBlock() throws {
    for _ in 1...10 {
      let folder = try JobFolder()
      defer { folder.remove() }
      let lock = folder.path + "/test-job.history.sqlite.lock"
      let first = try Self.start(["run", folder.job, "--quiet"], in: folder.path)
      var killedHolding = false
      let holder = "pid \(first.processIdentifier), started "
      for _ in 0..<5000 where first.isRunning {
        if JobLock.isHeld(path: lock), (try? String(contentsOfFile: lock, encoding: .utf8))?.hasPrefix(holder) == true {
          kill(first.processIdentifier, SIGKILL)
          first.waitUntilExit()
          killedHolding = first.terminationReason == .uncaughtSignal
          break
        }
        usleep(200)
      }
      first.waitUntilExit()
      guard killedHolding else { continue }
      let left = try String(contentsOfFile: lock, encoding: .utf8)
      #expect(left.hasPrefix("pid \(first.processIdentifier), started "))
      #expect(!JobLock.isHeld(path: lock))
      let next = try backbone(["run", folder.job, "--quiet"])
      #expect(next.status == 0, "\(next.stderr)")
      let statuses = try Self.historyJSON(folder).compactMap { $0["status"] as? String }
      #expect(statuses == ["succeeded"] || statuses == ["interrupted", "succeeded"])
      return
    }
    Issue.record("the first run finished before it could be killed in 10 attempts")
  }

  /// SIGKILL at random moments over many seeds (`BACKBONE_KILL_SEEDS`, default 20; see
  /// scripts/kill-test.sh for a longer run): after each
  /// kill every output is whole and is either the previous one or the killed run's (checked by
  /// SHA-256 against the history); a mix of the two is allowed only when the killed run had
  /// passed its point of no return, and the next run then completes the killed run's set; the
  /// next run always succeeds and leaves no temporary file. Repeatable: the delay of each kill
  /// comes from a SplitMix64 generator seeded with the seed.
  @Test func sigkillAtRandomMomentsLeavesOldOrNewOutputs() throws {
    let seeds = Int(ProcessInfo.processInfo.environment["BACKBONE_KILL_SEEDS"] ?? "") ?? 20
    let folder = try JobFolder()
    defer { folder.remove() }
    let original = try String(contentsOfFile: folder.path + "/data.csv", encoding: .utf8)
    #expect(original.hasSuffix("Peru,PER,2022,1.5074155\n"))
    // How long a run takes: the shorter of two, then the shortest run that finished before its
    // kill (the machine's load changes while the other tests run).
    var typical = Double.infinity
    for _ in 0..<2 {
      let started = Date()
      #expect(try backbone(["run", folder.job, "--quiet"]).status == 0)
      typical = min(typical, Date().timeIntervalSince(started))
    }
    var killedBeforeDone = 0, mixed = 0
    for seed in 0..<seeds {
      var rng = SeededGenerator(seed: UInt64(seed))
      // A different input each time: Peru's 2022 value revised, so that every run's outputs
      // differ (and their paths stay the same).
      let data = original.replacing("Peru,PER,2022,1.5074155\n", with: "Peru,PER,2022,\(1.5 + Double(seed) / 100)\n")
      try data.write(toFile: folder.path + "/data.csv", atomically: true, encoding: .utf8)
      let before = folder.snapshot()
      // Even seeds anywhere in the run; odd seeds near its end, where the outputs are written.
      let delay = Double.random(in: seed % 2 == 0 ? 0...(1.3 * typical) : (0.75 * typical)...(1.1 * typical), using: &rng)
      let launched = Date()
      let process = try Self.start(["run", folder.job, "--quiet"], in: folder.path)
      usleep(UInt32(delay * 1_000_000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      if process.terminationReason == .uncaughtSignal {
        killedBeforeDone += 1
      } else {
        typical = min(typical, Date().timeIntervalSince(launched))
      }
      let after = folder.snapshot()
      let afterHashes = folder.outputs.map { sha256($0) }

      let next = try backbone(["run", folder.job, "--quiet"])
      #expect(next.status == 0, "seed \(seed): the run after the kill failed: \(next.stderr)")
      #expect(folder.leftovers().isEmpty, "seed \(seed): temporary files left: \(folder.leftovers())")

      // The killed run's record (if it got as far as recording itself) and its outputs' hashes.
      let runs = try Self.historyJSON(folder)
      let killed = runs.dropLast().last.flatMap { run -> [String: Any]? in
        (run["status"] as? String).map { ["interrupted", "succeeded", "failed"].contains($0) } == true ? run : nil
      }
      let killedOutputs = (killed?["outputs"] as? [[String: Any]]) ?? []
      let killedHash = Dictionary(
        killedOutputs.compactMap { o in (o["path"] as? String).map { ($0, o["sha256"] as? String) } },
        uniquingKeysWith: { a, _ in a })
      var old = 0, new = 0
      for (i, path) in folder.outputs.enumerated() {
        let isOld = after[i] == before[i]
        let isNew = afterHashes[i] != nil && killedHash[path] == afterHashes[i]
        #expect(isOld || isNew, "seed \(seed): \(path) is neither the previous output nor the killed run's")
        if isOld { old += 1 } else if isNew { new += 1 }
      }
      if old > 0 && new > 0 {
        mixed += 1
        // Killed while renaming: the next run must have completed the killed run's set.
        let states = killedOutputs.compactMap { $0["state"] as? String }
        #expect(states == Array(repeating: "written", count: folder.outputs.count), "seed \(seed): mixed outputs not completed")
      }
    }
    // The kills must land before the end of the run often enough for the test to mean something.
    #expect(killedBeforeDone >= seeds / 3, "only \(killedBeforeDone) of \(seeds) runs were killed before they finished")
    print("sigkill: \(seeds) seeds, \(killedBeforeDone) killed before finishing, \(mixed) killed while renaming")
  }

  /// `history` shows the charts a run removed where it shows the outputs: a job writing an
  /// indicator brief of I1 and I2 (one area, so one chart each: `1-I1.svg`, `2-I2.svg`), then
  /// run again after I2 left the data. Run 2 wrote the brief and I1's chart and removed
  /// `2-I2.svg`: the table says "2 written, 1 removed" and lists the path under the run; the
  /// JSON has it in `removed`; run 1 removed nothing (no suffix, `removed` empty). The file is
  /// gone and I1's chart stays.
  @Test func historyShowsTheChartsARunRemoved() throws {
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    func data(_ ids: [String]) throws {
      var csv = "indicator_id,area_code,period,value\n"
      for id in ids { for year in 2021...2023 { csv += "\(id),X,\(year),\(year - 2000)\n" } }
      try csv.write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    }
    let yaml = """
      name: briefs
      inputs: data.csv
      outputs: {md: out/brief.md}
      markdown_template: indicator-brief
      templates: \(root.path)/templates
      """
    try yaml.write(to: folder.appendingPathComponent("job.yaml"), atomically: true, encoding: .utf8)
    try data(["I1", "I2"])
    let first = try backbone(["run", "job.yaml"], in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == "out/brief.md\nout/brief-charts/1-I1.svg\nout/brief-charts/2-I2.svg\n")
    try data(["I1"])
    let second = try backbone(["run", "job.yaml"], in: folder)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("info [briefs] removed out/brief-charts/2-I2.svg, left by an earlier run\n"))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/brief-charts/2-I2.svg"))
    #expect(FileManager.default.fileExists(atPath: folder.path + "/out/brief-charts/1-I1.svg"))

    let table = try backbone(["history", "job.yaml"], in: folder)
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[1].hasPrefix("1    ") && lines[1].hasSuffix(" 2023        3 written"))
    #expect(lines[2].hasPrefix("2    ") && lines[2].hasSuffix(" 2023        2 written, 1 removed"))
    #expect(lines[3] == "     removed out/brief-charts/2-I2.svg")

    let json = try backbone(["history", "job.yaml", "--json"], in: folder)
    let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let runs = doc?["runs"] as? [[String: Any]] ?? []
    #expect(runs.count == 2)
    #expect(runs.map { $0["removed"] as? [String] } == [[], ["out/brief-charts/2-I2.svg"]])
  }

  @Test func runHelpGolden() throws {
    let r = try backbone(["run", "--help"])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "run-help.txt")
    #expect(r.stdout.contains("75  run: another run of the same job is still running"))
  }

  @Test func schedulePrintsCronAndSystemdWithAbsolutePaths() throws {
    let folder = try JobFolder()
    defer { folder.remove() }
    let r = try backbone(["schedule", "job.yaml", "--at", "06:15", "--weekdays"], in: URL(fileURLWithPath: folder.path))
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let real = URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path
    #expect(lines[0] == "# crontab line (crontab -e):")
    #expect(lines[1].hasPrefix("15 6 * * 1-5 cd \(real) && /"))
    #expect(lines[1].hasSuffix("/backbone run \(real)/job.yaml --quiet"))
    #expect(r.stdout.contains("OnCalendar=Mon..Fri *-*-* 06:15:00\n"))
    #expect(r.stdout.contains("# backbone-test-job.service"))
    let bad = try backbone(["schedule", folder.job, "--at", "25:00"])
    #expect(bad.status == 64)
  }
}

/// One part of a zip file (an `.xlsx`), as text, read with `unzip -p`.
func unzipped(_ path: String, part: String) throws -> String {
  let unzip = Process()
  unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
  unzip.arguments = ["-p", path, part]
  let out = Pipe()
  unzip.standardOutput = out
  try unzip.run()
  let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  unzip.waitUntilExit()
  return text
}

/// `sha256sum` of a file, or `nil` when it does not exist.
func sha256(_ path: String) -> String? {
  guard FileManager.default.fileExists(atPath: path) else { return nil }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
  process.arguments = [path]
  let out = Pipe()
  process.standardOutput = out
  guard (try? process.run()) != nil else { return nil }
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init)
}

/// Records a job's input sets aside (`bad_rows: quarantine`) are written beside its outputs with
/// line and reason: fixtures/northfield-partnership-export.csv line 15 lost a field (its
/// unquoted "Northfield; East ward" splits in two and the denominator and note are missing:
/// 8 fields where the header has 9, counted by hand).
@Suite struct JobRejectedRowsTests {
  @Test func quarantinedRecordsAreWrittenWithTheRun() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      atPath: root.path + "/fixtures/northfield-partnership-export.csv", toPath: dir.path + "/partner.csv")
    try """
      name: partner
      inputs:
        - {path: partner.csv, layout: generic, decimal_comma: true, thousands: " ", bad_rows: quarantine}
      indicators: \(root.path)/indicators
      templates: \(root.path)/templates
      period: latest
      outputs:
        csv: out/key-results.csv
      thresholds:
        max_rejected_rows: 5
      """.write(toFile: dir.path + "/job.yaml", atomically: true, encoding: .utf8)
    let run = try backbone(["run", dir.path + "/job.yaml", "--quiet"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let rejected = try String(contentsOfFile: dir.path + "/out/partner.rejected.csv", encoding: .utf8)
    let lines = rejected.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines.first == "source,line,field,kind,reason,record")
    #expect(lines.last?.contains(",15,8,tooFewFields,this record has 8 fields but the header has 9,") == true)
  }
}
