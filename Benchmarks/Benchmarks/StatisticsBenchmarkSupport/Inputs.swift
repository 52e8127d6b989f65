// Inputs shared by the Statistics benchmarks and the instruction-count driver.

/// SplitMix64, so every run measures the same inputs.
public struct SeededGenerator: RandomNumberGenerator {
  public var state: UInt64
  public init(state: UInt64) { self.state = state }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A noisy falling series of n values (a rate per 100,000 with a trend), from a fixed seed.
public func series(_ n: Int, seed: UInt64 = 2026) -> [Double] {
  var generator = SeededGenerator(state: seed &+ UInt64(n))
  return (0..<n).map { i in 250 - 0.5 * Double(i) + Double.random(in: -40...40, using: &generator) }
}

/// Agreement of the two versions, checked once in setup (relative, for sums in another order).
public func agree(_ a: Double, _ b: Double, _ what: String) {
  let scale = max(abs(a), abs(b), 1e-300)
  precondition(
    a == b || (a.isNaN && b.isNaN) || abs(a - b) / scale < 1e-9,
    "\(what): SIMD \(a) and scalar \(b) differ")
}

/// A size label with thousands separators: 16, 1,000, 100,000.
public func label(_ n: Int) -> String {
  let digits = Array(String(n))
  var out = ""
  for (i, d) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(d)
  }
  return out
}
