import Columnar
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
  /// Why the status is what it is, in one phrase.
  public var statusReason: String
  public var target: TargetProgress?
  /// Missing values in the series by reason.
  public var absences: [AbsenceReason: Int]
}

/// How series are judged.
public struct AnalysisOptions: Sendable {
  /// Significance level of the trend test behind `status`.
  public var significanceLevel = 0.05
  /// Fewest values with which a trend is tested.
  public var minimumCount = 3
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
    return series.map { s in
      var ys: [Double] = [], ts: [Double] = [], labels: [String] = [], rowsWithValue: [Int] = []
      var absences: [AbsenceReason: Int] = [:]
      for (row, period) in zip(s.rows, s.periods) {
        if value.isValid(row) {
          ys.append(values[row])
          ts.append(period.midpoint)
          labels.append(period.label)
          rowsWithValue.append(row)
        } else if reasons.isValid(row), let r = reasonOfCode[Int(reasonCodes[row])] {
          absences[r, default: 0] += 1
        }
      }
      let definition = definitions?.known[s.indicator]
      let distinctPeriods = Set(s.periods).count
      var r = SeriesResult(
        series: s, definition: definition, polarity: definition?.polarity ?? .noJudgement, observations: s.rows.count,
        count: ys.count, status: .notEnoughData, statusReason: "", absences: absences)
      guard let lastRow = rowsWithValue.last else {
        r.statusReason = "no values"
        return r
      }
      // Two values for one period: a breakdown the export does not name, or duplicated rows.
      // Comparing them over time would be wrong.
      guard distinctPeriods == s.periods.count else {
        r.statusReason =
          "\(s.periods.count) observations for \(distinctPeriods) periods: several values share a period (a breakdown column may be missing)"
        return r
      }
      let d = descriptiveStatistics(ys)
      r.firstPeriod = labels.first
      r.firstValue = ys.first
      r.lastPeriod = labels.last
      r.lastValue = ys.last
      if lower.isValid(lastRow) && upper.isValid(lastRow) {
        r.lastInterval = ConfidenceInterval(lower: lowers[lastRow], upper: uppers[lastRow], confidenceLevel: 0.95)
      }
      r.minimum = d.minimum
      r.maximum = d.maximum
      r.mean = d.mean
      r.standardDeviation = ys.count > 1 ? d.standardDeviation : nil
      let n = ys.count
      if n >= 2 {
        r.changeFromPrevious = change(from: ys[n - 2], period: labels[n - 2], to: ys[n - 1])
        let b = definition?.baselinePeriod.flatMap { bp in labels.firstIndex(of: bp) } ?? 0
        if b < n - 1 {
          r.changeFromBaseline = change(from: ys[b], period: labels[b], to: ys[n - 1])
          let years = ts[n - 1] - ts[b]
          if ys[b] > 0 && ys[n - 1] > 0 && years >= 0.5 {
            r.annualisedChangePercent = 100 * (pow(ys[n - 1] / ys[b], 1 / years) - 1)
          }
        }
        r.ols = ordinaryLeastSquares(x: ts, y: ys)
        r.mannKendall = mannKendall(ys)
        r.sen = senSlope(ys, times: ts)
      }
      (r.status, r.statusReason) = status(r, options: options)
      r.target = targetProgress(r, times: ts)
      return r
    }
  }

  private func change(from: Double, period: String, to: Double) -> Change {
    Change(fromPeriod: period, fromValue: from, absolute: to - from, percent: from == 0 ? nil : 100 * (to - from) / abs(from))
  }

  private func status(_ r: SeriesResult, options: AnalysisOptions) -> (SeriesStatus, String) {
    guard r.count >= options.minimumCount, let mk = r.mannKendall, let sen = r.sen else {
      return (.notEnoughData, "\(r.count) value\(r.count == 1 ? "" : "s"); a trend needs \(options.minimumCount)")
    }
    let p = formatP(mk.pValue)
    guard mk.pValue < options.significanceLevel, sen.slope != 0 else {
      return (.noSignificantChange, "Mann-Kendall p \(p)")
    }
    let up = sen.slope > 0
    let reason = "Mann-Kendall p \(p), Sen's slope \(up ? "+" : "")\(formatNumber(sen.slope)) a year"
    switch r.polarity {
    case .higherIsBetter: return (up ? .improving : .worsening, reason)
    case .lowerIsBetter: return (up ? .worsening : .improving, reason)
    case .noJudgement: return (up ? .increasing : .decreasing, reason)
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
