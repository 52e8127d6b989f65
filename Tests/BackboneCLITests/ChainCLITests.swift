import Foundation
import Testing

/// `backbone chain`: the shipped example chains (goldens of Markdown and JSON, and what each
/// story must say), and every validation error with its location and exit code 65.
@Suite struct ChainCLITests {
  static let examples = ["healthy-weight", "psychosocial-wellbeing", "partnership-working", "service-access"]

  /// The warnings each example prints (chain warnings first, then data warnings).
  static let expectedWarnings: [String: String] = [
    "healthy-weight": """
    indicators/chains/healthy-weight.yaml:188:9: warning: assumption "holiday-food-displaces-drinks" has no indicator: it can only be "untested"

    """,
    "psychosocial-wellbeing": """
    indicators/chains/psychosocial-wellbeing.yaml:193:9: warning: assumption "schools-make-time" has no indicator: it can only be "untested"
    indicators/chains/psychosocial-wellbeing.yaml:206:18: warning: indicator "PW_CASELOAD" has no series in the data for area N00000001

    """,
    "partnership-working": """
    indicators/chains/partnership-working.yaml:228:9: warning: assumption "roles-into-practice" has no indicator: it can only be "untested"

    """,
    "service-access": "",
  ]

  @Test(arguments: examples)
  func markdownGolden(_ name: String) throws {
    let r = try backbone(["chain", "indicators/chains/\(name).yaml", "fixtures/chains/\(name).csv", "--format", "md"])
    #expect(r.status == 0)
    #expect(r.stderr == Self.expectedWarnings[name])
    try assertSnapshot(r.stdout, named: "chain-\(name).md")
    #expect(r.stdout.contains("```mermaid\nflowchart BT\n"))
  }

  @Test(arguments: examples)
  func jsonGolden(_ name: String) throws {
    let r = try backbone(["chain", "indicators/chains/\(name).yaml", "fixtures/chains/\(name).csv", "--json"])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "chain-\(name).json")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(doc["schemaVersion"] as? Int == 1)
  }

  @Test func helpGolden() throws {
    let r = try backbone(["chain", "--help"])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "chain-help.txt")
    #expect(r.stdout.contains("65  input data invalid"))
  }

  @Test func tableGolden() throws {
    let r = try backbone(["chain", "indicators/chains/healthy-weight.yaml", "fixtures/chains/healthy-weight.csv"])
    #expect(r.status == 0)
    try assertSnapshot(r.stdout, named: "chain-healthy-weight.txt")
  }

  /// The verdict of every outcome of the examples, as the fixture data was built to give
  /// (fixtures/chains/generate.py): together they show all five verdicts.
  @Test func everyVerdictIsShown() throws {
    let expected: [String: [String: String]] = [
      "healthy-weight": [
        "reception-obesity": "contribution plausible",
        "year6-obesity": "chain evidenced but the outcome not yet improving",
        "tooth-decay": "outcome improving but the chain is not evidenced",
      ],
      "psychosocial-wellbeing": [
        "school-attendance": "contribution plausible", "emotional-wellbeing": "partly evidenced",
        "self-harm": "contradicted",
      ],
      "partnership-working": [
        "health-wellbeing": "partly evidenced", "reduced-inequalities": "contradicted",
        "equitable-access": "chain evidenced but the outcome not yet improving",
      ],
      "service-access": ["timely-access": "contribution plausible", "school-ready": "contradicted"],
    ]
    var verdicts = Set<String>()
    var grades = Set<String>()
    for name in Self.examples {
      let r = try backbone([
        "chain", "indicators/chains/\(name).yaml", "fixtures/chains/\(name).csv", "--json", "--quiet",
      ])
      #expect(r.status == 0)
      let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
      let stories = try #require(doc["stories"] as? [[String: Any]])
      var got: [String: String] = [:]
      for s in stories { got[s["outcome"] as? String ?? ""] = s["verdict"] as? String }
      #expect(got == expected[name], "\(name)")
      verdicts.formUnion(got.values)
      for step in doc["steps"] as? [[String: Any]] ?? [] {
        for e in step["evidence"] as? [[String: Any]] ?? [] { grades.insert(e["grade"] as? String ?? "") }
      }
    }
    #expect(verdicts.count == 5)
    #expect(grades == ["strong", "some", "none", "contrary", "missing"])
  }

  /// --period reports on an earlier period: later observations are left out.
  @Test func periodChoosesTheReportingPeriod() throws {
    let r = try backbone([
      "chain", "indicators/chains/healthy-weight.yaml", "fixtures/chains/healthy-weight.csv", "--period", "2021/22",
      "--json",
      "--quiet",
    ])
    #expect(r.status == 0)
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(doc["reportingPeriod"] as? String == "2021/22")
    let steps = try #require(doc["steps"] as? [[String: Any]])
    let funding = try #require(steps.first { $0["id"] as? String == "funding" })
    let evidence = try #require((funding["evidence"] as? [[String: Any]])?.first)
    #expect(evidence["lastPeriod"] as? String == "2021/22")
  }

  @Test func writesToAFile() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("report.md").path
    let r = try backbone([
      "chain", "indicators/chains/service-access.yaml", "fixtures/chains/service-access.csv", "-o", out,
    ])
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "wrote the assessment of 10 steps to \(out)\n")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    #expect(text.hasPrefix("# Northfield Start Well (access to early-years health services)\n"))
  }

  @Test func missingChainExits66() throws {
    let r = try backbone(["chain", "nope.yaml", "fixtures/chains/healthy-weight.csv"])
    #expect(r.status == 66)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "nope.yaml: error: no such file\n  expected: a results chain (YAML)\n")
  }

  /// One invalid chain per kind of error: the whole message on stderr, with file, line and
  /// column, and exit code 65. The base chain is three steps money → work → result (see
  /// `chainLines`); lines and columns are 1-based.
  @Test(
    arguments: [
      // 12: "    leads-to: [wrk]": the target at column 16; work then comes from nowhere (13:9).
      (
        12, "    leads-to: [wrk]",
        "chain.yaml:12:16: error: step \"money\" leads to unknown step \"wrk\"\n  expected: the id of a step of this chain\n  hint: did you mean \"work\"?\nchain.yaml:13:9: error: step \"work\" at level activities comes from nowhere: no step leads to it\n  expected: a step of a lower level with \"work\" in its leads-to (only steps at the lowest level, inputs, start the chain)\n  hint: add it to the leads-to of the step it comes from, or remove the step\n"
      ),
      // work leads to itself: "    leads-to: [result, " is 23 characters.
      (
        17, "    leads-to: [result, work]",
        "chain.yaml:17:24: error: the chain has a cycle: \"work\" → \"work\"\n  expected: links that never lead back to a step already passed\n  hint: a results chain is a directed acyclic graph; remove one of these links\n"
      ),
      // money leads nowhere once its leads-to is gone, and work (now line 12) comes from nowhere:
      // both are printed, in line order.
      (
        12, nil,
        "chain.yaml:8:9: error: step \"money\" at level inputs leads nowhere\n  expected: leads-to: the steps it leads to (only steps at the highest level, outcomes, may lead nowhere)\n  hint: add leads-to, or remove the step\nchain.yaml:12:9: error: step \"work\" at level activities comes from nowhere: no step leads to it\n  expected: a step of a lower level with \"work\" in its leads-to (only steps at the lowest level, inputs, start the chain)\n  hint: add it to the leads-to of the step it comes from, or remove the step\n"
      ),
      // The level's value starts at column 12 ("    level: ").
      (
        14, "    level: activites",
        "chain.yaml:14:12: error: step \"work\" is at unknown level \"activites\"\n  expected: one of inputs, activities, outcomes\n  hint: did you mean \"activities\"?\n"
      ),
      // The indicator list's first id at column 18 ("    indicators: [").
      (
        11, "    indicators: [FUNDS]",
        "chain.yaml:11:18: error: unknown indicator \"FUNDS\"\n  expected: an id or alias of the indicator definitions, or of the chain's own indicators:\n  hint: did you mean \"FUND\"?\n"
      ),
      (
        9, "\tlevel: inputs",
        "chain.yaml:9:1: error: invalid YAML: found a tab character that violates indentation\n  hint: while scanning a plain scalar, which began at line 8, column 9\n"
      ),
    ] as [(Int, String?, String)])
  func validationErrorsExit65(line: Int, replacement: String?, message: String) throws {
    let r = try runChain(changing: [line: replacement])
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == message)
  }

  /// The other kinds, checked by their first line: a lower level, a step from nowhere, an
  /// outcome no input reaches, a duplicate id, an unknown link.
  @Test(
    arguments: [
      (
        [22: "    leads-to: [work]"],
        "chain.yaml:22:16: error: step \"result\" at level outcomes leads to step \"work\" at the lower level activities"
      ),
      (
        [
          22: "  - id: orphan", 23: "    level: activities", 24: "    statement: Unfunded",
          25: "    leads-to: [result]",
        ],
        "chain.yaml:22:9: error: step \"orphan\" at level activities comes from nowhere: no step leads to it"
      ),
      (
        [
          22: "  - id: a1", 23: "    level: activities", 24: "    statement: A", 25: "    leads-to: [a2]",
          26: "  - id: a2",
          27: "    level: activities", 28: "    statement: B", 29: "    leads-to: [a1, goal]", 30: "  - id: goal",
          31: "    level: outcomes", 32: "    statement: C",
        ],
        "chain.yaml:29:16: error: the chain has a cycle: \"a1\" → \"a2\" → \"a1\""
      ),
      ([13: "  - id: money"], "chain.yaml:12:16: error: step \"money\" leads to unknown step \"work\""),
      (
        [
          22: "assumptions:", 23: "  - id: buys", 24: "    statement: Money buys work",
          25: "    concerns: money -> result",
        ],
        "chain.yaml:23:9: error: assumption \"buys\" concerns the link money -> result, but step \"money\" does not lead to \"result\""
      ),
    ] as [([Int: String?], String)])
  func moreValidationErrorsExit65(changes: [Int: String?], firstLine: String) throws {
    let r = try runChain(changing: changes)
    #expect(r.status == 65)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.split(separator: "\n").first.map(String.init) == firstLine)
  }

  /// An unknown key (12:5, after the four spaces of indentation) is reported with a "did you
  /// mean", between the problems it causes: money then leads nowhere (8:9) and work comes from
  /// nowhere (13:9).
  @Test func unknownKeyExits65() throws {
    let r = try runChain(changing: [12: "    leads_to: [work]"])
    #expect(r.status == 65)
    #expect(
      r.stderr.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains("hint: did") } == [
        "chain.yaml:8:9: error: step \"money\" at level inputs leads nowhere",
        "chain.yaml:12:5: error: unknown key \"leads_to\" in a step",
        "  hint: did you mean \"leads-to\"?",
        "chain.yaml:13:9: error: step \"work\" at level activities comes from nowhere: no step leads to it",
      ])
  }

  /// Every problem is printed: the cycle a1 → a2 → a1 (29:16) and the outcome it cuts off
  /// (goal, 30:9), in line order.
  @Test func everyProblemIsPrinted() throws {
    let r = try runChain(changing: [
      22: "  - id: a1", 23: "    level: activities", 24: "    statement: A", 25: "    leads-to: [a2]", 26: "  - id: a2",
      27: "    level: activities", 28: "    statement: B", 29: "    leads-to: [a1, goal]", 30: "  - id: goal",
      31: "    level: outcomes", 32: "    statement: C",
    ])
    #expect(r.status == 65)
    #expect(
      r.stderr.split(separator: "\n").filter { $0.contains(": error: ") } == [
        "chain.yaml:29:16: error: the chain has a cycle: \"a1\" → \"a2\" → \"a1\"",
        "chain.yaml:30:9: error: final outcome \"goal\" has no path from any input",
      ])
  }

  /// The base chain of the validation tests: three local indicators' worth of steps.
  static let chainLines = [
    "name: Test chain",  // 1
    "levels: [inputs, activities, outcomes]",  // 2
    "indicators:",  // 3
    "  - id: FUND",  // 4
    "    title: Funding",  // 5
    "    polarity: higher-is-better",  // 6
    "steps:",  // 7
    "  - id: money",  // 8
    "    level: inputs",  // 9
    "    statement: Funding is in place",  // 10
    "    indicators: [FUND]",  // 11
    "    leads-to: [work]",  // 12
    "  - id: work",  // 13
    "    level: activities",  // 14
    "    statement: Work is done",  // 15
    "    indicators: [FUND]",  // 16
    "    leads-to: [result]",  // 17
    "  - id: result",  // 18
    "    level: outcomes",  // 19
    "    statement: Things get better",  // 20
    "    indicators: [FUND]",  // 21
  ]

  /// Writes the base chain with lines replaced (nil removes; numbers past the end append) to a
  /// temporary directory and runs `backbone chain chain.yaml data.csv` there, with the
  /// repository's definitions.
  func runChain(changing changes: [Int: String?]) throws -> Run {
    var lines: [String] = []
    let last = max(Self.chainLines.count, changes.keys.max() ?? 0)
    for n in 1...last {
      if let change = changes[n] {
        if let change { lines.append(change) }
      } else if n <= Self.chainLines.count {
        lines.append(Self.chainLines[n - 1])
      }
    }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try (lines.joined(separator: "\n") + "\n").write(
      to: dir.appendingPathComponent("chain.yaml"), atomically: true, encoding: .utf8)
    try "indicator_id,area_code,period,value\nFUND,A,2020,1\nFUND,A,2021,2\nFUND,A,2022,3\n".write(
      to: dir.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    return try backbone(
      ["chain", "chain.yaml", "data.csv", "--indicators", root.appendingPathComponent("indicators").path], in: dir)
  }
}
