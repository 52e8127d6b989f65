#if canImport(Glibc)
  import Glibc
#endif

/// How the `backbone` process asks the C allocator for memory.
///
/// By default glibc maps each block above a threshold (128 KiB, rising with use to 32 MiB) on
/// its own and unmaps it when it is freed. A command frees large blocks and allocates others all
/// the time (chunk buffers outgrown, columns re-read, the observations built from the table, a
/// million series), so the kernel unmaps the old pages and zeroes and faults in new ones for
/// each. Here blocks up to 1 GiB that the main thread asks for come from the heap, and what is
/// freed stays in the heap for the next allocation. (Worker threads' blocks over 64 MiB are
/// still mapped on their own.) A command runs once and exits, so nothing is held past the run.
/// Measured in `Benchmarks/RESULTS.md`: at 10M rows reading is 4% faster and `analyze` 3%; peak
/// memory is 1–9% higher; `analyze` makes 8 `munmap` calls instead of 50 and no `mremap`
/// instead of 22.
enum ProcessMemory {
  /// Sets the allocator's thresholds (glibc's `mallopt`; nothing elsewhere). Call first thing in
  /// `main`, before the blocks it is about are allocated.
  static func configure() {
    #if canImport(Glibc)
      // `mallopt` is declared in <malloc.h>, which the Glibc module does not include; it is
      // looked up by name, so that a C library without it (musl) is simply left as it is.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0) /* RTLD_DEFAULT */, "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1
      // Older glibc (its manual still says so) refuses a threshold above 32 MiB: then 32 MiB.
      if mallopt(mmapThreshold, 1 << 30) == 0 { _ = mallopt(mmapThreshold, 32 << 20) }
      _ = mallopt(trimThreshold, Int32.max)
    #endif
  }
}
