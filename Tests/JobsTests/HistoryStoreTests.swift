import Foundation
import Reports
import GRDB
import Testing

@testable import Jobs

@Suite struct HistoryStoreTests {
  static let record = RunChangesTests.today

  @Test func roundTripsARun() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try HistoryStore.open(path: folder + "/state/h.sqlite")
    #expect(try store.appliedMigrations() == ["v1", "v2", "v3"])
    let id = try store.beginRun(job: "nightly", startedAt: "2026-11-24T02:30:00Z", pid: 42)
    try store.recordWriting(run: id, outputs: [("md", folder + "/r.md")])
    let input = InputRecord(path: "a.csv", size: 10, modified: 1.5, sha256: "ab", rows: 3, rejectedRows: 1)
    try store.recordStaged(
      run: id, period: "2023", inputs: [input], series: Self.record.series, steps: Self.record.steps,
      staged: [StagedOutput(kind: "md", path: folder + "/r.md", temporaryPath: folder + "/.r.md.tmp-abcdef", sha256: "cd", size: 5)])
    try store.markOutputs(run: id, paths: [folder + "/r.md"], state: .written)
    // Given out of order; recorded in natural order (2-A before 10-B; byte order puts 10-B first).
    try store.finishRun(
      id, status: .succeeded, exitCode: 0, endedAt: "2026-11-24T02:31:00Z", message: nil,
      removedFiles: [folder + "/r-charts/10-B.svg", folder + "/r-charts/2-A.svg"])

    let back = try #require(try store.run(id))
    #expect(back.removedFiles == [folder + "/r-charts/2-A.svg", folder + "/r-charts/10-B.svg"])
    #expect(try store.runs().map(\.removedFiles) == [back.removedFiles])
    #expect(back.status == .succeeded && back.exitCode == 0 && back.period == "2023")
    #expect(back.inputs == [input])
    #expect(back.series == Self.record.series.sorted { $0.key < $1.key })
    #expect(back.steps == Self.record.steps)
    #expect(back.outputs == [OutputRecord(kind: "md", path: folder + "/r.md", state: .written, sha256: "cd", size: 5)])
    #expect(try store.latestGoodRuns(2) == [id])
    #expect(try store.previousGoodRun(before: id + 1)?.id == id)
    #expect(try store.previousGoodRun(before: id) == nil)
  }

  /// An older Backbone's history (schema v1 only, made here by hand with the v1 statements and
  /// GRDB's migration table, and one run in it) opens in this version: v2 is applied, the old
  /// run is still there, and v2's step table works.
  @Test func migratesAVersion1History() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/old.sqlite"
    let old = try DatabaseQueue(path: path)
    try old.write { db in
      for statement in HistoryStore.schemaV1 { try db.execute(sql: statement) }
      try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
      try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1')")
      try db.execute(
        sql: "INSERT INTO run (job, startedAt, endedAt, status, exitCode, period) VALUES ('n', '2025-01-01T00:00:00Z', '2025-01-01T00:00:05Z', 'succeeded', 0, '2024')")
      try db.execute(
        sql: "INSERT INTO seriesResult (runId, indicator, area, breakdown, latestPeriod, latestValue, status, isStale) VALUES (1, 'X', '', '', '2024', 2.5, 'improving', 0)")
    }
    try old.close()

    let store = try HistoryStore.open(path: path)
    #expect(try store.appliedMigrations() == ["v1", "v2", "v3"])
    let run = try #require(try store.run(1))
    #expect(run.status == .succeeded && run.period == "2024")
    #expect(run.removedFiles.isEmpty)
    #expect(run.series == [SeriesRecord(key: SeriesKey(indicator: "X"), latestPeriod: "2024", latestValue: 2.5, status: "improving")])
    #expect(run.steps.isEmpty)
    let id = try store.beginRun(job: "n", startedAt: "2026-01-01T00:00:00Z", pid: 1)
    try store.recordStaged(run: id, period: nil, inputs: [], series: [], steps: Self.record.steps, staged: [])
    #expect(try store.run(id)?.steps == Self.record.steps)
  }

  /// A history of the previous version (schema v2: GRDB's migrator stopped at v2, and one run
  /// finished in it, as that version recorded runs) opens in this one: v3 is applied, the old
  /// run reads as having removed nothing, and a new run's removals are recorded.
  @Test func migratesAVersion2HistoryWithoutRemovals() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/v2.sqlite"
    let old = try DatabaseQueue(path: path)
    try HistoryStore.migrator.migrate(old, upTo: "v2")
    try old.write { db in
      try db.execute(
        sql: "INSERT INTO run (job, startedAt, endedAt, status, exitCode, period) VALUES ('n', '2026-01-01T00:00:00Z', '2026-01-01T00:00:05Z', 'succeeded', 0, '2025')")
      try db.execute(sql: "INSERT INTO output (runId, kind, path, state) VALUES (1, 'md', 'r.md', 'written')")
    }
    #expect(try old.read { db in try db.tableExists("removedFile") } == false)
    try old.close()

    let store = try HistoryStore.open(path: path)
    #expect(try store.appliedMigrations() == ["v1", "v2", "v3"])
    let run = try #require(try store.run(1))
    #expect(run.outputs == [OutputRecord(kind: "md", path: "r.md", state: .written)])
    #expect(run.removedFiles.isEmpty)
    #expect(try store.runs().map(\.removedFiles) == [[]])
    let id = try store.beginRun(job: "n", startedAt: "2026-01-02T00:00:00Z", pid: 1)
    try store.finishRun(
      id, status: .succeeded, exitCode: 0, endedAt: "2026-01-02T00:00:01Z", message: nil,
      removedFiles: ["r-charts/3-X.svg"])
    #expect(try store.runs().map(\.removedFiles) == [[], ["r-charts/3-X.svg"]])
  }

  @Test(arguments: [
    // Not a database at all.
    Array("this is not an SQLite database, it is a text file that someone saved over it\n".utf8),
    // A valid SQLite header followed by garbage pages.
    Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0xA5, count: 8192),
  ])
  func corruptHistoryIsMovedAsideNotRecreated(bytes: [UInt8]) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/h.sqlite"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z (Python: datetime.fromtimestamp(1795000000, timezone.utc))
    let error = #expect(throws: JobError.self) { try HistoryStore.open(path: path, now: now) }
    #expect(error?.kind == .corruptHistory)
    #expect(error?.exitCode == 65)
    let aside = path + ".corrupt-20261118T110640Z"
    #expect(error?.message.hasSuffix("it was moved aside to \(aside)") == true)
    #expect(FileManager.default.contents(atPath: aside).map(Array.init) == bytes)
    #expect(!FileManager.default.fileExists(atPath: path))
    // The next open starts a new, empty history.
    #expect(try HistoryStore.open(path: path).runs().isEmpty)
  }

  /// A run killed in the middle of renaming: one output already renamed, one still in its
  /// staged temporary file, a third staged and renamed by the dead run but not marked; and a
  /// fourth output that was still being written. Recovery moves the staged one into place,
  /// recognises the renamed ones by SHA-256, removes the unfinished temporary file and marks
  /// the run interrupted.
  @Test func recoversARunKilledWhileRenaming() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try HistoryStore.open(path: folder + "/h.sqlite")
    let id = try store.beginRun(job: "n", startedAt: "2026-11-24T02:30:00Z", pid: 1)
    let a = folder + "/a.md", b = folder + "/b.csv", c = folder + "/c.json", d = folder + "/d.md"
    for (path, text) in [(a, "old a"), (b, "old b"), (c, "old c"), (d, "old d")] { try write(text, to: path) }
    try store.recordWriting(run: id, outputs: [("md", a), ("csv", b), ("json", c), ("md", d)])
    var staged: [StagedOutput] = []
    for (path, text) in [(a, "new a"), (b, "new b"), (c, "new c")] {
      let temporary = folder + "/." + (path as NSString).lastPathComponent + ".tmp-AbC123"
      try write(text, to: temporary)
      staged.append(
        StagedOutput(kind: "x", path: path, temporaryPath: temporary, sha256: SHA256.hex(Array(text.utf8)), size: 5))
    }
    try write("half of new d", to: folder + "/.d.md.tmp-XyZ789")
    try store.recordStaged(run: id, period: "2023", inputs: [], series: [], steps: [], staged: staged)
    // The dead run renamed a and marked it, renamed c without marking it, then was killed.
    #expect(rename(staged[0].temporaryPath, a) == 0)
    try store.markOutputs(run: id, paths: [a], state: .written)
    #expect(rename(staged[2].temporaryPath, c) == 0)

    let notes = try store.recoverInterruptedRuns()
    #expect(contents(a) == "new a" && contents(b) == "new b" && contents(c) == "new c")
    #expect(contents(d) == "old d")
    let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
    #expect(left.isEmpty)
    let run = try #require(try store.run(id))
    #expect(run.status == .interrupted)
    #expect(run.outputs.map(\.state) == [.written, .written, .written, .abandoned])
    #expect(notes.count == 4)
    #expect(try store.recoverInterruptedRuns().isEmpty)
  }
}
