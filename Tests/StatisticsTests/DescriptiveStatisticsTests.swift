import BackboneTestSupport
import Testing

@testable import Statistics

/// A plain left-to-right reference: skip NaN, mean by one sum, variance by Σ(x − x̄)²/(n − 1).
private func scalarReference(_ values: [Double]) -> (
  count: Int, sum: Double, mean: Double, variance: Double, minimum: Double, maximum: Double
) {
  let present = values.filter { !$0.isNaN }
  let n = present.count
  var sum = 0.0
  for v in present { sum += v }
  let mean = n > 0 ? sum / Double(n) : .nan
  var squares = 0.0
  for v in present { squares += (v - mean) * (v - mean) }
  let variance = n > 1 ? squares / Double(n - 1) : .nan
  return (n, sum, mean, variance, present.min() ?? .nan, present.max() ?? .nan)
}

@Suite("Descriptive statistics")
struct DescriptiveStatisticsTests {
  /// SIMD kernel against the scalar reference on seeded random samples of every length from 0
  /// to 40 (all tail lengths) and some long ones, with and without NaN, at relative 1e-12.
  @Test func simdMatchesScalarReference() {
    let seed = propertySeed("simdMatchesScalarReference", default: 0x5EED_0001)
    var generator = SeededGenerator(seed: seed)
    let lengths = Array(0...40) + [127, 1000, 4099]
    for length in lengths {
      for withMissing in [false, true] {
        let centre = Double.random(in: -1e4...1e4, using: &generator)
        let scale = Double.random(in: 1e-3...1e3, using: &generator)
        var values = (0..<length).map { _ in
          centre + scale * Double.random(in: -1...1, using: &generator)
        }
        if withMissing {
          for i in values.indices where Double.random(in: 0...1, using: &generator) < 0.2 {
            values[i] = .nan
          }
        }
        let got = descriptiveStatistics(values)
        let want = scalarReference(values)
        let context = "seed \(seed), length \(length), missing \(withMissing)"
        #expect(got.count == want.count, "\(context)")
        #expect(got.missingCount == length - want.count, "\(context)")
        #expect(got.minimum.isNaN ? want.minimum.isNaN : got.minimum == want.minimum, "\(context)")
        #expect(got.maximum.isNaN ? want.maximum.isNaN : got.maximum == want.maximum, "\(context)")
        // The sum can be near zero relative to its terms: compare with the scale of the terms.
        #expect(
          isClose(got.sum, want.sum, relative: 1e-12, absolute: 1e-12 * Double(length) * 1e4),
          "\(context)")
        #expect(isClose(got.mean, want.mean, relative: 1e-12), "\(context)")
        #expect(isClose(got.variance, want.variance, relative: 1e-9), "\(context)")
        #expect(
          isClose(got.standardDeviation, want.variance.squareRoot(), relative: 1e-9), "\(context)")
      }
    }
  }

  /// Hand-worked: 2, 4, 4, 4, 5, 5, 7, 9 has mean 5, Σ(x − 5)² = 32, so s² = 32/7, and the
  /// population SD 2 (the textbook example); 9 values exercise the SIMD step and the tail.
  @Test func handWorkedExample() {
    let s = descriptiveStatistics([2, 4, 4, 4, .nan, 5, 5, 7, 9])
    #expect(s.count == 8 && s.missingCount == 1)
    #expect(s.sum == 40 && s.mean == 5)
    #expect(isClose(s.variance, 32.0 / 7.0, relative: 1e-15))
    #expect(s.minimum == 2 && s.maximum == 9)
  }

  @Test func edgeCases() {
    let empty = descriptiveStatistics([])
    #expect(empty.count == 0 && empty.sum == 0 && empty.mean.isNaN && empty.variance.isNaN)
    #expect(empty.minimum.isNaN && empty.maximum.isNaN)
    let allMissing = descriptiveStatistics([.nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan, .nan])
    #expect(allMissing.count == 0 && allMissing.missingCount == 9 && allMissing.mean.isNaN)
    let one = descriptiveStatistics([3.5])
    #expect(one.count == 1 && one.mean == 3.5 && one.variance.isNaN && one.minimum == 3.5)
    let two = descriptiveStatistics([1, 3])
    #expect(two.mean == 2 && two.variance == 2)  // (1 + 1)/(2 − 1)
    let constant = descriptiveStatistics(Array(repeating: 0.1, count: 21))
    #expect(constant.variance == 0 && constant.standardDeviation == 0)
    #expect(constant.minimum == 0.1 && constant.maximum == 0.1)
    let infinite = descriptiveStatistics([1, 2, .infinity, 4, 5, 6, 7, 8, 9])
    #expect(infinite.mean == .infinity && infinite.variance.isNaN && infinite.maximum == .infinity)
  }
}
