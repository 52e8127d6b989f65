import ArgumentParser
import Columnar

/// Flags every command shares.
struct GlobalOptions: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Print nothing on success; errors still go to stderr.")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Also print timings and what was detected, on stderr.")
  var verbose = false

  func validate() throws {
    if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together.") }
  }
}

/// How to read the input CSV.
struct CSVOptions: ParsableArguments {
  @Option(help: "Field delimiter: ',', ';', 'tab', '|' (default: detected).")
  var delimiter: String?

  @Option(name: .customLong("skip-rows"), help: "Lines to skip before the header (default: a preamble is detected).")
  var skipRows: Int?

  @Flag(name: .customLong("no-header"), help: "The first record is data; columns are named column_1, column_2, ...")
  var noHeader = false

  @Option(
    name: .customLong("missing"),
    help: "A token that means 'no value' (repeat for several). Replaces the defaults: empty, NA, N/A, .., -, *, x, :")
  var missing: [String] = []

  @Flag(name: .customLong("decimal-comma"), help: "Numbers use a decimal comma (12,5).")
  var decimalComma = false

  @Option(help: "Thousands separator to skip inside numbers: ',', '.', ' ' or \"'\".")
  var thousands: String?

  @Option(name: .customLong("type"), help: "Declare a column's type: NAME=integer|float|text (repeatable).")
  var types: [String] = []

  @Flag(name: .customLong("all-text"), help: "Read every column as text, exactly as written (no type inference).")
  var allText = false

  @Option(name: .customLong("bad-rows"), help: "fail: stop at the first bad record; quarantine: set bad records aside.")
  var badRows: CSVReadOptions.BadRows = .fail

  @Option(help: "Where to write rejected records (default: next to the output, or the input for inspect).")
  var rejected: String?

  @Option(help: "Worker threads (default: every core).")
  var threads: Int?

  func validate() throws {
    if let d = delimiter, parsedDelimiter(d) == nil {
      throw ValidationError("--delimiter must be one character or 'tab', not \"\(d)\".")
    }
    if let s = skipRows, s < 0 { throw ValidationError("--skip-rows must be 0 or more.") }
    if let t = thousands, t.utf8.count != 1 || ![",", ".", " ", "'"].contains(t) {
      throw ValidationError("--thousands must be one of ',', '.', ' ' or \"'\", not \"\(t)\".")
    }
    if let t = threads, t < 1 { throw ValidationError("--threads must be 1 or more.") }
    for spec in types { _ = try parsedType(spec) }
    if decimalComma && delimiter.flatMap(parsedDelimiter) == 44 {
      throw ValidationError("--decimal-comma needs a delimiter other than ','; files with decimal commas usually use ';'.")
    }
  }

  func parsedDelimiter(_ d: String) -> UInt8? {
    if d == "tab" || d == "\\t" || d == "\t" { return 9 }
    guard d.utf8.count == 1, let b = d.utf8.first, b != 34, b != 10, b != 13 else { return nil }
    return b
  }

  func parsedType(_ spec: String) throws -> (String, ColumnType) {
    guard let eq = spec.lastIndex(of: "=") else {
      throw ValidationError("--type takes NAME=TYPE, like --type value=float; got \"\(spec)\".")
    }
    let name = String(spec[..<eq])
    let typeName = String(spec[spec.index(after: eq)...])
    guard let type = ColumnType(rawValue: typeName) else {
      throw ValidationError("--type \(spec): the type must be integer, float or text, not \"\(typeName)\".")
    }
    return (name, type)
  }

  func readOptions() throws -> CSVReadOptions {
    var o = CSVReadOptions()
    o.delimiter = delimiter.flatMap(parsedDelimiter)
    o.skipRows = skipRows
    o.hasHeader = !noHeader
    if !missing.isEmpty { o.missingTokens = missing }
    if decimalComma {
      o.decimalSeparator = UInt8(ascii: ",")
      if o.delimiter == nil { o.delimiter = UInt8(ascii: ";") }
    }
    o.thousandsSeparator = thousands?.utf8.first
    for spec in types {
      let (name, type) = try parsedType(spec)
      o.columnTypes[name] = type
    }
    o.inferTypes = !allText
    o.badRows = badRows
    o.threads = threads ?? 0
    return o
  }
}

extension CSVReadOptions.BadRows: ExpressibleByArgument {}

/// The default path of the rejected-rows file: `<stem>.rejected.csv` beside `path`.
func rejectedPath(besides path: String) -> String {
  let directoryEnd = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
  let name = path[directoryEnd...]
  let stem = name.lastIndex(of: ".").map { name[..<$0] } ?? name
  return String(path[..<directoryEnd]) + (stem.isEmpty ? "input" : String(stem)) + ".rejected.csv"
}
