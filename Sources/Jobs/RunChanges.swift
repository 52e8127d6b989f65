public import Reports

/// One thing that changed between two runs of a job.
public struct RunChange: Sendable, Equatable, CustomStringConvertible {
  /// What kind of change; the cases are in the order a report lists them.
  public enum Kind: String, Sendable, Equatable, CaseIterable, Comparable {
    /// A series has a value for a period the previous run did not have.
    case newPeriod = "new period"
    /// A value changed for a period the previous run already reported (revised back-data).
    case revisedValue = "revised value"
    /// The judged status of a series changed (improving, worsening, …).
    case statusChanged = "status"
    /// The trend of a series became significant, or stopped being.
    case significanceChanged = "significance"
    /// The comparison with the benchmark changed.
    case benchmarkChanged = "benchmark"
    /// The progress towards the target changed.
    case targetChanged = "target"
    /// A step of the results chain changed progress.
    case stepProgressChanged = "step progress"
    /// A series has no value for the reporting period any more.
    case becameStale = "stale"
    /// A series the previous run did not have.
    case newSeries = "new series"
    /// A series the previous run had and this one does not.
    case seriesGone = "series gone"

    public static func < (a: Self, b: Self) -> Bool {
      (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
  }

  public var kind: Kind
  /// The series (`indicator (area, breakdown)`) or step (`step-id`) that changed.
  public var subject: String
  /// The series that changed, `nil` for a step.
  public var key: SeriesKey?
  /// The period concerned, for new and revised values.
  public var period: String?
  /// The value or state before, as text (`nil` when there was none).
  public var before: String?
  /// The value or state after, as text (`nil` when there is none).
  public var after: String?

  public init(
    kind: Kind, subject: String, key: SeriesKey? = nil, period: String? = nil, before: String? = nil,
    after: String? = nil
  ) {
    self.kind = kind
    self.subject = subject
    self.key = key
    self.period = period
    self.before = before
    self.after = after
  }

  /// One line for a report: `under-5 mortality (GBR): 2021 revised from 4.1 to 4.2`.
  public var description: String {
    let b = before ?? "none"
    let a = after ?? "none"
    switch kind {
    case .newPeriod: return "\(subject): new data for \(period ?? "?") (\(a))"
    case .revisedValue: return "\(subject): \(period ?? "?") revised from \(b) to \(a)"
    case .statusChanged: return "\(subject): status changed from \(b) to \(a)"
    case .significanceChanged: return "\(subject): trend \(a == "significant" ? "became significant" : "is no longer significant")"
    case .benchmarkChanged: return "\(subject): benchmark comparison changed from \(b) to \(a)"
    case .targetChanged: return "\(subject): target progress changed from \(b) to \(a)"
    case .stepProgressChanged: return "step \(subject): progress changed from \(b) to \(a)"
    case .becameStale: return "\(subject): stale: no data for \(period ?? "the reporting period") (latest \(a))"
    case .newSeries: return "\(subject): new series (latest \(a))"
    case .seriesGone: return "\(subject): no longer in the data (was \(b))"
    }
  }
}

/// "What changed" between two runs: a pure function of their records.
public enum RunComparison {
  /// The changes from `previous` to `current`, in report order: by kind (as ``RunChange/Kind``
  /// lists them), then series or step, then period.
  ///
  /// - New periods: a period with a value in `current` that `previous` did not have, for a
  ///   series both have.
  /// - Revised values: a period both runs have whose value differs (compared exactly: values
  ///   come straight from the inputs, so equal inputs give equal doubles), or that gained or
  ///   lost its value.
  /// - Status, benchmark and target progress: the text differs. Significance: both runs tested
  ///   the trend and one found it significant and the other not.
  /// - Step progress: a step both runs assessed whose progress differs.
  /// - Stale: a series that was current and is now stale.
  /// - New series and series gone.
  ///
  /// - Parameters:
  ///   - previous: The baseline run (usually the last good run before `current`).
  ///   - current: The run to describe.
  /// - Returns: The changes; empty when nothing changed.
  /// - Complexity: O(s log s + p) for s series and p period values.
  public static func changes(from previous: RunRecord, to current: RunRecord) -> [RunChange] {
    var changes: [RunChange] = []
    let before = Dictionary(previous.series.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(current.series.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    for (key, now) in after {
      let subject = key.description
      guard let then = before[key] else {
        changes.append(RunChange(kind: .newSeries, subject: subject, key: key, period: now.latestPeriod, after: latest(now)))
        continue
      }
      let oldValues = Dictionary(then.values.map { ($0.period, $0.value) }, uniquingKeysWith: { a, _ in a })
      for v in now.values {
        if let old = oldValues[v.period] {
          if old != v.value {
            changes.append(
              RunChange(kind: .revisedValue, subject: subject, key: key, period: v.period, before: text(old), after: text(v.value)))
          }
        } else if v.value != nil {
          changes.append(RunChange(kind: .newPeriod, subject: subject, key: key, period: v.period, after: text(v.value)))
        }
      }
      if then.status != now.status {
        changes.append(RunChange(kind: .statusChanged, subject: subject, key: key, before: then.status, after: now.status))
      }
      if let a = then.isSignificant, let b = now.isSignificant, a != b {
        changes.append(
          RunChange(
            kind: .significanceChanged, subject: subject, key: key, before: a ? "significant" : "not significant",
            after: b ? "significant" : "not significant"))
      }
      if then.benchmark != now.benchmark {
        changes.append(RunChange(kind: .benchmarkChanged, subject: subject, key: key, before: then.benchmark, after: now.benchmark))
      }
      if then.targetProgress != now.targetProgress {
        changes.append(
          RunChange(kind: .targetChanged, subject: subject, key: key, before: then.targetProgress, after: now.targetProgress))
      }
      if !then.isStale && now.isStale {
        changes.append(RunChange(kind: .becameStale, subject: subject, key: key, period: current.period, after: now.latestPeriod))
      }
    }
    for (key, then) in before where after[key] == nil {
      changes.append(RunChange(kind: .seriesGone, subject: key.description, key: key, before: latest(then)))
    }
    let oldSteps = Dictionary(previous.steps.map { ($0.step, $0) }, uniquingKeysWith: { a, _ in a })
    for step in current.steps {
      if let old = oldSteps[step.step], old.progress != step.progress {
        changes.append(
          RunChange(kind: .stepProgressChanged, subject: step.step, before: old.progress, after: step.progress))
      }
    }
    let seriesOrder = Dictionary(
      (previous.series + current.series).map { ($0.key.description, $0.key) }, uniquingKeysWith: { a, _ in a })
    let stepOrder = Dictionary(current.steps.enumerated().map { ($1.step, $0) }, uniquingKeysWith: { a, _ in a })
    let periodOrder = Dictionary(
      (previous.series + current.series).flatMap { s in s.values.map { ("\(s.key.description)|\($0.period)", $0.order) } },
      uniquingKeysWith: { a, _ in a })
    return changes.sorted { a, b in
      if a.kind != b.kind { return a.kind < b.kind }
      if a.subject != b.subject {
        if let x = stepOrder[a.subject], let y = stepOrder[b.subject], a.kind == .stepProgressChanged { return x < y }
        if let x = seriesOrder[a.subject], let y = seriesOrder[b.subject] { return x < y }
        return NaturalOrder.precedes(a.subject, b.subject)
      }
      let x = periodOrder["\(a.subject)|\(a.period ?? "")"] ?? ""
      let y = periodOrder["\(b.subject)|\(b.period ?? "")"] ?? ""
      return x < y
    }
  }

  /// `PERIOD: VALUE` of a series' latest value, or `nil`.
  static func latest(_ s: SeriesRecord) -> String? {
    guard let period = s.latestPeriod else { return nil }
    return "\(period): \(text(s.latestValue) ?? "no value")"
  }

  /// A value as text, independent of the locale: the shortest form that reads back exactly.
  static func text(_ value: Double?) -> String? {
    guard let value else { return nil }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}

extension RunChange {
  /// The change as the report model's ``Reports/ChangeNote`` (what the Markdown section and
  /// the workbook sheet "Changes since the last run" show): the indicator or step as subject,
  /// area and breakdown as the series.
  public var note: ChangeNote {
    let kind: ChangeNote.Kind
    switch self.kind {
    case .newPeriod: kind = .newPeriod
    case .newSeries: kind = .newSeries
    case .revisedValue: kind = .revised
    case .statusChanged: kind = .statusChanged
    case .significanceChanged: kind = .significanceChanged
    case .benchmarkChanged: kind = .benchmarkChanged
    case .targetChanged: kind = .targetChanged
    case .stepProgressChanged: kind = .stepChanged
    case .becameStale: kind = .stale
    case .seriesGone: kind = .removed
    }
    let series = key.map { [$0.area, $0.breakdown].filter { !$0.isEmpty }.joined(separator: ", ") }
    return ChangeNote(
      kind: kind, subject: key?.indicator ?? subject, series: series?.isEmpty == true ? nil : series, period: period,
      before: before, after: after, text: description)
  }
}
