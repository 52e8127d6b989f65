/// Count, sum, mean, spread and range of a sample, with NaN treated as missing.
public struct DescriptiveStatistics: Sendable, Equatable {
  /// The number of values that are not NaN.
  public var count: Int
  /// The number of NaN values (missing), which every other field ignores.
  public var missingCount: Int
  /// The sum of the values; 0 when `count` is 0.
  public var sum: Double
  /// The arithmetic mean; NaN when `count` is 0.
  public var mean: Double
  /// The sample variance Σ(x − x̄)² / (n − 1); NaN when `count` < 2, 0 for a constant sample.
  public var variance: Double
  /// The sample standard deviation, √variance.
  public var standardDeviation: Double
  /// The smallest value; NaN when `count` is 0.
  public var minimum: Double
  /// The largest value; NaN when `count` is 0.
  public var maximum: Double
}

/// Descriptive statistics of a sample: n, sum, mean, sample variance and standard deviation,
/// minimum and maximum.
///
/// Method: two passes over contiguous storage in `SIMD4<Double>` lanes (two independent
/// accumulators, eight values a step) with a scalar tail. The first pass sums, counts and finds
/// the range; the second accumulates deviations from the mean and applies the corrected
/// two-pass formula s² = (Σd² − (Σd)²/n)/(n − 1), d = x − x̄, which removes the rounding error
/// left in x̄. The summation order differs from a left-to-right loop, so results can differ from
/// one in the last bits.
///
/// Missing values: NaN is missing and skipped (counted in `missingCount`). Infinite values are
/// kept: the sum and mean become ±∞ (or NaN for +∞ and −∞ together) and the variance NaN.
/// Empty (or all-NaN) input gives count 0, sum 0 and NaN for the rest; one value gives a NaN
/// variance; a constant sample gives variance 0.
///
/// - Parameter values: The sample.
/// - Returns: The statistics; see ``DescriptiveStatistics`` for each field.
/// - Complexity: O(n), two passes, no allocation.
///
/// Reference: T. F. Chan, G. H. Golub & R. J. LeVeque (1983), "Algorithms for computing the
/// sample variance: analysis and recommendations", *The American Statistician* 37(3), 242–247.
public func descriptiveStatistics(_ values: [Double]) -> DescriptiveStatistics {
  values.withUnsafeBufferPointer(descriptiveStatistics)
}

/// ``descriptiveStatistics(_:)`` of values in a buffer (a caller's scratch memory: no array).
package func descriptiveStatistics(_ buffer: UnsafeBufferPointer<Double>) -> DescriptiveStatistics {
  let first = sumCountRange(buffer)
  let n = Int(first.count)
  let mean = n > 0 ? first.sum / first.count : .nan
  var variance = Double.nan
  if n > 1 {
    let (squares, deviations) = deviationSums(buffer, around: mean)
    let raw = (squares - deviations * deviations / first.count) / (first.count - 1)
    variance = raw < 0 ? 0 : raw  // rounding can leave −ε; NaN (from ±∞) stays NaN
  }
  return DescriptiveStatistics(
    count: n, missingCount: buffer.count - n, sum: first.sum, mean: mean, variance: variance,
    standardDeviation: variance.squareRoot(), minimum: n > 0 ? first.minimum : .nan,
    maximum: n > 0 ? first.maximum : .nan)
}

// MARK: - Kernels

/// Loads four contiguous values starting at `index`.
@inline(__always)
func load4(_ buffer: UnsafeBufferPointer<Double>, _ index: Int) -> SIMD4<Double> {
  assert(index >= 0 && index + 4 <= buffer.count)
  // swift-format-ignore: NeverForceUnwrap
  return UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: SIMD4<Double>.self)
}

/// One pass: the sum, the count of non-NaN values, and the minimum and maximum.
func sumCountRange(_ x: UnsafeBufferPointer<Double>) -> (
  sum: Double, count: Double, minimum: Double, maximum: Double
) {
  var sum0 = SIMD4<Double>()
  var sum1 = SIMD4<Double>()
  var count0 = SIMD4<Double>()
  var count1 = SIMD4<Double>()
  // Running extremes by compare-and-select: a NaN compares false, so it never replaces one.
  // (`pointwiseMin` and `pointwiseMax` are not lowered to vector instructions here: they
  // compile to calls, which made this loop slower than a scalar one.)
  var low0 = SIMD4<Double>(repeating: .infinity)
  var low1 = low0
  var high0 = SIMD4<Double>(repeating: -.infinity)
  var high1 = high0
  let one = SIMD4<Double>(repeating: 1)
  let zero = SIMD4<Double>()
  var i = 0
  while i + 8 <= x.count {
    let a = load4(x, i)
    let b = load4(x, i + 4)
    let presentA = a .== a
    let presentB = b .== b
    sum0 += zero.replacing(with: a, where: presentA)
    sum1 += zero.replacing(with: b, where: presentB)
    count0 += zero.replacing(with: one, where: presentA)
    count1 += zero.replacing(with: one, where: presentB)
    low0.replace(with: a, where: a .< low0)
    low1.replace(with: b, where: b .< low1)
    high0.replace(with: a, where: a .> high0)
    high1.replace(with: b, where: b .> high1)
    i += 8
  }
  var sum = (sum0 + sum1).sum()
  var count = (count0 + count1).sum()
  // Lane reductions by hand: SIMD4's `min()` and `max()` are calls, not instructions.
  low0.replace(with: low1, where: low1 .< low0)
  high0.replace(with: high1, where: high1 .> high0)
  var minimum = Swift.min(Swift.min(low0[0], low0[1]), Swift.min(low0[2], low0[3]))
  var maximum = Swift.max(Swift.max(high0[0], high0[1]), Swift.max(high0[2], high0[3]))
  while i < x.count {
    let v = x[i]
    if !v.isNaN {
      sum += v
      count += 1
      minimum = min(minimum, v)
      maximum = max(maximum, v)
    }
    i += 1
  }
  return (sum, count, minimum, maximum)
}

/// One pass: Σ(x − c)² and Σ(x − c) over the non-NaN values.
func deviationSums(_ x: UnsafeBufferPointer<Double>, around c: Double) -> (
  squares: Double, deviations: Double
) {
  var squares0 = SIMD4<Double>()
  var squares1 = SIMD4<Double>()
  var deviations0 = SIMD4<Double>()
  var deviations1 = SIMD4<Double>()
  let centre = SIMD4<Double>(repeating: c)
  let zero = SIMD4<Double>()
  var i = 0
  while i + 8 <= x.count {
    let a = load4(x, i)
    let b = load4(x, i + 4)
    let da = zero.replacing(with: a - centre, where: a .== a)
    let db = zero.replacing(with: b - centre, where: b .== b)
    squares0 += da * da
    squares1 += db * db
    deviations0 += da
    deviations1 += db
    i += 8
  }
  var squares = (squares0 + squares1).sum()
  var deviations = (deviations0 + deviations1).sum()
  while i < x.count {
    let v = x[i]
    if !v.isNaN {
      let d = v - c
      squares += d * d
      deviations += d
    }
    i += 1
  }
  return (squares, deviations)
}
