/// The Fingertips "year type" of an indicator: which calendar its time periods are counted in
/// and how its labels are written.
///
/// Raw values are the Fingertips ids (`YearTypeIds` in ukhsa-collaboration/fingertips-open,
/// PholioVisualisationWS). Fingertips stores a period as (year, year range, quarter, month) and
/// prints it according to the year type; ``Period/fingertipsLabel(yearType:)`` does the same
/// from dates.
public enum FingertipsYearType: Int, Sendable, Hashable, CaseIterable {
  /// January–December: `2019`, `2017 - 19`, `2019 Q3`, `Feb 2010`.
  case calendar = 1
  /// April–March: `2019/20`, `2006/07 - 08/09`, `2019/20 Q2`.
  case financial = 2
  /// September–August (English school year; the Fingertips successor, dhsc-govuk/FingertipsNext,
  /// starts academic years on 1 September): labelled like financial years.
  case academic = 3
  /// Rolling years of four financial quarters: `2006/07 Q2 - 2007/08 Q1`.
  case financialRollingYearQuarterly = 4
  /// Rolling years of four calendar quarters: `2006 Q2 - 2007 Q1`.
  case calendarRollingYearQuarterly = 5
  /// Rolling years of twelve months: `Feb 2009 - Jan 2010`.
  case calendarRollingYearMonthly = 6
  /// Financial year to date, by quarter: `2006/07 Q1`, `2006/07 Q1-Q3`.
  case financialSingleYearCumulativeQuarter = 7
  /// August–July: `Aug 2006 - Jul 2007`.
  case augustToJuly = 8
  /// March–February: `Mar 2006 - Feb 2007`.
  case marchToFebruary = 9
  /// Several financial years to date, by quarter: `2013/14 Q1 - 2014/15 Q1`.
  case financialMultiYearCumulativeQuarter = 10
  /// July–June: `Jul 2006 - Jun 2007`.
  case julyToJune = 13

  /// The month (1...12) this year type's years start in.
  public var yearStartMonth: Int {
    switch self {
    case .calendar, .calendarRollingYearQuarterly, .calendarRollingYearMonthly: 1
    case .financial, .financialRollingYearQuarterly, .financialSingleYearCumulativeQuarter,
      .financialMultiYearCumulativeQuarter:
      4
    case .academic: 9
    case .augustToJuly: 8
    case .marchToFebruary: 3
    case .julyToJune: 7
    }
  }
}

extension Period {
  /// The label Fingertips prints for this period under a year type, or `nil` when the period is
  /// not one that year type has.
  ///
  /// It follows the Fingertips formatter (`TimePeriodFormatter` in
  /// ukhsa-collaboration/fingertips-open, PholioVisualisationWS/Formatting), working from the
  /// dates rather than from (year, year range, quarter, month):
  ///
  /// - calendar: a month `Feb 2010`; a calendar quarter `2019 Q3`; whole calendar years
  ///   `2019`, `2017 - 19`.
  /// - financial, academic: a month `Apr 2009`; a quarter of the year `2019/20 Q2`; whole
  ///   years `2019/20`, `2006/07 - 08/09`.
  /// - rolling quarterly (financial or calendar): whole years starting on a quarter,
  ///   `2006/07 Q2 - 2007/08 Q1`, `2006 Q1 - 2006 Q4`.
  /// - calendar rolling monthly: whole years from any month, `Feb 2009 - Jan 2010`.
  /// - financial single-year cumulative: one to four quarters from April, `2006/07 Q1`,
  ///   `2006/07 Q1-Q3`.
  /// - financial multi-year cumulative: quarters from April, `2013/14 Q1`,
  ///   `2013/14 Q1 - 2014/15 Q1`.
  /// - August–July, March–February, July–June: whole years from that month,
  ///   `Aug 2006 - Jul 2009`.
  ///
  /// Reading the label back with ``parse(_:options:)`` and
  /// ``PeriodParseOptions/init(fingertipsYearType:)`` gives an equal period.
  ///
  /// - Parameter yearType: The indicator's Fingertips year type.
  /// - Returns: The label, or `nil` for a period the year type cannot express (a week, a
  ///   financial year under the calendar year type, a quarter not aligned with the year).
  public func fingertipsLabel(yearType: FingertipsYearType) -> String? {
    guard let months = monthCount else { return nil }
    let base = yearType.yearStartMonth
    // Months since the start of the year type's year, and that year's start year.
    let offset = ((start.month - base) % 12 + 12) % 12
    let fiscalYear = start.month >= base ? start.year : start.year - 1
    let quarterAligned = offset % 3 == 0
    let wholeYears = months % 12 == 0
    switch yearType {
    case .calendar, .financial, .academic:
      if months == 1 { return Self.monthText(start) }
      if months == 3 && quarterAligned {
        return Self.yearText(fiscalYear, split: base != 1) + " Q" + String(offset / 3 + 1)
      }
      guard wholeYears, offset == 0 else { return nil }
      let years = months / 12
      if base == 1 {
        return years == 1 ? String(fiscalYear) : "\(fiscalYear) - \(Self.twoDigits(end.year))"
      }
      let split = Self.yearText(fiscalYear, split: true)
      guard years > 1 else { return split }
      let lastStart = fiscalYear + years - 1
      return split + " - " + Self.twoDigits(lastStart) + "/" + Self.twoDigits(lastStart + 1)
    case .financialRollingYearQuarterly, .calendarRollingYearQuarterly:
      guard wholeYears, quarterAligned else { return nil }
      return quarterText(start, base: base) + " - " + quarterText(end, base: base)
    case .calendarRollingYearMonthly, .augustToJuly, .marchToFebruary, .julyToJune:
      guard wholeYears, yearType == .calendarRollingYearMonthly || offset == 0 else { return nil }
      return Self.monthText(start) + " - " + Self.monthText(end)
    case .financialSingleYearCumulativeQuarter:
      guard offset == 0, months % 3 == 0, months <= 12 else { return nil }
      let first = Self.yearText(fiscalYear, split: true) + " Q1"
      return months == 3 ? first : first + "-Q" + String(months / 3)
    case .financialMultiYearCumulativeQuarter:
      guard offset == 0, months % 3 == 0 else { return nil }
      let first = Self.yearText(fiscalYear, split: true) + " Q1"
      return months == 3 ? first : first + " - " + quarterText(end, base: base)
    }
  }

  /// `2006/07 Q2` or `2006 Q2`: the quarter containing `date`, in years starting in `base`.
  private func quarterText(_ date: CalendarDate, base: Int) -> String {
    let offset = ((date.month - base) % 12 + 12) % 12
    let year = date.month >= base ? date.year : date.year - 1
    return Self.yearText(year, split: base != 1) + " Q" + String(offset / 3 + 1)
  }

  /// `Feb 2010`.
  private static func monthText(_ date: CalendarDate) -> String {
    Months.abbreviations[date.month - 1] + " " + String(date.year)
  }

  /// `2006` or, for a split year, `2006/07`.
  private static func yearText(_ year: Int, split: Bool) -> String {
    split ? String(year) + "/" + twoDigits(year + 1) : String(year)
  }

  /// The last two digits of a year, zero-padded: 2007 → `07`.
  private static func twoDigits(_ year: Int) -> String { CalendarDate.padded(year % 100, 2) }
}
