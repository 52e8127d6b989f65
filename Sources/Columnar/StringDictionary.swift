/// An append-only set of distinct strings, stored as UTF-8 bytes in one arena and found by hash.
///
/// Dictionary-encoded columns store a `UInt32` code per row and one `StringDictionary`. The
/// reader interns straight from the bytes of the file, so no `String` is created per field.
/// Codes are dense, in order of first appearance.
public struct StringDictionary: Sendable {
  /// All strings, back to back.
  @usableFromInline var bytes: [UInt8] = []
  /// `offsets[code] ..< offsets[code + 1]` are the bytes of `code`.
  @usableFromInline var offsets: [Int] = [0]
  /// Open-addressing table of `code + 1`; 0 means empty. Its size is a power of two.
  @usableFromInline var slots: [UInt32] = [UInt32](repeating: 0, count: 64)
  @usableFromInline var hashes: [UInt64] = []

  public init() {}

  /// Creates a dictionary holding `strings` in this order (duplicates are interned once).
  public init(_ strings: some Sequence<String>) {
    for s in strings { _ = intern(s) }
  }

  /// Number of distinct strings.
  public var count: Int { offsets.count - 1 }

  /// The string for `code`.
  public subscript(code: UInt32) -> String {
    let range = offsets[Int(code)]..<offsets[Int(code) + 1]
    return String(decoding: bytes[range], as: UTF8.self)
  }

  /// Calls `body` with the UTF-8 bytes of `code`.
  @inlinable
  public func withBytes<R>(of code: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    let start = offsets[Int(code)], end = offsets[Int(code) + 1]
    return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
  }

  /// The byte length of `code`.
  public func byteCount(of code: UInt32) -> Int { offsets[Int(code) + 1] - offsets[Int(code)] }

  /// All strings in code order.
  public var strings: [String] { (0..<count).map { self[UInt32($0)] } }

  /// Returns the code of `string`, adding it when new.
  public mutating func intern(_ string: String) -> UInt32 {
    var s = string
    return s.withUTF8 { intern(UnsafeRawBufferPointer($0)).code }
  }

  /// Returns the code of `string` when it is present.
  public func code(of string: String) -> UInt32? {
    var s = string
    return s.withUTF8 { find(UnsafeRawBufferPointer($0), hash: Self.hash(UnsafeRawBufferPointer($0))) }
  }

  /// Returns the code of the bytes, adding them when new; `isNew` tells which.
  /// - Complexity: O(length) expected.
  @inline(__always)
  public mutating func intern(_ p: UnsafeRawBufferPointer) -> (code: UInt32, isNew: Bool) {
    let h = Self.hash(p)
    if let c = find(p, hash: h) { return (c, false) }
    return (insert(p, hash: h), true)
  }

  /// Looks up the bytes without inserting.
  @inline(__always)
  func find(_ p: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32? {
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    return slots.withUnsafeBufferPointer { sl in
      hashes.withUnsafeBufferPointer { hs in
        offsets.withUnsafeBufferPointer { off in
          bytes.withUnsafeBytes { arena in
            while true {
              let s = sl[i]
              if s == 0 { return nil }
              let c = Int(s - 1)
              if hs[c] == h {
                let start = off[c], len = off[c + 1] - start
                if len == p.count && (len == 0 || memoryEqual(arena.baseAddress! + start, p.baseAddress!, len)) {
                  return UInt32(c)
                }
              }
              i = (i + 1) & mask
            }
          }
        }
      }
    }
  }

  mutating func insert(_ p: UnsafeRawBufferPointer, hash h: UInt64) -> UInt32 {
    let code = UInt32(count)
    bytes.append(contentsOf: p)
    offsets.append(bytes.count)
    hashes.append(h)
    if count * 2 > slots.count { rehash(slots.count * 2) } else { place(code, hash: h) }
    return code
  }

  private mutating func place(_ code: UInt32, hash h: UInt64) {
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 { i = (i + 1) & mask }
    slots[i] = code + 1
  }

  private mutating func rehash(_ size: Int) {
    slots = [UInt32](repeating: 0, count: size)
    for c in 0..<count { place(UInt32(c), hash: hashes[c]) }
  }

  /// A fast 64-bit hash of bytes (word at a time, multiply-xorshift mixing).
  @inline(__always)
  public static func hash(_ p: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(p.count)
    var i = 0
    let n = p.count
    while i + 8 <= n {
      let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 29
      i += 8
    }
    if i < n {
      var w: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        w |= UInt64(p[i]) << shift
        shift += 8
        i += 1
      }
      h = (h ^ w) &* 0x94D0_49BB_1331_11EB
    }
    h ^= h >> 31
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 32
    return h
  }
}

/// Whether `a[0..<n]` and `b[0..<n]` hold the same bytes: eight at a time, the last eight
/// overlapping what was already compared (both ranges are readable, so no byte loop).
@inline(__always)
func memoryEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
  if n >= 8 {
    var i = 0
    while i + 8 <= n {
      if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
        return false
      }
      i += 8
    }
    return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
  }
  var i = 0
  while i < n {
    if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
    i += 1
  }
  return true
}
