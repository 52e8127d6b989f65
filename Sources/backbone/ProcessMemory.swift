#if canImport(Glibc)
  import Glibc
#endif

/// How the `backbone` process asks the C allocator for memory.
///
/// By default glibc maps each block above a threshold (128 KiB, rising with use to 32 MiB) on
/// its own and unmaps it when it is freed. A command frees large blocks and allocates others all
/// the time (chunk buffers outgrown, columns re-read, the observations built from the table, a
/// million series), so the kernel unmaps the old pages and zeroes and faults in new ones for
/// each. Here blocks up to 1 GiB come from the heap, and what is freed stays in the heap for the
/// next allocation. A command runs once and exits, so nothing is held past the run. Measured in
/// `Benchmarks/RESULTS.md` (10M rows: reading 4% faster, `analyze` 3%; peak memory 1–9% more).
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
      _ = mallopt(-3 /* M_MMAP_THRESHOLD */, 1 << 30)
      _ = mallopt(-1 /* M_TRIM_THRESHOLD */, Int32.max)
    #endif
  }
}
