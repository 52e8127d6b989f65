import Columnar
import Reports

/// One output complete in its temporary file, waiting to be moved into place.
public struct StagedOutput: Sendable, Equatable {
  public var kind: String
  /// The target path.
  public var path: String
  /// The complete, fsynced temporary file next to the target.
  public var temporaryPath: String
  /// SHA-256 of the bytes, lowercase hex.
  public var sha256: String
  public var size: Int64
}

/// A set of output files written all or nothing.
///
/// Each output goes to a temporary file in its target's folder (``Columnar/OutputFile``), which
/// is fsynced and closed (*staged*). Only when every output is staged are they renamed into
/// place, one after the other, and each folder fsynced. If staging any output fails, every
/// temporary file is deleted and no previous output is replaced.
///
/// The renames of several files cannot be one atomic step. The window is kept to the renames
/// alone (no writing, no syncing of file data between them), and the runner closes it with a
/// journal: before the first rename it records every staged file in the run history in one
/// transaction (the point of no return). A run killed during the renames leaves some targets
/// old and some new, but every file whole; the next run, holding the lock, moves the remaining
/// staged files into place before doing anything else (``HistoryStore/recoverInterruptedRuns()``),
/// so the set becomes the killed run's complete set, and the history says which run wrote
/// which output.
final class OutputSet {
  private var files: [(file: OutputFile, staged: StagedOutput)] = []

  /// The outputs staged so far.
  var staged: [StagedOutput] { files.map(\.staged) }

  /// Writes `bytes` to a temporary file next to `path` and stages it (fsync, close). Creates
  /// missing folders.
  /// - Throws: ``JobError`` `cannotWrite`; the caller then calls ``abandon()``.
  func stage(kind: String, path: String, bytes: [UInt8]) throws(JobError) {
    try FileSystem.createDirectories(FileSystem.directory(of: path), for: path)
    do {
      let file = try OutputFile(path: path)
      try file.write(bytes)
      try file.stage()
      let staged = StagedOutput(
        kind: kind, path: path, temporaryPath: file.temporaryPath ?? path, sha256: SHA256.hex(bytes),
        size: Int64(bytes.count))
      files.append((file, staged))
    } catch {
      throw JobError(.cannotWrite, file: path, message: error.message, hint: error.hint)
    }
  }

  /// Renames every staged file into place, in order, fsyncing each folder.
  /// - Parameter published: Called after each rename with the target's path.
  /// - Throws: ``JobError`` `cannotWrite` when a rename fails; the files before it are in
  ///   place, the one that failed is deleted, the ones after it are still staged.
  func publish(_ published: (String) -> Void = { _ in }) throws(JobError) {
    for (file, staged) in files {
      do { try file.publish() } catch {
        throw JobError(.cannotWrite, file: staged.path, message: error.message, hint: error.hint)
      }
      published(staged.path)
    }
    files.removeAll()
  }

  /// Deletes every staged temporary file; the previous outputs stay.
  func abandon() {
    for (file, _) in files { file.abandon() }
    files.removeAll()
  }

  deinit { abandon() }
}
