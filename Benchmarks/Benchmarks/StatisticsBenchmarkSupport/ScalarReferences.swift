import Statistics

// Plain scalar copies of the Statistics functions that have SIMD kernels. Each does exactly
// the work of the library function it mirrors (same passes, same NaN handling, same
// distribution calls, same selection), with the SIMD loop replaced by a one-value-at-a-time
// loop, so that a benchmark pair measures the kernel and nothing else. The tests of the
// Statistics target check the SIMD kernels against scalar references on random inputs; these
// copies are for timing only (package-benchmark builds release, where @testable is not
// available, hence the copies). They live in their own module, as the library functions do,
// so both sides of a pair are calls across a module boundary.

// MARK: - Descriptive statistics (DescriptiveStatistics.swift)

public struct ScalarDescriptive {
  public var count: Int
  public var sum: Double
  public var mean: Double
  public var variance: Double
  public var minimum: Double
  public var maximum: Double
}

/// Sum, count, minimum and maximum of the non-NaN values, one value at a time.
func scalarSumCountRange(_ x: UnsafeBufferPointer<Double>) -> (
  sum: Double, count: Double, minimum: Double, maximum: Double
) {
  var sum = 0.0
  var count = 0.0
  var minimum = Double.infinity
  var maximum = -Double.infinity
  for v in x where !v.isNaN {
    sum += v
    count += 1
    minimum = min(minimum, v)
    maximum = max(maximum, v)
  }
  return (sum, count, minimum, maximum)
}

/// Σ(x − c)² and Σ(x − c) over the non-NaN values, one value at a time.
func scalarDeviationSums(_ x: UnsafeBufferPointer<Double>, around c: Double) -> (
  squares: Double, deviations: Double
) {
  var squares = 0.0
  var deviations = 0.0
  for v in x where !v.isNaN {
    let d = v - c
    squares += d * d
    deviations += d
  }
  return (squares, deviations)
}

/// `descriptiveStatistics(_:)` with scalar passes.
public func scalarDescriptiveStatistics(_ values: [Double]) -> ScalarDescriptive {
  values.withUnsafeBufferPointer { buffer in
    let first = scalarSumCountRange(buffer)
    let n = Int(first.count)
    let mean = n > 0 ? first.sum / first.count : .nan
    var variance = Double.nan
    if n > 1 {
      let (squares, deviations) = scalarDeviationSums(buffer, around: mean)
      let raw = (squares - deviations * deviations / first.count) / (first.count - 1)
      variance = raw < 0 ? 0 : raw
    }
    return ScalarDescriptive(
      count: n, sum: first.sum, mean: mean, variance: variance,
      minimum: n > 0 ? first.minimum : .nan, maximum: n > 0 ? first.maximum : .nan)
  }
}

// MARK: - Ordinary least squares (LinearRegression.swift)

public struct ScalarRegression {
  public var slope = Double.nan
  public var intercept = Double.nan
  public var slopeStandardError = Double.nan
  public var interceptStandardError = Double.nan
  public var tStatistic = Double.nan
  public var pValue = Double.nan
  public var lower = Double.nan
  public var upper = Double.nan
  public var rSquared = Double.nan
}

/// `ordinaryLeastSquares(x:y:confidenceLevel:)` for NaN-free input, with scalar passes: the
/// library's first pass (sums and counts, which tell it nothing is missing) and its
/// cross-products pass.
public func scalarOrdinaryLeastSquares(
  x: [Double], y: [Double], confidenceLevel: Double = 0.95
) -> ScalarRegression {
  precondition(x.count == y.count)
  var result = ScalarRegression()
  let n = x.count
  let sums = x.withUnsafeBufferPointer { bx in
    y.withUnsafeBufferPointer { by in
      let firstX = scalarSumCountRange(bx)
      let firstY = scalarSumCountRange(by)
      precondition(
        Int(firstX.count) == n && Int(firstY.count) == n, "the benchmark inputs have no NaN")
      let meanX = firstX.sum / Double(n)
      let meanY = firstY.sum / Double(n)
      var sxx = 0.0
      var sxy = 0.0
      var syy = 0.0
      for i in 0..<n {
        let dx = bx[i] - meanX
        let dy = by[i] - meanY
        sxx += dx * dx
        sxy += dx * dy
        syy += dy * dy
      }
      return (meanX: meanX, meanY: meanY, sxx: sxx, sxy: sxy, syy: syy)
    }
  }
  guard n >= 2 else { return result }
  guard sums.sxx > 0 else { return result }
  let slope = sums.sxy / sums.sxx
  result.slope = slope
  result.intercept = sums.meanY - slope * sums.meanX
  result.rSquared = sums.sxy * sums.sxy / (sums.sxx * sums.syy)
  guard n >= 3 else { return result }
  let degreesOfFreedom = Double(n - 2)
  let residualSquares = sums.syy - slope * sums.sxy
  let residualVariance = (residualSquares < 0 ? 0 : residualSquares) / degreesOfFreedom
  let standardError = (residualVariance / sums.sxx).squareRoot()
  result.slopeStandardError = standardError
  result.interceptStandardError =
    (residualVariance * (1 / Double(n) + sums.meanX * sums.meanX / sums.sxx)).squareRoot()
  let t = slope / standardError
  result.tStatistic = t
  result.pValue =
    t.isNaN ? .nan : 2 * studentTSurvival(t.magnitude, degreesOfFreedom: degreesOfFreedom)
  let critical = studentTQuantile(
    confidenceLevel + (1 - confidenceLevel) / 2, degreesOfFreedom: degreesOfFreedom)
  result.lower = slope - critical * standardError
  result.upper = slope + critical * standardError
  return result
}

// MARK: - Mann-Kendall (MannKendall.swift)

public struct ScalarMannKendall {
  public var s: Int
  public var variance: Double
  public var z: Double
  public var pValue: Double
}

/// Σ over groups of tied values of t(t−1)(2t+5), as the library.
func scalarTieCorrection(_ x: [Double]) -> Int {
  let sorted = x.sorted()
  var total = 0
  var i = 0
  while i < sorted.count {
    var j = i + 1
    while j < sorted.count && sorted[j] == sorted[i] { j += 1 }
    let t = j - i
    total += t * (t - 1) * (2 * t + 5)
    i = j
  }
  return total
}

/// S = Σᵢ<ⱼ sign(xⱼ − xᵢ), one pair at a time.
func scalarKendallScore(_ x: UnsafeBufferPointer<Double>) -> Int {
  let n = x.count
  guard n > 1 else { return 0 }
  var total = 0
  for i in 0..<(n - 1) {
    let xi = x[i]
    for j in (i + 1)..<n {
      let v = x[j]
      if v > xi { total += 1 } else if v < xi { total -= 1 }
    }
  }
  return total
}

/// `mannKendall(_:)` with the scalar S.
public func scalarMannKendall(_ values: [Double]) -> ScalarMannKendall {
  let x = values.filter { !$0.isNaN }
  let n = x.count
  let s = x.withUnsafeBufferPointer(scalarKendallScore)
  let variance = Double(n * (n - 1) * (2 * n + 5) - scalarTieCorrection(x)) / 18
  let z: Double
  if s > 0 {
    z = Double(s - 1) / variance.squareRoot()
  } else if s < 0 {
    z = Double(s + 1) / variance.squareRoot()
  } else {
    z = 0
  }
  return ScalarMannKendall(s: s, variance: variance, z: z, pValue: 2 * (1 - normalCDF(z.magnitude)))
}

// MARK: - Sen's slope (SenSlope.swift, Selection.swift)

public struct ScalarSen {
  public var slope: Double
  public var intercept: Double
  public var lower: Double
  public var upper: Double
}

/// `senSlope(_:confidenceLevel:)` with the pairwise slopes appended one at a time (the
/// library's loop before its SIMD kernel); selection and interval exactly as the library.
public func scalarSenSlope(_ values: [Double], confidenceLevel: Double = 0.95) -> ScalarSen {
  let times = values.indices.map(Double.init)
  var presentValues: [Double] = []
  var presentTimes: [Double] = []
  for (value, time) in zip(values, times) where !value.isNaN {
    presentValues.append(value)
    presentTimes.append(time)
  }
  let n = presentValues.count
  var slopes: [Double] = []
  slopes.reserveCapacity(n * (n - 1) / 2)
  for i in 0..<n {
    let xi = presentValues[i]
    let ti = presentTimes[i]
    for j in (i + 1)..<max(i + 1, n) where presentTimes[j] != ti {
      let slope = (presentValues[j] - xi) / (presentTimes[j] - ti)
      if !slope.isNaN { slopes.append(slope) }
    }
  }
  let count = slopes.count
  var result = ScalarSen(slope: .nan, intercept: .nan, lower: .nan, upper: .nan)
  guard count > 0 else { return result }
  let variance = Double(n * (n - 1) * (2 * n + 5) - scalarTieCorrection(presentValues)) / 18
  let c = normalCriticalValue(confidenceLevel: confidenceLevel) * variance.squareRoot()
  let lowerRank = ((Double(count) - c) / 2).rounded(.toNearestOrEven)
  let upperRank = ((Double(count) + c) / 2 + 1).rounded(.toNearestOrEven)
  var ranks: Set<Int> = [(count - 1) / 2, count / 2]
  let lowerIndex = lowerRank >= 1 && lowerRank <= Double(count) ? Int(lowerRank) - 1 : nil
  let upperIndex = upperRank >= 1 && upperRank <= Double(count) ? Int(upperRank) - 1 : nil
  if let lowerIndex { ranks.insert(lowerIndex) }
  if let upperIndex { ranks.insert(upperIndex) }
  let sortedRanks = ranks.sorted()
  let found = Dictionary(
    uniqueKeysWithValues: zip(sortedRanks, orderStatistics(&slopes, ranks: sortedRanks)))
  let slope = (found[(count - 1) / 2]! + found[count / 2]!) / 2
  result.slope = slope
  var middleValues = presentValues
  var middleTimes = presentTimes
  result.intercept = medianBySelection(&middleValues) - medianBySelection(&middleTimes) * slope
  result.lower = lowerIndex.flatMap { found[$0] } ?? .nan
  result.upper = upperIndex.flatMap { found[$0] } ?? .nan
  return result
}

/// Copy of the library's `orderStatistics(_:ranks:)` (internal there).
func orderStatistics(_ values: inout [Double], ranks: [Int]) -> [Double] {
  var result: [Double] = []
  result.reserveCapacity(ranks.count)
  var low = 0
  values.withUnsafeMutableBufferPointer { buffer in
    for rank in ranks {
      precondition(rank >= low && rank < buffer.count)
      select(buffer, rank, low, buffer.count - 1)
      result.append(buffer[rank])
      low = rank
    }
  }
  return result
}

/// Copy of the library's `medianBySelection(_:)`.
func medianBySelection(_ values: inout [Double]) -> Double {
  let m = values.count
  guard m > 0 else { return .nan }
  if m % 2 == 1 { return orderStatistics(&values, ranks: [m / 2])[0] }
  let middle = orderStatistics(&values, ranks: [m / 2 - 1, m / 2])
  return (middle[0] + middle[1]) / 2
}

/// Copy of the library's introselect step.
private func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int, _ low: Int, _ high: Int) {
  var low = low
  var high = high
  var budget = 2 * (Int.bitWidth - max(1, high - low + 1).leadingZeroBitCount) + 8
  while high > low {
    if budget == 0 {
      var rest = UnsafeMutableBufferPointer(rebasing: a[low...high])
      rest.sort()
      return
    }
    budget -= 1
    let middle = low + (high - low) / 2
    if a[middle] < a[low] { a.swapAt(middle, low) }
    if a[high] < a[low] { a.swapAt(high, low) }
    if a[middle] < a[high] { a.swapAt(middle, high) }
    let pivot = a[high]
    var lessEnd = low
    var i = low
    var greaterStart = high
    while i < greaterStart {
      if a[i] < pivot {
        a.swapAt(i, lessEnd)
        lessEnd += 1
        i += 1
      } else if a[i] > pivot {
        greaterStart -= 1
        a.swapAt(i, greaterStart)
      } else {
        i += 1
      }
    }
    a.swapAt(greaterStart, high)
    let equalEnd = greaterStart
    if k < lessEnd {
      high = lessEnd - 1
    } else if k > equalEnd {
      low = equalEnd + 1
    } else {
      return
    }
  }
}
