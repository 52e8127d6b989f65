import Foundation
import Testing

@testable import Indicators

/// The repository root and this test folder, found from this file's path.
private enum Paths {
  static let tests: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent()  // Tests/IndicatorsTests
    return url.path
  }()
  static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let indicators = repository + "/indicators"
  static let fixtures = tests + "/Fixtures/definitions"
  /// ../shared (real exports), or nil when this checkout has none.
  static let shared: String? = {
    let path = (repository as NSString).deletingLastPathComponent + "/shared"
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }()
}

// MARK: - The shipped library

@Suite struct ShippedDefinitionTests {
  let library: DefinitionLibrary

  init() throws {
    library = try DefinitionLibrary(directory: Paths.indicators)
  }

  /// Every publisher domain; `partnership` is for a partnership's own measures, which the
  /// shipped library does not hold (they live in the results chains).
  @Test func loadsWithoutProblemsAndCoversEveryDomain() throws {
    let publisherDomains = Domain.allCases.filter { $0 != .partnership }
    #expect(library.domains == publisherDomains)
    for domain in publisherDomains {
      #expect(library.definitions(in: domain).count >= 12, "\(domain) has fewer than 12")
    }
  }

  /// Each domain's indicators come from the file named after it (README of indicators/).
  @Test(arguments: [
    (Domain.health, "health.yaml"), (.inequality, "inequality.yaml"),
    (.serviceAccess, "service_access.yaml"), (.childWellbeing, "child_wellbeing.yaml"),
  ])
  func domainsLiveInTheirFiles(domain: Domain, file: String) {
    for definition in library.definitions(in: domain) {
      #expect(definition.location.file == Paths.indicators + "/" + file, "\(definition.id)")
    }
  }

  @Test func idsAndAliasesAreUnique() {
    let ids = library.ids
    #expect(Set(ids).count == ids.count)
    let names = library.definitions.flatMap { [$0.id] + $0.aliases }
    #expect(Set(names).count == names.count)
    // Every id and alias finds its own definition.
    for definition in library.definitions {
      for name in [definition.id] + definition.aliases {
        #expect(library.definition(for: name)?.id == definition.id, "\(name)")
      }
    }
  }

  /// Every definition cites a source and, for Fingertips ids, the Fingertips metadata API for
  /// that same id (so a typo in either shows).
  @Test func sourcesAreCited() {
    for definition in library.definitions {
      #expect(!definition.source.publisher.isEmpty)
      #expect(definition.source.url != nil || definition.source.reference != nil)
      if definition.id.allSatisfy(\.isNumber), let url = definition.source.url {
        #expect(url.hasSuffix("indicator_ids=" + definition.id), "\(definition.id): \(url)")
      }
    }
  }

  /// Aliases as the publishers spell them: the WDI and WHO GHO copies of UN IGME series (WDI
  /// metadata in shared/fixtures-real/worldbank-wdi names SP.DYN.IMRT.IN "Mortality rate,
  /// infant"; the GHO export names MDG_0000000007 "Under-five mortality rate" and
  /// WHOSIS_000003 "Neonatal mortality rate").
  @Test(arguments: [
    ("SP.DYN.IMRT.IN", "SH_DYN_IMRT"), ("MDG_0000000001", "SH_DYN_IMRT"),
    ("MDG_0000000007", "SH_DYN_MORT"), ("SH.DYN.MORT", "SH_DYN_MORT"),
    ("WHOSIS_000003", "SH_DYN_NMRT"), ("SH.STA.MMRT", "SH_STA_MORT"),
    ("EG.ELC.ACCS.ZS", "EG_ACS_ELEC"), ("EG_ELC_ACCS", "EG_ACS_ELEC"),
    ("Under-five mortality rate", "owid-child-mortality"), ("SI.DST.50MD", "SI_POV_50MI"),
  ])
  func aliasesFindTheirIndicator(alias: String, id: String) {
    #expect(library.definition(for: alias)?.id == id)
  }

  @Test func lookupTrimsSpacesButKeepsCase() {
    #expect(library.definition(for: " 90366 ")?.id == "90366")
    #expect(library.definition(for: "sh_dyn_mort") == nil)
    #expect(library.definition(for: "not-an-indicator") == nil)
  }

  /// Field values as the shipped file states them, checked against their publishers: SDG
  /// target 3.2 (under-5 mortality at most 25 per 1,000 live births by 2030); WDI's title for
  /// SH.MED.PHYS.ZS ("Physicians (per 1,000 people)"); Fingertips 93861 exports say "Not
  /// compared" and carry no interval.
  @Test func fieldsReadAsWritten() throws {
    let u5mr = try #require(library.definition(for: "SH_DYN_MORT"))
    #expect(u5mr.domain == .childWellbeing)
    #expect(u5mr.multiplier == 1000)
    #expect(u5mr.polarity == .lowerIsBetter)
    #expect(u5mr.intervalMethod == .asPublished)
    #expect(u5mr.target == Target(value: 25, period: "2030"))
    #expect(u5mr.aliases == ["SH.DYN.MORT", "MDG_0000000007"])
    let physicians = try #require(library.definition(for: "SH.MED.PHYS.ZS"))
    #expect(physicians.domain == .serviceAccess)
    #expect(physicians.multiplier == 1000)
    #expect(physicians.unit == "per 1,000 people")
    let airPollution = try #require(library.definition(for: "93861"))
    #expect(airPollution.polarity == .noJudgement)
    #expect(airPollution.intervalMethod == IntervalMethod.none)
  }

  /// Indicators the repository's own fixtures carry (fixtures/README.md), with the domain
  /// indicators/README.md puts them in. The code is checked to occur in the fixture file, so
  /// the list cannot drift from the files.
  @Test(arguments: [
    ("fingertips-30101-first300.csv", "30101", Domain.health),
    ("un-sdg-food-waste.csv", "AG_FOOD_WST", .health),
    ("worldbank-physicians-per-1000.csv", "SH.MED.PHYS.ZS", .serviceAccess),
    ("gapminder.csv", "lifeExp", .health),
  ])
  func repositoryFixturesAreDefined(file: String, code: String, domain: Domain) throws {
    let text = try String(contentsOfFile: Paths.repository + "/fixtures/" + file, encoding: .utf8)
    #expect(text.contains(code))
    #expect(library.definition(for: code)?.domain == domain)
  }

  /// The Open SDG file has no code column; its indicator id is its name (3-2-1).
  @Test func openSDGFileIsDefinedByItsIndicatorId() {
    #expect(library.definition(for: "3-2-1")?.domain == .childWellbeing)
  }
}

/// The real exports in ../shared/fixtures-real; skipped with a message when it is absent.
@Suite(
  .enabled(if: Paths.shared != nil, "../shared is absent: real-export coverage is not checked"))
struct SharedFixtureDefinitionTests {
  /// The Open SDG export is named after its indicator (3-a-1) and has no code column.
  @Test func openSDGFileIsDefinedByItsIndicatorId() throws {
    let shared = try #require(Paths.shared)
    let file = shared + "/fixtures-real/open-sdg-uk/3-a-1_2023-02-22_first400.csv"
    #expect(FileManager.default.fileExists(atPath: file))
    let library = try DefinitionLibrary(directory: Paths.indicators)
    #expect(library.definition(for: "3-a-1")?.domain == .health)
  }

  /// Codes of the real exports in ../shared/fixtures-real (listed there with
  /// `python3 -c "import csv; ..."` over the code columns: Indicator.ID, GHO (CODE),
  /// Indicator Code, INDICATOR_CODE, the OWID value column and the Open SDG file name).
  @Test(arguments: [
    ("fingertips/fingertipsR_writecsv_93861_new_series.csv", ["93861"]),
    ("worldbank-wdi/API_SP.DYN.TFRT.IN_DS2_EN_csv_v2_1934.csv", ["SP.DYN.TFRT.IN"]),
    ("worldbank-wdi/Metadata_Indicator_API_SP.DYN.IMRT.IN_DS2_en_csv_v2_2.csv", ["SP.DYN.IMRT.IN"]),
    ("worldbank-wdi/user-edited_API_SI.POV.GINI_DS2_en_csv_v2_4701295.csv", ["SI.POV.GINI"]),
    ("pypi-shipped/statsmodels_fertility.csv", ["SP.DYN.TFRT.IN"]),
    ("owid-grapher/child-mortality.csv", ["Under-five mortality rate"]),
    (
      "who-gho-hdx/child_mortality_indicators_hti.csv",
      [
        "CM_01", "CM_02", "CM_03", "CM_04", "DEATHADO", "MDG_0000000001", "MDG_0000000007",
        "MORTADO", "MORT_100", "MORT_200", "MORT_300", "WHOSIS_000003", "WHOSIS_000014",
        "WHOSIS_000016",
      ]
    ),
    (
      "who-gho-hdx/malaria_indicators_hti.csv",
      [
        "MALARIA_EST_MORTALITY", "MALARIA_MICR_POS", "MALARIA_MICR_TEST", "MALARIA_RDT_POS",
        "MALARIA_SUSPECTS",
      ]
    ),
  ])
  func sharedFixturesAreDefined(file: String, codes: [String]) throws {
    let shared = try #require(Paths.shared)
    let library = try DefinitionLibrary(directory: Paths.indicators)
    let text = try String(contentsOfFile: shared + "/fixtures-real/" + file, encoding: .utf8)
    for code in codes {
      #expect(text.contains(code), "\(code) not in \(file)")
      #expect(library.definition(for: code) != nil, "\(code) has no definition")
    }
  }
}

// MARK: - Reading a file

/// The valid entry every case below starts from. Line numbers and columns are 1-based:
/// ```
///  1 domain: health
///  2 indicators:
///  3   - id: "90366"                   the entry mapping and its key `id` start at 3:5;
///                                      the id's value at 3:9 ("  - id: " is 8 characters)
///  4     title: Life expectancy at birth        value at 4:12 ("    title: " is 11)
///  5     unit: years
///  6     value-type: years
///  7     multiplier: 1                          value at 7:17 ("    multiplier: " is 16)
///  8     polarity: higher-is-better             value at 8:15 ("    polarity: " is 14)
///  9     interval-method: as-published
/// 10     source:
/// 11       publisher: OHID                      the source mapping starts at 11:7
/// 12       url: https://fingertips.phe.org.uk/
/// ```
private let baseLines = [
  "domain: health",
  "indicators:",
  "  - id: \"90366\"",
  "    title: Life expectancy at birth",
  "    unit: years",
  "    value-type: years",
  "    multiplier: 1",
  "    polarity: higher-is-better",
  "    interval-method: as-published",
  "    source:",
  "      publisher: OHID",
  "      url: https://fingertips.phe.org.uk/",
]

/// The base file with line `n` (1-based) replaced (nil removes it) and lines added after the
/// end.
private func base(_ changes: [Int: String?] = [:], adding extra: [String] = []) -> String {
  var lines: [String] = []
  for (i, line) in baseLines.enumerated() {
    if let change = changes[i + 1] {
      if let change { lines.append(change) }
    } else {
      lines.append(line)
    }
  }
  return (lines + extra).joined(separator: "\n") + "\n"
}

/// The error a throwing call throws, or nil.
private func thrown(_ body: () throws(IndicatorError) -> DefinitionLibrary) -> IndicatorError? {
  do {
    _ = try body()
    return nil
  } catch {
    return error
  }
}

private func problems(_ yaml: String, file: String = "test.yaml") -> [IndicatorError] {
  DefinitionLibrary.problems(in: [(file, yaml)])
}

@Suite struct DefinitionParsingTests {
  /// Every field of a full entry, read back. The folded `notes` block joins its two lines with
  /// one space (YAML 1.1, folded style `>-`: line breaks fold to spaces, no final newline).
  @Test func readsEveryField() throws {
    let yaml = base(
      [1: "domain: child-wellbeing"],
      adding: [
        "    aliases: [SH.DYN.MORT, MDG_0000000007]",
        "    target:",
        "      value: 25",
        "      period: \"2030\"",
        "    baseline-period: 2015",
        "    notes: >-",
        "      first line",
        "      second line",
        "    domain: child-wellbeing",
      ])
    let library = try DefinitionLibrary(texts: [("cw.yaml", yaml)])
    let d = try #require(library.definition(for: "MDG_0000000007"))
    #expect(d.id == "90366")
    #expect(d.title == "Life expectancy at birth")
    #expect(d.domain == .childWellbeing)
    #expect(d.unit == "years")
    #expect(d.valueType == .years)
    #expect(d.multiplier == 1)
    #expect(d.polarity == .higherIsBetter)
    #expect(d.intervalMethod == .asPublished)
    #expect(d.source == IndicatorSource(publisher: "OHID", url: "https://fingertips.phe.org.uk/"))
    #expect(d.aliases == ["SH.DYN.MORT", "MDG_0000000007"])
    #expect(d.target == Target(value: 25, period: "2030"))
    #expect(d.baselinePeriod == "2015")
    #expect(d.notes == "first line second line")
    #expect(d.location == DefinitionLocation(file: "cw.yaml", line: 3, column: 9))
    #expect(d.location.description == "cw.yaml:3:9")
    #expect(library.ids == ["90366"])
    #expect(library.domains == [.childWellbeing])
  }

  /// YAML number spellings of a multiplier: 100000, 1e5 and 100_000 are the same number.
  @Test(arguments: ["100000", "1e5", "100_000", "100000.0"])
  func multiplierSpellings(text: String) throws {
    let library = try DefinitionLibrary(texts: [("m.yaml", base([7: "    multiplier: \(text)"]))])
    #expect(library.definition(for: "90366")?.multiplier == 100_000)
  }

  /// An unquoted Fingertips id is an integer to YAML but is kept as its text.
  @Test func unquotedNumericIdIsText() throws {
    let library = try DefinitionLibrary(texts: [("n.yaml", base([3: "  - id: 90366"]))])
    #expect(library.ids == ["90366"])
  }

  @Test func emptyIndicatorListIsValid() throws {
    let library = try DefinitionLibrary(texts: [("e.yaml", "domain: health\nindicators: []\n")])
    #expect(library.definitions.isEmpty)
    #expect(library.domains.isEmpty)
  }
}

// MARK: - Problems, with their exact message and place

/// One expected problem. Positions are worked out by hand from the case's text (see the
/// numbered base file above); `found`, `expected` and `hint` only when the case checks them.
struct ExpectedProblem: Sendable, CustomTestStringConvertible {
  var message: String
  var line: Int?
  var column: Int?
  var found: String? = nil
  var expected: String? = nil
  var hint: String? = nil
  /// Check that there is no hint at all.
  var hasNoHint = false
  var testDescription: String { "\(line ?? 0):\(column ?? 0) \(message)" }

  func check(_ actual: IndicatorError, file: String = "test.yaml") {
    #expect(actual.kind == .invalidDefinition)
    #expect(actual.file == file)
    #expect(actual.message == message)
    #expect(actual.line == line)
    #expect(actual.column == column)
    if let found { #expect(actual.found == found) }
    if let expected { #expect(actual.expected == expected) }
    if let hint { #expect(actual.hint == hint) }
    if hasNoHint { #expect(actual.hint == nil) }
  }
}

struct ProblemCase: Sendable, CustomTestStringConvertible {
  var name: String
  var yaml: String
  var problems: [ExpectedProblem]
  var testDescription: String { name }
}

private let entryKeys =
  "one of id, title, domain, unit, value-type, multiplier, polarity, interval-method, source, "
  + "aliases, notes, target, baseline-period"

private let problemCases: [ProblemCase] = [
  // Line 10 is the inserted key, at column 5 after four spaces. "note" is one edit from
  // "notes".
  ProblemCase(
    name: "unknown key with a close match",
    yaml: base([10: "    note: see source", 11: "    source:", 12: "      publisher: OHID"],
      adding: ["      url: https://fingertips.phe.org.uk/"]),
    problems: [
      ExpectedProblem(
        message: "unknown key \"note\" in an indicator", line: 10, column: 5, found: "\"note\"",
        expected: entryKeys, hint: "did you mean \"notes\"?")
    ]),
  // value_type is not a key, so value-type is also missing: the missing key is reported at
  // the entry (3:5) and sorts first.
  ProblemCase(
    name: "underscore instead of hyphen",
    yaml: base([6: "    value_type: years"]),
    problems: [
      ExpectedProblem(
        message: "indicator \"90366\" has no \"value-type\"", line: 3, column: 5,
        expected: "value-type: one of proportion, crude-rate, directly-standardised-rate, "
          + "count, mean, ratio, index, years"),
      ExpectedProblem(
        message: "unknown key \"value_type\" in an indicator", line: 6, column: 5,
        hint: "did you mean \"value-type\"?"),
    ]),
  ProblemCase(
    name: "unknown key without a close match",
    yaml: base(adding: ["    colour: blue"]),
    problems: [
      ExpectedProblem(
        message: "unknown key \"colour\" in an indicator", line: 13, column: 5,
        expected: entryKeys, hasNoHint: true)
    ]),
  ProblemCase(
    name: "missing required key",
    yaml: base([8: nil]),
    problems: [
      ExpectedProblem(
        message: "indicator \"90366\" has no \"polarity\"", line: 3, column: 5,
        expected: "polarity: one of higher-is-better, lower-is-better, no-judgement")
    ]),
  // Without an id the entry mapping starts at its first key, title (3:5).
  ProblemCase(
    name: "missing id",
    yaml: base([3: "  - title: Life expectancy at birth", 4: nil]),
    problems: [
      ExpectedProblem(message: "an indicator has no \"id\"", line: 3, column: 5)
    ]),
  ProblemCase(
    name: "text expected, list found",
    yaml: base([4: "    title: [Life, expectancy]"]),
    problems: [
      ExpectedProblem(
        message: "\"title\" must be text, found a list", line: 4, column: 12, found: "a list",
        expected: "text")
    ]),
  // An empty value is reported at its key (4:5).
  ProblemCase(
    name: "empty text",
    yaml: base([4: "    title:"]),
    problems: [ExpectedProblem(message: "\"title\" is empty", line: 4, column: 5)]),
  ProblemCase(
    name: "number expected, text found",
    yaml: base([7: "    multiplier: lots"]),
    problems: [
      ExpectedProblem(
        message: "\"multiplier\" must be a number", line: 7, column: 17, found: "\"lots\"",
        expected: "a number such as 100 or 100000")
    ]),
  ProblemCase(
    name: "multiplier zero",
    yaml: base([7: "    multiplier: 0"]),
    problems: [
      ExpectedProblem(
        message: "multiplier must be positive", line: 7, column: 17, found: "\"0\"",
        expected: "multiplier: a number greater than 0, such as 100 for a percentage or 100000 "
          + "for a rate per 100,000")
    ]),
  ProblemCase(
    name: "multiplier negative",
    yaml: base([7: "    multiplier: -100"]),
    problems: [
      ExpectedProblem(
        message: "multiplier must be positive", line: 7, column: 17, found: "\"-100\"")
    ]),
  // "up" is two letters: no allowed polarity is one edit away, so the hint explains the field.
  ProblemCase(
    name: "unknown polarity",
    yaml: base([8: "    polarity: up"]),
    problems: [
      ExpectedProblem(
        message: "unknown polarity \"up\"", line: 8, column: 15, found: "\"up\"",
        expected: "one of higher-is-better, lower-is-better, no-judgement",
        hint: "polarity says which direction is an improvement")
    ]),
  // "lower-is-beter" is one deletion from "lower-is-better".
  ProblemCase(
    name: "misspelt polarity",
    yaml: base([8: "    polarity: lower-is-beter"]),
    problems: [
      ExpectedProblem(
        message: "unknown polarity \"lower-is-beter\"", line: 8, column: 15,
        hint: "did you mean \"lower-is-better\"?")
    ]),
  // "    value-type: " is 16 characters, so the value is at 6:17.
  ProblemCase(
    name: "unknown value type",
    yaml: base([6: "    value-type: rate"]),
    problems: [
      ExpectedProblem(
        message: "unknown value-type \"rate\"", line: 6, column: 17,
        expected: "one of proportion, crude-rate, directly-standardised-rate, count, mean, "
          + "ratio, index, years",
        hint: "value-type says how the value is built, which decides pooling and intervals")
    ]),
  // "    interval-method: " is 21 characters: value at 9:22. Case differs only.
  ProblemCase(
    name: "interval method in capitals",
    yaml: base([9: "    interval-method: Wilson"]),
    problems: [
      ExpectedProblem(
        message: "unknown interval-method \"Wilson\"", line: 9, column: 22,
        expected: "one of wilson, byars, exact-poisson, student-t, dobson, none, as-published",
        hint: "did you mean \"wilson\"?")
    ]),
  // The target mapping starts at its first key, period, on line 14 at column 7.
  ProblemCase(
    name: "target without value",
    yaml: base(adding: ["    target:", "      period: \"2030\""]),
    problems: [
      ExpectedProblem(
        message: "the target of indicator \"90366\" has no \"value\"", line: 14, column: 7,
        expected: "value: the level to reach, in the indicator's unit")
    ]),
  // "    target: " is 12 characters: the value at 13:13.
  ProblemCase(
    name: "target as a number",
    yaml: base(adding: ["    target: 70"]),
    problems: [
      ExpectedProblem(
        message: "\"target\" must be a mapping with value: and, optionally, period:, found \"70\"",
        line: 13, column: 13, found: "\"70\"")
    ]),
  ProblemCase(
    name: "source without url or reference",
    yaml: base([12: nil]),
    problems: [
      ExpectedProblem(
        message: "the source of indicator \"90366\" has neither \"url\" nor \"reference\"",
        line: 11, column: 7)
    ]),
  // "    domain: " is 12 characters: the value at 4:13.
  ProblemCase(
    name: "domain differs from the file's",
    yaml: base([4: "    domain: inequality"], adding: ["    title: Life expectancy at birth"]),
    problems: [
      ExpectedProblem(
        message:
          "indicator \"90366\" has domain \"inequality\" but the file's domain is \"health\"",
        line: 4, column: 13, found: "\"inequality\"",
        hint: "move the indicator to the inequality file, or remove its domain key")
    ]),
  // The same alias twice in one entry: "    aliases: [" is 14 characters, so the first A is
  // at 13:15 and the second, after "A, ", at 13:18.
  ProblemCase(
    name: "alias repeated in one entry",
    yaml: base(adding: ["    aliases: [A, A]"]),
    problems: [
      ExpectedProblem(
        message:
          "duplicate alias \"A\": already an alias of indicator \"90366\" at test.yaml:13:15",
        line: 13, column: 18, found: "\"A\"")
    ]),
  ProblemCase(
    name: "aliases not a list",
    yaml: base(adding: ["    aliases: SP.DYN.LE00.IN"]),
    problems: [
      ExpectedProblem(
        message: "\"aliases\" must be a list of ids, such as [SH_DYN_MORT, SH.DYN.MORT], found "
          + "\"SP.DYN.LE00.IN\"", line: 13, column: 14)
    ]),
  // Top level.
  ProblemCase(
    name: "unknown domain",
    yaml: base([1: "domain: helth"]),
    problems: [
      ExpectedProblem(
        message: "unknown domain \"helth\"", line: 1, column: 9,
        expected: "one of health, inequality, service-access, child-wellbeing, partnership",
        hint: "did you mean \"health\"?")
    ]),
  // The root mapping starts at 1:1, at its first key (now indicators).
  ProblemCase(
    name: "no domain",
    yaml: base([1: nil]),
    problems: [
      ExpectedProblem(
        message: "the file has no \"domain\"", line: 1, column: 1,
        expected: "domain: one of health, inequality, service-access, child-wellbeing, partnership")
    ]),
  ProblemCase(
    name: "unknown top-level key",
    yaml: "domain: health\nindicator: []\n",
    problems: [
      ExpectedProblem(message: "the file has no \"indicators\"", line: 1, column: 1),
      ExpectedProblem(
        message: "unknown key \"indicator\" at the top level", line: 2, column: 1,
        expected: "one of domain, indicators", hint: "did you mean \"indicators\"?"),
    ]),
  // "indicators: " is 12 characters: the value at 2:13.
  ProblemCase(
    name: "indicators not a list",
    yaml: "domain: health\nindicators: none\n",
    problems: [
      ExpectedProblem(
        message: "\"indicators\" must be a list of indicator definitions, each starting with "
          + "\"- id:\", found \"none\"", line: 2, column: 13)
    ]),
  ProblemCase(
    name: "top level is a list",
    yaml: "- domain: health\n",
    problems: [
      ExpectedProblem(
        message: "the top level must be a mapping", line: 1, column: 1, found: "a list",
        expected: "a mapping with domain: and indicators:")
    ]),
  ProblemCase(
    name: "entry is not a mapping",
    yaml: "domain: health\nindicators:\n  - 90366\n",
    problems: [
      ExpectedProblem(
        message: "each indicator must be a mapping", line: 3, column: 5, found: "\"90366\"")
    ]),
  ProblemCase(
    name: "empty file",
    yaml: "",
    problems: [ExpectedProblem(message: "the file is empty", line: nil, column: nil)]),
  // YAML syntax. In "    title: Life expectancy: at birth" the second ": " starts a mapping
  // value inside a plain scalar; libyaml stops at that colon, the 27th character
  // (4 spaces, "title" 5-9, ":" 10, " " 11, "Life" 12-15, " " 16, "expectancy" 17-26).
  ProblemCase(
    name: "colon inside an unquoted title",
    yaml: base([4: "    title: Life expectancy: at birth"]),
    problems: [
      ExpectedProblem(
        message: "invalid YAML: mapping values are not allowed in this context", line: 4,
        column: 27)
    ]),
  // A key repeated in one mapping: reported at the first of the two (4:5).
  ProblemCase(
    name: "key twice in one mapping",
    yaml: base([5: "    title: Another title"]),
    problems: [
      ExpectedProblem(
        message: "key \"title\" appears more than once in the same mapping", line: 4, column: 5,
        expected: "each key once per mapping")
    ]),
]

@Suite struct DefinitionProblemTests {
  @Test(arguments: problemCases)
  func reportsProblem(testCase: ProblemCase) {
    let actual = problems(testCase.yaml)
    #expect(actual.count == testCase.problems.count, "\(actual.map(\.description))")
    for (expected, found) in zip(testCase.problems, actual) { expected.check(found) }
    // Loading throws the first problem.
    let error = thrown { () throws(IndicatorError) in
      try DefinitionLibrary(texts: [("test.yaml", testCase.yaml)])
    }
    #expect(error == actual.first)
  }

  /// The compiler-style message, whole (format of IndicatorError.description).
  @Test func descriptionReadsLikeACompilerMessage() {
    let first = problems(base([8: "    polarity: up"])).first
    #expect(
      first?.description == """
        test.yaml:8:15: error: unknown polarity "up"
          expected: one of higher-is-better, lower-is-better, no-judgement
          hint: polarity says which direction is an improvement
        """)
  }

  /// Problems in several entries are all reported, in line order.
  @Test func collectsEveryProblem() {
    let yaml = base([8: "    polarity: up"], adding: [
      "  - id: SECOND", "    title: Second", "    unit: \"%\"", "    value-type: percent",
      "    multiplier: 100", "    polarity: higher-is-better", "    interval-method: wilson",
      "    source: {publisher: X, url: \"https://example.org\"}",
    ])
    let found = problems(yaml)
    // Line 8 is "    polarity: up" (value at 8:15); line 16 "    value-type: percent" (16:17).
    #expect(found.map(\.message) == ["unknown polarity \"up\"", "unknown value-type \"percent\""])
    #expect(found.map(\.line) == [8, 16])
    #expect(found.map(\.column) == [15, 17])
  }

  /// Duplicates across two texts name both places: the second file's node and the first
  /// file's id (3:9 in both, "  - id: " being 8 characters).
  @Test func duplicateIdAcrossFiles() {
    let found = DefinitionLibrary.problems(in: [
      ("a.yaml", base()), ("b.yaml", base([1: "domain: inequality"])),
    ])
    #expect(found.count == 1)
    ExpectedProblem(
      message: "duplicate id \"90366\": already the id of an indicator at a.yaml:3:9", line: 3,
      column: 9, found: "\"90366\"",
      hint: "ids and aliases must be unique across all definition files, because data rows are "
        + "matched to definitions by them"
    ).check(found[0], file: "b.yaml")
  }

  /// An id that an earlier file uses as an alias. In a.yaml the alias is on line 13 after
  /// "    aliases: [" (14 characters), so at 13:15.
  @Test func idThatIsAnEarlierAlias() {
    let first = base(adding: ["    aliases: [SP.DYN.LE00.IN]"])
    let second = base([3: "  - id: SP.DYN.LE00.IN"])
    let found = DefinitionLibrary.problems(in: [("a.yaml", first), ("b.yaml", second)])
    #expect(found.count == 1)
    ExpectedProblem(
      message: "duplicate id \"SP.DYN.LE00.IN\": already an alias of indicator \"90366\" at "
        + "a.yaml:13:15", line: 3, column: 9
    ).check(found[0], file: "b.yaml")
  }
}

// MARK: - Files and directories

@Suite struct DefinitionFileTests {
  /// a.yaml then b.yml (name order); .hidden.yaml (broken on purpose) and README.md skipped.
  @Test func readsYamlAndYmlInNameOrder() throws {
    let library = try DefinitionLibrary(directory: Paths.fixtures + "/valid")
    #expect(library.ids == ["A1", "B1"])
    #expect(library.domains == [.health, .inequality])
    #expect(library.definition(for: "A-ONE")?.id == "A1")
    #expect(library.definition(for: "B1")?.location.file == Paths.fixtures + "/valid/b.yml")
  }

  @Test func readsListedFiles() throws {
    let library = try DefinitionLibrary(files: [Paths.fixtures + "/valid/b.yml"])
    #expect(library.ids == ["B1"])
  }

  /// second.yaml line 10 is `    aliases: [SP.DYN.LE00.IN, "90366"]`: "    aliases: [" is 14
  /// characters and SP.DYN.LE00.IN 14 more, then ", ", so "90366" starts at column 31.
  @Test func duplicateAcrossFilesOfADirectory() {
    let directory = Paths.fixtures + "/duplicate"
    #expect(
      throws: IndicatorError(
        .invalidDefinition, file: directory + "/second.yaml", line: 10, column: 31,
        found: "\"90366\"",
        message: "duplicate alias \"90366\": already the id of an indicator at "
          + "\(directory)/first.yaml:3:9",
        hint: "ids and aliases must be unique across all definition files, because data rows "
          + "are matched to definitions by them")
    ) { try DefinitionLibrary(directory: directory) }
  }

  /// broken.yaml line 4 is "    title: Life expectancy: at birth" (see the syntax case above).
  @Test func syntaxErrorInAFile() {
    let file = Paths.fixtures + "/syntax/broken.yaml"
    #expect(
      throws: IndicatorError(
        .invalidDefinition, file: file, line: 4, column: 27,
        message: "invalid YAML: mapping values are not allowed in this context")
    ) { try DefinitionLibrary(directory: Paths.fixtures + "/syntax") }
  }

  @Test func missingDirectory() {
    let directory = Paths.fixtures + "/does-not-exist"
    #expect(
      throws: IndicatorError(
        .fileNotFound, file: directory, message: "no such directory",
        expected: "a directory of indicator definitions (*.yaml)")
    ) { try DefinitionLibrary(directory: directory) }
  }

  @Test func directoryWithoutDefinitions() {
    let directory = Paths.fixtures + "/no-yaml"
    #expect(
      throws: IndicatorError(
        .fileNotFound, file: directory, message: "no definitions file in the directory",
        expected: "files named *.yaml or *.yml")
    ) { try DefinitionLibrary(directory: directory) }
  }

  @Test func missingFile() {
    let file = Paths.fixtures + "/valid/none.yaml"
    #expect(throws: IndicatorError(.fileNotFound, file: file, message: "no such file")) {
      try DefinitionLibrary(files: [file])
    }
  }
}
