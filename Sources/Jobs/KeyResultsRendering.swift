/// The `csv` and `json` outputs of a job: the key results of every series (as the run history
/// records them), the chain's steps, and the changes since the last run.
///
/// Everything is formatted without the locale: numbers in their shortest exact form, text as
/// the data wrote it.
struct KeyResultsRendering: Sendable {
  var job: String
  var period: String
  var series: [SeriesRecord]
  var steps: [StepRecord]

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

  /// One row per series: `indicator,area,breakdown,latest_period,latest_value,status,p_value,
  /// significant,benchmark,target_progress,stale`, fields quoted when they need it.
  func csv() -> String {
    func field(_ text: String) -> String {
      text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        ? "\"" + text.replacing("\"", with: "\"\"") + "\"" : text
    }
    var s = Self.columns.joined(separator: ",") + "\n"
    for record in series { s += cells(record).map(field).joined(separator: ",") + "\n" }
    return s
  }

  /// One JSON document (`schemaVersion` 1): job, period, series, steps and changes; missing
  /// numbers are `null`.
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
}
