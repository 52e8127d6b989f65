import Foundation
import Yams

extension ColumnMapping {
  /// The keys of a mapping file, each naming a header column (except `indicator_id`, which is
  /// the id of every row).
  static let yamlKeys: [String] = [
    "indicator", "indicator_name", "area", "area_name", "area_type", "period", "value", "lower_ci", "upper_ci",
    "count", "denominator", "note", "status", "unit", "breakdowns", "attributes", "indicator_id",
  ]

  /// Reads a mapping file:
  ///
  /// ```yaml
  /// # northfield-mapping.yaml
  /// indicator: Indicator code
  /// area: Ward code
  /// period: Quarter
  /// value: Rate
  /// breakdowns: [Sex, Age band]
  /// ```
  ///
  /// - Parameters:
  ///   - path: the file to read.
  ///   - displayPath: the path as the user typed it, for messages.
  /// - Throws: `IndicatorError` `.fileNotFound`, `.unreadable`, or `.invalidMapping` with the
  ///   line and column of the offending key or value.
  public static func load(path: String, displayPath: String? = nil) throws(IndicatorError) -> ColumnMapping {
    let name = displayPath ?? path
    guard FileManager.default.fileExists(atPath: path) else {
      throw IndicatorError(.fileNotFound, file: name, message: "no such mapping file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw IndicatorError(.unreadable, file: name, message: "cannot read the mapping file")
    }
    return try parse(String(decoding: data, as: UTF8.self), file: name)
  }

  /// Parses the text of a mapping file named `file` (see `load(path:displayPath:)`).
  public static func parse(_ text: String, file: String) throws(IndicatorError) -> ColumnMapping {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let e as YamlError {
      throw yamlSyntaxError(e, file: file)
    } catch {
      throw IndicatorError(.invalidMapping, file: file, message: "cannot read the YAML: \(error)")
    }
    guard let node, case .mapping(let map) = node else {
      throw IndicatorError(
        .invalidMapping, file: file, line: 1, message: "a mapping file is a YAML mapping of roles to column names",
        expected: "lines like `value: Rate` and `period: Quarter`")
    }
    var m = ColumnMapping()
    for (keyNode, valueNode) in map {
      guard let key = keyNode.string else { continue }
      let at = location(keyNode, file)
      func scalar() throws(IndicatorError) -> String {
        guard let s = valueNode.scalar?.string, !s.isEmpty else {
          throw IndicatorError(
            .invalidMapping, file: file, line: location(valueNode, file).line, column: location(valueNode, file).column,
            message: "\(key) must name one column", expected: "a column name, like `\(key): \(key == "value" ? "Rate" : "Quarter")`")
        }
        return s
      }
      func list() throws(IndicatorError) -> [String] {
        if let s = valueNode.scalar?.string { return [s] }
        guard let seq = valueNode.sequence else {
          throw IndicatorError(
            .invalidMapping, file: file, line: location(valueNode, file).line, column: location(valueNode, file).column,
            message: "\(key) must be a list of column names", expected: "[Sex, Age band]")
        }
        var out: [String] = []
        for item in seq {
          guard let s = item.scalar?.string else {
            throw IndicatorError(
              .invalidMapping, file: file, line: location(item, file).line, column: location(item, file).column,
              message: "each entry of \(key) must be a column name")
          }
          out.append(s)
        }
        return out
      }
      m.origins[roleName(key)] = "\(file):\(at.line ?? 0):\(at.column ?? 0)"
      switch key {
      case "indicator": m.indicator = try scalar()
      case "indicator_name": m.indicatorName = try scalar()
      case "area": m.area = try scalar()
      case "area_name": m.areaName = try scalar()
      case "area_type": m.areaType = try scalar()
      case "period": m.period = try scalar()
      case "value": m.value = try scalar()
      case "lower_ci": m.lowerCI = try scalar()
      case "upper_ci": m.upperCI = try scalar()
      case "count": m.count = try scalar()
      case "denominator": m.denominator = try scalar()
      case "note": m.note = try scalar()
      case "status": m.status = try scalar()
      case "unit": m.unit = try scalar()
      case "breakdowns": m.breakdowns = try list()
      case "attributes": m.attributes = try list()
      case "indicator_id": m.indicatorID = try scalar()
      default:
        throw IndicatorError(
          .invalidMapping, file: file, line: at.line, column: at.column, found: IndicatorError.quoted(key),
          message: "unknown key \(IndicatorError.quoted(key)) in the mapping",
          expected: "one of \(yamlKeys.joined(separator: ", "))",
          hint: Spelling.suggestion(for: key, among: yamlKeys).map { "did you mean \"\($0)\"?" })
      }
    }
    return m
  }

  /// The role name used in messages for a YAML key.
  static func roleName(_ key: String) -> String {
    switch key {
    case "lower_ci": "lower limit"
    case "upper_ci": "upper limit"
    case "indicator_name": "indicator name"
    case "area_name": "area name"
    case "area_type": "area type"
    default: key
    }
  }
}

/// The 1-based line and column of a YAML node.
func location(_ node: Node, _ file: String) -> (line: Int?, column: Int?) {
  guard let mark = node.mark else { return (nil, nil) }
  return (mark.line, mark.column)
}

/// A Yams syntax error as an `IndicatorError` with its line and column.
func yamlSyntaxError(_ e: YamlError, file: String) -> IndicatorError {
  switch e {
  case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
    return IndicatorError(.invalidMapping, file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)")
  default:
    return IndicatorError(.invalidMapping, file: file, message: "YAML syntax: \(e)")
  }
}
