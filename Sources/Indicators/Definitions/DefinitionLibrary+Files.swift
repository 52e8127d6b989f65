import Foundation

extension DefinitionLibrary {
  /// The definitions files of a directory: `*.yaml` and `*.yml`, not hidden, sorted by name.
  ///
  /// - Parameter directory: The directory as the user typed it; returned paths start with it.
  /// - Throws: `IndicatorError` `.fileNotFound` when the directory does not exist or has no
  ///   definitions file, `.unreadable` when it cannot be listed.
  static func definitionFiles(in directory: String) throws(IndicatorError) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw IndicatorError(
        .fileNotFound, file: directory, message: "no such directory",
        expected: "a directory of indicator definitions (*.yaml)")
    }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw IndicatorError(
        .unreadable, file: directory, message: "cannot list the directory: \(error)")
    }
    let files =
      names
      .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
      .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    guard !files.isEmpty else {
      throw IndicatorError(
        .fileNotFound, file: directory, message: "no definitions file in the directory",
        expected: "files named *.yaml or *.yml")
    }
    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    return files.map { prefix + $0 }
  }

  /// The UTF-8 text of a file.
  ///
  /// - Throws: `IndicatorError` `.fileNotFound` or `.unreadable`.
  static func readText(_ file: String) throws(IndicatorError) -> String {
    guard FileManager.default.fileExists(atPath: file) else {
      throw IndicatorError(.fileNotFound, file: file, message: "no such file")
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw IndicatorError(.unreadable, file: file, message: "cannot read the file")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      throw IndicatorError(
        .unreadable, file: file, message: "the file is not valid UTF-8",
        hint: "save the file as UTF-8")
    }
    return text
  }
}
