/// Parses numbers straight from bytes, without creating a `String`, independent of the locale.
///
/// Accepted: optional leading and trailing spaces, an optional sign, digits with an optional
/// fraction (`12`, `12.5`, `.5`, `5.`) and exponent (`1e-3`). Not numbers: a leading zero
/// followed by more digits (`007`, an identifier that must keep its zero), `inf`, `nan`, hex.
/// A configured thousands separator is skipped between digits.
struct NumberParser: @unchecked Sendable {
  let decimalSeparator: UInt8
  let thousandsSeparator: UInt8?

  /// Powers of ten 10^0 ... 10^22, all exact in a `Double` (read through a pointer so the hot
  /// path does no lazy-global check).
  let exactPowers: UnsafePointer<Double>

  init(decimalSeparator: UInt8 = UInt8(ascii: "."), thousandsSeparator: UInt8? = nil) {
    self.decimalSeparator = decimalSeparator
    self.thousandsSeparator = thousandsSeparator
    self.exactPowers = powersOfTen
  }

  /// An integer, or `nil` when the bytes are not one that fits in `Int64`.
  @inline(__always)
  func parseInteger(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    // Fast path: [-]digits, at most 18 of them (no overflow possible), no leading zero.
    if count > 0 && count <= 19 {
      let negative = p[0] == 45
      var i = negative ? 1 : 0
      let digitsStart = i
      var value: Int64 = 0
      while i < count {
        let d = p[i] &- 48
        if d >= 10 { break }
        value = value &* 10 &+ Int64(d)
        i += 1
      }
      let digits = i - digitsStart
      if i == count && digits > 0 && digits <= 18 && (digits == 1 || p[digitsStart] != 48) {
        return negative ? -value : value
      }
    }
    return parseIntegerSlow(p, count)
  }

  @inline(never)
  func parseIntegerSlow(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    var i = 0, n = count
    while i < n && p[i] == 32 { i += 1 }
    while n > i && p[n - 1] == 32 { n -= 1 }
    guard i < n else { return nil }
    var negative = false
    if p[i] == 45 || p[i] == 43 {
      negative = p[i] == 45
      i += 1
      guard i < n else { return nil }
    }
    if p[i] == 48 && i + 1 < n { return nil }  // leading zero: "007", or "0.5" which is a float
    var value: UInt64 = 0
    var digits = 0
    while i < n {
      let d = p[i] &- 48
      if d < 10 {
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(UInt64(d))
        if o1 || o2 { return nil }
        value = a
        digits += 1
      } else if let t = thousandsSeparator, p[i] == t, digits > 0, i + 1 < n, p[i + 1] &- 48 < 10 {
        // skipped
      } else {
        return nil
      }
      i += 1
    }
    guard digits > 0 else { return nil }
    if negative {
      guard value <= UInt64(Int64.max) + 1 else { return nil }
      return value == UInt64(Int64.max) + 1 ? Int64.min : -Int64(value)
    }
    guard value <= UInt64(Int64.max) else { return nil }
    return Int64(value)
  }

  /// A finite `Double`, correctly rounded, or `nil` when the bytes are not a number.
  ///
  /// Clinger's fast path (at most 19 significant digits, mantissa below 2^53, decimal exponent
  /// within ±22) multiplies or divides by an exact power of ten; anything else goes through the
  /// standard library's locale-independent `Double(String)`.
  @inline(__always)
  func parseDouble(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    // Fast path: [-]digits[.digits], at most 19 digits, value below 2^53: one exact division.
    if count > 0 {
      let negative = p[0] == 45
      var i = negative ? 1 : 0
      let intStart = i
      var m: UInt64 = 0
      while i < count {
        let d = p[i] &- 48
        if d >= 10 { break }
        m = m &* 10 &+ UInt64(d)
        i += 1
      }
      let intDigits = i - intStart
      var fracDigits = 0
      if i < count && p[i] == decimalSeparator {
        i += 1
        let fracStart = i
        while i < count {
          let d = p[i] &- 48
          if d >= 10 { break }
          m = m &* 10 &+ UInt64(d)
          i += 1
        }
        fracDigits = i - fracStart
      }
      if i == count && intDigits + fracDigits > 0 && intDigits + fracDigits <= 19 && m < (1 << 53)
        && fracDigits <= 22 && (intDigits <= 1 || p[intStart] != 48)
      {
        let v = fracDigits == 0 ? Double(m) : Double(m) / exactPowers[fracDigits]
        return negative ? -v : v
      }
    }
    return parseDoubleSlow(p, count)
  }

  @inline(never)
  func parseDoubleSlow(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    var i = 0, n = count
    while i < n && p[i] == 32 { i += 1 }
    while n > i && p[n - 1] == 32 { n -= 1 }
    guard i < n else { return nil }
    let start = i
    var negative = false
    if p[i] == 45 || p[i] == 43 {
      negative = p[i] == 45
      i += 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var dropped = 0  // integer digits beyond 19
    var exponent = 0
    var intDigits = 0
    var fracDigits = 0
    var truncated = false
    if i + 1 < n && p[i] == 48 && p[i + 1] &- 48 < 10 { return nil }  // leading zero
    while i < n {
      let d = p[i] &- 48
      if d < 10 {
        if significant < 19 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          if mantissa != 0 { significant += 1 }
        } else {
          dropped += 1
        }
        intDigits += 1
      } else if let t = thousandsSeparator, p[i] == t, intDigits > 0, i + 1 < n, p[i + 1] &- 48 < 10 {
      } else {
        break
      }
      i += 1
    }
    exponent = dropped
    if i < n && p[i] == decimalSeparator {
      i += 1
      while i < n {
        let d = p[i] &- 48
        guard d < 10 else { break }
        if significant < 19 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          if mantissa != 0 { significant += 1 }
          exponent -= 1
        } else {
          truncated = true
        }
        fracDigits += 1
        i += 1
      }
    }
    guard intDigits + fracDigits > 0 else { return nil }
    if i < n && (p[i] == 101 || p[i] == 69) {
      i += 1
      var expNegative = false
      if i < n && (p[i] == 45 || p[i] == 43) {
        expNegative = p[i] == 45
        i += 1
      }
      var e = 0
      var expDigits = 0
      while i < n, p[i] &- 48 < 10 {
        if e < 100_000 { e = e * 10 + Int(p[i] &- 48) }
        expDigits += 1
        i += 1
      }
      guard expDigits > 0 else { return nil }
      exponent += expNegative ? -e : e
    }
    guard i == n else { return nil }
    if !truncated && dropped == 0 && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
      var v = Double(mantissa)
      if exponent < 0 { v /= exactPowers[-exponent] } else { v *= exactPowers[exponent] }
      return negative ? -v : v
    }
    return slowPath(p + start, n - start)
  }

  private func slowPath(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    var text = ""
    text.reserveCapacity(count)
    for i in 0..<count {
      let b = p[i]
      if let t = thousandsSeparator, b == t { continue }
      text.unicodeScalars.append(UnicodeScalar(b == decimalSeparator ? UInt8(ascii: ".") : b))
    }
    guard let v = Double(text), v.isFinite else { return nil }
    return v
  }
}

/// 10^0 ... 10^22, allocated once for the life of the process.
nonisolated(unsafe) private let powersOfTen: UnsafePointer<Double> = {
  let p = UnsafeMutablePointer<Double>.allocate(capacity: 23)
  var v = 1.0
  for e in 0...22 {
    p[e] = v
    v *= 10
  }
  return UnsafePointer(p)
}()
