#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written all or nothing: bytes go to a temporary file in the target's directory,
/// which `commit()` flushes, fsyncs and renames into place. Until then, and if anything fails,
/// the previous file at the path is untouched. Standard output (`-`) and special files (a
/// device such as `/dev/null`, a named pipe) are written directly.
///
/// `commit()` is `stage()` then `publish()`; a set of files written all or nothing (the Jobs
/// target's output set) stages every file first and publishes them only when all are staged.
public final class OutputFile {
  /// The path as the user typed it.
  public let path: String
  private var fd: Int32
  /// The temporary file the bytes go to (`.NAME.tmp-XXXXXX` in the target's directory), or
  /// `nil` when the output is written in place (standard output, a device, a pipe).
  public let temporaryPath: String?
  private var staged = false
  private var buffer: [UInt8] = []
  private var committed = false
  private static let bufferSize = 1 << 20

  /// Opens a temporary file next to `path` (or standard output for `-`).
  /// - Throws: `CSVError.Kind.cannotWrite` when the directory is missing or not writable.
  public init(path: String) throws(CSVError) {
    self.path = path
    buffer.reserveCapacity(Self.bufferSize)
    if path == "-" {
      fd = 1
      temporaryPath = nil
      return
    }
    // A device, pipe or socket (`/dev/null`, a FIFO) is written in place: renaming a temporary
    // file over it would replace the device with a plain file.
    var info = stat()
    if stat(path, &info) == 0 {
      let type = info.st_mode & S_IFMT
      if type == S_IFDIR {
        throw CSVError(.cannotWrite, file: path, message: "cannot create the output: it is a directory")
      }
      if type != S_IFREG {
        let opened = open(path, O_WRONLY)
        guard opened >= 0 else {
          throw CSVError(.cannotWrite, file: path, message: "cannot open the output: \(String(cString: strerror(errno)))")
        }
        fd = opened
        temporaryPath = nil
        return
      }
    }
    let directory = Self.directory(of: path)
    var template = ((directory == "" ? "" : directory + "/") + ".\(Self.fileName(of: path)).tmp-XXXXXX").utf8CString
    let opened = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard opened >= 0 else {
      let code = errno
      throw CSVError(
        .cannotWrite, file: path, message: "cannot create the output: \(String(cString: strerror(code)))",
        hint: code == ENOENT ? "the directory \"\(directory.isEmpty ? "." : directory)\" does not exist" : "check that the directory is writable")
    }
    fd = opened
    _ = fchmod(opened, 0o644)
    temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Appends bytes (buffered).
  public func write(_ bytes: some Collection<UInt8>) throws(CSVError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.bufferSize { try flush() }
  }

  /// Appends the UTF-8 of `text`.
  public func write(_ text: String) throws(CSVError) { try write(text.utf8) }

  func flush() throws(CSVError) {
    var done = 0
    while done < buffer.count {
      let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
      if n < 0 {
        if errno == EINTR { continue }
        let message = String(cString: strerror(errno))
        abandon()
        throw CSVError(.cannotWrite, file: path, message: "cannot write the output: \(message)")
      }
      done += n
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes, syncs and renames the temporary file into place (`stage()` then `publish()`).
  public func commit() throws(CSVError) {
    try stage()
    try publish()
  }

  /// Flushes the bytes and fsyncs and closes the temporary file: afterwards it holds the whole
  /// output, durably, and nothing more can be written. The previous file is still in place.
  /// - Throws: `CSVError.Kind.cannotWrite` (the temporary file is then deleted).
  public func stage() throws(CSVError) {
    guard !staged else { return }
    try flush()
    guard temporaryPath != nil else {
      if fd > 2 { close(fd) }
      fd = -1
      staged = true
      return
    }
    if fsync(fd) != 0 || close(fd) != 0 {
      let message = String(cString: strerror(errno))
      fd = -1
      abandon()
      throw CSVError(.cannotWrite, file: path, message: "cannot save the output: \(message)")
    }
    fd = -1
    staged = true
  }

  /// Renames the staged temporary file over the target and fsyncs the directory, so that the
  /// rename survives a power cut. Stages first if `stage()` was not called.
  /// - Throws: `CSVError.Kind.cannotWrite` (the temporary file is then deleted).
  public func publish() throws(CSVError) {
    try stage()
    guard let temporaryPath else {
      committed = true
      return
    }
    if rename(temporaryPath, path) != 0 {
      let message = String(cString: strerror(errno))
      abandon()
      throw CSVError(.cannotWrite, file: path, message: "cannot move the finished output into place: \(message)")
    }
    committed = true
    Self.syncDirectory(Self.directory(of: path))
  }

  /// fsyncs a directory, so that renames and new entries in it are durable (best effort: some
  /// file systems refuse to fsync a directory, and the rename has happened either way).
  public static func syncDirectory(_ directory: String) {
    let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  /// Deletes the temporary file; the previous output stays.
  public func abandon() {
    guard !committed else { return }
    if fd > 2 { close(fd) }
    fd = -1
    if let temporaryPath { unlink(temporaryPath) }
    committed = true
  }

  deinit { abandon() }
}
