import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few POSIX file operations the runner needs, with errors as ``JobError``.
enum FileSystem {
  /// The folder part of a path (`""` for a bare file name, `/` for a file at the root).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// The last component of a path.
  static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// The text of an errno value.
  static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// Whether something exists at `path` (following symbolic links).
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// Whether `path` is a directory.
  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path.isEmpty ? "." : path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// Size in bytes and modification time (seconds since 1970, with nanoseconds) of a file.
  static func attributes(_ path: String) -> (size: Int64, modified: Double)? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return (Int64(info.st_size), Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
  }

  /// Creates `directory` and its missing parents (like `mkdir -p`).
  /// - Parameter file: The file the folder is for, named in the error.
  /// - Throws: `cannotWrite` when a component cannot be created or is not a folder.
  static func createDirectories(_ directory: String, for file: String) throws(JobError) {
    guard !directory.isEmpty, !isDirectory(directory) else { return }
    try createDirectories(self.directory(of: directory), for: file)
    if mkdir(directory, 0o755) != 0 && errno != EEXIST {
      let code = errno
      throw JobError(
        .cannotWrite, file: file, message: "cannot create the folder \"\(directory)\": \(errorText(code))")
    }
    guard isDirectory(directory) else {
      throw JobError(.cannotWrite, file: file, message: "\"\(directory)\" is in the way: it is a file, not a folder")
    }
  }

  /// Checks, without creating anything lasting, that a file could be created at `path`: the
  /// deepest folder of its path that exists must be a folder in which a file can be created
  /// (tried for real with a probe file, so permissions, read-only mounts and ACLs all count).
  /// Folders of `path` that do not exist yet would be created by the run.
  /// - Parameter stopAt: Ignore the path from the first component containing this text (an
  ///   unexpanded placeholder such as `{`).
  /// - Throws: `cannotWrite` naming the folder and why.
  static func checkCreatable(_ path: String, stopAt marker: Character = "{") throws(JobError) {
    var directory = self.directory(of: path)
    if let brace = directory.firstIndex(of: marker) {
      directory = self.directory(of: String(directory[..<brace]) + "x")
    }
    var existing = directory
    while !existing.isEmpty, existing != "/", !exists(existing) { existing = self.directory(of: existing) }
    let shown = existing.isEmpty ? "." : existing
    guard isDirectory(existing) else {
      throw JobError(
        .cannotWrite, file: path, message: "cannot create the output: \"\(shown)\" is a file, not a folder",
        hint: "move the file away or change the output's path in the job file")
    }
    var template = ((existing.isEmpty ? "" : existing + "/") + ".backbone-probe-XXXXXX").utf8CString
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      let code = errno
      throw JobError(
        .cannotWrite, file: path, message: "cannot create files in \"\(shown)\": \(errorText(code))",
        hint: "make the folder writable for the user the job runs as, or change the path in the job file")
    }
    close(fd)
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
  }

  /// The whole content of a file.
  static func read(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { return result }
      result.append(contentsOf: chunk[..<n])
    }
  }

  /// The SHA-256 of a file's bytes as lowercase hex, or `nil` when it cannot be read.
  static func sha256(ofFile path: String) -> String? {
    SHA256.file(path)?.hex
  }
}
