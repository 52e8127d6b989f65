public import Columnar
public import Foundation
public import Indicators
public import ResultsChain
public import Reports
import Statistics

/// The analyser `backbone run` uses: it reads each input with the Reports target's
/// ``Reports/InputLoader``, builds the ``Reports/ReportModel`` with ``Reports/ReportBuilder``
/// (every series analysed, the chain assessed, stale data flagged), takes the key results for
/// the history from the model, and renders the outputs from the model with the changes since
/// the last run filled in (``Reports/ReportModel/changes``, which the Markdown report shows as
/// "Changes since the last run" and the workbook as its Changes sheet):
///
/// - `md`: the job's Markdown template (``Reports/MarkdownReport``), with its charts beside it
///   when the template shows them;
/// - `xlsx`: the funder workbook (``Reports/FunderWorkbook``) with the job's tracking layout;
/// - `csv` and `json`: the key results of every series and the changes
///   (``KeyResultsRendering``).
public struct ReportJobAnalyser: JobAnalyser {
  /// The time written into reports as their generation time (`SOURCE_DATE_EPOCH` when set).
  public var generatedAt: Int64?
  /// Whether ``generatedAt`` came from `SOURCE_DATE_EPOCH`.
  public var fromSourceDateEpoch: Bool
  /// The version written into the reports' provenance.
  public var backboneVersion: String

  public init(generatedAt: Int64? = nil, fromSourceDateEpoch: Bool = false, backboneVersion: String = "unknown") {
    self.generatedAt = generatedAt
    self.fromSourceDateEpoch = fromSourceDateEpoch
    self.backboneVersion = backboneVersion
  }

  /// Reads and checks the definitions, the chain, the Markdown template and the workbook
  /// layout the job uses (those its outputs need), so that a mistake in any of them stops the
  /// run, with its file, line and column, before the lock is taken or any input is read.
  public func check(_ job: Job) throws(JobError) {
    let library = try definitions(job)
    _ = try loadChain(job, library: library)
    let kinds = Set(job.outputs.map(\.kind))
    if kinds.contains(.md) { _ = try markdownReport(job) }
    if kinds.contains(.xlsx) { _ = try workbookLayout(job) }
  }

  /// The templates folder: the job's, else a `templates` folder holding the shipped templates
  /// in the job file's folder or one of its parents, else the shipped templates found from the
  /// working folder or the executable (``ShippedTemplates/directory``).
  func templatesDirectory(_ job: Job) -> String {
    if let directory = job.templatesDirectory { return directory }
    var folder = FileSystem.directory(of: job.file)
    for _ in 0..<8 {
      let candidate = (folder.isEmpty ? "" : folder + "/") + "templates"
      if FileSystem.exists(candidate + "/quarterly-report.md.mustache") { return candidate }
      folder = folder.isEmpty ? ".." : folder + "/.."
    }
    return ShippedTemplates.directory
  }

  func markdownReport(_ job: Job) throws(JobError) -> MarkdownReport {
    do {
      if MarkdownReport.shippedNames.contains(job.markdownTemplate) {
        return try MarkdownReport.shipped(job.markdownTemplate, templatesDirectory: templatesDirectory(job))
      }
      return try MarkdownReport(templatePath: job.markdownTemplate)
    } catch { throw JobError(report: error) }
  }

  func workbookLayout(_ job: Job) throws(JobError) -> WorkbookLayout {
    do {
      if job.workbookLayout.hasSuffix(".yaml") { return try WorkbookLayout.load(path: job.workbookLayout) }
      return try WorkbookLayout.named(job.workbookLayout, templatesDirectory: templatesDirectory(job))
    } catch { throw JobError(report: error) }
  }

  public func analyse(_ job: Job, inputs: [ExpandedInput], now: Date) throws(JobError) -> JobAnalysis {
    let library = try definitions(job)
    let chain = try loadChain(job, library: library)
    var options = ReportOptions()
    // A chain names the partnership; without one, the job's name is the best title there is.
    options.title = chain == nil ? job.name : nil
    options.period = try reportingPeriod(job, now: now)
    options.fiscalYearStartMonth = job.fiscalYearStartMonth
    options.generatedAt = generatedAt ?? Int64(now.timeIntervalSince1970.rounded(.down))
    options.fromSourceDateEpoch = fromSourceDateEpoch
    options.backboneVersion = backboneVersion
    options.definitionsDirectory = job.indicatorsDirectory
    options.chainFile = job.chain

    var loaded: [LoadedInput] = []
    var records: [InputRecord] = []
    for expanded in inputs {
      var observationOptions = ObservationOptions()
      observationOptions.layout = expanded.input.layout
      if let mapping = expanded.input.mapping {
        do { observationOptions.mapping = try ColumnMapping.load(path: mapping) } catch { throw JobError(indicator: error) }
      }
      let input: LoadedInput
      do {
        input = try InputLoader.load(path: expanded.path, read: expanded.input.csv.readOptions, observations: observationOptions)
      } catch { throw JobError(report: error) }
      let modified = FileSystem.attributes(expanded.path)?.modified ?? 0
      records.append(
        InputRecord(
          path: expanded.path, size: Int64(input.file.byteCount), modified: modified, sha256: input.file.sha256,
          rows: input.file.records, rejectedRows: input.file.rejectedRows))
      loaded.append(input)
    }
    let model: ReportModel
    do { model = try ReportBuilder.build(inputs: loaded, library: library, chain: chain, options: options) } catch {
      throw JobError(report: error)
    }
    let significance = chain?.analysisOptions.significanceLevel ?? AnalysisOptions().significanceLevel
    let series = Self.records(model, significanceLevel: significance)
    let steps =
      model.chain?.steps.map {
        StepRecord(step: $0.step.id, title: $0.step.statement, progress: $0.progress.rawValue, confidence: $0.confidence.rawValue)
      } ?? []
    let label = model.reportingPeriod.label
    let kinds = Set(job.outputs.map(\.kind))
    let markdown = kinds.contains(.md) ? try markdownReport(job) : nil
    let layout = kinds.contains(.xlsx) ? try workbookLayout(job) : nil
    let keyResults = KeyResultsRendering(job: job.name, period: label, series: series, steps: steps)
    // Nothing is lost: the records an input's `bad_rows: quarantine` set aside are written, with
    // their line and reason, beside the first output as `<input>.rejected.csv`, with the run.
    let rejected = loaded.filter { !$0.rejected.isEmpty }.map { input in
      (name: Self.rejectedName(input.file.path), bytes: RejectedRowsWriter.bytes(input.rejected, source: input.file.path))
    }
    return JobAnalysis(
      period: label, inputs: records, series: series, steps: steps, warnings: model.warnings,
      staleIndicators: model.quality.staleIndicators,
      obsolete: { rendered in
        // The charts an earlier report at each md output left that this rendering does not
        // make (MarkdownReport.staleCharts: only the renderer's own chart names, in the
        // report's own chart folder).
        let written = rendered.map(\.path)
        let reports = rendered.filter { $0.kind == "md" }.map(\.path)
        let stale = reports.map { ($0, MarkdownReport.staleCharts(outputPath: $0, keeping: written)) }
        return ObsoleteFiles(
          paths: stale.flatMap(\.1),
          remove: { stale.flatMap { MarkdownReport.removeCharts($0.1, outputPath: $0.0) } })
      },
      render: { summary, targets throws(JobError) in
        var report = model
        // No section on a first run (nothing to compare with); "nothing changed" on a run
        // that found no change.
        report.changes = summary.since == nil ? nil : summary.changes.map(\.note)
        var files: [RenderedOutput] = []
        for target in targets {
          switch target.kind {
          case .md:
            guard let markdown else { continue }
            let rendered: [RenderedFile]
            do throws(ReportError) {
              rendered = try markdown.render(report, outputPath: target.path, series: job.markdownSeries)
            } catch {
              throw JobError(report: error)
            }
            files += rendered.map {
              RenderedOutput(kind: $0.path == target.path ? "md" : "svg", path: $0.path, bytes: $0.bytes)
            }
          case .xlsx:
            guard let layout else { continue }
            files.append(RenderedOutput(kind: "xlsx", path: target.path, bytes: try Self.workbook(report, layout: layout)))
          case .csv:
            files.append(RenderedOutput(kind: "csv", path: target.path, bytes: Array(keyResults.csv().utf8)))
          case .json:
            files.append(RenderedOutput(kind: "json", path: target.path, bytes: Array(keyResults.json(summary).utf8)))
          }
        }
        if let first = targets.first {
          let folder = first.path.contains("/") ? String(first.path[..<first.path.lastIndex(of: "/")!]) + "/" : ""
          for r in rejected { files.append(RenderedOutput(kind: "rejected", path: folder + r.name, bytes: r.bytes)) }
        }
        return files
      })
  }

  /// `data.rejected.csv` for `inputs/data.csv`.
  static func rejectedName(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    return (stem.isEmpty ? "input" : stem) + ".rejected.csv"
  }

  /// The funder workbook's bytes: written by ``Reports/FunderWorkbook`` into a private
  /// temporary folder (libxlsxwriter writes to a path) and read back, so that the runner can
  /// write it with the other outputs, all or nothing.
  static func workbook(_ report: ReportModel, layout: WorkbookLayout) throws(JobError) -> [UInt8] {
    let folder = NSTemporaryDirectory() + "backbone-xlsx-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
      throw JobError(.cannotWrite, file: folder, message: "cannot create a temporary folder for the workbook")
    }
    let path = folder + "/report.xlsx"
    do { try FunderWorkbook.write(report, layout: layout, to: path) } catch { throw JobError(report: error) }
    guard let bytes = FileSystem.read(path) else {
      throw JobError(.cannotWrite, file: path, message: "cannot read back the workbook")
    }
    return bytes
  }

  /// The key results of every series of the model, in key order.
  static func records(_ model: ReportModel, significanceLevel: Double) -> [SeriesRecord] {
    var out: [SeriesRecord] = []
    for indicator in model.indicators {
      for s in indicator.series {
        let key = SeriesKey(
          indicator: indicator.id, area: s.area?.code ?? "", breakdown: s.breakdown.map(\.value).joined(separator: "/"))
        let p = s.trendPValue.flatMap { $0.isFinite ? $0 : nil }
        out.append(
          SeriesRecord(
            key: key, latestPeriod: s.latest?.period, latestValue: s.latest?.value, status: s.status.rawValue,
            significanceP: p, isSignificant: p.map { $0 < significanceLevel },
            benchmark: s.benchmark?.comparison.rawValue ?? s.publishedComparison?.lowercased(),
            targetProgress: s.target?.status.rawValue, isStale: s.isStale,
            values: s.points.map { PeriodValue(period: $0.period, order: "\($0.start)/\($0.end)", value: $0.value) }))
      }
    }
    return out.sorted { $0.key < $1.key }
  }

  /// The reporting period to cut the data at, or `nil` for `latest`.
  func reportingPeriod(_ job: Job, now: Date) throws(JobError) -> Period? {
    let calendar = FiscalCalendar(startMonth: job.fiscalYearStartMonth) ?? .calendarYear
    switch job.period {
    case .latest:
      return nil
    case .latestCompleteQuarter:
      let t = Timestamp.parts(now)
      let today = CalendarDate(year: t.y, month: t.mo, day: t.d) ?? CalendarDate(daysSinceEpoch: 0)
      return calendar.period(of: calendar.latestCompleteQuarter(asOf: today))
    case .label(let text):
      if let period = try? Period.parse(text) { return period }
      do { return try calendar.parse(text) } catch {
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
}

extension JobError {
  /// A report error as a job error, keeping its location and exit code.
  public init(report error: ReportError) {
    switch error {
    case .input(let e): self.init(csv: e)
    case .data(let e): self.init(indicator: e)
    case .chain(let e): self.init(chain: e)
    case .report(let file, let line, let column, let message, let hint, let kind):
      let mapped: Kind =
        switch kind {
        case .invalid: .invalidData
        case .missing: .fileNotFound
        case .cannotWrite: .cannotWrite
        }
      self.init(mapped, file: file, line: line, column: column, message: message, hint: hint)
    }
  }

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
