public import Indicators
public import ResultsChain
import Statistics

/// Everything a reader of a report sees, computed once and rendered twice: into the funder
/// workbook and into Markdown.
///
/// Values stay typed (numbers are `Double`, periods carry their dates, judgements are enums), so
/// that the workbook can write numbers with number formats and Markdown can format them
/// locale-independently; nothing here is computed by a renderer. Order is stable: indicators by
/// domain then id, series headline first then by area and breakdown (ids, codes and breakdowns
/// in ``NaturalOrder``: "I2" before "I10"), inequalities in indicator order, points by period.
public struct ReportModel: Sendable, Equatable {
  /// "Northfield Healthy Weight Partnership: quarterly report".
  public var title: String
  /// The partnership (the chain's name), when a results chain was given.
  public var partnership: String?
  /// The reporting period: the `--period` label, or the latest period with data.
  public var reportingPeriod: ReportingPeriod
  /// The headline area, when one was chosen (`--area`, or the chain's area).
  public var headlineArea: AreaName?
  /// The month the fiscal year starts (1–12; 1: calendar years) and the fiscal year reported.
  public var fiscalYear: FiscalYearInfo
  /// When, by what, from what.
  public var provenance: Provenance
  /// The indicators, by domain then id in natural order (indicators without a definition
  /// last, by id).
  public var indicators: [IndicatorReport]
  /// Inequality across areas or groups in the reporting period, per indicator, in the order of
  /// ``indicators``.
  public var inequalities: [InequalityReport]
  /// The results chain assessment, when a chain was given.
  public var chain: ChainAssessment?
  public var quality: DataQuality
  /// What changed since the previous run of the same job (filled by `Jobs`; `nil` when the
  /// report was not made by a job, empty when nothing changed).
  public var changes: [ChangeNote]?
  /// Warnings met while reading and analysing, in order.
  public var warnings: [String]

  public init(
    title: String, partnership: String? = nil, reportingPeriod: ReportingPeriod, headlineArea: AreaName? = nil,
    fiscalYear: FiscalYearInfo, provenance: Provenance, indicators: [IndicatorReport],
    inequalities: [InequalityReport] = [], chain: ChainAssessment? = nil, quality: DataQuality,
    changes: [ChangeNote]? = nil, warnings: [String] = []
  ) {
    self.title = title
    self.partnership = partnership
    self.reportingPeriod = reportingPeriod
    self.headlineArea = headlineArea
    self.fiscalYear = fiscalYear
    self.provenance = provenance
    self.indicators = indicators
    self.inequalities = inequalities
    self.chain = chain
    self.quality = quality
    self.changes = changes
    self.warnings = warnings
  }

  /// Every headline series, with its indicator, in indicator order (one per indicator when
  /// there is a headline area; one per area and indicator otherwise).
  public var headlines: [(indicator: IndicatorReport, series: SeriesReport)] {
    indicators.flatMap { i in i.series.filter(\.isHeadline).map { (i, $0) } }
  }

  /// Indicators grouped by domain, in domain order (indicators without a domain last).
  public var byDomain: [(domain: Domain?, indicators: [IndicatorReport])] {
    var groups: [(Domain?, [IndicatorReport])] = []
    for indicator in indicators {
      if let last = groups.indices.last, groups[last].0 == indicator.domain {
        groups[last].1.append(indicator)
      } else {
        groups.append((indicator.domain, [indicator]))
      }
    }
    return groups
  }

  /// Headline series by status, in `SeriesStatus.allCases` order, zero counts left out.
  public var headlineStatusCounts: [(status: SeriesStatus, count: Int)] {
    let h = headlines
    return SeriesStatus.allCases.compactMap { status in
      let n = h.count { $0.series.status == status }
      return n == 0 ? nil : (status, n)
    }
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.title == b.title && a.partnership == b.partnership && a.reportingPeriod == b.reportingPeriod
      && a.headlineArea == b.headlineArea && a.fiscalYear == b.fiscalYear && a.provenance == b.provenance
      && a.indicators == b.indicators && a.inequalities == b.inequalities && a.chain == b.chain
      && a.quality == b.quality && a.changes == b.changes && a.warnings == b.warnings
  }
}

/// The period a report is about.
public struct ReportingPeriod: Sendable, Equatable {
  /// The label as the data or the user wrote it ("2025/26 Q2", "2024").
  public var label: String
  public var start: CalendarDate
  public var end: CalendarDate
  /// Whether the user named it (`--period`) rather than it being the latest with data.
  public var isExplicit: Bool

  public init(label: String, start: CalendarDate, end: CalendarDate, isExplicit: Bool) {
    self.label = label
    self.start = start
    self.end = end
    self.isExplicit = isExplicit
  }
}

/// An area's code and, when the data has one, its name.
public struct AreaName: Sendable, Equatable, Hashable {
  public var code: String
  public var name: String?
  public init(code: String, name: String? = nil) {
    self.code = code
    self.name = name
  }
  /// "Northfield (N00000001)", or the code alone.
  public var display: String { name.map { $0 == code ? code : "\($0) (\(code))" } ?? code }
}

/// The fiscal year the tracking table reports on.
public struct FiscalYearInfo: Sendable, Equatable {
  /// 1–12: the first month of the fiscal year (4: April, the UK financial year).
  public var startMonth: Int
  /// The fiscal year containing the end of the reporting period, named by the calendar year it
  /// starts in (2025 for 2025/26).
  public var year: Int
  /// "2025/26" (or "2025" for calendar years).
  public var label: String
  /// The four quarters, in order, with their labels ("Q1 (Apr–Jun)") and dates.
  public var quarters: [QuarterInfo]

  public init(startMonth: Int, year: Int, label: String, quarters: [QuarterInfo]) {
    self.startMonth = startMonth
    self.year = year
    self.label = label
    self.quarters = quarters
  }
}

/// One quarter of the reported fiscal year.
public struct QuarterInfo: Sendable, Equatable {
  /// 1–4.
  public var number: Int
  /// "Q1 (Apr–Jun 2025)".
  public var label: String
  public var start: CalendarDate
  public var end: CalendarDate
  public init(number: Int, label: String, start: CalendarDate, end: CalendarDate) {
    self.number = number
    self.label = label
    self.start = start
    self.end = end
  }
}

/// When the report was made, by which Backbone, from which files.
public struct Provenance: Sendable, Equatable {
  /// Seconds since 1970-01-01T00:00:00Z: `SOURCE_DATE_EPOCH` when set, else the time of the run.
  public var generatedAt: Int64
  /// Whether `generatedAt` came from `SOURCE_DATE_EPOCH`.
  public var fromSourceDateEpoch: Bool
  /// Backbone's version ("0.9.0").
  public var backboneVersion: String
  public var inputs: [InputFile]
  /// The indicator definitions directory and the chain file, when given.
  public var definitionsDirectory: String?
  public var chainFile: String?

  public init(
    generatedAt: Int64, fromSourceDateEpoch: Bool, backboneVersion: String, inputs: [InputFile],
    definitionsDirectory: String? = nil, chainFile: String? = nil
  ) {
    self.generatedAt = generatedAt
    self.fromSourceDateEpoch = fromSourceDateEpoch
    self.backboneVersion = backboneVersion
    self.inputs = inputs
    self.definitionsDirectory = definitionsDirectory
    self.chainFile = chainFile
  }

  /// `generatedAt` as "2026-11-24T02:30:00Z".
  public var generatedISO: String { ISOTime.string(generatedAt) }
}

/// One input file of a report.
public struct InputFile: Sendable, Equatable {
  /// As given on the command line or in the job file.
  public var path: String
  /// Bytes, and the SHA-256 of those bytes (lowercase hex).
  public var byteCount: Int
  public var sha256: String
  /// The layout recognised ("Fingertips", "UN SDG API", ...).
  public var layout: String
  /// Data records read, observations made of them, and records rejected (quarantined).
  public var records: Int
  public var observations: Int
  public var rejectedRows: Int
  /// Where the rejected records were written, with line and reason.
  public var rejectedFile: String?

  public init(
    path: String, byteCount: Int, sha256: String, layout: String, records: Int, observations: Int,
    rejectedRows: Int, rejectedFile: String? = nil
  ) {
    self.path = path
    self.byteCount = byteCount
    self.sha256 = sha256
    self.layout = layout
    self.records = records
    self.observations = observations
    self.rejectedRows = rejectedRows
    self.rejectedFile = rejectedFile
  }

  /// The file name without its directory.
  public var name: String { path.split(separator: "/").last.map(String.init) ?? path }
}

/// One indicator of the report, with its series.
public struct IndicatorReport: Sendable, Equatable {
  public var id: String
  /// The definition's title, else the name in the data, else the id.
  public var title: String
  /// `nil` when the indicator has no definition.
  public var definition: IndicatorDefinition?
  public var domain: Domain? { definition?.domain }
  public var unit: String? { definition?.unit }
  public var polarity: Polarity
  /// How often it is published, from its periods: "annual", "quarterly", "monthly", "3-year
  /// pooled", "mixed".
  public var frequency: String
  /// Decimal places to show, from the definition's value type and the data (at most 3).
  public var decimals: Int
  /// The interval method of the values, in words ("Wilson score 95%"), or `nil` for none.
  public var intervalMethod: String?
  /// The chain steps this indicator evidences (level name and statement), when a chain was
  /// given.
  public var resultSteps: [ResultStep]
  /// Headline series first, then the others by area and breakdown.
  public var series: [SeriesReport]

  public init(
    id: String, title: String, definition: IndicatorDefinition?, polarity: Polarity, frequency: String, decimals: Int,
    intervalMethod: String?, resultSteps: [ResultStep] = [], series: [SeriesReport]
  ) {
    self.id = id
    self.title = title
    self.definition = definition
    self.polarity = polarity
    self.frequency = frequency
    self.decimals = decimals
    self.intervalMethod = intervalMethod
    self.resultSteps = resultSteps
    self.series = series
  }

  /// The headline series, if the indicator has one.
  public var headline: SeriesReport? { series.first(where: \.isHeadline) }
}

/// A chain step an indicator evidences.
public struct ResultStep: Sendable, Equatable {
  public var stepID: String
  /// The level's name ("Final outcomes").
  public var level: String
  public var levelNumber: Int
  public var statement: String
  public init(stepID: String, level: String, levelNumber: Int, statement: String) {
    self.stepID = stepID
    self.level = level
    self.levelNumber = levelNumber
    self.statement = statement
  }
}

/// One value of a series.
public struct SeriesPoint: Sendable, Equatable {
  /// The confidence level of every ``lower`` and ``upper``: the layouts read only the 95%
  /// limits a publisher ships (Fingertips' "Lower CI 95.0 limit", not its 99.8% ones), and the
  /// limits Backbone computes from counts (Wilson, Byars, exact Poisson) are 95% ones.
  public static let intervalConfidenceLevel = 0.95

  public var period: String
  public var start: CalendarDate
  public var end: CalendarDate
  public var value: Double?
  public var lower: Double?
  public var upper: Double?
  public var count: Double?
  public var denominator: Double?
  /// Why there is no value (`nil` when there is one).
  public var absence: AbsenceReason?

  public init(
    period: String, start: CalendarDate, end: CalendarDate, value: Double?, lower: Double? = nil,
    upper: Double? = nil, count: Double? = nil, denominator: Double? = nil, absence: AbsenceReason? = nil
  ) {
    self.period = period
    self.start = start
    self.end = end
    self.value = value
    self.lower = lower
    self.upper = upper
    self.count = count
    self.denominator = denominator
    self.absence = absence
  }
}

/// One series of an indicator: its values and what Backbone says about them.
public struct SeriesReport: Sendable, Equatable {
  public var area: AreaName?
  /// Breakdown name and value pairs ("sex" = "Female"), only those the series has.
  public var breakdown: [BreakdownValue]
  /// Whether this is the indicator's headline series (headline area, no breakdown).
  public var isHeadline: Bool
  /// The observations in period order, values or absences.
  public var points: [SeriesPoint]
  /// The latest point with a value.
  public var latest: SeriesPoint?
  /// The baseline: the definition's baseline period when the series has it, else the first
  /// value.
  public var baseline: SeriesPoint?
  public var changeFromPrevious: Change?
  public var changeFromBaseline: Change?
  public var status: SeriesStatus
  /// Why ("Mann-Kendall p = 0.004, Sen's slope −1.2 a year").
  public var statusReason: String
  /// Mann-Kendall's two-sided p-value and Sen's slope per year, when tested.
  public var trendPValue: Double?
  public var slopePerYear: Double?
  /// The Fingertips recent trend label, when it could be judged.
  public var recentTrend: String?
  public var target: TargetProgress?
  /// How far the series has come towards its target (``TargetAchievement``); `nil` without a
  /// target, a baseline or a latest value.
  public var achievement: TargetAchievement?
  /// The share of the distance from the baseline to the target covered, in percent, when the
  /// target asks for a change from the baseline (``TargetAchievement/percent(_:)``); `nil`
  /// otherwise, including when the baseline already met the target.
  public var percentAchieved: Double? {
    if case .percent(let p)? = achievement { return p }
    return nil
  }
  public var benchmark: BenchmarkResult?
  /// The comparison with the benchmark the publisher shipped (Fingertips' "compared to
  /// England": better, similar, worse, not compared), when the data has one.
  public var publishedComparison: String?
  /// The actual value in each quarter of the reported fiscal year (`FiscalYearInfo.quarters`):
  /// a quarterly or monthly value ending in that quarter (the latest one), or `nil`.
  public var quarterValues: [Double?]
  /// The value of the period that is the reported fiscal year itself (an annual series).
  public var fiscalYearValue: Double?
  /// Whether the latest value is older than one of its own periods before the end of the
  /// reporting period (an annual value for 2022 reported in 2025/26 is stale).
  public var isStale: Bool

  public init(
    area: AreaName?, breakdown: [BreakdownValue], isHeadline: Bool, points: [SeriesPoint], latest: SeriesPoint?,
    baseline: SeriesPoint?, changeFromPrevious: Change?, changeFromBaseline: Change?, status: SeriesStatus,
    statusReason: String, trendPValue: Double?, slopePerYear: Double?, recentTrend: String?, target: TargetProgress?,
    achievement: TargetAchievement?, benchmark: BenchmarkResult?, publishedComparison: String? = nil, quarterValues: [Double?], fiscalYearValue: Double?,
    isStale: Bool
  ) {
    self.area = area
    self.breakdown = breakdown
    self.isHeadline = isHeadline
    self.points = points
    self.latest = latest
    self.baseline = baseline
    self.changeFromPrevious = changeFromPrevious
    self.changeFromBaseline = changeFromBaseline
    self.status = status
    self.statusReason = statusReason
    self.trendPValue = trendPValue
    self.slopePerYear = slopePerYear
    self.recentTrend = recentTrend
    self.target = target
    self.achievement = achievement
    self.benchmark = benchmark
    self.publishedComparison = publishedComparison
    self.quarterValues = quarterValues
    self.fiscalYearValue = fiscalYearValue
    self.isStale = isStale
  }

  /// "sex: Female; age: 0-4", or "" without breakdown.
  public var breakdownText: String {
    breakdown.map { "\($0.name): \($0.value)" }.joined(separator: "; ")
  }

  /// The part of the population the series covers when it is not everyone: its breakdown
  /// values other than totals ("sex: Female" for an indicator reported for women only, which
  /// is its headline), or "" ("Persons", "All ages" and no breakdown are everyone).
  public var scopeText: String {
    breakdown.filter { !DeprivationQuantile.isTotal($0.value) }.map { "\($0.name): \($0.value)" }.joined(separator: "; ")
  }

  /// An arrow for the direction of a significant trend: ↑ up, ↓ down, → no significant
  /// change, "" when not tested.
  public var trendArrow: String {
    switch status {
    case .notEnoughData: ""
    case .noSignificantChange: "→"
    case .increasing: "↑"
    case .decreasing: "↓"
    // Sen's slope gives the direction; a significant trend whose median slope is 0 (many ties)
    // has none to show.
    case .improving, .worsening:
      switch slopePerYear ?? 0 {
      case let s where s > 0: "↑"
      case let s where s < 0: "↓"
      default: "→"
      }
    }
  }
}

/// How far a series has come towards its target: the IPTT's "% of target achieved", defined so
/// that its sign always means what it says.
///
/// The good direction is the polarity's (higher or lower is better); an indicator with no
/// polarity wants to move from the baseline towards the target (up when they are equal). A
/// value *meets* the target when it is at or beyond it in that direction.
///
/// - When the baseline does not meet the target, the target asks for a change and the
///   achievement is `100 × (latest − baseline) / (target − baseline)`: 0 at the baseline, 100
///   at the target, above 100 beyond it, negative when the latest value moved away from the
///   target. The denominator is never 0 here (a baseline equal to the target meets it).
/// - When the baseline already meets the target (a higher-is-better baseline of 80 against a
///   target of 70), a percentage would mislead (moving further from 70 in the good direction
///   would show as negative progress): the target was met at the baseline, and it is either
///   still met (``maintained``) or no longer met (``noLongerMet``).
///
/// Worked example (higher is better, target 80): baseline 60, latest 70 gives 50%; latest 55
/// gives −25%; baseline 80 (or 85), latest 85 is maintained; latest 75 is no longer met.
public enum TargetAchievement: Sendable, Equatable {
  /// The share of the way from the baseline to the target covered, in percent.
  case percent(Double)
  /// The baseline met the target already and the latest value still does.
  case maintained
  /// The baseline met the target already and the latest value does not.
  case noLongerMet

  /// The achievement of a series, or `nil` when a number is missing or not finite.
  /// - Parameters:
  ///   - baseline: the baseline value.
  ///   - latest: the latest value.
  ///   - target: the target value.
  ///   - polarity: the indicator's polarity.
  /// - Returns: see the type's overview.
  public init?(baseline: Double, latest: Double, target: Double, polarity: Polarity) {
    guard baseline.isFinite, latest.isFinite, target.isFinite else { return nil }
    let wantsHigher: Bool =
      switch polarity {
      case .higherIsBetter: true
      case .lowerIsBetter: false
      case .noJudgement: target >= baseline
      }
    func meets(_ v: Double) -> Bool { wantsHigher ? v >= target : v <= target }
    if meets(baseline) {
      self = meets(latest) ? .maintained : .noLongerMet
    } else {
      self = .percent(100 * (latest - baseline) / (target - baseline))
    }
  }
}

/// A breakdown and its value in one series.
public struct BreakdownValue: Sendable, Equatable, Hashable {
  public var name: String
  public var value: String
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// How unequal the areas or groups of one indicator are in one period.
public struct InequalityReport: Sendable, Equatable {
  public var indicator: String
  public var title: String
  public var period: String
  /// "area" or the breakdown's name ("deprivation").
  public var dimension: String
  /// The measures, and the groups compared (`result.members`).
  public var result: InequalityResult

  public init(indicator: String, title: String, period: String, dimension: String, result: InequalityResult) {
    self.indicator = indicator
    self.title = title
    self.period = period
    self.dimension = dimension
    self.result = result
  }
}

/// Missing values, rejected rows, stale and undefined indicators.
public struct DataQuality: Sendable, Equatable {
  /// Observations without a value, by reason, reasons in `AbsenceReason` order, zeros left out.
  public var absences: [AbsenceCount]
  public var rejectedRows: Int
  /// Indicator ids whose headline (or, without one, every) series is stale.
  public var staleIndicators: [String]
  /// Indicator ids in the data with no definition (no polarity: no better or worse).
  public var undefinedIndicators: [String]
  public var observations: Int
  public var valuesPresent: Int

  public init(
    absences: [AbsenceCount], rejectedRows: Int, staleIndicators: [String], undefinedIndicators: [String],
    observations: Int, valuesPresent: Int
  ) {
    self.absences = absences
    self.rejectedRows = rejectedRows
    self.staleIndicators = staleIndicators
    self.undefinedIndicators = undefinedIndicators
    self.observations = observations
    self.valuesPresent = valuesPresent
  }
}

/// How many values are missing for one reason.
public struct AbsenceCount: Sendable, Equatable {
  public var reason: AbsenceReason
  public var count: Int
  public init(reason: AbsenceReason, count: Int) {
    self.reason = reason
    self.count = count
  }
}

/// One thing that changed since the previous run of a job.
public struct ChangeNote: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    case newPeriod = "new period"
    case newSeries = "new series"
    case revised = "revised"
    case statusChanged = "status changed"
    case significanceChanged = "significance changed"
    case benchmarkChanged = "benchmark changed"
    case targetChanged = "target progress changed"
    case stepChanged = "step progress changed"
    case stale = "went stale"
    case removed = "removed"
  }
  public var kind: Kind
  /// The indicator or chain step id.
  public var subject: String
  /// Area and breakdown, when the change is about one series.
  public var series: String?
  public var period: String?
  /// Before and after, in words or formatted numbers.
  public var before: String?
  public var after: String?
  /// One sentence.
  public var text: String

  public init(
    kind: Kind, subject: String, series: String? = nil, period: String? = nil, before: String? = nil,
    after: String? = nil, text: String
  ) {
    self.kind = kind
    self.subject = subject
    self.series = series
    self.period = period
    self.before = before
    self.after = after
    self.text = text
  }
}

/// UTC timestamps as ISO 8601, without Foundation's formatters (locale and time zone free).
public enum ISOTime {
  /// "2026-11-24T02:30:00Z".
  public static func string(_ seconds: Int64) -> String {
    let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    let rest = Int(seconds - Int64(days) * 86_400)
    let date = CalendarDate(daysSinceEpoch: days)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(date.isoString)T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
  }
}
