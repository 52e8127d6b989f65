#if canImport(Glibc)
  import Glibc
#endif

/// Writing to stdout and stderr. stdout carries results only; everything else goes to stderr.
enum Terminal {
  /// Writes results to stdout. When they cannot be written (a full disk behind a redirection,
  /// `> /dev/full`), says so on stderr and exits 73: results are never lost silently. A closed
  /// pipe (`| head`) ends the process by SIGPIPE as usual.
  static func out(_ text: String) {
    if let failure = writeAll(1, text) {
      error("-: error: cannot write the output: \(String(cString: strerror(failure)))")
      exit(ExitStatus.cannotCreate)
    }
  }

  /// Writes a listing of what was done (the paths a command wrote) to stdout. The work is
  /// done by then, so a failure to print it is a warning, not a change of the exit status.
  static func list(_ text: String) {
    if let failure = writeAll(1, text) {
      error("-: warning: cannot write the list of outputs: \(String(cString: strerror(failure)))")
    }
  }

  static func error(_ text: String) { _ = writeAll(2, text + "\n") }

  /// Writes all of `text` to a file descriptor (unbuffered, so stdout and stderr keep order).
  /// - Returns: the `errno` of a failed write, or `nil`.
  @discardableResult
  static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
    var t = text
    return t.withUTF8 { b -> Int32? in
      var done = 0
      while done < b.count {
        let n = write(fd, b.baseAddress! + done, b.count - done)
        if n < 0 && errno == EINTR { continue }
        if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
          // A non-blocking stdout: wait until it can take more.
          var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
          _ = poll(&p, 1, -1)
          continue
        }
        if n < 0 { return errno }
        if n == 0 { return EIO }
        done += n
      }
      return nil
    }
  }

  static var stderrIsTerminal: Bool { isatty(2) == 1 }

  /// Whether colour may be used on stderr.
  static var colour: Bool {
    stderrIsTerminal && getenv("NO_COLOR") == nil && (getenv("TERM").map { String(cString: $0) } ?? "dumb") != "dumb"
  }

  /// A progress line that rewrites itself; only on a terminal.
  static func progress(_ label: String, done: Int, total: Int) {
    guard total > 0 else { return }
    let percent = Int(Double(done) / Double(total) * 100)
    writeAll(2, "\r\(label): \(percent)% (\(megabytes(done)) of \(megabytes(total)))\u{1B}[K")
  }

  static func clearProgress() {
    writeAll(2, "\r\u{1B}[K")
  }

  static func megabytes(_ bytes: Int) -> String {
    let mb = Double(bytes) / 1_000_000
    return mb >= 100 ? "\(Int(mb)) MB" : "\(Double(Int(mb * 10)) / 10) MB"
  }

  static func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}
