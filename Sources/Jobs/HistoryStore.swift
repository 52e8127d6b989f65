import Columnar
import Reports
public import Foundation
import GRDB

/// The run history of one job: an SQLite database (through GRDB) next to the job file.
///
/// Tables (schema by GRDB migrations, so that a newer Backbone opens an older history):
/// - `run`: one row per run: job, start and end (ISO 8601, UTC), status, exit code, period,
///   message, process id.
/// - `input`: the files a run read: path, size, modification time, SHA-256, rows, rejected rows.
/// - `output`: the files a run wrote and where each is in its life (``OutputState``), with the
///   temporary file it was staged in; this is the journal that lets the next run finish moving
///   a killed run's staged outputs into place.
/// - `seriesResult` and `periodValue`: per series, the key results and every value by period.
/// - `step` (since v2): per step of the chain, its progress and confidence.
/// - `removedFile` (since v3): the files of an earlier run a run removed once its outputs were
///   in place (stale charts), in the order recorded. A run recorded before v3 has no rows
///   here, and reads as having removed nothing.
///
/// A database that SQLite cannot read as one (not a database, a corrupt page) is never
/// silently recreated: ``open(path:now:)`` moves it aside, renamed with a timestamp, and throws
/// a ``JobError`` of kind `corruptHistory` saying where it went.
public struct HistoryStore: Sendable {
  /// The database file.
  public let path: String
  let queue: DatabaseQueue

  /// The schema's migrations, in order. Never edit a shipped migration: add a new one.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      for statement in schemaV1 { try db.execute(sql: statement) }
    }
    migrator.registerMigration("v2") { db in
      // v2: chain steps, and target progress per series.
      try db.execute(
        sql: """
          CREATE TABLE step (
            runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, stepId TEXT NOT NULL, title TEXT NOT NULL,
            progress TEXT NOT NULL, confidence TEXT NOT NULL)
          """)
      try db.execute(sql: "CREATE INDEX stepByRun ON step(runId)")
      try db.execute(sql: "ALTER TABLE seriesResult ADD COLUMN targetProgress TEXT")
    }
    migrator.registerMigration("v3") { db in
      // v3: the files a run removed (an earlier report's stale charts).
      try db.execute(
        sql: """
          CREATE TABLE removedFile (
            runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE, path TEXT NOT NULL)
          """)
      try db.execute(sql: "CREATE INDEX removedFileByRun ON removedFile(runId)")
    }
    return migrator
  }

  /// The first schema (Backbone 0.1). Kept verbatim: the migration test builds an old history
  /// from it by hand.
  static let schemaV1 = [
    """
    CREATE TABLE run (
      id INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL, startedAt TEXT NOT NULL, endedAt TEXT,
      status TEXT NOT NULL, exitCode INTEGER, period TEXT, message TEXT, pid INTEGER)
    """,
    """
    CREATE TABLE input (
      runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE, path TEXT NOT NULL, size INTEGER NOT NULL,
      modified DOUBLE NOT NULL, sha256 TEXT NOT NULL, rows INTEGER NOT NULL, rejectedRows INTEGER NOT NULL)
    """,
    """
    CREATE TABLE output (
      runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE, kind TEXT NOT NULL, path TEXT NOT NULL,
      state TEXT NOT NULL, temporaryPath TEXT, sha256 TEXT, size INTEGER)
    """,
    """
    CREATE TABLE seriesResult (
      runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE, indicator TEXT NOT NULL, area TEXT NOT NULL,
      breakdown TEXT NOT NULL, latestPeriod TEXT, latestValue DOUBLE, status TEXT NOT NULL, significanceP DOUBLE,
      isSignificant BOOLEAN, benchmark TEXT, isStale BOOLEAN NOT NULL)
    """,
    """
    CREATE TABLE periodValue (
      runId INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE, indicator TEXT NOT NULL, area TEXT NOT NULL,
      breakdown TEXT NOT NULL, period TEXT NOT NULL, periodOrder TEXT NOT NULL, value DOUBLE)
    """,
    "CREATE INDEX inputByRun ON input(runId)",
    "CREATE INDEX outputByRun ON output(runId)",
    "CREATE INDEX seriesResultByRun ON seriesResult(runId)",
    "CREATE INDEX periodValueByRun ON periodValue(runId)",
  ]

  // MARK: - Opening

  /// Opens (creating if missing) and migrates the history at `path`.
  ///
  /// - Parameters:
  ///   - path: The database file; its folder is created if missing.
  ///   - now: The time used to name a corrupt database moved aside.
  /// - Returns: The store, migrated to the newest schema.
  /// - Throws: ``JobError`` `corruptHistory` (after moving the file aside to
  ///   `PATH.corrupt-YYYYMMDDTHHMMSSZ`), or `cannotWrite` when the file cannot be created or
  ///   migrated.
  public static func open(path: String, now: Date = Date()) throws(JobError) -> HistoryStore {
    try FileSystem.createDirectories(FileSystem.directory(of: path), for: path)
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(5)
    do {
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      let check = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }
      guard check == "ok" else {
        try? queue.close()
        throw corrupt(path: path, now: now, reason: "SQLite's quick check says: \(check ?? "nothing")")
      }
      try migrator.migrate(queue)
      return HistoryStore(path: path, queue: queue)
    } catch let error as JobError {
      throw error
    } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
      throw corrupt(path: path, now: now, reason: error.message ?? "\(error.resultCode)")
    } catch let error as DatabaseError {
      throw JobError(
        .cannotWrite, file: path, message: "cannot open the run history: \(error.message ?? "\(error.resultCode)")",
        hint: "check that the history's folder is writable")
    } catch {
      throw JobError(.cannotWrite, file: path, message: "cannot open the run history: \(error)")
    }
  }

  /// Moves a corrupt database (and its journal files) aside and returns the error that says so.
  static func corrupt(path: String, now: Date, reason: String) -> JobError {
    let aside = path + ".corrupt-" + Timestamp.compact(now)
    let moved = rename(path, aside) == 0
    for suffix in ["-journal", "-wal", "-shm"] where FileSystem.exists(path + suffix) {
      _ = rename(path + suffix, aside + suffix)
    }
    return JobError(
      .corruptHistory, file: path,
      message: moved
        ? "the run history is not a valid database (\(reason)); it was moved aside to \(aside)"
        : "the run history is not a valid database (\(reason)) and could not be moved aside",
      hint: moved
        ? "this run did nothing; the next run starts a new history (the old one is kept for inspection)"
        : "move or delete the file by hand; the next run then starts a new history")
  }

  /// The migrations applied to this history, in order (`v1`, `v2`, …).
  public func appliedMigrations() throws(JobError) -> [String] {
    try read { db in try Self.migrator.appliedIdentifiers(db).sorted() }
  }

  // MARK: - Writing a run

  /// Records a new run as `running` and returns its id.
  public func beginRun(job: String, startedAt: String, pid: Int32) throws(JobError) -> Int64 {
    try write { db in
      try db.execute(
        sql: "INSERT INTO run (job, startedAt, status, pid) VALUES (?, ?, ?, ?)",
        arguments: [job, startedAt, RunStatus.running.rawValue, Int64(pid)])
      return db.lastInsertedRowID
    }
  }

  /// Records the outputs a run is about to write (state `writing`), so that if it dies its
  /// temporary files can be found and removed.
  public func recordWriting(run: Int64, outputs: [(kind: String, path: String)]) throws(JobError) {
    try write { db in
      for output in outputs {
        try db.execute(
          sql: "INSERT INTO output (runId, kind, path, state) VALUES (?, ?, ?, ?)",
          arguments: [run, output.kind, output.path, OutputState.writing.rawValue])
      }
    }
  }

  /// The point of no return: in one transaction, records the run's inputs, series, steps and
  /// period, and marks every output `staged` with its temporary file and SHA-256. Once this
  /// has committed, the outputs will be moved into place, by this run or by the next.
  public func recordStaged(
    run: Int64, period: String?, inputs: [InputRecord], series: [SeriesRecord], steps: [StepRecord],
    staged: [StagedOutput]
  ) throws(JobError) {
    try write { db in
      try db.execute(sql: "UPDATE run SET period = ? WHERE id = ?", arguments: [period, run])
      for input in inputs {
        try db.execute(
          sql: "INSERT INTO input (runId, path, size, modified, sha256, rows, rejectedRows) VALUES (?, ?, ?, ?, ?, ?, ?)",
          arguments: [run, input.path, input.size, input.modified, input.sha256, input.rows, input.rejectedRows])
      }
      for s in series {
        try db.execute(
          sql: """
            INSERT INTO seriesResult (runId, indicator, area, breakdown, latestPeriod, latestValue, status,
              significanceP, isSignificant, benchmark, isStale, targetProgress) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            run, s.key.indicator, s.key.area, s.key.breakdown, s.latestPeriod, s.latestValue, s.status, s.significanceP,
            s.isSignificant, s.benchmark, s.isStale, s.targetProgress,
          ])
        for v in s.values {
          try db.execute(
            sql: "INSERT INTO periodValue (runId, indicator, area, breakdown, period, periodOrder, value) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [run, s.key.indicator, s.key.area, s.key.breakdown, v.period, v.order, v.value])
        }
      }
      for (position, step) in steps.enumerated() {
        try db.execute(
          sql: "INSERT INTO step (runId, position, stepId, title, progress, confidence) VALUES (?, ?, ?, ?, ?, ?)",
          arguments: [run, position, step.step, step.title, step.progress, step.confidence])
      }
      for output in staged {
        try db.execute(
          sql: "UPDATE output SET state = ?, temporaryPath = ?, sha256 = ?, size = ? WHERE runId = ? AND path = ?",
          arguments: [
            OutputState.staged.rawValue, output.temporaryPath, output.sha256, output.size, run, output.path,
          ])
      }
    }
  }

  /// Marks outputs of a run as being in a state (`written` once renamed, `abandoned` when the
  /// run failed before its point of no return).
  public func markOutputs(run: Int64, paths: [String]? = nil, state: OutputState) throws(JobError) {
    try write { db in
      if let paths {
        for path in paths {
          try db.execute(
            sql: "UPDATE output SET state = ? WHERE runId = ? AND path = ?", arguments: [state.rawValue, run, path])
        }
      } else {
        try db.execute(sql: "UPDATE output SET state = ? WHERE runId = ?", arguments: [state.rawValue, run])
      }
    }
  }

  /// Marks the outputs of a failed run that were not moved into place (`writing` or `staged`)
  /// as `abandoned`; outputs already `written` stay so.
  public func abandonUnfinishedOutputs(run: Int64) throws(JobError) {
    try write { db in
      try db.execute(
        sql: "UPDATE output SET state = ? WHERE runId = ? AND state IN (?, ?)",
        arguments: [OutputState.abandoned.rawValue, run, OutputState.writing.rawValue, OutputState.staged.rawValue])
    }
  }

  /// Records how a run ended and, in the same transaction, the files of an earlier run it
  /// removed.
  /// - Parameters:
  ///   - run: The run's id.
  ///   - status: How it ended.
  ///   - exitCode: The process's exit code.
  ///   - endedAt: ISO 8601, UTC.
  ///   - message: The error or warning that ended it, if any.
  ///   - removedFiles: The files it removed (full paths), recorded in ``Reports/NaturalOrder``
  ///     whatever order they come in; empty by default.
  /// - Throws: ``JobError`` `cannotWrite` or `corruptHistory`.
  /// - Complexity: O(r log r) for r removed files.
  public func finishRun(
    _ run: Int64, status: RunStatus, exitCode: Int32, endedAt: String, message: String?, removedFiles: [String] = []
  ) throws(JobError) {
    try write { db in
      try db.execute(
        sql: "UPDATE run SET status = ?, exitCode = ?, endedAt = ?, message = ? WHERE id = ?",
        arguments: [status.rawValue, Int64(exitCode), endedAt, message, run])
      for path in NaturalOrder.sorted(removedFiles) {
        try db.execute(sql: "INSERT INTO removedFile (runId, path) VALUES (?, ?)", arguments: [run, path])
      }
    }
  }

  // MARK: - Recovering from a killed run

  /// Finishes what runs killed before recording their end left behind; call it holding the
  /// job's lock (so no run is really still running).
  ///
  /// For each run still marked `running`: outputs it had `staged` (the run had passed its
  /// point of no return) are moved into place now if their temporary file is still there, or
  /// checked in place by SHA-256 if the rename had already happened; outputs it was still
  /// `writing` are abandoned and their temporary files removed. The run is marked
  /// `interrupted`.
  /// - Returns: One sentence per thing done, for the log.
  public func recoverInterruptedRuns() throws(JobError) -> [String] {
    let rows = try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT run.id AS runId, output.path AS path, output.state AS state, output.temporaryPath AS temporaryPath,
            output.sha256 AS sha256 FROM run LEFT JOIN output ON output.runId = run.id WHERE run.status = ?
          ORDER BY run.id
          """,
        arguments: [RunStatus.running.rawValue])
    }
    var notes: [String] = []
    var runs: [Int64] = []
    var directories = Set<String>()
    for row in rows {
      let run: Int64 = row["runId"]
      if runs.last != run { runs.append(run) }
      guard let path: String = row["path"], let stateText: String = row["state"] else { continue }
      let state = OutputState(rawValue: stateText)
      let temporary: String? = row["temporaryPath"]
      switch state {
      case .staged:
        if let temporary, FileSystem.exists(temporary), rename(temporary, path) == 0 {
          directories.insert(FileSystem.directory(of: path))
          try markOutputs(run: run, paths: [path], state: .written)
          notes.append("moved \(path) into place for interrupted run \(run) (it was staged before the run died)")
        } else if let sha: String = row["sha256"], FileSystem.sha256(ofFile: path) == sha {
          try markOutputs(run: run, paths: [path], state: .written)
          notes.append("\(path) of interrupted run \(run) was already in place")
        } else {
          try markOutputs(run: run, paths: [path], state: .lost)
          notes.append("\(path) of interrupted run \(run) was staged but its temporary file is gone")
        }
      case .writing:
        let removed = Self.removeTemporaryFiles(for: path)
        try markOutputs(run: run, paths: [path], state: .abandoned)
        if removed > 0 { notes.append("removed \(removed) unfinished temporary file(s) of \(path) left by interrupted run \(run)") }
      default: break
      }
    }
    for directory in directories { OutputFile.syncDirectory(directory) }
    for run in runs {
      try write { db in
        try db.execute(
          sql: "UPDATE run SET status = ?, message = coalesce(message, ?) WHERE id = ?",
          arguments: [RunStatus.interrupted.rawValue, "the process died before it recorded its end", run])
      }
      notes.append("run \(run) was interrupted (its process died); marked as such")
    }
    return notes
  }

  /// Removes `.NAME.tmp-XXXXXX` files next to `path` (temporary files of an output).
  static func removeTemporaryFiles(for path: String) -> Int {
    let directory = FileSystem.directory(of: path)
    let prefix = "." + FileSystem.fileName(of: path) + ".tmp-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else {
      return 0
    }
    var removed = 0
    for name in names where name.hasPrefix(prefix) && name.count == prefix.count + 6 {
      if unlink((directory.isEmpty ? "" : directory + "/") + name) == 0 { removed += 1 }
    }
    return removed
  }

  // MARK: - Reading

  /// Every run, oldest first, without their series (for `backbone history`).
  public func runs() throws(JobError) -> [RunRecord] {
    let rows = try read { db in try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id") }
    var result: [RunRecord] = []
    for row in rows {
      var record = Self.runRecord(row)
      record.outputs = try outputs(of: record.id)
      record.removedFiles = try removedFiles(of: record.id)
      result.append(record)
    }
    return result
  }

  /// One run with everything recorded about it, or `nil` when there is no such run.
  public func run(_ id: Int64) throws(JobError) -> RunRecord? {
    guard let row = try read({ db in try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) })
    else { return nil }
    var record = Self.runRecord(row)
    record.outputs = try outputs(of: id)
    record.removedFiles = try removedFiles(of: id)
    try read { db in
      record.inputs = try Row.fetchAll(db, sql: "SELECT * FROM input WHERE runId = ? ORDER BY rowid", arguments: [id])
        .map {
          InputRecord(
            path: $0["path"], size: $0["size"], modified: $0["modified"], sha256: $0["sha256"], rows: $0["rows"],
            rejectedRows: $0["rejectedRows"])
        }
      var values: [SeriesKey: [PeriodValue]] = [:]
      for row in try Row.fetchAll(
        db, sql: "SELECT * FROM periodValue WHERE runId = ? ORDER BY periodOrder, rowid", arguments: [id])
      {
        let key = SeriesKey(indicator: row["indicator"], area: row["area"], breakdown: row["breakdown"])
        values[key, default: []].append(PeriodValue(period: row["period"], order: row["periodOrder"], value: row["value"]))
      }
      record.series = try Row.fetchAll(db, sql: "SELECT * FROM seriesResult WHERE runId = ?", arguments: [id]).map {
        let key = SeriesKey(indicator: $0["indicator"], area: $0["area"], breakdown: $0["breakdown"])
        return SeriesRecord(
          key: key, latestPeriod: $0["latestPeriod"], latestValue: $0["latestValue"], status: $0["status"],
          significanceP: $0["significanceP"], isSignificant: $0["isSignificant"], benchmark: $0["benchmark"],
          targetProgress: $0["targetProgress"], isStale: $0["isStale"], values: values[key] ?? [])
      }.sorted { $0.key < $1.key }
      record.steps = try Row.fetchAll(db, sql: "SELECT * FROM step WHERE runId = ? ORDER BY position", arguments: [id])
        .map { StepRecord(step: $0["stepId"], title: $0["title"], progress: $0["progress"], confidence: $0["confidence"]) }
    }
    return record
  }

  /// The latest run before `id` whose outputs were written (`succeeded` or `warned`), the
  /// baseline of "what changed".
  public func previousGoodRun(before id: Int64) throws(JobError) -> RunRecord? {
    let previous = try read { db in
      try Int64.fetchOne(
        db, sql: "SELECT id FROM run WHERE id < ? AND status IN (?, ?) ORDER BY id DESC LIMIT 1",
        arguments: [id, RunStatus.succeeded.rawValue, RunStatus.warned.rawValue])
    }
    guard let previous else { return nil }
    return try run(previous)
  }

  /// The ids of the two latest good runs, older first (for `backbone diff` without run ids).
  public func latestGoodRuns(_ count: Int) throws(JobError) -> [Int64] {
    try read { db in
      try Int64.fetchAll(
        db, sql: "SELECT id FROM run WHERE status IN (?, ?) ORDER BY id DESC LIMIT ?",
        arguments: [RunStatus.succeeded.rawValue, RunStatus.warned.rawValue, count])
    }.reversed()
  }

  func outputs(of run: Int64) throws(JobError) -> [OutputRecord] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM output WHERE runId = ? ORDER BY rowid", arguments: [run]).map {
        OutputRecord(
          kind: $0["kind"], path: $0["path"], state: OutputState(rawValue: $0["state"]) ?? .abandoned,
          sha256: $0["sha256"], size: $0["size"])
      }
    }
  }

  /// The files `run` removed, in the order recorded (none for a run recorded before v3).
  func removedFiles(of run: Int64) throws(JobError) -> [String] {
    try read { db in
      try String.fetchAll(db, sql: "SELECT path FROM removedFile WHERE runId = ? ORDER BY rowid", arguments: [run])
    }
  }

  static func runRecord(_ row: Row) -> RunRecord {
    RunRecord(
      id: row["id"], job: row["job"], startedAt: row["startedAt"], endedAt: row["endedAt"],
      status: RunStatus(rawValue: row["status"]) ?? .failed, exitCode: row["exitCode"], period: row["period"],
      message: row["message"])
  }

  // MARK: - Access with our errors

  func read<T>(_ body: (Database) throws -> T) throws(JobError) -> T {
    do { return try queue.read(body) } catch { throw databaseError(error) }
  }

  func write<T>(_ body: (Database) throws -> T) throws(JobError) -> T {
    do { return try queue.write(body) } catch { throw databaseError(error) }
  }

  func databaseError(_ error: any Error) -> JobError {
    if let error = error as? JobError { return error }
    if let error = error as? DatabaseError, [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
      return JobError(.corruptHistory, file: path, message: "the run history is corrupt: \(error.message ?? "")")
    }
    let text = (error as? DatabaseError)?.message ?? "\(error)"
    return JobError(.cannotWrite, file: path, message: "cannot update the run history: \(text)")
  }
}
