import Columnar
import Statistics
import Testing

@testable import Indicators

/// Deprivation quantile names as Fingertips writes them (read from the real export
/// fingertipsR_writecsv_93861_new_series.csv), and inequality on hand-made tables whose
/// answers are worked out in the comments.
@Suite struct InequalityTests {
  @Test func fingertipsDecileNamesAreOrderedMostDeprivedFirst() {
    let labels = [
      "Least deprived decile (IMD2019)", "Fifth less deprived decile (IMD2019)", "Most deprived decile (IMD2019)",
      "Second most deprived decile (IMD2019)", "Third more deprived decile (IMD2019)",
      "Fourth more deprived decile (IMD2019)", "Fifth more deprived decile (IMD2019)",
      "Fourth less deprived decile (IMD2019)", "Third less deprived decile (IMD2019)",
      "Second least deprived decile (IMD2019)",
    ]
    #expect(DeprivationQuantile.ranks(labels) == [10, 6, 1, 2, 3, 4, 5, 7, 8, 9])
  }

  @Test func quintilesAndNumbers() {
    #expect(
      DeprivationQuantile.ranks([
        "Most deprived quintile", "Second most deprived quintile", "Middle quintile", "Second least deprived quintile",
        "Least deprived quintile",
      ]) == [1, 2, 3, 4, 5])
    #expect(DeprivationQuantile.ranks(["Q3", "Q1", "Q2"]) == [3, 1, 2])
    #expect(DeprivationQuantile.ranks(["Decile 10", "decile 1"]) == [10, 1])
    #expect(DeprivationQuantile.ranks(["Male", "Female"]) == nil)
  }

  func read(_ csv: String) throws -> Observations {
    try Observations.read(try CSVReader.read(bytes: Array(csv.utf8), name: "i.csv").table, file: "i.csv")
  }

  /// Five quintiles of equal population with values rising by 2: ridit ranks 0.1 … 0.9, so the
  /// weighted regression line has slope 2 / 0.2 = 10 (SII 10) and intercept 10 − 0.1 × 10 = 9,
  /// RII (9 + 10) / 9 = 2.111…. Range 8, ratio 18 / 10 = 1.8.
  @Test func siiAcrossDeprivationQuintiles() throws {
    let o = try read(
      """
      indicator_id,area_code,period,quintile,value,lower_ci,upper_ci
      X,E1,2022,Least deprived quintile,18,17,19
      X,E1,2022,Most deprived quintile,10,9,11
      X,E1,2022,Second most deprived quintile,12,11,13
      X,E1,2022,Middle quintile,14,13,15
      X,E1,2022,Second least deprived quintile,16,15,17

      """)
    let results = try o.inequality(across: .breakdown("quintile"), repetitions: 4_000)
    let r = try #require(results.first)
    #expect(results.count == 1 && r.groups == 5)
    #expect(r.measures.range == 8 && r.measures.ratio == 1.8)
    #expect(abs((r.sii?.sii ?? 0) - 10) < 1e-12)
    #expect(abs((r.sii?.rii ?? 0) - 19.0 / 9) < 1e-12)
    // Every standard error is 1 / 1.959964; SII = Σ cᵢyᵢ with cᵢ = aᵢ(bᵢ − b̄)/Σaⱼ(bⱼ − b̄)²,
    // aᵢ = 0.2, bᵢ − b̄ = (−0.4, −0.2, 0, 0.2, 0.4), Σaⱼ(bⱼ − b̄)² = 0.2 × 0.4 = 0.08, so
    // c = (−1, −0.5, 0, 0.5, 1) and the 95% limits are 10 ± 1.959964 × √2.5 / 1.959964 =
    // 10 ± 1.5811. With 4,000 draws the limits' Monte Carlo error is about 0.034.
    let i = try #require(r.siiInterval)
    #expect(abs(i.lower - (10 - 2.5.squareRoot())) < 0.15)
    #expect(abs(i.upper - (10 + 2.5.squareRoot())) < 0.15)
  }

  @Test func acrossAreasLeavesAggregatesOutAndWeightsByDenominator() throws {
    let o = try read(
      """
      indicator_id,area_code,area_type,period,value,denominator
      X,A,country,2022,10,100
      X,B,country,2022,30,300
      X,W,aggregate,2022,25,400

      """)
    let r = try #require(try o.inequality(across: .areas).first { $0.fixed.first?.1 == "country" })
    #expect(r.groups == 2 && r.weighted)
    // Weighted mean (10 × 100 + 30 × 300) / 400 = 25.
    #expect(r.measures.mean == 25)
    #expect(try o.inequality(across: .areas).count == 1)  // the lone aggregate is no group
  }

  /// Without the groups listed (`members: false`, what `backbone inequality` asks for), the
  /// measures are the same; the groups are a value per row of the export. Quintile labels
  /// and a Persons total (not a group), worked as in the test above.
  @Test func measuresWithoutMembersAreTheSame() throws {
    let o = try read(
      """
      indicator_id,area_code,area_type,quintile,period,value,lower_ci,upper_ci,denominator
      X,A,country,Q1,2022,10,9,11,100
      X,A,country,Q2,2022,12,11,13,100
      X,A,country,Q3,2022,15,14,16,100
      X,A,country,Persons,2022,13,12,14,300
      X,B,country,Q1,2022,20,19,21,50
      X,B,country,Q2,2022,26,25,27,50

      """)
    for dimension in [InequalityDimension.areas, .breakdown("quintile")] {
      let full = try o.inequality(across: dimension, repetitions: 200)
      let bare = try o.inequality(across: dimension, repetitions: 200, members: false)
      #expect(full.count == bare.count && !full.isEmpty)
      #expect(full.allSatisfy { !$0.members.isEmpty } && bare.allSatisfy { $0.members.isEmpty })
      for (a, b) in zip(full, bare) {
        var withoutMembers = a
        withoutMembers.members = []
        #expect(withoutMembers == b)
      }
    }
    // Across quintiles in area A: 10, 12 and 15 (Persons is the total, not a group).
    let a = try #require(try o.inequality(across: .breakdown("quintile"), members: false).first { $0.fixed.first?.1 == "A" })
    #expect(a.groups == 3 && a.minimum == 10 && a.maximum == 15)
  }

  /// WHO GHO codes its breakdowns: `SEX_BTSX` (both sexes) is the total, not a third group
  /// beside `SEX_MLE` and `SEX_FMLE` (WHO GHO's dimension codes, as in the HDX exports in
  /// ../shared/fixtures-real/who-gho-hdx).
  @Test func whoBothSexesIsTheTotal() throws {
    #expect(DeprivationQuantile.isTotal("SEX_BTSX") && DeprivationQuantile.isTotal("BTSX"))
    #expect(!DeprivationQuantile.isTotal("SEX_MLE") && !DeprivationQuantile.isTotal("SEX_FMLE"))
    let o = try read(
      """
      indicator_id,area_code,sex,period,value
      X,HTI,SEX_BTSX,2020,60
      X,HTI,SEX_MLE,2020,65
      X,HTI,SEX_FMLE,2020,55

      """)
    let r = try #require(try o.inequality(across: .breakdown("sex")).first)
    // Two groups, 55 and 65: range 10.
    #expect(r.groups == 2 && r.minimum == 55 && r.maximum == 65)
  }

  @Test func unknownBreakdownIsAnError() throws {
    let o = try read("indicator_id,area_code,period,value\nX,A,2022,1\nX,B,2022,2\n")
    #expect(throws: IndicatorError.self) { try o.inequality(across: .breakdown("sex")) }
  }
}
