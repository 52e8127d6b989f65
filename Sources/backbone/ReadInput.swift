import ArgumentParser
import Columnar

/// Reads one CSV input for a command: progress on a terminal, warnings once on stderr, rejected
/// records written beside the output. Returns the result or throws the exit code.
func readInput(_ path: String, csv: CSVOptions, global: GlobalOptions, rejectedDefault: String) throws -> CSVReadResult {
  var options = try csv.readOptions()
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
      Terminal.error("  column \"\(name)\": \(c.type.rawValue) (\(result.declaredColumns.contains(name) ? "declared" : "detected from all values"))")
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
