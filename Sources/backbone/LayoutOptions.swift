import ArgumentParser
import Foundation
import Indicators

/// How to recognise an export's layout and, for the generic layout, which column is which.
struct LayoutOptions: ParsableArguments {
  @Option(help: "The export layout: \(Layout.allCases.map(\.rawValue).joined(separator: ", ")) (default: recognised from the header).")
  var layout: Layout?

  @Option(
    name: .customLong("indicators"),
    help: "A directory of indicator definitions (YAML; default: ./indicators when it exists).")
  var indicatorsDirectory: String?

  @Option(name: .customLong("mapping"), help: "A YAML file naming the columns of a generic long table (see indicators/README.md).")
  var mappingFile: String?

  @Option(name: .customLong("indicator-col"), help: "The indicator id column.")
  var indicatorColumn: String?
  @Option(name: .customLong("indicator-name-col"), help: "The indicator name column.")
  var indicatorNameColumn: String?
  @Option(name: .customLong("area-col"), help: "The area code column.")
  var areaColumn: String?
  @Option(name: .customLong("area-name-col"), help: "The area name column.")
  var areaNameColumn: String?
  @Option(name: .customLong("period-col"), help: "The period column.")
  var periodColumn: String?
  @Option(name: .customLong("value-col"), help: "The value column.")
  var valueColumn: String?
  @Option(name: .customLong("lower-col"), help: "The lower confidence limit column.")
  var lowerColumn: String?
  @Option(name: .customLong("upper-col"), help: "The upper confidence limit column.")
  var upperColumn: String?
  @Option(name: .customLong("count-col"), help: "The count (numerator) column.")
  var countColumn: String?
  @Option(name: .customLong("denominator-col"), help: "The denominator column.")
  var denominatorColumn: String?
  @Option(name: .customLong("note-col"), help: "The value note column (its text can say why a value is missing).")
  var noteColumn: String?
  @Option(name: .customLong("breakdown-col"), help: "A breakdown column such as sex or age (repeatable).")
  var breakdownColumns: [String] = []
  @Option(name: .customLong("indicator-id"), help: "The indicator id of every row, for a file with no indicator column.")
  var indicatorID: String?

  /// The options for `Observations.read`, reading the mapping file if one is named.
  func observationOptions() throws -> ObservationOptions {
    var o = ObservationOptions()
    o.layout = layout
    var m = ColumnMapping()
    if let mappingFile {
      do { m = try ColumnMapping.load(path: mappingFile) } catch { throw ExitStatus.fail(error) }
    }
    func set(_ key: WritableKeyPath<ColumnMapping, String?>, _ value: String?, _ flag: String, _ role: String) {
      guard let value else { return }
      m[keyPath: key] = value
      m.origins[role] = flag
    }
    set(\.indicator, indicatorColumn, "--indicator-col", "indicator")
    set(\.indicatorName, indicatorNameColumn, "--indicator-name-col", "indicator name")
    set(\.area, areaColumn, "--area-col", "area")
    set(\.areaName, areaNameColumn, "--area-name-col", "area name")
    set(\.period, periodColumn, "--period-col", "period")
    set(\.value, valueColumn, "--value-col", "value")
    set(\.lowerCI, lowerColumn, "--lower-col", "lower limit")
    set(\.upperCI, upperColumn, "--upper-col", "upper limit")
    set(\.count, countColumn, "--count-col", "count")
    set(\.denominator, denominatorColumn, "--denominator-col", "denominator")
    set(\.note, noteColumn, "--note-col", "note")
    if !breakdownColumns.isEmpty {
      m.breakdowns = breakdownColumns
      m.origins["breakdown"] = "--breakdown-col"
    }
    if let indicatorID { m.indicatorID = indicatorID }
    o.mapping = m
    return o
  }
}

extension LayoutOptions {
  /// The definitions named by --indicators, or ./indicators when it exists, or `nil`.
  func definitionLibrary() throws -> DefinitionLibrary? {
    let directory: String
    if let indicatorsDirectory {
      directory = indicatorsDirectory
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: "indicators", isDirectory: &isDirectory), isDirectory.boolValue else {
        return nil
      }
      directory = "indicators"
    }
    do { return try DefinitionLibrary(directory: directory) } catch { throw ExitStatus.fail(error) }
  }
}

extension Layout: ExpressibleByArgument {}

extension ObservationOptions {
  /// The same options for a command that never writes the canonical table.
  func withoutPeriodDates() -> ObservationOptions {
    var o = self
    o.periodDates = false
    return o
  }
}
