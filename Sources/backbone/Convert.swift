import ArgumentParser
import Columnar
import Indicators

struct Convert: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a CSV file back as clean CSV or JSON Lines.",
    discussion: """
      The output format follows the extension of -o (.csv or .jsonl) unless --format is given.
      CSV output is RFC 4180: UTF-8, ',' between fields, LF line ends, missing values empty.
      JSON Lines output has one object per row, numbers as numbers and missing values as null.
      With --canonical, the export's layout is recognised (or forced with --layout, or described
      with --mapping / --*-col flags) and the output holds the canonical observations: one row
      per observation with indicator_id, indicator_name, area_code, area_name, area_type, the
      breakdown columns, period, value, lower_ci, upper_ci, count, denominator,
      absence_reason, value_note, unit and the source's attribute columns.
      Files are written to a temporary file and renamed into place: a failure leaves any
      previous output untouched.

      \(ExitStatus.helpText)
      """)

  @Argument(help: "The CSV file ('-' for standard input).")
  var file: String

  @Option(name: .shortAndLong, help: "The output file ('-' for standard output).")
  var output: String

  @Option(help: "csv or jsonl (default: from the output's extension; csv for '-').")
  var format: TableFormat?

  @Flag(help: "Write the canonical observations instead of the table as read.")
  var canonical = false

  @Option(
    name: .customLong("fiscal-year-start"),
    help: "With --canonical, add fiscal_year and fiscal_quarter for a fiscal year starting in this month (April, 4, October, ...).")
  var fiscalYearStart: FiscalStart?

  @OptionGroup(title: "Layout") var layoutOptions: LayoutOptions
  @OptionGroup var csv: CSVOptions
  @OptionGroup var global: GlobalOptions

  func validate() throws {
    if fiscalYearStart != nil && !canonical { throw ValidationError("--fiscal-year-start needs --canonical.") }
    if format == nil && output != "-" && TableFormat(path: output) == nil {
      throw ValidationError("cannot tell the format of \"\(output)\" from its extension; name it .csv or .jsonl, or pass --format.")
    }
  }

  func run() throws {
    let chosen = format ?? TableFormat(path: output) ?? .csv
    // Fail before reading a large file when the output cannot be created.
    let out: OutputFile
    do { out = try OutputFile(path: output) } catch { throw ExitStatus.fail(error) }
    let rejectedDefault = rejectedPath(besides: output == "-" ? (file == "-" ? "stdin.csv" : file) : output)
    let result: CSVReadResult
    let observationOptions: ObservationOptions?
    do {
      observationOptions = canonical ? try layoutOptions.observationOptions() : nil
      result = try readInput(
        file, csv: csv, global: global, rejectedDefault: rejectedDefault, observations: observationOptions)
    } catch {
      out.abandon()
      throw error
    }
    var table = result.table
    if let observationOptions {
      do {
        var observations = try canonicalObservations(
          of: result, file: file, csv: csv, global: global, options: observationOptions)
        if let fiscalYearStart { observations.addFiscalPeriods(fiscalYearStart.calendar) }
        if !global.quiet { for w in observations.warnings { Terminal.error(w.description) } }
        table = observations.table
      } catch {
        out.abandon()
        throw error
      }
    }
    do {
      try TableWriter.write(table, format: chosen, to: out)
      try out.commit()
    } catch {
      throw ExitStatus.fail(error)
    }
    if !global.quiet && output != "-" {
      Terminal.error("wrote \(grouped(table.rowCount)) rows × \(table.names.count) columns to \(output)")
    }
  }
}

extension TableFormat: ExpressibleByArgument {}

/// A fiscal year's first month, by name (`April`, `Apr`) or number (`4`).
struct FiscalStart: ExpressibleByArgument {
  let calendar: FiscalCalendar
  static let months = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
  ]

  init?(argument: String) {
    let lower = argument.lowercased()
    let month =
      Int(argument) ?? Self.months.firstIndex { $0 == lower || (lower.count >= 3 && $0.hasPrefix(lower)) }.map { $0 + 1 }
    guard let month, let calendar = FiscalCalendar(startMonth: month) else { return nil }
    self.calendar = calendar
  }
}
