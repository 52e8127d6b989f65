/// What one indicator measures and how to read it, as its publisher defines it: the unit, how
/// the value is built, which direction is an improvement, how its confidence interval is
/// computed, and where the definition comes from.
///
/// Definitions live in YAML files under `indicators/` (one file per ``Domain``) and are read
/// by ``DefinitionLibrary``. Data rows are matched to a definition by its ``id`` or one of its
/// ``aliases``: a Fingertips indicator id (`90366`), a UN SDG series code (`SH_DYN_MORT`), a
/// World Bank WDI code (`SP.DYN.IMRT.IN`), a WHO GHO code (`MDG_0000000007`).
public struct IndicatorDefinition: Sendable, Equatable {
  /// The identifier data rows use, exactly as the publisher writes it.
  public var id: String
  /// A short human title.
  public var title: String
  public var domain: Domain
  /// What one unit of the value is, for people: `%`, `per 1,000 live births`, `years`.
  public var unit: String
  public var valueType: ValueType
  /// What the underlying fraction was multiplied by: 100 for a percentage, 1,000 for a rate
  /// per 1,000, 100,000 for a rate per 100,000, 1 for counts, means and indices. Always > 0.
  public var multiplier: Double
  public var polarity: Polarity
  public var intervalMethod: IntervalMethod
  public var source: IndicatorSource
  /// Other identifiers the same indicator goes by in exports.
  public var aliases: [String]
  /// Caveats, definition details and anything the author was unsure of.
  public var notes: String?
  public var target: Target?
  /// The period progress is measured from (`2015`, `2019/20`), when one is set.
  public var baselinePeriod: String?
  /// Where the definition was written (file, line and column of its `id`).
  public var location: DefinitionLocation

  public init(
    id: String, title: String, domain: Domain, unit: String, valueType: ValueType,
    multiplier: Double, polarity: Polarity, intervalMethod: IntervalMethod,
    source: IndicatorSource, aliases: [String] = [], notes: String? = nil, target: Target? = nil,
    baselinePeriod: String? = nil, location: DefinitionLocation
  ) {
    self.id = id
    self.title = title
    self.domain = domain
    self.unit = unit
    self.valueType = valueType
    self.multiplier = multiplier
    self.polarity = polarity
    self.intervalMethod = intervalMethod
    self.source = source
    self.aliases = aliases
    self.notes = notes
    self.target = target
    self.baselinePeriod = baselinePeriod
    self.location = location
  }
}

/// The theme an indicator belongs to. Each has its own definitions file.
public enum Domain: String, Sendable, CaseIterable, Codable, Comparable {
  case health
  case inequality
  case serviceAccess = "service-access"
  case childWellbeing = "child-wellbeing"
  /// A partnership's own programme measures (funding, sessions, families reached), usually
  /// defined in its results chain rather than by a publisher.
  case partnership

  public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
  private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// How a value is built, which says how it may be pooled and which interval applies.
public enum ValueType: String, Sendable, CaseIterable, Codable {
  /// Part of a whole: count ÷ denominator (× multiplier).
  case proportion
  /// Events ÷ population at risk, not age-adjusted.
  case crudeRate = "crude-rate"
  /// Age-specific rates weighted by a standard population (the European Standard Population
  /// 2013 in England).
  case directlyStandardisedRate = "directly-standardised-rate"
  /// A number of people or events.
  case count
  /// An average of a quantity (per person, per woman).
  case mean
  /// One quantity ÷ another that is not its population at risk (maternal deaths per live
  /// births, the income share of the top 10% ÷ the bottom 40%).
  case ratio
  /// A composite score on a fixed scale (Gini index 0–100, UHC service coverage 0–100).
  case index
  /// A duration in years (life expectancy, the slope index of inequality in life expectancy).
  case years
}

/// Which direction of change is an improvement.
public enum Polarity: String, Sendable, CaseIterable, Codable {
  case higherIsBetter = "higher-is-better"
  case lowerIsBetter = "lower-is-better"
  /// Context or demand measures where neither direction is better (population, fertility).
  case noJudgement = "no-judgement"
}

/// How the confidence interval of a value is computed.
public enum IntervalMethod: String, Sendable, CaseIterable, Codable {
  /// Wilson score interval for a proportion.
  case wilson
  /// Byars' approximation to the Poisson interval for a count or crude rate.
  case byars
  /// Exact Poisson interval (chi-squared) for small counts; Byars from 10 events.
  case exactPoisson = "exact-poisson"
  /// Student's t interval for a mean.
  case studentT = "student-t"
  /// Dobson's method for a directly standardised rate.
  case dobson
  /// No interval: administrative totals, modelled indices, shares.
  case none
  /// Use the bounds the publisher ships (modelled estimates, survey-weighted values, life
  /// expectancy by Chiang's method); none when it ships none.
  case asPublished = "as-published"
}

/// A level to reach, and by when.
public struct Target: Sendable, Equatable {
  /// The level, in the indicator's own unit (already multiplied).
  public var value: Double
  /// The period by which it should be reached (`2030`), when the target has one.
  public var period: String?
  public init(value: Double, period: String? = nil) {
    self.value = value
    self.period = period
  }
}

/// Where a definition comes from.
public struct IndicatorSource: Sendable, Equatable {
  /// The organisation that defines and publishes the indicator.
  public var publisher: String
  /// The page or API address of the definition.
  public var url: String?
  /// A citation when there is no stable address, or in addition to one.
  public var reference: String?
  public init(publisher: String, url: String? = nil, reference: String? = nil) {
    self.publisher = publisher
    self.url = url
    self.reference = reference
  }
}

/// A place in a definitions file: the path as the user gave it, 1-based line and column.
public struct DefinitionLocation: Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
  /// `file:line:column`, the way compilers and editors jump to a place.
  public var description: String { "\(file):\(line):\(column)" }
}
