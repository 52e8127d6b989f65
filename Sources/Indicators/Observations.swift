public import Columnar

/// The names of the canonical observation columns, in their order.
///
/// Every export becomes this one tidy table: one row per observation (one value of one
/// indicator, for one area and breakdown, in one period). Breakdown columns (sex, age, and
/// whatever else the source disaggregates by) come after `area_type`; attribute columns the
/// source carries (units, SDMX flags, the Fingertips 99.8% limits) come last.
public enum CanonicalColumn {
  public static let indicatorID = "indicator_id"
  public static let indicatorName = "indicator_name"
  public static let areaCode = "area_code"
  public static let areaName = "area_name"
  public static let areaType = "area_type"
  public static let period = "period"
  public static let periodStart = "period_start"
  public static let periodEnd = "period_end"
  public static let value = "value"
  public static let lowerCI = "lower_ci"
  public static let upperCI = "upper_ci"
  public static let count = "count"
  public static let denominator = "denominator"
  public static let absenceReason = "absence_reason"
  public static let valueNote = "value_note"
  public static let unit = "unit"

  /// The columns before the breakdowns.
  static let leading = [indicatorID, indicatorName, areaCode, areaName, areaType]
  /// The columns after the breakdowns and before the attributes.
  static let trailing = [period, value, lowerCI, upperCI, count, denominator, absenceReason, valueNote, unit]
  static let all = Set(leading + trailing + [periodStart, periodEnd])
}

/// The canonical observations read from one export.
public struct Observations: Sendable {
  /// The file they were read from, as the user typed it.
  public var file: String
  /// The observations: `CanonicalColumn` columns, breakdowns and attributes.
  public var table: Table
  /// The layout the export was read as.
  public var layout: Layout
  /// The names of the breakdown columns in `table`, in order (`sex`, `age`, …).
  public var breakdowns: [String]
  /// The names of the attribute columns in `table`, in order.
  public var attributes: [String]
  /// Things worth telling the user once.
  public var warnings: [IndicatorWarning]
  /// Source columns used as identifiers (indicator, area, breakdowns, period) that the reader
  /// typed as floats: their text is lost (`3.10` reads as 3.1), so callers read the file again
  /// with these columns declared text.
  public var floatIdentifierColumns: [String] = []
  /// The source columns each kind of role was read from (``statusColumns(header:file:options:)``).
  var sourceRoles = SourceRoles()

  public var count: Int { table.rowCount }

  /// The column called `name`; it must exist (every canonical column does).
  public func column(_ name: String) -> Column {
    guard let i = table.index(of: name) else { preconditionFailure("canonical column \(name) is missing") }
    return table.columns[i]
  }

  /// The number of missing values for each absence reason, in `AbsenceReason` order.
  public var absenceCounts: [(reason: AbsenceReason, count: Int)] {
    let c = column(CanonicalColumn.absenceReason)
    guard case .text(let codes, let dictionary) = c.values else { return [] }
    var perCode = [Int](repeating: 0, count: dictionary.count)
    for i in codes.indices where c.isValid(i) { perCode[Int(codes[i])] += 1 }
    var out: [(AbsenceReason, Int)] = []
    for reason in AbsenceReason.allCases {
      if let code = dictionary.code(of: reason.rawValue), perCode[Int(code)] > 0 { out.append((reason, perCode[Int(code)])) }
    }
    return out
  }
}

/// Where each canonical field of a long table comes from.
struct LongMapping {
  enum Source {
    case column(Int)
    case constant(String)
    case none
  }
  var indicatorID: Source
  var indicatorName: Source = .none
  var areaCode: Source = .none
  var areaName: Source = .none
  var areaType: Source = .none
  var period: Int
  var value: Int
  var lower: Int? = nil
  var upper: Int? = nil
  var count: Int? = nil
  var denominator: Int? = nil
  var note: Int? = nil
  /// An observation status or flag column (SDMX OBS_STATUS/OBS_FLAG), read for absence reasons.
  var status: Int? = nil
  var unit: Source = .none
  /// (canonical name, source column).
  var breakdowns: [(String, Int)] = []
  var attributes: [(String, Int)] = []
  /// SDMX `labels=both`: values read `ID: Name`; keep the ID.
  var stripLabels = false
}

extension Observations {
  /// Builds canonical observations from a long table and a mapping.
  static func build(
    from source: Table, mapping m: LongMapping, layout: Layout, file: String, warnings: [IndicatorWarning] = []
  ) -> Observations {
    let n = source.rowCount
    var warnings = warnings
    var floatIdentifiers: [String] = []
    func text(_ s: LongMapping.Source) -> Column {
      switch s {
      case .column(let i):
        if source.columns[i].type == .float, !floatIdentifiers.contains(source.names[i]) {
          floatIdentifiers.append(source.names[i])
        }
        let c = source.columns[i].asText()
        return trimmingLabelSpaces(m.stripLabels ? c.mappingText(stripSDMXLabel) : c)
      case .constant(let v): return .constant(v, count: n)
      case .none: return .missing(count: n)
      }
    }
    func number(_ i: Int?, _ role: String) -> Column {
      guard let i else { return Column(values: .float([Double](repeating: 0, count: n)), validity: Validity(count: n, allValid: false)) }
      var c = source.columns[i]
      if m.stripLabels { c = c.mappingText(stripSDMXLabel) }
      let (f, unreadable) = c.asFloat()
      if !unreadable.isEmpty {
        let total = unreadable.reduce(0) { $0 + $1.count }
        let examples = unreadable.prefix(3).map { "\(IndicatorError.quoted($0.text)) (\(lineHint($0.row)))" }
        warnings.append(
          IndicatorWarning(
            file: file, "column \"\(source.names[i])\" (\(role)) holds text that is not a number, read as missing: \(examples.joined(separator: ", "))\(unreadable.count > 3 ? ", …" : "")\(numberHint(unreadable.map(\.text)))",
            count: total))
      }
      return f
    }
    // Counts stay integers when the source holds integers.
    func count(_ i: Int?, _ role: String) -> Column {
      if let i, source.columns[i].type == .integer { return source.columns[i] }
      return number(i, role)
    }
    let value = number(m.value, "value")
    let note = m.note.map { text(.column($0)) } ?? .missing(count: n)
    let status = m.status.map { text(.column($0)) }
    let reasons = absenceReasons(value: value, valueSource: source.columns[m.value], note: note, status: status)

    var names = CanonicalColumn.leading
    var columns = [text(m.indicatorID), text(m.indicatorName), text(m.areaCode), text(m.areaName), text(m.areaType)]
    var used = Set(CanonicalColumn.all)
    func unique(_ name: String) -> String {
      var candidate = name, k = 2
      while used.contains(candidate) { candidate = "\(name)_\(k)"; k += 1 }
      used.insert(candidate)
      return candidate
    }
    var breakdownNames: [String] = []
    for (name, i) in m.breakdowns {
      let u = unique(name)
      breakdownNames.append(u)
      names.append(u)
      columns.append(text(.column(i)))
    }
    names += CanonicalColumn.trailing
    columns += [
      text(.column(m.period)), value, number(m.lower, "lower limit"), number(m.upper, "upper limit"),
      count(m.count, "count"), count(m.denominator, "denominator"), reasons, note, text(m.unit),
    ]
    var attributeNames: [String] = []
    for (name, i) in m.attributes {
      let u = unique(name)
      attributeNames.append(u)
      names.append(u)
      columns.append(source.columns[i].type == .text ? text(.column(i)) : source.columns[i])
    }
    do {
      let table = try Table(names: names, columns: columns)
      var o = Observations(file: file, table: table, layout: layout, breakdowns: breakdownNames, attributes: attributeNames, warnings: warnings)
      o.floatIdentifierColumns = floatIdentifiers
      o.sourceRoles = SourceRoles(source.names, m)
      return o
    } catch {
      preconditionFailure("canonical table: \(error)")
    }
  }

  /// Labels without the spaces or tabs around them (` 90366`, `Leeds `), which exports written
  /// with `, ` between fields carry: a padded label is the same label (and a number read as
  /// one lost its spaces too). A label of spaces only is missing.
  /// - Complexity: O(distinct values) when no label is padded, else O(n).
  static func trimmingLabelSpaces(_ c: Column) -> Column {
    func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
    guard case .text(_, let d) = c.values,
      d.strings.contains(where: { $0.utf8.first.map(isSpace) == true || $0.utf8.last.map(isSpace) == true })
    else { return c }
    return c.mappingText { label in
      let trimmed = label.trimmingSpaces
      return trimmed.isEmpty ? nil : trimmed
    }
  }

  /// The absence reason of every row whose value is missing, from (in order of precedence) a
  /// status code, a value note, then the missing-value token of the value cell.
  static func absenceReasons(value: Column, valueSource: Column, note: Column, status: Column?) -> Column {
    let n = value.count
    let dictionary = StringDictionary(AbsenceReason.allCases.map(\.rawValue))
    let codeOf = Dictionary(uniqueKeysWithValues: AbsenceReason.allCases.enumerated().map { ($1, UInt32($0)) })
    var codes = [UInt32](repeating: 0, count: n)
    var validity = Validity(count: n, allValid: false)
    guard let valueValidity = value.validity else {
      return Column(values: .text(codes: codes, dictionary: dictionary), validity: validity)
    }
    let noteReasons = perEntry(note) { AbsenceReason.fromNote($0) }
    // A status column may hold SDMX codes or Backbone's own reason names (canonical output).
    let statusReasons = status.map { s in perEntry(s) { AbsenceReason(rawValue: $0) ?? AbsenceReason.fromSDMXStatus($0) } }
    // The missing rows, found a word of the validity at a time (the last word's bits past
    // the last row are not rows).
    let words = valueValidity.words
    var missingRows: [Int] = []
    for w in words.indices {
      var missing = ~words[w]
      let first = w << 6
      let live = n - first
      if live < 64 { missing &= (1 << UInt64(live)) &- 1 }
      while missing != 0 {
        missingRows.append(first + missing.trailingZeroBitCount)
        missing &= missing &- 1
      }
    }
    for row in missingRows {
      var reason: AbsenceReason? = nil
      if let status, let statusReasons, status.isValid(row), case .text(let sc, _) = status.values {
        reason = statusReasons[Int(sc[row])]
      }
      if reason == nil, note.isValid(row), case .text(let nc, _) = note.values { reason = noteReasons[Int(nc[row])] }
      // The value column as read: a token such as `*`; or text that was not a number.
      let r = reason ?? AbsenceReason.forToken(valueSource.missingToken(ofRow: row))
      codes[row] = codeOf[r] ?? 0
      validity[row] = true
    }
    return Column(values: .text(codes: codes, dictionary: dictionary), validity: validity)
  }

  private static func perEntry(_ c: Column, _ f: (String) -> AbsenceReason?) -> [AbsenceReason?] {
    guard case .text(_, let d) = c.values else { return [] }
    return (0..<d.count).map { f(d[UInt32($0)]) }
  }
}

/// A hint when text that is not a number looks like a number written another way.
func numberHint(_ texts: [String]) -> String {
  func digitsAnd(_ t: String, _ allowed: Set<Character>) -> Bool {
    t.contains(where: \.isNumber) && t.allSatisfy { $0.isNumber || allowed.contains($0) }
  }
  if texts.contains(where: { digitsAnd($0, [","]) && $0.contains(",") }) {
    return "; hint: numbers with a decimal comma need --decimal-comma"
  }
  if texts.contains(where: { digitsAnd($0, [" ", ".", ","]) && $0.contains(" ") }) {
    return "; hint: numbers with a thousands separator need --thousands"
  }
  return ""
}

/// `A: Value A` → `A` (SDMX-CSV `labels=both`); other text unchanged.
func stripSDMXLabel(_ s: String) -> String? {
  guard let r = s.range(of: ": ") else { return s }
  return String(s[..<r.lowerBound])
}

/// A row index as the 1-based data row, for messages (the physical line also counts the header
/// and any preamble, which the caller knows better).
func lineHint(_ row: Int) -> String { "data row \(row + 1)" }

extension String {
  /// The range of the first occurrence of `needle` (no Foundation).
  func range(of needle: String) -> Range<String.Index>? {
    guard !needle.isEmpty else { return nil }
    var i = startIndex
    while i < endIndex {
      if self[i...].hasPrefix(needle) { return i..<(index(i, offsetBy: needle.count)) }
      i = index(after: i)
    }
    return nil
  }
}

/// The source columns of a long table by what a status depends on.
struct SourceRoles: Sendable, Equatable {
  /// Columns that decide series and statuses: indicator, area, area type, breakdowns, period,
  /// value, note and status (absence reasons), and any column whose values decide which rows
  /// are observations (SDMX `ACTION`).
  var statuses: Set<String> = []
  /// Columns read as numbers (limits, count, denominator).
  var numbers: Set<String> = []
  /// Columns whose values are labels or identifiers, made text whatever the reader found
  /// (indicator, area, area type, their names, breakdowns, period, note, status, unit).
  var texts: Set<String> = []

  init() {}

  init(_ names: [String], _ m: LongMapping) {
    var labels = [m.period] + [m.note, m.status].compactMap { $0 } + m.breakdowns.map(\.1)
    for s in [m.indicatorID, m.indicatorName, m.areaCode, m.areaName, m.areaType, m.unit] {
      if case .column(let i) = s { labels.append(i) }
    }
    texts = Set(labels.filter { $0 < names.count }.map { names[$0] })
    var used = [m.period, m.value] + [m.note, m.status].compactMap { $0 } + m.breakdowns.map(\.1)
    for s in [m.indicatorID, m.areaCode, m.areaType] {
      if case .column(let i) = s { used.append(i) }
    }
    statuses = Set(used.filter { $0 < names.count }.map { names[$0] })
    numbers = Set([m.lower, m.upper, m.count, m.denominator].compactMap { $0 }.filter { $0 < names.count }.map { names[$0] })
  }
}

/// The columns of an export that its series' statuses depend on, for a read that keeps only
/// those (`analyze --format summary`): names, limits, counts and attributes are not read.
public struct StatusColumns: Sendable, Equatable {
  /// Header names to read.
  public var read: Set<String>
  /// Header names not read that a number role uses: they stand in as float columns.
  var numbers: Set<String>

  /// `table` (the columns read) widened to `header` (every column, in order): each column not
  /// read is a column with no value (float where a number role uses it, else text), all sharing
  /// one buffer of zeros, so the layout sees the header it was recognised from.
  /// - Complexity: O(n) once for the shared buffers.
  public func widen(_ table: Table, header: [String]) -> Table {
    guard header.count > table.columns.count else { return table }
    let n = table.rowCount
    let text = Column.missing(count: n)
    let float = numbers.isEmpty ? text : Column(values: .float([Double](repeating: 0, count: n)), validity: text.validity)
    let columns = header.map { name in
      table.index(of: name).map { table.columns[$0] } ?? (numbers.contains(name) ? float : text)
    }
    guard let wide = try? Table(names: header, columns: columns) else { preconditionFailure("widened table") }
    return wide
  }
}

extension Observations {
  /// The columns of an export with `header` that its observations use as labels or
  /// identifiers (indicator and area codes and names, breakdowns, period, note, status, unit): read
  /// as text, they keep their exact text (`007`, `3.10`) and need no second read. Recognised
  /// from the header alone; empty for a wide layout (World Bank, Our World in Data), whose
  /// observations are reshaped from the columns, or a header no layout recognises.
  public static func labelColumns(header: [String], file: String, options: ObservationOptions) -> Set<String> {
    longLayoutRoles(header: header, file: file, options: options)?.texts ?? []
  }

  /// The roles of `header`'s columns, from a read of no rows; `nil` for a wide layout or a
  /// header no layout recognises.
  private static func longLayoutRoles(header: [String], file: String, options: ObservationOptions) -> SourceRoles? {
    let empty = header.map { _ in Column.missing(count: 0) }
    guard let table = try? Table(names: header, columns: empty),
      let o = try? read(table, file: file, options: options),
      o.layout != .worldBank && o.layout != .owid
    else { return nil }
    return o.sourceRoles
  }

  /// The columns of an export with `header` that the statuses of its series depend on:
  /// recognised from the header alone, as ``read(_:file:options:)`` would from the whole table.
  /// `nil` when every column is needed: a wide layout (World Bank, Our World in Data), whose
  /// observations are spread across columns, or a header no layout recognises (the full read
  /// then reports it).
  public static func statusColumns(header: [String], file: String, options: ObservationOptions) -> StatusColumns? {
    guard let roles = longLayoutRoles(header: header, file: file, options: options) else { return nil }
    let read = roles.statuses
    guard read.count < header.count else { return nil }
    return StatusColumns(read: read, numbers: roles.numbers.subtracting(read))
  }
}

extension CSVReadOptions {
  /// Reads the columns an export's layout uses as labels or identifiers as text, as written
  /// (``Observations/labelColumns(header:file:options:)``, chosen once the header is read).
  /// - Parameters:
  ///   - file: the export, for the layout's messages.
  ///   - options: how its observations will be made.
  public mutating func readLabelsAsText(of file: String, observations options: ObservationOptions) {
    chooseTextColumns = { header in Observations.labelColumns(header: header, file: file, options: options) }
  }
}
