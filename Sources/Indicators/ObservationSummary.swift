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
  /// How many series (indicator × area × breakdown) there are, and how many mix kinds of
  /// period (pooled and single years, quarters and years).
  public var series: SeriesCount?
  /// How the indicators matched the definitions, when a library was given.
  public var definitions: Definitions?

  public struct Definitions: Sendable, Equatable, Codable {
    /// Indicator ids the library knows.
    public var defined: Int
    /// Indicator ids it does not know (analysed with polarity no-judgement).
    public var undefined: [String]
  }

  public struct SeriesCount: Sendable, Equatable, Codable {
    public var count: Int
    public var mixingKindsOfPeriod: Int
    /// The first series that mixes kinds of period, described, with both periods.
    public var firstMixed: String?
  }
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
    /// Kinds of period met (`year`, `quarter`, `3 years` …), sorted.
    public var granularities: [String]
    /// Labels that are not periods Backbone can read.
    public var unreadable: [String]
  }

  /// Summarises `observations`, listing at most `examples` values of each kind.
  /// - Complexity: O(n) plus a sort of each dictionary.
  public init(_ o: Observations, definitions match: DefinitionMatch? = nil, examples: Int = 5) {
    definitions = match.map { Definitions(defined: $0.known.count, undefined: $0.unknown) }
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
    series = Self.seriesCount(o)
  }

  /// Series counted by grouping the keys and comparing the kinds of period in each group,
  /// without building the series (the same count `series()` gives; a series with no readable
  /// period is not a series).
  /// - Complexity: O(n) for data in runs, O(n log n) otherwise.
  static func seriesCount(_ o: Observations) -> SeriesCount? {
    let keyNames = [CanonicalColumn.indicatorID, CanonicalColumn.areaCode, CanonicalColumn.areaType] + o.breakdowns
    let groups = SeriesGrouping.groups(keyNames.map { o.column($0).asText() }, rowCount: o.count)
    let periodColumn = o.column(CanonicalColumn.period)
    guard case .text(let codes, let dictionary) = periodColumn.values else { return nil }
    let parsed = o.parsedPeriods()
    let kinds = PeriodTable(
      (0..<dictionary.count).map { c in parsed[dictionary[UInt32(c)]].flatMap { try? $0.get() } }
    ).kinds
    var count = 0, mixed = 0
    for g in groups.ranges.indices {
      var kind: UInt32? = nil
      var isMixed = false
      for r in groups.rows(g) where periodColumn.isValid(r) {
        let k = kinds[Int(codes[r])]
        if k == .max { continue }
        if let kind, kind != k { isMixed = true } else { kind = k }
      }
      if kind != nil { count += 1 }
      if isMixed { mixed += 1 }
    }
    var first: String? = nil
    if mixed > 0 {
      do { _ = try o.series(mixedPeriods: .refuse) } catch { first = error.message }
    }
    return SeriesCount(count: count, mixingKindsOfPeriod: mixed, firstMixed: first)
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
    let parsed = o.parsedPeriods()
    var good: [(String, Period)] = []
    var bad: [String] = []
    for (label, result) in parsed {
      switch result {
      case .success(let p): good.append((label, p))
      case .failure: bad.append(label)
      }
    }
    good.sort { ($0.1, $0.0) < ($1.1, $1.0) }
    bad.sort()
    var kinds = Set<String>()
    for (_, p) in good { kinds.insert(p.count == 1 ? p.granularity.description : "\(p.count) \(p.granularity.plural)") }
    return Periods(
      count: parsed.count, first: good.first?.0 ?? bad.first, last: good.last?.0 ?? bad.last,
      granularities: kinds.sorted(), unreadable: Array(bad.prefix(5)))
  }
}
