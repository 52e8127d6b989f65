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
