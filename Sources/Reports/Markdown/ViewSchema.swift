/// What a field of the Markdown view model holds, for templates and for checking them.
indirect enum FieldKind: Sendable, Equatable {
  /// Plain text (numbers already formatted); `{{name}}` writes it escaped for Markdown.
  case text
  /// Markdown made by Backbone (a Mermaid block, a story, footnote references); only
  /// `{{{name}}}` may write it.
  case markdown
  /// True or false, for `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
  case flag
  /// An object that may be absent: `{{#name}}` enters it when present.
  case object([ViewField])
  /// A list of objects: `{{#name}}` repeats for each.
  case list([ViewField])
}

/// One named field of the view model.
struct ViewField: Sendable, Equatable {
  let name: String
  let kind: FieldKind
  init(_ name: String, _ kind: FieldKind) {
    self.name = name
    self.kind = kind
  }
}

/// A view model value, turned into the dictionaries and arrays Mustache reads.
enum ViewValue: Sendable, Equatable {
  case text(String)
  case markdown(String)
  case flag(Bool)
  /// `nil`: an absent object (rendered as `false`, so that a name never falls through to an
  /// outer object).
  case object([String: ViewValue]?)
  case list([[String: ViewValue]])

  /// The value as Mustache sees it: `String`, `Bool`, `[String: Any]`, `[[String: Any]]`.
  var mustache: Any {
    switch self {
    case .text(let s), .markdown(let s): s
    case .flag(let b): b
    case .object(nil): false
    case .object(let fields?): fields.mapValues(\.mustache)
    case .list(let items): items.map { $0.mapValues(\.mustache) }
    }
  }
}

/// The schema of the view model: every field a template may name, documented in
/// templates/README.md (a test checks that every path is there).
enum ViewSchema {
  private static func texts(_ names: String...) -> [ViewField] { names.map { ViewField($0, .text) } }
  private static func flags(_ names: String...) -> [ViewField] { names.map { ViewField($0, .flag) } }

  static let point: [ViewField] =
    texts("period", "value", "interval", "absence") + [ViewField("footnoteRef", .markdown)]

  /// One series: the rows of the headline table and of each domain's series.
  static let series: [ViewField] =
    texts(
      "id", "title", "unit", "area", "breakdown", "scope", "latestValue", "latestPeriod", "latestInterval",
      "previousChange", "previousChangePercent", "previousPeriod", "baselineValue", "baselinePeriod",
      "baselineChange", "sparkline", "sparklinePeriods", "status", "statusReason", "trendArrow", "pValue",
      "slopePerYear", "target", "targetPeriod", "targetStatus", "percentAchieved", "achievement", "targetProgress",
      "benchmarkArea", "benchmarkValue", "benchmarkComparison", "publishedComparison", "absences",
      "chartFile", "chartAlt")
    + flags("isHeadline", "hasScope", "hasInterval", "hasTarget", "hasBenchmark", "isStale", "hasAbsences", "hasChart")
    + [ViewField("footnoteRefs", .markdown), ViewField("points", .list(point))]

  static let step: [ViewField] = texts("id", "level", "statement", "progress", "confidence", "reasons")

  static let indicator: [ViewField] =
    texts("id", "title", "unit", "polarity", "frequency", "intervalMethod", "seriesCount", "omittedSeriesCount")
    + flags("hasDefinition", "hasSteps", "hasOmittedSeries")
    + [ViewField("steps", .list(texts("id", "level", "statement"))), ViewField("series", .list(series))]

  static let domain: [ViewField] =
    texts("name", "id", "indicatorCount") + [ViewField("indicators", .list(indicator))]

  static let inequality: [ViewField] =
    texts(
      "id", "title", "period", "dimension", "groups", "minimum", "maximum", "range", "ratio", "gini",
      "sii", "siiInterval", "rii")
    + flags("isWeighted", "hasSII", "hasSIIInterval")
    + [ViewField("members", .list(texts("label", "value", "interval", "weight")))]

  static let story: [ViewField] =
    texts("outcome", "statement", "verdict", "summary", "posterior", "confidence")
    + [ViewField("story", .markdown)]

  static let chain: [ViewField] =
    texts("name", "description", "reportingPeriod", "file", "stepCount") + flags("hasDescription", "hasStories")
    + [
      ViewField("mermaid", .markdown), ViewField("steps", .list(step)), ViewField("stories", .list(story)),
    ]

  static let quality: [ViewField] =
    texts("observations", "valuesPresent", "missing", "rejectedRows")
    + flags("hasRejectedRows", "hasAbsences", "hasStale", "hasUndefined")
    + [
      ViewField(
        "absences", .list(texts("reason", "phrase", "count") + [ViewField("footnoteRef", .markdown)])),
      ViewField("stale", .list(texts("id", "title", "latestPeriod"))),
      ViewField("undefined", .list(texts("id"))),
    ]

  static let summary: [ViewField] =
    texts(
      "text", "headlineCount", "improvingCount", "worseningCount", "noChangeCount", "notEnoughDataCount",
      "increasingCount", "decreasingCount", "worseningTitles")

  /// The top level.
  static let root: [ViewField] =
    texts(
      "title", "partnership", "period", "periodStart", "periodEnd", "headlineArea", "fiscalYear", "generatedAt",
      "backboneVersion", "definitionsDirectory", "chainFile", "omittedHeadlineCount")
    + flags(
      "hasPartnership", "periodIsExplicit", "hasHeadlineArea", "hasHeadlines", "hasOmittedHeadlines",
      "hasInequalities", "hasChain",
      "changesKnown", "hasChanges", "hasDefinitionsDirectory", "hasChainFile", "hasFootnotes", "hasWarnings")
    + [
      ViewField("summary", .object(summary)),
      ViewField("statusCounts", .list(texts("status", "count"))),
      ViewField("headlines", .list(series)),
      ViewField("domains", .list(domain)),
      ViewField("inequalities", .list(inequality)),
      ViewField("chain", .object(chain)),
      ViewField("quality", .object(quality)),
      ViewField(
        "changes", .list(texts("kind", "subject", "series", "period", "before", "after", "text"))),
      ViewField(
        "inputs",
        .list(
          texts("path", "name", "bytes", "sha256", "layout", "records", "observations", "rejectedRows", "rejectedFile")
        )),
      ViewField("footnotes", .list(texts("label", "text"))),
      ViewField("warnings", .list(texts("text"))),
    ]

  /// Every field path ("headlines.latestValue"), for the README check.
  static func paths(_ fields: [ViewField] = root, prefix: String = "") -> [String] {
    fields.flatMap { f -> [String] in
      let path = prefix + f.name
      switch f.kind {
      case .object(let inner), .list(let inner): return [path] + paths(inner, prefix: path + ".")
      default: return [path]
      }
    }
  }

  /// Where `value` does not match `fields` (a missing or extra key, a wrong kind), as paths.
  /// - Complexity: O(size of the value).
  static func mismatches(_ value: [String: ViewValue], _ fields: [ViewField], at path: String = "") -> [String] {
    var out: [String] = []
    let names = Set(fields.map(\.name))
    for key in value.keys.sorted() where !names.contains(key) { out.append(path + key + " (not in the schema)") }
    for f in fields {
      let here = path + f.name
      guard let v = value[f.name] else {
        out.append(here + " (missing)")
        continue
      }
      switch (f.kind, v) {
      case (.text, .text), (.markdown, .markdown), (.flag, .flag), (.object, .object(nil)): break
      case (.object(let inner), .object(let fields?)): out += mismatches(fields, inner, at: here + ".")
      case (.list(let inner), .list(let items)):
        for (i, item) in items.enumerated() { out += mismatches(item, inner, at: here + "[\(i)].") }
      default: out.append(here + " (wrong kind)")
      }
    }
    return out
  }
}
