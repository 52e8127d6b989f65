import ArgumentParser
import Columnar
import Foundation
import Indicators

struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Read a CSV file into a typed table and describe it.",
    discussion: """
      Parses the whole file, then reports the detected dialect (delimiter, quote, line ends,
      byte-order mark, skipped preamble, tag row), each column's type, its count of values and of
      missing values by token, and the rows read and rejected. Then it recognises the export's
      layout (Fingertips, UN SDG, World Bank, WHO GHO, OWID, SDMX, DHIS2, Open SDG or a generic
      long table) and reports its indicators, areas, breakdowns, periods and missing values by
      reason. A file whose layout is not recognised is still described, with the reason.

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The CSV file ('-' for standard input).")
  var file: String

  @Flag(help: "Print one JSON document (schemaVersion 1) instead of a table.")
  var json = false

  @Flag(name: .customLong("table-only"), help: "Describe the table only; do not recognise a layout.")
  var tableOnly = false

  @OptionGroup(title: "Layout") var layoutOptions: LayoutOptions
  @OptionGroup var csv: CSVOptions
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let result = try readInput(file, csv: csv, global: global, rejectedDefault: rejectedPath(besides: file == "-" ? "stdin.csv" : file))
    var report = InspectReport(file: file, result: result, rejectedPath: result.rejected.isEmpty ? nil : (csv.rejected ?? rejectedPath(besides: file == "-" ? "stdin.csv" : file)))
    if !tableOnly {
      let options = try layoutOptions.observationOptions()
      let library = try layoutOptions.definitionLibrary()
      do {
        var observations = try Observations.read(result.table, file: file, options: options)
        let match = library.map { observations.match($0) }
        report.observations = ObservationSummary(observations, definitions: match)
        report.warnings += observations.warnings.map(\.description)
        if !global.quiet { for w in observations.warnings { Terminal.error(w.description) } }
      } catch {
        // A forced layout or a mapping that does not fit is an error; an unrecognised header
        // is a finding.
        if options.layout != nil || !options.mapping.isEmpty { throw ExitStatus.fail(error) }
        report.layoutError = error.description
      }
    }
    if json {
      Terminal.out(try report.json() + "\n")
    } else if !global.quiet {
      Terminal.out(report.text())
    }
  }
}

/// The facts `inspect` prints, in a stable shape for `--json`.
struct InspectReport: Encodable {
  var schemaVersion = 1
  var file: String
  var bytes: Int
  var dialect: Dialect
  var rows: Rows
  var columns: [ColumnInfo]
  var warnings: [String]
  var rejectedFile: String?
  /// The recognised layout and what the observations hold; `nil` with `--table-only` or when
  /// the layout is not recognised (then `layoutError` says why).
  var observations: ObservationSummary?
  var layoutError: String?

  enum CodingKeys: String, CodingKey {
    case schemaVersion, file, bytes, dialect, rows, columns, warnings, rejectedFile, observations, layoutError
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(schemaVersion, forKey: .schemaVersion)
    try c.encode(file, forKey: .file)
    try c.encode(bytes, forKey: .bytes)
    try c.encode(dialect, forKey: .dialect)
    try c.encode(rows, forKey: .rows)
    try c.encode(columns, forKey: .columns)
    try c.encode(warnings, forKey: .warnings)
    try c.encode(rejectedFile, forKey: .rejectedFile)
    try c.encode(observations, forKey: .observations)
    try c.encode(layoutError, forKey: .layoutError)
  }

  struct Dialect: Encodable {
    var delimiter: String
    var quote: String
    var lineEnding: String
    var byteOrderMark: Bool
    var skippedLines: Int
    var skippedLinesDetected: Bool
    var preamble: [String]
    var headerLine: Int?
    var tagRow: [String]?
    var delimiterDetected: Bool
  }

  struct Rows: Encodable {
    var read: Int
    var loaded: Int
    var rejected: Int
  }

  struct ColumnInfo: Encodable {
    var index: Int
    var name: String
    var type: String
    var typeDeclared: Bool
    var values: Int
    var missing: Int
    var missingByToken: [String: Int]
    var distinct: Int?
    var min: Double?
    var max: Double?

    enum CodingKeys: String, CodingKey { case index, name, type, typeDeclared, values, missing, missingByToken, distinct, min, max }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(index, forKey: .index)
      try c.encode(name, forKey: .name)
      try c.encode(type, forKey: .type)
      try c.encode(typeDeclared, forKey: .typeDeclared)
      try c.encode(values, forKey: .values)
      try c.encode(missing, forKey: .missing)
      try c.encode(missingByToken, forKey: .missingByToken)
      try c.encode(distinct, forKey: .distinct)  // null for numbers
      try c.encode(min, forKey: .min)
      try c.encode(max, forKey: .max)
    }
  }

  init(file: String, result: CSVReadResult, rejectedPath: String?) {
    self.file = file
    bytes = result.byteCount
    let d = result.dialect
    dialect = Dialect(
      delimiter: d.delimiter == 9 ? "\t" : String(UnicodeScalar(d.delimiter)), quote: String(UnicodeScalar(d.quote)),
      lineEnding: d.lineEnding.rawValue, byteOrderMark: d.hasBOM, skippedLines: d.skippedLines,
      skippedLinesDetected: d.skippedLinesDetected, preamble: d.preamble, headerLine: d.headerLine, tagRow: d.tagRow,
      delimiterDetected: d.delimiterDetected)
    rows = Rows(read: result.recordsRead, loaded: result.table.rowCount, rejected: result.rejected.count)
    columns = result.table.profiles(declared: result.declaredColumns).enumerated().map { i, p in
      var byToken: [String: Int] = [:]
      for m in p.missingByToken { byToken[m.token ?? "(unknown)", default: 0] += m.count }
      return ColumnInfo(
        index: i + 1, name: p.name, type: p.type.rawValue, typeDeclared: p.isDeclared, values: p.values,
        missing: p.missing, missingByToken: byToken, distinct: p.distinct, min: p.minimum, max: p.maximum)
    }
    warnings = result.warnings.map(\.description)
    rejectedFile = rejectedPath
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }

  func text() -> String {
    var s = "\(file): \(grouped(bytes)) bytes\n"
    var dialectParts = [
      "delimiter \(dialect.delimiter == "\t" ? "tab" : "\"\(dialect.delimiter)\"")\(dialect.delimiterDetected ? " (detected)" : "")",
      "quote \(dialect.quote)", "line ends \(dialect.lineEnding)", dialect.byteOrderMark ? "UTF-8 with BOM" : "UTF-8",
    ]
    if dialect.skippedLines > 0 {
      dialectParts.append(
        "\(dialect.skippedLines) line\(dialect.skippedLines == 1 ? "" : "s") skipped before the header\(dialect.skippedLinesDetected ? " (detected preamble)" : "")")
    }
    if let h = dialect.headerLine { dialectParts.append("header on line \(h)") } else { dialectParts.append("no header") }
    if dialect.tagRow != nil { dialectParts.append("HXL tag row skipped") }
    s += "dialect: " + dialectParts.joined(separator: ", ") + "\n"
    s += "rows: \(grouped(rows.read)) read, \(grouped(rows.loaded)) loaded, \(grouped(rows.rejected)) rejected"
    if let r = rejectedFile { s += " (see \(r))" }
    s += "\ncolumns: \(columns.count)\n\n"
    let header = ["#", "column", "type", "values", "missing", "missing by token", "distinct"]
    var rowsOut: [[String]] = [header]
    for c in columns {
      let tokens = c.missingByToken.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "(empty)" : $0.key) \(grouped($0.value))" }
        .joined(separator: ", ")
      rowsOut.append([
        String(c.index), c.name, c.type + (c.typeDeclared ? "*" : ""), grouped(c.values), grouped(c.missing), tokens,
        c.distinct.map(grouped) ?? "",
      ])
    }
    let widths = (0..<header.count).map { k in rowsOut.map { $0[k].count }.max() ?? 0 }
    let rightAligned: Set<Int> = [0, 3, 4, 6]
    for r in rowsOut {
      let cells = r.enumerated().map { k, v in
        let pad = String(repeating: " ", count: widths[k] - v.count)
        return rightAligned.contains(k) ? pad + v : v + pad
      }
      s += "  " + cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }
    if columns.contains(where: \.typeDeclared) { s += "\n  * type declared with --type\n" }
    if let o = observations { s += "\n" + Self.text(o) }
    if let e = layoutError {
      s += (e.contains("matches no known layout") ? "\nlayout: not recognised\n" : "\nlayout: cannot be read\n") + e.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    return s
  }
}

extension InspectReport {
  static func text(_ o: ObservationSummary) -> String {
    func list(_ d: ObservationSummary.Distinct) -> String {
      "\(grouped(d.count))" + (d.examples.isEmpty ? "" : " (\(d.examples.joined(separator: ", "))\(d.count > d.examples.count ? ", …" : ""))")
    }
    var s = "layout: \(o.layout) (\(o.layoutTitle))\n"
    let missing = o.observations - o.valuesPresent
    s += "observations: \(grouped(o.observations)), \(grouped(o.valuesPresent)) with a value, \(grouped(missing)) missing\n"
    if missing > 0 {
      let reasons = AbsenceReason.allCases.compactMap { r in o.missingByReason[r.rawValue].map { "\(r.phrase) \(grouped($0))" } }
      s += "missing by reason: \(reasons.joined(separator: ", "))\n"
    }
    s += "indicators: \(list(o.indicators))\n"
    if let d = o.definitions {
      s += "definitions: \(grouped(d.defined)) defined"
      if !d.undefined.isEmpty {
        s += ", \(grouped(d.undefined.count)) not in the definitions (\(d.undefined.prefix(10).joined(separator: ", "))\(d.undefined.count > 10 ? ", …" : ""))"
      }
      s += "\n"
    }
    s += "areas: \(list(o.areas))\n"
    for b in o.breakdowns { s += "breakdown \(b.name): \(list(b.values))\n" }
    let p = o.periods
    s += "periods: \(grouped(p.count))"
    if let f = p.first, let l = p.last { s += ", \(f) to \(l)" }
    if !p.granularities.isEmpty { s += " (\(p.granularities.joined(separator: ", ")))" }
    s += "\n"
    if !p.unreadable.isEmpty { s += "periods not understood: \(p.unreadable.joined(separator: ", "))\n" }
    if let series = o.series {
      s += "series: \(grouped(series.count))"
      if series.mixingKindsOfPeriod > 0 {
        s += ", \(grouped(series.mixingKindsOfPeriod)) mixing kinds of period"
        if let m = series.firstMixed { s += " (first: \(m))" }
      }
      s += "\n"
    }
    return s
  }
}

/// 1234567 as "1,234,567", independent of the locale.
func grouped(_ n: Int) -> String {
  let digits = String(abs(n))
  var out = ""
  for (i, ch) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(ch)
  }
  return (n < 0 ? "-" : "") + out
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
