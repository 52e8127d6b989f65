public import Columnar

/// Which columns of a long table play which part, named by the user (flags or a YAML mapping
/// file) for the generic layout. Every field is a header name, matched exactly first and then
/// ignoring case, spaces and punctuation; `nil` means "find it by its common names".
public struct ColumnMapping: Sendable, Equatable {
  public var indicator: String? = nil
  public var indicatorName: String? = nil
  public var area: String? = nil
  public var areaName: String? = nil
  public var areaType: String? = nil
  public var period: String? = nil
  public var value: String? = nil
  public var lowerCI: String? = nil
  public var upperCI: String? = nil
  public var count: String? = nil
  public var denominator: String? = nil
  public var note: String? = nil
  public var status: String? = nil
  public var unit: String? = nil
  /// Breakdown columns; `nil` takes the common ones found (sex, age, ethnicity, …).
  public var breakdowns: [String]? = nil
  /// Columns kept as attributes; `nil` keeps every column not otherwise used.
  public var attributes: [String]? = nil
  /// The indicator id of every row, for files that hold one indicator and have no id column.
  public var indicatorID: String? = nil
  /// Where the mapping came from, for messages (`--area-col`, or `mapping.yaml:3:7`).
  public var origins: [String: String] = [:]

  public init() {}

  /// Whether any field is set.
  public var isEmpty: Bool { self == ColumnMapping() }
}

/// How to turn an export into observations.
public struct ObservationOptions: Sendable {
  /// The layout; `nil` recognises it from the header.
  public var layout: Layout? = nil
  /// Column names for the generic layout (and overrides of an indicator id for any layout).
  public var mapping = ColumnMapping()
  /// Whether the canonical table gets `period_start` and `period_end` (two columns of a code
  /// per row). Commands that never write the canonical table (analysis, inequality, chains)
  /// leave them out: series read periods from their labels. The warning about labels that are
  /// not periods is given either way.
  public var periodDates = true
  public init() {}
}

extension Observations {
  /// Recognises the layout of a table read from `file` and maps it onto canonical
  /// observations.
  /// - Throws: `IndicatorError` `.unknownLayout` or `.ambiguousLayout` naming the candidates,
  ///   `.missingColumn` when a forced layout or a mapping names a column the file lacks.
  public static func read(_ table: Table, file: String, options: ObservationOptions = ObservationOptions())
    throws(IndicatorError) -> Observations
  {
    let layout: Layout
    if let forced = options.layout { layout = forced } else { layout = try detect(table.names, file: file, mapping: options.mapping) }
    let h = Header(table.names)
    if options.layout != nil, layout != .generic, let missing = layout.match(h).missing {
      throw IndicatorError(
        .missingColumn, file: file, line: 1, message: "the header has no \(missing) column, which --layout \(layout.rawValue) needs",
        expected: "a \(layout.title) header", hint: "drop --layout to recognise the layout from the header")
    }
    var o: Observations
    switch layout {
    case .fingertips: o = fingertips(table, h, file)
    case .unSDG: o = unSDG(table, h, file)
    case .worldBank: o = worldBank(table, h, file)
    case .whoGHO: o = whoGHO(table, h, file)
    case .owid: o = owid(table, h, file)
    case .sdmx: o = try sdmx(table, h, file, mapping: options.mapping)
    case .dhis2: o = dhis2(table, h, file)
    case .openSDG: o = openSDG(table, h, file, indicatorID: options.mapping.indicatorID)
    case .generic: o = try generic(table, h, file, options.mapping)
    }
    o.addPeriodDates(columns: options.periodDates)
    return o
  }

  /// The layout of a header, or an error naming the candidates.
  static func detect(_ names: [String], file: String, mapping: ColumnMapping) throws(IndicatorError) -> Layout {
    let all = Layout.candidates(for: names)
    // A mapping says the file is a long table the user describes.
    if !mapping.isEmpty && (mapping.value != nil || mapping.period != nil) { return .generic }
    let specific = all.filter { $0.matches && $0.layout != .generic }.sorted { $0.score > $1.score }
    if let best = specific.first {
      if specific.count > 1 && specific[1].score == best.score {
        let tied = specific.filter { $0.score == best.score }.map { "\($0.layout.rawValue) (\($0.layout.title))" }
        throw IndicatorError(
          .ambiguousLayout, file: file, line: 1, message: "the header fits more than one layout equally well",
          expected: "one of: \(tied.joined(separator: ", "))", hint: "choose one with --layout NAME")
      }
      return best.layout
    }
    if all.first(where: { $0.layout == .generic })?.matches == true { return .generic }
    let misses = all.map { "\($0.layout.rawValue) needs \($0.missing ?? "?")" }
    throw IndicatorError(
      .unknownLayout, file: file, line: 1,
      found: names.prefix(8).map { IndicatorError.quoted($0) }.joined(separator: ", ") + (names.count > 8 ? ", …" : ""),
      message: "the header matches no known layout (found \(names.prefix(8).map { IndicatorError.quoted($0) }.joined(separator: ", "))\(names.count > 8 ? ", …" : ""))",
      expected: misses.joined(separator: "; "),
      hint: "name the columns with --indicator-col, --area-col, --period-col and --value-col (or --mapping FILE.yaml), or force a layout with --layout NAME")
  }

  // MARK: Fingertips

  static func fingertips(_ t: Table, _ h: Header, _ file: String) -> Observations {
    var m = LongMapping(indicatorID: .column(h.index("indicatorid")!), period: h.index("timeperiod")!, value: h.index("value")!)
    m.indicatorName = source(h.index("indicatorname"))
    m.areaCode = source(h.index("areacode"))
    m.areaName = source(h.index("areaname"))
    m.areaType = source(h.index("areatype"))
    m.lower = h.index("lowerci950limit")
    m.upper = h.index("upperci950limit")
    m.count = h.index("count")
    m.denominator = h.index("denominator")
    m.note = h.index("valuenote")
    for (name, key) in [("sex", "sex"), ("age", "age"), ("category_type", "categorytype"), ("category", "category")] {
      if let i = h.index(key) { m.breakdowns.append((name, i)) }
    }
    for (name, key) in [
      ("lower_ci_99_8", "lowerci998limit"), ("upper_ci_99_8", "upperci998limit"), ("parent_code", "parentcode"),
      ("parent_name", "parentname"), ("recent_trend", "recenttrend"),
      ("compared_to_england", "comparedtoenglandvalueorpercentiles"), ("time_period_range", "timeperiodrange"),
    ] {
      if let i = h.index(key) { m.attributes.append((name, i)) }
    }
    var warnings: [IndicatorWarning] = []
    // fingertipsR's write.csv adds a row-number column with an empty name (read as column_1).
    if let first = t.names.first, first == "column_1" || first.isEmpty {
      warnings.append(IndicatorWarning(file: file, "ignored the first column (row numbers written by R's write.csv)"))
    }
    return build(from: t, mapping: m, layout: .fingertips, file: file, warnings: warnings)
  }

  // MARK: UN SDG

  static func unSDG(_ t: Table, _ h: Header, _ file: String) -> Observations {
    var m = LongMapping(indicatorID: .column(h.index("seriescode")!), period: h.index("timeperiod")!, value: h.index("value")!)
    m.indicatorName = source(h.index("seriesdescription"))
    m.areaCode = source(h.index("geoareacode"))
    m.areaName = source(h.index("geoareaname"))
    m.lower = h.index("lowerbound")
    m.upper = h.index("upperbound")
    m.note = h.index("footnote")
    m.unit = source(h.index("units"))
    m.status = h.index("observationstatus")
    // Bracketed columns are dimensions; Nature, Units, Reporting Type and Observation Status
    // describe the value and are kept as attributes.
    let attributeDimensions: Set = ["nature", "units", "reportingtype", "observationstatus"]
    for (i, name) in t.names.enumerated() where name.hasPrefix("[") && name.hasSuffix("]") {
      if attributeDimensions.contains(h.normalized[i]) {
        if h.normalized[i] != "units" { m.attributes.append((snakeName(name), i)) }
      } else {
        m.breakdowns.append((snakeName(name), i))
      }
    }
    for (name, key) in [
      ("sdg_goal", "goal"), ("sdg_target", "target"), ("sdg_indicator", "indicator"), ("time_detail", "timedetail"),
      ("base_period", "baseperiod"), ("source", "source"),
    ] {
      if let i = h.index(key) { m.attributes.append((name, i)) }
    }
    return build(from: t, mapping: m, layout: .unSDG, file: file)
  }

  // MARK: WHO GHO

  static func whoGHO(_ t: Table, _ h: Header, _ file: String) -> Observations {
    var m: LongMapping
    if let code = h.index("ghocode") {
      // HDX: the display `Value` is formatted text ("134 766"); `Numeric` is the number.
      let period = h.index("yeardisplay", "year", "startyear")!
      m = LongMapping(indicatorID: .column(code), period: period, value: h.index("numeric")!)
      m.indicatorName = source(h.index("ghodisplay"))
      m.areaCode = source(h.index("countrycode", "regioncode"))
      m.areaName = source(h.index("countrydisplay", "regiondisplay"))
      m.lower = h.index("low")
      m.upper = h.index("high")
      for (name, key) in [("dimension_type", "dimensiontype"), ("dimension", "dimensioncode")] {
        if let i = h.index(key) { m.breakdowns.append((name, i)) }
      }
      for (name, key) in [("dimension_name", "dimensionname"), ("region_code", "regioncode"), ("display_value", "value")] {
        if let i = h.index(key) { m.attributes.append((name, i)) }
      }
    } else {
      m = LongMapping(
        indicatorID: .column(h.index("indicatorcode")!), period: h.index("period")!, value: h.index("factvaluenumeric")!)
      m.indicatorName = source(h.index("indicator"))
      m.areaCode = source(h.index("spatialdimvaluecode"))
      m.areaName = source(h.index("location"))
      m.areaType = source(h.index("locationtype"))
      m.lower = h.index("factvaluenumericlow")
      m.upper = h.index("factvaluenumerichigh")
      m.note = h.index("factcomments", "comments")
      for k in 1...3 {
        if let type = h.index("dim\(k)type") { m.breakdowns.append(("dimension_\(k)_type", type)) }
        if let code = h.index("dim\(k)valuecode", "dim\(k)") { m.breakdowns.append(("dimension_\(k)", code)) }
      }
      for (name, key) in [("parent_location_code", "parentlocationcode"), ("display_value", "value"), ("value_type", "valuetype")] {
        if let i = h.index(key) { m.attributes.append((name, i)) }
      }
    }
    return build(from: t, mapping: m, layout: .whoGHO, file: file)
  }

  // MARK: SDMX

  static func sdmx(_ t: Table, _ h: Header, _ file: String, mapping: ColumnMapping = ColumnMapping()) throws(IndicatorError)
    -> Observations
  {
    // labels=both headers read `DIM_1: Dimension 1`; keep the id.
    let ids = t.names.map { name -> String in
      let bare = name.split(separator: "[", maxSplits: 1).first.map(String.init) ?? name
      return stripSDMXLabel(bare) ?? bare
    }
    let labelsBoth = t.names.contains { $0.range(of: ": ") != nil }
    let hid = Header(ids)
    let named = mapping.value.flatMap { v in ids.firstIndex(of: v) ?? t.names.firstIndex(of: v) }
    // SDMX-CSV 2.0 allows other measure names (MEAS_1), several measures (OBS_VALUE1,
    // OBS_VALUE2) or none at all (attribute or deletion messages). One measure is read; with
    // several the header alone cannot say which, so the user names it.
    let measures = ids.filter(Self.isSDMXMeasure)
    let single = measures.count == 1 ? ids.firstIndex(of: measures[0]) : nil
    guard let valueIndex = named ?? hid.index("obsvalue") ?? single else {
      throw IndicatorError(
        .missingColumn, file: file, line: 1,
        message: measures.isEmpty
          ? "this SDMX-CSV message has no measure column (OBS_VALUE): it holds no observations"
          : "this SDMX-CSV message has no OBS_VALUE column but several measures: \(measures.map { IndicatorError.quoted($0) }.joined(separator: ", "))",
        expected: "an OBS_VALUE column",
        hint: measures.isEmpty
          ? "attribute-only and deletion messages carry no values to analyse"
          : "name the measure to read: --layout sdmx --value-col \(measures[0])")
    }
    let structure = Set(["dataflow", "structure", "structureid", "action", "lastupdate", "updated", "structurename"])
    // Dimensions come before the measure; other measures (OBS_VALUE2, MEAS_2) are not
    // dimensions and are kept as attributes.
    let isMeasure = { (i: Int) in Self.isSDMXMeasure(ids[i]) }
    let dimensions = (0..<valueIndex).filter { !structure.contains(hid.normalized[$0]) && !isMeasure($0) }
    // TIME_PERIOD by name; otherwise SDMX-CSV puts the time dimension last among dimensions.
    guard let period = hid.index("timeperiod") ?? dimensions.last else {
      throw IndicatorError(
        .missingColumn, file: file, line: 1, message: "the SDMX-CSV header has no TIME_PERIOD column and no dimensions",
        hint: "name the period column with --period-col and use --layout generic")
    }
    let area = hid.index("refarea", "geo", "country", "location")
    let indicatorDimension = hid.index("indicator", "measure", "series", "indic", "inddicator")
      ?? dimensions.first { hid.normalized[$0].hasPrefix("indic") }
    guard let flow = hid.index("structureid", "dataflow", "structure") else {
      throw IndicatorError(.missingColumn, file: file, line: 1, message: "the SDMX-CSV header has no DATAFLOW, STRUCTURE or STRUCTURE_ID column")
    }
    var m = LongMapping(indicatorID: .column(indicatorDimension ?? flow), period: period, value: valueIndex)
    m.areaCode = source(area)
    m.status = hid.index("obsstatus", "obsflag")
    m.unit = source(hid.index("unitmeasure", "unit"))
    m.stripLabels = labelsBoth
    let unitIndex = hid.index("unitmeasure", "unit")
    let usedAsRole = Set([period, valueIndex, area, indicatorDimension, m.status, unitIndex].compactMap { $0 })
    for i in dimensions where !usedAsRole.contains(i) {
      m.breakdowns.append((snakeName(ids[i]), i))
    }
    if indicatorDimension != nil { m.attributes.append(("dataflow", flow)) }
    for i in 0..<valueIndex where isMeasure(i) { m.attributes.append((snakeName(ids[i]), i)) }
    for i in (valueIndex + 1)..<t.names.count where !usedAsRole.contains(i) {
      m.attributes.append((snakeName(ids[i]), i))
    }
    if let s = m.status { m.attributes.append((snakeName(ids[s]), s)) }
    // Rows with ACTION D (delete) are instructions to remove data, not observations.
    var table = t
    var warnings: [IndicatorWarning] = []
    if let action = hid.index("action"), case .text(let codes, let d) = t.columns[action].asText().values,
      let del = d.code(of: "D")
    {
      let keep = codes.indices.map { !(t.columns[action].isValid($0) && codes[$0] == del) }
      let dropped = keep.filter { !$0 }.count
      if dropped > 0 {
        table = t.filtered(by: keep)
        warnings.append(IndicatorWarning(file: file, "skipped rows with ACTION \"D\" (deletions, not observations)", count: dropped))
      }
    }
    var o = build(from: table, mapping: m, layout: .sdmx, file: file, warnings: warnings)
    // ACTION decides which rows are observations.
    if let action = hid.index("action") { o.sourceRoles.statuses.insert(t.names[action]) }
    return o
  }

  /// Whether an SDMX-CSV column id names a measure: `OBS_VALUE`, `OBS_VALUE1`, `MEAS_1` (not
  /// the OECD `MEASURE` dimension).
  static func isSDMXMeasure(_ id: String) -> Bool {
    let u = id.uppercased()
    return u.hasPrefix("OBS_VALUE") || u.hasPrefix("MEAS_")
  }

  // MARK: DHIS2

  static func dhis2(_ t: Table, _ h: Header, _ file: String) -> Observations {
    var m: LongMapping
    if let de = h.index("dataelement") {
      m = LongMapping(indicatorID: .column(de), period: h.index("period")!, value: h.index("value")!)
      m.areaCode = source(h.index("orgunit"))
      m.note = h.index("comment")
      for (name, key) in [("category_option_combo", "categoryoptioncombo"), ("attribute_option_combo", "attributeoptioncombo")] {
        if let i = h.index(key) { m.breakdowns.append((name, i)) }
      }
      for (name, key) in [("stored_by", "storedby"), ("last_updated", "timestamp"), ("follow_up", "followup")] {
        if let i = h.index(key) { m.attributes.append((name, i)) }
      }
    } else {
      // With names: `Data ID`/`Data`, `Period ID`/`Period`, `Organisation unit ID`/`Organisation unit`.
      let dataID = h.index("dx", "dataid")
      let periodID = h.index("pe", "periodid")
      let ouID = h.index("ou", "organisationunitid")
      let dataName = h.index("data", "dataname")
      let ouName = h.index("organisationunit", "orgunit", "organisationunitname")
      m = LongMapping(
        indicatorID: .column(dataID ?? dataName!), period: periodID ?? h.index("period")!, value: h.index("value")!)
      if dataID != nil { m.indicatorName = source(dataName) }
      m.areaCode = source(ouID ?? ouName)
      if ouID != nil { m.areaName = source(ouName) }
      m.count = h.index("numerator")
      m.denominator = h.index("denominator")
      if let co = h.index("co", "categoryoptioncombo") { m.breakdowns.append(("category_option_combo", co)) }
      for (name, key) in [("factor", "factor"), ("multiplier", "multiplier"), ("divisor", "divisor")] {
        if let i = h.index(key) { m.attributes.append((name, i)) }
      }
    }
    return build(from: t, mapping: m, layout: .dhis2, file: file)
  }

  // MARK: Open SDG

  static func openSDG(_ t: Table, _ h: Header, _ file: String, indicatorID: String?) -> Observations {
    let fromFile = indicatorID ?? sdgIndicator(inFileName: file)
    let series = h.index("series")
    var m = LongMapping(indicatorID: .constant(fromFile), period: h.index("year")!, value: h.index("value")!)
    var warnings: [IndicatorWarning] = []
    if let series { m.indicatorID = .column(series) }
    m.areaCode = source(h.index("geocode"))
    m.unit = source(h.index("unitmeasure", "units"))
    m.status = h.index("observationstatus")
    let roles: Set = ["year", "value", "geocode", "unitmeasure", "units", "unitmultiplier", "observationstatus", "series"]
    for (i, name) in t.names.enumerated() where !roles.contains(h.normalized[i]) {
      m.breakdowns.append((snakeName(name), i))
    }
    for (name, key) in [("unit_multiplier", "unitmultiplier"), ("observation_status", "observationstatus")] {
      if let i = h.index(key) { m.attributes.append((name, i)) }
    }
    var table = t
    if series != nil {
      // The SDG indicator itself is only in the file name: keep it as an attribute.
      var names = t.names, columns = t.columns
      names.append("sdg_indicator")
      columns.append(.constant(fromFile, count: t.rowCount))
      if let extended = try? Table(names: names, columns: columns) {
        table = extended
        m.attributes.append(("sdg_indicator", names.count - 1))
      }
    }
    if h.index("geocode") == nil {
      warnings.append(IndicatorWarning(file: file, "no GeoCode column; area_code is empty (the national series)"))
    }
    return build(from: table, mapping: m, layout: .openSDG, file: file, warnings: warnings)
  }

  /// The SDG indicator a file name names (`indicator_3-2-1.csv`, `3-2-1_example_output.csv`
  /// → `3.2.1`); the file name's stem otherwise.
  static func sdgIndicator(inFileName file: String) -> String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    let stem = name.split(separator: ".").first.map(String.init) ?? name
    let tokens = stem.split(whereSeparator: { $0 == "_" || $0 == "-" }).map(String.init)
    for i in tokens.indices.dropLast(2) {
      let goal = tokens[i], target = tokens[i + 1], indicator = tokens[i + 2]
      if let g = Int(goal), (1...17).contains(g), (1...2).contains(target.count), (1...2).contains(indicator.count),
        target.allSatisfy({ $0.isNumber || $0.isLetter }), indicator.allSatisfy(\.isNumber)
      {
        return "\(g).\(target).\(indicator)"
      }
    }
    return stem
  }

  // MARK: Generic

  static func generic(_ t: Table, _ h: Header, _ file: String, _ mapping: ColumnMapping) throws(IndicatorError)
    -> Observations
  {
    func named(_ name: String?, _ role: String, _ defaults: [String]) throws(IndicatorError) -> Int? {
      guard let name else { return h.index(of: defaults) }
      if let i = t.names.firstIndex(of: name) ?? h.normalized.firstIndex(of: normalizedName(name)) { return i }
      let origin = mapping.origins[role] ?? "the mapping"
      throw IndicatorError(
        .missingColumn, file: file, line: 1, found: IndicatorError.quoted(name),
        message: "\(origin) names a \(role) column \(IndicatorError.quoted(name)) that the file does not have",
        expected: "one of \(t.names.prefix(20).map { IndicatorError.quoted($0) }.joined(separator: ", "))",
        hint: "header names are matched exactly first, then ignoring case, spaces and punctuation")
    }
    guard let period = try named(mapping.period, "period", GenericNames.period) else {
      throw IndicatorError(
        .missingColumn, file: file, line: 1, message: "no period column (looked for period, time_period, year, date)",
        hint: "name it with --period-col")
    }
    guard let value = try named(mapping.value, "value", GenericNames.value) else {
      throw IndicatorError(
        .missingColumn, file: file, line: 1, message: "no value column (looked for value, obs_value)", hint: "name it with --value-col")
    }
    let indicator = try named(mapping.indicator, "indicator", GenericNames.indicator)
    let stem = (file.split(separator: "/").last.map(String.init) ?? file).split(separator: ".").first.map(String.init) ?? file
    var m = LongMapping(
      indicatorID: indicator.map { .column($0) } ?? .constant(mapping.indicatorID ?? stem), period: period, value: value)
    if let id = mapping.indicatorID, indicator == nil { m.indicatorID = .constant(id) }
    m.indicatorName = source(try named(mapping.indicatorName, "indicator name", GenericNames.indicatorName))
    m.areaCode = source(try named(mapping.area, "area", GenericNames.area))
    m.areaName = source(try named(mapping.areaName, "area name", GenericNames.areaName))
    m.areaType = source(try named(mapping.areaType, "area type", GenericNames.areaType))
    m.lower = try named(mapping.lowerCI, "lower limit", GenericNames.lower)
    m.upper = try named(mapping.upperCI, "upper limit", GenericNames.upper)
    m.count = try named(mapping.count, "count", GenericNames.count)
    m.denominator = try named(mapping.denominator, "denominator", GenericNames.denominator)
    m.note = try named(mapping.note, "note", GenericNames.note)
    m.status = try named(mapping.status, "status", GenericNames.status)
    m.unit = source(try named(mapping.unit, "unit", GenericNames.unit))
    var used = Set(
      [period, value, indicator, m.lower, m.upper, m.count, m.denominator, m.note, m.status].compactMap { $0 })
    for s in [m.indicatorName, m.areaCode, m.areaName, m.areaType, m.unit] {
      if case .column(let i) = s { used.insert(i) }
    }
    // Backbone's own canonical output read back: the columns between area_type and period
    // are breakdowns, absence_reason gives the reasons, and the derived period columns are not
    // attributes (they are made again).
    let isCanonical = ["indicatorid", "areatype", "periodstart", "periodend", "absencereason"].allSatisfy { h.has($0) }
    if isCanonical, mapping.breakdowns == nil, let typeAt = h.index("areatype"), let periodAt = h.index("period"),
      typeAt < periodAt
    {
      for i in (typeAt + 1)..<periodAt where !used.contains(i) {
        m.breakdowns.append((t.names[i], i))
        used.insert(i)
      }
      if let reasons = h.index("absencereason") {
        if let previous = m.status { used.remove(previous) }  // an obs_status attribute stays one
        m.status = reasons
        used.insert(reasons)
      }
      for key in ["periodstart", "periodend", "fiscalyear", "fiscalquarter", "intervalmethod"] {
        if let i = h.index(key) { used.insert(i) }
      }
    }
    if let names = mapping.breakdowns {
      for n in names {
        if let i = try named(n, "breakdown", []) {
          m.breakdowns.append((snakeName(t.names[i]), i))
          used.insert(i)
        }
      }
    } else if !isCanonical {
      for (i, n) in h.normalized.enumerated() where GenericNames.breakdowns.contains(n) && !used.contains(i) {
        m.breakdowns.append((snakeName(t.names[i]), i))
        used.insert(i)
      }
    }
    if let names = mapping.attributes {
      for n in names {
        if let i = try named(n, "attribute", []) { m.attributes.append((snakeName(t.names[i]), i)) }
      }
    } else {
      for i in t.names.indices where !used.contains(i) { m.attributes.append((snakeName(t.names[i]), i)) }
    }
    var warnings: [IndicatorWarning] = []
    if indicator == nil {
      warnings.append(
        IndicatorWarning(
          file: file, "no indicator column; every row is indicator \(IndicatorError.quoted(mapping.indicatorID ?? stem)) (set it with --indicator-id)"))
    }
    return build(from: t, mapping: m, layout: .generic, file: file, warnings: warnings)
  }

  static func source(_ i: Int?) -> LongMapping.Source { i.map { .column($0) } ?? .none }
}
