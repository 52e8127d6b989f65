import Columnar
public import Indicators

/// A series compared with its benchmark (England, the region, the comparator group), as
/// Fingertips does: better, similar or worse, or not compared.
public enum PublishedComparison: String, Sendable, Equatable, CaseIterable {
  case better
  case similar
  case worse
  case notCompared = "not compared"
}

/// The analysed series of one export: its results and what they were computed from.
public struct IndicatorResults: Sendable {
  /// The names of the breakdown columns, one per entry of each `Series.breakdown`.
  public var breakdowns: [String]
  /// The per-series results (``SeriesSet/analyse(definitions:options:)``).
  public var results: [SeriesResult]
  /// The observations the series index into, for values by period (local targets, equity).
  public var observations: Observations?
  /// The benchmark comparison of each result (same order), when the export carries one (see
  /// ``readBenchmarks(column:)``).
  public var benchmarks: [PublishedComparison?]?

  /// - Parameters:
  ///   - breakdowns: The breakdown column names of the series.
  ///   - results: The per-series results.
  ///   - observations: The observations the series' rows index into, or `nil` (then local
  ///     targets use the first value as baseline and equity is not computed).
  public init(breakdowns: [String], results: [SeriesResult], observations: Observations? = nil) {
    self.breakdowns = breakdowns
    self.results = results
    self.observations = observations
  }

  /// The results of a series set, with its breakdowns and observations.
  public init(set: SeriesSet, results: [SeriesResult]) {
    self.init(breakdowns: set.breakdowns, results: results, observations: set.observations)
  }

  /// The values of a series with a value, in period order, with the denominator of each when the
  /// export has one.
  /// - Complexity: O(n) in the series' observations.
  func values(of series: Series) -> [(period: Period, value: Double, denominator: Double?)] {
    guard let table = observations?.table, let v = table.index(of: CanonicalColumn.value) else { return [] }
    let valueColumn = table.columns[v]
    let denominatorColumn = table.index(of: CanonicalColumn.denominator).map { table.columns[$0] }
    var out: [(Period, Double, Double?)] = []
    for (row, period) in zip(series.rows, series.periods) {
      guard case .float(let x) = valueColumn[row] else { continue }
      var d: Double?
      if let denominatorColumn {
        switch denominatorColumn[row] {
        case .float(let y): d = y
        case .integer(let y): d = Double(y)
        default: d = nil
        }
      }
      out.append((period, x, d))
    }
    return out
  }
}

extension IndicatorResults {
  /// Reads each series' benchmark comparison from an attribute column, at its latest observation
  /// with a value: Fingertips' `compared_to_england` (Better, Similar, Worse, Not compared).
  /// Fingertips' Higher and Lower, given for indicators without polarity, and anything else
  /// read as not compared; an empty cell as no comparison.
  ///
  /// - Parameter column: The attribute column's canonical name.
  /// - Complexity: O(n) in the observations of the series.
  public mutating func readBenchmarks(column: String = "compared_to_england") {
    guard let table = observations?.table, let c = table.index(of: column),
      let v = table.index(of: CanonicalColumn.value)
    else { return }
    let comparison = table.columns[c]
    let value = table.columns[v]
    benchmarks = results.map { r in
      guard let row = r.series.rows.last(where: { value.isValid($0) }), case .text(let text) = comparison[row] else {
        return nil
      }
      switch text.lowercased() {
      case "better": return .better
      case "similar", "same": return .similar
      case "worse": return .worse
      default: return .notCompared
      }
    }
  }
}

/// What a chain is assessed against: the analysed series of one or more exports, the reporting
/// period, and the optional benchmark comparison of each series.
public struct ChainData: Sendable {
  public var groups: [IndicatorResults]
  /// The period the assessment reports on; `nil` takes the latest period with a value among the
  /// series the chain uses. Recency is counted back from its end.
  public var reportingPeriod: Period?
  /// The benchmark comparison of a series, when one is known (Fingertips "compared to
  /// England"); `nil` for none.
  public var benchmark: (@Sendable (SeriesResult) -> PublishedComparison?)?

  public init(
    groups: [IndicatorResults], reportingPeriod: Period? = nil,
    benchmark: (@Sendable (SeriesResult) -> PublishedComparison?)? = nil
  ) {
    self.groups = groups
    self.reportingPeriod = reportingPeriod
    self.benchmark = benchmark
  }
}
