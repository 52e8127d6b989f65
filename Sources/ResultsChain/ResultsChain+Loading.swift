import Foundation
public import Indicators

extension ResultsChain {
  /// Reads a chain from its YAML text and checks it.
  ///
  /// - Parameters:
  ///   - yaml: The whole chain file.
  ///   - file: The file's name, used in messages and locations.
  ///   - library: The indicator definitions; when given, every indicator id must be one of its
  ///     ids or aliases or one of the chain's own `indicators:`. When `nil`, indicator ids are
  ///     not checked.
  /// - Throws: `ChainError` for the first problem, in line and column order (``problems(inYAML:file:library:)``
  ///   lists them all).
  /// - Complexity: O(size of the text + steps + links).
  public init(yaml: String, file: String, library: DefinitionLibrary? = nil) throws(ChainError) {
    let (chain, problems) = Self.read(yaml: yaml, file: file, library: library)
    if let first = problems.first { throw first }
    guard let chain else { throw ChainError(.invalidChain, file: file, message: "the chain could not be read") }
    self = chain
  }

  /// Every problem of a chain file, sorted by line and column; empty when the chain is valid.
  ///
  /// - Parameters:
  ///   - yaml: The whole chain file.
  ///   - file: The file's name, used in messages.
  ///   - library: The definitions indicator ids are checked against, or `nil` not to check them.
  /// - Returns: The problems, each with the file, line and column of the node at fault.
  public static func problems(inYAML yaml: String, file: String, library: DefinitionLibrary? = nil) -> [ChainError] {
    read(yaml: yaml, file: file, library: library).problems
  }

  /// Reads and checks the chain file at `path`.
  ///
  /// - Parameters:
  ///   - path: The path as the user typed it.
  ///   - library: The definitions indicator ids are checked against, or `nil`.
  /// - Throws: `ChainError` `.fileNotFound` or `.unreadable` for the file, otherwise the first
  ///   problem in the chain.
  public static func load(path: String, library: DefinitionLibrary? = nil) throws(ChainError) -> ResultsChain {
    try ResultsChain(yaml: try readText(path), file: path, library: library)
  }

  /// Every problem of the chain file at `path`: the file's own (missing, unreadable) or every
  /// problem in the chain, sorted by line and column; empty when the chain is valid.
  ///
  /// - Parameters:
  ///   - path: The path as the user typed it.
  ///   - library: The definitions indicator ids are checked against, or `nil`.
  public static func problems(inFile path: String, library: DefinitionLibrary? = nil) -> [ChainError] {
    do {
      let text = try readText(path)
      return problems(inYAML: text, file: path, library: library)
    } catch {
      return [error]
    }
  }

  private static func readText(_ path: String) throws(ChainError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ChainError(.fileNotFound, file: path, message: "no such file", expected: "a results chain (YAML)")
    }
    guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
      throw ChainError(
        .unreadable, file: path, message: isDirectory.boolValue ? "is a directory" : "cannot read the file")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      throw ChainError(.unreadable, file: path, message: "the file is not valid UTF-8", hint: "save the file as UTF-8")
    }
    return text
  }

  private static func read(yaml: String, file: String, library: DefinitionLibrary?) -> (
    chain: ResultsChain?, problems: [ChainError]
  ) {
    var parser = ChainFileParser(file: file)
    guard var chain = parser.chain(fromYAML: yaml) else { return (nil, parser.problems) }
    var validator = ChainValidator(chain: chain, library: library)
    validator.validate()
    chain.warnings = validator.warnings
    let problems = (parser.problems + validator.problems).enumerated().sorted {
      ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < (
        $1.element.line ?? 0, $1.element.column ?? 0, $1.offset
      )
    }.map(\.element)
    return (chain, problems)
  }
}
