public import Columnar
public import Statistics

/// Across what inequality is measured.
public enum InequalityDimension: Sendable, Equatable {
  /// Across areas of one area type (aggregates such as `WLD` or OWID regions left out).
  case areas
  /// Across the values of a breakdown column (`sex`, `category` holding deprivation deciles).
  case breakdown(String)
}

/// Inequality of one indicator in one period across areas or groups.
public struct InequalityResult: Sendable, Equatable {
  public var indicator: String
  public var period: String
  /// The key that holds the group fixed: area type, or area and area type, and the other
  /// breakdowns (name, value).
  public var fixed: [(String, String?)]
  public var groups: Int
  /// Whether the measures are weighted by the denominators (every group has one).
  public var weighted: Bool
  public var minimum: Double
  public var maximum: Double
  public var measures: InequalityMeasures
  /// The best group's value by polarity (maximum when higher is better, minimum when lower is
  /// better); `nil` with no judgement.
  public var best: Double?
  /// The (weighted) mean absolute difference from the best group: Σ pᵢ|best − xᵢ|.
  public var meanDifferenceFromBest: Double?
  /// SII and RII when the groups are deprivation quantiles (most deprived first).
  public var sii: SlopeIndexOfInequality?
  public var siiInterval: ConfidenceInterval?
  /// The groups compared: deprivation quantiles from most to least deprived, otherwise in
  /// the order of the data.
  public var members: [InequalityMember] = []

  public static func == (a: Self, b: Self) -> Bool {
    a.indicator == b.indicator && a.period == b.period && a.fixed.map(\.0) == b.fixed.map(\.0)
      && a.fixed.map(\.1) == b.fixed.map(\.1) && a.groups == b.groups && a.measures == b.measures && a.sii == b.sii
  }
}

/// One area or group in an inequality comparison.
public struct InequalityMember: Sendable, Equatable {
  /// The area code or the breakdown's value.
  public var label: String
  public var value: Double
  public var lower: Double?
  public var upper: Double?
  /// The denominator (population) that weights the group, when every group has one.
  public var weight: Double?
}

/// The order of deprivation quantile labels, most deprived first.
public enum DeprivationQuantile {
  static let decileWords = [
    "most deprived", "second most deprived", "third more deprived", "fourth more deprived", "fifth more deprived",
    "fifth less deprived", "fourth less deprived", "third less deprived", "second least deprived", "least deprived",
  ]
  static let quintileWords = ["most deprived", "second most deprived", "middle", "second least deprived", "least deprived"]

  /// Whether a breakdown's name says it holds deprivation quantiles (`category`, `decile`,
  /// `imd_quintile`, `deprivation` …).
  static func nameSaysQuantile(_ name: String) -> Bool {
    let n = name.lowercased()
    return ["categ", "decile", "quintile", "quartile", "imd", "depriv", "simd", "wimd"].contains { n.contains($0) }
  }

  /// Labels that stand for everyone rather than a group: Fingertips' `Persons` and `All ages`,
  /// SDMX's `_T`, `Total`, `All`, `Both sexes`, and the WHO GHO code for both sexes,
  /// `SEX_BTSX` (`BTSX`). Inequality across groups leaves them out.
  public static func isTotal(_ label: String?) -> Bool {
    guard let l = label?.lowercased().trimmingSpaces else { return false }
    return ["persons", "all ages", "all", "total", "_t", "both sexes", "all persons", "t", "sex_btsx", "btsx"].contains(l)
  }

  /// The rank (1 = most deprived) of each label, when every label is a deprivation quantile
  /// of one scheme: Fingertips' decile and quintile names ("Most deprived decile (IMD2019)",
  /// "Fifth less deprived decile", "Middle quintile"), or numbers 1…k ("1", "Q1", "Decile 3",
  /// "Quintile 5"), where 1 is the most deprived, as in the English Indices of Deprivation.
  /// `nil` when any label is not.
  public static func ranks(_ labels: [String], nameSaysQuantile: Bool = true) -> [Int]? {
    let cleaned = labels.map { label -> String in
      var s = label.lowercased()
      if let open = s.firstIndex(of: "(") { s = String(s[..<open]) }
      return s.trimmingSpaces
    }
    if cleaned.allSatisfy({ $0.hasSuffix("decile") }) {
      let words = cleaned.map { String($0.dropLast("decile".count)).trimmingSpaces }
      let r = words.map { decileWords.firstIndex(of: $0).map { $0 + 1 } }
      if r.allSatisfy({ $0 != nil }) { return r.compactMap { $0 } }
    }
    if cleaned.allSatisfy({ $0.hasSuffix("quintile") }) {
      let words = cleaned.map { String($0.dropLast("quintile".count)).trimmingSpaces }
      let r = words.map { w in quintileWords.firstIndex(of: w == "third" ? "middle" : w).map { $0 + 1 } }
      if r.allSatisfy({ $0 != nil }) { return r.compactMap { $0 } }
    }
    // Bare numbers are quantiles only as a whole scheme 1…k (k of 4, 5 or 10) under a
    // breakdown whose name says so; `Q1` and `Decile 1` forms say it themselves.
    let prefixed = cleaned.allSatisfy { $0.hasPrefix("q") || $0.hasPrefix("d") }
    guard prefixed || nameSaysQuantile else { return nil }
    let numbers = cleaned.map { s -> Int? in
      var t = Substring(s)
      for prefix in ["decile", "quintile", "quartile", "q", "d"] where t.hasPrefix(prefix) {
        t = t.dropFirst(prefix.count)
        break
      }
      // "1 - most deprived", "5 – least deprived": the number before a dash.
      if let dash = t.firstIndex(where: { $0 == "-" || $0 == "–" }), dash != t.startIndex {
        let rest = String(t[t.index(after: dash)...]).trimmingSpaces
        if rest.isEmpty || rest.hasPrefix("most") || rest.hasPrefix("least") { t = t[..<dash] }
      }
      return Int(String(t).trimmingSpaces)
    }
    let found = numbers.compactMap { $0 }
    guard found.count == numbers.count, let k = found.max(), [4, 5, 10].contains(k) || prefixed,
      Set(found) == Set(1...max(k, 1)) || prefixed, found.allSatisfy({ $0 >= 1 && $0 <= 100 })
    else { return nil }
    return found
  }
}

extension Observations {
  /// Inequality of every indicator in every period across areas (of one area type) or across
  /// the values of a breakdown.
  ///
  /// Groups with fewer than two values are left out. Measures are weighted by the
  /// denominators when every group has one (population shares), unweighted otherwise. When the
  /// groups are deprivation quantiles, SII and RII (PHE `phe_sii` method) are added, with an
  /// interval by simulation when every group has a confidence interval (see
  /// `slopeIndexOfInequalityInterval`, seeded so that runs repeat).
  /// - Parameters:
  ///   - dimension: across areas or a breakdown.
  ///   - definitions: for polarity (the best group) and the SII's direction.
  ///   - repetitions: simulations for the SII interval.
  ///   - members: whether each result lists its groups (``InequalityResult/members``, which
  ///     reports show); a table of the measures alone does not need them, and for a large
  ///     export they are a value per row.
  /// - Complexity: O(n log n) to group, O(n) for the measures, plus repetitions × groups for
  ///   SII intervals.
  public func inequality(
    across dimension: InequalityDimension, definitions: DefinitionMatch? = nil, repetitions: Int = 10_000,
    members keepMembers: Bool = true
  ) throws(IndicatorError) -> [InequalityResult] {
    var keyNames = [CanonicalColumn.indicatorID, CanonicalColumn.period, CanonicalColumn.areaType]
    switch dimension {
    case .areas:
      keyNames += breakdowns
    case .breakdown(let name):
      guard breakdowns.contains(name) else {
        throw IndicatorError(
          .missingColumn, file: file, message: "there is no breakdown \(IndicatorError.quoted(name)) to measure inequality across",
          expected: breakdowns.isEmpty ? "this file has no breakdowns; use --by area" : "one of \(breakdowns.joined(separator: ", ")), or area",
          hint: "breakdown names are the canonical ones inspect lists (category, sex, age, ...)")
      }
      keyNames.insert(CanonicalColumn.areaCode, at: 2)
      keyNames += breakdowns.filter { $0 != name }
    }
    let keys = keyNames.map { column($0).asText() }
    let groups = SeriesGrouping.groups(keys, rowCount: count)
    let value = column(CanonicalColumn.value)
    let lower = column(CanonicalColumn.lowerCI), upper = column(CanonicalColumn.upperCI)
    let denominators = column(CanonicalColumn.denominator).asFloat().column
    let areaType = column(CanonicalColumn.areaType).asText()
    let member: Column
    switch dimension {
    case .areas: member = column(CanonicalColumn.areaCode).asText()
    case .breakdown(let name): member = column(name).asText()
    }
    guard case .float(let values) = value.values, case .float(let lowers) = lower.values,
      case .float(let uppers) = upper.values, case .float(let dens) = denominators.values
    else { preconditionFailure("canonical numbers are floats") }
    // Text read through each column's dictionary: a string per distinct value, not per row.
    func strings(_ c: Column) -> (codes: [UInt32], strings: [String]) {
      guard case .text(let codes, let d) = c.values else { return ([], []) }
      return (codes, d.strings)
    }
    let memberText = strings(member), areaTypeText = strings(areaType)
    let keyTexts = keys.map(strings)
    func text(_ c: (codes: [UInt32], strings: [String]), _ column: Column, _ r: Int) -> String? {
      column.isValid(r) ? c.strings[Int(c.codes[r])] : nil
    }
    // Which rows are groups, decided once per distinct value: areas of an "aggregate" type are
    // not; rows without a value of the breakdown, or with its total, are the whole population.
    let aggregate = areaTypeText.strings.map { $0 == "aggregate" }
    var notMember: [Bool] = []
    if case .breakdown = dimension { notMember = memberText.strings.map { $0.isEmpty || DeprivationQuantile.isTotal($0) } }
    var out: [InequalityResult] = []
    for g in groups.ranges.indices {
      let rows = groups.rows(g).filter { r in
        guard value.isValid(r) && values[r].isFinite else { return false }
        switch dimension {
        case .areas: return !areaType.isValid(r) || !aggregate[Int(areaTypeText.codes[r])]
        case .breakdown: return member.isValid(r) && !notMember[Int(memberText.codes[r])]
        }
      }
      guard rows.count >= 2, let first = rows.first else { continue }
      let xs = rows.map { values[$0] }
      let weighted = rows.allSatisfy { denominators.isValid($0) && dens[$0] > 0 }
      let weights = weighted ? rows.map { dens[$0] } : nil
      let indicator = text(keyTexts[0], keys[0], first) ?? ""
      let polarity = definitions?.polarity(of: indicator) ?? .noJudgement
      let measures = inequalityMeasures(xs, weights: weights)
      var result = InequalityResult(
        indicator: indicator, period: text(keyTexts[1], keys[1], first) ?? "",
        fixed: keyNames.indices.dropFirst(2).map { (keyNames[$0], text(keyTexts[$0], keys[$0], first)) }, groups: xs.count,
        weighted: weighted, minimum: xs.min() ?? .nan, maximum: xs.max() ?? .nan, measures: measures)
      if polarity != .noJudgement {
        let best = polarity == .higherIsBetter ? result.maximum : result.minimum
        result.best = best
        let total = weights?.reduce(0, +) ?? Double(xs.count)
        result.meanDifferenceFromBest =
          zip(xs, weights ?? Array(repeating: 1, count: xs.count)).reduce(0) { $0 + $1.1 * abs(best - $1.0) } / total
      }
      var labels: [String] = []
      if case .breakdown = dimension { labels = rows.map { text(memberText, member, $0) ?? "" } }
      func members(_ order: [Int]) -> [InequalityMember] {
        order.map { r in
          InequalityMember(
            label: text(memberText, member, r) ?? "", value: values[r], lower: lower.isValid(r) ? lowers[r] : nil,
            upper: upper.isValid(r) ? uppers[r] : nil, weight: weighted ? dens[r] : nil)
        }
      }
      if keepMembers { result.members = members(rows) }
      if case .breakdown(let name) = dimension,
        let ranks = DeprivationQuantile.ranks(labels, nameSaysQuantile: DeprivationQuantile.nameSaysQuantile(name)),
        Set(ranks).count == ranks.count
      {
        let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
        let ordered = order.map { rows[$0] }
        if keepMembers { result.members = members(ordered) }
        let ys = ordered.map { values[$0] }
        let populations = weighted ? ordered.map { dens[$0] } : Array(repeating: 1.0, count: ordered.count)
        result.sii = slopeIndexOfInequality(values: ys, populations: populations)
        let haveIntervals = ordered.allSatisfy { lower.isValid($0) && upper.isValid($0) }
        if haveIntervals {
          result.siiInterval = slopeIndexOfInequalityInterval(
            values: ys, lowers: ordered.map { lowers[$0] }, uppers: ordered.map { uppers[$0] }, populations: populations,
            repetitions: repetitions, seed: 20_240_917)
        }
      }
      out.append(result)
    }
    return out
  }
}

extension Array where Element == InequalityResult {
  /// The results as a table, one row per indicator, period and fixed key.
  public func table() -> Table {
    var b = AnalysisTable.Builder(count: count)
    b.text("indicator_id", map(\.indicator))
    b.text("period", map(\.period))
    let fixedNames = first?.fixed.map(\.0) ?? []
    for (k, name) in fixedNames.enumerated() { b.text(name, map { $0.fixed.count > k ? $0.fixed[k].1 : nil }) }
    b.integer("groups", map(\.groups))
    b.text("weighted", map { $0.weighted ? "yes" : "no" })
    b.number("mean", map(\.measures.mean))
    b.number("min", map(\.minimum))
    b.number("max", map(\.maximum))
    b.number("range", map(\.measures.range))
    b.number("ratio", map(\.measures.ratio))
    b.number("best", map(\.best))
    b.number("mean_difference_from_best", map(\.meanDifferenceFromBest))
    b.number("gini", map(\.measures.gini))
    b.number("coefficient_of_variation", map(\.measures.coefficientOfVariation))
    b.number("index_of_disparity", map(\.measures.indexOfDisparity))
    b.number("theil", map(\.measures.theilIndex))
    b.number("mean_log_deviation", map(\.measures.meanLogDeviation))
    b.number("sii", map { $0.sii?.sii })
    b.number("sii_lower", map { $0.siiInterval?.lower })
    b.number("sii_upper", map { $0.siiInterval?.upper })
    b.number("rii", map { $0.sii?.rii })
    return b.table()
  }
}
