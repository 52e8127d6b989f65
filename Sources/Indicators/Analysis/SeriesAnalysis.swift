import Columnar
import Dispatch
import Foundation
public import Statistics

/// A change between two observations of a series.
public struct Change: Sendable, Equatable {
  /// The period compared from.
  public var fromPeriod: String
  public var fromValue: Double
  /// `to − from`, in the indicator's unit.
  public var absolute: Double
  /// `100 × (to − from) / |from|`; `nil` when `from` is 0.
  public var percent: Double?
}

/// Whether a series is getting better, in plain words.
public enum SeriesStatus: String, Sendable, Equatable, CaseIterable {
  /// A significant trend in the good direction.
  case improving
  /// A significant trend in the bad direction.
  case worsening
  /// A significant upward trend of an indicator with no polarity.
  case increasing
  /// A significant downward trend of an indicator with no polarity.
  case decreasing
  /// No significant trend.
  case noSignificantChange = "no significant change"
  /// Too few values to test (see `statusReason`).
  case notEnoughData = "not enough data"
}

/// Progress towards an indicator's target.
public struct TargetProgress: Sendable, Equatable {
  public enum Status: String, Sendable, Equatable {
    /// The latest value already meets the target.
    case achieved
    /// The trend, projected to the target period, meets the target.
    case onTrack = "on track"
    /// The projected trend misses the target.
    case offTrack = "off track"
    /// No trend to project (fewer than 3 values) or no target period.
    case cannotBeAssessed = "cannot be assessed"
  }
  public var target: Double
  public var targetPeriod: String?
  /// The value Sen's slope projects for the target period, from the latest value.
  public var projected: Double?
  public var status: Status
}

/// What Backbone says about one series.
public struct SeriesResult: Sendable, Equatable {
  public var series: Series
  /// The indicator's definition, when the library knows it.
  public var definition: IndicatorDefinition? {
    get { definitionBox?.value }
    set { definitionBox = newValue.map(SharedDefinition.init) }
  }
  /// The definition, shared by every series of the indicator (a result is then 8 bytes, not a
  /// few hundred, for it: there can be a million results).
  var definitionBox: SharedDefinition?
  public var polarity: Polarity
  /// Observations in the series, and those with a value.
  public var observations: Int
  public var count: Int
  public var firstPeriod: String?
  public var firstValue: Double?
  public var lastPeriod: String?
  public var lastValue: Double?
  public var lastInterval: ConfidenceInterval?
  public var minimum: Double?
  public var maximum: Double?
  public var mean: Double?
  public var standardDeviation: Double?
  /// Latest against the one before it.
  public var changeFromPrevious: Change?
  /// Latest against the baseline: the definition's baseline period when the series has it,
  /// else the first value.
  public var changeFromBaseline: Change?
  /// Compound annual growth rate between the baseline and the latest value, in percent per
  /// year, over the years between the periods' midpoints; `nil` unless both values are
  /// positive and at least 0.5 years apart.
  public var annualisedChangePercent: Double?
  /// Least squares of value on time (period midpoint, decimal years); slope per year.
  public var ols: LinearRegression?
  /// Mann-Kendall on the values in period order.
  public var mannKendall: MannKendallResult?
  /// Sen's slope per year (times: period midpoints).
  public var sen: SenSlopeResult?
  public var status: SeriesStatus
  /// What decided the status, kept as numbers so that the phrase is made only when read.
  var statusNote: StatusNote
  public var target: TargetProgress?
  /// The Fingertips recent trend of the last 5 points (`nil` when the indicator has no
  /// definition, so its value type is unknown).
  public var recentTrend: RecentTrendResult?
  /// The latest value against the benchmark area's value for the same period, when a
  /// benchmark was asked for.
  public var benchmark: BenchmarkResult?
  /// Missing values in the series by reason.
  public var absences: [AbsenceReason: Int]
}

/// An indicator definition shared by reference.
final class SharedDefinition: Sendable, Equatable {
  let value: IndicatorDefinition
  init(_ value: IndicatorDefinition) { self.value = value }
  static func == (a: SharedDefinition, b: SharedDefinition) -> Bool { a === b || a.value == b.value }
}

/// A series' latest value compared with a benchmark area.
public struct BenchmarkResult: Sendable, Equatable {
  /// The benchmark area code.
  public var area: String
  /// The benchmark's value in the series' latest period, if it has one.
  public var value: Double?
  public var comparison: BenchmarkComparison
  public var method: BenchmarkMethod
}

/// A benchmark area's values by indicator, breakdown and period label, to compare the series
/// of another file with.
public struct BenchmarkPoints: Sendable {
  struct Point: Sendable { var value: Double, lower: Double, upper: Double }
  var points: [String: [String: Point]] = [:]

  public init() {}

  /// Adds `other`'s points where this has none.
  public mutating func merge(_ other: BenchmarkPoints) { points.merge(other.points) { own, _ in own } }

  public var isEmpty: Bool { points.isEmpty }

  /// Indicator and breakdown values by breakdown name, so that files whose breakdown columns
  /// differ in order still match.
  static func key(_ indicator: String, _ names: [String], _ values: [String?]) -> String {
    var parts = [indicator]
    for (name, value) in zip(names, values).sorted(by: { $0.0 < $1.0 }) { if let value { parts.append(name + "=" + value) } }
    return parts.joined(separator: "\u{1f}")
  }
}

/// How a value is compared with its benchmark.
public enum BenchmarkMethod: String, Sendable, CaseIterable {
  /// The 95% interval of the value against the benchmark value (Fingertips' default).
  case overlap95 = "overlap-95"
  /// 95% and 99.8% intervals: Best and Worst beyond 99.8% (Fingertips' "two levels").
  case overlap95And998 = "overlap-95-99.8"
  /// The value's 95% interval against the benchmark's 95% interval.
  case doubleOverlap = "double-overlap"
  /// SPC control limits around the benchmark proportion (Wilson-type, 95%), for proportions
  /// with denominators.
  case spc
}

/// What decided a series' status.
enum StatusNote: Sendable, Equatable {
  case noValues
  case tooFew(need: Int)
  case notTested
  case sharedPeriods(observations: Int, periods: Int)
  case trend
}

extension SeriesResult {
  /// Why the status is what it is, in one phrase: "Mann-Kendall p = 0.009, Sen's slope +1.2 a
  /// year", "1 value; a trend needs 3".
  public var statusReason: String {
    switch statusNote {
    case .noValues: return "no values"
    case .tooFew(let need): return "\(count) value\(count == 1 ? "" : "s"); a trend needs \(need)"
    case .notTested: return "trend tests not run (--methods basic)"
    case .sharedPeriods(let o, let p):
      return "\(o) observations for \(p) periods: several values share a period (a breakdown column may be missing)"
    case .trend:
      guard let mk = mannKendall else { return "" }
      let p = formatP(mk.pValue)
      guard status != .noSignificantChange, let sen = sen else { return "Mann-Kendall p \(p)" }
      return "Mann-Kendall p \(p), Sen's slope \(sen.slope > 0 ? "+" : "")\(formatNumber(sen.slope)) a year"
    }
  }
}

/// How series are judged.
public struct AnalysisOptions: Sendable {
  /// Significance level of the trend test behind `status`.
  public var significanceLevel = 0.05
  /// Fewest values with which a trend is tested.
  public var minimumCount = 3
  /// Whether to run Mann-Kendall and Sen's slope (without them every status is "not enough
  /// data": only the descriptive statistics, changes and OLS are computed).
  public var trendTests = true
  /// The area to compare every series' latest value with, and how.
  public var benchmarkArea: String? = nil
  public var benchmarkMethod = BenchmarkMethod.overlap95
  /// The benchmark area's values from other files (a national file beside a local one), used
  /// where this set has none for the same indicator, breakdown and period.
  public var benchmarkPoints: BenchmarkPoints? = nil
  /// Only what a series' status and the checksums need (``SeriesSet/countStatuses(definitions:options:block:)``):
  /// no OLS inference, no interval for Sen's slope, no recent trend.
  var statusOnly = false
  public init() {}
}

extension SeriesSet {
  /// Analyses every series: descriptive statistics, changes, OLS, Mann-Kendall, Sen's slope,
  /// status and target progress.
  ///
  /// Status: a two-sided Mann-Kendall test at `significanceLevel` (5%) on the values in period
  /// order; a significant trend's direction is the sign of Sen's slope, judged by the
  /// indicator's polarity (no polarity gives increasing/decreasing). Mann-Kendall is used
  /// rather than OLS because it assumes no distribution and resists outliers in short
  /// series (Hirsch, Slack & Smith 1982, *Water Resources Research* 18(1)). Series with fewer
  /// than `minimumCount` values are "not enough data".
  ///
  /// Target progress: achieved when the latest value has reached the target in the good
  /// direction (the polarity's; without polarity, from the baseline towards the target);
  /// otherwise the latest value plus Sen's slope times the years from the latest period's
  /// midpoint to the target period's midpoint is compared with the target (on track or off
  /// track).
  ///
  /// The numbers of each series are computed on every core; the worker threads touch only
  /// numbers (no shared strings or objects, whose reference counts the cores would fight
  /// over), and the results are assembled afterwards on one thread.
  /// - Complexity: O(Σ n²) for the Mann-Kendall and Sen pairs of each series.
  public func analyse(definitions: DefinitionMatch? = nil, options: AnalysisOptions = AnalysisOptions()) -> [SeriesResult] {
    analyse(definitions: definitions, options: options, block: Self.analysisBlock)
  }

  /// Series whose numbers are computed together before they are assembled into results.
  public static let analysisBlock = 8192

  /// ``analyse(definitions:options:)`` with `block` series computed together (tests use small
  /// blocks to check that block boundaries change nothing).
  func analyse(definitions: DefinitionMatch?, options: AnalysisOptions, block: Int) -> [SeriesResult] {
    var out: [SeriesResult] = []
    out.reserveCapacity(series.count)
    analyseBlocks(definitions: definitions, options: options, block: block) { out += $0 }
    return out
  }

  /// What every series' numbers need, gathered once: the columns, the period table, each
  /// series' definition; `nil` when there are no series.
  /// - Complexity: O(series + rows of the columns converted).
  private func analysisSetup(definitions: DefinitionMatch?, options: AnalysisOptions) -> AnalysisSetup? {
    let o = observations
    let value = o.column(CanonicalColumn.value)
    let lower = o.column(CanonicalColumn.lowerCI)
    let upper = o.column(CanonicalColumn.upperCI)
    let reasons = o.column(CanonicalColumn.absenceReason)
    guard case .float(let values) = value.values, case .float(let lowers) = lower.values,
      case .float(let uppers) = upper.values, case .text(let reasonCodes, let reasonDictionary) = reasons.values
    else { preconditionFailure("canonical value, limits and reasons have fixed types") }
    let counts = NumberReader(o.column(CanonicalColumn.count))
    let denominators = NumberReader(o.column(CanonicalColumn.denominator))
    let reasonIndexOfCode = (0..<reasonDictionary.count).map { c -> Int8 in
      AbsenceReason(rawValue: reasonDictionary[UInt32(c)]).flatMap { AbsenceReason.allCases.firstIndex(of: $0) }.map(Int8.init)
        ?? -1
    }
    guard let periodTable = series.first?.periodTable else { return nil }
    // Definitions per series, looked up once per distinct indicator.
    var definitionList: [IndicatorDefinition] = []
    var definitionOf: [String: Int32] = [:]
    var definitionIndex = [Int32](repeating: -1, count: series.count)
    var labelCode: [String: UInt32] = [:]
    for (c, p) in periodTable.periods.enumerated() { if let p { labelCode[p.label] = UInt32(c) } }
    var baselineCodes: [UInt32?] = []
    // By index: a copy of each series would retain and release all its arrays.
    for i in series.indices {
      let indicator = series[i].indicator
      // Series in key order keep an indicator's series together: looked up once per run.
      if i > 0 && indicator == series[i - 1].indicator {
        definitionIndex[i] = definitionIndex[i - 1]
      } else if let known = definitionOf[indicator] {
        definitionIndex[i] = known
      } else if let d = definitions?.known[indicator] {
        definitionOf[indicator] = Int32(definitionList.count)
        definitionIndex[i] = Int32(definitionList.count)
        definitionList.append(d)
        baselineCodes.append(d.baselinePeriod.flatMap { labelCode[$0] })
      } else {
        definitionOf[indicator] = -1
      }
    }
    return AnalysisSetup(
      periodTable: periodTable, definitionList: definitionList, definitionIndex: definitionIndex,
      context: AnalysisContext(
        values: values, lowers: lowers, uppers: uppers, value: value, lower: lower, upper: upper, reasons: reasons,
        reasonCodes: reasonCodes, reasonIndexOfCode: reasonIndexOfCode, midpoints: periodTable.midpoints,
        polarities: definitionList.map(\.polarity), valueTypes: definitionList.map(\.valueType),
        baselineCodes: baselineCodes, definitionIndex: definitionIndex, counts: counts, denominators: denominators,
        pooled: periodTable.periods.map { $0?.isPooled ?? false }, options: options))
  }

  /// ``analyse(definitions:options:)`` a block of series at a time: `body` receives the results
  /// of each block of `block` series (the last may be shorter), in series order, and the
  /// results of every series are never held together. A consumer that only aggregates (status
  /// counts, checksums) then needs memory for one block, not for a million results of several
  /// hundred bytes each.
  /// - Parameters:
  ///   - definitions: the definitions matched to the set's indicators.
  ///   - options: as for ``analyse(definitions:options:)``.
  ///   - block: series per block (``analysisBlock`` by default).
  ///   - body: called once per block, in order. When it throws, no further block is analysed
  ///     and the error is thrown on (a writer that failed stops the analysis).
  /// - Complexity: as ``analyse(definitions:options:)``; memory for `block` results.
  public func analyseBlocks<Failure: Error>(
    definitions: DefinitionMatch? = nil, options: AnalysisOptions = AnalysisOptions(), block: Int = Self.analysisBlock,
    _ body: ([SeriesResult]) throws(Failure) -> Void
  ) throws(Failure) {
    guard let setup = analysisSetup(definitions: definitions, options: options) else { return }
    let periodTable = setup.periodTable, definitionList = setup.definitionList
    let definitionIndex = setup.definitionIndex, context = setup.context
    // Assembly: strings, definitions and targets, on one thread, a block at a time: the
    // numbers of a block are computed on every core into an array of a few megabytes, freed
    // before the next block's (so malloc can hand the same memory back), instead of one array
    // of every series' numbers (hundreds of megabytes of fresh pages for a million series,
    // which the kernel must zero).
    let labels = periodTable.periods.map { $0?.label ?? "" }
    var targetPeriods: [Int32: Period?] = [:]
    let blockSize = max(1, block)
    var out: [SeriesResult] = []
    out.reserveCapacity(min(series.count, blockSize))
    let boxes = definitionList.map(SharedDefinition.init)
    let benchmark = options.benchmarkArea.flatMap { area in
      BenchmarkContext(self, area: area, method: options.benchmarkMethod, extraPoints: options.benchmarkPoints)
    }
    try forEachBlock(of: blockSize) { (all, view, start, end) throws(Failure) in
      let numbers = parallelMap(end - start) { k in context.numbers(at: view.base.baseAddress! + (start + k), index: start + k) }
      for i in start..<end {
        let s = all[i]
        let n = numbers[i - start]
        let d = definitionIndex[i]
        let definition = d >= 0 ? definitionList[Int(d)] : nil
        var r = SeriesResult(
          series: s, definitionBox: d >= 0 ? boxes[Int(d)] : nil, polarity: definition?.polarity ?? .noJudgement,
          observations: s.rows.count, count: n.count, status: n.status, statusNote: n.note, absences: n.absences.dictionary)
        if n.count > 0 && n.hasNumbers {
          r.firstPeriod = labels[Int(n.firstCode)]
          r.firstValue = n.firstValue
          r.lastPeriod = labels[Int(n.lastCode)]
          r.lastValue = n.lastValue
          if !n.lastLower.isNaN && !n.lastUpper.isNaN {
            r.lastInterval = ConfidenceInterval(lower: n.lastLower, upper: n.lastUpper, confidenceLevel: 0.95)
          }
          r.minimum = n.statistics.minimum
          r.maximum = n.statistics.maximum
          r.mean = n.statistics.mean
          r.standardDeviation = n.count > 1 ? n.statistics.standardDeviation : nil
          if n.hasPrevious {
            r.changeFromPrevious = Change(from: n.previousValue, period: labels[Int(n.previousCode)], to: n.lastValue)
          }
          if n.hasBaseline {
            r.changeFromBaseline = Change(from: n.baselineValue, period: labels[Int(n.baselineCode)], to: n.lastValue)
            r.annualisedChangePercent = n.annualised
          }
          r.ols = n.ols
          r.mannKendall = n.mannKendall
          r.sen = n.sen
          r.recentTrend = n.recentTrend
          if let target = definition?.target {
            let targetPeriod: Period?
            if let cached = targetPeriods[d] {
              targetPeriod = cached
            } else {
              targetPeriod = target.period.flatMap { try? Period.parse($0) }
              targetPeriods[d] = targetPeriod
            }
            r.target = Self.targetProgress(r, target: target, targetPeriod: targetPeriod, lastTime: n.lastTime)
          }
        }
        out.append(r)
      }
      benchmark?.compare(&out)
      try body(out)
      out.removeAll(keepingCapacity: true)
    }
  }

  /// Calls `body` with each block of `size` series (the last may be shorter), in order: the
  /// series, a view of them for worker threads, and the block's bounds; stops at the first
  /// error `body` throws.
  private func forEachBlock<Failure: Error>(
    of size: Int, _ body: (UnsafeBufferPointer<Series>, SeriesView, _ start: Int, _ end: Int) throws(Failure) -> Void
  ) throws(Failure) {
    try series.withUnsafeBufferPointer { (all) throws(Failure) in
      let view = SeriesView(all)
      var start = 0
      while start < all.count {
        let end = min(all.count, start + size)
        try body(all, view, start, end)
        start = end
      }
    }
  }

  /// The series by status (``StatusCounts``) and the checksums of their slopes, as
  /// ``analyseBlocks(definitions:options:block:_:)`` followed by ``StatusCounts/add(_:)`` and
  /// ``checksums(of:)`` would give, without assembling a result per series: no period labels,
  /// changes, targets or benchmark comparisons, none of which a status depends on.
  ///
  /// This is what `analyze --format summary` prints. Only what a status and the checksums
  /// depend on is computed: Mann-Kendall and Sen's slope, OLS without its inference, no interval
  /// for Sen's slope, no recent trend. Each worker keeps only a series' status and three
  /// numbers, so the main thread's work per series is one comparison of indicator ids and
  /// three stores. Series are visited in the order of their rows when the set knows it
  /// (`visitOrder`), and the slopes are summed in key order afterwards.
  /// - Parameters:
  ///   - definitions: the definitions matched to the set's indicators (polarity decides
  ///     improving or worsening).
  ///   - options: as for ``analyse(definitions:options:)``; the benchmark is not used.
  ///   - block: series a worker computes in one go (``analysisBlock`` by default).
  /// - Returns: the counts and the checksums.
  /// - Complexity: as ``analyse(definitions:options:)`` without the assembly; memory for a
  ///   status and three numbers per series (25 bytes: 22 MB for 869,344 series).
  public func countStatuses(
    definitions: DefinitionMatch? = nil, options: AnalysisOptions = AnalysisOptions(), block: Int = Self.analysisBlock
  ) -> (counts: StatusCounts, checksums: Checksums) {
    var counts = StatusCounts()
    var sums = Checksums()
    var options = options
    options.statusOnly = true
    guard let setup = analysisSetup(definitions: definitions, options: options) else { return (counts, sums) }
    let context = setup.context
    let blockSize = max(1, block)
    // Series are visited in the order of their rows when it is known (reading the columns
    // from start to end), a block at a time on every core; each worker writes a series'
    // status and numbers at its index, and they are counted and summed in key order
    // afterwards, so that nothing depends on the order of the visit.
    let order = visitOrder
    let count = series.count
    let statuses = SeriesStatus.allCases
    var statusIndex = [UInt8](repeating: 0, count: count)
    var olsSlopes = [Double](repeating: .nan, count: count)
    var senSlopes = [Double](repeating: .nan, count: count)
    var mannKendallS = [Int](repeating: 0, count: count)
    statusIndex.withUnsafeMutableBufferPointer { statusBuffer in
      olsSlopes.withUnsafeMutableBufferPointer { olsBuffer in
        senSlopes.withUnsafeMutableBufferPointer { senBuffer in
          mannKendallS.withUnsafeMutableBufferPointer { sBuffer in
            series.withUnsafeBufferPointer { all in
              // swift-format-ignore: NeverForceUnwrap
              let status = SlotBox(statusBuffer.baseAddress!), ols = SlotBox(olsBuffer.baseAddress!)
              // swift-format-ignore: NeverForceUnwrap
              let sen = SlotBox(senBuffer.baseAddress!), s = SlotBox(sBuffer.baseAddress!)
              let view = SeriesView(all)
              // At most `block` series a piece, and from 512 series on a few pieces a core.
              let cores = ProcessInfo.processInfo.activeProcessorCount
              let pieces = max((count + blockSize - 1) / blockSize, min(count / 256, 4 * cores))
              let pieceSize = (count + pieces - 1) / pieces
              _ = parallelMap(pieces, minimumCount: 2) { b -> Bool in
                for k in (b * pieceSize)..<min(count, (b + 1) * pieceSize) {
                  let i = order.map { Int($0[k]) } ?? k
                  let n = context.numbers(at: view.base.baseAddress! + i, index: i)
                  status.pointer[i] = UInt8(statuses.firstIndex(of: n.status) ?? 0)
                  // The fields a result would carry: tests only when the series has numbers.
                  guard n.count > 0 && n.hasNumbers else { continue }
                  if let slope = n.ols?.slope { ols.pointer[i] = slope }
                  if let slope = n.sen?.slope { sen.pointer[i] = slope }
                  if let value = n.mannKendall?.s { s.pointer[i] = value }
                }
                return true
              }
            }
          }
        }
      }
    }
    series.withUnsafeBufferPointer { all in
      counts.add(count: count, indicator: { all[$0].indicator }, status: { statuses[Int(statusIndex[$0])] })
    }
    for i in 0..<count {
      if olsSlopes[i].isFinite {
        sums.olsCount += 1
        sums.ols.add(olsSlopes[i])
      }
      if senSlopes[i].isFinite {
        sums.senCount += 1
        sums.sen.add(senSlopes[i])
      }
      sums.mannKendallSSum += mannKendallS[i]
    }
    return (counts, sums)
  }

  /// Whether an analysis with `options` compares some series with the benchmark, so that its
  /// table has the benchmark columns: a benchmark area is given, the comparison can be made
  /// (numeric values and limits), and some series has numbers (a value, and no period twice),
  /// which is what gives a result its latest value. Found without analysing, so that results
  /// written a block at a time know their columns before the first block.
  /// Only the columns' types and the series' values and periods are looked at: neither the
  /// benchmark's points nor the analysis set-up is built (the analysis builds them).
  /// - Complexity: O(rows of the series) at most.
  public func benchmarkColumns(options: AnalysisOptions) -> Bool {
    guard options.benchmarkArea != nil, BenchmarkContext.canCompare(observations) else { return false }
    let value = observations.column(CanonicalColumn.value)
    return series.withUnsafeBufferPointer { all in
      all.contains { AnalysisContext.hasNumbers(rows: $0.rows, periodCodes: $0.periodCodes, value: value) }
    }
  }

  /// The values of `area`'s series, by indicator, breakdown and period, to compare other
  /// files' series with (``AnalysisOptions/benchmarkPoints``).
  /// - Complexity: O(n) in the area's observations.
  public func benchmarkPoints(area: String) -> BenchmarkPoints {
    let o = observations
    let value = o.column(CanonicalColumn.value), lower = o.column(CanonicalColumn.lowerCI)
    let upper = o.column(CanonicalColumn.upperCI)
    let values = Self.floats(value), lowers = Self.floats(lower), uppers = Self.floats(upper)
    var out = BenchmarkPoints()
    for s in series where s.area == area {
      var byPeriod: [String: BenchmarkPoints.Point] = [:]
      for (row, code) in zip(s.rows, s.periodCodes) where value.isValid(row) {
        byPeriod[s.periodTable[code].label] = BenchmarkPoints.Point(value: values[row], lower: lowers[row], upper: uppers[row])
      }
      out.points[BenchmarkPoints.key(s.indicator, breakdowns, s.breakdown)] = byPeriod
    }
    return out
  }

  /// A column as floats, NaN where missing.
  ///
  /// Text that does not read as a number (`c`, `<5`) is NaN too: the rows are blanked by the
  /// converted column's validity, which marks them, not by `c`'s, which does not.
  static func floats(_ c: Column) -> [Double] {
    let converted = c.asFloat().column
    guard case .float(var v) = converted.values else { return [] }
    if converted.validity != nil { for i in v.indices where !converted.isValid(i) { v[i] = .nan } }
    return v
  }

  /// Compares each series' latest value with the benchmark area's value for the same
  /// indicator, breakdown and period.


  static func targetProgress(_ r: SeriesResult, target: Target, targetPeriod: Period?, lastTime: Double) -> TargetProgress? {
    guard let last = r.lastValue else { return nil }
    let baseline = r.changeFromBaseline?.fromValue ?? r.firstValue ?? last
    // The direction that meets the target: the polarity's; without one, from the baseline
    // towards the target (up when they are equal). A target on the other side of the baseline
    // from the good direction (higher is better, baseline 80, target 70) is a floor to keep
    // above, not a fall to achieve.
    let wantsHigher: Bool =
      switch r.polarity {
      case .higherIsBetter: true
      case .lowerIsBetter: false
      case .noJudgement: target.value >= baseline
      }
    func meets(_ v: Double) -> Bool { wantsHigher ? v >= target.value : v <= target.value }
    var progress = TargetProgress(target: target.value, targetPeriod: target.period, projected: nil, status: .cannotBeAssessed)
    if meets(last) {
      progress.status = .achieved
      return progress
    }
    guard let targetPeriod, let sen = r.sen, r.count >= 3, sen.slope.isFinite else { return progress }
    let projected = last + sen.slope * (targetPeriod.midpoint - lastTime)
    progress.projected = projected
    progress.status = meets(projected) ? .onTrack : .offTrack
    return progress
  }
}

extension Change {
  init(from: Double, period: String, to: Double) {
    self.init(
      fromPeriod: period, fromValue: from, absolute: to - from, percent: from == 0 ? nil : 100 * (to - from) / abs(from))
  }
}

/// Missing values of one series by reason, in `AbsenceReason.allCases` order.
struct AbsenceCounts: Sendable {
  var counts: (Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0)
  mutating func add(_ k: Int8) {
    switch k {
    case 0: counts.0 += 1
    case 1: counts.1 += 1
    case 2: counts.2 += 1
    case 3: counts.3 += 1
    case 4: counts.4 += 1
    default: break
    }
  }
  /// The counts by reason, without the zeros (no allocation when every count is zero, the
  /// usual case).
  var dictionary: [AbsenceReason: Int] {
    let c = counts
    guard c.0 | c.1 | c.2 | c.3 | c.4 != 0 else { return [:] }
    var d: [AbsenceReason: Int] = [:]
    for (k, r) in AbsenceReason.allCases.enumerated() {
      let count: Int32
      switch k {
      case 0: count = c.0
      case 1: count = c.1
      case 2: count = c.2
      case 3: count = c.3
      case 4: count = c.4
      default: count = 0
      }
      if count > 0 { d[r] = Int(count) }
    }
    return d
  }
}

/// The shared part of an analysis (``SeriesSet/analyseBlocks(definitions:options:block:_:)``,
/// ``SeriesSet/countStatuses(definitions:options:block:)``).
struct AnalysisSetup {
  let periodTable: PeriodTable
  let definitionList: [IndicatorDefinition]
  /// Each series' index into `definitionList`, -1 without a definition.
  let definitionIndex: [Int32]
  let context: AnalysisContext
}

/// The numbers of one series, computed on a worker thread: no strings, no references.
struct SeriesNumbers: Sendable {
  var count = 0
  var hasNumbers = false
  var firstCode: UInt32 = 0, lastCode: UInt32 = 0, previousCode: UInt32 = 0, baselineCode: UInt32 = 0
  var firstValue = 0.0, lastValue = 0.0, previousValue = 0.0, baselineValue = 0.0
  var hasPrevious = false, hasBaseline = false
  var lastLower = Double.nan, lastUpper = Double.nan
  var lastTime = 0.0
  var statistics = descriptiveStatistics([])
  var annualised: Double? = nil
  var ols: LinearRegression? = nil
  var mannKendall: MannKendallResult? = nil
  var sen: SenSlopeResult? = nil
  var recentTrend: RecentTrendResult? = nil
  var status = SeriesStatus.notEnoughData
  var note = StatusNote.noValues
  var absences = AbsenceCounts()
}

/// The series array seen by worker threads without copying its elements.
struct SeriesView: @unchecked Sendable {
  let base: UnsafeBufferPointer<Series>
  init(_ base: UnsafeBufferPointer<Series>) { self.base = base }
}

/// Everything one series' analysis reads, shared by the worker threads.
struct AnalysisContext: Sendable {
  let values: [Double], lowers: [Double], uppers: [Double]
  let value: Column, lower: Column, upper: Column, reasons: Column
  let reasonCodes: [UInt32]
  let reasonIndexOfCode: [Int8]
  /// Midpoint (decimal year) of each period code.
  let midpoints: [Double]
  let polarities: [Polarity]
  let valueTypes: [ValueType]
  let baselineCodes: [UInt32?]
  let definitionIndex: [Int32]
  /// Counts and denominators, NaN where missing.
  let counts: NumberReader, denominators: NumberReader
  /// Whether each period code is pooled.
  let pooled: [Bool]
  let options: AnalysisOptions

  /// The numbers of the series at `series` (read in place: a copy of the series would retain
  /// its strings, the breakdown array and the period table, which other series share and both
  /// cores would fight over).
  func numbers(at series: UnsafePointer<Series>, index: Int) -> SeriesNumbers {
    // The present values, their times and period codes are gathered into scratch memory (on
    // the stack for series of usual length), not into three arrays per series.
    let m = series.pointee.rows.count
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(1, 2 * m)) { scratch in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, m)) { codeScratch in
        // swift-format-ignore: NeverForceUnwrap
        numbers(at: series, index: index, ys: scratch.baseAddress!, ts: scratch.baseAddress! + m, codes: codeScratch.baseAddress!)
      }
    }
  }

  /// Whether `numbers(at:index:)` finds numbers in a series with these rows and periods: a
  /// value, and no period twice.
  static func hasNumbers(rows: [Int], periodCodes: [UInt32], value: Column) -> Bool {
    rows.contains { value.isValid($0) } && hasDistinctPeriods(periodCodes)
  }

  /// Whether no period comes twice (the rule both `numbers(at:index:)` and `hasNumbers(_:)`
  /// apply: two values for one period are not a series over time).
  static func hasDistinctPeriods(_ codes: [UInt32]) -> Bool { distinctCount(codes) == codes.count }

  /// `numbers(at:index:)` with room for `rows.count` values, times and codes.
  private func numbers(
    at series: UnsafePointer<Series>, index: Int, ys y: UnsafeMutablePointer<Double>, ts t: UnsafeMutablePointer<Double>,
    codes c: UnsafeMutablePointer<UInt32>
  ) -> SeriesNumbers {
    var n = SeriesNumbers()
    let rows = series.pointee.rows, periodCodes = series.pointee.periodCodes
    var present = 0
    var lastRow = -1
    for k in rows.indices {
      let row = rows[k], code = periodCodes[k]
      if value.isValid(row) {
        y[present] = values[row]
        t[present] = midpoints[Int(code)]
        c[present] = code
        present += 1
        lastRow = row
      } else if reasons.isValid(row) {
        n.absences.add(reasonIndexOfCode[Int(reasonCodes[row])])
      }
    }
    let ys = UnsafeBufferPointer(start: y, count: present), ts = UnsafeBufferPointer(start: t, count: present)
    let codes = UnsafeBufferPointer(start: c, count: present)
    n.count = present
    guard lastRow >= 0 else { return n }
    // Two values for one period: a breakdown the export does not name, or duplicated rows.
    // Comparing them over time would be wrong.
    guard Self.hasDistinctPeriods(periodCodes) else {
      n.note = .sharedPeriods(observations: periodCodes.count, periods: Self.distinctCount(periodCodes))
      return n
    }
    n.hasNumbers = true
    let count = ys.count
    n.statistics = descriptiveStatistics(ys)
    n.firstCode = codes[0]
    n.firstValue = ys[0]
    n.lastCode = codes[count - 1]
    n.lastValue = ys[count - 1]
    n.lastTime = ts[count - 1]
    if lower.isValid(lastRow) && upper.isValid(lastRow) {
      n.lastLower = lowers[lastRow]
      n.lastUpper = uppers[lastRow]
    }
    let d = Int(definitionIndex[index])
    let polarity = d >= 0 ? polarities[d] : .noJudgement
    if count >= 2 {
      n.hasPrevious = true
      n.previousCode = codes[count - 2]
      n.previousValue = ys[count - 2]
      var b = 0
      if d >= 0, let bc = baselineCodes[d], let at = codes.firstIndex(of: bc) { b = at }
      if b < count - 1 {
        n.hasBaseline = true
        n.baselineCode = codes[b]
        n.baselineValue = ys[b]
        let years = ts[count - 1] - ts[b]
        if ys[b] > 0 && ys[count - 1] > 0 && years >= 0.5 {
          n.annualised = 100 * (pow(ys[count - 1] / ys[b], 1 / years) - 1)
        }
      }
      n.ols = ordinaryLeastSquares(x: ts, y: ys, inference: !options.statusOnly)
      if options.trendTests {
        n.mannKendall = mannKendall(ys)
        n.sen = senSlope(ys, times: ts, interval: !options.statusOnly)
      }
    }
    (n.status, n.note) = status(n, polarity: polarity)
    if d >= 0 && options.trendTests && !options.statusOnly {
      n.recentTrend = recentTrend(series.pointee, polarity: polarity, valueType: valueTypes[d])
    }
    return n
  }

  /// The Fingertips recent trend of the series (every point, missing values as NaN).
  private func recentTrend(_ s: borrowing Series, polarity: Polarity, valueType: ValueType) -> RecentTrendResult {
    let rows = s.rows
    let anyPooled = s.periodCodes.contains { pooled[Int($0)] }
    // Refused before any point is read (value type, pooled periods, fewer than five points):
    // the same answer from empty arrays, without copying the series' points.
    if !(valueType == .proportion || valueType == .crudeRate) || anyPooled || rows.count < RecentTrend.pointCount {
      return Indicators.recentTrend(
        values: [], lowerLimits: [], upperLimits: [], counts: [], denominators: [], anyPooled: anyPooled,
        valueType: valueType, polarity: polarity)
    }
    func pick(_ source: [Double], _ column: Column?) -> [Double] {
      rows.map { r in
        if let column, !column.isValid(r) { return .nan }
        return source.isEmpty ? .nan : source[r]
      }
    }
    return Indicators.recentTrend(
      values: pick(values, value), lowerLimits: pick(lowers, lower), upperLimits: pick(uppers, upper),
      counts: rows.map { counts[$0] }, denominators: rows.map { denominators[$0] },
      anyPooled: anyPooled, valueType: valueType, polarity: polarity)
  }

  static func distinctCount(_ codes: [UInt32]) -> Int {
    if codes.count < 2 { return codes.count }
    // Sorted by period already: equal periods sit next to each other.
    var distinct = 1
    for i in 1..<codes.count where codes[i] != codes[i - 1] { distinct += 1 }
    return distinct
  }

  private func status(_ n: SeriesNumbers, polarity: Polarity) -> (SeriesStatus, StatusNote) {
    guard options.trendTests || n.count < options.minimumCount else { return (.notEnoughData, .notTested) }
    guard n.count >= options.minimumCount, let mk = n.mannKendall, let sen = n.sen else {
      return (.notEnoughData, .tooFew(need: options.minimumCount))
    }
    guard mk.pValue < options.significanceLevel, sen.slope != 0 else { return (.noSignificantChange, .trend) }
    let up = sen.slope > 0
    switch polarity {
    case .higherIsBetter: return (up ? .improving : .worsening, .trend)
    case .lowerIsBetter: return (up ? .worsening : .improving, .trend)
    case .noJudgement: return (up ? .increasing : .decreasing, .trend)
    }
  }
}

/// A p-value with its relation for a sentence, to three decimals: `= 0.042`, or `< 0.001`
/// below 0.001.
func formatP(_ p: Double) -> String {
  if p < 0.001 { return "< 0.001" }
  let thousandths = Int((p * 1000).rounded())
  let text = thousandths >= 1000 ? "1" : "0." + String(repeating: "0", count: 3 - String(thousandths).count) + String(thousandths)
  return "= " + text
}

/// A number for a sentence: up to 3 significant digits after the point, locale independent.
func formatNumber(_ x: Double) -> String {
  guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "-∞") }
  let magnitude = abs(x)
  let decimals = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.01 ? 3 : 5
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let rounded = (x * scale).rounded() / scale
  var s = "\(rounded)"
  if s.hasSuffix(".0") { s.removeLast(2) }
  if s.contains("e") { return "\(x)" }
  return s
}

/// `transform(0..<count)` on every core, results in index order.
///
/// Each worker initialises its own contiguous block of the result's storage in place (no
/// optional slots, no second copy).
/// - Parameters:
///   - count: the number of calls.
///   - minimumCount: below this many calls everything runs on the calling thread (256 by
///     default: a call is a small piece of work; callers whose calls are large, such as a
///     thousand series each, pass 2).
///   - transform: the work of index i.
/// - Complexity: O(count) calls, spread over the cores in contiguous blocks.
func parallelMap<T: Sendable>(_ count: Int, minimumCount: Int = 256, _ transform: @Sendable (Int) -> T) -> [T] {
  parallelMap(count, cores: ProcessInfo.processInfo.activeProcessorCount, minimumCount: minimumCount, transform)
}

/// `parallelMap(_:minimumCount:_:)` as if the machine had `cores` cores (tests use it to check
/// many-core block arithmetic on a small machine).
func parallelMap<T: Sendable>(
  _ count: Int, cores: Int, minimumCount: Int = 256, _ transform: @Sendable (Int) -> T
) -> [T] {
  guard count > 0 else { return [] }
  let workers = min(count, max(1, cores) * 4)
  guard workers > 1 && count >= max(2, minimumCount) else { return (0..<count).map(transform) }
  return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
    guard let base = buffer.baseAddress else { return }
    let box = SlotBox(base)
    let blockSize = (count + workers - 1) / workers
    // ceil(count / blockSize) blocks: with many cores `workers` blocks of that size can
    // overshoot `count`, and a block starting past the end would be an invalid range.
    let blocks = (count + blockSize - 1) / blockSize
    DispatchQueue.concurrentPerform(iterations: blocks) { w in
      let start = w * blockSize
      let end = min(start + blockSize, count)
      guard start < end else { return }
      for i in start..<end { (box.pointer + i).initialize(to: transform(i)) }
    }
    initialized = count
  }
}

/// Lets worker threads write disjoint slots of one buffer.
struct SlotBox<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// What comparing results with a benchmark area needs, gathered once for a set: the area's
/// points by indicator, breakdown and period (this set's own, then other files'), and the
/// columns the comparison methods read.
struct BenchmarkContext {
  let set: SeriesSet
  let area: String
  let method: BenchmarkMethod
  let points: [String: [String: BenchmarkPoints.Point]]
  let value: Column, lower: Column, upper: Column
  let lowers: [Double], uppers: [Double]
  let denominators: NumberReader
  let lower998: [Double], upper998: [Double]

  /// Whether the observations can be compared with a benchmark: numeric values and limits.
  static func canCompare(_ o: Observations) -> Bool {
    guard case .float = o.column(CanonicalColumn.value).values, case .float = o.column(CanonicalColumn.lowerCI).values,
      case .float = o.column(CanonicalColumn.upperCI).values
    else { return false }
    return true
  }

  init?(_ set: SeriesSet, area: String, method: BenchmarkMethod, extraPoints: BenchmarkPoints?) {
    let o = set.observations
    guard Self.canCompare(o), case .float(let lowers) = o.column(CanonicalColumn.lowerCI).values,
      case .float(let uppers) = o.column(CanonicalColumn.upperCI).values
    else { return nil }
    self.set = set
    self.area = area
    self.method = method
    self.lowers = lowers
    self.uppers = uppers
    value = o.column(CanonicalColumn.value)
    lower = o.column(CanonicalColumn.lowerCI)
    upper = o.column(CanonicalColumn.upperCI)
    denominators = NumberReader(o.column(CanonicalColumn.denominator))
    // Converted only for the method that reads them (they may be text: a whole column's copy).
    let reads998 = method == .overlap95And998
    lower998 = reads998 ? o.table.index(of: "lower_ci_99_8").map { SeriesSet.floats(o.table.columns[$0]) } ?? [] : []
    upper998 = reads998 ? o.table.index(of: "upper_ci_99_8").map { SeriesSet.floats(o.table.columns[$0]) } ?? [] : []
    var points = set.benchmarkPoints(area: area).points
    if let extra = extraPoints { points.merge(extra.points) { own, _ in own } }
    self.points = points
  }

  /// Compares each result's latest value with the benchmark's value for the same indicator,
  /// breakdown and period.
  func compare(_ results: inout [SeriesResult]) {
    let breakdowns = set.breakdowns
    for i in results.indices {
      let r = results[i]
      guard let last = r.lastValue, let period = r.lastPeriod, let lastRow = r.series.rows.last(where: { value.isValid($0) })
      else { continue }
      let point = points[BenchmarkPoints.key(r.series.indicator, breakdowns, r.series.breakdown)]?[period]
      var comparison = BenchmarkComparison.notCompared
      if let point, r.series.area != area {
        let lo = lower.isValid(lastRow) ? lowers[lastRow] : .nan
        let hi = upper.isValid(lastRow) ? uppers[lastRow] : .nan
        switch method {
        case .overlap95:
          comparison = overlapComparisons(
            values: [last], lowerLimits: [lo], upperLimits: [hi], benchmark: point.value, polarity: r.polarity)[0]
        case .overlap95And998:
          // The 99.8% limits travel as attributes (Fingertips `Lower CI 99.8 limit`).
          comparison = overlapComparisons(
            values: [last], lower95: [lo], upper95: [hi], lower998: [lower998.isEmpty ? .nan : lower998[lastRow]],
            upper998: [upper998.isEmpty ? .nan : upper998[lastRow]], benchmark: point.value, polarity: r.polarity)[0]
        case .doubleOverlap:
          comparison = doubleOverlapComparisons(
            values: [last], lowerLimits: [lo], upperLimits: [hi], benchmark: point.value, benchmarkLower: point.lower,
            benchmarkUpper: point.upper, polarity: r.polarity)[0]
        case .spc:
          if r.definition?.valueType == .proportion, let m = r.definition?.multiplier, denominators.hasNumbers {
            comparison = controlLimitComparisons(
              values: [last], denominators: [denominators[lastRow]], benchmark: point.value, multiplier: m,
              confidenceLevel: 0.95, polarity: r.polarity)[0]
          }
        }
      }
      results[i].benchmark = BenchmarkResult(area: area, value: point?.value, comparison: comparison, method: method)
    }
  }
}

/// A count or denominator column read a row at a time as a `Double` (NaN where missing),
/// instead of converted whole up front: for ten million rows that conversion is two arrays of
/// 80 MB, of which the intervals and the recent trend read a few rows. Text columns (numbers
/// the reader kept as text) are converted once, as ``SeriesSet/floats(_:)`` does.
struct NumberReader: Sendable {
  private let integers: [Int64]
  private let floats: [Double]
  private let validity: Validity?
  /// Whether the column has numbers at all (false: every row reads NaN).
  let hasNumbers: Bool
  private let isInteger: Bool

  init(_ column: Column) {
    switch column.values {
    case .integer(let v):
      integers = v
      floats = []
      isInteger = true
      hasNumbers = true
    case .float(let v):
      integers = []
      floats = v
      isInteger = false
      hasNumbers = true
    case .text:
      integers = []
      floats = SeriesSet.floats(column)
      isInteger = false
      hasNumbers = !floats.isEmpty
    }
    // Text that is not a number is already NaN in `floats`; the column's own validity does
    // not mark it.
    validity = column.validity
  }

  /// The value of `row`, NaN where missing.
  subscript(row: Int) -> Double {
    guard hasNumbers else { return .nan }
    if let validity, !validity[row] { return .nan }
    return isInteger ? Double(integers[row]) : floats[row]
  }
}
