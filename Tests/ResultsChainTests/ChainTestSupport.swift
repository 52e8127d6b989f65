import Columnar
import Indicators
import ResultsChain
import Testing

/// Series for the assessment tests, annual 2020–2023 unless said otherwise, each with its
/// Mann-Kendall result and Sen's slope worked by hand (n = 4: Var(S) = n(n−1)(2n+5)/18 =
/// 4·3·13/18 = 8.667; n = 6: 6·5·17/18 = 28.333; z = (|S| − 1)/√Var(S); two-sided p = 2(1 − Φ(z))):
///
/// - `UP` 10, 11, 12, 13: all 6 pairs rise, S = 6, z = 5/2.944 = 1.698, p = 0.0894. Not
///   significant at 5% with 4 values, so the significant series use 6 values:
/// - `U1`, `U2` 2018–2023: 10, 11, 12, 13, 15, 16: S = 15, z = 14/5.323 = 2.630, p = 0.0085;
///   Sen's slope 1.2 a year (the median of the 15 pairwise slopes). Significant, upwards.
/// - `DN` 2018–2023: 16, 15, 13, 12, 11, 10: S = −15, p = 0.0085, slope −1.2. Significant, down.
/// - `SM` 10, 12, 11, 13: signs of the pairs (1,2) + (1,3) + (1,4) + (2,3) − (2,4) + (3,4) +,
///   S = 4, z = 3/2.944 = 1.019, p = 0.308; slopes 2, 0.5, 1, −1, 0.5, 2, median 0.75. Upwards,
///   not significant.
/// - `NO` 13, 11, 12, 10: the mirror of SM, S = −4, p = 0.308, slope −0.75. Downwards, not
///   significant.
/// - `FL` 12, 12, 12, 12: S = 0, slope 0. No change.
/// - `M2` 2022, 2023: 10, 11: two values, fewer than the 3 a trend needs.
/// - `OLD` 2014–2019: 10, 11, 12, 13, 15, 16 (U1 four years earlier), ending 4 years before the
///   others' 2023: 4 periods behind the reporting period 2023, the latest of the data.
let assessmentCSV = """
  indicator_id,area_code,period,value
  U1,A,2018,10
  U1,A,2019,11
  U1,A,2020,12
  U1,A,2021,13
  U1,A,2022,15
  U1,A,2023,16
  U2,A,2018,10
  U2,A,2019,11
  U2,A,2020,12
  U2,A,2021,13
  U2,A,2022,15
  U2,A,2023,16
  DN,A,2018,16
  DN,A,2019,15
  DN,A,2020,13
  DN,A,2021,12
  DN,A,2022,11
  DN,A,2023,10
  UP,A,2020,10
  UP,A,2021,11
  UP,A,2022,12
  UP,A,2023,13
  SM,A,2020,10
  SM,A,2021,12
  SM,A,2022,11
  SM,A,2023,13
  NO,A,2020,13
  NO,A,2021,11
  NO,A,2022,12
  NO,A,2023,10
  FL,A,2020,12
  FL,A,2021,12
  FL,A,2022,12
  FL,A,2023,12
  M2,A,2022,10
  M2,A,2023,11
  OLD,A,2014,10
  OLD,A,2015,11
  OLD,A,2016,12
  OLD,A,2017,13
  OLD,A,2018,15
  OLD,A,2019,16

  """

/// Reads CSV text, analyses every series (with the chain's options) and wraps the results.
func chainData(_ csv: String, chain: ResultsChain, library: DefinitionLibrary? = nil, reportingPeriod: String? = nil)
  throws -> ChainData
{
  let read = try CSVReader.read(bytes: Array(csv.utf8), name: "t.csv")
  var observations = try Observations.read(read.table, file: "t.csv")
  let match = library.map { observations.match($0) }
  let set = try observations.series()
  let results = set.analyse(definitions: match, options: chain.analysisOptions)
  return ChainData(
    groups: [IndicatorResults(set: set, results: results)],
    reportingPeriod: try reportingPeriod.map { try Period.parse($0) })
}

/// A chain of local indicators (all higher-is-better unless listed in `lower`) over the levels
/// inputs, activities, outcomes, from its steps written as YAML lines.
func chain(
  steps: [String], extra: [String] = [],
  ids: [String] = ["U1", "U2", "DN", "UP", "SM", "NO", "FL", "M2", "OLD", "NONE"],
  lower: Set<String> = [], file: String = "t.yaml"
) throws -> ResultsChain {
  var lines = ["name: Test", "levels: [inputs, activities, outcomes]", "indicators:"]
  for id in ids {
    lines += [
      "  - id: \(id)", "    title: Indicator \(id)",
      "    polarity: \(lower.contains(id) ? "lower" : "higher")-is-better",
    ]
  }
  lines += ["steps:"] + steps + extra
  return try ResultsChain(yaml: lines.joined(separator: "\n") + "\n", file: file)
}

/// The three-step line money → work → result with the given indicators.
func line(_ money: [String], _ work: [String], _ result: [String], extra: [String] = []) throws -> ResultsChain {
  func list(_ ids: [String]) -> String { "[" + ids.joined(separator: ", ") + "]" }
  return try chain(
    steps: [
      "  - id: money", "    level: inputs", "    statement: Money", "    indicators: \(list(money))",
      "    leads-to: [work]",
      "  - id: work", "    level: activities", "    statement: Work", "    indicators: \(list(work))",
      "    leads-to: [result]",
      "  - id: result", "    level: outcomes", "    statement: Result", "    indicators: \(list(result))",
    ], extra: extra)
}

/// Compares two numbers within a relative tolerance.
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance * max(1, abs(b))
}
