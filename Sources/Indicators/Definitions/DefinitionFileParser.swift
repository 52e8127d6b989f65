import Yams

/// Reads the text of one definitions file into ``IndicatorDefinition`` values, collecting every
/// problem it finds with the file, line and column of the node at fault.
///
/// The file shape (documented for users in `indicators/README.md`):
/// ```yaml
/// domain: health
/// indicators:
///   - id: "90366"
///     title: Life expectancy at birth
///     unit: years
///     value-type: years
///     multiplier: 1
///     polarity: higher-is-better
///     interval-method: as-published
///     source:
///       publisher: OHID Fingertips
///       url: https://fingertips.phe.org.uk/
/// ```
/// Checks made here, within one file: YAML syntax (and keys repeated in one mapping), the shape
/// (mappings and lists where they belong), unknown keys (with a "did you mean"), missing
/// required keys, values of the wrong type, unknown enumeration values (listing the allowed
/// ones), a multiplier that is not positive, a target without a value, a source without an
/// address or reference, and an indicator whose `domain` differs from its file's. Duplicate ids
/// and aliases are checked across files by ``DefinitionLibrary``.
struct DefinitionFileParser {
  /// The path as the user gave it, used in every message.
  let file: String
  /// Problems in the order they were found (document order).
  private(set) var problems: [IndicatorError] = []

  init(file: String) {
    self.file = file
  }

  /// Parses one file's text.
  ///
  /// - Parameter text: The whole file, UTF-8.
  /// - Returns: The definitions that were read without problems; entries with a problem are
  ///   left out and the problem is added to ``problems``.
  /// - Complexity: O(n) in the size of the text.
  mutating func definitions(fromYAML text: String) -> [ParsedDefinition] {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      problems.append(syntaxProblem(error))
      return []
    }
    guard let root else {
      problems.append(
        IndicatorError(
          .invalidDefinition, file: file, message: "the file is empty",
          expected: Schema.topExpected))
      return []
    }
    guard case .mapping(let top) = root else {
      problem(
        at: root, found: describe(root), message: "the top level must be a mapping",
        expected: Schema.topExpected)
      return []
    }
    let pairs = keyedPairs(top, allowed: Schema.topKeys, within: "at the top level")
    var fileDomain: Domain?
    if let (key, value) = pairs["domain"] {
      fileDomain = enumValue(Domain.self, value, key: key, field: "domain")
    } else {
      problem(
        at: root, message: "the file has no \"domain\"",
        expected: "domain: one of \(Schema.allowed(Domain.self))")
    }
    guard let (indicatorsKey, indicators) = pairs["indicators"] else {
      problem(
        at: root, message: "the file has no \"indicators\"",
        expected: "indicators: a list of indicator definitions")
      return []
    }
    guard case .sequence(let entries) = indicators else {
      problemWrongType(
        key: indicatorsKey, value: indicators, name: "indicators",
        expected: "a list of indicator definitions, each starting with \"- id:\"")
      return []
    }
    guard let fileDomain else { return [] }
    return entries.compactMap { definition(from: $0, fileDomain: fileDomain) }
  }

  // MARK: - One indicator

  private mutating func definition(from node: Node, fileDomain: Domain) -> ParsedDefinition? {
    guard case .mapping(let entry) = node else {
      problem(
        at: node, found: describe(node), message: "each indicator must be a mapping",
        expected: "keys such as id:, title:, unit: under \"- \"")
      return nil
    }
    let before = problems.count
    let pairs = keyedPairs(entry, allowed: Schema.entryKeys, within: "in an indicator")
    let id = pairs["id"].flatMap { text($0.value, key: $0.key, name: "id") }
    let label = id.map { "indicator \(IndicatorError.quoted($0))" } ?? "an indicator"
    for key in Schema.requiredEntryKeys where pairs[key] == nil {
      problem(at: node, message: "\(label) has no \"\(key)\"", expected: Schema.describe(key))
    }
    let title = pairs["title"].flatMap { text($0.value, key: $0.key, name: "title") }
    let unit = pairs["unit"].flatMap { text($0.value, key: $0.key, name: "unit") }
    let valueType = pairs["value-type"].flatMap {
      enumValue(ValueType.self, $0.value, key: $0.key, field: "value-type")
    }
    let multiplier = pairs["multiplier"].flatMap { multiplierValue($0.value, key: $0.key) }
    let polarity = pairs["polarity"].flatMap {
      enumValue(Polarity.self, $0.value, key: $0.key, field: "polarity")
    }
    let intervalMethod = pairs["interval-method"].flatMap {
      enumValue(IntervalMethod.self, $0.value, key: $0.key, field: "interval-method")
    }
    let source = pairs["source"].flatMap { sourceValue($0.value, key: $0.key, owner: label) }
    let aliases = pairs["aliases"].map { aliasList($0.value, key: $0.key) } ?? []
    let notes = pairs["notes"].flatMap { text($0.value, key: $0.key, name: "notes") }
    let target = pairs["target"].flatMap { targetValue($0.value, key: $0.key, owner: label) }
    let baseline = pairs["baseline-period"].flatMap {
      text($0.value, key: $0.key, name: "baseline-period")
    }
    if let (key, value) = pairs["domain"],
      let domain = enumValue(Domain.self, value, key: key, field: "domain"), domain != fileDomain
    {
      problem(
        at: value, found: IndicatorError.quoted(domain.rawValue),
        message: "\(label) has domain \"\(domain.rawValue)\" but the file's domain is "
          + "\"\(fileDomain.rawValue)\"",
        hint: "move the indicator to the \(domain.rawValue) file, or remove its domain key")
    }
    guard problems.count == before, let id, let title, let unit, let valueType, let multiplier,
      let polarity, let intervalMethod, let source, let idNode = pairs["id"]?.value,
      let mark = idNode.mark
    else { return nil }
    let definition = IndicatorDefinition(
      id: id, title: title, domain: fileDomain, unit: unit, valueType: valueType,
      multiplier: multiplier, polarity: polarity, intervalMethod: intervalMethod, source: source,
      aliases: aliases.map(\.text), notes: notes, target: target, baselinePeriod: baseline,
      location: location(mark))
    return ParsedDefinition(
      definition: definition, aliasLocations: aliases.map { location($0.mark ?? mark) })
  }

  /// A definition and where each of its aliases was written, for duplicate checks.
  struct ParsedDefinition {
    var definition: IndicatorDefinition
    var aliasLocations: [DefinitionLocation]
  }

  private struct Alias {
    var text: String
    var mark: Mark?
  }

  private func location(_ mark: Mark) -> DefinitionLocation {
    DefinitionLocation(file: file, line: mark.line, column: mark.column)
  }

  private mutating func aliasList(_ node: Node, key: Node) -> [Alias] {
    guard case .sequence(let items) = node else {
      problemWrongType(
        key: key, value: node, name: "aliases",
        expected: "a list of ids, such as [SH_DYN_MORT, SH.DYN.MORT]")
      return []
    }
    return items.compactMap { item in
      guard let alias = text(item, key: item, name: "an alias") else { return nil }
      return Alias(text: alias, mark: item.mark)
    }
  }

  private mutating func sourceValue(_ node: Node, key: Node, owner: String) -> IndicatorSource? {
    guard case .mapping(let mapping) = node else {
      problemWrongType(
        key: key, value: node, name: "source",
        expected: "a mapping with publisher: and url: or reference:")
      return nil
    }
    let pairs = keyedPairs(mapping, allowed: Schema.sourceKeys, within: "in source")
    let publisher = pairs["publisher"].flatMap { text($0.value, key: $0.key, name: "publisher") }
    if pairs["publisher"] == nil {
      problem(
        at: node, message: "the source of \(owner) has no \"publisher\"",
        expected: "publisher: the organisation that defines the indicator")
    }
    let url = pairs["url"].flatMap { text($0.value, key: $0.key, name: "url") }
    let reference = pairs["reference"].flatMap { text($0.value, key: $0.key, name: "reference") }
    if pairs["url"] == nil && pairs["reference"] == nil {
      problem(
        at: node, message: "the source of \(owner) has neither \"url\" nor \"reference\"",
        expected: "url: the definition's address, or reference: a citation")
    }
    guard let publisher else { return nil }
    return IndicatorSource(publisher: publisher, url: url, reference: reference)
  }

  private mutating func targetValue(_ node: Node, key: Node, owner: String) -> Target? {
    guard case .mapping(let mapping) = node else {
      problemWrongType(
        key: key, value: node, name: "target",
        expected: "a mapping with value: and, optionally, period:")
      return nil
    }
    let pairs = keyedPairs(mapping, allowed: Schema.targetKeys, within: "in target")
    let period = pairs["period"].flatMap { text($0.value, key: $0.key, name: "period") }
    guard let (valueKey, valueNode) = pairs["value"] else {
      problem(
        at: node, message: "the target of \(owner) has no \"value\"",
        expected: "value: the level to reach, in the indicator's unit")
      return nil
    }
    guard let value = number(valueNode, key: valueKey, name: "value") else { return nil }
    return Target(value: value, period: period)
  }

  private mutating func multiplierValue(_ node: Node, key: Node) -> Double? {
    guard let value = number(node, key: key, name: "multiplier") else { return nil }
    guard value > 0 else {
      problem(
        at: node, found: quotedScalar(node), message: "multiplier must be positive",
        expected: Schema.describe("multiplier"))
      return nil
    }
    return value
  }

  // MARK: - Values

  /// The text of a scalar; a problem (at the key) when it is empty or not a scalar.
  private mutating func text(_ node: Node, key: Node, name: String) -> String? {
    guard case .scalar(let scalar) = node else {
      problemWrongType(key: key, value: node, name: name, expected: "text")
      return nil
    }
    let trimmed = scalar.string.trimmingSpaces
    guard !node.isNull, !trimmed.isEmpty else {
      problem(at: key, message: "\(quotedName(name)) is empty", expected: "text")
      return nil
    }
    return trimmed
  }

  /// A finite number written as a plain YAML number (`100`, `1e5`, `100_000`, `2.5`).
  private mutating func number(_ node: Node, key: Node, name: String) -> Double? {
    guard case .scalar(let scalar) = node, !node.isNull else {
      problemWrongType(key: key, value: node, name: name, expected: "a number")
      return nil
    }
    let digits = scalar.string.trimmingSpaces.filter { $0 != "_" }
    guard let value = Double(digits), value.isFinite else {
      problem(
        at: node, found: quotedScalar(node), message: "\(quotedName(name)) must be a number",
        expected: "a number such as 100 or 100000")
      return nil
    }
    return value
  }

  private mutating func enumValue<E: RawRepresentable & CaseIterable>(
    _: E.Type, _ node: Node, key: Node, field: String
  ) -> E? where E.RawValue == String {
    guard let raw = text(node, key: key, name: field) else { return nil }
    if let value = E(rawValue: raw) { return value }
    let allowed = E.allCases.map(\.rawValue)
    let hint =
      Schema.suggestion(for: raw, among: allowed).map { "did you mean \"\($0)\"?" }
      ?? Schema.meaning[field]
    problem(
      at: node, found: IndicatorError.quoted(raw),
      message: "unknown \(field) \(IndicatorError.quoted(raw))",
      expected: "one of \(allowed.joined(separator: ", "))", hint: hint)
    return nil
  }

  // MARK: - Mappings

  /// The pairs of a mapping by key text, reporting keys that are not in `allowed`.
  private mutating func keyedPairs(
    _ mapping: Node.Mapping, allowed: [String], within place: String
  ) -> [String: (key: Node, value: Node)] {
    var result: [String: (key: Node, value: Node)] = [:]
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key else {
        problem(
          at: key, found: describe(key), message: "a key must be a plain word \(place)",
          expected: "one of \(allowed.joined(separator: ", "))")
        continue
      }
      let name = scalar.string
      guard allowed.contains(name) else {
        problem(
          at: key, found: IndicatorError.quoted(name),
          message: "unknown key \(IndicatorError.quoted(name)) \(place)",
          expected: "one of \(allowed.joined(separator: ", "))",
          hint: Schema.suggestion(for: name, among: allowed).map { "did you mean \"\($0)\"?" })
        continue
      }
      result[name] = (key, value)
    }
    return result
  }

  // MARK: - Problems

  private mutating func problem(
    at node: Node, found: String? = nil, message: String, expected: String? = nil,
    hint: String? = nil
  ) {
    problems.append(
      IndicatorError(
        .invalidDefinition, file: file, line: node.mark?.line, column: node.mark?.column,
        found: found, message: message, expected: expected, hint: hint))
  }

  /// A value of the wrong kind; an empty value is reported at its key (an empty node has no
  /// useful position of its own).
  private mutating func problemWrongType(key: Node, value: Node, name: String, expected: String) {
    let isEmpty = value.isNull
    problem(
      at: isEmpty ? key : value, found: describe(value),
      message: "\(quotedName(name)) must be \(expected), found \(describe(value))",
      expected: expected)
  }

  private func quotedName(_ name: String) -> String {
    name.hasPrefix("an ") ? name : "\"\(name)\""
  }

  private func quotedScalar(_ node: Node) -> String {
    IndicatorError.quoted(node.scalar?.string ?? "")
  }

  /// What a node is, for messages: quoted text, "a list", "a mapping" or "nothing".
  private func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar):
      node.isNull ? "nothing" : IndicatorError.quoted(scalar.string)
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  /// A Yams error turned into ours, keeping its line and column.
  private func syntaxProblem(_ error: any Error) -> IndicatorError {
    guard let yaml = error as? YamlError else {
      return IndicatorError(.invalidDefinition, file: file, message: "invalid YAML: \(error)")
    }
    switch yaml {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return IndicatorError(
        .invalidDefinition, file: file, line: mark.line, column: mark.column,
        message: "invalid YAML: \(problem)",
        hint: context.map {
          "\($0.text), which began at line \($0.mark.line), column \($0.mark.column)"
        })
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { IndicatorError.quoted($0) }.joined(separator: ", ")
      return IndicatorError(
        .invalidDefinition, file: file, line: context.mark.line, column: context.mark.column,
        message: "key \(keys) appears more than once in the same mapping",
        expected: "each key once per mapping")
    case .reader(let problem, _, _, _):
      return IndicatorError(
        .unreadable, file: file, message: "cannot read the file as text: \(problem)")
    default:
      return IndicatorError(.invalidDefinition, file: file, message: "invalid YAML: \(yaml)")
    }
  }
}

// MARK: - Schema

/// The keys of a definitions file, what each holds, and close-match suggestions.
enum Schema {
  static let topKeys = ["domain", "indicators"]
  static let entryKeys = [
    "id", "title", "domain", "unit", "value-type", "multiplier", "polarity", "interval-method",
    "source", "aliases", "notes", "target", "baseline-period",
  ]
  static let requiredEntryKeys = [
    "id", "title", "unit", "value-type", "multiplier", "polarity", "interval-method", "source",
  ]
  static let sourceKeys = ["publisher", "url", "reference"]
  static let targetKeys = ["value", "period"]
  static let topExpected = "a mapping with domain: and indicators:"

  /// Why each enumerated field exists, used as a hint when no close match is found.
  static let meaning: [String: String] = [
    "polarity": "polarity says which direction is an improvement",
    "value-type": "value-type says how the value is built, which decides pooling and intervals",
    "interval-method":
      "interval-method names how intervals are computed; as-published uses the publisher's",
    "domain": "each definitions file holds the indicators of one domain",
  ]

  static func allowed<E: RawRepresentable & CaseIterable>(_: E.Type) -> String
  where E.RawValue == String {
    E.allCases.map(\.rawValue).joined(separator: ", ")
  }

  /// What a required key should hold, for "has no" messages.
  static func describe(_ key: String) -> String {
    switch key {
    case "id": "id: the identifier data rows use (a Fingertips id, an SDG or WDI code)"
    case "title": "title: a short human title"
    case "unit": "unit: what one unit of the value is, such as % or per 1,000 live births"
    case "value-type": "value-type: one of \(allowed(ValueType.self))"
    case "multiplier":
      "multiplier: a number greater than 0, such as 100 for a percentage or 100000 for a rate "
        + "per 100,000"
    case "polarity": "polarity: one of \(allowed(Polarity.self))"
    case "interval-method": "interval-method: one of \(allowed(IntervalMethod.self))"
    case "source": "source: a mapping with publisher: and url: or reference:"
    default: key
    }
  }

  /// See `Spelling.suggestion(for:among:)`.
  static func suggestion(for word: String, among allowed: [String]) -> String? {
    Spelling.suggestion(for: word, among: allowed)
  }
}

extension Node {
  /// A plain scalar that YAML reads as null: empty, `~` or `null`.
  fileprivate var isNull: Bool {
    guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }
}

extension String {
  fileprivate var replacingUnderscores: String {
    String(map { $0 == "_" ? "-" : $0 })
  }
}
