import Columnar
import Testing

@testable import Indicators

/// Tokens and codes as their publishers define them: `*` suppressed (Fingertips), `..` not
/// available (World Bank), `:` not available (Eurostat); SDMX CL_OBS_STATUS v2.2 codes.
@Suite struct AbsenceReasonTests {
  @Test(arguments: [
    ("*", AbsenceReason.suppressed), ("..", .notCollected), ("x", .notApplicable), ("-", .notApplicable),
    (":", .cannotBeCalculated), ("", .missing), ("NA", .missing), ("N/A", .missing),
  ])
  func tokens(token: String, reason: AbsenceReason) {
    #expect(AbsenceReason.forToken(token) == reason)
  }

  @Test func noTokenIsMissing() {
    #expect(AbsenceReason.forToken(nil) == .missing)
  }

  @Test(arguments: [
    ("Q", AbsenceReason?.some(.suppressed)), ("M", .notApplicable), ("L", .notCollected), ("O", .missing),
    ("c", .suppressed), ("A", nil), ("E", nil), ("P", nil),
  ])
  func sdmxStatus(code: String, reason: AbsenceReason?) {
    #expect(AbsenceReason.fromSDMXStatus(code) == reason)
  }

  @Test func notes() {
    #expect(AbsenceReason.fromNote("Value suppressed for disclosure control") == .suppressed)
    #expect(AbsenceReason.fromNote("Insufficient numbers to calculate a rate") == .cannotBeCalculated)
    #expect(AbsenceReason.fromNote("Data not available") == .notCollected)
    #expect(AbsenceReason.fromNote("Aggregated from all known lower geography values") == nil)
  }
}

/// The missing rows are found a word of the value's validity at a time: with 63, 64, 65 and
/// 128 rows, row 1 and the last row suppressed (`*`), the reasons are on those two rows and
/// on no other (the bits past the last row in the last word are not rows).
@Suite struct AbsenceReasonWordTests {
  @Test(arguments: [63, 64, 65, 128])
  func missingRowsAtWordEdges(rows: Int) throws {
    var csv = "indicator_id,area_code,period,value\n"
    for r in 0..<rows { csv += "X,A\(r),2020,\(r == 1 || r == rows - 1 ? "*" : "1")\n" }
    let read = try CSVReader.read(bytes: Array(csv.utf8), name: "edges.csv")
    let o = try Observations.read(read.table, file: "edges.csv")
    let reasons = (0..<rows).map { o.text(CanonicalColumn.absenceReason, $0) }
    #expect(reasons.enumerated().filter { $0.element != nil }.map(\.offset) == [1, rows - 1])
    #expect(reasons[rows - 1] == AbsenceReason.suppressed.rawValue)
  }
}
