import Foundation
import Columnar
import Indicators
import Reports
import Yams

extension Job {
  /// The top-level keys of a job file.
  static let keys = [
    "name", "inputs", "indicators", "chain", "period", "fiscal_year_start", "outputs", "history", "thresholds",
    "log", "templates", "markdown_template", "markdown_series", "workbook_layout",
  ]

  /// Reads and checks a job file; every problem found is in the error list, in line order.
  ///
  /// - Parameter path: The job file as the user typed it.
  /// - Returns: The job, with every path joined to the job file's folder.
  /// - Throws: ``JobError`` of kind `fileNotFound`/`unreadable` for the file itself; otherwise
  ///   the first of ``problems(inFile:)`` (see there for all of them).
  public static func load(path: String) throws(JobError) -> Job {
    let text = try readText(path)
    var parser = JobFileParser(file: path)
    let job = parser.parse(text)
    if let first = parser.problems.first { throw first }
    guard let job else { throw JobError(.internalError, file: path, message: "the job file gave no job and no problem") }
    return job
  }

  /// Every problem of a job file, in line order (empty when it is valid).
  public static func problems(inFile path: String) -> [JobError] {
    let text: String
    do { text = try readText(path) } catch { return [error] }
    return problems(inYAML: text, file: path)
  }

  /// Every problem of a job file's text, in line order; `file` names it in messages and is the
  /// folder paths are joined to.
  public static func problems(inYAML text: String, file: String) -> [JobError] {
    var parser = JobFileParser(file: file)
    _ = parser.parse(text)
    return parser.problems
  }

  /// Parses a job file's text (see ``load(path:)``).
  public static func parse(yaml text: String, file: String) throws(JobError) -> Job {
    var parser = JobFileParser(file: file)
    let job = parser.parse(text)
    if let first = parser.problems.first { throw first }
    guard let job else { throw JobError(.internalError, file: file, message: "the job file gave no job and no problem") }
    return job
  }

  static func readText(_ path: String) throws(JobError) -> String {
    guard FileManager.default.fileExists(atPath: path) else {
      throw JobError(.fileNotFound, file: path, message: "the job file does not exist")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw JobError(.unreadable, file: path, message: "cannot read the job file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw JobError(.unreadable, file: path, message: "the job file is not UTF-8 text")
    }
    return text
  }

  /// `relative` joined to the folder of `file` (absolute paths stay as they are).
  static func join(_ relative: String, besides file: String) -> String {
    if relative.hasPrefix("/") { return relative }
    guard let slash = file.lastIndex(of: "/") else { return relative }
    return String(file[...slash]) + relative
  }

  /// Month names (English, full or three letters, any case) and numbers 1...12.
  static func month(named text: String) -> Int? {
    let names = [
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
      "december",
    ]
    let lowered = text.lowercased()
    if let n = Int(lowered), (1...12).contains(n) { return n }
    if let i = names.firstIndex(of: lowered) { return i + 1 }
    if lowered.count == 3, let i = names.firstIndex(where: { $0.hasPrefix(lowered) }) { return i + 1 }
    return nil
  }
}

/// Reads a job file's YAML, collecting every problem with its file, line and column.
struct JobFileParser {
  let file: String
  var problems: [JobError] = []

  init(file: String) { self.file = file }

  mutating func parse(_ text: String) -> Job? {
    let root: Node?
    do { root = try Yams.compose(yaml: text) } catch {
      problems.append(syntaxProblem(error))
      return nil
    }
    guard let root, case .mapping(let top) = root else {
      problems.append(
        JobError(
          .invalidJob, file: file, line: root?.mark?.line ?? 1, column: root?.mark?.column ?? 1,
          message: "a job file must be a mapping of keys such as name, inputs and outputs",
          expected: "keys: \(Job.keys.joined(separator: ", "))"))
      return nil
    }
    let pairs = pairs(top, allowed: Job.keys, within: "at the top of the job file")
    let topLocation = location(root)

    var name = ""
    if let (key, value) = pairs["name"], let text = textValue(value, key: key, name: "name") {
      if text.contains("/") || text.hasPrefix(".") {
        problem(at: value, message: "\"name\" cannot contain \"/\" or start with \".\"", expected: "a plain name such as nightly")
      } else {
        name = text
      }
    } else if pairs["name"] == nil {
      problem(at: root, message: "the job has no \"name\"", expected: "name: a short name such as nightly")
    }

    var inputs: [JobInput] = []
    if let (key, value) = pairs["inputs"] {
      for item in list(value, key: key, name: "inputs", expected: "a list of files or globs") {
        if let input = input(item) { inputs.append(input) }
      }
      if inputs.isEmpty, problems.isEmpty {
        problem(at: key, message: "\"inputs\" is empty", expected: "at least one file or glob")
      }
    } else {
      problem(at: root, message: "the job has no \"inputs\"", expected: "inputs: a list of CSV files or globs")
    }

    var indicators: String? = nil
    if let (key, value) = pairs["indicators"], let text = textValue(value, key: key, name: "indicators") {
      indicators = Job.join(text, besides: file)
    }
    var chain: String? = nil
    if let (key, value) = pairs["chain"], let text = textValue(value, key: key, name: "chain") {
      chain = Job.join(text, besides: file)
    }

    var fiscalStart = 1
    if let (key, value) = pairs["fiscal_year_start"], let text = textValue(value, key: key, name: "fiscal_year_start") {
      if let month = Job.month(named: text) {
        fiscalStart = month
      } else {
        problem(
          at: value, found: text, message: "\"fiscal_year_start\" must be a month",
          expected: "a month name such as april (or its number, 4)")
      }
    }

    var period = JobPeriod.latest
    if let (key, value) = pairs["period"], let text = textValue(value, key: key, name: "period") {
      switch text {
      case "latest": period = .latest
      case "latest-complete-quarter": period = .latestCompleteQuarter
      default:
        if isPeriodLabel(text, fiscalStart: fiscalStart) {
          period = .label(text)
        } else {
          problem(
            at: value, found: text, message: "\"period\" is not a period label",
            expected: "latest, latest-complete-quarter, or a label such as 2024, 2024/25, 2024-Q3 or FY2024-Q2",
            hint: Spelling.suggestion(for: text, among: ["latest", "latest-complete-quarter"]).map {
              "did you mean \"\($0)\"?"
            })
        }
      }
    }

    var outputs: [JobOutput] = []
    if let (key, value) = pairs["outputs"] {
      if let mapping = mapping(value, key: key, name: "outputs", expected: "a mapping such as xlsx: reports/{period}/pack.xlsx") {
        let kinds = OutputKind.allCases.map(\.rawValue)
        for (kindName, pair) in self.pairs(mapping, allowed: kinds, within: "in \"outputs\"") {
          guard let kind = OutputKind(rawValue: kindName), let pattern = textValue(pair.value, key: pair.key, name: kindName)
          else { continue }
          outputs.append(output(kind: kind, pattern: pattern, at: pair.value))
        }
        outputs.sort { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
        if outputs.isEmpty, !value.isNullValue, problems.isEmpty {
          problem(at: key, message: "\"outputs\" is empty", expected: "at least one of xlsx, md, csv, json")
        }
      }
    } else {
      problem(at: root, message: "the job has no \"outputs\"", expected: "outputs: a mapping such as md: reports/{period}.md")
    }
    checkDistinct(outputs)

    var history = Job.join("\(name.isEmpty ? "job" : name).history.sqlite", besides: file)
    if let (key, value) = pairs["history"], let text = textValue(value, key: key, name: "history") {
      history = Job.join(text, besides: file)
    }

    var thresholds = Thresholds()
    if let (key, value) = pairs["thresholds"],
      let mapping = mapping(value, key: key, name: "thresholds", expected: "a mapping such as max_rejected_rows: 0")
    {
      let t = self.pairs(mapping, allowed: ["max_rejected_rows", "max_stale_indicators", "on_exceed"], within: "in \"thresholds\"")
      if let (k, v) = t["max_rejected_rows"] { thresholds.maxRejectedRows = integer(v, key: k, name: "max_rejected_rows") }
      if let (k, v) = t["max_stale_indicators"] {
        thresholds.maxStaleIndicators = integer(v, key: k, name: "max_stale_indicators")
      }
      if let (k, v) = t["on_exceed"], let word = word(v, key: k, name: "on_exceed", allowed: ["fail", "warn"]) {
        thresholds.action = Thresholds.Action(rawValue: word) ?? .warn
      }
    }

    var log: String? = nil
    if let (key, value) = pairs["log"], let text = textValue(value, key: key, name: "log") {
      log = Job.join(text, besides: file)
    }

    var templates: String? = nil
    if let (key, value) = pairs["templates"], let text = textValue(value, key: key, name: "templates") {
      templates = Job.join(text, besides: file)
    }
    var markdownTemplate = "quarterly-report"
    if let (key, value) = pairs["markdown_template"], let text = textValue(value, key: key, name: "markdown_template") {
      markdownTemplate = text.hasSuffix(".mustache") || text.contains("/") ? Job.join(text, besides: file) : text
    }
    var markdownSeries = MarkdownSeries.headline
    if let (key, value) = pairs["markdown_series"],
      let word = word(value, key: key, name: "markdown_series", allowed: MarkdownSeries.allCases.map(\.rawValue))
    {
      markdownSeries = MarkdownSeries(rawValue: word) ?? .headline
    }
    var workbookLayout = "indicators"
    if let (key, value) = pairs["workbook_layout"], let text = textValue(value, key: key, name: "workbook_layout") {
      workbookLayout = text.hasSuffix(".yaml") || text.contains("/") ? Job.join(text, besides: file) : text
    }

    var reads = inputs.map(\.pattern) + inputs.compactMap(\.mapping)
    if let chain { reads.append(chain) }
    if markdownTemplate.hasSuffix(".mustache") || markdownTemplate.contains("/") { reads.append(markdownTemplate) }
    if workbookLayout.hasSuffix(".yaml") || workbookLayout.contains("/") { reads.append(workbookLayout) }
    checkNotRead(outputs, reads: reads)

    problems.sort { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    guard problems.isEmpty else { return nil }
    var job = Job(
      name: name, file: file, inputs: inputs, indicatorsDirectory: indicators, chain: chain, period: period,
      fiscalYearStartMonth: fiscalStart, outputs: outputs, historyPath: history, thresholds: thresholds, logFile: log,
      location: topLocation)
    job.templatesDirectory = templates
    job.markdownTemplate = markdownTemplate
    job.markdownSeries = markdownSeries
    job.workbookLayout = workbookLayout
    return job
  }

  // MARK: - Parts

  /// An input: a plain path or glob, or a mapping with `path` and reading options.
  mutating func input(_ node: Node) -> JobInput? {
    if case .scalar = node, let text = textValue(node, key: node, name: "inputs") {
      return JobInput(pattern: Job.join(text, besides: file), layout: nil, mapping: nil, csv: CSVSettings(), location: location(node))
    }
    guard case .mapping(let m) = node else {
      problem(at: node, message: "an input must be a path or a mapping with \"path\"", expected: "path: data/export.csv")
      return nil
    }
    let allowed = ["path", "layout", "mapping", "delimiter", "decimal_comma", "thousands", "bad_rows"]
    let p = pairs(m, allowed: allowed, within: "in an input")
    guard let (pk, pv) = p["path"], let path = textValue(pv, key: pk, name: "path") else {
      if p["path"] == nil { problem(at: node, message: "this input has no \"path\"", expected: "path: data/export.csv") }
      return nil
    }
    var input = JobInput(
      pattern: Job.join(path, besides: file), layout: nil, mapping: nil, csv: CSVSettings(), location: location(pv))
    if let (k, v) = p["layout"], let raw = word(v, key: k, name: "layout", allowed: Layout.allCases.map(\.rawValue)) {
      input.layout = Layout(rawValue: raw)
    }
    if let (k, v) = p["mapping"], let text = textValue(v, key: k, name: "mapping") { input.mapping = Job.join(text, besides: file) }
    if let (k, v) = p["delimiter"], let text = rawText(v, key: k, name: "delimiter") {
      let d: UInt8? = text == "tab" || text == "\t" || text == "\\t" ? 9 : (text.utf8.count == 1 ? text.utf8.first : nil)
      if let d, d != 34, d != 10, d != 13 {
        input.csv.delimiter = d
      } else {
        problem(at: v, found: text, message: "\"delimiter\" must be one character or tab", expected: "',', ';', tab, '|'")
      }
    }
    if let (k, v) = p["decimal_comma"], let flag = boolean(v, key: k, name: "decimal_comma") { input.csv.decimalComma = flag }
    if let (k, v) = p["thousands"], let text = rawText(v, key: k, name: "thousands") {
      if text.utf8.count == 1, [",", ".", " ", "'"].contains(text) {
        input.csv.thousands = text.utf8.first
      } else {
        problem(at: v, found: text, message: "\"thousands\" must be one of ',', '.', ' ' or \"'\"", expected: "',', '.', ' ' or \"'\"")
      }
    }
    if let (k, v) = p["bad_rows"], let word = word(v, key: k, name: "bad_rows", allowed: ["fail", "quarantine"]) {
      input.csv.badRows = word == "fail" ? .fail : .quarantine
    }
    if input.csv.decimalComma, input.csv.delimiter == UInt8(ascii: ",") {
      problem(
        at: node, message: "decimal_comma needs a delimiter other than ','",
        expected: "files with decimal commas usually use ';'")
    }
    return input
  }

  mutating func output(kind: OutputKind, pattern: String, at node: Node) -> JobOutput {
    var rest = pattern
    for placeholder in ["{period}", "{date}"] { rest = rest.replacing(placeholder, with: "") }
    if rest.contains("{") || rest.contains("}") {
      problem(
        at: node, found: pattern, message: "unknown placeholder in the \(kind.rawValue) output's name",
        expected: "only {period} and {date}")
    }
    if pattern.hasSuffix("/") {
      problem(at: node, found: pattern, message: "the \(kind.rawValue) output names a folder, not a file", expected: "a file name such as reports/{period}/pack.\(kind.rawValue)")
    }
    return JobOutput(kind: kind, pattern: Job.join(pattern, besides: file), location: location(node))
  }

  /// Two outputs cannot share a file name.
  mutating func checkDistinct(_ outputs: [JobOutput]) {
    var seen: [String: OutputKind] = [:]
    for output in outputs {
      if let other = seen[output.pattern] {
        problems.append(
          JobError(
            .invalidJob, file: file, line: output.location.line, column: output.location.column,
            message: "the \(output.kind.rawValue) output has the same file name as the \(other.rawValue) output",
            expected: "a different file for each output"))
      }
      seen[output.pattern] = output.kind
    }
  }

  /// An output cannot be a file the job reads (an input, a mapping, the chain, the template or
  /// the layout): compared as written, joined to the job's folder. The runner compares the
  /// files themselves (symbolic and hard links) once globs and `{period}` are known.
  mutating func checkNotRead(_ outputs: [JobOutput], reads: [String]) {
    for output in outputs where !output.pattern.contains("{") {
      guard let read = reads.first(where: { $0 == output.pattern }) else { continue }
      problems.append(
        JobError(
          .invalidJob, file: file, line: output.location.line, column: output.location.column,
          message: "the \(output.kind.rawValue) output \"\(output.pattern)\" is \"\(read)\", which the job reads: writing it would replace it",
          expected: "an output path that is none of the job's inputs, mappings, chain, template or layout"))
    }
  }

  /// Whether `text` is a period label Backbone reads (`Period.parse`) or a fiscal label
  /// (`FY2024-Q2`) in the job's fiscal calendar.
  func isPeriodLabel(_ text: String, fiscalStart: Int) -> Bool {
    if (try? Period.parse(text)) != nil { return true }
    guard let calendar = FiscalCalendar(startMonth: fiscalStart) else { return false }
    return (try? calendar.parse(text)) != nil
  }

  // MARK: - Reading nodes

  func location(_ node: Node) -> JobLocation {
    JobLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  mutating func problem(
    _ kind: JobError.Kind = .invalidJob, at node: Node, found: String? = nil, message: String,
    expected: String? = nil, hint: String? = nil
  ) {
    _ = found
    problems.append(
      JobError(
        kind, file: file, line: node.mark?.line, column: node.mark?.column, message: message, expected: expected,
        hint: hint))
  }

  func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): node.isNullValue ? "nothing" : JobError.quoted(scalar.string)
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  mutating func wrongType(key: Node, value: Node, name: String, expected: String) {
    problem(
      at: value.isNullValue ? key : value, message: "\"\(name)\" must be \(expected), found \(describe(value))",
      expected: expected)
  }

  mutating func pairs(_ mapping: Node.Mapping, allowed: [String], within place: String) -> [String: (key: Node, value: Node)] {
    var result: [String: (key: Node, value: Node)] = [:]
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key, allowed.contains(scalar.string) else {
        let name = key.scalar?.string ?? describe(key)
        problem(
          at: key, message: "unknown key \(JobError.quoted(name)) \(place)",
          expected: "one of \(allowed.joined(separator: ", "))",
          hint: Spelling.suggestion(for: name, among: allowed).map { "did you mean \"\($0)\"?" })
        continue
      }
      result[scalar.string] = (key, value)
    }
    return result
  }

  mutating func mapping(_ node: Node, key: Node, name: String, expected: String) -> Node.Mapping? {
    guard case .mapping(let m) = node else {
      wrongType(key: key, value: node, name: name, expected: expected)
      return nil
    }
    return m
  }

  mutating func list(_ node: Node, key: Node, name: String, expected: String) -> [Node] {
    switch node {
    case .sequence(let s): return Array(s)
    case .scalar where !node.isNullValue, .mapping: return [node]
    default:
      wrongType(key: key, value: node, name: name, expected: expected)
      return []
    }
  }

  /// The trimmed text of a non-empty scalar.
  mutating func textValue(_ node: Node, key: Node, name: String) -> String? {
    guard let raw = rawText(node, key: key, name: name) else { return nil }
    let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else {
      problem(at: key, message: "\"\(name)\" is empty", expected: "text")
      return nil
    }
    return trimmed
  }

  /// The untrimmed text of a scalar (a delimiter or separator may be a space).
  mutating func rawText(_ node: Node, key: Node, name: String) -> String? {
    guard case .scalar(let scalar) = node, !node.isNullValue else {
      wrongType(key: key, value: node, name: name, expected: "text")
      return nil
    }
    return scalar.string
  }

  mutating func integer(_ node: Node, key: Node, name: String) -> Int? {
    guard let text = textValue(node, key: key, name: name) else { return nil }
    guard let value = Int(text.filter { $0 != "_" }), value >= 0 else {
      problem(at: node, message: "\"\(name)\" must be a whole number of at least 0, found \(JobError.quoted(text))", expected: "a whole number ≥ 0")
      return nil
    }
    return value
  }

  mutating func boolean(_ node: Node, key: Node, name: String) -> Bool? {
    guard let raw = textValue(node, key: key, name: name) else { return nil }
    switch raw.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default:
      problem(at: node, message: "\"\(name)\" must be true or false, found \(JobError.quoted(raw))", expected: "true or false")
      return nil
    }
  }

  mutating func word(_ node: Node, key: Node, name: String, allowed: [String]) -> String? {
    guard let raw = textValue(node, key: key, name: name) else { return nil }
    if allowed.contains(raw) { return raw }
    problem(
      at: node, message: "unknown \(name) \(JobError.quoted(raw))", expected: "one of \(allowed.joined(separator: ", "))",
      hint: Spelling.suggestion(for: raw, among: allowed).map { "did you mean \"\($0)\"?" })
    return nil
  }

  func syntaxProblem(_ error: any Error) -> JobError {
    guard let yaml = error as? YamlError else {
      return JobError(.invalidYAML, file: file, message: "invalid YAML: \(error)")
    }
    switch yaml {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return JobError(
        .invalidYAML, file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)",
        hint: context.map { "\($0.text), which began at line \($0.mark.line), column \($0.mark.column)" })
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { JobError.quoted($0) }.joined(separator: ", ")
      return JobError(
        .invalidYAML, file: file, line: context.mark.line, column: context.mark.column,
        message: "key \(keys) appears more than once in the same mapping", expected: "each key once per mapping")
    default:
      return JobError(.invalidYAML, file: file, message: "invalid YAML: \(yaml)")
    }
  }
}

extension Node {
  /// A plain scalar that YAML reads as null: empty, `~` or `null`.
  var isNullValue: Bool {
    guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }
}
