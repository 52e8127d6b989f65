import ArgumentParser
import Columnar
import Foundation
import Indicators

struct Analyze: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Analyse every series: what changed, is the trend real, is it better or worse.",
    discussion: """
      Each FILE is read, its layout recognised, and its observations grouped into series (one
      indicator for one area and breakdown, ordered by period). For each series: the count,
      first and last values, minimum, maximum, mean, standard deviation, change from the
      previous period and from the baseline, the annualised change, an OLS trend on time in
      years, the Mann-Kendall test, Sen's slope, target progress and a status in plain words
      (improving, worsening, no significant change, not enough data) judged by the indicator's
      polarity from its definition (--indicators).

      The status rests on a two-sided Mann-Kendall test at 5% on the values in period order;
      the direction is the sign of Sen's slope. Indicators without a definition are judged
      with no polarity (increasing, decreasing).

      --format csv and json write every column; table (the default on a terminal) and md show
      a summary. JSON is one document with schemaVersion, numbers as numbers, missing as null.

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The exports to analyse ('-' for standard input).")
  var files: [String]

  @Option(help: "table, csv, json, md, or summary (series by status per indicator) (default: from -o's extension, else table).")
  var format: AnalysisFormat?

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output (written atomically).")
  var output: String?

  @Option(
    name: .customLong("period"),
    help: "Analyse observations up to this period (a label such as 2024, 2024/25 or 2024-Q3), or 'latest' (default).")
  var period: String = "latest"

  @Option(name: .customLong("mixed-periods"), help: "refuse (default) or split series that mix kinds of period.")
  var mixedPeriods: MixedPeriodPolicy = .refuse

  @Option(help: "all (default): every method; basic: descriptive statistics, changes and OLS only (no Mann-Kendall, Sen's slope or status).")
  var methods: AnalysisMethods = .all

  @Option(help: "Compare every series' latest value with this area's value for the same period (an area code, such as E92000001; it may be in any of the files).")
  var benchmark: String?

  @Option(help: "How to compare with the benchmark: overlap-95 (default), overlap-95-99.8, double-overlap, spc (proportions).")
  var comparison: BenchmarkMethod = .overlap95

  @Flag(help: "Same as --format json.")
  var json = false

  @OptionGroup(title: "Layout") var layoutOptions: LayoutOptions
  @OptionGroup var csv: CSVOptions
  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if json && format != nil && format != .json { throw ValidationError("--json and --format \(format!.rawValue) contradict each other.") }
    if period != "latest" {
      do { _ = try Period.parse(period) } catch {
        throw ValidationError("--period \(period): \(error.reason); expected a period label such as 2024, 2024/25, 2024 Q3, 2024-Q3, or 'latest'.")
      }
    }
    if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read only once.") }
  }

  /// With --verbose, prints how long `what` took since `clock`, and restarts it.
  func lap(_ file: String, _ what: String, _ clock: inout Double) {
    guard global.verbose else { return }
    let now = Terminal.monotonicSeconds()
    Terminal.error("\(file): \(what) in \(String(format3: now - clock)) s")
    clock = now
  }

  func run() throws {
    let chosen: AnalysisFormat =
      json ? .json : format ?? output.flatMap(AnalysisFormat.init(path:)) ?? .table
    var out: OutputFile? = nil
    if let output {
      do { out = try OutputFile(path: output) } catch { throw ExitStatus.fail(error) }
    }
    let library = try layoutOptions.definitionLibrary()
    let options = try layoutOptions.observationOptions().withoutPeriodDates()
    let cutoff = period == "latest" ? nil : try? Period.parse(period)
    var tables: [Table] = []
    var warnings: [String] = []
    // Every file is grouped into series first, so that a benchmark area in one file can be
    // compared with the series of the others.
    var loaded: [(file: String, set: SeriesSet, match: DefinitionMatch?)] = []
    defer { ProcessLifetime.keep(loaded) }
    for file in files {
      var result: CSVReadResult
      // The summary counts statuses: only the columns they depend on are read (the others are
      // checked, so the same records are rejected). A benchmark compares limits, so it reads all.
      let projected = chosen == .summary && benchmark == nil
      let chosenColumns = ChosenColumns()
      let choose: (@Sendable ([String]) -> Set<String>?)? =
        projected
        ? { @Sendable header in
          chosenColumns.set(Observations.statusColumns(header: header, file: file, options: options))
          return chosenColumns.get()?.read
        } : nil
      do {
        result = try readInput(
          file, csv: csv, global: global, rejectedDefault: rejectedPath(besides: file == "-" ? "stdin.csv" : file),
          chooseColumns: choose, observations: options)
        // The columns not read come back as columns with no value (by name: a trailing
        // unnamed column the reader dropped does not matter).
        if let columns = chosenColumns.get(), result.header.count > result.table.columns.count {
          result.table = columns.widen(result.table, header: result.header)
        }
      } catch {
        out?.abandon()
        throw error
      }
      let canonical: Observations
      var clock = Terminal.monotonicSeconds()
      do {
        canonical = try canonicalObservations(of: result, file: file, csv: csv, global: global, options: options)
      } catch {
        out?.abandon()
        throw error
      }
      do {
        var observations = canonical
        if let cutoff { observations = observations.upTo(cutoff) }
        let match = library.map { observations.match($0) }
        if let match { observations.fillIntervals(match) }
        lap(file, "canonical observations", &clock)
        let set = try observations.series(mixedPeriods: mixedPeriods)
        lap(file, "\(grouped(set.series.count)) series", &clock)
        warnings += (observations.warnings + set.warnings).map(\.description)
        loaded.append((file, set, match))
      } catch {
        out?.abandon()
        throw ExitStatus.fail(error)
      }
    }
    var benchmarkPoints = BenchmarkPoints()
    if let benchmark, loaded.count > 1 {
      for l in loaded { benchmarkPoints.merge(l.set.benchmarkPoints(area: benchmark)) }
    }
    // CSV and JSON are written a block of series at a time, as the results come, file after
    // file: neither every result nor the whole table nor the whole text is held at once.
    if chosen == .csv || chosen == .json {
      try writeInBlocks(loaded, format: chosen, warnings: warnings, cutoff: cutoff, benchmarkPoints: benchmarkPoints, to: out)
      return
    }
    for (file, set, match) in loaded {
      var clock = Terminal.monotonicSeconds()
      let analysisOptions = analysisSettings(benchmarkPoints: benchmarkPoints)
      // The summary only counts: it keeps a status per series, a block at a time, and never
      // assembles results (a million results are several hundred megabytes). The other
      // formats list them.
      var checksums = Checksums()
      var table: Table
      if chosen == .summary {
        let counted = set.countStatuses(definitions: match, options: analysisOptions)
        checksums = counted.checksums
        table = counted.counts.table()
      } else {
        let results = set.analyse(definitions: match, options: analysisOptions)
        if global.verbose { checksums = set.checksums(of: results) }
        table = set.table(of: results)
      }
      if let benchmark, benchmarkPoints.isEmpty, !set.series.contains(where: { $0.area == benchmark }) {
        warnings.append(benchmarkAbsentWarning(file, benchmark))
      }
      if set.series.isEmpty { warnings.append(noSeriesWarning(file, cutoff)) }
      lap(file, "analysis and result table", &clock)
      printChecksums(file, set, checksums)
      if files.count > 1 { table = table.prepending(name: "file", Column.constant(file, count: table.rowCount)) }
      tables.append(table)
    }
    if !global.quiet { for w in warnings { Terminal.error(w) } }
    let table = tables.count == 1 ? tables[0] : Table.concatenating(tables)
    let bytes: [UInt8]
    switch chosen {
    case .csv: bytes = TableWriter.csvBytes(table)
    case .json: bytes = Array(AnalysisRendering.json(table, files: files).utf8)
    case .table: bytes = Array(AnalysisRendering.text(table).utf8)
    case .md: bytes = Array(AnalysisRendering.markdown(table).utf8)
    case .summary: bytes = Array(TableWriter.alignedText(table).utf8)
    }
    if let out {
      do {
        try out.write(bytes)
        try out.commit()
      } catch { throw ExitStatus.fail(error) }
      if !global.quiet, let output { Terminal.error("wrote \(grouped(table.rowCount)) series to \(output)") }
    } else if !(global.quiet && (chosen == .table || chosen == .summary)) {
      Terminal.out(String(decoding: bytes, as: UTF8.self))
    }
  }
}

/// The columns the reader was told to keep, set from the header on the reading thread.
final class ChosenColumns: @unchecked Sendable {
  private let lock = NSLock()
  private var columns: StatusColumns?
  func set(_ c: StatusColumns?) { lock.withLock { columns = c } }
  func get() -> StatusColumns? { lock.withLock { columns } }
}

extension Analyze {
  /// The analysis options of the command line, with the benchmark's points from other files.
  func analysisSettings(benchmarkPoints: BenchmarkPoints) -> AnalysisOptions {
    var o = AnalysisOptions()
    o.trendTests = methods == .all
    o.benchmarkArea = benchmark
    o.benchmarkMethod = comparison
    if !benchmarkPoints.isEmpty { o.benchmarkPoints = benchmarkPoints }
    return o
  }

  func benchmarkAbsentWarning(_ file: String, _ benchmark: String) -> String {
    let elsewhere = files.count > 1 ? "any of the files" : "this file"
    return "\(file): warning: the benchmark area \"\(benchmark)\" has no observations in \(elsewhere); nothing was compared"
  }

  func noSeriesWarning(_ file: String, _ cutoff: Period?) -> String {
    "\(file): warning: no series to analyse\(cutoff == nil ? "" : " up to \(period)")"
  }

  /// With --verbose, the sums another tool's results can be checked against.
  func printChecksums(_ file: String, _ set: SeriesSet, _ c: Checksums) {
    guard global.verbose else { return }
    Terminal.error(
      "\(file): checksums: series=\(set.series.count) ols_count=\(c.olsCount) ols_sum=\(c.olsSum) sen_count=\(c.senCount) sen_sum=\(c.senSum) mk_s_sum=\(c.mannKendallSSum)")
  }

  /// Analyses each file's series a block at a time and writes each block's rows as CSV (the
  /// header once) or as rows of the JSON document, to `out` or standard output. The bytes are
  /// those of the whole table written at once: `period_kind` is included when any series of
  /// any file has a kind of period, a file's benchmark columns when it compares some series
  /// (found before the first block), and with several files each row starts with its `file`.
  func writeInBlocks(
    _ loaded: [(file: String, set: SeriesSet, match: DefinitionMatch?)], format: AnalysisFormat, warnings: [String],
    cutoff: Period?, benchmarkPoints: BenchmarkPoints, to out: OutputFile?
  ) throws {
    let analysisOptions = analysisSettings(benchmarkPoints: benchmarkPoints)
    let compares = loaded.map { $0.set.benchmarkColumns(options: analysisOptions) }
    var warnings = warnings
    let sink: OutputFile
    if let out { sink = out } else {
      do { sink = try OutputFile(path: "-") } catch { throw ExitStatus.fail(error) }
    }
    let periodKind = loaded.contains { l in l.set.series.contains { $0.periodKind != nil } }
    let several = loaded.count > 1
    // With several files the whole table has the file in front and the union of the files'
    // columns (their breakdowns differ), in order of first appearance, with each column's
    // widest type: a table of no rows made that way shapes every block.
    func withFile(_ table: Table, _ file: String) -> Table {
      table.prepending(name: "file", Column.constant(file, count: table.rowCount))
    }
    let shape: Table? =
      several
      ? Table.concatenating(
        loaded.indices.map { i in
          withFile(loaded[i].set.table(of: [], periodKind: periodKind, benchmark: compares[i]), loaded[i].file)
        }) : nil
    /// A block's table as the whole table has it.
    func rows(_ table: Table, of file: String) -> Table {
      guard let shape else { return table }
      return Table.concatenating([shape, withFile(table, file)])
    }
    var json = JSONDocumentWriter(arrays: ["files": files], rowsKey: "series")
    var failure: CSVError? = nil
    do throws(CSVError) {
      if format == .json {
        try sink.write(json.head)
      } else if let first = loaded.first {
        // The header, from a table of no rows with the same columns.
        try TableWriter.write(
          shape ?? first.set.table(of: [], periodKind: periodKind, benchmark: compares[0]), format: .csv, to: sink)
      }
    } catch { failure = error }
    var written = 0
    for (i, (file, set, match)) in loaded.enumerated() {
      var clock = Terminal.monotonicSeconds()
      if let benchmark, benchmarkPoints.isEmpty, !set.series.contains(where: { $0.area == benchmark }) {
        warnings.append(benchmarkAbsentWarning(file, benchmark))
      }
      if set.series.isEmpty { warnings.append(noSeriesWarning(file, cutoff)) }
      var checksums = Checksums()
      // Blocks of 65,536 series: each block's rows are encoded on every core
      // (TableWriter.blockRows). A failed write stops the analysis: no block after it is analysed.
      if failure == nil {
        do throws(CSVError) {
          try set.analyseBlocks(definitions: match, options: analysisOptions, block: 1 << 16) { (results) throws(CSVError) in
            if global.verbose { set.addChecksums(of: results, to: &checksums) }
            let table = rows(set.table(of: results, periodKind: periodKind, benchmark: compares[i]), of: file)
            if format == .json {
              try json.encodeRows(table) { (bytes: [UInt8]) throws(CSVError) in try sink.write(bytes) }
            } else {
              try TableWriter.write(table, format: .csv, to: sink, header: false)
            }
          }
        } catch { failure = error }
      }
      written += set.series.count
      lap(file, "analysis and result table", &clock)
      printChecksums(file, set, checksums)
    }
    do throws(CSVError) {
      if let failure { throw failure }
      if format == .json { try sink.write(json.end) }
      try sink.commit()
    } catch {
      sink.abandon()
      throw ExitStatus.fail(error)
    }
    // After the analysis, as when the results are written at once (on a terminal, after the rows).
    if !global.quiet { for w in warnings { Terminal.error(w) } }
    if !global.quiet, let output { Terminal.error("wrote \(grouped(written)) series to \(output)") }
  }
}

enum AnalysisMethods: String, ExpressibleByArgument, CaseIterable {
  case all, basic
}

enum AnalysisFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json, md, summary
  init?(path: String) {
    if path.hasSuffix(".csv") { self = .csv } else if path.hasSuffix(".json") { self = .json } else if path.hasSuffix(".md") {
      self = .md
    } else { return nil }
  }
}

extension MixedPeriodPolicy: ExpressibleByArgument {}
extension BenchmarkMethod: ExpressibleByArgument {}

extension Table {
  /// The table with one more column in front.
  func prepending(name: String, _ column: Column) -> Table {
    (try? Table(names: [name] + names, columns: [column] + columns)) ?? self
  }
}

/// Opens `-o PATH` for an atomic write, or `nil` for standard output.
func openOutput(_ output: String?) throws -> OutputFile? {
  guard let output else { return nil }
  do { return try OutputFile(path: output) } catch { throw ExitStatus.fail(error) }
}

/// Reads one export and maps it onto canonical observations matched to `library`, for
/// analysis (without the period date columns, which only a canonical table shows).
func loadObservations(
  _ file: String, csv: CSVOptions, global: GlobalOptions, layout: LayoutOptions, library: DefinitionLibrary?,
  out: OutputFile?
) throws -> (Observations, DefinitionMatch?) {
  let result: CSVReadResult
  let options = try layout.observationOptions().withoutPeriodDates()
  do {
    result = try readInput(
      file, csv: csv, global: global, rejectedDefault: rejectedPath(besides: file == "-" ? "stdin.csv" : file),
      observations: options)
  } catch {
    out?.abandon()
    throw error
  }
  do {
    var observations = try canonicalObservations(of: result, file: file, csv: csv, global: global, options: options)
    let match = library.map { observations.match($0) }
    if let match { observations.fillIntervals(match) }
    return (observations, match)
  } catch {
    out?.abandon()
    throw error
  }
}

/// Writes `text` to the output file (committed) or to standard output, and says so.
func finish(_ out: OutputFile?, output: String?, text: String, rows: Int, what: String, quiet: Bool, human: Bool) throws {
  if let out {
    do {
      try out.write(text)
      try out.commit()
    } catch { throw ExitStatus.fail(error) }
    if !quiet, let output { Terminal.error("wrote \(grouped(rows)) \(what) to \(output)") }
  } else if !(quiet && human) {
    Terminal.out(text)
  }
}
