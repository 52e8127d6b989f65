import Indicators
import ResultsChain
import Testing

/// The valid chain every case below starts from. Lines and columns are 1-based:
/// ```
///  1 name: Test chain
///  2 levels: [inputs, activities, outcomes]
///  3 indicators:
///  4   - id: FUND                          the local indicator's id at 4:9 ("  - id: " is 8)
///  5     title: Funding
///  6     polarity: higher-is-better
///  7 steps:
///  8   - id: money                         step ids at column 9; the step mapping at 8:5
///  9     level: inputs                     the level's value at 9:12 ("    level: " is 11)
/// 10     statement: Funding is in place
/// 11     indicators: [FUND]                first id at 11:18 ("    indicators: [" is 17)
/// 12     leads-to: [work]                  first target at 12:16 ("    leads-to: [" is 15)
/// 13   - id: work
/// 14     level: activities
/// 15     statement: Work is done
/// 16     indicators: [FUND]
/// 17     leads-to: [result]
/// 18   - id: result
/// 19     level: outcomes
/// 20     statement: Things get better
/// 21     indicators: [FUND]
/// ```
let baseChainLines = [
  "name: Test chain",
  "levels: [inputs, activities, outcomes]",
  "indicators:",
  "  - id: FUND",
  "    title: Funding",
  "    polarity: higher-is-better",
  "steps:",
  "  - id: money",
  "    level: inputs",
  "    statement: Funding is in place",
  "    indicators: [FUND]",
  "    leads-to: [work]",
  "  - id: work",
  "    level: activities",
  "    statement: Work is done",
  "    indicators: [FUND]",
  "    leads-to: [result]",
  "  - id: result",
  "    level: outcomes",
  "    statement: Things get better",
  "    indicators: [FUND]",
]

/// The base chain with line `n` (1-based) replaced (nil removes it) and lines added at the end.
func baseChain(_ changes: [Int: String?] = [:], adding extra: [String] = []) -> String {
  var lines: [String] = []
  for (i, line) in baseChainLines.enumerated() {
    if let change = changes[i + 1] {
      if let change { lines.append(change) }
    } else {
      lines.append(line)
    }
  }
  return (lines + extra).joined(separator: "\n") + "\n"
}

/// A definitions library with one indicator, "90319" (Reception obesity, lower is better).
func smallLibrary() throws -> DefinitionLibrary {
  let yaml = """
    domain: child-wellbeing
    indicators:
      - id: "90319"
        title: Reception obesity
        unit: "%"
        value-type: proportion
        multiplier: 100
        polarity: lower-is-better
        interval-method: wilson
        aliases: [RECEPTION_OBESITY]
        source:
          publisher: OHID
          url: https://fingertips.phe.org.uk/
    """
  return try DefinitionLibrary(texts: [("defs.yaml", yaml)])
}

/// One problem, reduced to what a test compares.
struct Problem: Equatable, CustomStringConvertible {
  var kind: ChainError.Kind
  var line: Int?
  var column: Int?
  init(_ kind: ChainError.Kind, _ line: Int?, _ column: Int?) {
    self.kind = kind
    self.line = line
    self.column = column
  }
  var description: String { "\(kind) \(line ?? 0):\(column ?? 0)" }
}

/// One invalid chain: the change to the base, every problem expected (kind, line, column, in
/// order), and the message and hint of the first.
struct InvalidCase: CustomTestStringConvertible, Sendable {
  var name: String
  var changes: [Int: String?] = [:]
  var extra: [String] = []
  var useLibrary = false
  var problems: [(ChainError.Kind, Int?, Int?)]
  var message: String
  var hint: String? = nil
  var testDescription: String { name }
}

let invalidCases: [InvalidCase] = [
  // "wrk" is not a step; "work" is 1 edit away. money no longer leads to work, so work also
  // comes from nowhere (13:9).
  InvalidCase(
    name: "unknown step in leads-to", changes: [12: "    leads-to: [wrk]"],
    problems: [(.unknownStep, 12, 16), (.comesFromNowhere, 13, 9)],
    message: "step \"money\" leads to unknown step \"wrk\"", hint: "did you mean \"work\"?"),
  // work -> work: "    leads-to: [result, " is 23 characters, so "work" is at 17:24.
  InvalidCase(
    name: "cycle of one step", changes: [17: "    leads-to: [result, work]"],
    problems: [(.cycle, 17, 24)], message: "the chain has a cycle: \"work\" → \"work\"",
    hint: "a results chain is a directed acyclic graph; remove one of these links"),
  // Two activities that lead to each other and to a second outcome: the depth-first walk from
  // money reaches work and result only; from a1 it goes a1 → a2 → a1 (closing link at 26:16).
  // goal2 has predecessors (a2) but no input reaches it.
  InvalidCase(
    name: "cycle and unreachable outcome",
    extra: [
      "  - id: a1", "    level: activities", "    statement: A", "    indicators: [FUND]", "    leads-to: [a2]",
      "  - id: a2", "    level: activities", "    statement: B", "    indicators: [FUND]", "    leads-to: [a1, goal2]",
      "  - id: goal2", "    level: outcomes", "    statement: C", "    indicators: [FUND]",
    ],
    problems: [(.cycle, 31, 16), (.unreachableOutcome, 32, 9)],
    message: "the chain has a cycle: \"a1\" → \"a2\" → \"a1\""),
  // result (outcomes) leads down to work (activities): level order, and a cycle
  // work → result → work closed at the same place ("    leads-to: [" → 22:16).
  InvalidCase(
    name: "link to a lower level", extra: ["    leads-to: [work]"],
    problems: [(.levelOrder, 22, 16), (.cycle, 22, 16)],
    message: "step \"result\" at level outcomes leads to step \"work\" at the lower level activities",
    hint:
      "a results chain runs from inputs up to final outcomes; swap the link, or move one of the steps to another level"),
  // money loses its leads-to: it leads nowhere (8:9) and work comes from nowhere (13:9).
  InvalidCase(
    name: "step that leads nowhere", changes: [12: nil],
    problems: [(.leadsNowhere, 8, 9), (.comesFromNowhere, 12, 9)],
    message: "step \"money\" at level inputs leads nowhere", hint: "add leads-to, or remove the step"),
  InvalidCase(
    name: "step that comes from nowhere",
    extra: [
      "  - id: orphan", "    level: activities", "    statement: Unfunded work", "    indicators: [FUND]",
      "    leads-to: [result]",
    ],
    problems: [(.comesFromNowhere, 22, 9)],
    message: "step \"orphan\" at level activities comes from nowhere: no step leads to it",
    hint: "add it to the leads-to of the step it comes from, or remove the step"),
  InvalidCase(
    name: "unknown indicator", changes: [11: "    indicators: [FUNDS]"], useLibrary: true,
    problems: [(.unknownIndicator, 11, 18)], message: "unknown indicator \"FUNDS\"", hint: "did you mean \"FUND\"?"),
  InvalidCase(
    name: "unknown level", changes: [14: "    level: activites"],
    problems: [(.unknownLevel, 14, 12)], message: "step \"work\" is at unknown level \"activites\"",
    hint: "did you mean \"activities\"?"),
  // The second "money" (13:9) is a duplicate; the first money still leads to "work", which no
  // step is any more (12:16). Links are followed by id, so nothing leads to the second money:
  // it comes from nowhere.
  InvalidCase(
    name: "duplicate step id", changes: [13: "  - id: money"],
    problems: [(.unknownStep, 12, 16), (.duplicateID, 13, 9), (.comesFromNowhere, 13, 9)],
    message: "step \"money\" leads to unknown step \"work\""),
  InvalidCase(
    name: "assumption about a link that does not exist",
    extra: ["assumptions:", "  - id: buys", "    statement: Money buys work", "    concerns: money -> result"],
    problems: [(.unknownLink, 23, 9)],
    message: "assumption \"buys\" concerns the link money -> result, but step \"money\" does not lead to \"result\"",
    hint: "add result to the leads-to of money, or name the link the assumption is about"),
  InvalidCase(
    name: "risk to an unknown step",
    extra: ["risks:", "  - id: cuts", "    statement: Budget cuts", "    threatens: [mony]"],
    problems: [(.unknownStep, 25, 17)], message: "risk \"cuts\" threatens unknown step \"mony\"",
    hint: "did you mean \"money\"?"),
  InvalidCase(
    name: "unknown key", changes: [12: "    leads_to: [work]"],
    problems: [(.invalidChain, 12, 5), (.leadsNowhere, 8, 9), (.comesFromNowhere, 13, 9)].sorted {
      ($0.1 ?? 0, $0.2 ?? 0) < ($1.1 ?? 0, $1.2 ?? 0)
    },
    message: "step \"money\" at level inputs leads nowhere"),
  // The step without a statement is left out, so work (now the lowest level used) starts the
  // chain and nothing else is wrong; the problem is reported at the step's mapping (8:5).
  InvalidCase(
    name: "missing statement", changes: [10: nil],
    problems: [(.invalidChain, 8, 5)],
    message: "step \"money\" has no \"statement\"", hint: nil),
  // A tab cannot indent YAML: libYAML's scanner stops at line 9, column 1.
  InvalidCase(
    name: "invalid YAML", changes: [9: "\tlevel: inputs"],
    problems: [(.invalidYAML, 9, 1)], message: "invalid YAML: found a tab character that violates indentation"),
  InvalidCase(
    name: "significance level out of range", extra: ["assessment:", "  significance-level: 1.5"],
    problems: [(.invalidChain, 23, 23)], message: "\"significance-level\" is out of range"),
  InvalidCase(
    name: "local indicator also in the definitions",
    changes: [
      4: "  - id: \"90319\"", 11: "    indicators: [\"90319\"]", 16: "    indicators: [\"90319\"]",
      21: "    indicators: [\"90319\"]",
    ],
    useLibrary: true, problems: [(.duplicateID, 4, 9)],
    message: "local indicator \"90319\" is also defined at defs.yaml:3:9"),
]

@Suite struct ChainFileTests {
  @Test func readsTheBaseChain() throws {
    let chain = try ResultsChain(yaml: baseChain(), file: "base.yaml", library: smallLibrary())
    #expect(chain.name == "Test chain")
    #expect(chain.levels.map(\.id) == ["inputs", "activities", "outcomes"])
    #expect(chain.steps.map(\.id) == ["money", "work", "result"])
    #expect(chain.steps.map(\.level) == [0, 1, 2])
    #expect(chain.steps[0].leadsTo == ["work"])
    #expect(chain.steps[0].leadsToLocations == [ChainLocation(file: "base.yaml", line: 12, column: 16)])
    #expect(chain.steps[1].location == ChainLocation(file: "base.yaml", line: 13, column: 9))
    #expect(chain.steps[2].indicators.map(\.id) == ["FUND"])
    #expect(chain.localIndicators.map(\.polarity) == [.higherIsBetter])
    #expect(chain.outcomes.map(\.id) == ["result"])
    #expect(chain.inputs.map(\.id) == ["money"])
    #expect(chain.warnings.isEmpty)
    #expect(chain.settings == AssessmentSettings())
  }

  @Test(arguments: invalidCases)
  func reportsEveryProblem(_ c: InvalidCase) throws {
    let library = c.useLibrary ? try smallLibrary() : nil
    let yaml = baseChain(c.changes, adding: c.extra)
    let problems = ResultsChain.problems(inYAML: yaml, file: "chain.yaml", library: library)
    #expect(problems.map { Problem($0.kind, $0.line, $0.column) } == c.problems.map { Problem($0.0, $0.1, $0.2) })
    let first = try #require(problems.first)
    #expect(first.message == c.message)
    if let hint = c.hint { #expect(first.hint == hint) }
    #expect(first.file == "chain.yaml")
    // The throwing initialiser throws the first problem.
    do {
      _ = try ResultsChain(yaml: yaml, file: "chain.yaml", library: library)
      Issue.record("expected \(c.name) to throw")
    } catch {
      #expect(error == first)
    }
  }

  /// The compiler-style message of one problem, whole.
  @Test func describesAProblemLikeACompiler() throws {
    let yaml = baseChain([12: "    leads-to: [wrk]"])
    let first = try #require(ResultsChain.problems(inYAML: yaml, file: "chains/x.yaml").first)
    #expect(
      first.description == """
        chains/x.yaml:12:16: error: step "money" leads to unknown step "wrk"
          expected: the id of a step of this chain
          hint: did you mean "work"?
        """)
  }

  /// Without a library, ids that are not local are not checked; with one, aliases count.
  @Test func indicatorIdsAreCheckedAgainstTheLibrary() throws {
    let yaml = baseChain([21: "    indicators: [RECEPTION_OBESITY]"])
    #expect(ResultsChain.problems(inYAML: yaml, file: "c.yaml").isEmpty)
    #expect(ResultsChain.problems(inYAML: yaml, file: "c.yaml", library: try smallLibrary()).isEmpty)
    let unknown = baseChain([21: "    indicators: [NOPE]"])
    #expect(ResultsChain.problems(inYAML: unknown, file: "c.yaml").isEmpty)
    #expect(
      ResultsChain.problems(inYAML: unknown, file: "c.yaml", library: try smallLibrary()).map(\.kind) == [
        .unknownIndicator
      ])
  }

  /// A step with no indicator is a warning, not an error, and so are assumptions and risks
  /// without one.
  @Test func warnsAboutStepsWithoutIndicators() throws {
    let yaml = baseChain(
      [16: nil],
      adding: [
        "assumptions:", "  - id: staff", "    statement: Staff stay", "    concerns: money -> work",
        "risks:", "  - id: cuts", "    statement: Cuts", "    threatens: work",
      ])
    let chain = try ResultsChain(yaml: yaml, file: "w.yaml")
    #expect(
      chain.warnings.map(\.description) == [
        "w.yaml:13:9: warning: step \"work\" has no indicator: it can only be \"not evidenced\"",
        "w.yaml:22:9: warning: assumption \"staff\" has no indicator: it can only be \"untested\"",
        "w.yaml:26:9: warning: risk \"cuts\" has no indicator: it can only be \"no signal\"",
      ])
    #expect(chain.assumptions.first?.concerns == .link(from: "money", to: "work"))
    #expect(chain.risks.first?.threatens == ["work"])
  }

  /// A chain is a graph: two activities from one input, joining at one outcome, is valid, and a
  /// step may lead to a step at its own level.
  @Test func acceptsADirectedAcyclicGraph() throws {
    let yaml = baseChain(
      [12: "    leads-to: [work, other]"],
      adding: [
        "  - id: other", "    level: activities", "    statement: Other work", "    indicators: [FUND]",
        "    leads-to: [work, result]",
      ])
    let chain = try ResultsChain(yaml: yaml, file: "dag.yaml")
    #expect(chain.steps.map(\.id) == ["money", "work", "result", "other"])
    #expect(chain.step("other")?.leadsTo == ["work", "result"])
  }

  /// Every assessment setting is read from the file.
  @Test func readsAssessmentSettings() throws {
    let yaml = baseChain(
      adding: [
        "area: E06000001",
        "breakdown: {sex: Persons}",
        "equity: {breakdown: deprivation, most-deprived: last, reach-level: activities}",
        "assessment:",
        "  significance-level: 0.1",
        "  minimum-count: 4",
        "  scores: {strong: 2, some: 1, none: 0, contrary: -2}",
        "  progress: {good-from: 1.5, some-from: 0.5, worsening-below: -0.5}",
        "  confidence: {high-minimum-indicators: 3, high-minimum-coverage: 0.8, low-coverage-below: 0.4,",
        "               stale-after-periods: 2, benchmark-worse-lowers: false}",
        "  contribution: {partly-evidenced-minimum: 0.6, maximum-paths: 50}",
        "  bayes:",
        "    prior: 0.4",
        "    steps: {strong: {sensitivity: 0.6, type-i-error: 0.05}}",
        "    outcome: {contrary: {type-i-error: 0.3}}",
        "    high-from: 0.9",
        "    medium-from: 0.6",
      ])
    let chain = try ResultsChain(yaml: yaml, file: "s.yaml")
    var expected = AssessmentSettings()
    expected.significanceLevel = 0.1
    expected.minimumCount = 4
    expected.scores = [.strong: 2, .some: 1, .none: 0, .contrary: -2]
    expected.goodFrom = 1.5
    expected.someFrom = 0.5
    expected.worseningBelow = -0.5
    expected.highMinimumIndicators = 3
    expected.highMinimumCoverage = 0.8
    expected.lowCoverageBelow = 0.4
    expected.staleAfterPeriods = 2
    expected.benchmarkWorseLowers = false
    expected.partlyEvidencedMinimum = 0.6
    expected.maximumPaths = 50
    expected.prior = 0.4
    expected.likelihoods[.strong] = Likelihood(sensitivity: 0.6, typeIError: 0.05)
    expected.outcomeLikelihoods[.contrary] = Likelihood(sensitivity: 0.03, typeIError: 0.3)
    expected.claimHighFrom = 0.9
    expected.claimMediumFrom = 0.6
    #expect(chain.settings == expected)
    #expect(chain.equity == EquitySettings(breakdown: "deprivation", mostDeprivedFirst: false, reachLevel: 1))
    #expect(chain.steps[0].indicators[0].area == "E06000001")
    #expect(chain.steps[0].indicators[0].breakdown == ["sex": "Persons"])
  }

  /// A reference written as a mapping overrides the chain's area and adds to its breakdown.
  @Test func readsIndicatorReferences() throws {
    let yaml = baseChain(
      [21: "    indicators: [{id: FUND, area: E1, breakdown: {age: All ages}, expect: decrease}]"],
      adding: ["area: E0", "breakdown: {sex: Persons}"])
    let chain = try ResultsChain(yaml: yaml, file: "r.yaml")
    let r = try #require(chain.step("result")?.indicators.first)
    #expect(r.area == "E1")
    #expect(r.breakdown == ["sex": "Persons", "age": "All ages"])
    #expect(r.expect == .decrease)
    #expect(r.location == ChainLocation(file: "r.yaml", line: 21, column: 23))
  }

  /// The seven default levels apply when `levels:` is absent.
  @Test func defaultLevels() throws {
    let yaml = baseChain([2: nil, 14: "    level: engagement"])
    let chain = try ResultsChain(yaml: yaml, file: "d.yaml")
    #expect(
      chain.levels.map(\.id) == [
        "inputs", "activities", "engagement", "reactions", "knowledge", "practices", "outcomes",
      ])
    #expect(chain.steps.map(\.level) == [0, 2, 6])
  }
}

/// The repository's `indicators/` directory, found from this file.
enum Repository {
  static let root: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    parts.removeLast(3)  // Tests/ResultsChainTests/<file>
    return parts.joined(separator: "/")
  }()
  static let indicators = root + "/indicators"
  static let chains = indicators + "/chains"
}

@Suite struct ShippedChainTests {
  /// The four example chains are valid against the repository's definitions: every indicator
  /// id they name that is not their own is defined.
  @Test(arguments: ["healthy-weight", "psychosocial-wellbeing", "partnership-working", "service-access"])
  func exampleIsValid(_ name: String) throws {
    let library = try DefinitionLibrary(directory: Repository.indicators)
    let path = Repository.chains + "/\(name).yaml"
    #expect(ResultsChain.problems(inFile: path, library: library).isEmpty)
    let chain = try ResultsChain.load(path: path, library: library)
    #expect(!chain.steps.isEmpty)
    #expect(chain.outcomes.count >= 2)
  }

  /// Chains live in a subdirectory, which `DefinitionLibrary(directory:)` does not read: the
  /// library holds exactly the definitions of the top-level files, and none comes from chains/.
  @Test func definitionsIgnoreTheChainsDirectory() throws {
    let fromDirectory = try DefinitionLibrary(directory: Repository.indicators)
    let topLevel = ["child_wellbeing.yaml", "health.yaml", "inequality.yaml", "service_access.yaml"]
      .map { Repository.indicators + "/" + $0 }
    let fromFiles = try DefinitionLibrary(files: topLevel)
    #expect(fromDirectory.ids == fromFiles.ids)
    #expect(!fromDirectory.definitions.contains { $0.location.file.contains("/chains/") })
  }
}
