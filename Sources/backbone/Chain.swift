import ArgumentParser
import Columnar
import Foundation
import Indicators
import ResultsChain

struct Chain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Assess a results chain against indicator data: step progress, confidence and contribution stories.",
    discussion: """
      CHAIN is a results chain in YAML (see indicators/chains/README.md): levels, steps with the \
      indicators that evidence them and the steps they lead to, assumptions and risks. Each DATA \
      export is read like `analyze` reads it, the series of the chain's indicators are analysed \
      (Mann-Kendall at the chain's significance level, Sen's slope, targets), and each indicator \
      is graded as evidence: strong, some, none, contrary or missing. Steps get a progress (good, \
      some, low, worsening, unknown) and a confidence (high, medium, low); assumptions hold, are \
      challenged or untested; risks materialise or not. Each final outcome gets its contribution \
      story: a verdict, the gaps, the weakest link, and a confidence in the claim by contribution \
      tracing's Bayesian update.

      The chain is checked before any data is read: unknown step or indicator ids, cycles, links \
      to a lower level, steps that lead nowhere or come from nowhere, outcomes no input reaches. \
      Every problem is reported, in line order, with its file, line and column, and the exit \
      code is 65.

      --format table (the default on a terminal) shows the chain level by level, then each \
      outcome's story; md adds a Mermaid flowchart coloured by progress and the Bayesian update \
      step by step; json is one document with schemaVersion.

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The results chain (YAML).")
  var chainFile: String

  @Argument(help: "The exports to assess it against ('-' for standard input).")
  var files: [String]

  @Option(help: "table, md or json (default: from -o's extension, else table).")
  var format: ChainFormat?

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output (written atomically).")
  var output: String?

  @Option(
    name: .customLong("period"),
    help:
      "Report on this period (a label such as 2024, 2024/25 or 2024-Q3): later observations are left out and recency is counted back from it; 'latest' (default) takes the latest period with data."
  )
  var period: String = "latest"

  @Option(name: .customLong("mixed-periods"), help: "refuse (default) or split series that mix kinds of period.")
  var mixedPeriods: MixedPeriodPolicy = .refuse

  @Flag(help: "Same as --format json.")
  var json = false

  @OptionGroup(title: "Layout") var layoutOptions: LayoutOptions
  @OptionGroup var csv: CSVOptions
  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if json && format != nil && format != .json {
      throw ValidationError("--json and --format \(format?.rawValue ?? "") contradict each other.")
    }
    if period != "latest" {
      do { _ = try Period.parse(period) } catch {
        throw ValidationError(
          "--period \(period): \(error.reason); expected a period label such as 2024, 2024/25, 2024 Q3, 2024-Q3, or 'latest'."
        )
      }
    }
    if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read only once.") }
  }

  func run() throws {
    let chosen: ChainFormat = json ? .json : format ?? output.flatMap(ChainFormat.init(path:)) ?? .table
    let library = try layoutOptions.definitionLibrary()
    let chain: ResultsChain
    do {
      chain = try ResultsChain.load(path: chainFile, library: library)
    } catch {
      // Every problem at once, in line order, so that they can all be fixed in one go.
      let all = ResultsChain.problems(inFile: chainFile, library: library)
      for problem in all.dropLast() { Terminal.error(problem.description) }
      throw ExitStatus.fail(all.last ?? error)
    }
    var warnings = chain.warnings.map(\.description)
    if library == nil {
      warnings.append("\(chainFile): warning: indicator ids not checked: no definitions (pass --indicators DIR)")
    }
    var out: OutputFile? = nil
    if let output {
      do { out = try OutputFile(path: output) } catch { throw ExitStatus.fail(error) }
    }
    let options = try layoutOptions.observationOptions().withoutPeriodDates()
    let cutoff = period == "latest" ? nil : try? Period.parse(period)
    let uses = chain.seriesSelector()
    var groups: [IndicatorResults] = []
    for file in files {
      let result: CSVReadResult
      do {
        result = try readInput(
          file, csv: csv, global: global, rejectedDefault: rejectedPath(besides: file == "-" ? "stdin.csv" : file),
          observations: options)
      } catch {
        out?.abandon()
        throw error
      }
      let canonical: Observations
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
        var set = try observations.series(mixedPeriods: mixedPeriods)
        // Only the chain's indicators are analysed.
        set.series = set.series.filter { uses($0, match?.known[$0.indicator]) }
        warnings += set.warnings.map(\.description)
        var group = IndicatorResults(set: set, results: set.analyse(definitions: match, options: chain.analysisOptions))
        group.readBenchmarks()
        groups.append(group)
      } catch {
        out?.abandon()
        throw ExitStatus.fail(error)
      }
    }
    let data = ChainData(groups: groups, reportingPeriod: cutoff)
    let started = Terminal.monotonicSeconds()
    let assessment = chain.assess(data)
    if global.verbose {
      Terminal.error(
        "assessed \(chain.steps.count) steps and \(assessment.stories.count) outcomes in \(String(format3: Terminal.monotonicSeconds() - started)) s"
      )
    }
    warnings += assessment.warnings.map(\.description)
    if !global.quiet { for w in warnings { Terminal.error(w) } }
    let text: String
    switch chosen {
    case .table: text = assessment.text()
    case .md: text = assessment.markdown()
    case .json: text = assessment.json()
    }
    if let out {
      do {
        try out.write(Array(text.utf8))
        try out.commit()
      } catch { throw ExitStatus.fail(error) }
      if !global.quiet, let output { Terminal.error("wrote the assessment of \(chain.steps.count) steps to \(output)") }
    } else if !(global.quiet && chosen == .table) {
      Terminal.out(text)
    }
    // The analysed series are freed here, not inside the timed assessment.
    withExtendedLifetime(data) {}
  }
}

enum ChainFormat: String, ExpressibleByArgument, CaseIterable {
  case table, md, json
  init?(path: String) {
    if path.hasSuffix(".json") { self = .json } else if path.hasSuffix(".md") { self = .md } else { return nil }
  }
}
