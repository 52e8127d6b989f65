/// Observations matched to indicator definitions.
public struct DefinitionMatch: Sendable, Equatable {
  public init(known: [String: IndicatorDefinition], unknown: [String]) {
    self.known = known
    self.unknown = unknown
  }

  /// The definition of each indicator id found in the data that the library knows (by id or
  /// alias).
  public var known: [String: IndicatorDefinition]
  /// Indicator ids found in the data that the library does not know, sorted. They are still
  /// analysed, with polarity "no judgement".
  public var unknown: [String]

  /// The warning that lists the ids no definition knows (at most 10 named), or `nil` when
  /// there are none.
  public static func unknownWarning(file: String?, unknown: [String]) -> IndicatorWarning? {
    guard !unknown.isEmpty else { return nil }
    let named = unknown.prefix(10).map { IndicatorError.quoted($0) }.joined(separator: ", ")
    return IndicatorWarning(
      file: file,
      "\(unknown.count) indicator\(unknown.count == 1 ? " is" : "s are") not in the definitions (\(named)\(unknown.count > 10 ? ", …" : "")); \(unknown.count == 1 ? "it is" : "they are") analysed with polarity no-judgement"
    )
  }

  /// The polarity to judge indicator `id` by: its definition's, or no judgement.
  public func polarity(of id: String) -> Polarity { known[id]?.polarity ?? .noJudgement }
}

extension Observations {
  /// The indicator ids that occur in the observations, sorted by their UTF-8 bytes.
  /// - Complexity: O(n).
  public var indicatorIDs: [String] {
    ObservationSummary.usedStrings(column(CanonicalColumn.indicatorID)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// Matches every indicator id in the data to `library`, and adds one warning listing the ids
  /// it does not know (at most 10 named).
  /// - Complexity: O(n) over the indicator column plus one lookup per distinct id.
  public mutating func match(_ library: DefinitionLibrary) -> DefinitionMatch {
    let ids = indicatorIDs
    var known: [String: IndicatorDefinition] = [:]
    var unknown: [String] = []
    for id in ids {
      if let d = library.definition(for: id) { known[id] = d } else { unknown.append(id) }
    }
    if let w = DefinitionMatch.unknownWarning(file: file, unknown: unknown) { warnings.append(w) }
    return DefinitionMatch(known: known, unknown: unknown)
  }
}
