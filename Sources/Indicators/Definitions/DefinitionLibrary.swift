/// All indicator definitions known to a run, looked up by id or alias.
///
/// Loaded from the YAML files of a directory (`indicators/`), from a list of files, or from
/// texts already in memory. Every file is checked fully before anything is returned; the first
/// problem (in file order, then line and column) is thrown, and
/// ``problems(in:)`` lists them all. Ids and aliases must be unique across all files, because
/// data rows are matched to definitions by them.
///
/// ```swift
/// let library = try DefinitionLibrary(directory: "indicators")
/// let u5mr = library.definition(for: "SH.DYN.MORT")   // the SDG series SH_DYN_MORT
/// ```
public struct DefinitionLibrary: Sendable {
  /// Every definition, in file order and then in the order written.
  public let definitions: [IndicatorDefinition]
  /// Position in ``definitions`` by id and by alias.
  private let index: [String: Int]

  /// Reads every `*.yaml` and `*.yml` file of a directory, in name order (byte order of the
  /// UTF-8 names). Names starting with `.` are skipped; subdirectories are not read.
  ///
  /// - Parameter directory: The directory, as the user typed it.
  /// - Throws: `IndicatorError` `.fileNotFound` when the directory is missing or holds no
  ///   definitions file, `.unreadable` when a file cannot be read or is not UTF-8, and
  ///   `.invalidDefinition` for the first problem in the definitions.
  /// - Complexity: O(n log n) in the number of files plus O(size) of their text.
  public init(directory: String) throws(IndicatorError) {
    try self.init(files: try Self.definitionFiles(in: directory))
  }

  /// Reads the given files in the order given.
  ///
  /// - Parameter files: Paths as the user typed them.
  /// - Throws: `IndicatorError` as for ``init(directory:)``.
  public init(files: [String]) throws(IndicatorError) {
    var texts: [(file: String, text: String)] = []
    for file in files { texts.append((file, try Self.readText(file))) }
    try self.init(texts: texts)
  }

  /// Reads definitions from texts already in memory.
  ///
  /// - Parameter texts: Each file's name (used in messages and locations) and its YAML text.
  /// - Throws: `IndicatorError` `.invalidDefinition` for the first problem found.
  /// - Complexity: O(size of the texts).
  public init(texts: [(file: String, text: String)]) throws(IndicatorError) {
    let (definitions, index, problems) = Self.build(texts)
    if let first = problems.first { throw first }
    self.definitions = definitions
    self.index = index
  }

  /// Every problem in the given texts, in file order and then line and column; empty when the
  /// definitions are valid.
  ///
  /// - Parameter texts: Each file's name and its YAML text.
  /// - Returns: The problems; each has the file, line and column of the offending node.
  public static func problems(in texts: [(file: String, text: String)]) -> [IndicatorError] {
    build(texts).problems
  }

  /// The definition whose id or alias is `id` (surrounding spaces ignored, case kept).
  ///
  /// - Complexity: O(1) on average.
  public func definition(for id: String) -> IndicatorDefinition? {
    index[id.trimmingSpaces].map { definitions[$0] }
  }

  /// The ids of all definitions, in file order.
  public var ids: [String] { definitions.map(\.id) }

  /// The domains that have at least one definition, in ``Domain`` order.
  public var domains: [Domain] { Set(definitions.map(\.domain)).sorted() }

  /// The definitions of one domain, in file order.
  public func definitions(in domain: Domain) -> [IndicatorDefinition] {
    definitions.filter { $0.domain == domain }
  }

  // MARK: - Building

  private static func build(_ texts: [(file: String, text: String)]) -> (
    definitions: [IndicatorDefinition], index: [String: Int], problems: [IndicatorError]
  ) {
    var definitions: [IndicatorDefinition] = []
    var index: [String: Int] = [:]
    /// Where each id or alias was first written, and what it was there.
    var firstUse: [String: (location: DefinitionLocation, owner: String, isAlias: Bool)] = [:]
    var problems: [IndicatorError] = []
    for (file, text) in texts {
      var parser = DefinitionFileParser(file: file)
      let parsed = parser.definitions(fromYAML: text)
      var fileProblems = parser.problems
      for entry in parsed {
        let definition = entry.definition
        var names = [(definition.id, definition.location, false)]
        for (alias, location) in zip(definition.aliases, entry.aliasLocations) {
          names.append((alias, location, true))
        }
        var isDuplicate = false
        for (name, location, isAlias) in names {
          if let earlier = firstUse[name] {
            isDuplicate = true
            fileProblems.append(
              duplicate(
                name, isAlias: isAlias, at: location, earlier: earlier.location,
                earlierOwner: earlier.owner, earlierIsAlias: earlier.isAlias))
          } else {
            firstUse[name] = (location, definition.id, isAlias)
          }
        }
        guard !isDuplicate else { continue }
        for (name, _, _) in names { index[name] = definitions.count }
        definitions.append(definition)
      }
      problems += fileProblems.sorted {
        ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0)
      }
    }
    return (definitions, index, problems)
  }

  private static func duplicate(
    _ name: String, isAlias: Bool, at location: DefinitionLocation,
    earlier: DefinitionLocation, earlierOwner: String, earlierIsAlias: Bool
  ) -> IndicatorError {
    let what = earlierIsAlias ? "an alias of indicator \(IndicatorError.quoted(earlierOwner))"
      : "the id of an indicator"
    return IndicatorError(
      .invalidDefinition, file: location.file, line: location.line, column: location.column,
      found: IndicatorError.quoted(name),
      message: "duplicate \(isAlias ? "alias" : "id") \(IndicatorError.quoted(name)): already "
        + "\(what) at \(earlier)",
      hint: "ids and aliases must be unique across all definition files, because data rows "
        + "are matched to definitions by them")
  }
}
