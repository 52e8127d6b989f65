internal import CXlsxWriter

/// A calendar date and time of day as Excel stores it: no time zone, Gregorian calendar,
/// years 1900...9999.
///
/// A cell holding a `DateTime` is a number (days since 1899-12-31, with Excel's 1900 leap-year
/// quirk) shown through a date number format, so it sorts and filters as a date.
public struct DateTime: Hashable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int
  public var hour: Int
  public var minute: Int
  public var second: Double

  /// A date, with an optional time of day. Nothing is checked here; writing an impossible date
  /// throws ``XLSXError/Kind-swift.enum/invalidDate``.
  public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
    self.year = year
    self.month = month
    self.day = day
    self.hour = hour
    self.minute = minute
    self.second = second
  }

  /// The UTC date and time of a Unix time (seconds since 1970-01-01T00:00:00Z), for example
  /// `SOURCE_DATE_EPOCH`.
  /// - Parameter secondsSince1970: the Unix time; leap seconds are not counted, as in POSIX.
  public init(secondsSince1970: Int64) {
    let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
    let secondsOfDay = Int(secondsSince1970 - days * 86_400)
    // Civil date from a day count (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    self.init(
      year: Int(year), month: Int(month), day: Int(day), hour: secondsOfDay / 3_600,
      minute: secondsOfDay % 3_600 / 60, second: Double(secondsOfDay % 60))
  }

  /// Whether the value has a time of day other than midnight.
  public var hasTime: Bool { hour != 0 || minute != 0 || second != 0 }

  /// `2026-09-30` or `2026-09-30T14:05:00`.
  public var description: String {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var text = "\(year)-\(two(month))-\(two(day))"
    if hasTime {
      guard second.isFinite, abs(second) < 1e9 else { return text + "T\(two(hour)):\(two(minute)):\(second)" }
      let whole = Int(second)
      text += "T\(two(hour)):\(two(minute)):\(two(whole))"
      if second != Double(whole) {
        text += String(String(second - Double(whole)).dropFirst())
      }
    }
    return text
  }

  /// Why Excel cannot hold this value, or `nil` when it can.
  var problem: String? {
    guard (1900...9999).contains(year) else { return "year \(year) is outside Excel's 1900...9999" }
    guard (1...12).contains(month) else { return "month \(month) is not 1...12" }
    guard (1...Self.daysIn(month: month, year: year)).contains(day) else {
      return "day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month)"
    }
    guard (0..<24).contains(hour), (0..<60).contains(minute), second.isFinite, second >= 0, second < 60 else {
      return "time \(hour):\(minute):\(second) is not a time of day"
    }
    return nil
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  var lxw: lxw_datetime {
    lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: Int32(hour), min: Int32(minute), sec: second)
  }
}
