import Testing

@testable import Indicators

/// Fiscal calendars. Sources for the conventions: UK central government financial years run
/// 1 April to 31 March (HM Treasury, Managing Public Money); the US federal fiscal year "begins
/// on October 1 of each year and ends on September 30 of the following year" (31 U.S.C. §1102)
/// and is named by the calendar year it ends in (FY2027 begins 1 October 2026). Every expected
/// date below is worked by hand from those rules.
@Suite struct FiscalCalendarTests {
  static func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate {
    CalendarDate(year: y, month: m, day: d)!
  }

  static func q(_ year: Int, _ quarter: Int) -> FiscalQuarter {
    FiscalQuarter(fiscalYear: year, quarter: quarter)
  }

  // MARK: UK (April, start-year naming)

  @Test(arguments: [
    ((2027, 3, 15), 2026), ((2027, 4, 15), 2027), ((2026, 4, 1), 2026), ((2026, 3, 31), 2025),
  ])
  func ukFiscalYear(ymd: (Int, Int, Int), year: Int) {
    #expect(FiscalCalendar.ukFinancial.fiscalYear(of: Self.date(ymd.0, ymd.1, ymd.2)) == year)
  }

  @Test(arguments: [
    ((2026, 4, 1), 2026, 1), ((2026, 6, 30), 2026, 1), ((2026, 7, 1), 2026, 2),
    ((2026, 11, 15), 2026, 3), ((2027, 1, 1), 2026, 4), ((2027, 3, 31), 2026, 4),
  ])
  func ukFiscalQuarter(ymd: (Int, Int, Int), year: Int, quarter: Int) {
    let got = FiscalCalendar.ukFinancial.fiscalQuarter(of: Self.date(ymd.0, ymd.1, ymd.2))
    #expect(got == Self.q(year, quarter))
  }

  /// The brief's example: Q3 of the fiscal year starting April 2026 is October–December 2026.
  @Test func ukQuarterThree() {
    let p = FiscalCalendar.ukFinancial.period(of: Self.q(2026, 3))
    #expect(p.start.isoString == "2026-10-01" && p.end.isoString == "2026-12-31")
    #expect(p.label == "FY2026-Q3")
    #expect(p.canonicalLabel == "2026-Q4")  // the doc example: calendar Q4
    #expect(p.yearStartMonth == 4)
    let year = FiscalCalendar.ukFinancial.period(ofYear: 2026)
    #expect(year.start.isoString == "2026-04-01" && year.end.isoString == "2027-03-31")
    #expect(year.fingertipsLabel(yearType: .financial) == "2026/27")
  }

  // MARK: US federal (October, end-year naming)

  @Test func usFederal() {
    let us = FiscalCalendar.usFederal
    #expect(us.fiscalYear(of: Self.date(2026, 10, 1)) == 2027)
    #expect(us.fiscalYear(of: Self.date(2026, 9, 30)) == 2026)
    let fy = us.period(ofYear: 2027)
    #expect(fy.start.isoString == "2026-10-01" && fy.end.isoString == "2027-09-30")
    let q1 = us.period(of: Self.q(2027, 1))
    #expect(q1.start.isoString == "2026-10-01" && q1.end.isoString == "2026-12-31")
    let q2 = us.period(of: Self.q(2027, 2))
    #expect(q2.start.isoString == "2027-01-01" && q2.end.isoString == "2027-03-31")
    #expect(us.fiscalQuarter(of: Self.date(2027, 9, 30)) == Self.q(2027, 4))
  }

  @Test func startYearNamingOfAnOctoberYear() throws {
    let october = try #require(FiscalCalendar(startMonth: 10))
    #expect(october.fiscalYear(of: Self.date(2026, 10, 1)) == 2026)
    #expect(october.period(ofYear: 2026).start.isoString == "2026-10-01")
  }

  // MARK: July and January

  @Test func july() throws {
    let july = try #require(FiscalCalendar(startMonth: 7))
    #expect(july.fiscalYear(of: Self.date(2026, 6, 30)) == 2025)
    #expect(july.fiscalYear(of: Self.date(2026, 7, 1)) == 2026)
    let q4 = july.period(of: Self.q(2025, 4))  // April–June 2026
    #expect(q4.start.isoString == "2026-04-01" && q4.end.isoString == "2026-06-30")
  }

  @Test func calendarYears() throws {
    let cal = FiscalCalendar.calendarYear
    #expect(cal.fiscalQuarter(of: Self.date(2026, 5, 5)) == Self.q(2026, 2))
    let year = cal.period(ofYear: 2026)
    #expect(year.start.isoString == "2026-01-01" && year.end.isoString == "2026-12-31")
    // With a January start the two namings agree.
    let endNamed = try #require(FiscalCalendar(startMonth: 1, naming: .endYear))
    #expect(endNamed.fiscalYear(of: Self.date(2026, 5, 5)) == 2026)
    #expect(endNamed.period(ofYear: 2026) == year)
  }

  @Test(arguments: [0, 13, -1])
  func invalidStartMonth(month: Int) {
    #expect(FiscalCalendar(startMonth: month) == nil)
  }

  // MARK: Latest complete quarter and placement

  @Test func latestCompleteQuarter() {
    let uk = FiscalCalendar.ukFinancial
    // 31 December is the last day of Q3; Q3 is complete only from 1 January.
    #expect(uk.latestCompleteQuarter(asOf: Self.date(2026, 12, 31)) == Self.q(2026, 2))
    #expect(uk.latestCompleteQuarter(asOf: Self.date(2027, 1, 1)) == Self.q(2026, 3))
    #expect(uk.latestCompleteQuarter(asOf: Self.date(2026, 4, 1)) == Self.q(2025, 4))
    // US: on 1 October 2026 (first day of FY2027) the last complete quarter is July–September
    // 2026, FY2026-Q4.
    let us = FiscalCalendar.usFederal
    #expect(us.latestCompleteQuarter(asOf: Self.date(2026, 10, 1)) == Self.q(2026, 4))
  }

  @Test func periodsArePlacedByTheirLastDay() throws {
    let uk = FiscalCalendar.ukFinancial
    #expect(uk.fiscalQuarter(of: try Period.parse("Feb 2010")) == Self.q(2009, 4))
    #expect(uk.fiscalQuarter(of: try Period.parse("2019/20")) == Self.q(2019, 4))
    // Calendar 2019 ends on 31 December 2019: Q3 of FY2019.
    #expect(uk.fiscalQuarter(of: try Period.parse("2019")) == Self.q(2019, 3))
    #expect(uk.fiscalYear(of: try Period.parse("2017 - 19")) == 2019)
  }

  @Test func quarterOrderAndPrevious() {
    #expect(Self.q(2026, 1).previous == Self.q(2025, 4))
    #expect(Self.q(2026, 3).previous == Self.q(2026, 2))
    #expect(Self.q(2025, 4) < Self.q(2026, 1))
    #expect(Self.q(2026, 3).description == "FY2026-Q3")
  }

  /// Every day of 2025–2027 lies in the period of its own fiscal quarter, for every start month.
  @Test func everyDayLiesInItsQuarter() throws {
    for month in 1...12 {
      for naming in [FiscalCalendar.YearNaming.startYear, .endYear] {
        let cal = try #require(FiscalCalendar(startMonth: month, naming: naming))
        var d = Self.date(2025, 1, 1)
        while d.year < 2028 {
          let p = cal.period(of: cal.fiscalQuarter(of: d))
          if !(p.start <= d && d <= p.end) { Issue.record("\(d) not in \(p) (start \(month))") }
          if cal.fiscalYear(of: d) != cal.fiscalQuarter(of: d).fiscalYear {
            Issue.record("year of \(d) (start \(month))")
          }
          d = d.adding(days: 1)
        }
      }
    }
  }

  // MARK: Reading --period

  @Test(arguments: [
    "2026-Q3", "2026Q3", "2026 Q3", "FY2026-Q3", "fy2026 q3", "FY2026 Q3", "FY2026Q3",
    "2026/27 Q3", "2026/2027 Q3", "FY2026/27 Q3", " FY2026-Q3 ",
  ])
  func ukFiscalQuarterForms(text: String) throws {
    let p = try FiscalCalendar.ukFinancial.parse(text)
    #expect(p.start.isoString == "2026-10-01" && p.end.isoString == "2026-12-31")
    #expect(p.label == text.trimmingSpaces)
  }

  @Test(arguments: ["FY2026", "2026", "2026/27", "fy 2026"])
  func ukFiscalYearForms(text: String) throws {
    let p = try FiscalCalendar.ukFinancial.parse(text)
    #expect(p.start.isoString == "2026-04-01" && p.end.isoString == "2027-03-31")
  }

  @Test func otherLabelsFallBackToPeriodParsing() throws {
    let uk = FiscalCalendar.ukFinancial
    let month = try uk.parse("2026-07")
    #expect(month.start.isoString == "2026-07-01" && month.granularity == .month)
    let pooled = try uk.parse("2006/07 - 08/09")
    #expect(pooled.start.isoString == "2006-04-01" && pooled.end.isoString == "2009-03-31")
    // Split years follow the calendar's start month.
    let july = try #require(FiscalCalendar(startMonth: 7))
    let q = try july.parse("2019/20 Q1 - 2019/20 Q2")
    #expect(q.start.isoString == "2019-07-01" && q.end.isoString == "2019-12-31")
  }

  @Test func usForms() throws {
    let us = FiscalCalendar.usFederal
    let named = try us.parse("FY2027-Q1")
    #expect(named.start.isoString == "2026-10-01" && named.end.isoString == "2026-12-31")
    // A split year names its start year whatever the naming.
    #expect(try us.parse("2026/27 Q1") == named)
    let year = try us.parse("2027")
    #expect(year.start.isoString == "2026-10-01" && year.end.isoString == "2027-09-30")
  }

  @Test(arguments: [
    ("FY2026-Q5", PeriodParseError.Kind.outOfRange), ("2026/28 Q1", .inconsistent),
    ("FYxyz", .unrecognised), ("banana", .unrecognised), ("FY2026-", .unrecognised),
    ("FY0999", .outOfRange), ("2026-13", .outOfRange),
  ])
  func invalidFlags(text: String, kind: PeriodParseError.Kind) {
    let error = #expect(throws: PeriodParseError.self) {
      try FiscalCalendar.ukFinancial.parse(text)
    }
    #expect(error?.kind == kind)
    #expect(error?.expected == FiscalCalendar.acceptedForms)
  }

  @Test func splitYearsNeedANonJanuaryStart() {
    let error = #expect(throws: PeriodParseError.self) {
      try FiscalCalendar.calendarYear.parse("2026/27")
    }
    #expect(error?.kind == .inconsistent)
  }
}
