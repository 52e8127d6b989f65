import Foundation
import Indicators
import Mustache

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One file a rendering produced: where it goes and its bytes. The caller writes it
/// (atomically); rendering itself writes nothing.
public struct RenderedFile: Sendable, Equatable {
  public var path: String
  public var bytes: [UInt8]
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

/// Which series a Markdown report lists (`--md-series`, the job key `markdown_series`). The
/// funder workbook always has every series; the Markdown report is for reading, and a report
/// listing every series of a large export would be unreadable (a million-row input made one of
/// 27 MB).
public enum MarkdownSeries: String, Sendable, CaseIterable {
  /// With a headline area: its series (every breakdown) and those of the benchmark areas they
  /// were compared with. Without one: at most 10 series per indicator (and 10 headline series
  /// per indicator), with a line saying how many more the workbook has.
  case headline
  /// Every series.
  case all
}

/// A Markdown report made from a Mustache template and the report model.
///
/// The template is parsed and checked against the view model (templates/README.md) when the
/// report is made, so a misspelt field or a syntax error is reported with the template's file,
/// line and column before any data is read. `{{field}}` is escaped for Markdown, not HTML.
public struct MarkdownReport: Sendable {
  /// The template's path, as given.
  public let templatePath: String
  let template: MustacheTemplate
  /// The view model paths the template names.
  let usedPaths: Set<String>

  /// The shipped templates, by name.
  public static let shippedNames = ["quarterly-report", "indicator-brief", "chain-summary"]

  /// Reads, parses and checks a template.
  /// - Parameter templatePath: a `.md.mustache` file.
  /// - Throws: `ReportError.report` of kind `.missing` when the file cannot be read, `.invalid`
  ///   (with line and column) for a syntax error, an unknown field, a field used the wrong way,
  ///   or a partial, block or pragma.
  public init(templatePath: String) throws(ReportError) {
    guard let data = FileManager.default.contents(atPath: templatePath) else {
      throw .report(
        file: templatePath, line: nil, column: nil, message: "cannot read the template", hint: nil, kind: .missing)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .report(
        file: templatePath, line: nil, column: nil, message: "the template is not UTF-8 text", hint: nil,
        kind: .invalid)
    }
    try self.init(text: text, path: templatePath)
  }

  /// Parses and checks a template given as text (`path` is for messages).
  init(text: String, path: String) throws(ReportError) {
    _ = MarkdownContentType.registered
    // The pragma stands alone on a line of its own, which Mustache removes: the template's own
    // lines keep their numbers, one less than the parser's.
    let prefixed = "{{% CONTENT_TYPE: \(MarkdownContentType.name)}}\n" + text
    do {
      template = try MustacheTemplate(string: prefixed)
    } catch let e as MustacheTemplate.ParserError {
      throw .report(
        file: path, line: max(1, e.context.lineNumber - 1), column: e.context.columnNumber,
        message: "template syntax: \(Self.describe(e.error))", hint: "the line reads: \(e.context.line)",
        kind: .invalid)
    } catch {
      throw .report(
        file: path, line: nil, column: nil, message: "template syntax: \(error)", hint: nil, kind: .invalid)
    }
    usedPaths = try TemplateCheck(text: Array(text), file: path).usedPaths()
    templatePath = path
  }

  /// A shipped template: `quarterly-report`, `indicator-brief` or `chain-summary`.
  /// - Parameters:
  ///   - name: the template's name, without `.md.mustache`.
  ///   - templatesDirectory: the `templates/` folder.
  /// - Throws: `ReportError.report` of kind `.invalid` for an unknown name, else as
  ///   `init(templatePath:)`.
  public static func shipped(_ name: String, templatesDirectory: String) throws(ReportError) -> MarkdownReport {
    guard shippedNames.contains(name) else {
      let hint = Spelling.suggestion(for: name, among: shippedNames).map { "did you mean \"\($0)\"? " } ?? ""
      throw .report(
        file: name, line: nil, column: nil, message: "no shipped template has this name",
        hint: hint + "the shipped templates: " + shippedNames.joined(separator: ", "), kind: .missing)
    }
    let dir = templatesDirectory.hasSuffix("/") ? String(templatesDirectory.dropLast()) : templatesDirectory
    let path = dir + "/" + name + ".md.mustache"
    guard FileManager.default.fileExists(atPath: path) else {
      throw .report(
        file: path, line: nil, column: nil, message: "cannot find the shipped template \"\(name)\"",
        hint: ShippedTemplates.missingHint(in: dir), kind: .missing)
    }
    return try MarkdownReport(templatePath: path)
  }

  /// Renders the report: the Markdown file at `outputPath`, then, when the template shows
  /// charts (`headlines.chartFile`), one SVG per headline series in the report's own chart
  /// folder beside it (``chartFolder(for:)``), named `<n>-<indicator id>.svg` (characters other
  /// than letters, digits, `-`, `_` and `.` replaced by `-`) and linked as
  /// `<output name>-charts/<n>-<indicator id>.svg`.
  ///
  /// Pure: the same model and template give the same bytes; nothing is written. Charts an
  /// earlier rendering left in the folder are found by ``staleCharts(outputPath:keeping:)``.
  /// - Parameters:
  ///   - model: the report model.
  ///   - outputPath: where the caller will write the Markdown (used to name the charts).
  ///   - selection: which series the report lists (``MarkdownSeries``; the workbook always
  ///     has them all). Charts are drawn for the listed headline series only.
  /// - Returns: the Markdown file first, then the charts in headline order.
  /// - Throws: nothing today; typed for renderers that may refuse a model.
  /// - Complexity: O(size of the model + size of the output).
  public func render(
    _ model: ReportModel, outputPath: String, series selection: MarkdownSeries = .headline
  ) throws(ReportError) -> [RenderedFile] {
    let (directory, stem) = Self.split(outputPath)
    let folder = Self.fileSafe(stem) + Self.chartFolderSuffix
    var charts: [String: String] = [:]
    var files: [RenderedFile] = []
    let headlines = MarkdownView.listedHeadlines(model, selection).list
    if usedPaths.contains("headlines.chartFile") {
      for (i, h) in headlines.enumerated() {
        let name = "\(i + 1)-\(Self.fileSafe(h.indicator.id)).svg"
        charts["\(i)"] = folder + "/" + name
        files.append(
          RenderedFile(path: directory + folder + "/" + name, bytes: Array(LineChart.svg(h.series, of: h.indicator).utf8)))
      }
    }
    let view = MarkdownView(model: model, chartFiles: charts, selection: selection).root()
    var text = template.render(view.mapValues(\.mustache))
    if !text.hasSuffix("\n") { text += "\n" }
    return [RenderedFile(path: outputPath, bytes: Array(text.utf8))] + files
  }

  // MARK: Chart folder

  static let chartFolderSuffix = "-charts"

  /// The folder the charts of the report at `outputPath` go to: `reports/q3-charts` for
  /// `reports/q3.md`. It belongs to that report: only its charts are written there, and
  /// stale ones are removed from it.
  ///
  /// Two reports in one folder never share a chart folder. The short name (`q3-charts`) is used
  /// only for a name ending in `.md` whose stem is already file-safe; any other name
  /// (`brief.markdown`, `Q3 north.md`, which `fileSafe` would turn into `Q3-north` like
  /// `Q3-north.md`) gets the first 8 hexadecimal digits of the SHA-256 of its full file name
  /// after the stem: `Q3-north-1f0c93ab-charts`.
  public static func chartFolder(for outputPath: String) -> String {
    let (directory, stem) = split(outputPath)
    let name = outputPath.lastIndex(of: "/").map { String(outputPath[outputPath.index(after: $0)...]) } ?? outputPath
    let safe = fileSafe(stem)
    if safe == stem && name == stem + ".md" { return directory + safe + chartFolderSuffix }
    return directory + safe + "-" + SHA256.hex(name.utf8).prefix(8) + chartFolderSuffix
  }

  /// Whether `name` is a chart file name the renderer makes: a number from 1, `-`, then one or
  /// more letters, digits, `-`, `_` or `.`, then `.svg` (`3-SA_MMR1.svg`).
  static func isChartName(_ name: String) -> Bool {
    guard name.hasSuffix(".svg") else { return false }
    let body = name.utf8.dropLast(4)
    guard let dash = body.firstIndex(of: UInt8(ascii: "-")) else { return false }
    let number = body[..<dash], id = body[body.index(after: dash)...]
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    func isSafe(_ c: UInt8) -> Bool {
      isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
        || c == UInt8(ascii: ".")
    }
    return !number.isEmpty && number.first != UInt8(ascii: "0") && number.allSatisfy(isDigit) && !id.isEmpty
      && id.allSatisfy(isSafe)
  }

  /// The charts an earlier rendering of the report at `outputPath` left that this one does not
  /// make: the regular files in ``chartFolder(for:)`` whose names the renderer makes
  /// (``isChartName(_:)``) and that are not in `keeping`. Nothing else is ever listed: not
  /// other files, not symbolic links, not sub-folders, and nothing when the chart folder is
  /// itself a symbolic link or not a folder.
  ///
  /// The caller removes them (``removeCharts(_:outputPath:)``) only once its new outputs are
  /// in place, so that a failed run leaves the previous report and its charts as they were.
  /// - Parameters:
  ///   - outputPath: the Markdown file's path.
  ///   - keeping: the paths this rendering wrote (``render(_:outputPath:)``'s files).
  /// - Returns: full paths, sorted by name; empty when the folder does not exist.
  /// - Complexity: O(entries of the folder).
  public static func staleCharts(outputPath: String, keeping: [String]) -> [String] {
    let folder = chartFolder(for: outputPath)
    var info = stat()
    guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
    else { return [] }
    let kept = Set(keeping)
    return names.filter(isChartName).sorted().map { folder + "/" + $0 }.filter { path in
      !kept.contains(path) && lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }
  }

  /// Removes charts ``staleCharts(outputPath:keeping:)`` listed (each checked again: a regular
  /// file with a chart's name in the report's chart folder), then the folder if it is empty.
  /// - Returns: the paths removed.
  @discardableResult
  public static func removeCharts(_ paths: [String], outputPath: String) -> [String] {
    let folder = chartFolder(for: outputPath)
    var removed: [String] = []
    var info = stat()
    for path in paths where path.hasPrefix(folder + "/") {
      let name = String(path.dropFirst(folder.count + 1))
      guard !name.contains("/"), isChartName(name), lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG
      else { continue }
      if unlink(path) == 0 { removed.append(path) }
    }
    if !removed.isEmpty { _ = rmdir(folder) }  // only succeeds when the folder is empty
    return removed
  }

  /// The directory (with its trailing `/`, or "") and the file name without `.md`.
  static func split(_ path: String) -> (String, String) {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    var name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    for suffix in [".markdown", ".md"] where name.hasSuffix(suffix) {
      name.removeLast(suffix.count)
      break
    }
    return (directory, name.isEmpty ? "report" : name)
  }

  /// Letters, digits, `-`, `_` and `.` kept; anything else `-`.
  static func fileSafe(_ s: String) -> String {
    String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
  }

  static func describe(_ error: any Error) -> String {
    switch error as? MustacheTemplate.Error {
    case .sectionCloseNameIncorrect?: "the closing tag does not match the open section"
    case .unfinishedName?: "a tag is not closed, or its name has characters a field name cannot have"
    case .expectedSectionEnd?: "a section is not closed (a {{/name}} is missing)"
    case .invalidSetDelimiter?: "the set-delimiter tag is malformed"
    case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: "the pragma is malformed or unknown"
    case .transformAppliedToInheritanceSection?, .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
      "blocks and partials are not supported in report templates"
    case nil: "\(error)"
    }
  }
}
