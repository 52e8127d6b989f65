import Testing

@testable import Indicators

/// One label and the dates it stands for.
struct PeriodCase: CustomTestStringConvertible, Sendable {
  var label: String
  var start: String
  var end: String
  var granularity: PeriodGranularity
  var count: Int
  init(_ label: String, _ start: String, _ end: String, _ g: PeriodGranularity, _ count: Int = 1) {
    self.label = label
    self.start = start
    self.end = end
    self.granularity = g
    self.count = count
  }
  var testDescription: String { "\"\(label)\"" }
}

@Suite struct PeriodParsingTests {
  /// DHIS2 period ids with the start and end dates that DHIS2's own period library expects:
  /// dhis2/multi-calendar-dates, src/period-calculation/create-fixed-period-from-period-id/
  /// create-fixed-period-from-period-id.gregorian.spec.ts @ 35cf9f4f (BSD-3-Clause), Gregorian
  /// calendar. Formats as in the DHIS2 Web API docs, "Date and period format" (yyyyMMdd, yyyyWn,
  /// yyyyBiWn, yyyyWedWn, yyyyMM, yyyyMMB, yyyyQn, yyyySn, yyyyAprilSn, yyyy, yyyyApril,
  /// yyyyJuly, yyyyOct, yyyyNov).
  static let dhis2: [PeriodCase] = [
    PeriodCase("2023", "2023-01-01", "2023-12-31", .year),
    PeriodCase("2023April", "2023-04-01", "2024-03-31", .year),
    PeriodCase("2023July", "2023-07-01", "2024-06-30", .year),
    PeriodCase("2023Oct", "2023-10-01", "2024-09-30", .year),
    PeriodCase("2023Nov", "2023-11-01", "2024-10-31", .year),
    PeriodCase("202301", "2023-01-01", "2023-01-31", .month),
    PeriodCase("202302B", "2023-03-01", "2023-04-30", .month, 2),
    PeriodCase("2023Q1", "2023-01-01", "2023-03-31", .quarter),
    PeriodCase("2023JulyQ1", "2023-07-01", "2023-09-30", .quarter),
    PeriodCase("2023JulyQ4", "2024-04-01", "2024-06-30", .quarter),
    PeriodCase("2023NovemberQ1", "2023-11-01", "2024-01-31", .quarter),
    PeriodCase("2023NovemberQ4", "2024-08-01", "2024-10-31", .quarter),
    PeriodCase("2023AprilS1", "2023-04-01", "2023-09-30", .halfYear),
    PeriodCase("2023AprilS2", "2023-10-01", "2024-03-31", .halfYear),
    PeriodCase("2023JulyS1", "2023-07-01", "2023-12-31", .halfYear),
    PeriodCase("2023JulyS2", "2024-01-01", "2024-06-30", .halfYear),
    PeriodCase("2023NovemberS1", "2023-11-01", "2024-04-30", .halfYear),
    PeriodCase("2023NovemberS2", "2024-05-01", "2024-10-31", .halfYear),
    PeriodCase("2023W1", "2023-01-02", "2023-01-08", .week),
    PeriodCase("2023BiW1", "2023-01-02", "2023-01-15", .week, 2),
    PeriodCase("2023WedW1", "2023-01-04", "2023-01-10", .week),
    PeriodCase("2023ThuW1", "2022-12-29", "2023-01-04", .week),
    PeriodCase("2023SatW1", "2022-12-31", "2023-01-06", .week),
    PeriodCase("2023SunW1", "2023-01-01", "2023-01-07", .week),
    PeriodCase("20230101", "2023-01-01", "2023-01-01", .day),
  ]

  /// Worked by hand; every week and day-of-year date checked with Python 3.11's datetime
  /// (`date.fromisocalendar(2019, 10, 1)` is 2019-03-04, `fromisocalendar(2019, 1, 1)` is
  /// 2018-12-31, `fromisocalendar(2020, 53, 1)` is 2020-12-28, `fromisocalendar(2019, 10, 3)`
  /// is 2019-03-06, `date(2019, 1, 1) + timedelta(181)` is 2019-07-01) and durations with
  /// python-dateutil 2.9.0 (`date(2019,1,31) + relativedelta(months=1) - timedelta(1)` is
  /// 2019-02-27).
  static let handWorked: [PeriodCase] = [
    // DHIS2, the brief's examples.
    PeriodCase("2019W10", "2019-03-04", "2019-03-10", .week),  // ISO week 10 starts Monday 4 March
    PeriodCase("2019Q3", "2019-07-01", "2019-09-30", .quarter),
    PeriodCase("2019S1", "2019-01-01", "2019-06-30", .halfYear),
    PeriodCase("201907", "2019-07-01", "2019-07-31", .month),
    PeriodCase("20190701", "2019-07-01", "2019-07-01", .day),
    PeriodCase("2019April", "2019-04-01", "2020-03-31", .year),
    PeriodCase("2019BiW26", "2019-12-16", "2019-12-29", .week, 2),  // ISO weeks 51 and 52
    PeriodCase("201906B", "2019-11-01", "2019-12-31", .month, 2),  // sixth bi-month
    // SDMX reporting periods (SDMX 2.1 Technical Notes: A, S, T = 4 months, Q, M, W, D).
    PeriodCase("2019-A1", "2019-01-01", "2019-12-31", .year),
    PeriodCase("2019-S2", "2019-07-01", "2019-12-31", .halfYear),
    PeriodCase("2019-T2", "2019-05-01", "2019-08-31", .month, 4),  // May–August
    PeriodCase("2019-Q3", "2019-07-01", "2019-09-30", .quarter),
    PeriodCase("2019-M07", "2019-07-01", "2019-07-31", .month),
    PeriodCase("2019-W01", "2018-12-31", "2019-01-06", .week),  // week 1 holds 4 January
    PeriodCase("2019-D182", "2019-07-01", "2019-07-01", .day),  // 31+28+31+30+31+30 = 181 before
    PeriodCase("2020-D366", "2020-12-31", "2020-12-31", .day),  // leap year
    PeriodCase("2020-W53", "2020-12-28", "2021-01-03", .week),  // 2020 has 53 ISO weeks
    // ISO 8601.
    PeriodCase("2019-07", "2019-07-01", "2019-07-31", .month),
    PeriodCase("2019-07-01", "2019-07-01", "2019-07-01", .day),
    PeriodCase("2019-W10", "2019-03-04", "2019-03-10", .week),
    PeriodCase("2019-W10-3", "2019-03-06", "2019-03-06", .day),  // Wednesday of week 10
    PeriodCase("2019-01-01/2019-12-31", "2019-01-01", "2019-12-31", .year),
    PeriodCase("2019-04/2020-03", "2019-04-01", "2020-03-31", .year),
    PeriodCase("2019-01-01/P1Y", "2019-01-01", "2019-12-31", .year),
    PeriodCase("2019-01-01/P1Y6M", "2019-01-01", "2020-06-30", .halfYear, 3),
    PeriodCase("2019-07-01/P2W", "2019-07-01", "2019-07-14", .week, 2),
    PeriodCase("2019-07-01/P10D", "2019-07-01", "2019-07-10", .day, 10),
    PeriodCase("2019-01-31/P1M", "2019-01-31", "2019-02-27", .week, 4),  // 28 days
    // Plain forms from real exports.
    PeriodCase("2019-20", "2019-04-01", "2020-03-31", .year),  // NHS style financial year
    PeriodCase("2019/2020", "2019-04-01", "2020-03-31", .year),
    PeriodCase("2013-2017", "2013-01-01", "2017-12-31", .year, 5),  // WHO GHO / SDG ranges
    PeriodCase("2017 - 2019", "2017-01-01", "2019-12-31", .year, 3),
    PeriodCase("2017–2019", "2017-01-01", "2019-12-31", .year, 3),  // en dash
    // Fingertips forms beyond the oracle file.
    PeriodCase("2017 - 19", "2017-01-01", "2019-12-31", .year, 3),
    PeriodCase("2099 - 01", "2099-01-01", "2101-12-31", .year, 3),  // across a century
    PeriodCase("2019/20 Q2", "2019-07-01", "2019-09-30", .quarter),  // April year: Q2 = Jul–Sep
    PeriodCase("2019 Q3", "2019-07-01", "2019-09-30", .quarter),
    PeriodCase("2013/14 Q1 - 2013/14 Q2", "2013-04-01", "2013-09-30", .halfYear),
    PeriodCase("  Feb 2010 ", "2010-02-01", "2010-02-28", .month),  // spaces trimmed
    PeriodCase("february 2010", "2010-02-01", "2010-02-28", .month),
    PeriodCase("Jan 2009 - Dec 2009", "2009-01-01", "2009-12-31", .year),
    PeriodCase("Sep 2019 - Nov 2019", "2019-09-01", "2019-11-30", .quarter),
  ]

  @Test(arguments: dhis2 + handWorked)
  func parsesToTheExpectedDates(c: PeriodCase) throws {
    let p = try Period.parse(c.label)
    #expect(p.start.isoString == c.start)
    #expect(p.end.isoString == c.end)
    #expect(p.granularity == c.granularity)
    #expect(p.count == c.count)
    #expect(p.label == c.label.trimmingSpaces)
  }

  /// The canonical label reads back as the same period.
  @Test(arguments: dhis2 + handWorked)
  func canonicalLabelRoundTrips(c: PeriodCase) throws {
    let p = try Period.parse(c.label)
    let again = try Period.parse(p.canonicalLabel)
    #expect(again == p)
    #expect(again.granularity == p.granularity && again.count == p.count)
  }

  @Test(arguments: [
    ("2019", "2019"), ("2019/20", "2019-04-01/2020-03-31"), ("2019 Q3", "2019-Q3"),
    ("2019/20 Q2", "2019-Q3"), ("Feb 2010", "2010-02"), ("2019S1", "2019-S1"),
    ("2023W1", "2023-W01"), ("2019-W01", "2019-W01"), ("2020-W53", "2020-W53"),
    ("2023ThuW1", "2022-12-29/2023-01-04"), ("20190701", "2019-07-01"),
    ("2017 - 19", "2017-01-01/2019-12-31"), ("2023NovemberQ1", "2023-11-01/2024-01-31"),
  ])
  func canonicalLabels(label: String, canonical: String) throws {
    #expect(try Period.parse(label).canonicalLabel == canonical)
  }

  /// Academic years start in September (Fingertips year type 3).
  @Test func academicSplitYears() throws {
    let options = PeriodParseOptions(fingertipsYearType: .academic)
    let year = try Period.parse("2006/07", options: options)
    #expect(year.start.isoString == "2006-09-01" && year.end.isoString == "2007-08-31")
    #expect(year.yearStartMonth == 9)
    let q2 = try Period.parse("2006/07 Q2", options: options)  // December–February
    #expect(q2.start.isoString == "2006-12-01" && q2.end.isoString == "2007-02-28")
  }

  @Test func yearStartMonthFollowsTheLabel() throws {
    #expect(try Period.parse("2019Oct").yearStartMonth == 10)
    #expect(try Period.parse("Aug 2006 - Jul 2007").yearStartMonth == 8)
    #expect(try Period.parse("2019/20 Q2").yearStartMonth == 4)
    #expect(try Period.parse("2019 Q3").yearStartMonth == 1)
    #expect(try Period.parse("2023NovemberS1").yearStartMonth == 11)
  }

  // MARK: Ambiguous YYYY-NN

  @Test func dashedPairIsAMonthUnlessItCannotBe() throws {
    // 11 is a month: ISO 8601 November 2010.
    let nov = try Period.parse("2010-11")
    #expect(nov.start.isoString == "2010-11-01" && nov.granularity == .month)
    // Told otherwise, it is the split year 2010/11.
    let split = try Period.parse("2010-11", options: PeriodParseOptions(dashedYearPair: .splitYear))
    #expect(split.start.isoString == "2010-04-01" && split.end.isoString == "2011-03-31")
  }

  @Test func aColumnOfDashedSplitYearsIsReadAsSplitYears() throws {
    // 2012-13 cannot be a month, so the column is NHS-style financial years.
    let ps = try Period.parseLabels(["2010-11", "2011-12", "2012-13"])
    #expect(ps.map(\.start.isoString) == ["2010-04-01", "2011-04-01", "2012-04-01"])
    #expect(ps.allSatisfy { $0.granularity == .year })
  }

  @Test func aColumnWithAnUnmistakableMonthStaysMonths() throws {
    // 2011-01 cannot be a split year, so 2010-11 and 2010-12 are months too.
    let ps = try Period.parseLabels(["2010-11", "2010-12", "2011-01"])
    #expect(ps.map(\.start.isoString) == ["2010-11-01", "2010-12-01", "2011-01-01"])
    let alone = try Period.parseLabels(["2010-11"])
    #expect(alone[0].granularity == .month)
  }

  @Test func parseLabelsReportsTheFirstBadLabel() {
    let error = #expect(throws: PeriodParseError.self) {
      try Period.parseLabels(["2019", "2019Q5", "banana"])
    }
    #expect(error?.text == "2019Q5")
  }

  // MARK: Leap years

  @Test(arguments: [
    ("20200229", true), ("2020-02-29", true), ("20190229", false), ("2019-02-29", false),
    ("19000229", false),  // 1900 is a century not divisible by 400
    ("20000229", true),  // 2000 is divisible by 400
    ("2020-D366", true), ("2019-D366", false),
  ])
  func leapDays(label: String, exists: Bool) {
    let parsed = try? Period.parse(label)
    #expect((parsed != nil) == exists)
  }

  @Test(arguments: [
    ("202002", "2020-02-29"), ("190002", "1900-02-28"), ("Feb 2100", "2100-02-28"),
    ("2000-02", "2000-02-29"), ("2019-02", "2019-02-28"),
  ])
  func februaryEnds(label: String, end: String) throws {
    #expect(try Period.parse(label).end.isoString == end)
  }

  // MARK: Invalid labels

  @Test(arguments: [
    ("2019Q5", PeriodParseError.Kind.outOfRange),
    ("2019-13", .outOfRange),  // neither a month nor 2019/20
    ("2019W54", .outOfRange),
    ("2019W53", .outOfRange),  // 2019 has 52 ISO weeks
    ("2019-W53", .outOfRange),
    ("13 2009", .outOfRange),  // the Fingertips "invalid month" case
    ("", .empty),
    ("   ", .empty),
    ("2019-Q0", .outOfRange),
    ("201913", .outOfRange),
    ("201907B", .outOfRange),  // bi-months are 01-06
    ("2019BiW27", .outOfRange),
    ("2019-A2", .outOfRange),
    ("2019-T4", .outOfRange),
    ("2019-M13", .outOfRange),
    ("2019-W10-8", .outOfRange),
    ("20190431", .outOfRange),  // April has 30 days
    ("0999", .outOfRange),
    ("2019/21", .inconsistent),
    ("2019/2021", .inconsistent),
    ("2006/07 - 08/10", .inconsistent),
    ("2019 - 19", .reversed),
    ("2019-2017", .reversed),
    ("2019-2019", .reversed),
    ("Aug 2007 - Jul 2006", .reversed),
    ("2019 Q3 - 2019 Q1", .reversed),
    ("2020-01-01/2019-12-31", .reversed),
    ("Foo 2019", .unrecognised),
    ("2019X", .unrecognised),
    ("2019.0", .unrecognised),
    ("2019-Q3-1", .unrecognised),
    ("Q3 2019", .unrecognised),
    ("2019-01-01/P0D", .unrecognised),
    ("2019-01-01/PXY", .unrecognised),
    ("12345678901", .unrecognised),
  ])
  func invalidLabelsThrow(label: String, kind: PeriodParseError.Kind) {
    let error = #expect(throws: PeriodParseError.self) { try Period.parse(label) }
    #expect(error?.kind == kind)
    #expect(error?.expected == Period.acceptedForms)
  }

  @Test func reasonsNameTheProblem() {
    func reason(_ s: String) -> String? {
      do throws(PeriodParseError) {
        _ = try Period.parse(s)
        return nil
      } catch { return error.reason }
    }
    #expect(reason("2019Q5") == "quarter 5 does not exist; quarters are 1-4")
    #expect(reason("2019W53") == "week 53 does not exist; 2019 has 52 weeks")
    #expect(reason("2019-13") == "13 is neither a month (01-12) nor the year after 2019 (20)")
    #expect(
      reason("2019/21") == "a split year is two consecutive years, so 2019 must be followed by 20")
    #expect(reason("20190229") == "February 2019 has no day 29; it has 28")
  }

  @Test func decimalYearsGetAHint() {
    let error = #expect(throws: PeriodParseError.self) { try Period.parse("2019.0") }
    #expect(error?.hint?.contains("2019") == true)
  }

  /// The message shape of STYLE.md §3, once the caller knows the file and cell.
  @Test func becomesAnIndicatorError() {
    let error = #expect(throws: PeriodParseError.self) { try Period.parse("2019Q5") }
    let e = error?.indicatorError(file: "data.csv", line: 42, column: 12)
    #expect(e?.kind == .invalidPeriod)
    #expect(e?.found == "\"2019Q5\"")
    let lines = e?.description.split(separator: "\n").map(String.init) ?? []
    #expect(
      lines.first
        == "data.csv:42:12: error: cannot read \"2019Q5\" as a period: quarter 5 does not exist; "
        + "quarters are 1-4")
    #expect(lines.dropFirst().first == "  expected: " + Period.acceptedForms)
  }
}

@Suite struct PeriodValueTests {
  // MARK: Equality and order

  @Test func sameDatesAreTheSamePeriod() throws {
    let a = try Period.parse("2019/20")
    let b = try Period.parse("2019April")
    let c = try Period.parse("2019-04-01/2020-03-31")
    #expect(a == b && b == c)
    #expect(Set([a, b, c]).count == 1)
    #expect(try Period.parse("2019 Q3") == Period.parse("2019/20 Q2"))
    #expect(try Period.parse("2019") != Period.parse("2019/20"))
  }

  @Test func orderIsByStartThenEnd() throws {
    let labels = ["2019-07", "2019 Q2", "2019", "2018", "2019 Q1", "2017 - 19"]
    let sorted = try labels.map { try Period.parse($0) }.sorted().map(\.label)
    // 2017 - 19 starts 2017-01-01; 2018 starts 2018-01-01; 2019 Q1 and 2019 both start
    // 2019-01-01 and Q1 ends first; then 2019 Q2 (April), then July.
    #expect(sorted == ["2017 - 19", "2018", "2019 Q1", "2019", "2019 Q2", "2019-07"])
  }

  // MARK: Length and midpoint

  /// Hand-worked: whole months count 1/12 of a year each; days count 1/365.25 for the
  /// length and 1/365 (1/366 in leap years) of their own year for the midpoint.
  static let lengths: [(String, Double, Double)] = [
    ("2019", 1, 2019.5),
    ("2019 Q3", 0.25, 2019.625),  // (2019 + 6/12 + 2019 + 9/12) / 2
    ("2019/20", 1, 2019.75),  // (2019 + 3/12 + 2020 + 3/12) / 2
    ("2017 - 19", 3, 2018.5),  // (2017 + 2020) / 2
    ("Feb 2010", 1.0 / 12.0, 2010.125),  // (2010 + 1/12 + 2010 + 2/12) / 2
    ("2006/07 Q1-Q3", 0.75, 2006.625),  // April–December: (2006 + 3/12 + 2007) / 2
    // ISO week 10 of 2019: 4 March is day 63, 11 March day 70, so the midpoint is
    // 2019 + (62 + 69) / 2 / 365 (Python: 2019.1794520547944).
    ("2019W10", 7.0 / 365.25, 2019.1794520547944),
    // 29 February 2020 is day 60 of a 366-day year: 2020 + 59.5 / 366
    // (Python: 2020.1625683060108).
    ("20200229", 1.0 / 365.25, 2020.1625683060108),
  ]

  @Test(arguments: lengths)
  func lengthAndMidpoint(label: String, years: Double, midpoint: Double) throws {
    let p = try Period.parse(label)
    #expect(abs(p.lengthInYears - years) <= 1e-12)
    #expect(abs(p.midpoint - midpoint) <= 1e-9)
  }

  @Test(arguments: [
    ("2017 - 19", true), ("2006/07 - 08/09", true), ("2006/07 Q1 - 2007/08 Q4", true),
    ("Aug 2006 - Jul 2009", true), ("2019", false), ("2019/20", false), ("2019 Q3", false),
    ("2006/07 Q1-Q3", false), ("Aug 2006 - Jul 2007", false), ("2019W10", false),
    ("2013/14 Q1 - 2014/15 Q1", true),  // 15 months
  ])
  func pooled(label: String, isPooled: Bool) throws {
    #expect(try Period.parse(label).isPooled == isPooled)
  }

  @Test func buildingFromDatesDerivesTheUnit() throws {
    let start = try #require(CalendarDate(year: 2019, month: 4, day: 1))
    let end = try #require(CalendarDate(year: 2022, month: 3, day: 31))
    let p = Period(start: start, end: end)
    #expect(p.granularity == .year && p.count == 3 && p.yearStartMonth == 4)
    #expect(p.label == "2019-04-01/2022-03-31")
    #expect(p.relabelled("2019/20 - 21/22").label == "2019/20 - 21/22")
    #expect(p.fingertipsLabel(yearType: .financial) == "2019/20 - 21/22")
    #expect(p.fingertipsLabel(yearType: .calendar) == nil)
  }

  // MARK: Comparability

  @Test func pooledAndSingleYearsDoNotMix() throws {
    let ps = try ["2017 - 19", "2018 - 20", "2021"].map { try Period.parse($0) }
    let m = try #require(Period.mismatch(in: ps))
    #expect(m.kind == .pooling)
    #expect(m.other.label == "2021")
    #expect(
      m.description
        == "the series mixes pooled periods (\"2017 - 19\", 3 years) with single ones "
        + "(\"2021\", 1 year)")
  }

  @Test func quartersAndYearsDoNotMix() throws {
    let ps = try ["2019 Q1", "2019 Q2", "2019"].map { try Period.parse($0) }
    let m = try #require(Period.mismatch(in: ps))
    #expect(m.kind == .granularity)
    #expect(m.reference.label == "2019 Q1" && m.other.label == "2019")
    #expect(
      m.description
        == "the series mixes quarters (\"2019 Q1\", 1 quarter) with years (\"2019\", 1 year)")
  }

  @Test func cumulativeQuartersOfDifferentLengthsDoNotMix() throws {
    let ps = try ["2006/07 Q1", "2006/07 Q1-Q3"].map { try Period.parse($0) }
    #expect(Period.mismatch(in: ps)?.kind == .length)
  }

  @Test func comparableSeriesPass() throws {
    let years = try ["2019", "2020", "2021", "2019/20"].map { try Period.parse($0) }
    #expect(Period.mismatch(in: years) == nil)
    // Rolling years overlap and start in different months: still comparable.
    let rolling = try ["2006/07 Q1 - 2006/07 Q4", "2006/07 Q2 - 2007/08 Q1"].map {
      try Period.parse($0)
    }
    #expect(Period.mismatch(in: rolling) == nil)
    let pooled = try ["2015 - 17", "2016 - 18", "2017 - 19"].map { try Period.parse($0) }
    #expect(Period.mismatch(in: pooled) == nil)
    #expect(Period.mismatch(in: [Period]()) == nil)
  }
}

@Suite struct CalendarDateTests {
  /// Days since 1970-01-01, checked with Python 3.11:
  /// `(date(2019,7,1) - date(1970,1,1)).days` is 18078, 2000-02-29 gives 11016, 1900-03-01
  /// gives -25508.
  @Test(arguments: [
    (1970, 1, 1, 0), (2019, 7, 1, 18078), (2000, 2, 29, 11016), (1900, 3, 1, -25508),
  ])
  func daysSinceEpoch(y: Int, m: Int, d: Int, days: Int) throws {
    let date = try #require(CalendarDate(year: y, month: m, day: d))
    #expect(date.daysSinceEpoch == days)
    #expect(CalendarDate(daysSinceEpoch: days) == date)
  }

  @Test func weekdays() throws {
    // 1970-01-01 was a Thursday; 2019-07-01 a Monday (Python: date(2019,7,1).isoweekday() == 1).
    #expect(CalendarDate(year: 1970, month: 1, day: 1)?.weekday == 4)
    #expect(CalendarDate(year: 2019, month: 7, day: 1)?.weekday == 1)
    #expect(CalendarDate(year: 2023, month: 1, day: 1)?.weekday == 7)
  }

  @Test func validation() {
    #expect(CalendarDate(year: 2019, month: 2, day: 29) == nil)
    #expect(CalendarDate(year: 2020, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 2019, month: 13, day: 1) == nil)
    #expect(CalendarDate(year: 2019, month: 4, day: 31) == nil)
    #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
    #expect(CalendarDate(year: 10000, month: 1, day: 1) == nil)
    #expect(CalendarDate.parseISO("2019-07-01")?.isoString == "2019-07-01")
    #expect(CalendarDate.parseISO("2019-7-1") == nil)
    #expect(CalendarDate.parseISO("2019-02-30") == nil)
  }

  /// Walking day by day from 1899-12-31 to 2101-01-01, each next day is the following day of
  /// the month, or the 1st of the next month after the last day (month lengths written out
  /// here: 30 days for April, June, September, November; February by the Gregorian rule).
  @Test func consecutiveDaysFollowTheCalendar() throws {
    func length(_ y: Int, _ m: Int) -> Int {
      if m == 2 { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28 }
      return [4, 6, 9, 11].contains(m) ? 30 : 31
    }
    var date = try #require(CalendarDate(year: 1899, month: 12, day: 31))
    var days = date.daysSinceEpoch
    var weekday = date.weekday
    while date.year < 2101 {
      let next = CalendarDate(daysSinceEpoch: days + 1)
      let expected: (Int, Int, Int) =
        date.day < length(date.year, date.month)
        ? (date.year, date.month, date.day + 1)
        : (date.month == 12 ? (date.year + 1, 1, 1) : (date.year, date.month + 1, 1))
      guard (next.year, next.month, next.day) == expected else {
        Issue.record("after \(date) came \(next)")
        return
      }
      if next.daysSinceEpoch != days + 1 { Issue.record("days of \(next)") }
      let w = next.weekday
      if w != weekday % 7 + 1 { Issue.record("weekday of \(next) is \(w)") }
      date = next
      days += 1
      weekday = w
    }
  }

  @Test func isoWeekCounts() {
    // Python: date(y, 12, 28).isocalendar()[1] is 53 for 2015, 2020 and 2026, 52 for 2019, 2021.
    for (year, weeks) in [(2015, 53), (2019, 52), (2020, 53), (2021, 52), (2026, 53)] {
      #expect(ISOWeek.weekCount(ofYear: year) == weeks, "\(year)")
    }
  }
}
