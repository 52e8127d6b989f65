public import Indicators

/// A results chain: the steps by which a partnership's work is expected to lead to its final
/// outcomes, level by level, with the assumptions each link rests on and the risks that
/// threaten it.
///
/// A chain is a directed acyclic graph, not only a line: a step may lead to several steps and
/// come from several. It is read from a YAML file (see `indicators/chains/README.md`) with
/// ``load(path:library:)`` or ``init(yaml:file:library:)``, which check everything that can be
/// checked without data: the shape of the file, ids, cycles, level order, steps that lead
/// nowhere or come from nowhere, outcomes that no input reaches, and (given the definitions)
/// indicator ids.
///
/// ```swift
/// let library = try DefinitionLibrary(directory: "indicators")
/// let chain = try ResultsChain.load(path: "indicators/chains/healthy-weight.yaml", library: library)
/// let assessment = chain.assess(ChainData(groups: [IndicatorResults(set: set, results: results)]))
/// ```
public struct ResultsChain: Sendable, Equatable {
  /// The chain's name, for headings.
  public var name: String
  /// What the chain is about, in a sentence or two.
  public var description: String?
  /// The file it was read from, as the user typed it.
  public var file: String
  /// The levels, from the first (inputs) to the last (final outcomes).
  public var levels: [ChainLevel]
  /// The steps, in the order written.
  public var steps: [Step]
  public var assumptions: [Assumption]
  public var risks: [Risk]
  /// Indicators the chain defines itself (local measures the definitions library does not have).
  public var localIndicators: [LocalIndicator]
  /// How to read inequality along the chain, when the data has deprivation quantiles.
  public var equity: EquitySettings?
  /// Every threshold and default of the assessment.
  public var settings: AssessmentSettings
  /// Things worth telling that do not stop the chain (a step with no indicator).
  public var warnings: [ChainWarning]

  public init(
    name: String, description: String? = nil, file: String, levels: [ChainLevel] = ChainLevel.defaults,
    steps: [Step], assumptions: [Assumption] = [], risks: [Risk] = [], localIndicators: [LocalIndicator] = [],
    equity: EquitySettings? = nil, settings: AssessmentSettings = AssessmentSettings(), warnings: [ChainWarning] = []
  ) {
    self.name = name
    self.description = description
    self.file = file
    self.levels = levels
    self.steps = steps
    self.assumptions = assumptions
    self.risks = risks
    self.localIndicators = localIndicators
    self.equity = equity
    self.settings = settings
    self.warnings = warnings
  }

  /// The step with id `id`.
  /// - Complexity: O(n) in the number of steps.
  public func step(_ id: String) -> Step? { steps.first { $0.id == id } }

  /// The lowest and highest level index any step uses; `nil` for a chain with no steps.
  public var usedLevels: ClosedRange<Int>? {
    guard let low = steps.map(\.level).min(), let high = steps.map(\.level).max() else { return nil }
    return low...high
  }

  /// The final outcomes: the steps at the highest level any step uses, in the order written.
  public var outcomes: [Step] {
    guard let top = usedLevels?.upperBound else { return [] }
    return steps.filter { $0.level == top }
  }

  /// The inputs: the steps at the lowest level any step uses, in the order written.
  public var inputs: [Step] {
    guard let bottom = usedLevels?.lowerBound else { return [] }
    return steps.filter { $0.level == bottom }
  }

  /// Every indicator id the chain refers to (steps, assumptions, risks), each once, in the order
  /// first written.
  public var referencedIndicators: [String] {
    var seen = Set<String>()
    var out: [String] = []
    let all = steps.flatMap(\.indicators) + assumptions.flatMap(\.indicators) + risks.flatMap(\.indicators)
    for r in all where seen.insert(r.id).inserted { out.append(r.id) }
    return out
  }
}

/// One level of a results chain.
public struct ChainLevel: Sendable, Equatable {
  /// The word steps use in `level:` (`engagement`).
  public var id: String
  /// The heading people read (`Engagement, involvement and reach`).
  public var name: String
  public init(id: String, name: String) {
    self.id = id
    self.name = name
  }

  /// The seven levels of Bennett's hierarchy as used by contribution analysis and OutNav: inputs,
  /// activities, engagement, reactions, knowledge, practices, outcomes.
  public static let defaults: [ChainLevel] = [
    ChainLevel(id: "inputs", name: "Inputs and resources"),
    ChainLevel(id: "activities", name: "Activities"),
    ChainLevel(id: "engagement", name: "Engagement, involvement and reach"),
    ChainLevel(id: "reactions", name: "Reactions and awareness"),
    ChainLevel(id: "knowledge", name: "Knowledge, attitudes, skills and aspirations"),
    ChainLevel(id: "practices", name: "Practices and behaviours"),
    ChainLevel(id: "outcomes", name: "Final outcomes"),
  ]
}

/// Where something was written in a chain file: the path as the user gave it, 1-based line and
/// column.
public struct ChainLocation: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
  /// `file:line:column`.
  public var description: String { "\(file):\(line):\(column)" }
}

/// One box of the chain.
public struct Step: Sendable, Equatable {
  public var id: String
  /// Index into ``ResultsChain/levels``.
  public var level: Int
  /// What the step says happens, in the evaluator's words.
  public var statement: String
  /// The indicators that evidence the step.
  public var indicators: [IndicatorReference]
  /// The ids of the steps this one leads to.
  public var leadsTo: [String]
  /// Where each `leads-to` entry was written, in the same order.
  public var leadsToLocations: [ChainLocation]
  /// Where the step's `id` was written.
  public var location: ChainLocation

  public init(
    id: String, level: Int, statement: String, indicators: [IndicatorReference] = [], leadsTo: [String] = [],
    leadsToLocations: [ChainLocation]? = nil, location: ChainLocation
  ) {
    self.id = id
    self.level = level
    self.statement = statement
    self.indicators = indicators
    self.leadsTo = leadsTo
    self.leadsToLocations = leadsToLocations ?? leadsTo.map { _ in location }
    self.location = location
  }
}

/// Which series of an indicator evidences a step, and which direction counts as progress.
public struct IndicatorReference: Sendable, Equatable {
  /// The indicator id (or an alias the definitions know).
  public var id: String
  /// The area code of the series; the chain's `area` unless the reference names its own; `nil`
  /// takes any area.
  public var area: String?
  /// Breakdown values the series must have (`sex: Persons`), the chain's `breakdown` merged
  /// with the reference's own.
  public var breakdown: [String: String]
  /// The direction the chain expects, overriding the indicator's polarity (for activity counts
  /// whose definition has no polarity).
  public var expect: Expectation?
  /// Where the reference was written.
  public var location: ChainLocation

  public init(
    id: String, area: String? = nil, breakdown: [String: String] = [:], expect: Expectation? = nil,
    location: ChainLocation
  ) {
    self.id = id
    self.area = area
    self.breakdown = breakdown
    self.expect = expect
    self.location = location
  }
}

/// The direction a chain expects an indicator to move.
public enum Expectation: String, Sendable, Equatable, CaseIterable {
  case increase
  case decrease
}

/// What a link or step rests on that the partnership does not control.
public struct Assumption: Sendable, Equatable {
  public var id: String
  public var statement: String
  public var concerns: Concern
  /// The indicators that test it: their good direction is the one consistent with the assumption.
  public var indicators: [IndicatorReference]
  public var location: ChainLocation
  public init(
    id: String, statement: String, concerns: Concern, indicators: [IndicatorReference] = [], location: ChainLocation
  ) {
    self.id = id
    self.statement = statement
    self.concerns = concerns
    self.indicators = indicators
    self.location = location
  }
}

/// What an assumption or risk is about: one step, or the link between two.
public enum Concern: Sendable, Equatable, CustomStringConvertible {
  case step(String)
  case link(from: String, to: String)

  /// The step ids involved.
  public var steps: [String] {
    switch self {
    case .step(let s): [s]
    case .link(let a, let b): [a, b]
    }
  }
  /// `reach` or `reach -> knowledge`.
  public var description: String {
    switch self {
    case .step(let s): s
    case .link(let a, let b): "\(a) -> \(b)"
    }
  }
}

/// Something that could stop steps from happening.
public struct Risk: Sendable, Equatable {
  public var id: String
  public var statement: String
  /// The ids of the steps it threatens.
  public var threatens: [String]
  /// Where each `threatens` entry was written.
  public var threatensLocations: [ChainLocation]
  /// The indicators that signal it: a significant change in an indicator's bad direction means
  /// the risk is materialising.
  public var indicators: [IndicatorReference]
  public var location: ChainLocation
  public init(
    id: String, statement: String, threatens: [String], threatensLocations: [ChainLocation]? = nil,
    indicators: [IndicatorReference] = [], location: ChainLocation
  ) {
    self.id = id
    self.statement = statement
    self.threatens = threatens
    self.threatensLocations = threatensLocations ?? threatens.map { _ in location }
    self.indicators = indicators
    self.location = location
  }
}

/// An indicator the chain defines itself: a partnership's local measure that the definitions
/// library does not hold (families enrolled, partners reporting shared aims).
public struct LocalIndicator: Sendable, Equatable {
  public var id: String
  public var title: String
  public var unit: String?
  public var polarity: Polarity
  public var target: Target?
  /// The period progress towards the target is measured from.
  public var baselinePeriod: String?
  public var notes: String?
  public var location: ChainLocation
  public init(
    id: String, title: String, unit: String? = nil, polarity: Polarity, target: Target? = nil,
    baselinePeriod: String? = nil, notes: String? = nil, location: ChainLocation
  ) {
    self.id = id
    self.title = title
    self.unit = unit
    self.polarity = polarity
    self.target = target
    self.baselinePeriod = baselinePeriod
    self.notes = notes
    self.location = location
  }
}

/// How to read inequality along the chain.
public struct EquitySettings: Sendable, Equatable {
  /// The breakdown column whose values are deprivation quantiles (`deprivation`, `imd_quintile`).
  public var breakdown: String
  /// Whether quantile 1 (the first) is the most deprived (English IMD) or the least.
  public var mostDeprivedFirst: Bool
  /// The level whose steps measure reach (by default `engagement`, else the second level used).
  public var reachLevel: Int?
  public init(breakdown: String, mostDeprivedFirst: Bool = true, reachLevel: Int? = nil) {
    self.breakdown = breakdown
    self.mostDeprivedFirst = mostDeprivedFirst
    self.reachLevel = reachLevel
  }
}
