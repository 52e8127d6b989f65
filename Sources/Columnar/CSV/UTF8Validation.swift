/// The length of the valid UTF-8 sequence at the start of `bytes`, or 0 when it is invalid
/// (overlong forms, surrogates and code points above U+10FFFF are invalid, as in RFC 3629).
@inline(__always)
func utf8SequenceLength(_ bytes: some Collection<UInt8>) -> Int {
  var it = bytes.makeIterator()
  guard let b0 = it.next() else { return 0 }
  if b0 < 0x80 { return 1 }
  func cont(_ b: UInt8?) -> Bool { b.map { $0 & 0xC0 == 0x80 } ?? false }
  switch b0 {
  case 0xC2...0xDF:
    return cont(it.next()) ? 2 : 0
  case 0xE0...0xEF:
    guard let b1 = it.next(), b1 & 0xC0 == 0x80 else { return 0 }
    if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
    if b0 == 0xED && b1 > 0x9F { return 0 }  // surrogate
    return cont(it.next()) ? 3 : 0
  case 0xF0...0xF4:
    guard let b1 = it.next(), b1 & 0xC0 == 0x80 else { return 0 }
    if b0 == 0xF0 && b1 < 0x90 { return 0 }
    if b0 == 0xF4 && b1 > 0x8F { return 0 }
    return cont(it.next()) && cont(it.next()) ? 4 : 0
  default:
    return 0
  }
}

/// The offset of the first byte that is not valid UTF-8, or `nil` when all is valid.
/// - Complexity: O(n); ASCII runs are skipped eight bytes at a time.
func firstInvalidUTF8(_ p: UnsafeRawBufferPointer) -> Int? {
  var i = 0
  let n = p.count
  while i < n {
    if i + 8 <= n && p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
      i += 8
      continue
    }
    if p[i] < 0x80 {
      i += 1
      continue
    }
    let len = utf8SequenceLength(UnsafeRawBufferPointer(rebasing: p[i..<min(n, i + 4)]))
    if len == 0 { return i }
    i += len
  }
  return nil
}
