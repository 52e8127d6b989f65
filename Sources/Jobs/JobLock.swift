#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The lock that keeps two runs of one job apart: `flock(2)` on a lock file next to the history
/// database.
///
/// The holder writes its process id and start time into the file, so that a second run can say
/// who is running. The kernel releases a `flock` when its holder dies, however it dies (even by
/// SIGKILL), so a lock file left behind by a killed run never blocks the next one: only the lock
/// matters, never whether the file exists. The file is opened close-on-exec, so child processes
/// do not inherit the lock.
public final class JobLock {
  /// The lock file.
  public let path: String
  private var fd: Int32

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  /// Takes the lock at once, or fails at once (it never waits).
  ///
  /// - Parameters:
  ///   - path: The lock file; its folder is created if missing.
  ///   - holder: What to write into the file for a second run's message, such as
  ///     `pid 4242, started 2026-11-24T02:30:00Z`.
  /// - Returns: The lock, held until ``release()`` or until the object goes away.
  /// - Throws: ``JobError`` `alreadyRunning` (exit 75) naming the holder, or `cannotWrite`
  ///   (exit 73) when the lock file cannot be created.
  public static func acquire(path: String, holder: String) throws(JobError) -> JobLock {
    try FileSystem.createDirectories(FileSystem.directory(of: path), for: path)
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw JobError(
        .cannotWrite, file: path, message: "cannot create the lock file: \(FileSystem.errorText(errno))",
        hint: "the lock lives next to the history database; check that its folder is writable")
    }
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      if code == EINTR { continue }
      // The holder writes who it is just after taking the lock: give it a moment.
      var running = Self.readHolder(fd)
      for _ in 0..<20 where running.isEmpty && code == EWOULDBLOCK {
        usleep(5_000)
        running = Self.readHolder(fd)
      }
      close(fd)
      if code == EWOULDBLOCK {
        throw JobError(
          .alreadyRunning, file: path,
          message: "another run of this job is still running (\(running.isEmpty ? "its process did not say who it is" : running))",
          hint: "this run did nothing; wait for the other run to finish")
      }
      throw JobError(.cannotWrite, file: path, message: "cannot lock the lock file: \(FileSystem.errorText(code))")
    }
    let lock = JobLock(path: path, fd: fd)
    _ = ftruncate(fd, 0)
    let bytes = Array((holder + "\n").utf8)
    _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    return lock
  }

  /// The text the holder wrote (at most 512 bytes, trimmed).
  static func readHolder(_ fd: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 512)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard n > 0 else { return "" }
    return String(decoding: buffer[..<n], as: UTF8.self).trimmingSpacesAndNewlines
  }

  /// Whether another process holds the lock at `path` (without taking it).
  public static func isHeld(path: String) -> Bool {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    if flock(fd, LOCK_SH | LOCK_NB) == 0 {
      _ = flock(fd, LOCK_UN)
      return false
    }
    return errno == EWOULDBLOCK
  }

  /// Releases the lock. The file stays (removing it would race with a run that just opened it).
  public func release() {
    guard fd >= 0 else { return }
    _ = flock(fd, LOCK_UN)
    close(fd)
    fd = -1
  }

  deinit { release() }
}

extension String {
  /// Without leading and trailing spaces, tabs and line breaks.
  var trimmingSpacesAndNewlines: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
