/// Why an observation has no value. It travels from the CSV to the footnotes of every output.
public enum AbsenceReason: String, Sendable, CaseIterable, Comparable, Codable {
  /// Withheld by the publisher to protect confidentiality or because counts are too small
  /// (`*`, a value note "Suppressed", SDMX `OBS_STATUS` C, DHIS2 follow-up notes).
  case suppressed
  /// Not collected for this area or period (`..` in World Bank and ONS files, SDMX `M`).
  case notCollected = "not-collected"
  /// The measure does not apply here (`x`, SDMX `L` "not applicable" in some flavours).
  case notApplicable = "not-applicable"
  /// The publisher could not calculate it (too few events, a denominator of zero, `:` in
  /// Eurostat files).
  case cannotBeCalculated = "cannot-be-calculated"
  /// Missing with no reason given (an empty cell, `NA`).
  case missing

  public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
  private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

  /// A short phrase for footnotes: "suppressed", "not collected", ...
  public var phrase: String {
    switch self {
    case .suppressed: "suppressed"
    case .notCollected: "not collected"
    case .notApplicable: "not applicable"
    case .cannotBeCalculated: "cannot be calculated"
    case .missing: "missing (no reason given)"
    }
  }

  /// The reason a missing-value token of the CSV reader stands for.
  ///
  /// `*` is the usual suppression marker (Fingertips, ONS, NHS Digital); `..` means "not
  /// available" in World Bank, UN and ONS tables; `x` is the ONS and GSS marker for "not
  /// applicable / withheld" and is read as not applicable; `:` is Eurostat's "not available",
  /// which in Eurostat's own terms means the value could not be produced; `-` is read as not
  /// applicable (a dash in a table means "nil or not applicable" in GSS guidance). Empty
  /// cells, `NA`, `N/A` and unknown tokens are plain missing.
  public static func forToken(_ token: String?) -> AbsenceReason {
    switch token?.trimmingSpaces {
    case "*": .suppressed
    case "..": .notCollected
    case "x", "X", "-": .notApplicable
    case ":": .cannotBeCalculated
    default: .missing
    }
  }

  /// The reason a free-text value note gives, when it names one ("Value suppressed for
  /// disclosure control", "Not applicable", "Insufficient numbers to calculate a rate"), else
  /// `nil`. Matching is on lowercased words, so notes written by hand still match.
  public static func fromNote(_ note: String) -> AbsenceReason? {
    let n = note.lowercased()
    if n.contains("suppress") || n.contains("disclos") || n.contains("confidential") || n.contains("redact") {
      return .suppressed
    }
    if n.contains("not applicable") || n.contains("n/a ") { return .notApplicable }
    if n.contains("not collected") || n.contains("not available") || n.contains("no data") || n.contains("not published") {
      return .notCollected
    }
    if n.contains("cannot be calculated") || n.contains("could not be calculated") || n.contains("insufficient")
      || n.contains("too few") || n.contains("small number") || n.contains("unreliable")
    {
      return .cannotBeCalculated
    }
    return nil
  }

  /// The reason an SDMX observation status or flag code gives for a missing value.
  ///
  /// Codes from the SDMX cross-domain code list CL_OBS_STATUS (v2.2): `M` "missing value; data
  /// cannot exist" (read as not applicable), `L` "missing value; data exist but were not
  /// collected", `Q` "missing value; suppressed", `N` "not significant" (not publishable:
  /// suppressed), `O` "missing value" (plain); and Eurostat's flag `C` (confidential,
  /// suppressed). Other codes (`A` normal, `E` estimated, `P` provisional, `B` break in series)
  /// do not explain a missing value.
  /// The code list's names are accepted too, as Open SDG files write them ("Missing value;
  /// suppressed", "Missing value").
  public static func fromSDMXStatus(_ code: String) -> AbsenceReason? {
    let lower = code.trimmingSpaces.lowercased()
    if lower.count > 2 {
      switch lower {
      case "missing value; suppressed", "not significant", "confidential", "confidential value": return .suppressed
      case "missing value; data cannot exist", "not applicable": return .notApplicable
      case "missing value; data exist but were not collected", "not collected": return .notCollected
      case "missing value", "missing": return .missing
      default: return nil
      }
    }
    return switch code.trimmingSpaces.uppercased() {
    case "C", "N", "Q": .suppressed
    case "M": .notApplicable
    case "L": .notCollected
    case "O": .missing
    default: nil
    }
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs (no Foundation).
  var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
