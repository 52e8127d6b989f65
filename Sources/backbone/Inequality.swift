import ArgumentParser
import Columnar
import Indicators

struct InequalityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inequality",
    abstract: "Measure how unequal areas or groups are, per indicator and period.",
    discussion: """
      For every indicator and period, across the areas of one area type (--by area, the
      default; aggregates such as WLD or OWID regions are left out) or across the values of a
      breakdown (--by category for deprivation deciles, --by sex, ...): the number of groups,
      mean, minimum, maximum, range, ratio (maximum / minimum), the best group by polarity and
      the mean difference from it, Gini, coefficient of variation, index of disparity, Theil
      and mean log deviation. Measures are weighted by the denominators (population shares)
      when every group has one. When the groups are deprivation quantiles (Fingertips'
      "Most deprived decile" … "Least deprived decile", or 1…k with 1 the most deprived), the
      slope and relative index of inequality (SII, RII; PHE method) are added, with a 95%
      interval by a seeded simulation (--repetitions) when every group has confidence limits.

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The exports ('-' for standard input).")
  var files: [String]

  @Option(help: "area, or the name of a breakdown column (as inspect lists it).")
  var by: String = "area"

  @Option(help: "table, csv, json or md (default: from -o's extension, else table).")
  var format: AnalysisFormat?

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output (written atomically).")
  var output: String?

  @Option(help: "Only this period (a label as in the data), or 'all' (default).")
  var period: String = "all"

  @Option(help: "Simulations for the SII interval (PHE uses 100,000).")
  var repetitions: Int = 10_000

  @OptionGroup(title: "Layout") var layoutOptions: LayoutOptions
  @OptionGroup var csv: CSVOptions
  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if format == .summary { throw ValidationError("--format summary is for analyze; use table, csv, json or md.") }
    if repetitions < 100 || repetitions > 10_000_000 { throw ValidationError("--repetitions must be 100 to 10,000,000.") }
  }

  func run() throws {
    let chosen: AnalysisFormat = format ?? output.flatMap(AnalysisFormat.init(path:)) ?? .table
    let dimension: InequalityDimension = by == "area" ? .areas : .breakdown(by)
    let out = try openOutput(output)
    let library = try layoutOptions.definitionLibrary()
    var tables: [Table] = []
    var warnings: [String] = []
    for file in files {
      let (observations, match) = try loadObservations(file, csv: csv, global: global, layout: layoutOptions, library: library, out: out)
      do {
        // The table shows the measures, not the groups behind them.
        var results = try observations.inequality(across: dimension, definitions: match, repetitions: repetitions, members: false)
        if period != "all" {
          results = results.filter { $0.period == period }
          if results.isEmpty { warnings.append("\(file): warning: no inequality to measure in period \"\(period)\" (periods are matched by their label as written in the file)") }
        }
        warnings += observations.warnings.map(\.description)
        var table = results.table()
        if files.count > 1 { table = table.prepending(name: "file", Column.constant(file, count: table.rowCount)) }
        tables.append(table)
      } catch {
        out?.abandon()
        throw ExitStatus.fail(error)
      }
    }
    if !global.quiet { for w in warnings { Terminal.error(w) } }
    let table = tables.count == 1 ? tables[0] : Table.concatenating(tables)
    let bytes: String
    switch chosen {
    case .csv: bytes = String(decoding: TableWriter.csvBytes(table), as: UTF8.self)
    case .json: bytes = TableWriter.jsonDocument(table, arrays: ["files": files], rowsKey: "inequalities")
    case .table, .summary: bytes = TableWriter.alignedText(table)
    case .md: bytes = TableWriter.markdownTable(table)
    }
    try finish(out, output: output, text: bytes, rows: table.rowCount, what: "rows", quiet: global.quiet, human: chosen == .table)
  }
}
