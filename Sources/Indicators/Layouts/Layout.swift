/// The export layouts Backbone recognises from a file's header.
public enum Layout: String, Sendable, CaseIterable, Codable {
  /// OHID/PHE Fingertips "data" export (27 columns, `Indicator ID` … `Time period range`), also
  /// re-saved by R's `write.csv` (dotted names, a row-number column, `NA`).
  case fingertips
  /// UN SDG Global Database API CSV (`SeriesCode`, `GeoAreaCode`, `TimePeriod`, `Value`,
  /// dimensions in brackets such as `[Sex]`).
  case unSDG = "un-sdg"
  /// World Bank WDI download: one row per country and indicator, one column per year.
  case worldBank = "world-bank"
  /// WHO Global Health Observatory: the HDX republication (`GHO (CODE)`, `Numeric`, `Low`,
  /// `High`, a tag row) or the GHO data export (`IndicatorCode`, `FactValueNumeric`).
  case whoGHO = "who-gho"
  /// Our World in Data grapher download (`Entity`, `Code`, `Year`, indicator columns).
  case owid
  /// SDMX-CSV 1.0 (`DATAFLOW`, OECD and Eurostat) and 2.0 (`STRUCTURE`, `STRUCTURE_ID`).
  case sdmx
  /// DHIS2 analytics CSV (`dx,pe,ou,value` or `Data,Period,Organisation unit,Value`) and data
  /// value sets (`dataelement,period,orgunit,…`).
  case dhis2
  /// Open SDG data file (`Year`, disaggregation columns, `Value`).
  case openSDG = "open-sdg"
  /// Any long table: one row per observation, columns found by common names or a mapping.
  case generic

  /// How people name it.
  public var title: String {
    switch self {
    case .fingertips: "OHID Fingertips export"
    case .unSDG: "UN SDG Global Database API CSV"
    case .worldBank: "World Bank WDI download (one column per year)"
    case .whoGHO: "WHO Global Health Observatory CSV"
    case .owid: "Our World in Data grapher CSV"
    case .sdmx: "SDMX-CSV"
    case .dhis2: "DHIS2 analytics or data value set CSV"
    case .openSDG: "Open SDG data file"
    case .generic: "generic long table"
    }
  }
}

/// A header name reduced for matching: lowercase ASCII letters and digits only, so that
/// `Indicator ID`, `Indicator.ID`, `indicator_id` and `[Indicator ID]` all read `indicatorid`.
func normalizedName(_ name: String) -> String {
  var out = ""
  out.reserveCapacity(name.utf8.count)
  for u in name.unicodeScalars {
    switch u.value {
    case 0x30...0x39, 0x61...0x7A: out.unicodeScalars.append(u)
    case 0x41...0x5A: out.unicodeScalars.append(Unicode.Scalar(u.value + 32) ?? u)
    default: break
    }
  }
  return out
}

/// A header name as a canonical column name: lowercase words joined by `_` (`[Food Waste
/// Sector]` → `food_waste_sector`, `Category Type` → `category_type`).
func snakeName(_ name: String) -> String {
  var out = ""
  var pendingUnderscore = false
  for u in name.unicodeScalars {
    let v = u.value
    let isAlnum = (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || v > 0x7F
    if isAlnum {
      if pendingUnderscore && !out.isEmpty { out += "_" }
      pendingUnderscore = false
      out.unicodeScalars.append((0x41...0x5A).contains(v) ? Unicode.Scalar(v + 32) ?? u : u)
    } else {
      pendingUnderscore = true
    }
  }
  return out.isEmpty ? "column" : out
}

/// The header of a file, indexed by normalised name.
struct Header {
  let names: [String]
  let normalized: [String]

  init(_ names: [String]) {
    self.names = names
    normalized = names.map(normalizedName)
  }

  /// The index of the first column whose normalised name is one of `candidates` (tried in
  /// order).
  func index(_ candidates: String...) -> Int? { index(of: candidates) }

  func index(of candidates: [String]) -> Int? {
    for c in candidates {
      if let i = normalized.firstIndex(of: c) { return i }
    }
    return nil
  }

  func has(_ candidates: String...) -> Bool { index(of: candidates) != nil }

  /// Columns whose name is a four-digit year (`1960` … `2023`, also `1960 [YR1960]` as in
  /// WDI DataBank exports).
  var yearColumns: [Int] {
    names.indices.filter { Header.year(of: names[$0]) != nil }
  }

  static func year(of name: String) -> Int? {
    let u = Array(name.utf8)
    guard u.count >= 4, u[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    if u.count > 4 && u[4] != 32 { return nil }
    let y = u[0..<4].reduce(0) { $0 * 10 + Int($1 - 48) }
    return (1800...2200).contains(y) ? y : nil
  }
}

/// How well one layout matches a header: the columns it found and those it misses.
struct LayoutMatch {
  var layout: Layout
  /// Signature columns found; higher is a better match.
  var score: Int
  /// The first required column (as the layout names it) that is missing; `nil` when it matches.
  var missing: String?
  var matches: Bool { missing == nil }
}

extension Layout {
  /// The layouts that match `names`, best first, and the nearest misses.
  static func candidates(for names: [String]) -> [LayoutMatch] {
    let h = Header(names)
    return Layout.allCases.map { $0.match(h) }
  }

  /// Whether the header has this layout's required columns, and how many of its signature
  /// columns it has.
  func match(_ h: Header) -> LayoutMatch {
    func need(_ label: String, _ names: [String]) -> (Bool, String) { (h.index(of: names) != nil, label) }
    var required: [(Bool, String)] = []
    var signature: [[String]] = []
    switch self {
    case .fingertips:
      required = [
        need("Indicator ID", ["indicatorid"]), need("Area Code", ["areacode"]), need("Time period", ["timeperiod"]),
        need("Value", ["value"]), need("Lower CI 95.0 limit", ["lowerci950limit"]),
      ]
      signature = [["indicatorname"], ["areatype"], ["valuenote"], ["timeperiodsortable"], ["recenttrend"], ["count"]]
    case .unSDG:
      required = [
        need("SeriesCode", ["seriescode"]), need("GeoAreaCode", ["geoareacode"]), need("TimePeriod", ["timeperiod"]),
        need("Value", ["value"]),
      ]
      signature = [["seriesdescription"], ["geoareaname"], ["upperbound"], ["goal"], ["target"]]
    case .worldBank:
      required = [
        need("Country Code", ["countrycode"]), need("Indicator Code", ["indicatorcode", "seriescode"]),
        (!h.yearColumns.isEmpty, "a column per year (1960, 1961, …)"),
      ]
      signature = [["countryname"], ["indicatorname", "seriesname"]]
    case .whoGHO:
      if h.has("ghocode") {
        required = [
          need("GHO (CODE)", ["ghocode"]), need("Numeric", ["numeric"]),
          need("YEAR (DISPLAY)", ["yeardisplay", "year", "startyear"]),
        ]
        signature = [["yeardisplay"], ["countrycode"], ["low"], ["high"]]
      } else {
        required = [
          need("IndicatorCode", ["indicatorcode"]), need("SpatialDimValueCode", ["spatialdimvaluecode"]),
          need("Period", ["period"]), need("FactValueNumeric", ["factvaluenumeric"]),
        ]
        signature = [["factvaluenumericlow"], ["location"]]
      }
    case .owid:
      required = [
        need("Entity", ["entity"]), need("Code", ["code"]), need("Year", ["year", "day"]),
        (h.names.count > 3, "at least one indicator column"),
      ]
    case .sdmx:
      // STRUCTURE with STRUCTURE_ID is SDMX-CSV 2.0 even without OBS_VALUE (several measures,
      // or none): the mapping then says what is missing.
      required = [
        need("DATAFLOW or STRUCTURE", ["dataflow", "structure"]),
        need("OBS_VALUE", ["obsvalue", "obsvalueobservationvalue", "structureid"]),
      ]
      signature = [["timeperiod"], ["refarea", "geo"], ["obsstatus", "obsflag"], ["structureid"]]
    case .dhis2:
      if h.has("dataelement") {
        required = [need("dataelement", ["dataelement"]), need("period", ["period"]), need("orgunit", ["orgunit"]), need("value", ["value"])]
        signature = [["categoryoptioncombo"], ["attributeoptioncombo"], ["storedby"]]
      } else {
        required = [
          need("dx or Data", ["dx", "dataid", "data"]), need("pe or Period", ["pe", "periodid", "period"]),
          need("ou or Organisation unit", ["ou", "organisationunitid", "organisationunit", "orgunit"]),
          need("value", ["value"]),
        ]
        signature = [["numerator"], ["denominator"], ["factor"]]
        // `Data` and `Period` are common words: ask for a DHIS2-only name too.
        if !h.has("dx", "pe", "ou", "organisationunit", "organisationunitid", "dataid") {
          required.append((false, "dx, pe, ou or \"Organisation unit\""))
        }
      }
    case .openSDG:
      required = [
        need("Year", ["year"]), need("Value", ["value"]),
        (h.has("unitmeasure", "unitmultiplier", "observationstatus", "units", "series", "geocode"),
         "an Open SDG column (Units, Unit measure, Unit multiplier, Observation status, Series or GeoCode)"),
      ]
      signature = [["unitmeasure"], ["unitmultiplier"], ["observationstatus"], ["geocode"], ["units"], ["series"]]
      // Open SDG files name neither indicator nor area (they are in the file name and GeoCode);
      // a long table that does is a generic one that happens to have a Units column.
      if h.has("indicatorid", "indicatorcode", "indicator", "areacode", "areaname") {
        required.append((false, "no indicator or area column (an Open SDG file has neither)"))
      }
    case .generic:
      required = [
        need("a period column (period, time_period, year, date)", GenericNames.period),
        need("a value column (value, obs_value)", GenericNames.value),
      ]
      signature = [GenericNames.indicator, GenericNames.area, GenericNames.lower, GenericNames.upper]
    }
    let missing = required.first { !$0.0 }?.1
    let score = required.count * 10 + signature.filter { h.index(of: $0) != nil }.count
    return LayoutMatch(layout: self, score: score, missing: missing)
  }
}

/// Common column names of long tables (normalised), tried in order.
enum GenericNames {
  static let indicator = ["indicatorid", "indicatorcode", "indicator", "indid", "seriescode", "series", "measure"]
  static let indicatorName = ["indicatorname", "indicatortitle", "seriesdescription", "measurename"]
  static let area = [
    "areacode", "geographycode", "geocode", "locationcode", "countrycode", "iso3", "iso3code", "orgunit", "area", "geo",
    "location", "country", "region",
  ]
  static let areaName = ["areaname", "geographyname", "geoname", "locationname", "countryname"]
  static let areaType = ["areatype", "geographytype", "geotype", "level"]
  static let period = ["period", "timeperiod", "time", "year", "date", "quarter", "month"]
  static let value = ["value", "obsvalue", "val"]
  static let lower = ["lowerci", "lowercl", "lowerci95", "lowerci950limit", "lci", "lowerbound", "lower", "low"]
  static let upper = ["upperci", "uppercl", "upperci95", "upperci950limit", "uci", "upperbound", "upper", "high"]
  static let count = ["count", "numerator", "events", "cases"]
  static let denominator = ["denominator", "population", "denom"]
  static let note = ["valuenote", "note", "notes", "footnote", "comment"]
  static let status = ["status", "obsstatus", "flag", "observationstatus"]
  static let unit = ["unit", "units", "unitmeasure"]
  static let breakdowns = [
    "sex", "gender", "age", "agegroup", "agebands", "ageband", "ethnicity", "ethnicgroup", "deprivation", "quintile", "decile",
    "deprivationquintile", "deprivationdecile", "imdquintile", "imddecile", "category", "categorytype",
  ]
}
