#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Bit masks of one 64-byte block: bit `i` describes byte `i`.
struct BlockMasks {
  /// Quote characters.
  var quotes: UInt64
  /// Delimiters, LF and CR: the candidates for field and record ends.
  var structural: UInt64
  /// Bytes that are not ASCII (high bit set); found only when asked for.
  var high: UInt64
}

/// What the quote state of a 64-byte block needs from the bytes before it.
struct QuoteCarry {
  /// All ones when the byte before the block lies inside a quoted field, else zero.
  var inside: UInt64
  /// 1 when the block's first byte starts a field: the byte before it is a delimiter or a line
  /// end, or the block starts at `origin`, where a field starts (after spaces, perhaps).
  var fieldStart: UInt64
  /// 1 when the byte before the block is a quote that opened or closed a quoted field (and
  /// may therefore begin a doubled quote), else zero.
  var quote: UInt64
  /// Where the scan began. Spaces at a block's start are traced back (when a quote after them
  /// needs it) no further: a field starts there when `originStarts`.
  var origin: UnsafeRawPointer
  var originStarts: Bool

  /// The carry at a record start, `p`.
  static func recordStart(_ p: UnsafeRawPointer) -> QuoteCarry {
    QuoteCarry(inside: 0, fieldStart: 1, quote: 0, origin: p, originStarts: true)
  }

  /// The carry at byte `start` of `base`, given whether it lies inside quotes. The byte before
  /// `start` must not be a quote (chunk boundaries are placed so: see
  /// ``StructuralScanner/chunkBoundary(_:_:end:quote:)``), as whether such a quote counts
  /// cannot be told from the byte alone.
  static func at(_ start: Int, of base: UnsafePointer<UInt8>, inside: Bool, delimiter: UInt8) -> QuoteCarry {
    let starts = StructuralScanner.fieldStarts(
      at: UnsafeRawPointer(base + start), after: UnsafeRawPointer(base), lowerStarts: true, delimiter: delimiter)
    return QuoteCarry(
      inside: inside ? ~0 : 0, fieldStart: starts ? 1 : 0, quote: 0, origin: UnsafeRawPointer(base + start),
      originStarts: starts)
  }
}

/// Finds structural characters 64 bytes at a time with Swift SIMD types.
///
/// Each block is compared as four `SIMD16<UInt8>` lanes; the comparison masks become bits with
/// `pmovmskb` on x86-64 (SSE2, always present) and with a multiply gather elsewhere. Quote
/// state is carried across blocks by a prefix XOR of the quote bits (simdjson, simdcsv): a byte
/// is inside quotes when an odd number of the quotes that count precede it (a quote inside an
/// unquoted field does not: ``insideQuotes(_:at:count:carry:)``).
struct StructuralScanner {
  let quote: SIMD16<UInt8>
  let delimiter: SIMD16<UInt8>
  // Instance constants, not static ones: a static `let` costs a lazy-initialisation check
  // on every use in the hot loop.
  let lf = SIMD16<UInt8>(repeating: 10)
  let cr = SIMD16<UInt8>(repeating: 13)

  init(delimiter: UInt8, quote: UInt8) {
    self.quote = SIMD16(repeating: quote)
    self.delimiter = SIMD16(repeating: delimiter)
  }

  /// Masks of the 64 bytes at `p`, which must be readable; `high` only when `findsHigh`
  /// (zero otherwise).
  @inline(__always)
  func masks(_ p: UnsafeRawPointer, findsHigh: Bool = false) -> BlockMasks {
    var q: UInt64 = 0, s: UInt64 = 0, h: UInt64 = 0
    for k in 0..<4 {
      let v = p.loadUnaligned(fromByteOffset: 16 * k, as: SIMD16<UInt8>.self)
      let qm = v .== quote
      let sm = (v .== delimiter) .| (v .== lf) .| (v .== cr)
      q |= Self.bits(qm) << UInt64(16 * k)
      s |= Self.bits(sm) << UInt64(16 * k)
      if findsHigh { h |= Self.highBits(v) << UInt64(16 * k) }
    }
    return BlockMasks(quotes: q, structural: s, high: h)
  }

  /// Masks of the `count` (< 64) bytes at `p`; bits beyond `count` are zero.
  @inline(__always)
  func tailMasks(_ p: UnsafeRawPointer, count: Int, findsHigh: Bool = false) -> BlockMasks {
    var buffer = (SIMD64<UInt8>())
    return withUnsafeMutableBytes(of: &buffer) { b in
      b.baseAddress!.copyMemory(from: p, byteCount: count)
      // Zero bytes match none of the structural characters (a NUL delimiter is refused).
      return masks(UnsafeRawPointer(b.baseAddress!), findsHigh: findsHigh)
    }
  }

  /// The spaces of the `count` (at most 64) bytes at `p`. Out of line: the scan needs them
  /// only where a quote may follow spaces at a field's start.
  @inline(never)
  func spaceMask(_ p: UnsafeRawPointer, count: Int) -> UInt64 {
    var sp: UInt64 = 0
    for i in 0..<count where p.load(fromByteOffset: i, as: UInt8.self) == 32 { sp |= 1 << UInt64(i) }
    return sp
  }

  /// The 16 lane results of a comparison as the low 16 bits.
  @inline(__always)
  static func bits(_ m: SIMDMask<SIMD16<Int8>>) -> UInt64 {
    let v = unsafeBitCast(m, to: SIMD16<UInt8>.self)
    #if arch(x86_64)
      return UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(unsafeBitCast(v, to: __m128i.self))))
    #else
      let weights = SIMD16<UInt8>(1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128)
      let w = unsafeBitCast(v & weights, to: SIMD2<UInt64>.self)
      return ((w[0] &* 0x0101_0101_0101_0101) >> 56) | (((w[1] &* 0x0101_0101_0101_0101) >> 56) << 8)
    #endif
  }

  /// The high bit of each of the 16 bytes as the low 16 bits.
  @inline(__always)
  static func highBits(_ v: SIMD16<UInt8>) -> UInt64 {
    #if arch(x86_64)
      return UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(unsafeBitCast(v, to: __m128i.self))))
    #else
      return bits(v .>= 0x80)
    #endif
  }

  /// Prefix XOR: bit `i` of the result is the XOR of bits `0...i` of `x`.
  @inline(__always)
  static func prefixXor(_ x: UInt64) -> UInt64 {
    var x = x
    x ^= x << 1
    x ^= x << 2
    x ^= x << 4
    x ^= x << 8
    x ^= x << 16
    x ^= x << 32
    return x
  }

  /// Which bytes of a block lie inside quoted fields (bit `i` is the state after byte `i`),
  /// given the block's quote and structural masks; updates `carry` for the next block.
  ///
  /// A quote opens a quoted field only where a field starts (after a delimiter, a line end or
  /// at a record start, and any spaces after them) or right after the quote that closed one (a
  /// doubled quote `""`). Anywhere else, outside quotes, it is text: `37°36'37.8"N` and
  /// `pipe 12"` are unquoted fields, as Python's csv module reads them. Inside a quoted field
  /// every quote toggles the state (a doubled quote toggles it twice). (After spaces, unlike
  /// Python's csv module, whose `1, "Smith, John", 3` has four fields: the quotes plainly hold
  /// a delimiter. Such a field is not a quoted one: its value is its bytes as written.)
  ///
  /// The state is the prefix XOR of the quotes that count (simdjson, simdcsv). A quote that
  /// would open a field where none may start is a stray: it is dropped from the quotes and the
  /// state is computed again, lowest stray first, since a stray inverts the state of every byte
  /// after it. A block without strays, by far the common case, costs one check.
  /// - Complexity: O(1 + strays in the block).
  ///
  /// The block is the `count` (at most 64) bytes at `p`, whose masks are `m`. Its spaces are
  /// looked at only when a quote would be a stray without them (spaces that end the block before
  /// are then traced back, no further than `carry.origin`).
  @inline(__always)
  func insideQuotes(_ m: BlockMasks, at p: UnsafeRawPointer, count: Int, carry: inout QuoteCarry) -> UInt64 {
    let structural = m.structural
    var q = m.quotes
    var inside = Self.prefixXor(q) ^ carry.inside
    var starts = (structural << 1) | carry.fieldStart
    var spacesSeen = false
    while q != 0 {
      // The state before each byte; a quote with "outside" before it opens a field.
      let before = (inside << 1) | (carry.inside & 1)
      let stray = q & ~before & ~(starts | (q << 1) | carry.quote)
      if stray == 0 { break }
      if !spacesSeen {
        // Field starts carried over the runs of spaces that begin at one (adding a run's first
        // bit to the spaces carries through the run to the byte after it), then looked at again.
        spacesSeen = true
        let sp = spaceMask(p, count: count)
        if starts & 1 == 0
          && Self.fieldStarts(at: p, after: carry.origin, lowerStarts: carry.originStarts, delimiter: delimiter[0])
        {
          starts |= 1
        }
        starts |= (sp &+ (starts & sp)) & ~sp
        continue
      }
      q &= ~(stray & (0 &- stray))
      inside = Self.prefixXor(q) ^ carry.inside
    }
    carry.inside = UInt64(bitPattern: Int64(bitPattern: inside) >> 63)
    carry.fieldStart = structural >> 63
    carry.quote = q >> 63
    return inside
  }

  /// Whether a field starts at `p`: only spaces (or nothing) lie between it and a delimiter or
  /// a line end, or between it and `lower`, where a field starts when `lowerStarts`.
  /// - Complexity: O(spaces before `p`).
  @inline(never)
  static func fieldStarts(at p: UnsafeRawPointer, after lower: UnsafeRawPointer, lowerStarts: Bool, delimiter: UInt8) -> Bool {
    var j = p
    while j > lower {
      let b = j.load(fromByteOffset: -1, as: UInt8.self)
      if b == delimiter || b == 10 || b == 13 { return true }
      if b != 32 { return false }
      j -= 1
    }
    return lowerStarts
  }

  /// The first position at or after `proposed` (and at most `end`) whose previous byte is not a
  /// quote: chunks start there, so that the quote state at a chunk's start is one bit (see
  /// ``QuoteCarry/at(_:of:inside:delimiter:)``).
  static func chunkBoundary(_ base: UnsafePointer<UInt8>, _ proposed: Int, end: Int, quote: UInt8) -> Int {
    var e = proposed
    while e < end && e > 0 && base[e - 1] == quote { e += 1 }
    return e
  }

  /// Whether `p[0..<count]` ends inside quotes, for each state at its start: `outside` when it
  /// starts outside quotes, `inside` when inside; `carry` describes the byte before `p` (its
  /// `inside` is ignored). With stray quotes (see ``insideQuotes(_:at:count:carry:)``)
  /// the two are not always opposite, so both are followed, in one pass over the masks.
  /// - Complexity: O(n), 64 bytes per step.
  func endStates(_ p: UnsafeRawPointer, count: Int, carry: QuoteCarry) -> (outside: Bool, inside: Bool) {
    var a = carry, b = carry
    a.inside = 0
    b.inside = ~0
    var i = 0
    while i < count {
      let n = min(64, count - i)
      let m = n == 64 ? masks(p + i) : tailMasks(p + i, count: n)
      _ = insideQuotes(m, at: p + i, count: n, carry: &a)
      _ = insideQuotes(m, at: p + i, count: n, carry: &b)
      i += 64
    }
    return (a.inside != 0, b.inside != 0)
  }

  /// Asks the kernel to map the pages of `p[0..<count]` now, in one call, instead of one
  /// page fault at a time (Linux 5.14+ `MADV_POPULATE_READ`; a no-op elsewhere).
  static func populate(_ p: UnsafeRawPointer, count: Int) {
    #if os(Linux)
      let page = 4096
      let start = Int(bitPattern: p) & ~(page - 1)
      let end = Int(bitPattern: p) + count
      _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 22 /* MADV_POPULATE_READ */)
    #endif
  }

  /// Whether byte `start` of `base[0..<end]` most likely lies inside a quoted field (an odd
  /// number of quotes before it), judged from the first quote after it whose neighbours tell
  /// the parity of the quotes before that quote (Ge et al., "Speculative distributed CSV data
  /// parsing for big data analytics", SIGMOD 2019). Counting the quotes passed on the way gives
  /// the parity at `start`:
  ///
  /// - a quote followed by an ordinary byte cannot close a field: it opens one, or is the
  ///   second of a doubled pair whose first quote lies before `start`; either way an even
  ///   number of quotes precede it;
  /// - a quote followed by a delimiter, a line end or the end of the input, and preceded by an
  ///   ordinary byte, cannot open a field: it closes one, after an odd number of quotes;
  /// - a doubled quote after `start` (two quotes, parity unchanged) is skipped, and a quote
  ///   with a delimiter or line end on both sides, or after a quote (which, before `start`, may
  ///   begin a pair), says nothing and is counted.
  ///
  /// Only a guess: a quote inside an unquoted field (text, see
  /// ``insideQuotes(_:at:count:carry:)``) misleads it when it precedes a delimiter
  /// (`pipe 12",`). The reader uses a chunk's result only when it agrees with the record
  /// boundary the chunk before found.
  /// - Returns: the guess, or `nil` when no telling quote lies within `window` bytes.
  /// - Complexity: O(distance to the first telling quote), at most `window` bytes.
  static func guessInsideQuotes(
    _ base: UnsafePointer<UInt8>, at start: Int, end: Int, quote: UInt8, delimiter: UInt8, window: Int = 1 << 16
  ) -> Bool? {
    let limit = min(end, start + window)
    @inline(__always) func isBoundary(_ c: UInt8) -> Bool { c == delimiter || c == 10 || c == 13 }
    var odd = false
    var j = start
    while j < limit {
      guard let found = memchr(base + j, Int32(quote), limit - j) else { break }
      j = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if j + 1 < end {
        let next = base[j + 1]
        if next == quote {
          j += 2  // a doubled quote, or an empty quoted field: two quotes, parity unchanged
          continue
        }
        if !isBoundary(next) { return odd }  // an even number of quotes before it
      }
      // (A quote before it is the first of a pair only when it lies before `start`: a pair
      // after `start` was skipped whole. Then this quote may end a pair in a field that goes
      // on with a delimiter: it says nothing.)
      let previous = j > 0 ? base[j - 1] : 10
      if !isBoundary(previous) && previous != quote { return !odd }  // closes a field: odd before it
      odd.toggle()
      j += 1
    }
    return nil
  }
}
