import Foundation
import XLSX

/// The outputs of ``ReportJobAnalyser`` until the Reports target's renderings land:
/// the key results of every series, the chain's steps, and the changes since the last run, as
/// Markdown, CSV, JSON and a workbook with a "Key results" and a "Changes" sheet.
///
/// Everything is formatted without the locale: numbers in their shortest exact form, text as
/// the data wrote it.
struct KeyResultsRendering: Sendable {
  var job: String
  var period: String
  var series: [SeriesRecord]
  var steps: [StepRecord]
  /// The chain assessment's own Markdown, when the job names a chain.
  var chainMarkdown: String?

  /// The requested outputs as bytes.
  /// - Throws: ``JobError`` `cannotWrite` when the workbook cannot be made.
  func render(_ summary: ChangeSummary, kinds: [OutputKind]) throws(JobError) -> [OutputKind: [UInt8]] {
    var out: [OutputKind: [UInt8]] = [:]
    for kind in kinds {
      switch kind {
      case .md: out[kind] = Array(markdown(summary).utf8)
      case .csv: out[kind] = Array(csv().utf8)
      case .json: out[kind] = Array(json(summary).utf8)
      case .xlsx: out[kind] = try workbook(summary)
      }
    }
    return out
  }

  static let columns = [
    "indicator", "area", "breakdown", "latest_period", "latest_value", "status", "p_value", "significant", "benchmark",
    "target_progress", "stale",
  ]

  func cells(_ s: SeriesRecord) -> [String] {
    [
      s.key.indicator, s.key.area, s.key.breakdown, s.latestPeriod ?? "", RunComparison.text(s.latestValue) ?? "",
      s.status, s.significanceP.map { "\($0)" } ?? "", s.isSignificant.map { $0 ? "yes" : "no" } ?? "",
      s.benchmark ?? "", s.targetProgress ?? "", s.isStale ? "yes" : "no",
    ]
  }

  func markdown(_ summary: ChangeSummary) -> String {
    var s = "# \(job): \(period)\n\n## Changes since the last run\n\n"
    if let since = summary.since { s += "Compared with \(since).\n\n" }
    for line in summary.lines { s += "- \(line)\n" }
    s += "\n## Key results\n\n| " + Self.columns.joined(separator: " | ") + " |\n|"
    s += String(repeating: " --- |", count: Self.columns.count) + "\n"
    for record in series {
      s += "| " + cells(record).map { $0.replacing("|", with: "\\|") }.joined(separator: " | ") + " |\n"
    }
    if let chainMarkdown { s += "\n" + chainMarkdown + (chainMarkdown.hasSuffix("\n") ? "" : "\n") }
    return s
  }

  func csv() -> String {
    func field(_ text: String) -> String {
      text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        ? "\"" + text.replacing("\"", with: "\"\"") + "\"" : text
    }
    var s = Self.columns.joined(separator: ",") + "\n"
    for record in series { s += cells(record).map(field).joined(separator: ",") + "\n" }
    return s
  }

  func json(_ summary: ChangeSummary) -> String {
    func string(_ text: String?) -> String {
      guard let text else { return "null" }
      var s = "\""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": s += "\\\""
        case "\\": s += "\\\\"
        case "\n": s += "\\n"
        case "\r": s += "\\r"
        case "\t": s += "\\t"
        default:
          if scalar.value < 0x20 {
            let hex = String(scalar.value, radix: 16)
            s += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
          } else {
            s.unicodeScalars.append(scalar)
          }
        }
      }
      return s + "\""
    }
    func number(_ x: Double?) -> String { x.flatMap { $0.isFinite ? RunComparison.text($0) : nil } ?? "null" }
    func bool(_ b: Bool?) -> String { b.map { $0 ? "true" : "false" } ?? "null" }
    let seriesItems = series.map { r in
      "{\"indicator\":\(string(r.key.indicator)),\"area\":\(string(r.key.area)),\"breakdown\":\(string(r.key.breakdown)),"
        + "\"latestPeriod\":\(string(r.latestPeriod)),\"latestValue\":\(number(r.latestValue)),\"status\":\(string(r.status)),"
        + "\"pValue\":\(number(r.significanceP)),\"significant\":\(bool(r.isSignificant)),\"benchmark\":\(string(r.benchmark)),"
        + "\"targetProgress\":\(string(r.targetProgress)),\"stale\":\(bool(r.isStale))}"
    }
    let stepItems = steps.map {
      "{\"step\":\(string($0.step)),\"progress\":\(string($0.progress)),\"confidence\":\(string($0.confidence))}"
    }
    let changeItems = summary.changes.map {
      "{\"kind\":\(string($0.kind.rawValue)),\"subject\":\(string($0.subject)),\"period\":\(string($0.period)),"
        + "\"before\":\(string($0.before)),\"after\":\(string($0.after)),\"text\":\(string($0.description))}"
    }
    return "{\"schemaVersion\":1,\"job\":\(string(job)),\"period\":\(string(period)),"
      + "\"series\":[\(seriesItems.joined(separator: ","))],\"steps\":[\(stepItems.joined(separator: ","))],"
      + "\"changesSince\":\(string(summary.since)),\"changes\":[\(changeItems.joined(separator: ","))]}\n"
  }

  /// A workbook with the key results and the changes, built in a private temporary folder and
  /// read back as bytes (libxlsxwriter writes to a path).
  func workbook(_ summary: ChangeSummary) throws(JobError) -> [UInt8] {
    let folder = NSTemporaryDirectory() + "backbone-xlsx-\(UUID().uuidString)"
    let path = folder + "/report.xlsx"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let book = try Workbook(path: path)
      let results = try book.addWorksheet("Key results")
      try results.writeRow(Self.columns.map { .text($0) }, row: 0)
      for (i, record) in series.enumerated() {
        var row: [CellValue] = cells(record).map { .text($0) }
        if let v = record.latestValue, v.isFinite { row[4] = .number(v) }
        if let p = record.significanceP, p.isFinite { row[6] = .number(p) }
        try results.writeRow(row, row: i + 1)
      }
      let changes = try book.addWorksheet("Changes")
      try changes.writeRow([.text("kind"), .text("subject"), .text("period"), .text("before"), .text("after")], row: 0)
      for (i, change) in summary.changes.enumerated() {
        try changes.writeRow(
          [change.kind.rawValue, change.subject, change.period ?? "", change.before ?? "", change.after ?? ""].map {
            .text($0)
          }, row: i + 1)
      }
      try book.close()
    } catch {
      throw JobError(.cannotWrite, file: path, message: "cannot make the workbook: \(error)")
    }
    guard let bytes = FileSystem.read(path) else {
      throw JobError(.cannotWrite, file: path, message: "cannot read back the workbook")
    }
    return bytes
  }
}
