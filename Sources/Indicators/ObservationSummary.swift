import Columnar

/// What a set of observations holds, for `inspect`: the layout, indicators, areas,
/// breakdowns, periods and missing values by reason.
public struct ObservationSummary: Sendable, Equatable, Codable {
  public var layout: String
  public var layoutTitle: String
  public var observations: Int
  public var valuesPresent: Int
  public var indicators: Distinct
  public var areas: Distinct
  public var breakdowns: [Breakdown]
  public var periods: Periods
  /// Missing values by absence reason (raw value → count), in reason order.
  public var missingByReason: [String: Int]

  /// How many distinct values, and the first few in sorted order.
  public struct Distinct: Sendable, Equatable, Codable {
    public var count: Int
    public var examples: [String]
  }

  public struct Breakdown: Sendable, Equatable, Codable {
    public var name: String
    public var values: Distinct
  }

  public struct Periods: Sendable, Equatable, Codable {
    /// Distinct period labels.
    public var count: Int
    /// The earliest and latest periods (by start date when the labels parse; else as text).
    public var first: String?
    public var last: String?
    /// Granularities met (`year`, `quarter`, `multi-year` …), sorted.
    public var granularities: [String]
    /// Labels that are not periods Backbone can read.
    public var unreadable: [String]
  }

  /// Summarises `observations`, listing at most `examples` values of each kind.
  /// - Complexity: O(n) plus a sort of each dictionary.
  public init(_ o: Observations, examples: Int = 5) {
    layout = o.layout.rawValue
    layoutTitle = o.layout.title
    observations = o.count
    valuesPresent = o.column(CanonicalColumn.value).validCount
    indicators = Self.distinct(o.column(CanonicalColumn.indicatorID), examples)
    areas = Self.distinct(o.column(CanonicalColumn.areaCode), examples)
    breakdowns = o.breakdowns.map { Breakdown(name: $0, values: Self.distinct(o.column($0), examples)) }
    var reasons: [String: Int] = [:]
    for (r, n) in o.absenceCounts { reasons[r.rawValue] = n }
    missingByReason = reasons
    periods = Self.periods(o)
  }

  static func usedStrings(_ c: Column) -> [String] {
    guard case .text(let codes, let d) = c.values else { return [] }
    var used = [Bool](repeating: false, count: d.count)
    for i in codes.indices where c.isValid(i) { used[Int(codes[i])] = true }
    return (0..<d.count).filter { used[$0] }.map { d[UInt32($0)] }
  }

  static func distinct(_ c: Column, _ k: Int) -> Distinct {
    let s = usedStrings(c).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return Distinct(count: s.count, examples: Array(s.prefix(k)))
  }

  static func periods(_ o: Observations) -> Periods {
    let labels = usedStrings(o.column(CanonicalColumn.period)).sorted()
    return Periods(count: labels.count, first: labels.first, last: labels.last, granularities: [], unreadable: [])
  }
}
