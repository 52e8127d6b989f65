import BackboneTestSupport
import Testing

@testable import Statistics

/// The pairwise slopes one pair at a time (the scalar reference for the SIMD kernel of Sen's
/// slope): row order, equal times and NaN slopes left out.
private func referenceSlopes(_ x: [Double], _ t: [Double]) -> [Double] {
  var slopes: [Double] = []
  for i in x.indices {
    for j in x.indices where j > i && t[j] != t[i] {
      let slope = (x[j] - x[i]) / (t[j] - t[i])
      if !slope.isNaN { slopes.append(slope) }
    }
  }
  return slopes
}

/// Means and centred sums of squares and products by plain loops (the scalar reference for
/// the SIMD kernel of OLS).
private func referenceCrossProducts(_ x: [Double], _ y: [Double]) -> (
  meanX: Double, meanY: Double, sxx: Double, sxy: Double, syy: Double
) {
  let n = Double(x.count)
  var sumX = 0.0
  var sumY = 0.0
  for i in x.indices {
    sumX += x[i]
    sumY += y[i]
  }
  let meanX = sumX / n
  let meanY = sumY / n
  var sxx = 0.0
  var sxy = 0.0
  var syy = 0.0
  for i in x.indices {
    sxx += (x[i] - meanX) * (x[i] - meanX)
    sxy += (x[i] - meanX) * (y[i] - meanY)
    syy += (y[i] - meanY) * (y[i] - meanY)
  }
  return (meanX, meanY, sxx, sxy, syy)
}

@Suite("SIMD kernels against scalar references")
struct KernelReferenceTests {
  /// Sen's pairwise slopes: bit-for-bit the same slopes in the same order, on seeded random
  /// series of every length to 40 (every SIMD tail) and a few long ones, with repeated times
  /// (skipped pairs inside SIMD blocks), NaN and infinite times and infinite values.
  @Test func pairwiseSlopesMatchScalarReference() {
    let seed = propertySeed("pairwiseSlopesMatchScalarReference", default: 0x5EED_0301)
    var generator = SeededGenerator(seed: seed)
    for length in Array(0...40) + [101, 333] {
      for variant in 0..<4 {
        var x = (0..<length).map { _ in Double.random(in: -1e3...1e3, using: &generator) }
        var t = (0..<length).map { Double($0) + 2000 }
        if variant >= 1 {  // repeated times: round to pairs of equal times
          t = t.map { ($0 / 2).rounded(.down) }
        }
        if variant >= 2 && length > 3 {  // a NaN time and an infinite time
          t[Int.random(in: 0..<length, using: &generator)] = .nan
          t[Int.random(in: 0..<length, using: &generator)] = .infinity
        }
        if variant == 3 && length > 1 {  // infinite values (∞ − ∞ is NaN)
          x[Int.random(in: 0..<length, using: &generator)] = .infinity
          x[Int.random(in: 0..<length, using: &generator)] = .infinity
        }
        let got = pairwiseSlopes(x, t)
        let want = referenceSlopes(x, t)
        let context: Comment = "seed \(seed), length \(length), variant \(variant)"
        #expect(got.count == want.count, context)
        #expect(
          zip(got, want).allSatisfy { $0.bitPattern == $1.bitPattern }, context)
      }
    }
  }

  /// The Mann-Kendall tie correction Σ t(t−1)(2t+5): the allocation-free comparison count
  /// (up to 64 values) and the sorting path (longer) against group sizes counted in a
  /// dictionary, on seeded series of every length to 130 drawn from few distinct values (many
  /// ties), including ±0 (equal as numbers) and infinities.
  @Test func tieCorrectionMatchesGroupCounts() {
    let seed = propertySeed("tieCorrectionMatchesGroupCounts", default: 0x5EED_0304)
    var generator = SeededGenerator(seed: seed)
    let pool: [Double] = [-0.0, 0, 1, 2.5, -3, .infinity, -.infinity, 7]
    for length in 0...130 {
      let distinct = Int.random(in: 1...pool.count, using: &generator)
      let x = (0..<length).map { _ in pool[Int.random(in: 0..<distinct, using: &generator)] }
      var groups: [Double: Int] = [:]
      for v in x { groups[v == 0 ? 0 : v, default: 0] += 1 }
      let want = groups.values.reduce(0) { $0 + $1 * ($1 - 1) * (2 * $1 + 5) }
      #expect(tieCorrection(x) == want, "seed \(seed), length \(length)")
    }
  }

  /// OLS cross-products: the SIMD kernel against plain loops at relative 1e-12 (the sums of
  /// squares are compared with their own scale), on seeded random samples of every length
  /// from 1 to 40 and a few long ones, x as years.
  @Test func crossProductsMatchScalarReference() {
    let seed = propertySeed("crossProductsMatchScalarReference", default: 0x5EED_0302)
    var generator = SeededGenerator(seed: seed)
    for length in Array(1...40) + [127, 1000, 4099] {
      let x = (0..<length).map { _ in 2000 + Double.random(in: 0...30, using: &generator) }
      let y = x.map { -0.7 * $0 + Double.random(in: -50...50, using: &generator) }
      let got = x.withUnsafeBufferPointer { bx in
        y.withUnsafeBufferPointer { by in crossProducts(bx, by) }
      }
      let want = referenceCrossProducts(x, y)
      let context: Comment = "seed \(seed), length \(length)"
      #expect(isClose(got.meanX, want.meanX, relative: 1e-12), context)
      #expect(isClose(got.meanY, want.meanY, relative: 1e-12), context)
      let scale = (want.sxx * want.syy).squareRoot()
      #expect(isClose(got.sxx, want.sxx, relative: 1e-10, absolute: 1e-12 * scale), context)
      #expect(isClose(got.sxy, want.sxy, relative: 1e-10, absolute: 1e-12 * scale), context)
      #expect(isClose(got.syy, want.syy, relative: 1e-10, absolute: 1e-12 * scale), context)
    }
  }
}
