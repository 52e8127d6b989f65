public import Indicators
import Statistics

/// What one indicator's result says about the step, assumption or risk it is attached to.
public struct Evidence: Sendable, Equatable {
  /// The indicator and series the chain asked for.
  public var reference: IndicatorReference
  /// The indicator's title (from its definition or the chain's local indicator), when known.
  public var title: String?
  /// The direction that counts as good: the reference's `expect`, else the local indicator's or
  /// the definition's polarity.
  public var polarity: Polarity
  public var grade: EvidenceGrade
  /// Why the grade is what it is, in one phrase.
  public var reason: String
  /// The series' status from the analysis, when a series was found.
  public var status: SeriesStatus?
  /// The area of the series used.
  public var area: String?
  public var lastPeriod: String?
  public var lastValue: Double?
  /// Mann-Kendall p-value and Sen's slope per year, when computed.
  public var pValue: Double?
  public var slope: Double?
  public var target: TargetProgress?
  /// How many of the series' own periods the latest value is behind the reporting period.
  public var periodsBehind: Int?
  /// Whether the latest value is more than `stale-after-periods` behind.
  public var isStale: Bool
  public var benchmark: PublishedComparison?

  public init(
    reference: IndicatorReference, title: String? = nil, polarity: Polarity, grade: EvidenceGrade, reason: String,
    status: SeriesStatus? = nil, area: String? = nil, lastPeriod: String? = nil, lastValue: Double? = nil,
    pValue: Double? = nil, slope: Double? = nil, target: TargetProgress? = nil, periodsBehind: Int? = nil,
    isStale: Bool = false, benchmark: PublishedComparison? = nil
  ) {
    self.reference = reference
    self.title = title
    self.polarity = polarity
    self.grade = grade
    self.reason = reason
    self.status = status
    self.area = area
    self.lastPeriod = lastPeriod
    self.lastValue = lastValue
    self.pValue = pValue
    self.slope = slope
    self.target = target
    self.periodsBehind = periodsBehind
    self.isStale = isStale
    self.benchmark = benchmark
  }

  /// Whether the evidence carries data (its grade is not missing).
  public var isEvidenced: Bool { grade != .missing }
}

extension EvidenceGrade {
  /// Grades one series result (the rules of `indicators/chains/README.md`, in this order):
  ///
  /// 1. no value at all: missing ("no values");
  /// 2. no polarity and no `expect:`: missing (the good direction is unknown);
  /// 3. a significant trend (the analysis' status improving, worsening, increasing or decreasing:
  ///    Mann-Kendall at the chain's significance level) in the good direction: strong;
  /// 4. a significant trend in the bad direction: contrary;
  /// 5. the target achieved: strong; 6. on track for the target: some;
  /// 7. too few values for a trend: missing, with the analysis' reason;
  /// 8. no significant change with Sen's slope in the good direction: some; otherwise none.
  ///
  /// - Parameters:
  ///   - result: The series' analysis.
  ///   - polarity: The direction that counts as good.
  ///   - target: The target progress to use (the definition's, or the chain's local target).
  /// - Returns: The grade and the reason, in one phrase.
  public static func grade(_ result: SeriesResult, polarity: Polarity, target: TargetProgress?) -> (
    EvidenceGrade, String
  ) {
    guard result.count > 0 else {
      let absent = result.absences.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
      return (.missing, "no values" + (absent.isEmpty ? "" : " (" + absent.joined(separator: ", ") + ")"))
    }
    guard polarity != .noJudgement else {
      return (.missing, "no polarity: the good direction is not known (set expect: in the chain)")
    }
    let significant: Bool
    switch result.status {
    case .improving, .worsening, .increasing, .decreasing: significant = true
    case .noSignificantChange, .notEnoughData: significant = false
    }
    let slope = result.sen?.slope ?? 0
    let good = polarity == .higherIsBetter ? slope > 0 : slope < 0
    let bad = polarity == .higherIsBetter ? slope < 0 : slope > 0
    let p = result.mannKendall.map { "Mann-Kendall p \(pText($0.pValue))" }
    let slopeText = result.sen.map { _ in "Sen's slope \(slope > 0 ? "+" : "")\(numberText(slope)) a year" }
    let test = [p, slopeText].compactMap { $0 }.joined(separator: ", ")
    if significant && good { return (.strong, "significant change in the good direction (\(test))") }
    if significant && bad { return (.contrary, "significant change in the bad direction (\(test))") }
    if let target {
      let by = target.targetPeriod.map { " by \($0)" } ?? ""
      switch target.status {
      case .achieved: return (.strong, "target \(numberText(target.target)) achieved")
      case .onTrack: return (.some, "on track for the target \(numberText(target.target))\(by)")
      case .offTrack, .cannotBeAssessed: break
      }
    }
    if result.status == .notEnoughData { return (.missing, "cannot be calculated: \(result.statusReason)") }
    if good { return (.some, "good direction, not significant (\(test))") }
    return (.none, "no significant change (\(p ?? "no test"))")
  }
}

/// A p-value for a phrase: `= 0.042`, or `< 0.001`.
func pText(_ p: Double) -> String {
  guard p.isFinite else { return "not computed" }
  if p < 0.001 { return "< 0.001" }
  return "= " + fixed(p, 3)
}

/// `x` with `decimals` decimals, locale independent, `-0` written `0`.
///
/// Public so that the Markdown report formats numbers exactly as the chain's own text does.
/// - Parameters:
///   - x: the number; NaN and infinities are written `NaN`, `∞`, `-∞`.
///   - decimals: digits after the point.
/// - Returns: "12.30" for `fixed(12.3, 2)`.
public func fixed(_ x: Double, _ decimals: Int) -> String {
  guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "-∞") }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = (abs(x) * scale).rounded()
  guard scaled < 9e15 else { return "\(x)" }
  let whole = Int(scaled) / Int(scale)
  let fraction = Int(scaled) % Int(scale)
  let sign = x < 0 && scaled != 0 ? "-" : ""
  guard decimals > 0 else { return sign + "\(whole)" }
  let f = String(fraction)
  return sign + "\(whole)." + String(repeating: "0", count: decimals - f.count) + f
}

/// A number for a phrase: 3 significant digits after the point at most, trailing zeros removed.
///
/// Public so that the Markdown report writes numbers in sentences as the chain's text does.
/// - Parameter x: the number.
/// - Returns: "1.23" for 1.2345, "120.3" for 120.34, "0.012" for 0.0123.
public func numberText(_ x: Double) -> String {
  guard x.isFinite else { return fixed(x, 0) }
  let m = abs(x)
  let decimals = m >= 100 ? 1 : m >= 1 ? 2 : m >= 0.01 ? 3 : m == 0 ? 0 : 5
  var s = fixed(x, decimals)
  if s.contains(".") {
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
  }
  return s == "-0" ? "0" : s
}
