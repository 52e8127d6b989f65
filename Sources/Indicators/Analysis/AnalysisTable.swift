public import Columnar
import Statistics

extension SeriesSet {
  /// The results as a table, one row per series, numbers as numbers and missing as missing.
  ///
  /// Columns: the series key (`indicator_id`, `area_code`, the breakdowns), `indicator_title`,
  /// `polarity`, counts, first and last values, descriptive statistics, changes, OLS,
  /// Mann-Kendall, Sen's slope, target progress, `status`, `status_reason`, and the missing
  /// values by reason. `AnalysisTable.columns` documents each.
  ///
  /// - Parameters:
  ///   - results: the results, in series order.
  ///   - periodKind: whether to include `period_kind`; `nil` includes it when some result's
  ///     series has a kind of period (a set written in blocks passes the set's answer, so that
  ///     every block has the same columns).
  ///   - benchmark: whether to include the benchmark columns; `nil` includes them when some
  ///     result was compared (``benchmarkColumns(definitions:options:)`` is the set's answer).
  public func table(of results: [SeriesResult], periodKind: Bool? = nil, benchmark: Bool? = nil) -> Table {
    var b = AnalysisTable.Builder(count: results.count)
    // Keys come straight from the observations' dictionaries, gathered at each series' first row.
    let firstRows = results.map { $0.series.rows.first ?? 0 }
    func key(_ name: String) {
      b.names.append(name)
      b.columns.append(observations.column(name).asText().gathering(firstRows))
    }
    key(CanonicalColumn.indicatorID)
    b.text("indicator_title", results.map { $0.definition?.title })
    key(CanonicalColumn.areaCode)
    key(CanonicalColumn.areaType)
    for name in breakdowns { key(name) }
    // Series split by kind of period (--mixed-periods split) are told apart by it.
    if periodKind ?? results.contains(where: { $0.series.periodKind != nil }) {
      b.text("period_kind", results.map(\.series.periodKind))
    }
    b.text("polarity", results.map { $0.polarity.rawValue })
    b.integer("observations", results.map { $0.observations })
    b.integer("n", results.map { $0.count })
    b.text("first_period", results.map(\.firstPeriod))
    b.number("first_value", results.map(\.firstValue))
    b.text("last_period", results.map(\.lastPeriod))
    b.number("last_value", results.map(\.lastValue))
    b.number("last_lower_ci", results.map { $0.lastInterval?.lower })
    b.number("last_upper_ci", results.map { $0.lastInterval?.upper })
    b.number("min", results.map(\.minimum))
    b.number("max", results.map(\.maximum))
    b.number("mean", results.map(\.mean))
    b.number("sd", results.map(\.standardDeviation))
    b.text("previous_period", results.map { $0.changeFromPrevious?.fromPeriod })
    b.number("change_from_previous", results.map { $0.changeFromPrevious?.absolute })
    b.number("percent_change_from_previous", results.map { $0.changeFromPrevious?.percent })
    b.text("baseline_period", results.map { $0.changeFromBaseline?.fromPeriod })
    b.number("change_from_baseline", results.map { $0.changeFromBaseline?.absolute })
    b.number("percent_change_from_baseline", results.map { $0.changeFromBaseline?.percent })
    b.number("annualised_change_percent", results.map(\.annualisedChangePercent))
    b.number("ols_slope", results.map { $0.ols?.slope })
    b.number("ols_slope_se", results.map { $0.ols?.slopeStandardError })
    b.number("ols_slope_lower", results.map { $0.ols?.slopeInterval.lower })
    b.number("ols_slope_upper", results.map { $0.ols?.slopeInterval.upper })
    b.number("ols_p", results.map { $0.ols?.pValue })
    b.number("ols_r2", results.map { $0.ols?.rSquared })
    b.integer("mk_s", results.map { $0.mannKendall?.s })
    b.number("mk_var_s", results.map { $0.mannKendall?.variance })
    b.number("mk_z", results.map { $0.mannKendall?.z })
    b.number("mk_p", results.map { $0.mannKendall?.pValue })
    b.number("mk_tau", results.map { $0.mannKendall?.tau })
    b.number("sen_slope", results.map { $0.sen?.slope })
    b.number("sen_intercept", results.map { $0.sen?.intercept })
    b.number("sen_slope_lower", results.map { $0.sen?.slopeInterval.lower })
    b.number("sen_slope_upper", results.map { $0.sen?.slopeInterval.upper })
    b.number("target", results.map { $0.target?.target })
    b.text("target_period", results.map { $0.target?.targetPeriod })
    b.number("target_projected", results.map { $0.target?.projected })
    b.text("target_status", results.map { $0.target?.status.rawValue })
    b.text("recent_trend", results.map { $0.recentTrend?.trend.rawValue })
    b.number("recent_trend_chi_squared", results.map { $0.recentTrend?.chiSquared })
    if benchmark ?? results.contains(where: { $0.benchmark != nil }) {
      b.text("benchmark_area", results.map { $0.benchmark?.area })
      b.number("benchmark_value", results.map { $0.benchmark?.value })
      b.text("benchmark_comparison", results.map { $0.benchmark?.comparison.rawValue })
    }
    b.text("status", results.map { $0.status.rawValue })
    b.text("status_reason", results.map(\.statusReason))
    b.text(
      "missing_by_reason",
      results.map { r in
        r.absences.isEmpty
          ? nil : r.absences.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: "; ")
      })
    return b.table()
  }
}

/// Builds the analysis table column by column.
enum AnalysisTable {
  struct Builder {
    let count: Int
    var names: [String] = []
    var columns: [Column] = []
    init(count: Int) { self.count = count }

    mutating func text(_ name: String, _ values: [String?]) {
      names.append(name)
      columns.append(Column(strings: values))
    }
    mutating func number(_ name: String, _ values: [Double?]) {
      names.append(name)
      // NaN and infinities (a p-value of a constant series) are missing in outputs.
      columns.append(Column(floats: values.map { v in v.flatMap { $0.isFinite ? $0 : nil } }))
    }
    mutating func integer(_ name: String, _ values: [Int?]) {
      names.append(name)
      columns.append(Column(integers: values.map { $0.map(Int64.init) }))
    }
    func table() -> Table {
      do { return try Table(names: names, columns: columns) } catch { preconditionFailure("\(error)") }
    }
  }
}

extension SeriesSet {
  /// How many series of each indicator have each status: one row per indicator (sorted by
  /// id) and a last row `all`, with a column per status in `SeriesStatus` order.
  /// - Complexity: O(series).
  public func statusCounts(of results: [SeriesResult]) -> Table {
    var counts = StatusCounts()
    counts.add(results)
    return counts.table()
  }


  /// Sums that let another tool's results be checked against these: the number of series with
  /// an OLS slope and the sum of those slopes, the same for Sen's slope, and the sum of
  /// Mann-Kendall's S over the series tested.
  public func checksums(of results: [SeriesResult]) -> Checksums {
    var c = Checksums()
    addChecksums(of: results, to: &c)
    return c
  }

  /// Adds the checksums of `results` to `c` (results taken a block at a time give the same
  /// sums as all at once: the same additions in the same order).
  public func addChecksums(of results: [SeriesResult], to c: inout Checksums) {
    // Fields read in place: `for r in results` would copy every result (its series' arrays
    // retained and released) to read three numbers.
    for i in results.indices {
      if let s = results[i].ols?.slope, s.isFinite {
        c.olsCount += 1
        c.ols.add(s)
      }
      if let s = results[i].sen?.slope, s.isFinite {
        c.senCount += 1
        c.sen.add(s)
      }
      if let s = results[i].mannKendall?.s { c.mannKendallSSum += s }
    }
  }
}

/// See `SeriesSet.checksums(of:)`.
///
/// The slope sums are compensated (Neumaier's variant of Kahan summation), so that they do not
/// depend on how the results were split into blocks (`--format summary` adds them a block at
/// a time, the other formats at once) beyond the last bit, even when slopes nearly cancel.
public struct Checksums: Sendable, Equatable {
  public var olsCount = 0
  var ols = CompensatedSum()
  public var senCount = 0
  var sen = CompensatedSum()
  public var mannKendallSSum = 0

  /// The sum of the finite OLS slopes.
  public var olsSum: Double { ols.value }
  /// The sum of the finite Sen slopes.
  public var senSum: Double { sen.value }

  public init() {}
}

/// A running sum with Neumaier's compensation: the rounding error of each addition is kept
/// apart and added back at the end.
///
/// Neumaier, A. (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
/// Summen", ZAMM 54, 39–51. The error bound does not grow with the number of terms (to first
/// order), unlike plain summation's.
struct CompensatedSum: Sendable, Equatable {
  private(set) var sum = 0.0
  private(set) var compensation = 0.0

  /// The sum so far.
  var value: Double { sum + compensation }

  /// Adds `x`.
  /// - Complexity: O(1).
  mutating func add(_ x: Double) {
    let t = sum + x
    if abs(sum) >= abs(x) {
      compensation += (sum - t) + x
    } else {
      compensation += (x - t) + sum
    }
    sum = t
  }

  /// Adds another running sum (its sum and its compensation).
  mutating func add(_ other: CompensatedSum) {
    add(other.sum)
    compensation += other.compensation
  }
}

/// Series by status, per indicator and in all, counted block by block
/// (``SeriesSet/analyseBlocks(definitions:options:block:_:)``) or at once
/// (``SeriesSet/statusCounts(of:)``).
public struct StatusCounts: Sendable {
  private var perIndicator: [String: [Int]] = [:]
  private var all = [Int](repeating: 0, count: SeriesStatus.allCases.count)

  public init() {}

  /// Counts `results`.
  /// - Complexity: O(results), one dictionary update per run of one indicator's results
  ///   (series are ordered by indicator first), each result read in place.
  public mutating func add(_ results: [SeriesResult]) {
    add(count: results.count, indicator: { results[$0].series.indicator }, status: { results[$0].status })
  }

  /// Counts `count` series: the indicator and the status of each, in any order (series in
  /// key order or in row order keep one indicator's series together).
  /// - Complexity: O(count), one dictionary update per run of one indicator's series.
  mutating func add(count: Int, indicator: (Int) -> String, status: (Int) -> SeriesStatus) {
    let statuses = SeriesStatus.allCases
    var runIndicator: String? = nil
    var run = [Int](repeating: 0, count: statuses.count)
    func flush() {
      guard let id = runIndicator else { return }
      perIndicator[id, default: [Int](repeating: 0, count: statuses.count)].withUnsafeMutableBufferPointer { counts in
        for k in counts.indices { counts[k] += run[k] }
      }
      for k in run.indices {
        all[k] += run[k]
        run[k] = 0
      }
    }
    for i in 0..<count {
      let id = indicator(i)
      if id != runIndicator {
        flush()
        runIndicator = id
      }
      run[statuses.firstIndex(of: status(i)) ?? 0] += 1
    }
    flush()
  }

  /// One row per indicator (by the bytes of its id) and a last row `all`: the number of series
  /// and a column per status.
  public func table() -> Table {
    let statuses = SeriesStatus.allCases
    let ids = perIndicator.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var b = AnalysisTable.Builder(count: ids.count + 1)
    b.text("indicator_id", ids + ["all"])
    let rows = ids.map { perIndicator[$0] ?? [] } + [all]
    b.integer("series", rows.map { $0.reduce(0, +) })
    for (k, s) in statuses.enumerated() { b.integer(s.rawValue, rows.map { $0[k] }) }
    return b.table()
  }
}

extension Checksums {
  /// Adds another block's sums.
  public mutating func add(_ other: Checksums) {
    olsCount += other.olsCount
    ols.add(other.ols)
    senCount += other.senCount
    sen.add(other.sen)
    mannKendallSSum += other.mannKendallSSum
  }
}
