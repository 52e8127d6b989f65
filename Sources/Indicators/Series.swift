import Columnar

/// The observations of one indicator for one area and breakdown, ordered by period.
public struct Series: Sendable, Equatable {
  /// The indicator id.
  public var indicator: String
  /// The area code (`nil` when the export has none).
  public var area: String?
  /// The area type (`nil` when the export has none). Part of the key: Fingertips lists a
  /// unitary authority both as a county and as a district.
  public var areaType: String?
  /// The breakdown values, one per `SeriesSet.breakdowns` entry (`nil` when empty).
  public var breakdown: [String?]
  /// The kind of period (`3 years`, `year`, `quarter`) of a series split from one that mixed
  /// kinds (`--mixed-periods split`); `nil` otherwise.
  public var periodKind: String? = nil
  /// Rows of `SeriesSet.observations.table`, ordered by period start, then end.
  public var rows: [Int]
  /// The period of each row, as a code into `periodTable`.
  public var periodCodes: [UInt32]
  /// The periods the codes stand for, shared by every series of a set.
  public let periodTable: PeriodTable

  /// The periods of `rows`, in the same order.
  /// - Complexity: O(n); each call builds the array.
  public var periods: [Period] { periodCodes.map { periodTable[$0] } }

  public static func == (a: Series, b: Series) -> Bool {
    a.indicator == b.indicator && a.area == b.area && a.areaType == b.areaType && a.breakdown == b.breakdown
      && a.periodKind == b.periodKind && a.rows == b.rows
      && a.periods == b.periods
  }
}

/// The distinct periods of a set of observations, indexed by the code of their label in the
/// period column.
public final class PeriodTable: Sendable {
  /// The period of each code; codes of labels that cannot be read have none.
  public let periods: [Period?]
  /// Each code's rank when the periods are sorted by start, then end (unreadable last).
  let rank: [Int32]
  /// Each code's midpoint in decimal years (NaN when unreadable).
  let midpoints: [Double]
  /// Each code's kind of period: pooled-ness, granularity and count packed in one number, so
  /// that series can be checked without copying periods.
  let kinds: [UInt32]

  /// A second table with the same periods (the arrays are shared): series built on different
  /// cores each refer to their own table, so that its reference count is not a cache line
  /// both cores write.
  init(sharing other: PeriodTable) {
    periods = other.periods
    rank = other.rank
    midpoints = other.midpoints
    kinds = other.kinds
  }

  init(_ periods: [Period?]) {
    self.periods = periods
    let order = periods.indices.sorted { a, b in
      switch (periods[a], periods[b]) {
      case (let x?, let y?): return x != y ? x < y : a < b
      case (.some, .none): return true
      case (.none, .some): return false
      case (.none, .none): return a < b
      }
    }
    var rank = [Int32](repeating: 0, count: periods.count)
    for (r, c) in order.enumerated() { rank[c] = Int32(r) }
    self.rank = rank
    midpoints = periods.map { $0?.midpoint ?? .nan }
    kinds = periods.map { p in
      guard let p else { return .max }
      return (p.isPooled ? 1 << 31 : 0) | UInt32(p.granularity.rawValue) << 24 | UInt32(min(p.count, 1 << 20))
    }
  }

  /// The period of a readable code.
  public subscript(code: UInt32) -> Period {
    guard let p = periods[Int(code)] else { preconditionFailure("period code \(code) has no period") }
    return p
  }
}

/// What to do with a series whose periods cannot be compared (pooled and single years, quarters
/// and years).
public enum MixedPeriodPolicy: String, Sendable, CaseIterable {
  /// Stop with an error naming the series and both kinds of period.
  case refuse
  /// Split the series into one series per kind of period.
  case split
}

/// Observations grouped into series, each ordered by period.
public struct SeriesSet: Sendable {
  public var observations: Observations
  /// The breakdown columns that take part in series keys.
  public var breakdowns: [String]
  public var series: [Series]
  /// Things worth telling once (unreadable periods, split series).
  public var warnings: [IndicatorWarning]
  /// The indices of `series` in the order of their first rows, when grouping found it: work
  /// that reads every series' rows and can keep its results by index visits them this way,
  /// reading the columns from start to end. Used only while it is a permutation of
  /// `series.indices` (its count is `series.count`).
  var rowOrder: [Int32]? = nil

  /// `rowOrder` while it still fits `series`.
  var visitOrder: [Int32]? { rowOrder.flatMap { $0.count == series.count ? $0 : nil } }
}

extension Observations {
  /// The period of every distinct label of the period column, read as one column (so that
  /// `2010-11` is a split year when the column also holds `2012-13`). Labels that cannot be
  /// read map to their parse error.
  func parsedPeriods() -> [String: Result<Period, PeriodParseError>] {
    let labels = ObservationSummary.usedStrings(column(CanonicalColumn.period))
    var out: [String: Result<Period, PeriodParseError>] = [:]
    if let all = try? Period.parseLabels(labels) {
      for (l, p) in zip(labels, all) { out[l] = .success(p) }
      return out
    }
    for l in labels {
      do { out[l] = .success(try Period.parse(l)) } catch { out[l] = .failure(error) }
    }
    return out
  }

  /// Adds `period_start` and `period_end` (ISO dates) after `period` (unless `columns` is
  /// false); empty where the label cannot be read, with one warning listing such labels.
  mutating func addPeriodDates(columns addColumns: Bool = true) {
    let periods = parsedPeriods()
    guard let at = table.index(of: CanonicalColumn.period) else { return }
    if addColumns {
      let labels = table.columns[at]
      let start = labels.mappingText { l in periods[l].flatMap { try? $0.get().start.isoString } }
      let end = labels.mappingText { l in periods[l].flatMap { try? $0.get().end.isoString } }
      var names = table.names, columns = table.columns
      names.insert(contentsOf: [CanonicalColumn.periodStart, CanonicalColumn.periodEnd], at: at + 1)
      columns.insert(contentsOf: [start, end], at: at + 1)
      if let t = try? Table(names: names, columns: columns) { table = t }
    }
    let bad = periods.filter { if case .failure = $0.value { return true } else { return false } }.keys.sorted()
    if !bad.isEmpty {
      let first = bad.prefix(3).compactMap { l -> String? in
        guard case .failure(let e)? = periods[l] else { return nil }
        return "\(IndicatorError.quoted(l)) (\(e.reason))"
      }
      warnings.append(
        IndicatorWarning(
          file: file, "period labels that are not periods Backbone can read: \(first.joined(separator: "; "))\(bad.count > 3 ? "; …" : ""); their observations have no period dates and are left out of series",
          count: bad.count))
    }
  }

  /// The observations whose period ends on or before `cutoff` ends (the reporting period);
  /// observations whose period cannot be read are kept (series leave them out anyway).
  /// - Complexity: O(n).
  public func upTo(_ cutoff: Period) -> Observations {
    let parsed = parsedPeriods()
    let c = column(CanonicalColumn.period)
    guard case .text(let codes, let d) = c.values else { return self }
    let keepCode = (0..<d.count).map { code -> Bool in
      guard case .success(let p)? = parsed[d[UInt32(code)]] else { return true }
      return p.end <= cutoff.end
    }
    var copy = self
    copy.table = table.filtered(by: codes.indices.map { !c.isValid($0) || keepCode[Int(codes[$0])] })
    return copy
  }

  /// Adds `fiscal_year` (`FY2026`) and `fiscal_quarter` (`FY2026-Q3`) after `period_end`: the
  /// fiscal year and quarter of `calendar` that contain each period's last day (empty where
  /// the period cannot be read). Quarterly reports place every observation this way.
  /// - Complexity: O(n) plus one calculation per distinct period.
  public mutating func addFiscalPeriods(_ calendar: FiscalCalendar) {
    let periods = parsedPeriods()
    guard let at = table.index(of: CanonicalColumn.periodEnd), let labelsAt = table.index(of: CanonicalColumn.period) else {
      return
    }
    let labels = table.columns[labelsAt]
    let quarter = { (l: String) -> FiscalQuarter? in periods[l].flatMap { try? $0.get() }.map { calendar.fiscalQuarter(of: $0) } }
    let year = labels.mappingText { l in quarter(l).map { "FY\($0.fiscalYear)" } }
    let quarters = labels.mappingText { l in quarter(l)?.description }
    var names = table.names, columns = table.columns
    names.insert(contentsOf: ["fiscal_year", "fiscal_quarter"], at: at + 1)
    columns.insert(contentsOf: [year, quarters], at: at + 1)
    if let t = try? Table(names: names, columns: columns) { table = t }
  }

  /// Groups the observations into series by indicator, area and breakdowns, each ordered by
  /// period. Observations whose period cannot be read are left out (with a warning).
  ///
  /// - Parameter mixedPeriods: what to do with a series mixing kinds of period.
  /// - Throws: `IndicatorError.Kind.mixedPeriods` naming the series and both periods, when
  ///   `mixedPeriods` is `.refuse`.
  /// - Complexity: O(n log n).
  public func series(mixedPeriods: MixedPeriodPolicy = .refuse) throws(IndicatorError) -> SeriesSet {
    let parsed = parsedPeriods()
    var warnings: [IndicatorWarning] = []
    let keyNames = [CanonicalColumn.indicatorID, CanonicalColumn.areaCode, CanonicalColumn.areaType] + breakdowns
    let keyColumns = keyNames.map { column($0).asText() }
    let periodColumn = column(CanonicalColumn.period)
    guard case .text(let periodCodes, let periodDictionary) = periodColumn.values else {
      preconditionFailure("the period column is text")
    }
    let table = PeriodTable(
      (0..<periodDictionary.count).map { c in parsed[periodDictionary[UInt32(c)]].flatMap { try? $0.get() } })
    // Every key column's strings, made once: a series' key is then a few array reads.
    let keyStrings = keyColumns.map { c -> [String] in
      guard case .text(_, let d) = c.values else { return [] }
      return d.strings
    }
    // Codes and validity taken out of the columns once: matching the enum for every lookup
    // retains and releases the arrays, which the cores then fight over.
    let keyCodes = keyColumns.map { c -> [UInt32] in
      guard case .text(let codes, _) = c.values else { return [] }
      return codes
    }
    let keyValidity = keyColumns.map(\.validity)
    @Sendable func text(_ k: Int, _ row: Int) -> String? {
      if let validity = keyValidity[k], !validity[row] { return nil }
      return keyStrings[k][Int(keyCodes[k][row])]
    }
    let groups = SeriesGrouping.groups(keyColumns, rowCount: count)
    // Whether each period code can be read, and the period column's validity, taken out once.
    let readable = table.periods.map { $0 != nil }
    let periodValidity = periodColumn.validity
    var exceptionalJoin: [Series]? = nil
    // The series are built on every core, a piece of the groups each, visiting groups in the
    // order of their first rows (the columns are then read from start to end: groups in key
    // order jump about the file, and every row read would miss the cache). Each group's series
    // is moved into its place in key order; a group with no series or several (split) is
    // set aside and placed after.
    struct Piece: Sendable {
      var unreadable = 0
      /// Groups with no series, or several (split), by group.
      var exceptions: [(group: Int, series: [Series])] = []
      var splitKinds: [(group: Int, kind: PeriodMismatch.Kind)] = []
      /// The first series in key order that mixes kinds of period.
      var refused: (group: Int, series: Series, mismatch: PeriodMismatch)?
    }
    let groupCount = groups.ranges.count
    let pieceCount = groupCount < 4096 ? 1 : min(256, groupCount / 1024)
    let pieceSize = (groupCount + pieceCount - 1) / max(pieceCount, 1)
    var pieces: [Piece] = []
    var inKeyOrder = [Series](unsafeUninitializedCapacity: groupCount) { buffer, initialized in
      guard let start = buffer.baseAddress else { return }
      let slots = SlotBox(start)
      pieces = parallelMap(pieceCount, minimumCount: 2) { p -> Piece in
        var piece = Piece()
        let first = p * pieceSize, last = min(groupCount, first + pieceSize)
        guard first < last else { return piece }
        let rank = table.rank
        let ownTable = PeriodTable(sharing: table)
        // Series with the same breakdown values share one array of them (copy on write), when
        // the codes fit a word: a million series then need a few hundred arrays, not a million.
        var breakdownArrays: [UInt64: [String?]] = [:]
        func breakdown(_ row: Int) -> [String?] {
          guard keyNames.count - 3 <= 2 else { return (3..<keyNames.count).map { text($0, row) } }
          var key: UInt64 = 0
          for k in 3..<keyNames.count {
            let valid = keyValidity[k].map { $0[row] } ?? true
            let code = keyCodes[k][row]
            guard code < UInt32.max else { return (3..<keyNames.count).map { text($0, row) } }
            key = key << 32 | (valid ? UInt64(code) + 1 : 0)
          }
          if let shared = breakdownArrays[key] { return shared }
          let made = (3..<keyNames.count).map { text($0, row) }
          breakdownArrays[key] = made
          return made
        }
        for g in groups.inRowOrder[first..<last].lazy.map({ Int($0) }) {
          let groupRows = groups.rows(g)
          // The rows whose period can be read. (Arrays are made by reserving and appending:
          // `init(unsafeUninitializedCapacity:)` looks up the array's type metadata at run time,
          // under a lock the cores contend for, once per call.)
          var rows: [Int] = []
          rows.reserveCapacity(groupRows.count)
          for r in groupRows {
            let valid = periodValidity.map { $0.words[r >> 6] & (1 << UInt64(r & 63)) != 0 } ?? true
            if valid && readable[Int(periodCodes[r])] { rows.append(r) } else { piece.unreadable += 1 }
          }
          guard let firstRow = rows.first else {
            piece.exceptions.append((g, []))
            continue
          }
          // Usually already in period order; sort only when not.
          var inOrder = true
          var previousRank = Int32.min
          for r in rows {
            let k = rank[Int(periodCodes[r])]
            if k < previousRank {
              inOrder = false
              break
            }
            previousRank = k
          }
          if !inOrder {
            rows.sort { a, b in
              let ra = rank[Int(periodCodes[a])], rb = rank[Int(periodCodes[b])]
              return ra != rb ? ra < rb : a < b
            }
          }
          var codes: [UInt32] = []
          codes.reserveCapacity(rows.count)
          for r in rows { codes.append(periodCodes[r]) }
          let base = Series(
            indicator: text(0, firstRow) ?? "", area: text(1, firstRow), areaType: text(2, firstRow),
            breakdown: breakdown(firstRow),
            rows: rows, periodCodes: codes, periodTable: ownTable)
          if let mismatch = Self.mismatch(base) {
            switch mixedPeriods {
            case .refuse:
              if piece.refused.map({ g < $0.group }) ?? true { piece.refused = (g, base, mismatch) }
            case .split:
              piece.exceptions.append((g, Self.split(base)))
              piece.splitKinds.append((g, mismatch.kind))
              continue
            }
          }
          (slots.pointer + g).initialize(to: base)
        }
        return piece
      }
      // Every group's slot is set unless it is an exception.
      let exceptionCount = pieces.reduce(0) { $0 + $1.exceptions.count }
      initialized = exceptionCount == 0 ? groupCount : 0
      guard exceptionCount > 0 else { return }
      var exceptional: [Int: [Series]] = [:]
      for piece in pieces { for e in piece.exceptions { exceptional[e.group] = e.series } }
      var joined: [Series] = []
      joined.reserveCapacity(groupCount - exceptionCount)
      for g in 0..<groupCount {
        if let e = exceptional[g] { joined += e } else { joined.append((slots.pointer + g).move()) }
      }
      // The slots are moved out; `joined` is the set, handed over below.
      exceptionalJoin = joined
    }
    if let joined = exceptionalJoin { inKeyOrder = joined }
    var unreadable = 0
    if let refused = pieces.compactMap(\.refused).min(by: { $0.group < $1.group }) {
      throw IndicatorError(
        .mixedPeriods, file: file,
        message: "series \(describe(refused.series)): \(refused.mismatch.description)",
        expected: "one kind of period per series",
        hint: refused.mismatch.hint + " (or pass --mixed-periods split)")
    }
    for piece in pieces { unreadable += piece.unreadable }
    for (_, kind) in pieces.flatMap(\.splitKinds).sorted(by: { $0.group < $1.group }) {
      warnings.append(IndicatorWarning(file: file, "split series that mix kinds of period (\(kind.rawValue))"))
    }
    if unreadable > 0 {
      warnings.append(IndicatorWarning(file: file, "observations whose period cannot be read were left out of series", count: unreadable))
    }
    return SeriesSet(
      observations: self, breakdowns: breakdowns, series: inKeyOrder, warnings: Self.grouped(warnings),
      rowOrder: exceptionalJoin == nil ? groups.inRowOrder : nil)
  }

  /// The mismatch of a series' periods; quick when every row has the same period kind.
  static func mismatch(_ s: Series) -> PeriodMismatch? {
    guard let first = s.periodCodes.first else { return nil }
    let kinds = s.periodTable.kinds
    let kind = kinds[Int(first)]
    return s.periodCodes.allSatisfy({ kinds[Int($0)] == kind }) ? nil : Period.mismatch(in: s.periods)
  }

  /// `indicator 90366, area E92000001, sex Male`.
  func describe(_ s: Series) -> String {
    var parts = ["indicator \(IndicatorError.quoted(s.indicator))"]
    if let a = s.area { parts.append("area \(IndicatorError.quoted(a))") }
    if let t = s.areaType { parts.append("area type \(IndicatorError.quoted(t))") }
    for (name, v) in zip(breakdowns, s.breakdown) { if let v { parts.append("\(name) \(IndicatorError.quoted(v))") } }
    return parts.joined(separator: ", ")
  }

  /// One series per kind of period (pooled-ness, granularity, count), in order of first period.
  private static func split(_ s: Series) -> [Series] {
    var order: [String] = []
    var parts: [String: Series] = [:]
    for (row, code) in zip(s.rows, s.periodCodes) {
      let p = s.periodTable[code]
      let key = "\(p.isPooled)/\(p.granularity)/\(p.count)"
      if parts[key] == nil {
        order.append(key)
        parts[key] = Series(
          indicator: s.indicator, area: s.area, areaType: s.areaType, breakdown: s.breakdown,
          periodKind: p.count == 1 ? p.granularity.description : "\(p.count) \(p.granularity.plural)", rows: [],
          periodCodes: [], periodTable: s.periodTable)
      }
      parts[key]?.rows.append(row)
      parts[key]?.periodCodes.append(code)
    }
    return order.compactMap { parts[$0] }
  }

  static func grouped(_ warnings: [IndicatorWarning]) -> [IndicatorWarning] {
    var order: [IndicatorWarning] = []
    var counts: [String: Int] = [:]
    for w in warnings {
      let key = (w.file ?? "") + "\u{0}" + w.message
      if counts[key] == nil { order.append(w) }
      counts[key, default: 0] += w.count
    }
    return order.map { w in IndicatorWarning(file: w.file, w.message, count: counts[(w.file ?? "") + "\u{0}" + w.message] ?? 1) }
  }
}
