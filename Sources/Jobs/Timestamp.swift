import Foundation

/// Times as the history and the logs write them: always UTC, never the machine's time zone or
/// locale.
enum Timestamp {
  /// `2026-11-24T02:30:00Z`.
  static func iso(_ date: Date) -> String {
    let t = parts(date)
    return "\(t.y)-\(pad(t.mo))-\(pad(t.d))T\(pad(t.h)):\(pad(t.mi)):\(pad(t.s))Z"
  }

  /// `2026-11-24T02:30:00.123Z`, for log lines.
  static func isoMilliseconds(_ date: Date) -> String {
    let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
    return String(iso(date).dropLast()) + "." + String(repeating: "0", count: ms < 10 ? 2 : ms < 100 ? 1 : 0) + "\(ms)Z"
  }

  /// `20261124T023000Z`, for file names.
  static func compact(_ date: Date) -> String {
    let t = parts(date)
    return "\(t.y)\(pad(t.mo))\(pad(t.d))T\(pad(t.h))\(pad(t.mi))\(pad(t.s))Z"
  }

  /// `2026-11-24`, for `{date}` in output names.
  static func day(_ date: Date) -> String {
    let t = parts(date)
    return "\(t.y)-\(pad(t.mo))-\(pad(t.d))"
  }

  static func parts(_ date: Date) -> (y: Int, mo: Int, d: Int, h: Int, mi: Int, s: Int) {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var t = tm()
    gmtime_r(&seconds, &t)
    return (Int(t.tm_year) + 1900, Int(t.tm_mon) + 1, Int(t.tm_mday), Int(t.tm_hour), Int(t.tm_min), Int(t.tm_sec))
  }

  static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
