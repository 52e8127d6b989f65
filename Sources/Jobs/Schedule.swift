/// When a scheduled job runs.
public struct ScheduleTime: Sendable, Equatable {
  /// How often.
  public enum Cadence: Sendable, Equatable {
    /// Every day.
    case daily
    /// Monday to Friday.
    case weekdays
    /// The first day of each quarter of the job's fiscal year (four times a year).
    case quarterly(fiscalYearStartMonth: Int)
  }

  public var hour: Int
  public var minute: Int
  public var cadence: Cadence

  public init(hour: Int, minute: Int, cadence: Cadence) {
    self.hour = hour
    self.minute = minute
    self.cadence = cadence
  }

  /// Reads `HH:MM` (24-hour clock).
  /// - Returns: `nil` when the text is not a time of day.
  public static func time(_ text: String) -> (hour: Int, minute: Int)? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
      let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
    else { return nil }
    return (h, m)
  }

  /// The months (1...12) quarters start in, for a fiscal year starting in `start`.
  static func quarterMonths(_ start: Int) -> [Int] {
    (0..<4).map { (start - 1 + 3 * $0) % 12 + 1 }.sorted()
  }
}

/// The text `backbone schedule` prints: a crontab line and a systemd service and timer pair. It
/// installs nothing.
public enum ScheduleText {
  /// A crontab line: `MM HH DOM MON DOW cd FOLDER && BACKBONE run JOB --quiet`.
  ///
  /// The run is quiet, so cron mails only failures (errors go to standard error); the job's own
  /// log file, when it names one, gets every event.
  /// - Parameters:
  ///   - executable: The absolute path of `backbone`.
  ///   - jobFile: The absolute path of the job file.
  ///   - time: When.
  public static func crontab(executable: String, jobFile: String, time: ScheduleTime) -> String {
    let (dom, month, dow): (String, String, String)
    switch time.cadence {
    case .daily: (dom, month, dow) = ("*", "*", "*")
    case .weekdays: (dom, month, dow) = ("*", "*", "1-5")
    case .quarterly(let start):
      (dom, month, dow) = ("1", ScheduleTime.quarterMonths(start).map(String.init).joined(separator: ","), "*")
    }
    let folder = FileSystem.directory(of: jobFile)
    return "\(time.minute) \(time.hour) \(dom) \(month) \(dow) cd \(shellQuoted(folder)) && "
      + "\(shellQuoted(executable)) run \(shellQuoted(jobFile)) --quiet"
  }

  /// The systemd `OnCalendar=` value for a time.
  static func onCalendar(_ time: ScheduleTime) -> String {
    let clock = "\(Timestamp.pad(time.hour)):\(Timestamp.pad(time.minute)):00"
    switch time.cadence {
    case .daily: return "*-*-* \(clock)"
    case .weekdays: return "Mon..Fri *-*-* \(clock)"
    case .quarterly(let start):
      return "*-\(ScheduleTime.quarterMonths(start).map { Timestamp.pad($0) }.joined(separator: ","))-01 \(clock)"
    }
  }

  /// A systemd service (`backbone-NAME.service`) and timer (`backbone-NAME.timer`), as two
  /// files' contents with their names.
  public static func systemd(
    executable: String, jobFile: String, jobName: String, time: ScheduleTime
  ) -> [(name: String, text: String)] {
    let unit = "backbone-\(jobName)"
    let service = """
      [Unit]
      Description=Backbone job \(jobName)

      [Service]
      Type=oneshot
      WorkingDirectory=\(FileSystem.directory(of: jobFile))
      ExecStart=\(systemdQuoted(executable)) run \(systemdQuoted(jobFile)) --quiet
      # Exit code 2: the outputs were written but a threshold was exceeded (a warning).
      SuccessExitStatus=2

      """
    let timer = """
      [Unit]
      Description=Run the Backbone job \(jobName)

      [Timer]
      OnCalendar=\(onCalendar(time))
      Persistent=true
      Unit=\(unit).service

      [Install]
      WantedBy=timers.target

      """
    return [(unit + ".service", service), (unit + ".timer", timer)]
  }

  /// Quotes a path for sh when it needs it.
  static func shellQuoted(_ text: String) -> String {
    let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+,:@%".contains($0) }
    return plain && !text.isEmpty ? text : "'" + text.replacing("'", with: "'\\''") + "'"
  }

  /// Quotes a path for a systemd command line when it needs it.
  static func systemdQuoted(_ text: String) -> String {
    text.contains { $0 == " " || $0 == "\"" || $0 == "\\" || $0 == "'" }
      ? "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"" : text
  }
}
