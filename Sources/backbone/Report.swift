import ArgumentParser
import Columnar
import Foundation
import Indicators
import Reports
import ResultsChain

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the funder workbook (.xlsx) and the Markdown report from indicator exports.",
    discussion: """
      Every DATA export is read like `analyze` reads it, every series analysed (status, trend, \
      target progress, benchmark), inequality measured across areas and groups in each \
      indicator's latest period, and the results chain (--chain) assessed. One report model is \
      built and rendered into the workbook (--xlsx: Summary, Tracking, Results chain, Trends, \
      Inequalities, Data, Methods) and into Markdown (--md, from a Mustache template in \
      templates/), in one run. Both are written to a temporary file and renamed into place: a \
      failure leaves the previous report untouched.

      The headline series of each indicator is the one for --area (default: the area the \
      chain's indicators name, else the only area in the data) without breakdown (a total such as \
      Persons or All ages, or a breakdown's only value for that indicator). The tracking \
      table's quarters are those of the fiscal year that contains the reporting period \
      (--fiscal-year-start). With SOURCE_DATE_EPOCH set, the generation time is that, and the \
      same inputs give the same bytes.

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The exports to report on.")
  var files: [String]

  @Option(help: "Write the funder workbook here (.xlsx).")
  var xlsx: String?

  @Option(help: "Write the Markdown report here (.md); charts of indicator briefs go to a folder beside it (NAME-charts/).")
  var md: String?

  @Option(
    help:
      "The Markdown template: quarterly-report (default), indicator-brief, chain-summary, or a .mustache file.")
  var template: String = "quarterly-report"

  @Option(
    name: .customLong("md-series"),
    help:
      "Which series the Markdown report lists: headline (default: the headline area's and the benchmark's; without a headline area, at most 10 per indicator, saying how many more the workbook has) or all.")
  var mdSeries: MarkdownSeries = .headline

  @Option(help: "The workbook's tracking-table layout: iptt (default), logframe, indicators (a plain table), or a .yaml file (see templates/WORKBOOK.md).")
  var tracking: String = "iptt"

  @Option(
    help: "The directory of the shipped templates (default: $BACKBONE_TEMPLATES, ./templates, or the templates folder of the checkout or installation the backbone executable belongs to).")
  var templates: String?

  @Option(help: "A results chain (YAML) to assess and report.")
  var chain: String?

  @Option(
    name: .customLong("period"),
    help: "Report on this period (2024, 2024/25, 2024-Q3, FY2025-Q2), or 'latest' (default): the latest with data.")
  var period: String = "latest"

  @Option(
    name: .customLong("fiscal-year-start"),
    help: "The first month of the fiscal year (April, 4, October, ...; default: January).")
  var fiscalYearStart: FiscalStart?

  @Option(help: "The headline area code (default: the chain's area, else the only area in the data).")
  var area: String?

  @Option(help: "Compare every series' latest value with this area's value for the same period.")
  var benchmark: String?

  @Option(help: "How to compare with the benchmark: overlap-95 (default), overlap-95-99.8, double-overlap, spc.")
  var comparison: BenchmarkMethod = .overlap95

  @Option(name: .customLong("mixed-periods"), help: "refuse (default) or split series that mix kinds of period.")
  var mixedPeriods: MixedPeriodPolicy = .refuse

  @Option(help: "The report's title (default: the chain's name, else \"Indicator report\").")
  var title: String?

  @OptionGroup(title: "Layout") var layoutOptions: LayoutOptions
  @OptionGroup var csv: CSVOptions
  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if xlsx == nil && md == nil { throw ValidationError("Say what to write: --xlsx FILE, --md FILE, or both.") }
    if let xlsx, !xlsx.hasSuffix(".xlsx") { throw ValidationError("--xlsx \(xlsx): the workbook's name must end in .xlsx.") }
    if period != "latest" { _ = try parsedPeriod() }
    if files.contains("-") { throw ValidationError("a report reads files by name (it records their SHA-256); '-' is not one.") }
    try checkOutputsAreNotInputs()
  }

  /// The files the report reads: the exports, and the chain, template, layout and mapping files
  /// when given as files.
  var inputPaths: [String] {
    var paths = files
    if let chain { paths.append(chain) }
    if template.hasSuffix(".mustache") { paths.append(template) }
    if tracking.hasSuffix(".yaml") || tracking.hasSuffix(".yml") { paths.append(tracking) }
    if let mapping = layoutOptions.mappingFile { paths.append(mapping) }
    return paths
  }

  /// Refuses, before anything is read, an output that names one of the inputs (the same path,
  /// or the same file through a symbolic or hard link), and two outputs that name one file.
  func checkOutputsAreNotInputs() throws {
    let outputs: [(flag: String, path: String)] =
      [("--xlsx", xlsx), ("--md", md), ("--rejected", csv.rejected)].compactMap { f, p in p.map { (f, $0) } }
    for (flag, path) in outputs {
      if let input = FileIdentity.overwrittenInput(output: path, inputs: inputPaths) {
        throw ValidationError(
          "\(flag) \(path) is the input \(input)\(path == input ? "" : " (the same file)"): writing the output would replace it; choose another output path.")
      }
    }
    for (i, a) in outputs.enumerated() {
      for b in outputs[(i + 1)...] where FileIdentity.isSameFile(a.path, b.path) {
        throw ValidationError("\(a.flag) \(a.path) and \(b.flag) \(b.path) are the same file; give each output its own path.")
      }
    }
  }

  /// The `--period` flag as a period: a label as `analyze` reads it, or a fiscal form
  /// (FY2025-Q2) of the --fiscal-year-start calendar.
  func parsedPeriod() throws -> Period? {
    guard period != "latest" else { return nil }
    if let p = try? Period.parse(period) { return p }
    let calendar = fiscalYearStart?.calendar ?? .calendarYear
    do { return try calendar.parse(period) } catch {
      throw ValidationError(
        "--period \(period): \(error.reason); expected a period label such as 2024, 2024/25, 2024-Q3, FY2025-Q2, or 'latest'.")
    }
  }

  func run() throws {
    let library = try layoutOptions.definitionLibrary()
    // Templates and layouts are checked before any data is read.
    var workbookLayout: WorkbookLayout? = nil
    var markdown: MarkdownReport? = nil
    do throws(ReportError) {
      if xlsx != nil {
        workbookLayout =
          tracking.hasSuffix(".yaml") || tracking.hasSuffix(".yml")
          ? try WorkbookLayout.load(path: tracking) : try WorkbookLayout.named(tracking, templatesDirectory: templates ?? ShippedTemplates.directory)
      }
      if md != nil {
        markdown =
          template.hasSuffix(".mustache")
          ? try MarkdownReport(templatePath: template) : try MarkdownReport.shipped(template, templatesDirectory: templates ?? ShippedTemplates.directory)
      }
    } catch { throw ExitStatus.fail(error) }
    // Each output is opened (a temporary file beside it, removed at the end) before the data is
    // read, so that a folder that cannot be written fails now, with 73, like every command's -o.
    var probes: [OutputFile] = []
    defer { for probe in probes { probe.abandon() } }
    for path in [xlsx, md].compactMap({ $0 }) {
      do { probes.append(try OutputFile(path: path)) } catch { throw ExitStatus.fail(error) }
    }
    var loadedChain: ResultsChain? = nil
    if let chain {
      do { loadedChain = try ResultsChain.load(path: chain, library: library) } catch {
        let all = ResultsChain.problems(inFile: chain, library: library)
        for problem in all.dropLast() { Terminal.error(problem.description) }
        throw ExitStatus.fail(all.last ?? error)
      }
    }
    var inputs: [LoadedInput] = []
    let readOptions = try csv.readOptions()
    let observationOptions = try layoutOptions.observationOptions()
    for file in files {
      var input: LoadedInput
      do { input = try InputLoader.load(path: file, read: readOptions, observations: observationOptions) } catch {
        throw ExitStatus.fail(error)
      }
      if !input.rejected.isEmpty {
        let target = csv.rejected ?? rejectedPath(besides: file)
        if let other = FileIdentity.overwrittenInput(output: target, inputs: inputPaths) {
          throw ValidationError(
            "the rejected records of \(file) would go to \(target), which is the input \(other); name another file with --rejected.")
        }
        do {
          let out = try OutputFile(path: target)
          try RejectedRowsWriter.write(input.rejected, source: file, to: out)
          try out.commit()
        } catch { throw ExitStatus.fail(error) }
        input.file.rejectedFile = target
      }
      inputs.append(input)
    }
    var options = ReportOptions()
    options.title = title
    options.period = try parsedPeriod()
    options.fiscalYearStartMonth = fiscalYearStart?.calendar.startMonth ?? 1
    options.headlineArea = area
    options.benchmarkArea = benchmark
    options.benchmarkMethod = comparison
    options.mixedPeriods = mixedPeriods
    let time = ReportOptions.generationTime(
      environment: ProcessInfo.processInfo.environment, now: Int64(Date().timeIntervalSince1970))
    options.generatedAt = time.seconds
    options.fromSourceDateEpoch = time.fromEnvironment
    options.backboneVersion = BackboneVersion.current
    options.definitionsDirectory = layoutOptions.indicatorsDirectory ?? (library == nil ? nil : "indicators")
    options.chainFile = chain
    let started = Terminal.monotonicSeconds()
    let model: ReportModel
    do { model = try ReportBuilder.build(inputs: inputs, library: library, chain: loadedChain, options: options) } catch {
      throw ExitStatus.fail(error)
    }
    if global.verbose {
      Terminal.error("built the report model (\(model.indicators.count) indicators) in \(String(format3: Terminal.monotonicSeconds() - started)) s")
    }
    if !global.quiet {
      for rejected in inputs where rejected.file.rejectedRows > 0 {
        Terminal.error(
          "\(rejected.file.path): \(rejected.file.rejectedRows) record\(rejected.file.rejectedRows == 1 ? "" : "s") rejected; written with line and reason to \(rejected.file.rejectedFile ?? "")"
        )
      }
      for w in model.warnings { Terminal.error(w) }
    }
    // Everything is rendered and staged (written to temporary files beside the targets and
    // fsynced) before anything replaces a previous output, so that a failure leaves every
    // previous output in place.
    var rendered: [RenderedFile] = []
    if let markdown, let md {
      do { rendered = try markdown.render(model, outputPath: md, series: mdSeries) } catch { throw ExitStatus.fail(error) }
    }
    for file in rendered.dropFirst() {
      if let input = FileIdentity.overwrittenInput(output: file.path, inputs: inputPaths) {
        throw ValidationError("the chart \(file.path) of --md \(md ?? "") is the input \(input); choose another --md path.")
      }
    }
    // The charts an earlier report at this path left that this one does not make, removed once
    // the new outputs are in place; the chart folder is created for the new charts.
    let stale = md.map { MarkdownReport.staleCharts(outputPath: $0, keeping: rendered.map(\.path)) } ?? []
    var createdFolder: String? = nil
    if let md, rendered.count > 1 {
      let folder = MarkdownReport.chartFolder(for: md)
      if mkdir(folder, 0o755) == 0 {
        createdFolder = folder
      } else if errno != EEXIST {
        Terminal.error("\(folder): error: cannot create the folder for the charts (\(String(cString: strerror(errno))))")
        throw ExitCode(ExitStatus.cannotCreate)
      }
    }
    var staged: [OutputFile] = []
    func abandonAll() {
      for file in staged { file.abandon() }
      if let createdFolder { rmdir(createdFolder) }
    }
    do {
      for file in rendered {
        let out = try OutputFile(path: file.path)
        staged.append(out)
        try out.write(file.bytes)
        try out.stage()
      }
    } catch {
      abandonAll()
      throw ExitStatus.fail(error)
    }
    var workbookTemporary: String? = nil
    if let workbookLayout, let xlsx {
      let temporary = xlsx + ".tmp-\(getpid())"
      do { try FunderWorkbook.write(model, layout: workbookLayout, to: temporary) } catch {
        abandonAll()
        unlink(temporary)
        throw ExitStatus.fail(error)
      }
      workbookTemporary = temporary
    }
    if let workbookTemporary, let xlsx, rename(workbookTemporary, xlsx) != 0 {
      abandonAll()
      unlink(workbookTemporary)
      Terminal.error("\(xlsx): error: cannot rename the finished workbook into place (errno \(errno))")
      throw ExitCode(ExitStatus.cannotCreate)
    }
    do { for file in staged { try file.publish() } } catch { throw ExitStatus.fail(error) }
    if let md {
      let removed = MarkdownReport.removeCharts(stale, outputPath: md)
      if global.verbose, !removed.isEmpty {
        Terminal.error("removed \(removed.count) chart\(removed.count == 1 ? "" : "s") of an earlier report: \(removed.joined(separator: ", "))")
      }
    }
    // The paths written, on standard output (one per line), for scripts.
    if !global.quiet {
      var paths: [String] = []
      if let xlsx { paths.append(xlsx) }
      paths += rendered.map(\.path)
      Terminal.list(paths.joined(separator: "\n") + "\n")
    }
  }
}

extension MarkdownSeries: ExpressibleByArgument {}
