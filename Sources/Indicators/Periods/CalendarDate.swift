/// A day of the proleptic Gregorian calendar, with no time and no time zone.
///
/// Indicator periods are whole days: a quarter runs from its first day to its last day,
/// inclusive. `CalendarDate` is that day and nothing more, so it never depends on the locale or
/// the time zone of the machine, and it needs no Foundation.
///
/// Dates are validated: `CalendarDate(year: 2019, month: 2, day: 29)` is `nil` because 2019 is
/// not a leap year. Years run from 1 to 9999, which keeps ISO strings four digits wide.
///
/// ```swift
/// let d = CalendarDate(year: 2019, month: 7, day: 1)!
/// d.daysSinceEpoch   // 18078
/// d.isoString        // "2019-07-01"
/// d.weekday          // 1 (Monday)
/// ```
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year, 1...9999.
  public let year: Int
  /// The month, 1 (January) ... 12 (December).
  public let month: Int
  /// The day of the month, 1...31.
  public let day: Int

  /// The smallest year a `CalendarDate` holds.
  public static let minimumYear = 1
  /// The largest year a `CalendarDate` holds.
  public static let maximumYear = 9999

  /// A date from its parts, or `nil` when they name no day (month 13, 31 April, 29 February of
  /// a common year, a year outside 1...9999).
  ///
  /// - Parameters:
  ///   - year: The year, 1...9999.
  ///   - month: The month, 1...12.
  ///   - day: The day of the month, 1 through the length of that month.
  public init?(year: Int, month: Int, day: Int) {
    guard (Self.minimumYear...Self.maximumYear).contains(year), (1...12).contains(month),
      day >= 1, day <= Self.daysInMonth(month, year: year)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date a number of days after 1970-01-01 (negative numbers are before it).
  ///
  /// - Parameter daysSinceEpoch: Days since 1970-01-01; 0 is 1970-01-01 itself.
  /// - Precondition: the result lies in the years 1...9999.
  public init(daysSinceEpoch: Int) {
    // Howard Hinnant's civil_from_days (public domain, "chrono-Compatible Low-Level Date
    // Algorithms"): eras of 400 years, years starting on 1 March so that the leap day is last.
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    precondition(
      (Self.minimumYear...Self.maximumYear).contains(year), "date outside the years 1...9999")
    self.year = year
    self.month = month
    self.day = day
  }

  /// Days since 1970-01-01 (negative before it). Differences of this number count days.
  public var daysSinceEpoch: Int {
    // Howard Hinnant's days_from_civil, the inverse of `init(daysSinceEpoch:)`.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = (month + 9) % 12  // March = 0
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The ISO 8601 calendar date, `YYYY-MM-DD`.
  public var isoString: String {
    Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
  }

  public var description: String { isoString }

  /// The ISO 8601 day of the week: 1 is Monday, 7 is Sunday.
  public var weekday: Int {
    // 1970-01-01 was a Thursday (ISO weekday 4).
    let r = ((daysSinceEpoch % 7) + 7) % 7
    return (r + 3) % 7 + 1
  }

  /// The day of the year, 1 for 1 January through 365 or 366 for 31 December.
  public var dayOfYear: Int {
    daysSinceEpoch - CalendarDate(uncheckedYear: year, month: 1, day: 1).daysSinceEpoch + 1
  }

  /// The date a number of days later (earlier when `days` is negative).
  ///
  /// - Parameter days: Days to add.
  /// - Returns: The shifted date.
  /// - Precondition: the result lies in the years 1...9999.
  public func adding(days: Int) -> CalendarDate {
    CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
  }

  /// Whether a year has 29 February: divisible by 4, except centuries not divisible by 400.
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// The number of days in a month of a year (28...31), or 0 for a month outside 1...12.
  public static func daysInMonth(_ month: Int, year: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: 31
    case 4, 6, 9, 11: 30
    case 2: isLeapYear(year) ? 29 : 28
    default: 0
    }
  }

  /// The number of days in a year: 366 in a leap year, else 365.
  public static func daysInYear(_ year: Int) -> Int { isLeapYear(year) ? 366 : 365 }

  /// Reads an ISO 8601 calendar date written `YYYY-MM-DD` (exactly that shape).
  ///
  /// - Parameter text: The text, with no surrounding spaces.
  /// - Returns: The date, or `nil` when the text has another shape or names no day.
  public static func parseISO(_ text: String) -> CalendarDate? {
    let b = Array(text.utf8)
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
      let y = digits(b, 0..<4), let m = digits(b, 5..<7), let d = digits(b, 8..<10)
    else { return nil }
    return CalendarDate(year: y, month: m, day: d)
  }

  public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  // MARK: Internal helpers

  /// A date whose parts the caller has already checked.
  init(uncheckedYear year: Int, month: Int, day: Int) {
    assert(CalendarDate(year: year, month: month, day: day) != nil, "invalid date")
    self.year = year
    self.month = month
    self.day = day
  }

  /// The first day of the month `monthIndex` months after January of year 0
  /// (`year * 12 + month - 1`).
  init(firstDayOfMonthIndex monthIndex: Int) {
    self.init(uncheckedYear: monthIndex / 12, month: monthIndex % 12 + 1, day: 1)
  }

  /// The last day of the month `monthIndex` months after January of year 0.
  init(lastDayOfMonthIndex monthIndex: Int) {
    let year = monthIndex / 12
    let month = monthIndex % 12 + 1
    self.init(uncheckedYear: year, month: month, day: Self.daysInMonth(month, year: year))
  }

  /// `year * 12 + month - 1`: consecutive months have consecutive indexes.
  var monthIndex: Int { year * 12 + month - 1 }

  /// Whether this is the last day of its month.
  var isLastDayOfMonth: Bool { day == Self.daysInMonth(month, year: year) }

  /// `value` in decimal, left-padded with zeros to `width` digits.
  static func padded(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// The decimal number written by the ASCII digits in `range` of `bytes`, or `nil` if any
  /// byte there is not a digit.
  private static func digits(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
    var value = 0
    for i in range {
      let d = Int(bytes[i]) - 48
      guard (0...9).contains(d) else { return nil }
      value = value * 10 + d
    }
    return value
  }
}
