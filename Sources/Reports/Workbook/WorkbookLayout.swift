import Foundation
import Indicators
import Yams

/// The columns of a funder's tracking table (IPTT, logframe, plain indicator table), read from a
/// YAML file under `templates/`, so that a new funder's layout needs no code.
///
/// ```yaml
/// name: IPTT
/// title: Indicator Performance Tracking Table
/// rows: headline          # or: all (every area and disaggregation)
/// columns:
///   - {field: indicator-id, header: "Indicator ID", width: 12}
///   - {field: actual-q1, header: "Actual {quarter}"}
///   - {field: percent-achieved, format: "0%"}
/// ```
///
/// Each column names a ``WorkbookField``; `header`, `width` and `format` (an Excel number
/// format) are optional and default to the field's own. `{quarter}` in a header becomes the
/// quarter's label ("Q1 (Apr–Jun 2023)") and `{fiscal-year}` the fiscal year's ("2023/24").
/// templates/WORKBOOK.md lists the fields.
public struct WorkbookLayout: Sendable, Equatable {
  /// Which series get a row.
  public enum Rows: String, Sendable, Equatable, CaseIterable {
    /// Each indicator's headline series (headline area, no breakdown).
    case headline
    /// The headline series, then its disaggregations and other areas.
    case all
  }

  /// One column of the tracking table.
  public struct Column: Sendable, Equatable {
    public var field: WorkbookField
    /// The header text, with `{quarter}` and `{fiscal-year}` not yet filled in.
    public var header: String
    /// Width in characters.
    public var width: Double
    /// An Excel number format overriding the field's (`0.0`, `0%`, `yyyy-mm-dd`).
    public var numberFormat: String?

    public init(field: WorkbookField, header: String? = nil, width: Double? = nil, numberFormat: String? = nil) {
      self.field = field
      self.header = header ?? field.defaultHeader
      self.width = width ?? field.defaultWidth
      self.numberFormat = numberFormat
    }
  }

  /// The layout's name ("IPTT").
  public var name: String
  /// The tracking sheet's title row ("Indicator Performance Tracking Table").
  public var title: String
  public var rows: Rows
  public var columns: [Column]
  /// The file it was read from, for messages (`nil` when built in code).
  public var file: String?

  public init(name: String, title: String, rows: Rows = .headline, columns: [Column], file: String? = nil) {
    self.name = name
    self.title = title
    self.rows = rows
    self.columns = columns
    self.file = file
  }

  /// The keys a layout file may have, and a column entry.
  static let layoutKeys = ["name", "title", "rows", "columns"]
  static let columnKeys = ["field", "header", "width", "format"]

  /// Reads a layout file.
  /// - Parameter path: the YAML file, as the user gave it (used in messages).
  /// - Returns: the layout.
  /// - Throws: `ReportError.report` with kind `.missing` when the file cannot be read, `.invalid`
  ///   (with line and column, and "did you mean" for a misspelt field or key) when it is wrong.
  public static func load(path: String) throws(ReportError) -> WorkbookLayout {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .report(
        file: path, line: nil, column: nil, message: "cannot read the workbook layout file", hint: nil, kind: .missing)
    }
    return try parse(String(decoding: data, as: UTF8.self), file: path)
  }

  /// The bundled layout `name`: `templatesDirectory/workbook-<name>.yaml`.
  /// - Parameters:
  ///   - name: `iptt`, `logframe`, `indicators`, or another file's name.
  ///   - templatesDirectory: the `templates/` folder.
  /// - Throws: `ReportError.report` (`.missing`) naming the layouts there when there is no such
  ///   file; the errors of ``load(path:)``.
  public static func named(_ name: String, templatesDirectory: String) throws(ReportError) -> WorkbookLayout {
    let directory = templatesDirectory.hasSuffix("/") ? String(templatesDirectory.dropLast()) : templatesDirectory
    let path = "\(directory)/workbook-\(name).yaml"
    guard FileManager.default.fileExists(atPath: path) else {
      let known = available(in: directory)
      let suggestion = Spelling.suggestion(for: name, among: known)
      throw .report(
        file: path, line: nil, column: nil, message: "no workbook layout named \"\(name)\"",
        hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "")
          + (known.isEmpty
            ? ShippedTemplates.missingHint(in: directory) : "layouts: " + known.joined(separator: ", ")),
        kind: .missing)
    }
    return try load(path: path)
  }

  /// The names of the layouts in a templates folder, sorted.
  static func available(in directory: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasPrefix("workbook-") && $0.hasSuffix(".yaml") }
      .map { String($0.dropFirst("workbook-".count).dropLast(".yaml".count)) }.sorted()
  }

  /// Parses the text of a layout file named `file`.
  /// - Throws: `ReportError.report` (`.invalid`) at the first problem, with line and column.
  public static func parse(_ yaml: String, file: String) throws(ReportError) -> WorkbookLayout {
    func fail(_ node: Node?, _ message: String, hint: String? = nil) -> ReportError {
      .report(
        file: file, line: node?.mark?.line, column: node?.mark?.column, message: message, hint: hint, kind: .invalid)
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let e as YamlError {
      switch e {
      case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
        throw .report(
          file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)", hint: nil,
          kind: .invalid)
      default:
        throw .report(file: file, line: nil, column: nil, message: "YAML syntax: \(e)", hint: nil, kind: .invalid)
      }
    } catch {
      throw .report(
        file: file, line: nil, column: nil, message: "cannot read the YAML: \(error)", hint: nil, kind: .invalid)
    }
    guard let root, case .mapping(let map) = root else {
      throw .report(
        file: file, line: 1, column: 1,
        message: "a workbook layout is a YAML mapping with name, title, rows and columns",
        hint: nil, kind: .invalid)
    }
    let pairs = try keyed(map, allowed: layoutKeys, place: "in a workbook layout", fail: fail)
    func text(_ key: String) throws(ReportError) -> String? {
      guard let (k, v) = pairs[key] else { return nil }
      guard let s = v.scalar?.string, !s.isEmpty else { throw fail(v.isBlank ? k : v, "\"\(key)\" must be text") }
      return s
    }
    let name = try text("name") ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let title = try text("title") ?? name
    var rows = Rows.headline
    if let word = try text("rows") {
      guard let r = Rows(rawValue: word) else {
        let node = pairs["rows"]?.value
        throw fail(
          node, "\"rows\" must be headline or all, found \"\(word)\"",
          hint: Spelling.suggestion(for: word, among: Rows.allCases.map(\.rawValue)).map { "did you mean \"\($0)\"?" })
      }
      rows = r
    }
    guard let (columnsKey, columnsNode) = pairs["columns"] else {
      throw fail(root, "a workbook layout needs \"columns\", a list of fields")
    }
    guard case .sequence(let list) = columnsNode, !list.isEmpty else {
      throw fail(columnsNode.isBlank ? columnsKey : columnsNode, "\"columns\" must be a list of at least one column")
    }
    var columns: [Column] = []
    for entry in list {
      columns.append(try column(entry, fail: fail))
    }
    return WorkbookLayout(name: name, title: title, rows: rows, columns: columns, file: file)
  }

  /// One entry of `columns`: a field name alone, or a mapping with `field` and options.
  static func column(_ entry: Node, fail: (Node?, String, String?) -> ReportError) throws(ReportError) -> Column {
    func field(_ node: Node) throws(ReportError) -> WorkbookField {
      let word = node.scalar?.string ?? ""
      guard let f = WorkbookField(rawValue: word) else {
        let suggestion = Spelling.suggestion(for: word, among: WorkbookField.allCases.map(\.rawValue))
        throw fail(
          node, "unknown field \"\(word)\" in a workbook layout column",
          (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "templates/WORKBOOK.md lists the fields")
      }
      return f
    }
    switch entry {
    case .scalar:
      return Column(field: try field(entry))
    case .mapping(let map):
      let pairs = try keyed(map, allowed: columnKeys, place: "in a workbook layout column", fail: fail)
      guard let (_, fieldNode) = pairs["field"] else { throw fail(entry, "a column needs a \"field\"", nil) }
      let f = try field(fieldNode)
      var header: String? = nil
      if let (k, v) = pairs["header"] {
        guard let s = v.scalar?.string else { throw fail(v.isBlank ? k : v, "\"header\" must be text", nil) }
        header = s
      }
      var width: Double? = nil
      if let (k, v) = pairs["width"] {
        guard let w = v.scalar.flatMap({ Double($0.string) }), w > 0, w <= 255 else {
          throw fail(v.isBlank ? k : v, "\"width\" must be a number of characters from 1 to 255", nil)
        }
        width = w
      }
      var format: String? = nil
      if let (k, v) = pairs["format"] {
        guard let s = v.scalar?.string, !s.isEmpty, s.utf16.count <= 255 else {
          throw fail(v.isBlank ? k : v, "\"format\" must be an Excel number format such as 0.0 or 0%", nil)
        }
        format = s
      }
      return Column(field: f, header: header, width: width, numberFormat: format)
    default:
      throw fail(entry, "a column is a field name or a mapping with \"field\"", nil)
    }
  }

  /// The pairs of a mapping by key, refusing keys not in `allowed` (with "did you mean").
  static func keyed(
    _ map: Node.Mapping, allowed: [String], place: String, fail: (Node?, String, String?) -> ReportError
  ) throws(ReportError) -> [String: (key: Node, value: Node)] {
    var out: [String: (key: Node, value: Node)] = [:]
    for (key, value) in map {
      let word = key.scalar?.string ?? ""
      guard allowed.contains(word) else {
        let suggestion = Spelling.suggestion(for: word, among: allowed)
        throw fail(
          key, "unknown key \"\(word)\" \(place)",
          (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "expected one of " + allowed.joined(separator: ", "))
      }
      guard out[word] == nil else { throw fail(key, "\"\(word)\" is given twice \(place)", nil) }
      out[word] = (key, value)
    }
    return out
  }
}

/// What a tracking-table column shows, by the name a layout file uses.
public enum WorkbookField: String, Sendable, Equatable, CaseIterable {
  case resultLevel = "result-level"
  case resultStatement = "result-statement"
  case stepID = "step-id"
  case indicatorID = "indicator-id"
  case indicator = "indicator"
  case domain = "domain"
  case unit = "unit"
  case polarity = "polarity"
  case area = "area"
  case disaggregation = "disaggregation"
  case baselineValue = "baseline-value"
  case baselinePeriod = "baseline-period"
  case baselineDate = "baseline-date"
  case targetValue = "target-value"
  case targetPeriod = "target-period"
  case targetStatus = "target-status"
  case actualQ1 = "actual-q1"
  case actualQ2 = "actual-q2"
  case actualQ3 = "actual-q3"
  case actualQ4 = "actual-q4"
  case fiscalYearValue = "fiscal-year-value"
  case latestValue = "latest-value"
  case latestPeriod = "latest-period"
  case latestDate = "latest-date"
  case latestLower = "latest-lower"
  case latestUpper = "latest-upper"
  case changeFromPrevious = "change-from-previous"
  case changeFromBaseline = "change-from-baseline"
  case percentAchieved = "percent-achieved"
  case status = "status"
  case statusReason = "status-reason"
  case trend = "trend"
  case trendPValue = "trend-p-value"
  case slopePerYear = "slope-per-year"
  case benchmark = "benchmark"
  case intervalMethod = "interval-method"
  case dataSource = "data-source"
  case frequency = "frequency"
  case comments = "comments"

  /// What kind of cell the field makes, which decides its number format.
  enum Kind {
    case text
    /// A value in the indicator's unit, with its decimals.
    case value
    /// A fraction shown as a percentage.
    case percent
    case date
    /// A p-value, three decimals.
    case probability
  }

  var kind: Kind {
    switch self {
    case .baselineValue, .targetValue, .actualQ1, .actualQ2, .actualQ3, .actualQ4, .fiscalYearValue, .latestValue,
      .latestLower, .latestUpper, .changeFromPrevious, .changeFromBaseline, .slopePerYear:
      .value
    case .percentAchieved: .percent
    case .baselineDate, .latestDate: .date
    case .trendPValue: .probability
    default: .text
    }
  }

  /// The quarter (1–4) of an `actual-qN` field.
  var quarter: Int? {
    switch self {
    case .actualQ1: 1
    case .actualQ2: 2
    case .actualQ3: 3
    case .actualQ4: 4
    default: nil
    }
  }

  var defaultHeader: String {
    switch self {
    case .resultLevel: "Result level"
    case .resultStatement: "Result statement"
    case .stepID: "Step"
    case .indicatorID: "Indicator ID"
    case .indicator: "Indicator"
    case .domain: "Domain"
    case .unit: "Unit"
    case .polarity: "Polarity"
    case .area: "Area"
    case .disaggregation: "Disaggregation"
    case .baselineValue: "Baseline"
    case .baselinePeriod: "Baseline period"
    case .baselineDate: "Baseline date"
    case .targetValue: "Target"
    case .targetPeriod: "Target period"
    case .targetStatus: "Target status"
    case .actualQ1, .actualQ2, .actualQ3, .actualQ4: "Actual {quarter}"
    case .fiscalYearValue: "Actual {fiscal-year}"
    case .latestValue: "Latest value"
    case .latestPeriod: "Latest period"
    case .latestDate: "Latest period end"
    case .latestLower: "Lower 95% limit"
    case .latestUpper: "Upper 95% limit"
    case .changeFromPrevious: "Change from previous"
    case .changeFromBaseline: "Change from baseline"
    case .percentAchieved: "% achieved"
    case .status: "Status"
    case .statusReason: "Why"
    case .trend: "Trend"
    case .trendPValue: "Trend p-value"
    case .slopePerYear: "Change a year (Sen)"
    case .benchmark: "Compared with benchmark"
    case .intervalMethod: "Interval method"
    case .dataSource: "Data source"
    case .frequency: "Frequency"
    case .comments: "Comments"
    }
  }

  var defaultWidth: Double {
    switch self {
    case .resultStatement, .indicator, .statusReason, .comments: 40
    case .resultLevel, .dataSource, .disaggregation, .benchmark, .intervalMethod: 20
    case .actualQ1, .actualQ2, .actualQ3, .actualQ4: 16
    case .trend: 7
    default: 13
    }
  }
}

extension Node {
  /// An empty value (`key:` with nothing after it), which has no useful position of its own.
  fileprivate var isBlank: Bool {
    guard case .scalar(let s) = self else { return false }
    return s.string.isEmpty || s.string == "~" || s.string == "null"
  }
}
