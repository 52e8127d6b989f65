import Columnar

/// Wide layouts (one column per year, or one column per indicator), turned long.
extension Observations {
  /// World Bank WDI: `Country Name, Country Code, Indicator Name, Indicator Code, 1960, …`,
  /// with or without the 4-line preamble (the reader skips it). Each non-empty year cell is
  /// one observation; empty cells of the year grid are padding, not observations, and are
  /// counted in a warning. Aggregates (regions, income groups, `WLD`) get `area_type`
  /// `aggregate`, countries `country`.
  static func worldBank(_ t: Table, _ h: Header, _ file: String) -> Observations {
    let idColumns = [
      h.index("countryname"), h.index("countrycode"), h.index("indicatorname", "seriesname"),
      h.index("indicatorcode", "seriescode"),
    ]
    let years = h.yearColumns.map { (label: String(Header.year(of: t.names[$0]) ?? 0), index: $0) }
    let present = idColumns.compactMap { $0 }
    let (long, skipped, unreadable) = melt(t, ids: present, variables: years)
    // long: the present id columns, then `variable`, then `value`.
    func position(_ i: Int?) -> Int? { i.flatMap { present.firstIndex(of: $0) } }
    var names = long.names, columns = long.columns
    if let code = position(idColumns[1]) {
      names.append("area_type")
      columns.append(columns[code].mappingText { WorldBank.aggregateCodes.contains($0) ? "aggregate" : "country" })
    }
    let table = (try? Table(names: names, columns: columns)) ?? long
    var m = LongMapping(indicatorID: source(position(idColumns[3])), period: present.count, value: present.count + 1)
    m.indicatorName = source(position(idColumns[2]))
    m.areaCode = source(position(idColumns[1]))
    m.areaName = source(position(idColumns[0]))
    if names.count > long.names.count { m.areaType = .column(names.count - 1) }
    var warnings: [IndicatorWarning] = []
    if skipped > 0 {
      warnings.append(
        IndicatorWarning(file: file, "\(skipped) empty cells of the year columns are not observations (years without data)"))
    }
    warnings += Self.unreadableWarning(unreadable, file)
    let others = t.names.indices.filter { i in !idColumns.contains(i) && !years.contains { $0.index == i } }
    if !others.isEmpty {
      warnings.append(
        IndicatorWarning(file: file, "ignored columns that are neither ids nor years: \(others.map { IndicatorError.quoted(t.names[$0]) }.joined(separator: ", "))"))
    }
    return build(from: table, mapping: m, layout: .worldBank, file: file, warnings: warnings)
  }

  /// Our World in Data: `Entity, Code, Year, <indicator>, …`. Each indicator column becomes
  /// observations with the column's name as the indicator id. An empty `Code`, or one
  /// starting `OWID_` (`OWID_WRL`), is an aggregate region; `area_code` is then the code when
  /// there is one and the entity name otherwise.
  static func owid(_ t: Table, _ h: Header, _ file: String) -> Observations {
    let entity = h.index("entity")!, code = h.index("code")!, year = h.index("year", "day")!
    let indicators = t.names.indices.filter { ![entity, code, year].contains($0) }.map { (label: t.names[$0], index: $0) }
    let (long, skipped, unreadable) = melt(t, ids: [entity, code, year], variables: indicators)
    // long: entity, code, year, variable, value.
    let entities = long.columns[0].asText(), codes = long.columns[1].asText()
    var areaCode = [String?](), areaType = [String?]()
    areaCode.reserveCapacity(long.rowCount)
    areaType.reserveCapacity(long.rowCount)
    for r in 0..<long.rowCount {
      let c: String? = codes.isValid(r) ? "\(codes[r])" : nil
      let isAggregate = c == nil || c!.hasPrefix("OWID_")
      areaCode.append(c ?? (entities.isValid(r) ? "\(entities[r])" : nil))
      areaType.append(isAggregate ? "aggregate" : "country")
    }
    let table =
      (try? Table(
        names: long.names + ["area_code", "area_type"],
        columns: long.columns + [Column(strings: areaCode), Column(strings: areaType)])) ?? long
    var m = LongMapping(indicatorID: .column(3), period: 2, value: 4)
    m.areaName = .column(0)
    m.areaCode = .column(5)
    m.areaType = .column(6)
    var warnings: [IndicatorWarning] = []
    if skipped > 0 {
      warnings.append(IndicatorWarning(file: file, "\(skipped) empty indicator cells are not observations"))
    }
    warnings += Self.unreadableWarning(unreadable, file)
    return build(from: table, mapping: m, layout: .owid, file: file, warnings: warnings)
  }

  /// Turns `variables` columns into rows: for each row and variable whose cell holds a value or
  /// an explicit missing-value token (`..`, `*`), one row of the id columns, `variable` (the
  /// variable's label) and `value`. Returns the long table and the number of empty cells left
  /// out.
  /// - Complexity: O(rows × variables).
  static func melt(_ t: Table, ids: [Int], variables: [(label: String, index: Int)]) -> (Table, Int, [String]) {
    var rows: [Int] = [], variableCodes: [UInt32] = [], values: [Double] = []
    var validity = Validity(count: 0, allValid: true)
    var absentRows: [Int] = [], absentTokens: [UInt8] = []
    var skipped = 0
    let converted = variables.map { t.columns[$0.index].asFloat() }
    let floats = converted.map(\.column)
    // Text that is not a number (`n/a`) is an observation without a value, not padding.
    let unreadable = zip(variables, converted).flatMap { v, c in
      c.unreadable.map { "\(IndicatorError.quoted($0.text)) in column \(IndicatorError.quoted(v.label))" }
    }
    let tokens = t.columns.first?.missingTokens ?? []
    let emptyToken = tokens.firstIndex(of: "").map(UInt8.init)
    for r in 0..<t.rowCount {
      for (k, c) in floats.enumerated() {
        let valid = c.isValid(r)
        var token: UInt8? = nil
        if !valid {
          token = c.absences.token(ofRow: r)
          if token == nil || token == emptyToken {
            skipped += 1
            continue
          }
        }
        if case .float(let v) = c.values { values.append(valid ? v[r] : 0) }
        if let token {
          absentRows.append(rows.count)
          absentTokens.append(token)
        }
        validity.append(valid)
        rows.append(r)
        variableCodes.append(UInt32(k))
      }
    }
    var names = ids.map { t.names[$0] }
    var columns = ids.map { t.columns[$0].gathering(rows) }
    names += ["variable", "value"]
    columns.append(Column(values: .text(codes: variableCodes, dictionary: StringDictionary(variables.map(\.label)))))
    columns.append(
      Column(
        values: .float(values), validity: validity.validCount == validity.count ? nil : validity,
        absences: Column.Absences(rows: absentRows, tokens: absentTokens), missingTokens: tokens))
    let unique = uniqueNames(names)
    return ((try? Table(names: unique, columns: columns)) ?? t, skipped, unreadable)
  }

  /// One warning for text that is not a number in value cells, kept as missing values.
  static func unreadableWarning(_ cells: [String], _ file: String) -> [IndicatorWarning] {
    guard !cells.isEmpty else { return [] }
    return [
      IndicatorWarning(
        file: file,
        "value cells hold text that is not a number, read as missing: \(cells.prefix(3).joined(separator: ", "))\(cells.count > 3 ? ", …" : "")\(numberHint(cells))",
        count: cells.count)
    ]
  }

  private static func uniqueNames(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.map { n in
      var c = n, k = 2
      while !seen.insert(c).inserted { c = "\(n)_\(k)"; k += 1 }
      return c
    }
  }
}

enum WorldBank {
  /// The codes of WDI aggregates (regions, income and lending groups, demographic dividend
  /// groups, the world), as listed with an empty "Region" in WDI's `Metadata_Country` file.
  static let aggregateCodes: Set<String> = [
    "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS", "HIC", "HPC", "IBD",
    "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN", "LDC", "LIC", "LMC", "LMY", "LTE", "MEA", "MIC", "MNA", "NAC",
    "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA", "SSF", "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC",
    "WLD",
  ]
}
