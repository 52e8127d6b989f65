import ArgumentParser
import Columnar
import Indicators

/// Reads one CSV input for a command: progress on a terminal, warnings once on stderr, rejected
/// records written beside the output. Returns the result or throws the exit code.
/// `chooseColumns` picks the columns to read from the header (all when `nil` or when it returns
/// `nil`). With `observations`, the input is read for observations: the columns its layout uses
/// as labels or identifiers are read as text, as written (unless `--type` declares them).
func readInput(
  _ path: String, csv: CSVOptions, global: GlobalOptions, rejectedDefault: String,
  chooseColumns: (@Sendable ([String]) -> Set<String>?)? = nil, observations: ObservationOptions? = nil
) throws -> CSVReadResult {
  var options = try csv.readOptions()
  options.chooseColumns = chooseColumns
  if let observations { options.readLabelsAsText(of: path, observations: observations) }
  let showProgress = Terminal.stderrIsTerminal && !global.quiet
  if showProgress {
    options.progress = { done, total in Terminal.progress("reading \(path)", done: done, total: total) }
  }
  let started = Terminal.monotonicSeconds()
  let result: CSVReadResult
  do {
    result = try CSVReader.read(path: path, options: options)
  } catch {
    if showProgress { Terminal.clearProgress() }
    throw ExitStatus.fail(error)
  }
  if showProgress { Terminal.clearProgress() }
  if global.verbose {
    let seconds = Terminal.monotonicSeconds() - started
    let d = result.dialect
    Terminal.error(
      "read \(path): \(result.byteCount) bytes, \(result.table.rowCount) rows in \(String(format3: seconds)) s; delimiter \(d.delimiterName) (\(d.delimiterDetected ? "detected" : "declared")), line ends \(d.lineEnding.rawValue)"
    )
    for (name, c) in zip(result.table.names, result.table.columns) {
      let how =
        result.declaredColumns.contains(name)
        ? "declared" : result.textColumns.contains(name) ? "a label or identifier, kept as written" : "detected from all values"
      Terminal.error("  column \"\(name)\": \(c.type.rawValue) (\(how))")
    }
    let unread = result.header.filter { result.table.index(of: $0) == nil }
    if !unread.isEmpty {
      Terminal.error("  not read (not needed here, but checked): \(unread.map { "\"\($0)\"" }.joined(separator: ", "))")
    }
  }
  if !global.quiet {
    for w in result.warnings { Terminal.error("\(path): \(w)") }
  }
  if !result.rejected.isEmpty {
    let target = csv.rejected ?? rejectedDefault
    do {
      let out = try OutputFile(path: target)
      try RejectedRowsWriter.write(result.rejected, source: path, to: out)
      try out.commit()
    } catch {
      throw ExitStatus.fail(error)
    }
    if !global.quiet {
      Terminal.error("\(path): \(result.rejected.count) record\(result.rejected.count == 1 ? "" : "s") rejected; written with line and reason to \(target)")
    }
  }
  return result
}

extension String {
  /// Three decimals, locale independent.
  init(format3 value: Double) {
    let scaled = Int((value * 1000).rounded())
    let whole = scaled / 1000, fraction = abs(scaled % 1000)
    self = "\(whole)." + String(fraction).leftPad(3)
  }

  func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

/// The canonical observations of an export read as `result`. When columns used as identifiers
/// were typed as floats by the reader (`3.10` would read as 3.1 and merge with `3.1`), the file
/// is read again with those columns declared text (not possible for standard input, where a
/// warning says so).
/// - Throws: the exit code, after printing the error.
func canonicalObservations(
  of result: CSVReadResult, file: String, csv: CSVOptions, global: GlobalOptions, options: ObservationOptions
) throws -> Observations {
  var o: Observations
  do { o = try Observations.read(result.table, file: file, options: options) } catch { throw ExitStatus.fail(error) }
  guard !o.floatIdentifierColumns.isEmpty else { return o }
  let names = o.floatIdentifierColumns.map { "\"\($0)\"" }.joined(separator: ", ")
  guard file != "-" else {
    if !global.quiet {
      Terminal.error("-: warning: identifier columns \(names) were read as numbers; declare them with --type NAME=text to keep their text exactly")
    }
    return o
  }
  var readOptions = try csv.readOptions()
  for name in o.floatIdentifierColumns { readOptions.columnTypes[name] = .text }
  let again: CSVReadResult
  do { again = try CSVReader.read(path: file, options: readOptions) } catch { throw ExitStatus.fail(error) }
  do { o = try Observations.read(again.table, file: file, options: options) } catch { throw ExitStatus.fail(error) }
  if global.verbose { Terminal.error("\(file): read again with \(names) as text (identifiers, not numbers)") }
  return o
}
