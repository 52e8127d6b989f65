/// The order in which a report lists indicator ids, area codes and breakdown values: "I2"
/// before "I10", the same on every computer.
public enum NaturalOrder {
  /// Whether `a` comes before `b` in natural order.
  ///
  /// Both texts are read as UTF-8 bytes, split into runs of ASCII digits and single other
  /// bytes. Runs are compared in turn: two digit runs by their numeric value (leading zeros
  /// ignored, so any length works without overflow), anything else by byte value; a text that
  /// runs out first comes first. Texts equal by these rules ("I02" and "I2") are ordered by
  /// their bytes, so the order is total: `precedes(a, b)` or `precedes(b, a)` unless `a == b`.
  /// No locale, case folding or Unicode normalisation is involved.
  ///
  /// - Parameters:
  ///   - a: a text.
  ///   - b: another text.
  /// - Returns: `true` when `a` sorts before `b`.
  /// - Complexity: O(n) in the bytes of the shorter text (plus the tie-break).
  public static func precedes(_ a: String, _ b: String) -> Bool {
    var a = a, b = b
    return a.withUTF8 { x in b.withUTF8 { y in precedes(x, y) } }
  }

  static func precedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    var i = 0, j = 0
    while i < x.count && j < y.count {
      guard isDigit(x[i]) && isDigit(y[j]) else {
        if x[i] != y[j] { return x[i] < y[j] }
        i += 1
        j += 1
        continue
      }
      // Two digit runs: skip leading zeros (keeping the last digit), then the longer run is
      // the larger number, and runs of the same length compare digit by digit.
      var iEnd = i, jEnd = j
      while iEnd < x.count && isDigit(x[iEnd]) { iEnd += 1 }
      while jEnd < y.count && isDigit(y[jEnd]) { jEnd += 1 }
      while i < iEnd - 1 && x[i] == 0x30 { i += 1 }
      while j < jEnd - 1 && y[j] == 0x30 { j += 1 }
      if iEnd - i != jEnd - j { return iEnd - i < jEnd - j }
      while i < iEnd {
        if x[i] != y[j] { return x[i] < y[j] }
        i += 1
        j += 1
      }
    }
    if i < x.count || j < y.count { return i == x.count }
    return x.lexicographicallyPrecedes(y)
  }

  /// `texts` in natural order.
  /// - Complexity: O(n log n) comparisons.
  public static func sorted(_ texts: some Sequence<String>) -> [String] {
    texts.sorted(by: precedes)
  }
}
