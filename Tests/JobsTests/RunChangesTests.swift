import Reports
import Testing

@testable import Jobs

/// "What changed" on hand-made pairs of runs whose revisions are known by construction: each
/// expected change below is read off the two fixtures by eye.
@Suite struct RunChangesTests {
  static let mortality = SeriesKey(indicator: "U5MR", area: "BGD")
  static let obesity = SeriesKey(indicator: "90319", area: "N00000001", breakdown: "1 - most deprived")

  static func values(_ pairs: [(String, Double?)]) -> [PeriodValue] {
    pairs.map { PeriodValue(period: $0.0, order: $0.0, value: $0.1) }
  }

  static let yesterday = RunRecord(
    id: 7, job: "nightly", startedAt: "2026-11-23T02:30:00Z", status: .succeeded, period: "2022",
    series: [
      SeriesRecord(
        key: mortality, latestPeriod: "2021", latestValue: 3.1, status: "improving", significanceP: 0.01,
        isSignificant: true, benchmark: "similar", targetProgress: "on track",
        values: values([("2019", 3.4), ("2020", 3.3), ("2021", 3.1)])),
      SeriesRecord(
        key: obesity, latestPeriod: "2022", latestValue: 11.7, status: "no significant change", significanceP: 0.2,
        isSignificant: false, benchmark: "worse", values: values([("2021", 11.9), ("2022", 11.7)])),
      SeriesRecord(key: SeriesKey(indicator: "OLD"), latestPeriod: "2020", latestValue: 1, status: "not enough data"),
    ],
    steps: [
      StepRecord(step: "funding", title: "Funding pooled", progress: "good", confidence: "high"),
      StepRecord(step: "reach", title: "Families reached", progress: "some", confidence: "medium"),
    ])

  /// Overnight: mortality gained 2022 and its 2020 value was revised (3.3 → 3.25); its status
  /// stayed, but the benchmark turned better and the target off track. Obesity's trend became
  /// significant (status changed too) and, with no 2023 value while the report moved to 2023,
  /// it went stale. OLD left the data, NEW arrived. Step reach went from some to good.
  static let today = RunRecord(
    id: 8, job: "nightly", startedAt: "2026-11-24T02:30:00Z", status: .succeeded, period: "2023",
    series: [
      SeriesRecord(
        key: mortality, latestPeriod: "2022", latestValue: 3.0, status: "improving", significanceP: 0.004,
        isSignificant: true, benchmark: "better", targetProgress: "off track",
        values: values([("2019", 3.4), ("2020", 3.25), ("2021", 3.1), ("2022", 3.0)])),
      SeriesRecord(
        key: obesity, latestPeriod: "2022", latestValue: 11.7, status: "improving", significanceP: 0.03,
        isSignificant: true, benchmark: "worse", isStale: true, values: values([("2021", 11.9), ("2022", 11.7)])),
      SeriesRecord(key: SeriesKey(indicator: "NEW"), latestPeriod: "2023", latestValue: 42, status: "not enough data"),
    ],
    steps: [
      StepRecord(step: "funding", title: "Funding pooled", progress: "good", confidence: "high"),
      StepRecord(step: "reach", title: "Families reached", progress: "good", confidence: "high"),
    ])

  @Test func knownRevisions() {
    let changes = RunComparison.changes(from: Self.yesterday, to: Self.today)
    #expect(
      changes.map(\.description) == [
        "U5MR (BGD): new data for 2022 (3)",
        "U5MR (BGD): 2020 revised from 3.3 to 3.25",
        "90319 (N00000001, 1 - most deprived): status changed from no significant change to improving",
        "90319 (N00000001, 1 - most deprived): trend became significant",
        "U5MR (BGD): benchmark comparison changed from similar to better",
        "U5MR (BGD): target progress changed from on track to off track",
        "step reach: progress changed from some to good",
        "90319 (N00000001, 1 - most deprived): stale: no data for 2023 (latest 2022)",
        "NEW: new series (latest 2023: 42)",
        "OLD: no longer in the data (was 2020: 1)",
      ])
    #expect(
      changes[1]
        == RunChange(kind: .revisedValue, subject: "U5MR (BGD)", key: Self.mortality, period: "2020", before: "3.3", after: "3.25"))
    // As the report model's note: indicator as subject, area (and breakdown) as the series.
    #expect(changes[1].note.subject == "U5MR" && changes[1].note.series == "BGD" && changes[1].note.kind == .revised)
    #expect(changes[2].note.series == "N00000001, 1 - most deprived")
    #expect(changes[6].note.subject == "reach" && changes[6].note.series == nil && changes[6].note.kind == .stepChanged)
  }

  @Test func sameRunHasNoChanges() {
    #expect(RunComparison.changes(from: Self.today, to: Self.today).isEmpty)
  }

  @Test func reversedPairUndoesTheValues() {
    // Going back: 2022 is not "new" in the older run, it is simply absent (no change is
    // reported for a period that disappeared), 2020 is revised 3.25 → 3.3, and nothing
    // becomes stale (obesity was stale and is current).
    let back = RunComparison.changes(from: Self.today, to: Self.yesterday)
    #expect(
      back.contains(
        RunChange(kind: .revisedValue, subject: "U5MR (BGD)", key: Self.mortality, period: "2020", before: "3.25", after: "3.3")))
    #expect(!back.contains { $0.kind == .newPeriod || $0.kind == .becameStale })
    #expect(back.filter { $0.kind == .newSeries }.map(\.subject) == ["OLD"])
  }

  @Test func valueGainedOrLostIsARevision() {
    // A suppressed value (no number) published later is a revision of that period, not a new
    // period; and a value withdrawn is a revision to none.
    var a = Self.yesterday
    var b = Self.yesterday
    a.series[1].values = Self.values([("2021", nil), ("2022", 11.7)])
    b.series[1].values = Self.values([("2021", 11.9), ("2022", nil)])
    let changes = RunComparison.changes(from: a, to: b).map(\.description)
    #expect(
      changes == [
        "90319 (N00000001, 1 - most deprived): 2021 revised from none to 11.9",
        "90319 (N00000001, 1 - most deprived): 2022 revised from 11.7 to none",
      ])
  }

  @Test func summaryLines() {
    #expect(ChangeSummary(since: nil, changes: []).lines == ["This is the first run of the job: nothing to compare with."])
    #expect(ChangeSummary(since: "run 7", changes: []).lines == ["Nothing changed."])
  }
}

/// Series keys sort as the reports list series: indicator, area and breakdown each in natural
/// order (digit runs by value), so I2 comes before I10 and E2 before E10, where byte order
/// would put "1" (0x31) before "2" (0x32).
@Suite struct SeriesKeyOrderTests {
  @Test func naturalOrder() {
    let keys = [
      SeriesKey(indicator: "I10", area: "E2"), SeriesKey(indicator: "I2", area: "E10"),
      SeriesKey(indicator: "I2", area: "E2", breakdown: "age 10-14"), SeriesKey(indicator: "I2", area: "E2", breakdown: "age 5-9"),
    ]
    #expect(
      keys.sorted() == [
        SeriesKey(indicator: "I2", area: "E2", breakdown: "age 5-9"), SeriesKey(indicator: "I2", area: "E2", breakdown: "age 10-14"),
        SeriesKey(indicator: "I2", area: "E10"), SeriesKey(indicator: "I10", area: "E2"),
      ])
  }
}
