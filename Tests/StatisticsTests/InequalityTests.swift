import BackboneTestSupport
import Testing

@testable import Statistics

@Suite("Inequality measures, SII and quantiles")
struct InequalityTests {
  /// PySAL `inequality` and SciPy (Fixtures/generate_inequality.py; versions in the provenance
  /// line), unweighted and, for integer weights, on the replicated sample; relative 1e-12.
  @Test func matchesPySALAndSciPy() throws {
    let cases = try CSVFixture.local("inequality_cases.csv")
    let expected = try CSVFixture.local("inequality_expected.csv")
    #expect(expected.comments.first?.contains("PySAL") == true)
    #expect(expected.rows.count == 5)
    for row in expected.rows {
      let name = expected.text(row, "case")
      let rows = cases.rows.filter { cases.text($0, "case") == name }
      let values = rows.map { cases.number($0, "value") }
      let weights = rows.map { cases.number($0, "weight") }
      let measures = inequalityMeasures(
        values, weights: weights.allSatisfy(\.isNaN) ? nil : weights)
      let checks: [(String, Double)] = [
        ("gini", measures.gini), ("theil", measures.theilIndex),
        ("mean_log_deviation", measures.meanLogDeviation),
        ("coefficient_of_variation", measures.coefficientOfVariation),
      ]
      for (column, value) in checks {
        let want = expected.number(row, column)
        #expect(isClose(value, want, relative: 1e-12), "\(name) \(column): \(value) vs \(want)")
      }
      #expect(
        giniCoefficient(values, weights: weights.allSatisfy(\.isNaN) ? nil : weights)
          == measures.gini)
    }
  }

  /// Hand-worked on 1, 2, 3, 4, 10: mean 4, range 9, ratio 10; index of disparity against the
  /// mean (3 + 2 + 1 + 0 + 6)/5/4 = 0.6, against the best value 1: (0 + 1 + 2 + 3 + 9)/5/1 = 3.
  @Test func rangeRatioAndDisparity() {
    let measures = inequalityMeasures([1, 2, 3, 4, 10])
    #expect(measures.mean == 4 && measures.range == 9 && measures.ratio == 10)
    #expect(isClose(measures.indexOfDisparity, 0.6, relative: 1e-15))
    #expect(
      isClose(
        inequalityMeasures([1, 2, 3, 4, 10], reference: 1).indexOfDisparity, 3, relative: 1e-15))
    // Weighted mean with weights 1, 1, 1, 1, 4: (1 + 2 + 3 + 4 + 40)/8 = 6.25.
    #expect(inequalityMeasures([1, 2, 3, 4, 10], weights: [1, 1, 1, 1, 4]).mean == 6.25)
  }

  /// Properties: every relative measure is unchanged by scaling all values by c > 0, and by
  /// scaling all weights; seeded random groups.
  @Test func scaleInvariance() {
    let seed = propertySeed("scaleInvariance", default: 0x61A1_0001)
    var generator = SeededGenerator(seed: seed)
    for trial in 0..<100 {
      let n = Int.random(in: 1...30, using: &generator)
      let x = (0..<n).map { _ in Double.random(in: 0.1...500, using: &generator) }
      let w = (0..<n).map { _ in Double.random(in: 0.5...1e4, using: &generator) }
      let c = Double.random(in: 1e-3...1e3, using: &generator)
      let base = inequalityMeasures(x, weights: w)
      let scaled = inequalityMeasures(x.map { $0 * c }, weights: w)
      let reweighted = inequalityMeasures(x, weights: w.map { $0 * c })
      let context = "seed \(seed) trial \(trial)"
      for other in [scaled, reweighted] {
        #expect(isClose(other.gini, base.gini, relative: 1e-9, absolute: 1e-12), "\(context)")
        #expect(
          isClose(other.theilIndex, base.theilIndex, relative: 1e-9, absolute: 1e-12), "\(context)")
        #expect(
          isClose(other.meanLogDeviation, base.meanLogDeviation, relative: 1e-9, absolute: 1e-12),
          "\(context)")
        #expect(
          isClose(
            other.coefficientOfVariation, base.coefficientOfVariation, relative: 1e-9,
            absolute: 1e-12), "\(context)")
        #expect(isClose(other.ratio, base.ratio, relative: 1e-12), "\(context)")
        #expect(
          isClose(other.indexOfDisparity, base.indexOfDisparity, relative: 1e-9, absolute: 1e-12),
          "\(context)")
      }
      #expect(
        isClose(
          giniCoefficient(x.map { $0 * c }), giniCoefficient(x), relative: 1e-9, absolute: 1e-12))
    }
  }

  @Test func edgeCases() {
    let empty = inequalityMeasures([])
    #expect(empty.count == 0 && empty.gini.isNaN && empty.range.isNaN)
    let one = inequalityMeasures([5])
    #expect(one.range == 0 && one.ratio == 1 && one.gini == 0 && one.theilIndex == 0)
    #expect(one.meanLogDeviation == 0 && one.coefficientOfVariation == 0)
    let constant = inequalityMeasures([0.3, 0.3, 0.3, 0.3], weights: [1, 5, 2, 9])
    #expect(constant.gini == 0 && constant.theilIndex == 0 && constant.coefficientOfVariation == 0)
    let missing = inequalityMeasures([1, .nan, 3], weights: [1, 1, .nan])
    #expect(missing.count == 1)
    let withZero = inequalityMeasures([0, 2, 4])
    #expect(withZero.ratio == .infinity && withZero.meanLogDeviation == .infinity)
    // Theil with a zero value: 0·log 0 = 0, so T = (1/3)(1·log 1 + 2·log 2) with μ = 2.
    #expect(isClose(withZero.theilIndex, 2 * 0.6931471805599453 / 3, relative: 1e-15))
    #expect(inequalityMeasures([-1, 2, 4]).theilIndex.isNaN)
    #expect(inequalityMeasures([1, 2], weights: [-1, 2]).gini.isNaN)
    #expect(giniCoefficient([0, 0, 0]).isNaN)
  }

  /// testdata_SII (PHEindicatormethods, read in place): point estimates (SII, RII, intercept)
  /// for every block that has them, with the transform and multiplier its description names.
  /// The CIs there are Monte Carlo and not computed. Relative 1e-10.
  @Test func slopeIndexMatchesPHE() throws {
    guard let path = Shared.path("oracles/phe/testdata_SII__testdata_SII.csv") else {
      print(Shared.missingMessage)
      return
    }
    let data = try CSVFixture(path: path)
    var blocks: [String: [[String]]] = [:]
    for row in data.rows {
      blocks[data.text(row, "TestDescription") + "|" + data.text(row, "Area"), default: []].append(
        row)
    }
    var checked = 0
    for (key, rows) in blocks.sorted(by: { $0.key < $1.key }) {
      let description = String(key.split(separator: "|")[0])
      let ordered = rows.sorted { data.number($0, "Quantile") < data.number($1, "Quantile") }
      let expectedSII = data.number(ordered[0], "sii")
      guard !expectedSII.isNaN else { continue }
      let populations = ordered.map { data.number($0, "Population") }
      let values = ordered.map { row in
        let value = data.number(row, "Value")
        return value.isNaN ? data.number(row, "Count") / data.number(row, "Population") : value
      }
      let transform: SlopeIndexTransform =
        description.contains("logit transform")
        ? .logit : description.contains("log transform") ? .log : .none
      let multiplier: Double =
        description.contains("x -100")
        ? -100
        : description.contains("x 100")
          ? 100
          : description.contains("negative multiplier") ? -1 : 1
      let result = slopeIndexOfInequality(
        values: values, populations: populations, transform: transform, multiplier: multiplier)
      #expect(isClose(result.sii, expectedSII, relative: 1e-10), "\(key): \(result.sii)")
      let expectedRII = data.number(ordered[0], "rii")
      if !expectedRII.isNaN {
        #expect(isClose(result.rii, expectedRII, relative: 1e-10), "\(key): \(result.rii)")
      }
      let expectedIntercept = data.number(ordered[0], "Intercept")
      if !expectedIntercept.isNaN {
        #expect(isClose(result.intercept, expectedIntercept, relative: 1e-10), "\(key)")
      }
      checked += 1
    }
    #expect(checked == 44)  // 22 descriptions with point estimates × 2 areas
  }

  /// Hand-worked SII: two equal groups with values 10 and 20 have ridit ranks ¼ and ¾; the line
  /// through (¼, 10) and (¾, 20) has slope 20 and intercept 5, so SII = 20 and RII = 25/5 = 5.
  @Test func slopeIndexHandWorked() {
    let result = slopeIndexOfInequality(values: [10, 20], populations: [500, 500])
    #expect(result.ranks == [0.25, 0.75])
    #expect(isClose(result.sii, 20, relative: 1e-14) && isClose(result.rii, 5, relative: 1e-14))
    #expect(isClose(result.intercept, 5, relative: 1e-14))
    #expect(slopeIndexOfInequality(values: [1], populations: [10]).sii.isNaN)
    #expect(slopeIndexOfInequality(values: [1, 2], populations: [10, 0]).sii.isNaN)
    #expect(
      slopeIndexOfInequality(values: [0.5, 1.2], populations: [1, 1], transform: .logit).sii.isNaN)
  }

  /// testdata_Quantiles (PHEindicatormethods): deciles within region and indicator
  /// (GroupSet IndSexReg, invert from Polarity), septiles within indicator (IndSex), quartiles
  /// over all rows (None, invert TRUE). Rows of the BadPolarity test are an error case upstream
  /// and skipped. Exact equality of the group numbers.
  @Test func quantileAssignmentsMatchPHE() throws {
    guard let path = Shared.path("oracles/phe/testdata_Quantiles__testdata_Quantiles.csv") else {
      print(Shared.missingMessage)
      return
    }
    let data = try CSVFixture(path: path)
    let usable = data.rows.filter { data.text($0, "Test") != "BadPolarity" }
    let setups: [(set: String, count: Int, key: ([String]) -> String)] = [
      ("IndSexReg", 10, { data.text($0, "IndSexRef") + data.text($0, "ParentCode") }),
      ("IndSex", 7, { _ in "all" }),
      ("None", 4, { _ in "all" }),
    ]
    var checked = 0
    for setup in setups {
      var groups: [String: [[String]]] = [:]
      for row in usable where data.text(row, "GroupSet") == setup.set {
        groups[setup.key(row), default: []].append(row)
      }
      for rows in groups.values {
        let polarity = data.text(rows[0], "Polarity")
        let invert = setup.set == "None" || polarity == "RAG - Low is good" || polarity == "True"
        let assigned = quantileAssignments(
          rows.map { data.number($0, "Value") }, quantileCount: setup.count,
          highestValuesInFirstQuantile: invert)
        for (row, group) in zip(rows, assigned) {
          let want = data.number(row, "QuantileInGrp")
          #expect(group.map(Double.init) == (want.isNaN ? nil : want), "\(row)")
          checked += 1
        }
      }
    }
    #expect(checked == 982)
  }

  /// /work/shared/oracles/fingertips/quintile_bounds_case.csv: quintile bounds of 1…50.
  @Test func fingertipsQuintileBounds() throws {
    guard let path = Shared.path("oracles/fingertips/quintile_bounds_case.csv") else {
      print(Shared.missingMessage)
      return
    }
    let data = try CSVFixture(path: path)
    let bounds = quantileBounds((1...50).map(Double.init), groupCount: 5)
    #expect(data.rows.count == 6 && bounds.count == 6)
    for row in data.rows {
      let index = Int(data.number(row, "bound_index"))
      #expect(isClose(bounds[index], data.number(row, "expected_bound"), relative: 1e-14))
    }
  }

  /// Type 7 by hand: for 3, 1, 2, 4 (sorted 1, 2, 3, 4), p = 0.5 gives h = 1.5, 2 + 0.5·1 = 2.5;
  /// p = 0.1 gives h = 0.3, 1 + 0.3 = 1.3. Ties and edges of the PHE rule by hand: 10 values
  /// 1…10 into 5 groups, highest first: rank r of value v is 11 − v, group
  /// ⌊6 − ⌈(11 − r)/2⌉⌋ = ⌊6 − ⌈v/2⌉⌋, so 10, 9 → 1 and 2, 1 → 5.
  @Test func quantilesHandWorked() {
    #expect(linearQuantile([3, 1, .nan, 2, 4], probability: 0.5) == 2.5)
    #expect(isClose(linearQuantile([3, 1, 2, 4], probability: 0.1), 1.3, relative: 1e-15))
    #expect(linearQuantile([], probability: 0.5).isNaN)
    let groups = quantileAssignments(
      (1...10).map(Double.init), quantileCount: 5, highestValuesInFirstQuantile: true)
    #expect(groups == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
    #expect(
      quantileAssignments([1, 2, .nan], quantileCount: 3, highestValuesInFirstQuantile: false) == [
        nil, nil, nil,
      ])
    // Ties share the lowest rank: 5, 5, 5, 9 in 2 groups, ascending: ranks 1, 1, 1, 4; group
    // ⌊3 − ⌈(5 − r)/2⌉⌋ = 1 for r = 1 and 2 for r = 4.
    #expect(
      quantileAssignments([5, 5, 5, 9], quantileCount: 2, highestValuesInFirstQuantile: false) == [
        1, 1, 1, 2,
      ])
  }
}

/// The simulated SII interval against its analytic limit (the untransformed SII is linear in
/// the values, so SII ± z·√(Σcᵢ²sᵢ²) is exact for normal draws), and its repeatability.
@Suite struct SlopeIndexIntervalTests {
  /// Three groups with populations 1, 2, 1: shares 0.25, 0.5, 0.25, ridit ranks 0.125, 0.5,
  /// 0.875, weighted mean rank 0.5, Σaᵢ(bᵢ − 0.5)² = 2 × 0.25 × 0.140625 = 0.0703125, so
  /// c = (−0.09375, 0, 0.09375)/0.0703125 = (−4/3, 0, 4/3). Standard errors 1, 2, 3 (limits
  /// ± 1.959964 × sᵢ): Var(SII) = 16/9 × (1 + 9) = 160/9, SD 4.2164.
  @Test func matchesTheAnalyticInterval() {
    let z = normalCriticalValue(confidenceLevel: 0.95)
    let values = [5.0, 7.0, 11.0]
    let se = [1.0, 2.0, 3.0]
    let i = slopeIndexOfInequalityInterval(
      values: values, lowers: zip(values, se).map { $0 - z * $1 }, uppers: zip(values, se).map { $0 + z * $1 },
      populations: [1, 2, 1], repetitions: 40_000, seed: 7)
    let sii = slopeIndexOfInequality(values: values, populations: [1, 2, 1]).sii
    #expect(abs(sii - 4 / 3.0 * 6) < 1e-12)
    let half = z * (160.0 / 9).squareRoot()
    // Monte Carlo error of the 2.5% and 97.5% quantiles with 40,000 draws: about 0.06.
    #expect(abs(i.lower - (sii - half)) < 0.25)
    #expect(abs(i.upper - (sii + half)) < 0.25)
  }

  @Test func sameSeedSameInterval() {
    let a = slopeIndexOfInequalityInterval(
      values: [1, 2, 4], lowers: [0, 1, 3], uppers: [2, 3, 5], populations: [1, 1, 1], seed: 42)
    let b = slopeIndexOfInequalityInterval(
      values: [1, 2, 4], lowers: [0, 1, 3], uppers: [2, 3, 5], populations: [1, 1, 1], seed: 42)
    #expect(a == b)
    // Ranks 1/6, 1/2, 5/6 and values 1, 2, 4: slope Σ(b − b̄)(y − ȳ)/Σ(b − b̄)² = 1 / (2/9) = 4.5.
    #expect(a.lower < 4.5 && a.upper > 4.5)
  }
}
