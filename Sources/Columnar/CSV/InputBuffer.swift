#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of an input: a read-only memory map of a regular file, or a heap copy of
/// anything else (a pipe, standard input). Pages already parsed can be released so that
/// resident memory stays bounded on files larger than memory.
final class InputBuffer: @unchecked Sendable {
  let base: UnsafePointer<UInt8>
  let count: Int
  private let isMapped: Bool
  private let mappedLength: Int
  /// Keeps a heap copy alive.
  private let storage: UnsafeMutableRawPointer?

  /// Opens `path` ("-" is standard input).
  init(path: String, display: String) throws(CSVError) {
    let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
    if fd < 0 {
      let code = errno
      throw CSVError(
        code == ENOENT ? .fileNotFound : .unreadable, file: display,
        message: code == ENOENT ? "no such file" : "cannot open the file: \(String(cString: strerror(code)))",
        hint: code == ENOENT ? "check the path; it is read relative to \(currentDirectory())" : nil)
    }
    defer { if fd != 0 { close(fd) } }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      throw CSVError(.unreadable, file: display, message: "cannot read the file: \(String(cString: strerror(errno)))")
    }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      throw CSVError(.unreadable, file: display, message: "this is a directory, not a CSV file")
    }
    if (st.st_mode & S_IFMT) == S_IFREG && st.st_size > 0 {
      let size = Int(st.st_size)
      guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
        throw CSVError(.unreadable, file: display, message: "cannot map the file: \(String(cString: strerror(errno)))")
      }
      _ = madvise(p, size, Int32(MADV_SEQUENTIAL))
      base = UnsafePointer(p.assumingMemoryBound(to: UInt8.self))
      count = size
      isMapped = true
      mappedLength = size
      storage = nil
      return
    }
    // Not a regular file (or empty): read it all.
    var capacity = 1 << 16
    var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
    var used = 0
    while true {
      if used == capacity {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 64)
        bigger.copyMemory(from: buffer, byteCount: used)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
      }
      let r = read(fd, buffer + used, capacity - used)
      if r < 0 {
        if errno == EINTR { continue }
        let message = String(cString: strerror(errno))
        buffer.deallocate()
        throw CSVError(.unreadable, file: display, message: "cannot read the file: \(message)")
      }
      if r == 0 { break }
      used += r
    }
    base = UnsafePointer(buffer.assumingMemoryBound(to: UInt8.self))
    count = used
    isMapped = false
    mappedLength = 0
    storage = buffer
  }

  /// Wraps a copy of `bytes`.
  init(bytes: [UInt8]) {
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
    bytes.withUnsafeBytes { if let b = $0.baseAddress { buffer.copyMemory(from: b, byteCount: bytes.count) } }
    base = UnsafePointer(buffer.assumingMemoryBound(to: UInt8.self))
    count = bytes.count
    isMapped = false
    mappedLength = 0
    storage = buffer
  }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  /// Drops the pages of `start..<offset` from resident memory; they are read again if touched.
  func release(from start: Int, upTo offset: Int) {
    guard isMapped else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let first = (start / page) * page
    let last = (offset / page) * page
    guard last > first else { return }
    _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, Int32(MADV_DONTNEED))
  }

  deinit {
    if isMapped {
      munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
    } else {
      storage?.deallocate()
    }
  }
}

func currentDirectory() -> String {
  var buffer = [CChar](repeating: 0, count: 4096)
  guard getcwd(&buffer, buffer.count) != nil else { return "the current directory" }
  return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func processorCount() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
