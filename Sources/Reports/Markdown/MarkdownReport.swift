import Foundation
import Indicators
import Mustache

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
    return try MarkdownReport(templatePath: dir + "/" + name + ".md.mustache")
  }

  /// Renders the report: the Markdown file at `outputPath`, then, when the template shows
  /// charts (`headlines.chartFile`), one SVG per headline series next to it, named
  /// `<output name>-<n>-<indicator id>.svg` (characters other than
  /// letters, digits, `-`, `_` and `.` replaced by `-`).
  ///
  /// Pure: the same model and template give the same bytes; nothing is written.
  /// - Parameters:
  ///   - model: the report model.
  ///   - outputPath: where the caller will write the Markdown (used to name the charts).
  /// - Returns: the Markdown file first, then the charts in headline order.
  /// - Throws: nothing today; typed for renderers that may refuse a model.
  /// - Complexity: O(size of the model + size of the output).
  public func render(_ model: ReportModel, outputPath: String) throws(ReportError) -> [RenderedFile] {
    let (directory, stem) = Self.split(outputPath)
    var charts: [String: String] = [:]
    var files: [RenderedFile] = []
    let headlines = model.headlines
    if usedPaths.contains("headlines.chartFile") {
      for (i, h) in headlines.enumerated() {
        let name = "\(Self.fileSafe(stem))-\(i + 1)-\(Self.fileSafe(h.indicator.id)).svg"
        charts["\(i)"] = name
        files.append(RenderedFile(path: directory + name, bytes: Array(LineChart.svg(h.series, of: h.indicator).utf8)))
      }
    }
    let view = MarkdownView(model: model, chartFiles: charts).root()
    var text = template.render(view.mapValues(\.mustache))
    if !text.hasSuffix("\n") { text += "\n" }
    return [RenderedFile(path: outputPath, bytes: Array(text.utf8))] + files
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
