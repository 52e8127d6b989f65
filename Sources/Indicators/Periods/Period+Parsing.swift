extension Period {
  /// The accepted forms, one example each, for the `expected:` line of error messages.
  public static let acceptedForms =
    "a year (2019), a split year (2019/20, 2019-20, 2019/2020), pooled years (2017 - 19, "
    + "2013-2017, 2006/07 - 08/09), a quarter (2019 Q3, 2019/20 Q2, 2019Q3, 2019-Q3), quarters "
    + "(2006/07 Q1-Q3, 2006/07 Q2 - 2007/08 Q1), a month (Feb 2010, 201907, 2019-07, 2019-M07), "
    + "months (Aug 2006 - Jul 2007), a half-year (2019S1, 2019-S1, 2019AprilS1), a week "
    + "(2019W10, 2019-W10, 2019BiW1, 2019WedW5), a day (20190701, 2019-07-01, 2019-D182), a "
    + "DHIS2 financial year (2019April, 2019July, 2019Oct, 2019Nov), or an interval "
    + "(2019-01-01/2019-12-31, 2019-04/2020-03, 2019-01-01/P1Y)"

  /// Reads a period label in any of the forms indicator exports use.
  ///
  /// Accepted forms, with the period each example stands for:
  ///
  /// - Fingertips (PHE/OHID): `2019` (calendar year); `2017 - 19` (three pooled calendar
  ///   years, 2017–2019); `2019/20` (split year: April 2019 – March 2020 by default);
  ///   `2006/07 - 08/09` (pooled split years, April 2006 – March 2009); `2019 Q3`
  ///   (July–September 2019); `2019/20 Q2` (July–September 2019); `2006/07 Q1-Q3`
  ///   (April–December 2006, cumulative); `2006/07 Q2 - 2007/08 Q1` and `2006 Q1 - 2008 Q4`
  ///   (ranges of quarters); `Feb 2010`; `Aug 2006 - Jul 2007` (ranges of months).
  /// - DHIS2 (Web API, "Date and period format"): `2019`; `201907` (month); `20190701` (day);
  ///   `2019Q3`; `2019S1`; `2019AprilS1` (April–September); `2019NovemberS1`; `2019JulyQ1`;
  ///   `2019W10` (ISO week); `2019BiW1` (ISO weeks 1–2); `2019WedW5` (weeks starting on
  ///   `Tue`, `Wed`, `Thu`, `Fri`, `Sat` or `Sun`); `201902B` (second bi-month, March–April);
  ///   `2019April`, `2019July`, `2019Oct`, `2019Nov` (financial years starting in that month;
  ///   any English month name or three-letter abbreviation works).
  /// - SDMX reporting periods: `2019-A1`, `2019-S1`, `2019-T1` (January–April), `2019-Q3`,
  ///   `2019-M07`, `2019-W10`, `2019-D182` (1 July 2019).
  /// - ISO 8601: `2019`, `2019-07`, `2019-07-01`, `2019-W10`, `2019-W10-3` (a day of a week);
  ///   intervals `2019-01-01/2019-12-31`, `2019-04/2020-03` (whole months) and
  ///   `2019-01-01/P1Y` (a start and a duration made of `Y`, `M`, `W`, `D` parts).
  /// - Plain: `2019-20` (NHS and ONS split year), `2019/2020`, `2013-2017` and `2017 - 2019`
  ///   (WHO GHO and UN SDG year ranges: calendar years).
  ///
  /// Rules worth knowing:
  /// - Split years start in `options.splitYearStartMonth` (April by default). Fingertips uses
  ///   the same text for financial (April) and academic (September) years; pass the indicator's
  ///   year type through ``PeriodParseOptions/init(fingertipsYearType:)``.
  /// - Spaces matter in one place: `2006 - 08` (spaced, Fingertips) is the three calendar years
  ///   2006–2008, while `2006-08` (unspaced, ISO 8601) is August 2006. `2019-20` is a split year
  ///   because 20 is not a month; `2010-11` is November 2010 unless `options.dashedYearPair` is
  ///   `.splitYear` (``parseLabels(_:options:)`` decides this for a whole column).
  /// - Four-digit ranges with a hyphen (`2013-2017`, `2019-2020`) are calendar years; with a
  ///   slash (`2019/2020`) they are a split year.
  /// - ISO weeks: week 1 is the week containing 4 January, so `2019-W10` is Monday 4 to Sunday
  ///   10 March 2019, and `2020-W53` exists while `2019-W53` does not. DHIS2 weeks starting on
  ///   other weekdays follow the same rule; DHIS2 bi-weeks pair ISO weeks (1–2, 3–4, …, 51–52),
  ///   so there are at most 26.
  /// - SDMX reporting periods are read with the reporting year starting on 1 January (the
  ///   `REPORTING_YEAR_START_DAY` attribute is not looked at).
  /// - Letters are matched without regard to case; an en dash works as a hyphen. Years must be
  ///   four digits, 1000–9998.
  ///
  /// - Parameters:
  ///   - text: The label; surrounding spaces are ignored.
  ///   - options: How to read split years and ambiguous `YYYY-NN` labels.
  /// - Returns: The period, with ``label`` set to `text` without its surrounding spaces.
  /// - Throws: ``PeriodParseError`` when the text is empty, has no accepted shape, names
  ///   something that does not exist (`2019Q5`, `2019-13`, `2019W54`, `13 2009`, `20190229`),
  ///   or has halves that do not fit (`2019/21`, `2019 - 17`).
  /// - Complexity: O(*n*) in the length of the label. Labels are usually dictionary-encoded, so
  ///   parse each distinct label once.
  public static func parse(
    _ text: String, options: PeriodParseOptions = PeriodParseOptions()
  ) throws(PeriodParseError) -> Period {
    var parser = PeriodParser(text: text, options: options)
    return try parser.parse()
  }

  /// Reads a column of period labels, deciding once for the whole column how to read the
  /// ambiguous `YYYY-NN` labels (`2010-11`: November 2010 or the split year 2010/11).
  ///
  /// When some label is an unmistakable dashed split year (`2012-13`: 13 is not a month) and no
  /// label is an unmistakable ISO month (`2012-05`: 05 is not the year after 2012), the column is
  /// read as split years, so `2010-11` becomes 2010/11. Otherwise `options.dashedYearPair`
  /// applies.
  ///
  /// - Parameters:
  ///   - labels: The labels, typically the distinct values of a period column.
  ///   - options: As for ``parse(_:options:)``.
  /// - Returns: One period per label, in order.
  /// - Throws: The ``PeriodParseError`` of the first label that cannot be read.
  /// - Complexity: O(*n*) in the total length of the labels.
  public static func parseLabels(
    _ labels: some Sequence<String>, options: PeriodParseOptions = PeriodParseOptions()
  ) throws(PeriodParseError) -> [Period] {
    let all = Array(labels)
    var sawSplitYear = false
    var sawMonth = false
    for label in all {
      guard let (year, second) = dashedPair(label) else { continue }
      let isNextYear = second == (year + 1) % 100
      let isMonth = (1...12).contains(second)
      if isNextYear && !isMonth { sawSplitYear = true }
      if isMonth && !isNextYear { sawMonth = true }
    }
    var resolved = options
    if sawSplitYear && !sawMonth { resolved.dashedYearPair = .splitYear }
    var periods: [Period] = []
    periods.reserveCapacity(all.count)
    for label in all { periods.append(try parse(label, options: resolved)) }
    return periods
  }

  /// The two numbers of a label shaped exactly `YYYY-NN`, or `nil`.
  private static func dashedPair(_ label: String) -> (Int, Int)? {
    let b = Array(label.trimmingSpaces.utf8)
    guard b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
    var year = 0
    var second = 0
    for i in 0..<7 where i != 4 {
      let d = Int(b[i]) - 48
      guard (0...9).contains(d) else { return nil }
      if i < 4 { year = year * 10 + d } else { second = second * 10 + d }
    }
    return (year, second)
  }
}

/// One token of a period label.
private struct PeriodToken {
  enum Kind { case number, word, dash, slash, space }
  var kind: Kind
  /// The value of a number (capped digits keep it from overflowing).
  var value = 0
  /// How many digits a number has.
  var digits = 0
  /// A word, lowercased.
  var word = ""
}

/// Reads one label: splits it into tokens, writes the tokens' shape as a short signature
/// (`2019/20 Q2` is `9999/99 a9`, `Feb 2010` is `a 9999`), and matches the signature.
private struct PeriodParser {
  let text: String
  let options: PeriodParseOptions
  var numbers: [PeriodToken] = []
  var words: [String] = []
  /// Whether the first hyphen had spaces around it (`2006 - 08`, not `2006-08`).
  var firstDashSpaced = false

  init(text: String, options: PeriodParseOptions) {
    self.text = text.trimmingSpaces
    self.options = options
  }

  mutating func parse() throws(PeriodParseError) -> Period {
    guard !text.isEmpty else {
      throw PeriodParseError(.empty, text: text, reason: "the label is empty")
    }
    if let slash = text.firstIndex(of: "/"), text.distance(from: text.startIndex, to: slash) > 4 {
      return try interval(before: text[..<slash], after: text[text.index(after: slash)...])
    }
    let signature = try tokenize()
    return try match(signature)
  }

  // MARK: Tokens

  /// Splits the label into tokens and returns its signature: `9` per digit, `a` per word, `-`,
  /// `/`, and a space only where it is not next to a hyphen.
  mutating func tokenize() throws(PeriodParseError) -> String {
    var tokens: [PeriodToken] = []
    for scalar in text.unicodeScalars {
      let v = scalar.value
      switch v {
      case 0x30...0x39:
        if let last = tokens.last, last.kind == .number {
          tokens[tokens.count - 1].digits += 1
          if last.digits < 9 { tokens[tokens.count - 1].value = last.value * 10 + Int(v - 0x30) }
        } else {
          tokens.append(PeriodToken(kind: .number, value: Int(v - 0x30), digits: 1))
        }
      case 0x41...0x5A, 0x61...0x7A:
        let lower = Character(Unicode.Scalar(v | 0x20) ?? scalar)
        if let last = tokens.last, last.kind == .word {
          tokens[tokens.count - 1].word.append(lower)
        } else {
          tokens.append(PeriodToken(kind: .word, word: String(lower)))
        }
      case 0x2D, 0x2013:  // hyphen-minus, en dash
        tokens.append(PeriodToken(kind: .dash))
      case 0x2F:
        tokens.append(PeriodToken(kind: .slash))
      case 0x20, 0x09, 0xA0:
        if tokens.last?.kind != .space { tokens.append(PeriodToken(kind: .space)) }
      default:
        throw unrecognised(hint: v == 0x2E ? decimalHint : nil)
      }
    }
    var signature = ""
    var sawDash = false
    for (i, t) in tokens.enumerated() {
      switch t.kind {
      case .number:
        if t.digits > 8 { throw unrecognised() }
        signature += String(repeating: "9", count: t.digits)
        numbers.append(t)
      case .word:
        signature += "a"
        words.append(t.word)
      case .dash:
        if !sawDash {
          sawDash = true
          firstDashSpaced = i > 0 && tokens[i - 1].kind == .space
        }
        signature += "-"
      case .slash:
        signature += "/"
      case .space:
        let nextToDash =
          (i > 0 && tokens[i - 1].kind == .dash)
          || (i + 1 < tokens.count && tokens[i + 1].kind == .dash)
        if !nextToDash { signature += " " }
      }
    }
    return signature
  }

  var decimalHint: String {
    "a year written as a decimal number (2019.0) usually comes from a spreadsheet or pandas; "
      + "write it as a whole number (2019)"
  }

  // MARK: Shapes

  mutating func match(_ signature: String) throws(PeriodParseError) -> Period {
    switch signature {
    case "9999":
      return try years(from: year(0), count: 1)
    case "999999":
      return try dhis2Month()
    case "99999999":
      return try dhis2Day()
    case "9999a", "9999a9", "9999a99":
      return try dhis2Named()
    case "999999a":
      return try dhis2BiMonth()
    case "9999-a9", "9999-a99", "9999-a999":
      return try sdmx()
    case "9999-99":
      if firstDashSpaced { return try pooledYears() }
      return try dashedPair()
    case "9999-99-99":
      return try isoDay()
    case "9999-a9-9", "9999-a99-9":
      return try isoWeekDay()
    case "9999-9999":
      return try yearRange()
    case "9999/99", "9999/9999":
      return try splitYears(startingAt: 0, count: 1)
    case "9999/99-99/99":
      return try pooledSplitYears()
    case "9999 a9", "9999/99 a9":
      return try quarterRange(cumulativeTo: nil)
    case "9999 a9-a9", "9999/99 a9-a9":
      return try quarterRange(cumulativeTo: numbers.count - 1)
    case "9999 a9-9999 a9", "9999/99 a9-9999/99 a9":
      return try quarterRange(cumulativeTo: nil)
    case "a 9999":
      return try monthRange()
    case "a 9999-a 9999":
      return try monthRange()
    case "9 9999", "99 9999":
      let m = numbers[0].value
      throw failure(
        .outOfRange,
        "\(m) is not a month name; months are written Jan, Feb, ... Dec",
        hint: m > 12
          ? "Fingertips prints a month number outside 1-12 as a number, as here: the data "
            + "has an invalid month"
          : "write the month as a name, as in Feb 2010")
    default:
      throw unrecognised()
    }
  }

  // MARK: Years

  /// The year in number token `i`, checked to be four digits in 1000...9998.
  func year(_ i: Int) throws(PeriodParseError) -> Int {
    let t = numbers[i]
    guard t.digits == 4, (1000...9998).contains(t.value) else {
      throw failure(.outOfRange, "year \(t.value) is outside 1000-9998")
    }
    return t.value
  }

  /// `count` calendar years from `year`.
  func years(from year: Int, count: Int) throws(PeriodParseError) -> Period {
    try months(from: year * 12, count: 12 * count, yearStartMonth: 1)
  }

  /// A period of `count` whole months from month index `start` (`year * 12 + month - 1`).
  func months(from start: Int, count: Int, yearStartMonth: Int) throws(PeriodParseError)
    -> Period
  {
    guard start >= 12_000, start + count - 1 < 9999 * 12 else {
      throw failure(.outOfRange, "the period runs outside the years 1000-9998")
    }
    return Period(
      startMonthIndex: start, months: count, yearStartMonth: yearStartMonth, label: text)
  }

  /// The year after `year` whose last two digits are `twoDigits` (`2006` and `08` give 2008).
  func yearEnding(after year: Int, in twoDigits: Int) -> Int {
    var y = year - year % 100 + twoDigits
    if y <= year { y += 100 }
    return y
  }

  /// `2006 - 08`: the calendar years 2006 to 2008 (Fingertips pools of 2 or more years).
  func pooledYears() throws(PeriodParseError) -> Period {
    let first = try year(0)
    let endDigits = numbers[1].value
    guard endDigits != first % 100 else {
      throw failure(.reversed, "a pooled range needs two different years")
    }
    let last = yearEnding(after: first, in: endDigits)
    return try years(from: first, count: last - first + 1)
  }

  /// `2013-2017`, `2017 - 2019`: calendar years from the first to the last, inclusive.
  func yearRange() throws(PeriodParseError) -> Period {
    let first = try year(0)
    let last = try year(1)
    guard last > first else {
      throw failure(
        .reversed,
        last == first ? "a range needs two different years" : "the range ends before it starts")
    }
    return try years(from: first, count: last - first + 1)
  }

  /// Checks that number token `i` is the year after `year` (two or four digits) and throws a
  /// clear error if it is not.
  func checkNextYear(_ i: Int, after year: Int) throws(PeriodParseError) {
    let t = numbers[i]
    let ok = t.digits == 2 ? t.value == (year + 1) % 100 : t.digits == 4 && t.value == year + 1
    guard ok else {
      let want = t.digits == 4 ? String(year + 1) : CalendarDate.padded((year + 1) % 100, 2)
      throw failure(
        .inconsistent,
        "a split year is two consecutive years, so \(year) must be followed by \(want)")
    }
  }

  /// A split year (`2019/20`, `2019/2020`, `2019-20`) starting at number token `i`, pooled over
  /// `count` years.
  func splitYears(startingAt i: Int, count: Int) throws(PeriodParseError) -> Period {
    let first = try year(i)
    try checkNextYear(i + 1, after: first)
    let startMonth = options.splitYearStartMonth
    return try months(
      from: first * 12 + startMonth - 1, count: 12 * count, yearStartMonth: startMonth)
  }

  /// `2006/07 - 08/09`: split years from 2006/07 to 2008/09.
  func pooledSplitYears() throws(PeriodParseError) -> Period {
    let first = try year(0)
    try checkNextYear(1, after: first)
    let lastStart = yearEnding(after: first, in: numbers[2].value)
    try checkNextYear(3, after: lastStart)
    return try splitYears(startingAt: 0, count: lastStart - first + 1)
  }

  /// `YYYY-NN` without spaces: an ISO month, or a split year when NN is the next year's last
  /// two digits and is not a month (or the options say so).
  func dashedPair() throws(PeriodParseError) -> Period {
    let first = try year(0)
    let second = numbers[1].value
    let isNextYear = second == (first + 1) % 100
    let isMonth = (1...12).contains(second)
    if isNextYear && (!isMonth || options.dashedYearPair == .splitYear) {
      return try splitYears(startingAt: 0, count: 1)
    }
    guard isMonth else {
      throw failure(
        .outOfRange,
        "\(CalendarDate.padded(second, 2)) is neither a month (01-12) nor the year after "
          + "\(first) (\(CalendarDate.padded((first + 1) % 100, 2)))")
    }
    return try months(from: first * 12 + second - 1, count: 1, yearStartMonth: 1)
  }

  // MARK: Quarters and months

  /// The month index where quarter `q` starts, in the calendar year (`split == false`) or in
  /// the split year starting in `year`.
  func quarterStart(year: Int, split: Bool, quarter q: Int) -> Int {
    let base = split ? options.splitYearStartMonth : 1
    return year * 12 + base - 1 + 3 * (q - 1)
  }

  /// Checks a quarter number, 1...4.
  func quarter(_ value: Int) throws(PeriodParseError) -> Int {
    guard (1...4).contains(value) else {
      throw failure(.outOfRange, "quarter \(value) does not exist; quarters are 1-4")
    }
    return value
  }

  /// Reads the quarter reference that starts at number token `i` and word `w`
  /// (`2006 Q1` or `2006/07 Q1`): its year, whether it is a split year, its quarter, and the
  /// index of the next number token.
  func quarterReference(number i: Int, word w: Int, split: Bool) throws(PeriodParseError)
    -> (year: Int, quarter: Int, next: Int)
  {
    let y = try year(i)
    var next = i + 1
    if split {
      try checkNextYear(next, after: y)
      next += 1
    }
    guard words[w] == "q" else { throw unrecognised() }
    return (y, try quarter(numbers[next].value), next + 1)
  }

  /// `2019 Q3`, `2019/20 Q2`, `2006/07 Q1-Q3` (when `cumulativeTo` is the index of the last
  /// quarter number) and `2006/07 Q2 - 2007/08 Q1`.
  func quarterRange(cumulativeTo last: Int?) throws(PeriodParseError) -> Period {
    let split = text.contains("/")
    let from = try quarterReference(number: 0, word: 0, split: split)
    let start = quarterStart(year: from.year, split: split, quarter: from.quarter)
    var end = start + 2
    if let last {
      guard words[1] == "q" else { throw unrecognised() }
      let toQuarter = try quarter(numbers[last].value)
      end = quarterStart(year: from.year, split: split, quarter: toQuarter) + 2
    } else if from.next < numbers.count {
      let to = try quarterReference(number: from.next, word: 1, split: split)
      end = quarterStart(year: to.year, split: split, quarter: to.quarter) + 2
    }
    guard end >= start + 2 else { throw failure(.reversed, "the range ends before it starts") }
    let yearStart = split ? options.splitYearStartMonth : 1
    return try months(from: start, count: end - start + 1, yearStartMonth: yearStart)
  }

  /// `Feb 2010` and `Aug 2006 - Jul 2007`.
  func monthRange() throws(PeriodParseError) -> Period {
    guard let m = Months.number(words[0]) else { throw unrecognised() }
    let start = try year(0) * 12 + m - 1
    var end = start
    if words.count == 2 {
      guard let m2 = Months.number(words[1]) else { throw unrecognised() }
      end = try year(1) * 12 + m2 - 1
      guard end >= start else { throw failure(.reversed, "the range ends before it starts") }
    }
    let period = try months(from: start, count: end - start + 1, yearStartMonth: 1)
    // A span of whole years is labelled by the month it starts in (Aug 2006 - Jul 2007: 8).
    return period.granularity == .year
      ? Period(start: period.start, end: period.end, yearStartMonth: m, label: text) : period
  }

  // MARK: DHIS2

  /// `201907`: a month.
  func dhis2Month() throws(PeriodParseError) -> Period {
    let y = numbers[0].value / 100
    let m = numbers[0].value % 100
    guard (1000...9998).contains(y) else {
      throw failure(.outOfRange, "year \(y) is outside 1000-9998")
    }
    guard (1...12).contains(m) else {
      throw failure(.outOfRange, "month \(m) does not exist; months are 01-12")
    }
    return try months(from: y * 12 + m - 1, count: 1, yearStartMonth: 1)
  }

  /// `20190701`: a day.
  func dhis2Day() throws(PeriodParseError) -> Period {
    let v = numbers[0].value
    return try day(year: v / 10_000, month: v / 100 % 100, day: v % 100)
  }

  /// One day, checked.
  func day(year y: Int, month m: Int, day d: Int) throws(PeriodParseError) -> Period {
    guard (1000...9998).contains(y) else {
      throw failure(.outOfRange, "year \(y) is outside 1000-9998")
    }
    guard (1...12).contains(m) else {
      throw failure(.outOfRange, "month \(m) does not exist; months are 01-12")
    }
    guard let date = CalendarDate(year: y, month: m, day: d) else {
      throw failure(
        .outOfRange,
        "\(Months.names[m - 1]) \(y) has no day \(d); it has \(CalendarDate.daysInMonth(m, year: y))"
      )
    }
    return Period(start: date, end: date, yearStartMonth: 1, label: text)
  }

  /// `201902B`: the second bi-month of 2019, March–April (DHIS2 BiMonthly, `yyyyMMB`, where MM
  /// numbers the bi-month, 01–06).
  func dhis2BiMonth() throws(PeriodParseError) -> Period {
    guard words[0] == "b" else { throw unrecognised() }
    let y = numbers[0].value / 100
    let b = numbers[0].value % 100
    guard (1000...9998).contains(y) else {
      throw failure(.outOfRange, "year \(y) is outside 1000-9998")
    }
    guard (1...6).contains(b) else {
      throw failure(.outOfRange, "bi-month \(b) does not exist; bi-months are 01-06")
    }
    return try months(from: y * 12 + 2 * (b - 1), count: 2, yearStartMonth: 1)
  }

  /// The DHIS2 forms made of a year, a word and maybe a number: `2019Q3`, `2019S1`,
  /// `2019W10`, `2019BiW1`, `2019WedW5`, `2019April`, `2019AprilS1`, `2019NovemberQ1`.
  func dhis2Named() throws(PeriodParseError) -> Period {
    let y = try year(0)
    let word = words[0]
    guard numbers.count == 2 else {
      // `2019April`: a financial year starting in the named month.
      guard let m = Months.number(word) else { throw unrecognised() }
      return try months(from: y * 12 + m - 1, count: 12, yearStartMonth: m)
    }
    let n = numbers[1].value
    switch word {
    case "q":
      return try months(
        from: quarterStart(year: y, split: false, quarter: quarter(n)), count: 3,
        yearStartMonth: 1)
    case "s":
      return try halfYear(year: y, startMonth: 1, n)
    case "w":
      return try week(year: y, weekday: 1, n)
    case "biw":
      guard (1...26).contains(n) else {
        throw failure(.outOfRange, "bi-week \(n) does not exist; DHIS2 bi-weeks are 1-26")
      }
      let first = ISOWeek.firstDay(ofYear: y).adding(days: 14 * (n - 1))
      return Period(start: first, end: first.adding(days: 13), yearStartMonth: 1, label: text)
    default:
      if word.count == 4, word.hasSuffix("w"), let weekday = Self.weekdays[String(word.prefix(3))] {
        return try week(year: y, weekday: weekday, n)
      }
      guard let kind = word.last, kind == "q" || kind == "s",
        let m = Months.number(String(word.dropLast()))
      else { throw unrecognised() }
      if kind == "s" { return try halfYear(year: y, startMonth: m, n) }
      return try months(from: y * 12 + m - 1 + 3 * (quarter(n) - 1), count: 3, yearStartMonth: m)
    }
  }

  static let weekdays = ["tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

  /// Half-year `n` (1 or 2) of the year starting in `startMonth` of `year`.
  func halfYear(year y: Int, startMonth: Int, _ n: Int) throws(PeriodParseError) -> Period {
    guard (1...2).contains(n) else {
      throw failure(.outOfRange, "half-year \(n) does not exist; half-years are 1-2")
    }
    return try months(
      from: y * 12 + startMonth - 1 + 6 * (n - 1), count: 6, yearStartMonth: startMonth)
  }

  /// Week `n` of `year`, for weeks starting on `weekday` (1 Monday: ISO 8601).
  func week(year y: Int, weekday: Int, _ n: Int) throws(PeriodParseError) -> Period {
    let weeks = ISOWeek.weekCount(ofYear: y, weekStartingOn: weekday)
    guard (1...weeks).contains(n) else {
      throw failure(.outOfRange, "week \(n) does not exist; \(y) has \(weeks) weeks")
    }
    let first = ISOWeek.firstDay(ofYear: y, weekStartingOn: weekday).adding(days: 7 * (n - 1))
    return Period(start: first, end: first.adding(days: 6), yearStartMonth: 1, label: text)
  }

  // MARK: SDMX and ISO 8601

  /// SDMX reporting periods `YYYY-Pn` (SDMX 2.1 Technical Notes, "Reporting period"): A1,
  /// S1–S2, T1–T3 (four months each), Q1–Q4, M01–M12, W01–W53 (ISO 8601 weeks), D001–D366.
  func sdmx() throws(PeriodParseError) -> Period {
    let y = try year(0)
    let n = numbers[1].value
    switch words[0] {
    case "a":
      guard n == 1 else { throw failure(.outOfRange, "an annual reporting period is always A1") }
      return try years(from: y, count: 1)
    case "s":
      return try halfYear(year: y, startMonth: 1, n)
    case "t":
      guard (1...3).contains(n) else {
        throw failure(.outOfRange, "trimester \(n) does not exist; trimesters are 1-3")
      }
      return try months(from: y * 12 + 4 * (n - 1), count: 4, yearStartMonth: 1)
    case "q":
      return try months(
        from: quarterStart(year: y, split: false, quarter: quarter(n)), count: 3,
        yearStartMonth: 1)
    case "m":
      guard (1...12).contains(n) else {
        throw failure(.outOfRange, "month \(n) does not exist; months are 01-12")
      }
      return try months(from: y * 12 + n - 1, count: 1, yearStartMonth: 1)
    case "w":
      return try week(year: y, weekday: 1, n)
    case "d":
      let days = CalendarDate.daysInYear(y)
      guard (1...days).contains(n) else {
        throw failure(.outOfRange, "day \(n) does not exist; \(y) has \(days) days")
      }
      let date = CalendarDate(uncheckedYear: y, month: 1, day: 1).adding(days: n - 1)
      return Period(start: date, end: date, yearStartMonth: 1, label: text)
    default:
      throw unrecognised()
    }
  }

  /// `2019-07-01`.
  func isoDay() throws(PeriodParseError) -> Period {
    try day(year: year(0), month: numbers[1].value, day: numbers[2].value)
  }

  /// `2019-W10-3`: a day given by its ISO week and weekday (1 Monday ... 7 Sunday).
  func isoWeekDay() throws(PeriodParseError) -> Period {
    guard words[0] == "w" else { throw unrecognised() }
    let weekday = numbers[2].value
    guard (1...7).contains(weekday) else {
      throw failure(.outOfRange, "weekday \(weekday) does not exist; weekdays are 1-7")
    }
    let w = try week(year: year(0), weekday: 1, numbers[1].value)
    let date = w.start.adding(days: weekday - 1)
    return Period(start: date, end: date, yearStartMonth: 1, label: text)
  }

  /// An ISO 8601 interval: `start/end` with dates (`2019-01-01`) or months (`2019-04`, meaning
  /// the whole month), or `start/duration` (`P1Y`, `P6M`, `P2W`, `P10D`, or several parts in
  /// that order, `P1Y6M`). The end is inclusive; a duration ends the day before start +
  /// duration (a day-of-month past the end of the target month is clamped to its last day).
  func interval(before: Substring, after: Substring) throws(PeriodParseError) -> Period {
    guard let start = isoBound(before, atEnd: false) else { throw unrecognised() }
    let end: CalendarDate
    if after.first == "P" || after.first == "p" {
      guard let e = endAfter(start, duration: after) else { throw unrecognised() }
      end = e
    } else {
      guard let e = isoBound(after, atEnd: true) else { throw unrecognised() }
      end = e
    }
    guard start <= end else { throw failure(.reversed, "the interval ends before it starts") }
    guard start.year >= 1000, end.year <= 9998 else {
      throw failure(.outOfRange, "the period runs outside the years 1000-9998")
    }
    return Period(start: start, end: end, label: text)
  }

  /// `YYYY-MM-DD`, or `YYYY-MM` read as its first day (`atEnd == false`) or last day.
  func isoBound(_ s: Substring, atEnd: Bool) -> CalendarDate? {
    let t = String(s).trimmingSpaces
    if let d = CalendarDate.parseISO(t) { return d }
    let b = Array(t.utf8)
    guard b.count == 7, b[4] == UInt8(ascii: "-"), let y = Int(t.prefix(4)),
      let m = Int(t.suffix(2)),
      (1...12).contains(m), y >= 1
    else { return nil }
    return CalendarDate(year: y, month: m, day: atEnd ? CalendarDate.daysInMonth(m, year: y) : 1)
  }

  /// The last day of an interval starting on `start` and lasting an ISO 8601 duration.
  func endAfter(_ start: CalendarDate, duration: Substring) -> CalendarDate? {
    var months = 0
    var days = 0
    var number = 0
    var digits = 0
    var lastUnit = -1
    for c in duration.dropFirst().uppercased() {
      if let d = c.wholeNumberValue, c.isASCII {
        guard digits < 6 else { return nil }
        number = number * 10 + d
        digits += 1
        continue
      }
      let units: [Character] = ["Y", "M", "W", "D"]
      guard digits > 0, let unit = units.firstIndex(of: c), unit > lastUnit else { return nil }
      switch c {
      case "Y": months += 12 * number
      case "M": months += number
      case "W": days += 7 * number
      default: days += number
      }
      lastUnit = unit
      number = 0
      digits = 0
    }
    guard digits == 0, lastUnit >= 0, months + days > 0 else { return nil }
    let index = start.monthIndex + months
    guard index / 12 <= CalendarDate.maximumYear else { return nil }
    let y = index / 12
    let m = index % 12 + 1
    let shifted = CalendarDate(
      uncheckedYear: y, month: m, day: min(start.day, CalendarDate.daysInMonth(m, year: y)))
    let last = shifted.daysSinceEpoch + days - 1
    guard last < CalendarDate(uncheckedYear: 9999, month: 12, day: 31).daysSinceEpoch else {
      return nil
    }
    return CalendarDate(daysSinceEpoch: last)
  }

  // MARK: Errors

  func failure(_ kind: PeriodParseError.Kind, _ reason: String, hint: String? = nil)
    -> PeriodParseError
  {
    PeriodParseError(kind, text: text, reason: reason, hint: hint)
  }

  func unrecognised(hint: String? = nil) -> PeriodParseError {
    failure(.unrecognised, "it has none of the accepted forms", hint: hint)
  }
}

/// English month names, as Fingertips and DHIS2 write them.
enum Months {
  /// Full names, January first.
  static let names = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]
  /// Three-letter abbreviations, Jan first.
  static let abbreviations = names.map { String($0.prefix(3)) }

  private static let lookup: [String: Int] = {
    var table: [String: Int] = ["sept": 9]
    for (i, name) in names.enumerated() {
      table[name.lowercased()] = i + 1
      table[String(name.lowercased().prefix(3))] = i + 1
    }
    return table
  }()

  /// The month number (1...12) of a lowercased English month name or abbreviation.
  static func number(_ word: String) -> Int? { lookup[word] }
}
