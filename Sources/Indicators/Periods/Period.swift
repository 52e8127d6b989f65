/// The unit a period is counted in: a day, a week, a month, a quarter, a half-year or a year.
///
/// It is worked out from the dates, not from how the label was written, so equal dates always
/// get equal granularities (see ``Period/granularity``). Cases are ordered from shortest to
/// longest.
public enum PeriodGranularity: Int, Sendable, Hashable, Comparable, CaseIterable,
  CustomStringConvertible
{
  /// Whole days that do not make whole weeks or whole calendar months.
  case day
  /// Runs of seven days (ISO weeks, DHIS2 weeks starting on any weekday, bi-weeks).
  case week
  /// Whole calendar months that do not make quarters or years (a month, a bi-month, an SDMX
  /// trimester of four months).
  case month
  /// Runs of three whole months that do not make half-years or years.
  case quarter
  /// Runs of six whole months that do not make whole years.
  case halfYear
  /// Runs of twelve whole months, starting in any month (calendar, financial and academic years).
  case year

  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

  /// The unit's name in the singular: "day", "week", "month", "quarter", "half-year", "year".
  public var description: String {
    switch self {
    case .day: "day"
    case .week: "week"
    case .month: "month"
    case .quarter: "quarter"
    case .halfYear: "half-year"
    case .year: "year"
    }
  }

  /// The unit's name in the plural.
  public var plural: String {
    switch self {
    case .halfYear: "half-years"
    default: description + "s"
    }
  }
}

/// The span of time one observation covers: a year, a financial year, a quarter, three pooled
/// years, a week, a day.
///
/// A period is a closed range of days, `start...end`, plus the text it was read from. Everything
/// else is derived from the two dates:
///
/// - ``granularity`` and ``count``: the largest unit that tiles the span exactly. Spans of whole
///   calendar months are counted in years (12 months), half-years (6), quarters (3) or months;
///   other spans in weeks (multiples of 7 days) or days. So `2017 - 19` is 3 years, `2019/20 Q2`
///   is 1 quarter, `2006/07 Q1-Q3` is 3 quarters, `Aug 2006 - Jul 2007` is 1 year, `202302B`
///   (a DHIS2 bi-month) is 2 months, `2019BiW1` is 2 weeks.
/// - ``isPooled``: the span is longer than one year (a multi-year aggregate such as `2017 - 19`).
/// - ``lengthInYears`` and ``midpoint``: for regression on time.
///
/// Two periods are equal when they have the same start and end (and so the same granularity);
/// the label and ``yearStartMonth`` do not take part, so `2019/20`, `2019April` and
/// `2019-04-01/2020-03-31` are the same period. Periods are ordered by start, then by end.
///
/// Read labels with ``parse(_:options:)``; see there for every accepted form.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The first day of the period.
  public let start: CalendarDate
  /// The last day of the period (inclusive).
  public let end: CalendarDate
  /// The unit the period is counted in (see the type's overview for the rule).
  public let granularity: PeriodGranularity
  /// How many units of ``granularity`` the period spans: 3 for `2017 - 19`, 1 for `2019 Q3`.
  public let count: Int
  /// The month (1...12) the year starts in, in the calendar the label was written in: 1 for
  /// calendar labels (`2019`, `2019 Q3`, `201907`), the financial or academic start month for
  /// split years (`2019/20`, 4 by default), the named month of DHIS2 financial periods (`2019Oct`
  /// is 10), the start month of Fingertips month ranges (`Aug 2006 - Jul 2007` is 8).
  /// Informational: it is not part of equality.
  public let yearStartMonth: Int
  /// The text the period was read from, unchanged except for surrounding spaces (or, for a
  /// period built in code, the ``canonicalLabel``). Not part of equality.
  public let label: String

  /// A period from its first and last day.
  ///
  /// - Parameters:
  ///   - start: The first day.
  ///   - end: The last day, inclusive; on or after `start`.
  ///   - yearStartMonth: The month the year of the labelling calendar starts in (1...12), or
  ///     `nil` to derive it: the start month for a period of whole years, the first month of
  ///     its cycle for quarters and half-years (1, 2 or 3; 1...6), otherwise 1.
  ///   - label: The text to keep with the period, or `nil` for the ``canonicalLabel``.
  /// - Precondition: `start <= end` and `yearStartMonth` is in 1...12.
  public init(
    start: CalendarDate, end: CalendarDate, yearStartMonth: Int? = nil, label: String? = nil
  ) {
    precondition(start <= end, "a period cannot end before it starts")
    self.start = start
    self.end = end
    let (granularity, count) = Self.classify(start: start, end: end)
    self.granularity = granularity
    self.count = count
    let derived: Int
    switch granularity {
    case .year: derived = start.month
    case .halfYear: derived = (start.month - 1) % 6 + 1
    case .quarter: derived = (start.month - 1) % 3 + 1
    default: derived = 1
    }
    let month = yearStartMonth ?? derived
    precondition((1...12).contains(month), "yearStartMonth must be 1...12")
    self.yearStartMonth = month
    self.label = label ?? Self.canonicalLabel(start: start, end: end, granularity, count)
  }

  /// A period of whole months: `months` months from the first day of `startMonthIndex`
  /// (`year * 12 + month - 1`).
  init(startMonthIndex: Int, months: Int, yearStartMonth: Int, label: String) {
    self.init(
      start: CalendarDate(firstDayOfMonthIndex: startMonthIndex),
      end: CalendarDate(lastDayOfMonthIndex: startMonthIndex + months - 1),
      yearStartMonth: yearStartMonth, label: label)
  }

  /// The same period with another label.
  ///
  /// - Parameter label: The new label.
  /// - Returns: A copy whose ``label`` is `label`.
  public func relabelled(_ label: String) -> Period {
    Period(start: start, end: end, yearStartMonth: yearStartMonth, label: label)
  }

  // MARK: Derived facts

  /// Whether the period is a multi-year aggregate: it spans more than one year, like the
  /// Fingertips pooled periods `2017 - 19` or `2006/07 - 08/09`, or eight rolling quarters.
  /// Periods of a year or less (`2019`, `2019 Q3`, `2006/07 Q1-Q3`) are not pooled.
  public var isPooled: Bool {
    if let months = monthCount { return months > 12 }
    return dayCount > 366
  }

  /// The number of days from ``start`` to ``end``, both included.
  public var dayCount: Int { end.daysSinceEpoch - start.daysSinceEpoch + 1 }

  /// The number of whole calendar months the period spans, or `nil` when it does not start on
  /// the first day of a month and end on the last day of a month (days and weeks).
  public var monthCount: Int? {
    guard start.day == 1, end.isLastDayOfMonth else { return nil }
    return end.monthIndex - start.monthIndex + 1
  }

  /// The length of the period in years.
  ///
  /// For periods of whole months it is exact: months / 12 (a quarter is 0.25, `2017 - 19` is
  /// 3). For days and weeks it is days / 365.25 (a week is 7 / 365.25 ≈ 0.01916), the mean
  /// length of a Julian year, which is within 0.002% of the Gregorian mean (365.2425 days).
  public var lengthInYears: Double {
    if let months = monthCount { return Double(months) / 12 }
    return Double(dayCount) / 365.25
  }

  /// The middle of the period as a decimal year, for regression of values on time.
  ///
  /// It is the mean of the decimal years of the start and of the day after the end.
  /// For periods of whole months a month is 1/12 of a year, whatever its length, so
  /// consecutive months, quarters and years are equally spaced: 2019 → 2019.5, `2019 Q3`
  /// (July–September) → (2019.5 + 2019.75) / 2 = 2019.625, `2019/20` (April–March) → 2019.75,
  /// `2017 - 19` → 2018.5. For days and weeks a day is 1/365 of its year (1/366 in a leap
  /// year): 1 July 2019 (day 182) starts at 2019 + 181/365.
  public var midpoint: Double {
    if monthCount != nil {
      let from = Double(start.monthIndex) / 12
      let to = Double(end.monthIndex + 1) / 12
      return (from + to) / 2
    }
    return (Self.decimalYear(start) + Self.decimalYear(end.adding(days: 1))) / 2
  }

  /// A label that names the same period in one fixed notation, for keys, JSON and messages.
  ///
  /// Calendar-aligned single units use ISO 8601 and SDMX forms: `2019` (a calendar year),
  /// `2019-S1`, `2019-Q3`, `2019-07`, `2019-W10` (an ISO week, starting on Monday),
  /// `2019-07-01`. Everything else is the ISO 8601 interval of its first and last day, such as
  /// `2019-04-01/2020-03-31` for the financial year 2019/20 or `2017-01-01/2019-12-31` for
  /// `2017 - 19`. Reading a canonical label with ``parse(_:options:)`` gives back an equal
  /// period.
  public var canonicalLabel: String {
    Self.canonicalLabel(start: start, end: end, granularity, count)
  }

  public var description: String { label }

  // MARK: Equality and order

  public static func == (a: Period, b: Period) -> Bool {
    a.start == b.start && a.end == b.end
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(start)
    hasher.combine(end)
  }

  /// Orders by start, then by end: `2019` comes before `2019 Q2`, which comes before
  /// `2019-07`, and `2019 Q1` comes before `2019` (same start, earlier end).
  public static func < (a: Period, b: Period) -> Bool {
    a.start != b.start ? a.start < b.start : a.end < b.end
  }

  // MARK: Internal helpers

  /// The largest unit that tiles `start...end` exactly, and how many of it.
  static func classify(start: CalendarDate, end: CalendarDate) -> (PeriodGranularity, Int) {
    if start.day == 1, end.isLastDayOfMonth {
      let months = end.monthIndex - start.monthIndex + 1
      if months % 12 == 0 { return (.year, months / 12) }
      if months % 6 == 0 { return (.halfYear, months / 6) }
      if months % 3 == 0 { return (.quarter, months / 3) }
      return (.month, months)
    }
    let days = end.daysSinceEpoch - start.daysSinceEpoch + 1
    return days % 7 == 0 ? (.week, days / 7) : (.day, days)
  }

  /// The canonical label of a span (see ``canonicalLabel``).
  static func canonicalLabel(
    start: CalendarDate, end: CalendarDate, _ granularity: PeriodGranularity, _ count: Int
  ) -> String {
    let y = String(start.year)
    if count == 1 {
      switch granularity {
      case .year where start.month == 1:
        return y
      case .halfYear where start.month == 1 || start.month == 7:
        return y + "-S" + String((start.month + 5) / 6)
      case .quarter where start.month % 3 == 1:
        return y + "-Q" + String((start.month + 2) / 3)
      case .month:
        return y + "-" + CalendarDate.padded(start.month, 2)
      case .week where start.weekday == 1:
        let (weekYear, week) = ISOWeek.weekOf(start)
        return String(weekYear) + "-W" + CalendarDate.padded(week, 2)
      case .day:
        return start.isoString
      default:
        break
      }
    }
    return start.isoString + "/" + end.isoString
  }

  /// The decimal year at the start of a day: year + (day of year − 1) / days in the year.
  static func decimalYear(_ date: CalendarDate) -> Double {
    Double(date.year) + Double(date.dayOfYear - 1) / Double(CalendarDate.daysInYear(date.year))
  }
}

/// Weeks numbered as in ISO 8601, generalised to weeks that start on any weekday.
///
/// Week 1 of a year is the week that contains 4 January (equivalently, the first week with at
/// least four days in the new year). ISO 8601 weeks start on Monday; DHIS2 also has weeks
/// starting on Tuesday through Sunday and numbers them by the same rule
/// (dhis2/multi-calendar-dates: generate-fixed-periods-weekly.ts, "first week in every year
/// has the 4th in the first month").
enum ISOWeek {
  /// The first day of week 1 of `year`, for weeks starting on `weekday` (1 Monday ... 7 Sunday).
  static func firstDay(ofYear year: Int, weekStartingOn weekday: Int = 1) -> CalendarDate {
    let fourth = CalendarDate(uncheckedYear: year, month: 1, day: 4)
    let back = (fourth.weekday - weekday + 7) % 7
    return fourth.adding(days: -back)
  }

  /// The number of weeks (52 or 53) in `year`, for weeks starting on `weekday`.
  static func weekCount(ofYear year: Int, weekStartingOn weekday: Int = 1) -> Int {
    let this = firstDay(ofYear: year, weekStartingOn: weekday).daysSinceEpoch
    let next = firstDay(ofYear: year + 1, weekStartingOn: weekday).daysSinceEpoch
    return (next - this) / 7
  }

  /// The ISO week-numbering year and week number of a date.
  static func weekOf(_ date: CalendarDate) -> (year: Int, week: Int) {
    // The Thursday of the date's week decides the week-numbering year.
    let thursday = date.adding(days: 4 - date.weekday)
    let first = firstDay(ofYear: thursday.year)
    return (thursday.year, (date.daysSinceEpoch - first.daysSinceEpoch) / 7 + 1)
  }
}
