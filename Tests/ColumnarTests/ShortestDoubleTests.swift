import Testing

@testable import Columnar

/// The writer's fast float formatting must give exactly the bytes of Swift's own
/// `Double.description` (the shortest round-trip form), which is the reference here.
@Suite struct ShortestDoubleTests {
  func written(_ d: Double) -> String {
    var out: [UInt8] = []
    appendShortest(d, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  @Test(arguments: [
    0.0, -0.0, 1, -1, 79.1, 0.05, 0.0001, 0.00012, 0.00009999, 1e-5, 123456789012345, 999999999999999, 1e15, 1e16,
    9_007_199_254_740_992, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 100, 1e14 + 0.5, 5.055965407, -24831.25, 3.14159265358979,
    1.7976931348623157e308, 5e-324,
  ])
  func knownValues(d: Double) {
    #expect(written(d) == d.description)
  }

  /// Seeded random doubles: decimals as CSV files hold them (up to 17 digits, 0–15 places), and
  /// arbitrary bit patterns.
  @Test(arguments: [1, 2, 3, 4])
  func randomValues(seed: UInt64) {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var mismatches: [Double] = []
    for i in 0..<200_000 {
      let d: Double
      if i % 2 == 0 {
        // A decimal with up to 17 digits and 0–15 places, as it reads from a CSV: the integer
        // divided by a power of ten is the correctly rounded value of the decimal.
        let places = Int(next() % 16)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let digits = next() % [10, 1_000, 1_000_000, 1_000_000_000, 100_000_000_000_000_000][Int(next() % 5)]
        d = Double(digits) / scale * (next() % 2 == 0 ? 1 : -1)
      } else {
        d = Double(bitPattern: next())
      }
      guard d.isFinite else { continue }
      if written(d) != d.description { mismatches.append(d) }
    }
    #expect(mismatches.isEmpty, "seed \(seed): \(mismatches.prefix(5).map(\.description))")
  }
}
