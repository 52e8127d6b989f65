import Benchmark
import Statistics
import StatisticsBenchmarkSupport

// The Statistics kernels with SIMD loops (descriptive statistics, OLS, Mann-Kendall S, Sen's
// slope), each against a scalar copy of the same function (StatisticsBenchmarkSupport), at n = 16
// (a typical yearly series), 1,000 and 100,000. Sen's slope stops at n = 10,000: it keeps all
// n(n − 1)/2 pairwise slopes, which at n = 100,000 would be 5·10⁹ values (40 GB).
// Inputs are built in setup from a fixed seed; setup also checks that the two versions agree.

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    // .instructions needs hardware counters (perf_event_open); where the machine has none the
    // column is absent, and scripts/statistics_instructions.sh counts them with callgrind.
    metrics: [.wallClock, .cpuTotal, .instructions, .mallocCountTotal],
    timeUnits: .nanoseconds,  // one unit for every size, so that medians keep their digits
    maxDuration: .seconds(2), maxIterations: 1_000)

  /// Calls per measured iteration: many for small inputs, so that the clock resolves them.
  func scaling(_ n: Int, quadratic: Bool) -> BenchmarkScalingFactor {
    if quadratic { return n <= 16 ? .kilo : .one }
    return n <= 1_000 ? .kilo : .one
  }
  func configuration(_ n: Int, quadratic: Bool) -> Benchmark.Configuration {
    let heavy = quadratic && n >= 10_000
    return .init(
      scalingFactor: scaling(n, quadratic: quadratic), maxDuration: .seconds(heavy ? 60 : 2),
      maxIterations: heavy ? 7 : 1_000)
  }

  for n in [16, 1_000, 100_000] {
    let linear = configuration(n, quadratic: false)
    Benchmark("descriptiveStatistics n=\(label(n)) SIMD", configuration: linear) { b, x in
      for _ in b.scaledIterations { blackHole(descriptiveStatistics(x)) }
    } setup: {
      let x = series(n)
      let simd = descriptiveStatistics(x)
      let scalar = scalarDescriptiveStatistics(x)
      agree(simd.mean, scalar.mean, "mean")
      agree(simd.variance, scalar.variance, "variance")
      return x
    }
    Benchmark("descriptiveStatistics n=\(label(n)) scalar", configuration: linear) { b, x in
      for _ in b.scaledIterations { blackHole(scalarDescriptiveStatistics(x)) }
    } setup: {
      series(n)
    }

    let times = (0..<n).map { 2000 + Double($0) / 4 }
    Benchmark("ordinaryLeastSquares n=\(label(n)) SIMD", configuration: linear) { b, y in
      for _ in b.scaledIterations { blackHole(ordinaryLeastSquares(x: times, y: y)) }
    } setup: {
      let y = series(n)
      let simd = ordinaryLeastSquares(x: times, y: y)
      let scalar = scalarOrdinaryLeastSquares(x: times, y: y)
      agree(simd.slope, scalar.slope, "slope")
      agree(simd.pValue, scalar.pValue, "p")
      return y
    }
    Benchmark("ordinaryLeastSquares n=\(label(n)) scalar", configuration: linear) { b, y in
      for _ in b.scaledIterations { blackHole(scalarOrdinaryLeastSquares(x: times, y: y)) }
    } setup: {
      series(n)
    }

    let quadratic = configuration(n, quadratic: true)
    Benchmark("mannKendall n=\(label(n)) SIMD", configuration: quadratic) { b, x in
      for _ in b.scaledIterations { blackHole(mannKendall(x)) }
    } setup: {
      let x = series(n)
      if n <= 1_000 {  // at 100,000 the check would cost as much as the benchmark
        precondition(mannKendall(x).s == scalarMannKendall(x).s, "Mann-Kendall S differs")
      }
      return x
    }
    Benchmark("mannKendall n=\(label(n)) scalar", configuration: quadratic) { b, x in
      for _ in b.scaledIterations { blackHole(scalarMannKendall(x)) }
    } setup: {
      series(n)
    }
  }

  for n in [16, 1_000, 10_000] {
    let quadratic = configuration(n, quadratic: true)
    Benchmark("senSlope n=\(label(n)) SIMD", configuration: quadratic) { b, x in
      for _ in b.scaledIterations { blackHole(senSlope(x)) }
    } setup: {
      let x = series(n)
      if n <= 1_000 {
        let simd = senSlope(x)
        let scalar = scalarSenSlope(x)
        precondition(
          simd.slope == scalar.slope && simd.slopeInterval.lower == scalar.lower
            && simd.slopeInterval.upper == scalar.upper, "Sen's slope differs")
      }
      return x
    }
    Benchmark("senSlope n=\(label(n)) scalar", configuration: quadratic) { b, x in
      for _ in b.scaledIterations { blackHole(scalarSenSlope(x)) }
    } setup: {
      series(n)
    }
  }
}
