import Indicators
import Yams

/// Reads values out of a composed YAML document, collecting every problem with the file, line
/// and column of the node at fault (the chain parser's toolbox).
struct YAMLReader {
  /// The path as the user gave it, used in every message.
  let file: String
  /// Problems in the order they were found.
  var problems: [ChainError] = []

  init(file: String) {
    self.file = file
  }

  // MARK: - Locations and problems

  func location(_ node: Node) -> ChainLocation {
    ChainLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  mutating func problem(
    _ kind: ChainError.Kind = .invalidChain, at node: Node?, found: String? = nil, message: String,
    expected: String? = nil, hint: String? = nil
  ) {
    problems.append(
      ChainError(
        kind, file: file, line: node?.mark?.line, column: node?.mark?.column, found: found, message: message,
        expected: expected, hint: hint))
  }

  mutating func problem(
    _ kind: ChainError.Kind, at location: ChainLocation, found: String? = nil, message: String,
    expected: String? = nil, hint: String? = nil
  ) {
    problems.append(
      ChainError(
        kind, file: location.file, line: location.line, column: location.column, found: found, message: message,
        expected: expected, hint: hint))
  }

  /// A value of the wrong kind; an empty value is reported at its key (an empty node has no useful
  /// position of its own).
  mutating func wrongType(key: Node, value: Node, name: String, expected: String) {
    problem(
      at: value.isNull ? key : value, found: describe(value),
      message: "\"\(name)\" must be \(expected), found \(describe(value))", expected: expected)
  }

  /// What a node is, for messages: quoted text, "a list", "a mapping" or "nothing".
  func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): node.isNull ? "nothing" : ChainError.quoted(scalar.string)
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  // MARK: - Mappings

  /// The pairs of a mapping by key text, reporting keys that are not in `allowed` (with a "did
  /// you mean" when one is close).
  mutating func pairs(_ mapping: Node.Mapping, allowed: [String], within place: String) -> [String: (
    key: Node, value: Node
  )] {
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
          at: key, found: ChainError.quoted(name), message: "unknown key \(ChainError.quoted(name)) \(place)",
          expected: "one of \(allowed.joined(separator: ", "))",
          hint: Self.suggestion(for: name, among: allowed).map { "did you mean \"\($0)\"?" })
        continue
      }
      result[name] = (key, value)
    }
    return result
  }

  /// The mapping of a node, or a problem naming what it should be.
  mutating func mapping(_ node: Node, key: Node, name: String, expected: String) -> Node.Mapping? {
    guard case .mapping(let m) = node else {
      wrongType(key: key, value: node, name: name, expected: expected)
      return nil
    }
    return m
  }

  /// The items of a list; a single scalar is read as a list of one.
  mutating func list(_ node: Node, key: Node, name: String, expected: String) -> [Node] {
    switch node {
    case .sequence(let s): return Array(s)
    case .scalar where !node.isNull: return [node]
    default:
      wrongType(key: key, value: node, name: name, expected: expected)
      return []
    }
  }

  // MARK: - Scalars

  /// The trimmed text of a scalar; a problem when it is empty or not a scalar.
  mutating func text(_ node: Node, key: Node, name: String) -> String? {
    guard case .scalar(let scalar) = node else {
      wrongType(key: key, value: node, name: name, expected: "text")
      return nil
    }
    let trimmed = scalar.string.trimmingSpaces
    guard !node.isNull, !trimmed.isEmpty else {
      problem(at: key, message: "\"\(name)\" is empty", expected: "text")
      return nil
    }
    return trimmed
  }

  /// A finite number written as a plain YAML number (`0.05`, `1e-3`, `10_000`).
  mutating func number(_ node: Node, key: Node, name: String) -> Double? {
    guard case .scalar(let scalar) = node, !node.isNull else {
      wrongType(key: key, value: node, name: name, expected: "a number")
      return nil
    }
    let digits = scalar.string.trimmingSpaces.filter { $0 != "_" }
    guard let value = Double(digits), value.isFinite else {
      problem(
        at: node, found: ChainError.quoted(scalar.string), message: "\"\(name)\" must be a number",
        expected: "a number such as 0.5 or 2")
      return nil
    }
    return value
  }

  /// A number within `range` (inclusive or exclusive ends as described by `expected`).
  mutating func number(
    _ node: Node, key: Node, name: String, where isValid: (Double) -> Bool, expected: String
  ) -> Double? {
    guard let value = number(node, key: key, name: name) else { return nil }
    guard isValid(value) else {
      problem(
        at: node, found: ChainError.quoted(node.scalar?.string ?? ""), message: "\"\(name)\" is out of range",
        expected: expected)
      return nil
    }
    return value
  }

  /// A whole number no smaller than `minimum`.
  mutating func integer(_ node: Node, key: Node, name: String, minimum: Int) -> Int? {
    guard let value = number(node, key: key, name: name) else { return nil }
    guard value.rounded() == value, value >= Double(minimum), value <= 1e9 else {
      problem(
        at: node, found: ChainError.quoted(node.scalar?.string ?? ""),
        message: "\"\(name)\" must be a whole number of at least \(minimum)", expected: "a whole number ≥ \(minimum)")
      return nil
    }
    return Int(value)
  }

  /// `true` or `false` (YAML 1.1 also reads yes/no, on/off).
  mutating func boolean(_ node: Node, key: Node, name: String) -> Bool? {
    guard let raw = text(node, key: key, name: name) else { return nil }
    switch raw.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      problem(
        at: node, found: ChainError.quoted(raw), message: "\"\(name)\" must be true or false", expected: "true or false"
      )
      return nil
    }
  }

  /// One of a fixed set of words.
  mutating func word(_ node: Node, key: Node, name: String, allowed: [String], hint: String? = nil) -> String? {
    guard let raw = text(node, key: key, name: name) else { return nil }
    if allowed.contains(raw) { return raw }
    problem(
      at: node, found: ChainError.quoted(raw), message: "unknown \(name) \(ChainError.quoted(raw))",
      expected: "one of \(allowed.joined(separator: ", "))",
      hint: Self.suggestion(for: raw, among: allowed).map { "did you mean \"\($0)\"?" } ?? hint)
    return nil
  }

  // MARK: - Syntax

  /// A Yams error turned into ours, keeping its line and column.
  func syntaxProblem(_ error: any Error) -> ChainError {
    guard let yaml = error as? YamlError else {
      return ChainError(.invalidYAML, file: file, message: "invalid YAML: \(error)")
    }
    switch yaml {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return ChainError(
        .invalidYAML, file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)",
        hint: context.map { "\($0.text), which began at line \($0.mark.line), column \($0.mark.column)" })
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { ChainError.quoted($0) }.joined(separator: ", ")
      return ChainError(
        .invalidYAML, file: file, line: context.mark.line, column: context.mark.column,
        message: "key \(keys) appears more than once in the same mapping", expected: "each key once per mapping")
    case .reader(let problem, _, _, _):
      return ChainError(.unreadable, file: file, message: "cannot read the file as text: \(problem)")
    default:
      return ChainError(.invalidYAML, file: file, message: "invalid YAML: \(yaml)")
    }
  }

  // MARK: - Suggestions

  /// See `Spelling.suggestion(for:among:)`.
  static func suggestion(for word: String, among allowed: [String]) -> String? {
    Spelling.suggestion(for: word, among: allowed)
  }
}

extension Node {
  /// A plain scalar that YAML reads as null: empty, `~` or `null`.
  var isNull: Bool {
    guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }
}

extension String {
  /// Without leading and trailing spaces, tabs and line breaks.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
