import Foundation
public import Logging

/// A swift-log handler that writes one line per event to a file descriptor (standard error or
/// a log file opened for appending): `2026-11-24T02:30:00.123Z info [nightly] message`.
///
/// Times are UTC with milliseconds; the job's name is the logger's label. Each line is one
/// `write(2)` on a descriptor opened with `O_APPEND`, so lines of concurrent runs of different
/// jobs sharing a log file do not interleave within a line.
public struct JobLogHandler: LogHandler {
  public var logLevel: Logger.Level
  public var metadata: Logger.Metadata = [:]
  let label: String
  let fd: Int32

  /// - Parameters:
  ///   - label: The job's name, printed in brackets.
  ///   - fd: Where to write (2 for standard error, or a file from ``openLogFile(_:)``).
  ///   - level: The lowest level written.
  public init(label: String, fd: Int32, level: Logger.Level) {
    self.label = label
    self.fd = fd
    self.logLevel = level
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var line = "\(Timestamp.isoMilliseconds(Date())) \(event.level) [\(label)] \(event.message)"
    let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
    if !all.isEmpty { line += " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
    // A message of several lines (a compiler-style error) stays one event: continuation lines
    // are indented.
    line = line.replacing("\n", with: "\n    ") + "\n"
    let bytes = Array(line.utf8)
    var done = 0
    while done < bytes.count {
      let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      done += n
    }
  }

  /// Opens (creating it and its folder if missing) a log file for appending.
  /// - Throws: ``JobError`` `cannotWrite`.
  public static func openLogFile(_ path: String) throws(JobError) -> Int32 {
    try FileSystem.createDirectories(FileSystem.directory(of: path), for: path)
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw JobError(.cannotWrite, file: path, message: "cannot open the log file: \(FileSystem.errorText(errno))")
    }
    return fd
  }
}

/// A swift-log handler that sends each event to several handlers (the log file and, for
/// errors, standard error).
public struct FanOutLogHandler: LogHandler {
  public var handlers: [any LogHandler]
  public var metadata: Logger.Metadata = [:]

  public init(_ handlers: [any LogHandler]) { self.handlers = handlers }

  /// The lowest level of the handlers.
  public var logLevel: Logger.Level {
    get { handlers.map(\.logLevel).min() ?? .info }
    set { for i in handlers.indices { handlers[i].logLevel = newValue } }
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    for handler in handlers where event.level >= handler.logLevel { handler.log(event: event) }
  }
}
