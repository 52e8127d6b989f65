import Testing

@testable import Indicators

/// The 105 Fingertips time-period cases of ../shared/oracles/fingertips/time_period_labels.csv,
/// transcribed from ukhsa-collaboration/fingertips-open
/// (PholioVisualisationWS/FormattingTest/TimePeriodFormatterTest.cs @ 67808972, MIT): each row
/// is (year type, year, year range, quarter, month) and the label Fingertips prints for it.
///
/// For every row the test reads the printed label and checks the dates against the dates the
/// row's fields stand for, worked out below from the fields alone (not from the label), then
/// prints the period back with the row's year type and compares with the label.
@Suite struct PeriodFingertipsOracleTests {
  struct Row: CustomTestStringConvertible, Sendable {
    var yearTypeName: String
    var yearTypeID: Int
    var year: Int
    var yearRange: Int
    var quarter: Int?
    var month: Int?
    var label: String
    var testDescription: String {
      "\(yearTypeName) \(year)/\(yearRange)/q\(quarter ?? 0)/m\(month ?? 0) \"\(label)\""
    }
  }

  static let rows: [Row] = {
    guard let text = Shared.text("oracles/fingertips/time_period_labels.csv") else { return [] }
    var rows: [Row] = []
    // Records end in CRLF; a Swift `Character` "\r\n" is one newline.
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      // The file has no quoted fields (checked: no `"` in it), so a plain split is exact.
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard f.count == 7, let id = Int(f[1]), let year = Int(f[2]), let range = Int(f[3]) else {
        continue
      }
      rows.append(
        Row(
          yearTypeName: f[0], yearTypeID: id, year: year, yearRange: range, quarter: Int(f[4]),
          month: Int(f[5]), label: f[6]))
    }
    return rows
  }()

  /// The months a row stands for: (start year, start month, number of months), or `nil` for
  /// the invalid month 13. Worked out from upstream semantics, independently of the parser:
  /// - year types 1, 2, 3 (calendar, financial, academic) start in January, April and
  ///   September (academic years start on 1 September, as in the Fingertips successor
  ///   dhsc-govuk/FingertipsNext). A yearly row spans 12 × year range months from the start of
  ///   `year`; a quarterly row is quarter q of that year, counted from its start month.
  /// - month rows: for financial and academic year types the month number counts from April
  ///   (upstream `FormatMonth` adds 3, for both types; README of the oracle), so month 10 of
  ///   2009 is January 2010. For calendar rows the month is the calendar month.
  /// - 4 and 5 (rolling years by quarter, financial and calendar): start at quarter q of
  ///   `year`, span 12 × year range months (upstream `GetRollingQuarterlyEndPoint` ends at the
  ///   quarter before q, year range years later).
  /// - 6 (calendar rolling year by month): start at the month, span 12 × year range months
  ///   (upstream `GetRollingMonthlyEndPoint`).
  /// - 7 and 10 (financial cumulative quarters, single- and multi-year): start in April of
  ///   `year` and run to the end of the q-th quarter counted from there: 3 × q months (the
  ///   year range, 5 in the multi-year rows, does not enter the label or the span).
  /// - 8, 9, 13 (August–July, March–February, July–June): start in that month of `year`,
  ///   span 12 × year range months.
  static func impliedSpan(_ r: Row) -> (year: Int, month: Int, months: Int)? {
    func shifted(_ year: Int, _ month: Int, by months: Int) -> (Int, Int) {
      let index = year * 12 + month - 1 + months
      return (index / 12, index % 12 + 1)
    }
    switch r.yearTypeID {
    case 1, 2, 3:
      let base = [1: 1, 2: 4, 3: 9][r.yearTypeID]!
      if let m = r.month {
        guard (1...12).contains(m) else { return nil }
        let (y, mm) = r.yearTypeID == 1 ? (r.year, m) : shifted(r.year, 4, by: m - 1)
        return (y, mm, 1)
      }
      if let q = r.quarter {
        let (y, m) = shifted(r.year, base, by: 3 * (q - 1))
        return (y, m, 3)
      }
      return (r.year, base, 12 * r.yearRange)
    case 4, 5:
      let (y, m) = shifted(r.year, r.yearTypeID == 4 ? 4 : 1, by: 3 * (r.quarter! - 1))
      return (y, m, 12 * r.yearRange)
    case 6:
      return (r.year, r.month!, 12 * r.yearRange)
    case 7, 10:
      return (r.year, 4, 3 * r.quarter!)
    case 8, 9, 13:
      return (r.year, [8: 8, 9: 3, 13: 7][r.yearTypeID]!, 12 * r.yearRange)
    default:
      return nil
    }
  }

  /// Days in a month, written out here so the expected dates do not come from the code under
  /// test: 30 days hath September, April, June and November; February has 29 in years
  /// divisible by 4 except centuries not divisible by 400.
  static func monthLength(_ year: Int, _ month: Int) -> Int {
    if month == 2 { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28 }
    return [4, 6, 9, 11].contains(month) ? 30 : 31
  }

  static func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
    "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
  }

  @Test(.enabled(if: Shared.isPresent, Shared.missingMessage))
  func fileHasAllRows() {
    // 105 cases, as the oracle README says.
    #expect(Self.rows.count == 105)
  }

  @Test(.enabled(if: Shared.isPresent, Shared.missingMessage), arguments: rows)
  func labelParsesToTheRowsDates(row: Row) throws {
    let yearType = try #require(FingertipsYearType(rawValue: row.yearTypeID))
    let options = PeriodParseOptions(fingertipsYearType: yearType)
    guard let span = Self.impliedSpan(row) else {
      // The upstream "invalid month" case: Fingertips prints month 13 as "13 2009".
      let error = #expect(throws: PeriodParseError.self) {
        try Period.parse(row.label, options: options)
      }
      #expect(error?.kind == .outOfRange)
      #expect(error?.reason.hasPrefix("13 is not a month") == true)
      return
    }
    let period = try Period.parse(row.label, options: options)
    let endIndex = span.year * 12 + span.month - 1 + span.months - 1
    let (endYear, endMonth) = (endIndex / 12, endIndex % 12 + 1)
    #expect(period.start.isoString == Self.iso(span.year, span.month, 1))
    #expect(
      period.end.isoString == Self.iso(endYear, endMonth, Self.monthLength(endYear, endMonth)))
    #expect(period.monthCount == span.months)
    #expect(period.label == row.label)
    // Pooled means longer than one year.
    #expect(period.isPooled == (span.months > 12))
  }

  @Test(.enabled(if: Shared.isPresent, Shared.missingMessage), arguments: rows)
  func formattingWithTheYearTypeGivesTheLabelBack(row: Row) throws {
    guard Self.impliedSpan(row) != nil else { return }  // month 13 has no period
    let yearType = try #require(FingertipsYearType(rawValue: row.yearTypeID))
    let period = try Period.parse(
      row.label, options: PeriodParseOptions(fingertipsYearType: yearType))
    #expect(period.fingertipsLabel(yearType: yearType) == row.label)
  }
}
