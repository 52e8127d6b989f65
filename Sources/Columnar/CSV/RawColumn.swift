#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A growable buffer of a trivial type without copy-on-write checks, for the parse hot loop.
/// Its owner frees it explicitly.
struct RawBuffer<T: BitwiseCopyable> {
  private(set) var base: UnsafeMutablePointer<T>? = nil
  private(set) var count = 0
  private(set) var capacity = 0

  @inline(__always)
  mutating func append(_ v: T) {
    if count == capacity { grow(max(1024, capacity * 2)) }
    base.unsafelyUnwrapped[count] = v
    count += 1
  }

  mutating func append(repeating v: T, count n: Int) {
    for _ in 0..<n { append(v) }
  }

  mutating func reserve(_ n: Int) { if n > capacity { grow(n) } }

  private mutating func grow(_ newCapacity: Int) {
    let bytes = newCapacity * MemoryLayout<T>.stride
    guard let p = realloc(base, bytes) else { fatalError("out of memory growing a column buffer to \(bytes) bytes") }
    base = p.assumingMemoryBound(to: T.self)
    capacity = newCapacity
  }

  mutating func removeLast(_ n: Int) { count -= n }

  /// Empties the buffer, keeping its memory for reuse.
  mutating func removeAll() { count = 0 }

  /// Sets the count after writing through `base` directly (within capacity).
  mutating func setCount(_ n: Int) {
    precondition(n <= capacity)
    count = n
  }

  /// Removes the elements at sorted `indexes`.
  mutating func remove(sortedIndexes indexes: [Int]) {
    guard !indexes.isEmpty, let p = base else { return }
    var write = indexes[0]
    var next = 0
    for read in indexes[0]..<count {
      if next < indexes.count && indexes[next] == read {
        next += 1
        continue
      }
      p[write] = p[read]
      write += 1
    }
    count = write
  }

  var buffer: UnsafeBufferPointer<T> { UnsafeBufferPointer(start: base, count: count) }

  mutating func free() {
    Glibc.free(base)
    base = nil
    count = 0
    capacity = 0
  }
}

/// One column of one chunk while it is parsed: raw buffers, no reference counting in the hot
/// loop. Missing rows are listed sparsely; the validity bitmap is built when chunks merge.
struct RawColumn {
  var kind: ColumnBuilder.Kind
  var integers = RawBuffer<Int64>()
  var floats = RawBuffer<Double>()
  var codes = RawBuffer<UInt32>()
  var dictionary = StringDictionary()
  var absenceRows = RawBuffer<Int32>()
  var absenceTokens = RawBuffer<UInt8>()
  var count = 0

  init(kind: ColumnBuilder.Kind) { self.kind = kind }

  mutating func reserve(_ n: Int) {
    switch kind {
    case .pending: break
    case .integer: integers.reserve(n)
    case .float: floats.reserve(n)
    case .text: codes.reserve(n)
    }
  }

  @inline(__always)
  mutating func appendMissing(token: UInt8) {
    absenceRows.append(Int32(truncatingIfNeeded: count))
    absenceTokens.append(token)
    switch kind {
    case .pending: break
    case .integer: integers.append(0)
    case .float: floats.append(0)
    case .text: codes.append(0)
    }
    count += 1
  }

  @inline(__always)
  mutating func appendInteger(_ v: Int64) {
    if kind == .pending { become(.integer) }
    integers.append(v)
    count += 1
  }

  @inline(__always)
  mutating func appendFloat(_ v: Double) {
    if kind != .float { become(.float) }
    floats.append(v)
    count += 1
  }

  @inline(__always)
  mutating func appendCode(_ c: UInt32) {
    codes.append(c)
    count += 1
  }

  mutating func become(_ newKind: ColumnBuilder.Kind) {
    switch (kind, newKind) {
    case (.pending, .integer): integers.append(repeating: 0, count: count)
    case (.pending, .float): floats.append(repeating: 0, count: count)
    case (.pending, .text): codes.append(repeating: 0, count: count)
    case (.integer, .float):
      floats.reserve(max(count, 1024))
      for i in 0..<integers.count { floats.append(Double(integers.buffer[i])) }
      integers.free()
    case (let a, let b) where a == b: return
    default: preconditionFailure("cannot change a \(kind) column to \(newKind) in place")
    }
    kind = newKind
  }

  mutating func becomeText(codes newCodes: [UInt32], dictionary newDictionary: StringDictionary) {
    precondition(newCodes.count == count, "re-read \(newCodes.count) values for \(count) rows")
    integers.free()
    floats.free()
    codes.free()
    codes.reserve(max(count * 2, 1024))
    for c in newCodes { codes.append(c) }
    dictionary = newDictionary
    kind = .text
  }

  /// Empties the column for the next chunk, keeping its buffers (no new page faults).
  mutating func reset(kind newKind: ColumnBuilder.Kind) {
    integers.removeAll()
    floats.removeAll()
    codes.removeAll()
    absenceRows.removeAll()
    absenceTokens.removeAll()
    dictionary = StringDictionary()
    count = 0
    kind = newKind
  }

  /// Removes the rows at sorted `rows` (records set aside after parsing).
  mutating func remove(rows: [Int]) {
    switch kind {
    case .pending: break
    case .integer: integers.remove(sortedIndexes: rows)
    case .float: floats.remove(sortedIndexes: rows)
    case .text: codes.remove(sortedIndexes: rows)
    }
    var kept = RawBuffer<Int32>()
    var keptTokens = RawBuffer<UInt8>()
    var removedBefore = 0
    for i in 0..<absenceRows.count {
      let row = Int(absenceRows.buffer[i])
      while removedBefore < rows.count && rows[removedBefore] < row { removedBefore += 1 }
      if removedBefore < rows.count && rows[removedBefore] == row { continue }
      kept.append(Int32(row - removedBefore))
      keptTokens.append(absenceTokens.buffer[i])
    }
    absenceRows.free()
    absenceTokens.free()
    absenceRows = kept
    absenceTokens = keptTokens
    count -= rows.count
  }

  mutating func free() {
    integers.free()
    floats.free()
    codes.free()
    absenceRows.free()
    absenceTokens.free()
  }
}

/// Owns the raw columns of one chunk and frees them.
final class ChunkColumns: @unchecked Sendable {
  let columns: UnsafeMutablePointer<RawColumn>
  let count: Int
  /// Field boundaries of the chunk's records (see `ChunkParser.scan`).
  var offsets = RawBuffer<Int>()
  /// What each record of the current group holds, when some column is skipped
  /// (`ChunkParser.RecordBytes`).
  var recordBytes = RawBuffer<UInt8>()

  init(kinds: [ColumnBuilder.Kind]) {
    count = kinds.count
    columns = .allocate(capacity: max(count, 1))
    for (i, k) in kinds.enumerated() { (columns + i).initialize(to: RawColumn(kind: k)) }
  }

  /// Empties every column for reuse by the next chunk.
  func reset(kinds: [ColumnBuilder.Kind]) {
    for (i, k) in kinds.enumerated() { columns[i].reset(kind: k) }
  }

  deinit {
    offsets.free()
    recordBytes.free()
    for i in 0..<count { columns[i].free() }
    columns.deinitialize(count: count)
    columns.deallocate()
  }
}
