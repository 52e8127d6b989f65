public import Columnar
public import Foundation
public import Indicators
public import ResultsChain
import Statistics

/// The analyser `backbone run` uses until the Reports target provides the funder pack: it reads
/// each input as `backbone analyze` does, analyses every series (only the chain's indicators
/// when the job names a chain), assesses the chain, and renders the key results and the
/// changes since the last run (``KeyResultsRendering``).
///
/// Reading and assessing live here, so that the runner stays independent of them; when Reports
/// lands, its loader and report model replace this type, and only ``JobAnalysis/render``
/// changes for the outputs.
public struct IndicatorJobAnalyser: JobAnalyser {
  public init() {}

  public func analyse(_ job: Job, inputs: [ExpandedInput], now: Date) throws(JobError) -> JobAnalysis {
    let library = try definitions(job)
    let chain = try loadChain(job, library: library)
    let (cutoff, cutoffLabel) = try reportingPeriod(job, now: now)
    let options = chain?.analysisOptions ?? AnalysisOptions()
    let uses = chain?.seriesSelector()
    var records: [InputRecord] = []
    var warnings: [String] = []
    var groups: [IndicatorResults] = []
    var series: [(SeriesRecord, end: CalendarDate, start: CalendarDate?)] = []

    for expanded in inputs {
      let bytes = FileSystem.read(expanded.path)
      guard let bytes, let attributes = FileSystem.attributes(expanded.path) else {
        throw JobError(.unreadable, file: expanded.path, message: "cannot read the input")
      }
      let (observations, result) = try observationsOf(expanded)
      warnings += result.warnings.map { "\(expanded.path): \($0)" }
      records.append(
        InputRecord(
          path: expanded.path, size: attributes.size, modified: attributes.modified, sha256: SHA256.hex(bytes),
          rows: result.recordsRead, rejectedRows: result.rejected.count))
      var selected = observations
      if let cutoff { selected = selected.upTo(cutoff) }
      let match = library.map { selected.match($0) }
      var set: SeriesSet
      do { set = try selected.series(mixedPeriods: .refuse) } catch { throw JobError(indicator: error) }
      if let uses { set.series = set.series.filter { uses($0, match?.known[$0.indicator]) } }
      warnings += set.warnings.map(\.description)
      var group = IndicatorResults(set: set, results: set.analyse(definitions: match, options: options))
      group.readBenchmarks()
      groups.append(group)
      series += Self.records(group, significanceLevel: options.significanceLevel)
    }

    // The reporting period: the named one, or the latest period with a value.
    let latestEnd = series.map(\.end).max()
    let reportingStart = cutoff?.start ?? series.filter { $0.end == latestEnd }.compactMap(\.start).max()
    let label = cutoffLabel ?? series.filter { $0.end == latestEnd }.compactMap(\.0.latestPeriod).min() ?? "no-data"
    var finished = series.map { record, end, _ in
      var r = record
      if let reportingStart { r.isStale = end < reportingStart }
      return r
    }
    finished.sort { $0.key < $1.key }

    var steps: [StepRecord] = []
    var assessment: ChainAssessment? = nil
    if let chain {
      let assessed = chain.assess(ChainData(groups: groups, reportingPeriod: cutoff))
      warnings += assessed.warnings.map(\.description)
      steps = assessed.steps.map {
        StepRecord(step: $0.step.id, title: $0.step.statement, progress: $0.progress.rawValue, confidence: $0.confidence.rawValue)
      }
      assessment = assessed
    }
    let rendering = KeyResultsRendering(
      job: job.name, period: label, series: finished, steps: steps, chainMarkdown: assessment?.markdown())
    return JobAnalysis(
      period: label, inputs: records, series: finished, steps: steps, warnings: warnings,
      render: { summary, kinds throws(JobError) in try rendering.render(summary, kinds: kinds) })
  }

  /// The key results of each analysed series, with its values by period and the first day of
  /// its latest period.
  static func records(_ group: IndicatorResults, significanceLevel: Double) -> [(SeriesRecord, end: CalendarDate, start: CalendarDate?)] {
    let table = group.observations?.table
    let valueColumn = table?.index(of: CanonicalColumn.value).map { table?.columns[$0] } ?? nil
    var out: [(SeriesRecord, end: CalendarDate, start: CalendarDate?)] = []
    for (i, result) in group.results.enumerated() {
      let s = result.series
      var values: [PeriodValue] = []
      var lastWithValue: Period? = nil
      for (row, period) in zip(s.rows, s.periods) {
        var value: Double? = nil
        if let valueColumn {
          switch valueColumn[row] {
          case .float(let x): value = x
          case .integer(let x): value = Double(x)
          default: value = nil
          }
        }
        if value != nil, lastWithValue.map({ period.end > $0.end }) ?? true { lastWithValue = period }
        values.append(PeriodValue(period: period.label, order: "\(period.start)/\(period.end)", value: value))
      }
      values.sort { $0.order < $1.order }
      let p = result.mannKendall?.pValue
      let benchmark = result.benchmark?.comparison.rawValue ?? group.benchmarks?[i]?.rawValue
      let record = SeriesRecord(
        key: SeriesKey(
          indicator: s.indicator, area: s.area ?? "", breakdown: s.breakdown.map { $0 ?? "" }.joined(separator: "/")),
        latestPeriod: result.lastPeriod, latestValue: result.lastValue, status: result.status.rawValue,
        significanceP: p.flatMap { $0.isFinite ? $0 : nil }, isSignificant: p.flatMap { $0.isFinite ? $0 < significanceLevel : nil },
        benchmark: benchmark, targetProgress: result.target?.status.rawValue, values: values)
      out.append((record, end: lastWithValue?.end ?? CalendarDate(daysSinceEpoch: 0), start: lastWithValue?.start))
    }
    return out
  }

  /// The reporting period's cut-off and label, or `(nil, nil)` for `latest`.
  func reportingPeriod(_ job: Job, now: Date) throws(JobError) -> (Period?, String?) {
    let calendar = FiscalCalendar(startMonth: job.fiscalYearStartMonth) ?? .calendarYear
    switch job.period {
    case .latest:
      return (nil, nil)
    case .latestCompleteQuarter:
      let t = Timestamp.parts(now)
      let today = CalendarDate(year: t.y, month: t.mo, day: t.d) ?? CalendarDate(daysSinceEpoch: 0)
      let quarter = calendar.latestCompleteQuarter(asOf: today)
      return (calendar.period(of: quarter), quarter.description)
    case .label(let text):
      if let period = try? Period.parse(text) { return (period, text) }
      do { return (try calendar.parse(text), text) } catch {
        throw JobError(.invalidJob, file: job.file, message: "\"period\" \(JobError.quoted(text)) is not a period label")
      }
    }
  }

  func definitions(_ job: Job) throws(JobError) -> DefinitionLibrary? {
    guard let directory = job.indicatorsDirectory else { return nil }
    guard FileSystem.isDirectory(directory) else {
      throw JobError(.fileNotFound, file: job.file, message: "the indicators folder \"\(directory)\" does not exist")
    }
    do { return try DefinitionLibrary(directory: directory) } catch { throw JobError(indicator: error) }
  }

  func loadChain(_ job: Job, library: DefinitionLibrary?) throws(JobError) -> ResultsChain? {
    guard let path = job.chain else { return nil }
    do { return try ResultsChain.load(path: path, library: library) } catch { throw JobError(chain: error) }
  }

  /// Reads one input into canonical observations; identifier columns typed as floats are read
  /// again as text (as `backbone analyze` does).
  func observationsOf(_ expanded: ExpandedInput) throws(JobError) -> (Observations, CSVReadResult) {
    var readOptions = expanded.input.csv.readOptions
    var options = ObservationOptions()
    options.layout = expanded.input.layout
    if let mapping = expanded.input.mapping {
      do { options.mapping = try ColumnMapping.load(path: mapping) } catch { throw JobError(indicator: error) }
    }
    do {
      var result = try CSVReader.read(path: expanded.path, options: readOptions)
      var o = try Observations.read(result.table, file: expanded.path, options: options)
      if !o.floatIdentifierColumns.isEmpty {
        for name in o.floatIdentifierColumns { readOptions.columnTypes[name] = .text }
        result = try CSVReader.read(path: expanded.path, options: readOptions)
        o = try Observations.read(result.table, file: expanded.path, options: options)
      }
      return (o, result)
    } catch let error as CSVError {
      throw JobError(csv: error)
    } catch let error as IndicatorError {
      throw JobError(indicator: error)
    } catch {
      throw JobError(.internalError, file: expanded.path, message: "\(error)")
    }
  }
}

extension JobError {
  /// A CSV error as a job error, keeping its location and exit code.
  public init(csv error: CSVError) {
    let kind: Kind
    switch error.kind {
    case .fileNotFound: kind = .fileNotFound
    case .unreadable: kind = .unreadable
    case .cannotWrite: kind = .cannotWrite
    default: kind = .invalidData
    }
    self.init(
      kind, file: error.file, line: error.line, column: error.line == nil ? nil : error.field, message: error.message,
      expected: error.expected, hint: error.hint)
  }

  /// An indicator error as a job error, keeping its location and exit code.
  public init(indicator error: IndicatorError) {
    let kind: Kind
    switch error.kind {
    case .fileNotFound: kind = .fileNotFound
    case .unreadable: kind = .unreadable
    default: kind = .invalidData
    }
    self.init(
      kind, file: error.file, line: error.line, column: error.column, message: error.message, expected: error.expected,
      hint: error.hint)
  }

  /// A chain error as a job error, keeping its location and exit code.
  public init(chain error: ChainError) {
    let kind: Kind
    switch error.kind {
    case .fileNotFound: kind = .fileNotFound
    case .unreadable: kind = .unreadable
    default: kind = .invalidData
    }
    self.init(
      kind, file: error.file, line: error.line, column: error.column, message: error.message, expected: error.expected,
      hint: error.hint)
  }
}
