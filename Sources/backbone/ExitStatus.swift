import ArgumentParser
import Columnar
import Indicators
import ResultsChain
import Reports

/// Exit codes, one meaning each (sysexits.h where one fits).
enum ExitStatus {
  static let internalError: Int32 = 1
  static let usage: Int32 = 64
  static let dataError: Int32 = 65
  static let noInput: Int32 = 66
  static let cannotCreate: Int32 = 73

  static let helpText = """
    Exit codes:
      0   success (warnings allowed)
      1   internal error (a bug: please report it)
      64  usage error (bad flag or option value)
      65  input data invalid (CSV structure, encoding, a wrong value;
          an unknown layout; a bad mapping, definition or chain file;
          a series mixing kinds of period)
      66  input file missing or unreadable
      73  cannot create an output file
    """

  /// The exit code for a library error.
  static func code(for error: CSVError) -> Int32 {
    switch error.kind {
    case .fileNotFound, .unreadable: noInput
    case .cannotWrite: cannotCreate
    case .invalidOptions: usage
    case .unsupportedEncoding, .invalidUTF8, .unterminatedQuote, .unexpectedQuote, .tooManyFields, .tooFewFields,
      .invalidValue, .noHeader:
      dataError
    }
  }

  /// Prints `error` to stderr and returns the exit code to throw.
  static func fail(_ error: CSVError) -> ExitCode {
    Terminal.error(error.description)
    return ExitCode(code(for: error))
  }
}

extension ExitStatus {
  /// The exit code for an indicator-layer error.
  static func code(for error: IndicatorError) -> Int32 {
    switch error.kind {
    case .fileNotFound, .unreadable: noInput
    case .unknownLayout, .ambiguousLayout, .missingColumn, .invalidPeriod, .mixedPeriods, .invalidDefinition,
      .invalidMapping, .invalidValue:
      dataError
    }
  }

  /// Prints `error` to stderr and returns the exit code to throw.
  static func fail(_ error: IndicatorError) -> ExitCode {
    Terminal.error(error.description)
    return ExitCode(code(for: error))
  }
}

extension ExitStatus {
  /// The exit code for a results-chain error: a missing or unreadable chain file is 66,
  /// anything wrong inside it 65.
  static func code(for error: ChainError) -> Int32 {
    switch error.kind {
    case .fileNotFound, .unreadable: noInput
    case .invalidYAML, .invalidChain, .duplicateID, .unknownLevel, .unknownStep, .unknownLink, .unknownIndicator, .cycle,
      .levelOrder, .leadsNowhere, .comesFromNowhere, .unreachableOutcome:
      dataError
    }
  }

  /// Prints `error` to stderr and returns the exit code to throw.
  static func fail(_ error: ChainError) -> ExitCode {
    Terminal.error(error.description)
    return ExitCode(code(for: error))
  }
}

extension ExitStatus {
  /// The exit code for a report error: that of the layer it came from; a template or layout
  /// that is wrong is 65, one that is missing 66, an output that cannot be written 73.
  static func code(for error: ReportError) -> Int32 {
    switch error {
    case .input(let e): code(for: e)
    case .data(let e): code(for: e)
    case .chain(let e): code(for: e)
    case .report(_, _, _, _, _, let kind):
      switch kind {
      case .invalid: dataError
      case .missing: noInput
      case .cannotWrite: cannotCreate
      }
    }
  }

  /// Prints `error` to stderr and returns the exit code to throw.
  static func fail(_ error: ReportError) -> ExitCode {
    Terminal.error(error.description)
    return ExitCode(code(for: error))
  }
}
