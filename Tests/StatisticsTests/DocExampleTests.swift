import Statistics
import Testing

/// The example of Statistics.docc/Statistics.md, compiled and run. Expected values:
/// pymannkendall 1.4.3 `original_test` and `sens_slope` on the same series (S = −34,
/// z = −3.440487831941734, p = 0.0005806665459491267, slope = −1.8452380952380953) and the Byars
/// formula by hand for 35 events at 95% (24.375210472926145 to 48.67800929750999).
@Suite struct DocExampleTests {
  @Test func overviewExample() {
    let deaths: [Double] = [52, 49, 47, .nan, 44, 41, 43, 38, 36, 35]
    let trend = mannKendall(deaths)
    let sen = senSlope(deaths)
    let latest = poissonInterval(count: 35, confidenceLevel: 0.95)
    #expect(trend.s == -34 && trend.pValue < 0.05)
    #expect(isClose(trend.z, -3.440487831941734, relative: 1e-13))
    #expect(isClose(trend.pValue, 0.0005806665459491267, relative: 1e-12))
    #expect(isClose(sen.slope, -1.8452380952380953, relative: 1e-14))
    #expect(sen.slopeInterval.lower <= sen.slope && sen.slope <= sen.slopeInterval.upper)
    #expect(latest.method == .byars)
    #expect(isClose(latest.interval.lower, 24.375210472926145, relative: 1e-12))
    #expect(isClose(latest.interval.upper, 48.67800929750999, relative: 1e-12))
  }
}
