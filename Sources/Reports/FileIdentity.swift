#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether an output would overwrite one of the files a report or job reads.
public enum FileIdentity {
  /// Whether two paths name the same file: the same text, or two existing paths with the same
  /// device and inode (`stat`, which follows symbolic links), as a symbolic link and its target,
  /// or two hard links, have.
  ///
  /// A path that does not exist cannot be another file yet, so only its text counts.
  /// - Parameters:
  ///   - a: a path as the user typed it.
  ///   - b: another.
  /// - Returns: `true` when writing `a` would replace or change the file `b` names.
  /// - Complexity: two `stat` calls.
  public static func isSameFile(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    var x = stat(), y = stat()
    guard stat(a, &x) == 0, stat(b, &y) == 0 else { return false }
    return x.st_dev == y.st_dev && x.st_ino == y.st_ino
  }

  /// The first of `inputs` that `output` names (``isSameFile(_:_:)``), or `nil`.
  /// - Complexity: O(inputs) `stat` calls.
  public static func overwrittenInput(output: String, inputs: [String]) -> String? {
    inputs.first { isSameFile(output, $0) }
  }
}
