import Foundation

/// Values kept until the process exits.
///
/// A command's large structures (a table of ten million rows, a million series, the mapped
/// input) are no longer needed once its output is written, but freeing them takes time: a
/// million allocations returned one by one, large arrays unmapped while the worker threads
/// still run (each unmap then interrupts the other cores to flush their address caches).
/// Handed here, they are returned to the system with the whole address space when the
/// process exits, in a fraction of that time. Only the `backbone` executable does this: the
/// libraries free what they allocate, and tests run commands as separate processes.
enum ProcessLifetime {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var kept: [Any] = []

  /// Keeps `value` alive until the process exits.
  static func keep(_ value: Any) {
    lock.withLock { kept.append(value) }
  }
}
