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
  public var definition: IndicatorDefinition?
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
  /// Missing values in the series by reason.
  public var absences: [AbsenceReason: Int]
}

/// What decided a series' status.
enum StatusNote: Sendable, Equatable {
  case noValues
  case tooFew(need: Int)
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
  /// Target progress: achieved when the latest value has reached the target in the direction
  /// from the baseline towards the target; otherwise the latest value plus Sen's slope times
  /// the years from the latest period's midpoint to the target period's midpoint is compared
  /// with the target (on track or off track).
  /// - Complexity: O(Σ n²) for the Mann-Kendall and Sen pairs of each series.
  public func analyse(definitions: DefinitionMatch? = nil, options: AnalysisOptions = AnalysisOptions()) -> [SeriesResult] {
    let o = observations
    let value = o.column(CanonicalColumn.value)
    let lower = o.column(CanonicalColumn.lowerCI)
    let upper = o.column(CanonicalColumn.upperCI)
    let reasons = o.column(CanonicalColumn.absenceReason)
    guard case .float(let values) = value.values, case .float(let lowers) = lower.values,
      case .float(let uppers) = upper.values, case .text(let reasonCodes, let reasonDictionary) = reasons.values
    else { preconditionFailure("canonical value, limits and reasons have fixed types") }
    let reasonOfCode = (0..<reasonDictionary.count).map { AbsenceReason(rawValue: reasonDictionary[UInt32($0)]) }
    let context = AnalysisContext(
      values: values, lowers: lowers, uppers: uppers, value: value, lower: lower, upper: upper, reasons: reasons,
      reasonCodes: reasonCodes, reasonOfCode: reasonOfCode, definitions: definitions, options: options)
    let all = series
    return parallelMap(all.count) { i in context.analyse(all[i]) }
  }
}

/// Everything one series' analysis reads, shared by the worker threads.
struct AnalysisContext: Sendable {
  let values: [Double], lowers: [Double], uppers: [Double]
  let value: Column, lower: Column, upper: Column, reasons: Column
  let reasonCodes: [UInt32]
  let reasonOfCode: [AbsenceReason?]
  let definitions: DefinitionMatch?
  let options: AnalysisOptions

  func analyse(_ s: Series) -> SeriesResult {
    var ys: [Double] = [], ts: [Double] = [], codes: [UInt32] = []
    ys.reserveCapacity(s.rows.count)
    ts.reserveCapacity(s.rows.count)
    codes.reserveCapacity(s.rows.count)
    var lastRow = -1
    var absences: [AbsenceReason: Int] = [:]
    let table = s.periodTable
    for (row, code) in zip(s.rows, s.periodCodes) {
      if value.isValid(row) {
        ys.append(values[row])
        ts.append(table[code].midpoint)
        codes.append(code)
        lastRow = row
      } else if reasons.isValid(row), let r = reasonOfCode[Int(reasonCodes[row])] {
        absences[r, default: 0] += 1
      }
    }
    let definition = definitions?.known[s.indicator]
    var r = SeriesResult(
      series: s, definition: definition, polarity: definition?.polarity ?? .noJudgement, observations: s.rows.count,
      count: ys.count, status: .notEnoughData, statusNote: .noValues, absences: absences)
    guard lastRow >= 0 else { return r }
    // Two values for one period: a breakdown the export does not name, or duplicated rows.
    // Comparing them over time would be wrong.
    let distinctPeriods = Self.distinctCount(s.periodCodes)
    guard distinctPeriods == s.periodCodes.count else {
      r.statusNote = .sharedPeriods(observations: s.periodCodes.count, periods: distinctPeriods)
      return r
    }
    let label = { (i: Int) in table[codes[i]].label }
    let d = descriptiveStatistics(ys)
    let n = ys.count
    r.firstPeriod = label(0)
    r.firstValue = ys[0]
    r.lastPeriod = label(n - 1)
    r.lastValue = ys[n - 1]
    if lower.isValid(lastRow) && upper.isValid(lastRow) {
      r.lastInterval = ConfidenceInterval(lower: lowers[lastRow], upper: uppers[lastRow], confidenceLevel: 0.95)
    }
    r.minimum = d.minimum
    r.maximum = d.maximum
    r.mean = d.mean
    r.standardDeviation = n > 1 ? d.standardDeviation : nil
    if n >= 2 {
      r.changeFromPrevious = change(from: ys[n - 2], period: label(n - 2), to: ys[n - 1])
      let b = definition?.baselinePeriod.flatMap { bp in (0..<n).first { label($0) == bp } } ?? 0
      if b < n - 1 {
        r.changeFromBaseline = change(from: ys[b], period: label(b), to: ys[n - 1])
        let years = ts[n - 1] - ts[b]
        if ys[b] > 0 && ys[n - 1] > 0 && years >= 0.5 {
          r.annualisedChangePercent = 100 * (pow(ys[n - 1] / ys[b], 1 / years) - 1)
        }
      }
      r.ols = ordinaryLeastSquares(x: ts, y: ys)
      if options.trendTests {
        r.mannKendall = mannKendall(ys)
        r.sen = senSlope(ys, times: ts)
      }
    }
    (r.status, r.statusNote) = status(r)
    r.target = targetProgress(r, times: ts)
    return r
  }

  static func distinctCount(_ codes: [UInt32]) -> Int {
    if codes.count < 2 { return codes.count }
    // Sorted by period already: equal periods sit next to each other.
    var distinct = 1
    for i in 1..<codes.count where codes[i] != codes[i - 1] { distinct += 1 }
    return distinct
  }

  private func change(from: Double, period: String, to: Double) -> Change {
    Change(fromPeriod: period, fromValue: from, absolute: to - from, percent: from == 0 ? nil : 100 * (to - from) / abs(from))
  }

  private func status(_ r: SeriesResult) -> (SeriesStatus, StatusNote) {
    guard r.count >= options.minimumCount, let mk = r.mannKendall, let sen = r.sen else {
      return (.notEnoughData, .tooFew(need: options.minimumCount))
    }
    guard mk.pValue < options.significanceLevel, sen.slope != 0 else { return (.noSignificantChange, .trend) }
    let up = sen.slope > 0
    switch r.polarity {
    case .higherIsBetter: return (up ? .improving : .worsening, .trend)
    case .lowerIsBetter: return (up ? .worsening : .improving, .trend)
    case .noJudgement: return (up ? .increasing : .decreasing, .trend)
    }
  }

  private func targetProgress(_ r: SeriesResult, times: [Double]) -> TargetProgress? {
    guard let target = r.definition?.target, let last = r.lastValue else { return nil }
    let baseline = r.changeFromBaseline?.fromValue ?? r.firstValue ?? last
    // The direction the target asks for: from the baseline towards the target; when they are
    // equal, the indicator's polarity.
    let wantsHigher: Bool =
      target.value != baseline ? target.value > baseline : r.polarity != .lowerIsBetter
    func meets(_ v: Double) -> Bool { wantsHigher ? v >= target.value : v <= target.value }
    var progress = TargetProgress(target: target.value, targetPeriod: target.period, projected: nil, status: .cannotBeAssessed)
    if meets(last) {
      progress.status = .achieved
      return progress
    }
    guard let periodLabel = target.period, let targetPeriod = try? Period.parse(periodLabel), let sen = r.sen,
      r.count >= 3, let lastTime = times.last, sen.slope.isFinite
    else { return progress }
    let projected = last + sen.slope * (targetPeriod.midpoint - lastTime)
    progress.projected = projected
    progress.status = meets(projected) ? .onTrack : .offTrack
    return progress
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
/// - Complexity: O(count) calls, spread over the cores in contiguous blocks.
func parallelMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
  guard count > 0 else { return [] }
  let workers = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
  guard workers > 1 && count >= 256 else { return (0..<count).map(transform) }
  let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
  slots.initialize(repeating: nil, count: count)
  defer {
    slots.deinitialize(count: count)
    slots.deallocate()
  }
  let box = SlotBox(slots)
  let blockSize = (count + workers - 1) / workers
  DispatchQueue.concurrentPerform(iterations: workers) { w in
    let start = w * blockSize
    for i in start..<min(start + blockSize, count) { box.pointer[i] = transform(i) }
  }
  return (0..<count).map { i in
    guard let v = slots[i] else { preconditionFailure("slot \(i) not filled") }
    return v
  }
}

/// Lets worker threads write disjoint slots of one buffer.
private struct SlotBox<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T?>
  init(_ pointer: UnsafeMutablePointer<T?>) { self.pointer = pointer }
}
