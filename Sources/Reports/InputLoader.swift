public import Columnar
public import Indicators
public import ResultsChain

/// Why a report could not be made. Each case keeps the error of the layer it came from, which
/// already names the file, line and column.
public enum ReportError: Error, Sendable, CustomStringConvertible {
  /// Reading a CSV export (missing file, bad structure, a wrong value).
  case input(CSVError)
  /// Turning a table into observations (unknown layout, bad period, bad definitions).
  case data(IndicatorError)
  /// The results chain file.
  case chain(ChainError)
  /// Something else about the report: a template, a layout file, an output.
  case report(file: String, line: Int?, column: Int?, message: String, hint: String?, kind: Kind)

  /// What kind of failure a `.report` error is, for the exit code.
  public enum Kind: String, Sendable {
    /// A template or layout file is wrong, or the data cannot fill it (exit 65).
    case invalid
    /// A template or layout file is missing (exit 66).
    case missing
    /// An output could not be written (exit 73).
    case cannotWrite
  }

  public var description: String {
    switch self {
    case .input(let e): return e.description
    case .data(let e): return e.description
    case .chain(let e): return e.description
    case .report(let file, let line, let column, let message, let hint, _):
      var where_ = file
      if let line { where_ += ":\(line)" + (column.map { ":\($0)" } ?? "") }
      return "\(where_): error: \(message)" + (hint.map { "\n  hint: \($0)" } ?? "")
    }
  }
}

/// One export, read and turned into canonical observations, with its fingerprint.
public struct LoadedInput: Sendable {
  public var file: InputFile
  public var observations: Observations
  /// The records the reader set aside (with `badRows: .quarantine`), with line and reason.
  public var rejected: [RejectedRow]
  /// Reader and layout warnings, each starting with the file name.
  public var warnings: [String]

  public init(file: InputFile, observations: Observations, rejected: [RejectedRow], warnings: [String]) {
    self.file = file
    self.observations = observations
    self.rejected = rejected
    self.warnings = warnings
  }
}

/// Reads the exports a report is made from.
public enum InputLoader {
  /// Reads `path`, recognises its layout and makes canonical observations.
  ///
  /// The columns the layout uses as labels or identifiers are read as text, as written (`3.10`
  /// read as a number would become 3.1 and merge with `3.1`). A layout whose labels cannot be
  /// known from the header (a wide one) is read again with such columns declared text, when
  /// the reader typed them as floats.
  /// - Parameters:
  ///   - path: the export.
  ///   - read: how to read the CSV.
  ///   - observations: the layout and column mapping.
  /// - Returns: the observations, rejected records, warnings and the file's SHA-256.
  /// - Throws: `ReportError.input` or `.data`.
  /// - Complexity: O(n) in the file's bytes (read once more to hash it, once more when
  ///   identifiers must be re-read as text).
  public static func load(
    path: String, read: CSVReadOptions = CSVReadOptions(), observations options: ObservationOptions = ObservationOptions()
  ) throws(ReportError) -> LoadedInput {
    let result: CSVReadResult
    var read = read
    if read.chooseTextColumns == nil { read.readLabelsAsText(of: path, observations: options) }
    do { result = try CSVReader.read(path: path, options: read) } catch { throw .input(error) }
    var o: Observations
    do { o = try Observations.read(result.table, file: path, options: options) } catch { throw .data(error) }
    var warnings = result.warnings.map { "\(path): \($0)" }
    if !o.floatIdentifierColumns.isEmpty {
      var again = read
      for name in o.floatIdentifierColumns { again.columnTypes[name] = .text }
      let second: CSVReadResult
      do { second = try CSVReader.read(path: path, options: again) } catch { throw .input(error) }
      do { o = try Observations.read(second.table, file: path, options: options) } catch { throw .data(error) }
    }
    warnings += o.warnings.map(\.description)
    guard let fingerprint = SHA256.file(path) else {
      throw .input(CSVError(.unreadable, file: path, message: "the file could not be read again to fingerprint it"))
    }
    let file = InputFile(
      path: path, byteCount: fingerprint.byteCount, sha256: fingerprint.hex, layout: o.layout.title,
      records: result.recordsRead, observations: o.count, rejectedRows: result.rejected.count)
    return LoadedInput(file: file, observations: o, rejected: result.rejected, warnings: warnings)
  }
}
