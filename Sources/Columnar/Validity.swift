/// A validity bitmap: bit `i` is set when row `i` holds a value.
///
/// Columns keep `nil` instead of a bitmap when every row is valid, so the common case costs
/// nothing (duckdb/duckdb: validity_mask.hpp).
public struct Validity: Sendable, Equatable {
  /// Words of 64 bits, least significant bit first.
  public private(set) var words: [UInt64]
  /// Number of rows covered.
  public private(set) var count: Int

  /// Creates a bitmap of `count` rows, all valid or all invalid.
  public init(count: Int, allValid: Bool) {
    self.count = count
    let wordCount = (count + 63) >> 6
    words = [UInt64](repeating: allValid ? ~0 : 0, count: wordCount)
    if allValid { clearTail() }
  }

  init(words: [UInt64], count: Int) {
    self.words = words
    self.count = count
  }

  /// Whether row `row` holds a value.
  @inline(__always)
  public subscript(row: Int) -> Bool {
    get {
      assert(row >= 0 && row < count, "row \(row) out of range 0..<\(count)")
      return words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }
    set {
      assert(row >= 0 && row < count, "row \(row) out of range 0..<\(count)")
      let bit: UInt64 = 1 << UInt64(row & 63)
      if newValue { words[row >> 6] |= bit } else { words[row >> 6] &= ~bit }
    }
  }

  /// Number of valid rows.
  /// - Complexity: O(n / 64).
  public var validCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

  /// Appends one row.
  @inline(__always)
  public mutating func append(_ isValid: Bool) {
    if count & 63 == 0 { words.append(0) }
    if isValid { words[count >> 6] |= 1 << UInt64(count & 63) }
    count += 1
  }

  /// Appends `n` rows with the same validity.
  /// - Complexity: O(n / 64).
  public mutating func append(repeating isValid: Bool, count n: Int) {
    guard n > 0 else { return }
    var remaining = n
    while remaining > 0 && count & 63 != 0 {
      append(isValid)
      remaining -= 1
    }
    let fullWords = remaining >> 6
    if fullWords > 0 {
      words.append(contentsOf: repeatElement(isValid ? ~0 : 0, count: fullWords))
      count += fullWords << 6
      remaining -= fullWords << 6
    }
    for _ in 0..<remaining { append(isValid) }
  }

  /// Appends another bitmap after this one.
  /// - Complexity: O(other.count / 64).
  public mutating func append(contentsOf other: Validity) {
    if count & 63 == 0 {
      words.append(contentsOf: other.words)
      count += other.count
      return
    }
    let shift = UInt64(count & 63)
    let newCount = count + other.count
    words.reserveCapacity((newCount + 63) >> 6)
    for w in other.words {
      words[words.count - 1] |= w << shift
      words.append(w >> (64 - shift))
    }
    count = newCount
    let needed = (count + 63) >> 6
    if words.count > needed { words.removeLast(words.count - needed) }
    clearTail()
  }

  /// Removes rows from the end so that `newCount` remain.
  public mutating func truncate(to newCount: Int) {
    precondition(newCount <= count)
    count = newCount
    let needed = (count + 63) >> 6
    if words.count > needed { words.removeLast(words.count - needed) }
    clearTail()
  }

  private mutating func clearTail() {
    let rem = count & 63
    if rem != 0 { words[words.count - 1] &= (1 << UInt64(rem)) - 1 }
  }
}
