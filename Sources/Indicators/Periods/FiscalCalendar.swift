/// A quarter of a fiscal year: the fiscal year's name and the quarter number.
///
/// The name follows the ``FiscalCalendar``'s ``FiscalCalendar/YearNaming``: with the default
/// (start-year naming) and an April start, `FiscalQuarter(fiscalYear: 2026, quarter: 3)` is
/// October–December 2026. Ordered by fiscal year, then quarter.
public struct FiscalQuarter: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The fiscal year's name (a year number).
  public let fiscalYear: Int
  /// The quarter, 1...4.
  public let quarter: Int

  /// A fiscal quarter.
  ///
  /// - Parameters:
  ///   - fiscalYear: The fiscal year's name.
  ///   - quarter: The quarter, 1...4.
  /// - Precondition: `quarter` is in 1...4.
  public init(fiscalYear: Int, quarter: Int) {
    precondition((1...4).contains(quarter), "a quarter is 1...4")
    self.fiscalYear = fiscalYear
    self.quarter = quarter
  }

  /// The quarter before this one (Q4 of the previous fiscal year before Q1).
  public var previous: FiscalQuarter {
    quarter == 1
      ? FiscalQuarter(fiscalYear: fiscalYear - 1, quarter: 4)
      : FiscalQuarter(fiscalYear: fiscalYear, quarter: quarter - 1)
  }

  /// `FY2026-Q3`, a form ``FiscalCalendar/parse(_:)`` reads back.
  public var description: String { "FY\(fiscalYear)-Q\(quarter)" }

  public static func < (a: Self, b: Self) -> Bool {
    (a.fiscalYear, a.quarter) < (b.fiscalYear, b.quarter)
  }
}

/// A year that starts in a given month, with its quarters: UK government financial years
/// (April), US federal fiscal years (October), years starting in July, or plain calendar years.
///
/// Fiscal years are named by the calendar year they start in by default, so with an April start
/// fiscal year 2026 runs from 1 April 2026 to 31 March 2027 (the UK's "2026/27") and its third
/// quarter is October–December 2026. Some organisations name the year by the year it ends in
/// (the US federal FY2027 starts on 1 October 2026); use ``YearNaming/endYear`` for them, as
/// ``usFederal`` does. With a January start both namings agree.
///
/// ```swift
/// let uk = FiscalCalendar.ukFinancial
/// let q = uk.fiscalQuarter(of: CalendarDate(year: 2026, month: 11, day: 15)!)  // FY2026-Q3
/// uk.period(of: q).canonicalLabel   // "2026-Q4" (calendar Q4: October–December 2026)
/// ```
public struct FiscalCalendar: Sendable, Hashable {
  /// Which calendar year gives a fiscal year its name.
  public enum YearNaming: Sendable, Hashable {
    /// The year the fiscal year starts in (UK usage: FY2026 is 2026/27).
    case startYear
    /// The year the fiscal year ends in (US federal usage: FY2027 starts in October 2026).
    case endYear
  }

  /// The month (1...12) fiscal years start in, on its first day.
  public let startMonth: Int
  /// Which calendar year names a fiscal year.
  public let naming: YearNaming

  /// A fiscal calendar, or `nil` when `startMonth` is not 1...12.
  ///
  /// - Parameters:
  ///   - startMonth: The month fiscal years start in: 4 for the UK, 10 for the US federal
  ///     government, 7 for many charities and Australian bodies, 1 for calendar years.
  ///   - naming: Which calendar year names a fiscal year; the start year by default.
  public init?(startMonth: Int, naming: YearNaming = .startYear) {
    guard (1...12).contains(startMonth) else { return nil }
    self.startMonth = startMonth
    self.naming = naming
  }

  private init(unchecked startMonth: Int, naming: YearNaming) {
    self.startMonth = startMonth
    self.naming = naming
  }

  /// Calendar years: January to December.
  public static let calendarYear = FiscalCalendar(unchecked: 1, naming: .startYear)
  /// UK government financial years: April to March, named by the start year (FY2026 is
  /// 2026/27).
  public static let ukFinancial = FiscalCalendar(unchecked: 4, naming: .startYear)
  /// US federal fiscal years: October to September, named by the end year (FY2027 starts on
  /// 1 October 2026).
  public static let usFederal = FiscalCalendar(unchecked: 10, naming: .endYear)

  // MARK: Placing dates and periods

  /// The name of the fiscal year containing a date.
  ///
  /// - Parameter date: Any date.
  /// - Returns: The fiscal year's name; with an April start and start-year naming, 2027 for
  ///   15 April 2027 and 2026 for 15 March 2027.
  public func fiscalYear(of date: CalendarDate) -> Int {
    name(ofYearStartingIn: date.month >= startMonth ? date.year : date.year - 1)
  }

  /// The name of the fiscal year containing a period's last day.
  ///
  /// - Parameter period: Any period.
  /// - Returns: The fiscal year of `period.end`.
  public func fiscalYear(of period: Period) -> Int { fiscalYear(of: period.end) }

  /// The fiscal quarter containing a date.
  ///
  /// - Parameter date: Any date.
  /// - Returns: The quarter; with an April start, 15 November 2026 is in FY2026-Q3.
  public func fiscalQuarter(of date: CalendarDate) -> FiscalQuarter {
    let offset = (date.month - startMonth + 12) % 12
    return FiscalQuarter(fiscalYear: fiscalYear(of: date), quarter: offset / 3 + 1)
  }

  /// The fiscal quarter containing a period's last day: where a period is reported.
  ///
  /// A monthly value for November 2026 and the financial year 2026/27 are placed in different
  /// quarters of an April calendar (Q3 of FY2026 and Q4 of FY2026): each in the quarter it ends.
  ///
  /// - Parameter period: Any period.
  /// - Returns: The quarter containing `period.end`.
  public func fiscalQuarter(of period: Period) -> FiscalQuarter { fiscalQuarter(of: period.end) }

  /// The last fiscal quarter that has ended by a date: the quarter before the one containing
  /// `date`. A quarter counts as complete only once its last day has passed, so on
  /// 31 December 2026 (April calendar) it is FY2026-Q2, and on 1 January 2027 it is FY2026-Q3.
  ///
  /// - Parameter date: The as-of date, typically today.
  /// - Returns: The latest complete quarter.
  public func latestCompleteQuarter(asOf date: CalendarDate) -> FiscalQuarter {
    fiscalQuarter(of: date).previous
  }

  // MARK: Periods

  /// The period of a whole fiscal year.
  ///
  /// - Parameter fiscalYear: The fiscal year's name.
  /// - Returns: Twelve months from the first day of ``startMonth``, labelled `FY2026`.
  public func period(ofYear fiscalYear: Int) -> Period {
    Period(
      startMonthIndex: startYear(of: fiscalYear) * 12 + startMonth - 1, months: 12,
      yearStartMonth: startMonth, label: "FY\(fiscalYear)")
  }

  /// The period of a fiscal quarter.
  ///
  /// - Parameter quarter: The quarter.
  /// - Returns: Three months, labelled like `FY2026-Q3`; with an April start and start-year
  ///   naming, FY2026-Q3 is 1 October to 31 December 2026.
  public func period(of quarter: FiscalQuarter) -> Period {
    let first = startYear(of: quarter.fiscalYear) * 12 + startMonth - 1 + 3 * (quarter.quarter - 1)
    return Period(
      startMonthIndex: first, months: 3, yearStartMonth: startMonth, label: quarter.description)
  }

  // MARK: Reading a --period flag

  /// The forms ``parse(_:)`` reads, for the `expected:` line of error messages.
  public static let acceptedForms =
    "a fiscal year (FY2026, 2026, 2026/27) or a fiscal quarter (FY2026-Q3, FY2026 Q3, 2026-Q3, "
    + "2026Q3, 2026/27 Q3), or any period label (2026-07, 2026-07-01, Feb 2026, ...)"

  /// Reads a period as a user names it for this fiscal calendar (a `--period` flag).
  ///
  /// Fiscal forms are read in this calendar, so with an April start `2026-Q3`, `2026Q3`,
  /// `FY2026-Q3`, `FY2026 Q3` and `2026/27 Q3` all mean October–December 2026, and `FY2026`,
  /// `2026` and `2026/27` mean April 2026 – March 2027. (``Period/parse(_:options:)`` reads
  /// `2026-Q3` as the calendar quarter July–September: the fiscal reading applies only here.)
  /// A split year names its start year explicitly, whatever the ``naming``. Any other text is
  /// read with ``Period/parse(_:options:)``, split years starting in ``startMonth``.
  ///
  /// - Parameter text: The text; surrounding spaces are ignored, `FY` and `Q` in any case.
  /// - Returns: The period, labelled with the text.
  /// - Throws: ``PeriodParseError`` when the text is no period, when a split year does not fit
  ///   (`2026/28`, or any split year in a calendar starting in January), or the quarter is not
  ///   1...4.
  /// - Complexity: O(*n*) in the length of the text.
  public func parse(_ text: String) throws(PeriodParseError) -> Period {
    let trimmed = text.trimmingSpaces
    func fail(_ kind: PeriodParseError.Kind, _ reason: String) -> PeriodParseError {
      PeriodParseError(kind, text: trimmed, reason: reason, expected: Self.acceptedForms)
    }
    guard let form = FiscalForm(trimmed) else {
      if trimmed.uppercased().hasPrefix("FY") {
        throw fail(.unrecognised, "it has none of the fiscal forms")
      }
      let options = PeriodParseOptions(splitYearStartMonth: startMonth)
      do throws(PeriodParseError) {
        return try Period.parse(trimmed, options: options)
      } catch {
        var e = error
        e.expected = Self.acceptedForms
        throw e
      }
    }
    var fiscalYear = form.year
    if let second = form.splitSecond {
      guard startMonth != 1 else {
        throw fail(.inconsistent, "a split year needs a fiscal year that does not start in January")
      }
      let fits =
        second.digits == 2 ? second.value == (form.year + 1) % 100 : second.value == form.year + 1
      guard fits else {
        throw fail(
          .inconsistent,
          "a split year is two consecutive years, so \(form.year) must be followed by "
            + (second.digits == 2
              ? CalendarDate.padded((form.year + 1) % 100, 2) : String(form.year + 1)))
      }
      fiscalYear = name(ofYearStartingIn: form.year)
    }
    guard (1000...9998).contains(form.year) else {
      throw fail(.outOfRange, "year \(form.year) is outside 1000-9998")
    }
    guard let q = form.quarter else { return period(ofYear: fiscalYear).relabelled(trimmed) }
    guard (1...4).contains(q) else {
      throw fail(.outOfRange, "quarter \(q) does not exist; quarters are 1-4")
    }
    return period(of: FiscalQuarter(fiscalYear: fiscalYear, quarter: q)).relabelled(trimmed)
  }

  // MARK: Internal helpers

  /// The fiscal year's name for the year starting in `startYear`.
  private func name(ofYearStartingIn startYear: Int) -> Int {
    naming == .endYear && startMonth != 1 ? startYear + 1 : startYear
  }

  /// The calendar year a named fiscal year starts in.
  private func startYear(of fiscalYear: Int) -> Int {
    naming == .endYear && startMonth != 1 ? fiscalYear - 1 : fiscalYear
  }
}

/// The shape of a fiscal label: optional `FY`, a four-digit year, an optional `/YY` or `/YYYY`,
/// and an optional quarter written `-Qn`, ` Qn` or `Qn`.
private struct FiscalForm {
  var year: Int
  var splitSecond: (value: Int, digits: Int)?
  var quarter: Int?

  init?(_ text: String) {
    let b = Array(text.uppercased().utf8)
    var i = 0
    func number(maxDigits: Int) -> (value: Int, digits: Int)? {
      var value = 0
      var digits = 0
      while i < b.count, (48...57).contains(b[i]), digits < maxDigits {
        value = value * 10 + Int(b[i]) - 48
        digits += 1
        i += 1
      }
      return digits == 0 ? nil : (value, digits)
    }
    if b.starts(with: Array("FY".utf8)) {
      i = 2
      if i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
    }
    guard let y = number(maxDigits: 4), y.digits == 4 else { return nil }
    year = y.value
    if i < b.count, b[i] == UInt8(ascii: "/") {
      i += 1
      guard let s = number(maxDigits: 4), s.digits == 2 || s.digits == 4 else { return nil }
      splitSecond = s
    }
    if i + 1 < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: " "),
      b[i + 1] == UInt8(ascii: "Q")
    {
      i += 1
    }
    if i < b.count, b[i] == UInt8(ascii: "Q") {
      i += 1
      guard let q = number(maxDigits: 2) else { return nil }
      quarter = q.value
    }
    guard i == b.count else { return nil }
  }
}
