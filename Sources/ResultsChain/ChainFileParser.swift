import Indicators
import Yams

/// Reads the text of one chain file into a ``ResultsChain``, collecting every problem of shape
/// with the file, line and column of the node at fault. Checks across the chain (ids, links,
/// cycles, levels) are made afterwards by ``ChainValidator``.
///
/// The file shape is documented for users in `indicators/chains/README.md`.
struct ChainFileParser {
  var reader: YAMLReader

  init(file: String) {
    reader = YAMLReader(file: file)
  }

  var problems: [ChainError] { reader.problems }

  // MARK: - Keys

  static let topKeys = [
    "name", "description", "levels", "area", "breakdown", "indicators", "steps", "assumptions", "risks", "equity",
    "assessment",
  ]
  static let stepKeys = ["id", "level", "statement", "indicators", "leads-to"]
  static let referenceKeys = ["id", "area", "breakdown", "expect"]
  static let assumptionKeys = ["id", "statement", "concerns", "indicators"]
  static let riskKeys = ["id", "statement", "threatens", "indicators"]
  static let localKeys = ["id", "title", "unit", "polarity", "target", "baseline-period", "notes", "source"]
  static let equityKeys = ["breakdown", "most-deprived", "reach-level"]
  static let assessmentKeys = [
    "significance-level", "minimum-count", "scores", "progress", "confidence", "contribution", "bayes",
  ]

  // MARK: - The file

  /// Parses one chain file's text.
  ///
  /// - Parameter text: The whole file, UTF-8.
  /// - Returns: The chain as written (entries with a problem are left out), or `nil` when the
  ///   file is not a mapping with steps.
  /// - Complexity: O(n) in the size of the text.
  mutating func chain(fromYAML text: String) -> ResultsChain? {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      reader.problems.append(reader.syntaxProblem(error))
      return nil
    }
    guard let root else {
      reader.problems.append(
        ChainError(
          .invalidChain, file: reader.file, message: "the file is empty", expected: "a mapping with name: and steps:"))
      return nil
    }
    guard case .mapping(let top) = root else {
      reader.problem(
        at: root, found: reader.describe(root), message: "the top level must be a mapping",
        expected: "a mapping with name: and steps:")
      return nil
    }
    let pairs = reader.pairs(top, allowed: Self.topKeys, within: "at the top level")
    let name = pairs["name"].flatMap { reader.text($0.value, key: $0.key, name: "name") }
    if pairs["name"] == nil {
      reader.problem(at: root, message: "the chain has no \"name\"", expected: "name: the chain's name, for headings")
    }
    let description = pairs["description"].flatMap { reader.text($0.value, key: $0.key, name: "description") }
    let levels = pairs["levels"].map { levelList($0.value, key: $0.key) } ?? ChainLevel.defaults
    let area = pairs["area"].flatMap { reader.text($0.value, key: $0.key, name: "area") }
    let breakdown = pairs["breakdown"].map { breakdownFilter($0.value, key: $0.key) } ?? [:]
    let defaults = ReferenceDefaults(area: area, breakdown: breakdown)
    let locals = pairs["indicators"].map { localIndicators($0.value, key: $0.key) } ?? []
    guard let (stepsKey, stepsNode) = pairs["steps"] else {
      reader.problem(
        at: root, message: "the chain has no \"steps\"",
        expected: "steps: a list of steps, each starting with \"- id:\"")
      return nil
    }
    let steps = reader.list(stepsNode, key: stepsKey, name: "steps", expected: "a list of steps")
      .compactMap { step($0, levels: levels, defaults: defaults) }
    let assumptions =
      (pairs["assumptions"].map {
        reader.list($0.value, key: $0.key, name: "assumptions", expected: "a list of assumptions")
      } ?? []).compactMap { assumption($0, defaults: defaults) }
    let risks =
      (pairs["risks"].map {
        reader.list($0.value, key: $0.key, name: "risks", expected: "a list of risks")
      } ?? []).compactMap { risk($0, defaults: defaults) }
    let equity = pairs["equity"].flatMap { equitySettings($0.value, key: $0.key, levels: levels) }
    let settings = pairs["assessment"].map { assessment($0.value, key: $0.key) } ?? AssessmentSettings()
    return ResultsChain(
      name: name ?? "", description: description, file: reader.file, levels: levels, steps: steps,
      assumptions: assumptions, risks: risks, localIndicators: locals, equity: equity, settings: settings)
  }

  // MARK: - Levels

  private mutating func levelList(_ node: Node, key: Node) -> [ChainLevel] {
    let items = reader.list(
      node, key: key, name: "levels", expected: "a list of levels, first (inputs) to last (outcomes)")
    var levels: [ChainLevel] = []
    for item in items {
      switch item {
      case .scalar:
        if let word = reader.text(item, key: item, name: "a level") { levels.append(ChainLevel(id: word, name: word)) }
      case .mapping(let m):
        let p = reader.pairs(m, allowed: ["id", "name"], within: "in a level")
        guard let (k, v) = p["id"] else {
          reader.problem(at: item, message: "a level has no \"id\"", expected: "id: the word steps use in level:")
          continue
        }
        guard let id = reader.text(v, key: k, name: "id") else { continue }
        let name = p["name"].flatMap { reader.text($0.value, key: $0.key, name: "name") } ?? id
        if levels.contains(where: { $0.id == id }) {
          reader.problem(
            .duplicateID, at: v, found: ChainError.quoted(id), message: "level \(ChainError.quoted(id)) appears twice")
          continue
        }
        levels.append(ChainLevel(id: id, name: name))
      default:
        reader.wrongType(key: item, value: item, name: "a level", expected: "a word, or a mapping with id: and name:")
      }
    }
    if levels.isEmpty {
      reader.problem(at: key, message: "\"levels\" is empty", expected: "at least one level")
      return ChainLevel.defaults
    }
    return levels
  }

  // MARK: - Steps

  private mutating func step(_ node: Node, levels: [ChainLevel], defaults: ReferenceDefaults) -> Step? {
    guard case .mapping(let m) = node else {
      reader.problem(
        at: node, found: reader.describe(node), message: "each step must be a mapping",
        expected: "keys id:, level:, statement: under \"- \"")
      return nil
    }
    let p = reader.pairs(m, allowed: Self.stepKeys, within: "in a step")
    let id = p["id"].flatMap { reader.text($0.value, key: $0.key, name: "id") }
    let label = id.map { "step \(ChainError.quoted($0))" } ?? "a step"
    for required in ["id", "level", "statement"] where p[required] == nil {
      reader.problem(at: node, message: "\(label) has no \"\(required)\"", expected: Self.describe(required))
    }
    var level: Int?
    if let (k, v) = p["level"], let word = reader.text(v, key: k, name: "level") {
      level = levels.firstIndex { $0.id == word }
      if level == nil {
        let ids = levels.map(\.id)
        reader.problem(
          .unknownLevel, at: v, found: ChainError.quoted(word),
          message: "\(label) is at unknown level \(ChainError.quoted(word))",
          expected: "one of \(ids.joined(separator: ", "))",
          hint: YAMLReader.suggestion(for: word, among: ids).map { "did you mean \"\($0)\"?" }
            ?? "the levels are the chain's levels: list, or the seven defaults")
      }
    }
    let statement = p["statement"].flatMap { reader.text($0.value, key: $0.key, name: "statement") }
    let indicators = p["indicators"].map { references($0.value, key: $0.key, defaults: defaults) } ?? []
    var leadsTo: [String] = []
    var leadsToLocations: [ChainLocation] = []
    if let (k, v) = p["leads-to"] {
      for item in reader.list(v, key: k, name: "leads-to", expected: "a list of step ids") {
        guard let target = reader.text(item, key: item, name: "a step id in leads-to") else { continue }
        leadsTo.append(target)
        leadsToLocations.append(reader.location(item))
      }
    }
    // A step at an unknown level is kept (at level -1, which the validator skips) so that the
    // steps leading to it are not also reported as leading to an unknown step.
    guard let id, let statement, let idNode = p["id"]?.value, p["level"] != nil else { return nil }
    return Step(
      id: id, level: level ?? -1, statement: statement, indicators: indicators, leadsTo: leadsTo,
      leadsToLocations: leadsToLocations, location: reader.location(idNode))
  }

  // MARK: - Indicator references

  struct ReferenceDefaults {
    var area: String?
    var breakdown: [String: String]
  }

  private mutating func references(_ node: Node, key: Node, defaults: ReferenceDefaults) -> [IndicatorReference] {
    reader.list(node, key: key, name: "indicators", expected: "a list of indicator ids, or mappings with id:")
      .compactMap { reference($0, defaults: defaults) }
  }

  private mutating func reference(_ node: Node, defaults: ReferenceDefaults) -> IndicatorReference? {
    switch node {
    case .scalar:
      guard let id = reader.text(node, key: node, name: "an indicator id") else { return nil }
      return IndicatorReference(
        id: id, area: defaults.area, breakdown: defaults.breakdown, location: reader.location(node))
    case .mapping(let m):
      let p = reader.pairs(m, allowed: Self.referenceKeys, within: "in an indicator reference")
      guard let (k, v) = p["id"] else {
        reader.problem(at: node, message: "an indicator reference has no \"id\"", expected: "id: the indicator's id")
        return nil
      }
      guard let id = reader.text(v, key: k, name: "id") else { return nil }
      let area = p["area"].flatMap { reader.text($0.value, key: $0.key, name: "area") } ?? defaults.area
      var breakdown = defaults.breakdown
      if let (bk, bv) = p["breakdown"] {
        breakdown.merge(breakdownFilter(bv, key: bk)) { _, new in new }
      }
      let expect = p["expect"].flatMap {
        reader.word($0.value, key: $0.key, name: "expect", allowed: Expectation.allCases.map(\.rawValue))
      }.flatMap(Expectation.init(rawValue:))
      return IndicatorReference(id: id, area: area, breakdown: breakdown, expect: expect, location: reader.location(v))
    default:
      reader.wrongType(key: node, value: node, name: "an indicator", expected: "an id, or a mapping with id:")
      return nil
    }
  }

  private mutating func breakdownFilter(_ node: Node, key: Node) -> [String: String] {
    guard
      let m = reader.mapping(
        node, key: key, name: "breakdown", expected: "a mapping of breakdown column to value, such as {sex: Persons}")
    else {
      return [:]
    }
    var out: [String: String] = [:]
    for (k, v) in m {
      guard let column = reader.text(k, key: k, name: "a breakdown column"),
        let value = reader.text(v, key: k, name: column)
      else { continue }
      out[column] = value
    }
    return out
  }

  // MARK: - Assumptions and risks

  private mutating func assumption(_ node: Node, defaults: ReferenceDefaults) -> Assumption? {
    guard case .mapping(let m) = node else {
      reader.problem(
        at: node, found: reader.describe(node), message: "each assumption must be a mapping",
        expected: "keys id:, statement:, concerns:")
      return nil
    }
    let p = reader.pairs(m, allowed: Self.assumptionKeys, within: "in an assumption")
    let id = p["id"].flatMap { reader.text($0.value, key: $0.key, name: "id") }
    let label = id.map { "assumption \(ChainError.quoted($0))" } ?? "an assumption"
    for required in ["id", "statement", "concerns"] where p[required] == nil {
      reader.problem(at: node, message: "\(label) has no \"\(required)\"", expected: Self.describe(required))
    }
    let statement = p["statement"].flatMap { reader.text($0.value, key: $0.key, name: "statement") }
    let concerns = p["concerns"].flatMap { concern($0.value, key: $0.key) }
    let indicators = p["indicators"].map { references($0.value, key: $0.key, defaults: defaults) } ?? []
    guard let id, let statement, let concerns, let idNode = p["id"]?.value else { return nil }
    return Assumption(
      id: id, statement: statement, concerns: concerns, indicators: indicators, location: reader.location(idNode))
  }

  /// `reach`, `reach -> knowledge` (or `→`), or `{from: reach, to: knowledge}`.
  private mutating func concern(_ node: Node, key: Node) -> Concern? {
    switch node {
    case .scalar:
      guard let text = reader.text(node, key: key, name: "concerns") else { return nil }
      for arrow in ["->", "→"] {
        let at = text.ranges(of: arrow)
        guard !at.isEmpty else { continue }
        let from = String(text[..<at[0].lowerBound]).trimmingSpaces
        let to = String(text[at[0].upperBound...]).trimmingSpaces
        guard at.count == 1, !from.isEmpty, !to.isEmpty else {
          reader.problem(
            at: node, found: ChainError.quoted(text), message: "\"concerns\" must name one step or one link",
            expected: "a step id, or a link written from -> to")
          return nil
        }
        return .link(from: from, to: to)
      }
      return .step(text)
    case .mapping(let m):
      let p = reader.pairs(m, allowed: ["from", "to"], within: "in concerns")
      guard let (fk, fv) = p["from"], let (tk, tv) = p["to"] else {
        reader.problem(
          at: node, message: "a link in \"concerns\" needs from: and to:", expected: "{from: a step id, to: a step id}")
        return nil
      }
      guard let from = reader.text(fv, key: fk, name: "from"), let to = reader.text(tv, key: tk, name: "to") else {
        return nil
      }
      return .link(from: from, to: to)
    default:
      reader.wrongType(key: key, value: node, name: "concerns", expected: "a step id, or a link written from -> to")
      return nil
    }
  }

  private mutating func risk(_ node: Node, defaults: ReferenceDefaults) -> Risk? {
    guard case .mapping(let m) = node else {
      reader.problem(
        at: node, found: reader.describe(node), message: "each risk must be a mapping",
        expected: "keys id:, statement:, threatens:")
      return nil
    }
    let p = reader.pairs(m, allowed: Self.riskKeys, within: "in a risk")
    let id = p["id"].flatMap { reader.text($0.value, key: $0.key, name: "id") }
    let label = id.map { "risk \(ChainError.quoted($0))" } ?? "a risk"
    for required in ["id", "statement", "threatens"] where p[required] == nil {
      reader.problem(at: node, message: "\(label) has no \"\(required)\"", expected: Self.describe(required))
    }
    let statement = p["statement"].flatMap { reader.text($0.value, key: $0.key, name: "statement") }
    var threatens: [String] = []
    var locations: [ChainLocation] = []
    if let (k, v) = p["threatens"] {
      for item in reader.list(v, key: k, name: "threatens", expected: "a list of step ids") {
        guard let s = reader.text(item, key: item, name: "a step id in threatens") else { continue }
        threatens.append(s)
        locations.append(reader.location(item))
      }
    }
    let indicators = p["indicators"].map { references($0.value, key: $0.key, defaults: defaults) } ?? []
    guard let id, let statement, !threatens.isEmpty, let idNode = p["id"]?.value else { return nil }
    return Risk(
      id: id, statement: statement, threatens: threatens, threatensLocations: locations, indicators: indicators,
      location: reader.location(idNode))
  }

  // MARK: - Local indicators

  private mutating func localIndicators(_ node: Node, key: Node) -> [LocalIndicator] {
    reader.list(node, key: key, name: "indicators", expected: "a list of local indicator definitions")
      .compactMap { local($0) }
  }

  private mutating func local(_ node: Node) -> LocalIndicator? {
    guard case .mapping(let m) = node else {
      reader.problem(
        at: node, found: reader.describe(node), message: "each local indicator must be a mapping",
        expected: "keys id:, title:, polarity:")
      return nil
    }
    let p = reader.pairs(m, allowed: Self.localKeys, within: "in a local indicator")
    let id = p["id"].flatMap { reader.text($0.value, key: $0.key, name: "id") }
    let label = id.map { "local indicator \(ChainError.quoted($0))" } ?? "a local indicator"
    for required in ["id", "title", "polarity"] where p[required] == nil {
      reader.problem(at: node, message: "\(label) has no \"\(required)\"", expected: Self.describe(required))
    }
    let title = p["title"].flatMap { reader.text($0.value, key: $0.key, name: "title") }
    let unit = p["unit"].flatMap { reader.text($0.value, key: $0.key, name: "unit") }
    let polarity = p["polarity"].flatMap {
      reader.word(
        $0.value, key: $0.key, name: "polarity", allowed: Polarity.allCases.map(\.rawValue),
        hint: "polarity says which direction is an improvement")
    }.flatMap(Polarity.init(rawValue:))
    let notes = p["notes"].flatMap { reader.text($0.value, key: $0.key, name: "notes") }
    let baseline = p["baseline-period"].flatMap { reader.text($0.value, key: $0.key, name: "baseline-period") }
    if let (k, v) = p["source"], case .scalar = v { _ = reader.text(v, key: k, name: "source") }
    var target: Target?
    if let (k, v) = p["target"],
      let tm = reader.mapping(v, key: k, name: "target", expected: "a mapping with value: and, optionally, period:")
    {
      let tp = reader.pairs(tm, allowed: ["value", "period"], within: "in target")
      if let (vk, vv) = tp["value"] {
        if let value = reader.number(vv, key: vk, name: "value") {
          target = Target(
            value: value, period: tp["period"].flatMap { reader.text($0.value, key: $0.key, name: "period") })
        }
      } else {
        reader.problem(
          at: v, message: "the target of \(label) has no \"value\"",
          expected: "value: the level to reach, in the indicator's unit")
      }
    }
    guard let id, let title, let polarity, let idNode = p["id"]?.value else { return nil }
    return LocalIndicator(
      id: id, title: title, unit: unit, polarity: polarity, target: target, baselinePeriod: baseline, notes: notes,
      location: reader.location(idNode))
  }

  // MARK: - Equity

  private mutating func equitySettings(_ node: Node, key: Node, levels: [ChainLevel]) -> EquitySettings? {
    guard
      let m = reader.mapping(
        node, key: key, name: "equity",
        expected: "a mapping with breakdown: and, optionally, most-deprived: and reach-level:")
    else {
      return nil
    }
    let p = reader.pairs(m, allowed: Self.equityKeys, within: "in equity")
    guard let (bk, bv) = p["breakdown"] else {
      reader.problem(
        at: node, message: "equity has no \"breakdown\"",
        expected: "breakdown: the column whose values are deprivation quantiles")
      return nil
    }
    guard let breakdown = reader.text(bv, key: bk, name: "breakdown") else { return nil }
    var settings = EquitySettings(breakdown: breakdown)
    if let (k, v) = p["most-deprived"],
      let w = reader.word(v, key: k, name: "most-deprived", allowed: ["first", "last"])
    {
      settings.mostDeprivedFirst = w == "first"
    }
    if let (k, v) = p["reach-level"], let w = reader.word(v, key: k, name: "reach-level", allowed: levels.map(\.id)) {
      settings.reachLevel = levels.firstIndex { $0.id == w }
    }
    return settings
  }

  // MARK: - Assessment settings

  private mutating func assessment(_ node: Node, key: Node) -> AssessmentSettings {
    var s = AssessmentSettings()
    guard let m = reader.mapping(node, key: key, name: "assessment", expected: "a mapping of settings (see the README)")
    else { return s }
    let p = reader.pairs(m, allowed: Self.assessmentKeys, within: "in assessment")
    let open01 = "a number greater than 0 and less than 1"
    if let (k, v) = p["significance-level"],
      let x = reader.number(v, key: k, name: "significance-level", where: { $0 > 0 && $0 < 1 }, expected: open01)
    {
      s.significanceLevel = x
    }
    if let (k, v) = p["minimum-count"], let x = reader.integer(v, key: k, name: "minimum-count", minimum: 2) {
      s.minimumCount = x
    }
    if let (k, v) = p["scores"],
      let sm = reader.mapping(v, key: k, name: "scores", expected: "a mapping {strong, some, none, contrary}")
    {
      let sp = reader.pairs(sm, allowed: EvidenceGrade.evidenced.map(\.rawValue), within: "in scores")
      for grade in EvidenceGrade.evidenced {
        if let (gk, gv) = sp[grade.rawValue], let x = reader.number(gv, key: gk, name: grade.rawValue) {
          s.scores[grade] = x
        }
      }
      let ordered = EvidenceGrade.evidenced.map { s.score($0) }
      if zip(ordered, ordered.dropFirst()).contains(where: { $0 < $1 }) {
        reader.problem(
          at: v, message: "scores must not rise from strong to contrary",
          expected: "strong ≥ some ≥ none ≥ contrary (defaults 1, 0.5, 0, -1)")
      }
    }
    if let (k, v) = p["progress"],
      let pm = reader.mapping(
        v, key: k, name: "progress", expected: "a mapping {good-from, some-from, worsening-below}")
    {
      let pp = reader.pairs(pm, allowed: ["good-from", "some-from", "worsening-below"], within: "in progress")
      if let (a, b) = pp["good-from"], let x = reader.number(b, key: a, name: "good-from") { s.goodFrom = x }
      if let (a, b) = pp["some-from"], let x = reader.number(b, key: a, name: "some-from") { s.someFrom = x }
      if let (a, b) = pp["worsening-below"], let x = reader.number(b, key: a, name: "worsening-below") {
        s.worseningBelow = x
      }
      if !(s.worseningBelow <= s.someFrom && s.someFrom <= s.goodFrom) {
        reader.problem(
          at: v, message: "progress thresholds are out of order",
          expected: "worsening-below ≤ some-from ≤ good-from (defaults 0, 0.25, 0.75)")
      }
    }
    if let (k, v) = p["confidence"],
      let cm = reader.mapping(v, key: k, name: "confidence", expected: "a mapping of confidence settings")
    {
      let cp = reader.pairs(
        cm,
        allowed: [
          "high-minimum-indicators", "high-minimum-coverage", "low-coverage-below", "stale-after-periods",
          "benchmark-worse-lowers",
        ],
        within: "in confidence")
      let share = "a number from 0 to 1"
      if let (a, b) = cp["high-minimum-indicators"],
        let x = reader.integer(b, key: a, name: "high-minimum-indicators", minimum: 1)
      {
        s.highMinimumIndicators = x
      }
      if let (a, b) = cp["high-minimum-coverage"],
        let x = reader.number(
          b, key: a, name: "high-minimum-coverage", where: { (0...1).contains($0) }, expected: share)
      {
        s.highMinimumCoverage = x
      }
      if let (a, b) = cp["low-coverage-below"],
        let x = reader.number(b, key: a, name: "low-coverage-below", where: { (0...1).contains($0) }, expected: share)
      {
        s.lowCoverageBelow = x
      }
      if let (a, b) = cp["stale-after-periods"],
        let x = reader.integer(b, key: a, name: "stale-after-periods", minimum: 0)
      {
        s.staleAfterPeriods = x
      }
      if let (a, b) = cp["benchmark-worse-lowers"], let x = reader.boolean(b, key: a, name: "benchmark-worse-lowers") {
        s.benchmarkWorseLowers = x
      }
    }
    if let (k, v) = p["contribution"],
      let cm = reader.mapping(v, key: k, name: "contribution", expected: "a mapping of contribution settings")
    {
      let cp = reader.pairs(cm, allowed: ["partly-evidenced-minimum", "maximum-paths"], within: "in contribution")
      if let (a, b) = cp["partly-evidenced-minimum"],
        let x = reader.number(
          b, key: a, name: "partly-evidenced-minimum", where: { (0...1).contains($0) }, expected: "a number from 0 to 1"
        )
      {
        s.partlyEvidencedMinimum = x
      }
      if let (a, b) = cp["maximum-paths"], let x = reader.integer(b, key: a, name: "maximum-paths", minimum: 1) {
        s.maximumPaths = x
      }
    }
    if let (k, v) = p["bayes"] { bayes(v, key: k, into: &s) }
    return s
  }

  private mutating func bayes(_ node: Node, key: Node, into s: inout AssessmentSettings) {
    guard
      let m = reader.mapping(
        node, key: key, name: "bayes", expected: "a mapping {prior, steps, outcome, high-from, medium-from}")
    else {
      return
    }
    let open01 = "a number greater than 0 and less than 1"
    let p = reader.pairs(m, allowed: ["prior", "steps", "outcome", "high-from", "medium-from"], within: "in bayes")
    if let (a, b) = p["prior"],
      let x = reader.number(b, key: a, name: "prior", where: { $0 > 0 && $0 < 1 }, expected: open01)
    {
      s.prior = x
    }
    if let (k, v) = p["steps"] { s.likelihoods = likelihoods(v, key: k, name: "steps", start: s.likelihoods) }
    if let (k, v) = p["outcome"] {
      s.outcomeLikelihoods = likelihoods(v, key: k, name: "outcome", start: s.outcomeLikelihoods)
    }
    if let (a, b) = p["high-from"],
      let x = reader.number(b, key: a, name: "high-from", where: { $0 > 0 && $0 < 1 }, expected: open01)
    {
      s.claimHighFrom = x
    }
    if let (a, b) = p["medium-from"],
      let x = reader.number(b, key: a, name: "medium-from", where: { $0 > 0 && $0 < 1 }, expected: open01)
    {
      s.claimMediumFrom = x
    }
    if s.claimMediumFrom > s.claimHighFrom {
      reader.problem(
        at: node, message: "medium-from is above high-from", expected: "medium-from ≤ high-from (defaults 0.70, 0.85)")
    }
  }

  /// `{strong: {sensitivity, type-i-error}, some: …, none: …, contrary: …}`, each optional.
  private mutating func likelihoods(
    _ node: Node, key: Node, name: String, start: [EvidenceGrade: Likelihood]
  ) -> [EvidenceGrade: Likelihood] {
    var out = start
    guard let m = reader.mapping(node, key: key, name: name, expected: "a mapping {strong, some, none, contrary}")
    else { return out }
    let open01 = "a number greater than 0 and less than 1"
    let p = reader.pairs(m, allowed: EvidenceGrade.evidenced.map(\.rawValue), within: "in bayes \(name)")
    for grade in EvidenceGrade.evidenced {
      guard let (gk, gv) = p[grade.rawValue],
        let gm = reader.mapping(gv, key: gk, name: grade.rawValue, expected: "a mapping {sensitivity, type-i-error}")
      else { continue }
      let gp = reader.pairs(gm, allowed: ["sensitivity", "type-i-error"], within: "in bayes \(name) \(grade.rawValue)")
      var l = out[grade] ?? Likelihood(sensitivity: 0.5, typeIError: 0.5)
      if let (a, b) = gp["sensitivity"],
        let x = reader.number(b, key: a, name: "sensitivity", where: { $0 > 0 && $0 < 1 }, expected: open01)
      {
        l.sensitivity = x
      }
      if let (a, b) = gp["type-i-error"],
        let x = reader.number(b, key: a, name: "type-i-error", where: { $0 > 0 && $0 < 1 }, expected: open01)
      {
        l.typeIError = x
      }
      out[grade] = l
    }
    return out
  }

  /// What a required key should hold, for "has no" messages.
  static func describe(_ key: String) -> String {
    switch key {
    case "id": "id: a short word that names it, unique in the chain"
    case "level": "level: one of the chain's levels"
    case "statement": "statement: what happens, in a sentence"
    case "concerns": "concerns: a step id, or a link written from -> to"
    case "threatens": "threatens: a list of step ids"
    case "title": "title: a short human title"
    case "polarity": "polarity: one of \(Polarity.allCases.map(\.rawValue).joined(separator: ", "))"
    default: key
    }
  }
}
