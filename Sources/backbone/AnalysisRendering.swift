import Columnar

/// How `analyze` prints its table: every column for csv and json, a summary for people.
enum AnalysisRendering {
  /// The columns a person reads first.
  static func summaryColumns(_ table: Table) -> [String] {
    let fixed = ["file", "indicator_id", "area_code", "area_type", "period_kind"]
    let tail = [
      "n", "first_period", "last_period", "last_value", "percent_change_from_previous", "sen_slope", "mk_p", "status",
      "recent_trend", "benchmark_comparison", "target_status",
    ]
    let all = Set(fixed + tail + analysisColumnsAfterKey)
    // The breakdowns are the columns between area_code and polarity.
    var breakdowns: [String] = []
    if let a = table.index(of: "area_code"), let p = table.index(of: "polarity"), a + 1 < p {
      breakdowns = Array(table.names[(a + 1)..<p]).filter { !all.contains($0) }
    }
    // Key columns with no value at all (an export without area types) are left out.
    let keys = Set(fixed + breakdowns)
    return (fixed + breakdowns + tail).filter { name in
      guard let i = table.index(of: name) else { return false }
      return !keys.contains(name) || table.columns[i].validCount > 0
    }
  }

  static let analysisColumnsAfterKey = ["indicator_title", "polarity"]

  static func summary(_ table: Table) -> Table {
    (try? table.selecting(summaryColumns(table))) ?? table
  }

  static func text(_ table: Table) -> String { TableWriter.alignedText(summary(table)) }
  static func markdown(_ table: Table) -> String { TableWriter.markdownTable(summary(table)) }
  static func json(_ table: Table, files: [String]) -> String {
    TableWriter.jsonDocument(table, arrays: ["files": files], rowsKey: "series")
  }
}
