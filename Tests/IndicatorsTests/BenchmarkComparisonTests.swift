import Columnar
import Foundation
import Statistics
import Testing

@testable import Indicators

@Suite("Benchmark comparison (Fingertips labels)")
struct BenchmarkComparisonTests {
  /// Fingertips' formatter: RAG polarities print Better/Similar/Worse (Best/Worst for the
  /// 99.8% level), Blue-Orange-Blue (no judgement) Higher/Similar/Lower, anything else
  /// "Not compared" (the fingertips-open TypeScript SignificanceFormatter). The mapping of a
  /// direction to better or worse is `IndicatorComparer.AdjustForPolarity`.
  @Test func labelsFollowPolarity() {
    let table: [(BenchmarkDifference?, Polarity, String)] = [
      (.higher, .higherIsBetter, "Better"), (.lower, .higherIsBetter, "Worse"),
      (.higher, .lowerIsBetter, "Worse"), (.lower, .lowerIsBetter, "Better"),
      (.higher, .noJudgement, "Higher"), (.lower, .noJudgement, "Lower"),
      (.similar, .higherIsBetter, "Similar"), (.similar, .lowerIsBetter, "Similar"),
      (.similar, .noJudgement, "Similar"), (nil, .higherIsBetter, "Not compared"),
      (nil, .noJudgement, "Not compared"),
    ]
    for (difference, polarity, label) in table {
      #expect(BenchmarkComparison(difference, polarity: polarity).rawValue == label)
    }
  }

  /// fingertips-open SingleOverlappingCIsForTwoCILevelsComparerTest (MIT, commit
  /// 678089724a51): the value 2.6 with 99.8% limits 2.3–2.9 and 95% limits 2.5–2.7 against
  /// benchmarks 3.0, 2.8, 2.6, 2.4, 2.2 gives Worst, Worse, Same, Better, Best for RAG high is
  /// good and Best, Better, Same, Worse, Worst for RAG low is good (Same prints "Similar").
  @Test(arguments: [
    (3.0, "Worst", "Best"), (2.8, "Worse", "Better"), (2.6, "Similar", "Similar"),
    (2.4, "Better", "Worse"), (2.2, "Best", "Worst"),
  ])
  func twoLevelsMatchFingertipsTest(benchmark: Double, highIsGood: String, lowIsGood: String) {
    func compare(_ polarity: Polarity) -> String {
      overlapComparisons(
        values: [2.6], lower95: [2.5], upper95: [2.7], lower998: [2.3], upper998: [2.9],
        benchmark: benchmark, polarity: polarity)[0].rawValue
    }
    #expect(compare(.higherIsBetter) == highIsGood)
    #expect(compare(.lowerIsBetter) == lowIsGood)
  }

  /// The same value at one level (95%: 2.5–2.7): 2.8 and 3.0 are above the interval (Worse
  /// when higher is better), 2.4 and 2.2 below (Better), 2.6 and the ends 2.5, 2.7 Similar;
  /// no judgement gives Lower and Higher; two levels without judgement keep the direction.
  @Test func oneLevelAndNoJudgement() {
    let benchmarks = [3.0, 2.8, 2.7, 2.6, 2.5, 2.4, 2.2]
    func labels(_ polarity: Polarity) -> [String] {
      benchmarks.map { b in
        overlapComparisons(
          values: [2.6], lowerLimits: [2.5], upperLimits: [2.7], benchmark: b, polarity: polarity
        )[0].rawValue
      }
    }
    #expect(
      labels(.higherIsBetter) == [
        "Worse", "Worse", "Similar", "Similar", "Similar", "Better", "Better",
      ])
    #expect(
      labels(.noJudgement) == [
        "Lower", "Lower", "Similar", "Similar", "Similar", "Higher", "Higher",
      ])
    let twoLevels = [3.0, 2.8, 2.4, 2.2].map { b in
      overlapComparisons(
        values: [2.6], lower95: [2.5], upper95: [2.7], lower998: [2.3], upper998: [2.9],
        benchmark: b, polarity: .noJudgement)[0]
    }
    #expect(twoLevels == [.lower, .lower, .higher, .higher])
  }

  @Test func missingInputsAreNotCompared() {
    let single = overlapComparisons(
      values: [.nan, 5, 5], lowerLimits: [1, .nan, 4], upperLimits: [9, 6, 6], benchmark: 5,
      polarity: .higherIsBetter)
    #expect(single == [.notCompared, .notCompared, .similar])
    let noBenchmark = overlapComparisons(
      values: [5], lowerLimits: [4], upperLimits: [6], benchmark: .nan, polarity: .lowerIsBetter)
    #expect(noBenchmark == [.notCompared])
    // Two levels need both intervals (Fingertips: Are95CIsValid and Are99_8CIsValid).
    let twoLevels = overlapComparisons(
      values: [2.6], lower95: [2.5], upper95: [2.7], lower998: [.nan], upper998: [2.9],
      benchmark: 3, polarity: .higherIsBetter)
    #expect(twoLevels == [.notCompared])
  }

  /// Double overlap, hand-worked: 10 with [8, 12] against the benchmark 13 with [12.5, 13.5]
  /// does not overlap (12.5 > 12), so lower: Worse when higher is better, Better when lower is
  /// better; against [11.5, 14.5] it overlaps, Similar. 16 with [14, 18] does not overlap
  /// [12.5, 13.5] either way, so higher.
  @Test func doubleOverlap() {
    let narrow = doubleOverlapComparisons(
      values: [10, 16, 13], lowerLimits: [8, 14, .nan], upperLimits: [12, 18, 14], benchmark: 13,
      benchmarkLower: 12.5, benchmarkUpper: 13.5, polarity: .higherIsBetter)
    #expect(narrow == [.worse, .better, .notCompared])
    let wide = doubleOverlapComparisons(
      values: [10], lowerLimits: [8], upperLimits: [12], benchmark: 13, benchmarkLower: 11.5,
      benchmarkUpper: 14.5, polarity: .lowerIsBetter)
    #expect(wide == [.similar])
    let lowIsGood = doubleOverlapComparisons(
      values: [10], lowerLimits: [8], upperLimits: [12], benchmark: 13, benchmarkLower: 12.5,
      benchmarkUpper: 13.5, polarity: .lowerIsBetter)
    #expect(lowIsGood == [.better])
  }

  /// ../shared/oracles/fingertips/spc_proportion_comparison_cases.csv (fingertips-open
  /// SpcForProportionsComparerTest.cs): values in percent (unit 100), RAG low is good, at 95%
  /// and 99.8%. The oracle's internal Same prints "Similar" and None "Not compared".
  @Test(.enabled(if: Shared.isPresent, Shared.missingMessage))
  func spcForProportionsMatchesFingertips() throws {
    let text = try #require(Shared.text("oracles/fingertips/spc_proportion_comparison_cases.csv"))
    var lines = text.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = lines.removeFirst()
    func column(_ name: String) -> [String] {
      let i = header.firstIndex(of: name) ?? 0
      return lines.map { $0[i] }
    }
    func numbers(_ name: String) -> [Double] { column(name).map { Double($0) ?? .nan } }
    let exported = ["Same": "Similar", "None": "Not compared"]
    #expect(Set(column("polarity")) == ["RAG - Low is good"])
    #expect(lines.count == 7)
    for level in [0.95, 0.998] {
      let expected = column(level == 0.95 ? "expected_at_z_1.96" : "expected_at_z_3.0902")
      for (i, row) in lines.enumerated() {
        let got = controlLimitComparisons(
          values: [numbers("value")[i]], denominators: [numbers("denominator")[i]],
          benchmark: numbers("comparator_value")[i], multiplier: numbers("unit")[i],
          confidenceLevel: level, polarity: .lowerIsBetter)
        #expect(got[0].rawValue == exported[expected[i]] ?? expected[i], "\(row[0]) at \(level)")
      }
    }
  }

  /// The real Fingertips export: every "Compared to England value or percentiles" cell is a
  /// label of ours (the file only has "Not compared").
  @Test(.enabled(if: Shared.isPresent, Shared.missingMessage))
  func realExportLabels() throws {
    let path = try #require(
      LayoutFiles.shared("fixtures-real/fingertips/fingertipsR_writecsv_93861_new_series.csv"))
    let o = try observations(path)
    let labels = o.distinct("compared_to_england")
    #expect(!labels.isEmpty)
    for label in labels {
      #expect(BenchmarkComparison(rawValue: label) != nil, "unknown label \(label)")
    }
  }
}
