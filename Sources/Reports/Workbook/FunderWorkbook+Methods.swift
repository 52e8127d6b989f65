import Indicators
import XLSX

extension SheetContext {
  /// How each kind of figure in the workbook is made: (figure, method).
  static let methods: [(String, String)] = [
    (
      "Status (improving, worsening, increasing, decreasing, no significant change)",
      "Mann-Kendall trend test on the values in period order, two-sided, with the tie-corrected variance; a trend "
        + "is significant at p < 0.05 (or the level the results chain sets) with at least 3 values. Improving and "
        + "worsening judge the direction against the indicator's polarity; increasing and decreasing are used when "
        + "neither direction is better."
    ),
    (
      "Trend arrow and change a year",
      "Sen's slope (the median of the slopes between every pair of values) per year; the arrow shows its "
        + "direction when the Mann-Kendall test is significant, → when it is not."
    ),
    ("Change from previous, from baseline", "The latest value minus the previous (or the baseline) value."),
    (
      "Baseline",
      "The value in the definition's baseline period when the series has it, else the series' first value."
    ),
    (
      "% of target achieved",
      "100 × (latest − baseline) / (target − baseline): the share of the distance from the baseline to the target "
        + "covered so far (negative when the latest value moved away from the target). When the baseline already "
        + "met the target (in the indicator's better direction), no percentage is given: \"met at baseline, "
        + "maintained\" or \"met at baseline, no longer met\"."
    ),
    (
      "Target status",
      "Achieved when the latest value meets the target in the indicator's better direction (at or above it when "
        + "higher is better, at or below it when lower is better; for indicators without a polarity, the direction "
        + "from the baseline to the target); otherwise Sen's slope projected from the latest value to the target "
        + "period is on track or off track; cannot be assessed with fewer than 3 values or no target period."
    ),
    (
      "Actual per quarter",
      "The latest quarterly or monthly value whose period ends in that quarter of the fiscal year; the fiscal "
        + "year's actual is the value of the period that is the fiscal year itself."
    ),
    (
      "Confidence intervals",
      "95% intervals by each indicator's method (column Interval method above): Wilson score for proportions, "
        + "Byars (exact Poisson below 10 events) for counts and crude rates, Dobson for directly standardised "
        + "rates (not shown below 10 events), Student t for means, or the publisher's own."
    ),
    (
      "Inequality measures",
      "Range, ratio, Gini coefficient, coefficient of variation, index of disparity (against the mean) and "
        + "Theil T of the group values, in their population forms, weighted by the groups' denominators when "
        + "every group has one (WHO Health Equity Assessment Toolkit)."
    ),
    (
      "Slope and relative index of inequality",
      "For deprivation quantiles only: the PHE phe_sii method (regression of the group values on the midpoint of "
        + "each group's cumulative population share, most deprived first), with a 95% interval by seeded "
        + "simulation when every group has an interval."
    ),
  ]

  /// Methods and notes: what the workbook is and where it came from, every indicator's
  /// definition, the method of each figure, the absence-reason footnotes, the input files with
  /// their SHA-256, and the warnings.
  /// - Complexity: O(indicators + inputs + warnings).
  func writeMethods(_ sheet: Worksheet) throws(XLSXError) {
    let s = styles
    let p = model.provenance
    try sheet.widths([28, 40, 16, 16, 16, 18, 30, 12, 30, 30, 40, 12, 14, 30])
    try sheet.put("Methods and notes", 0, 0, s.title)
    var row = 2
    func fact(_ label: String, _ value: String?) throws(XLSXError) {
      try sheet.put(label, row, 0, s.text)
      try sheet.put(value ?? "", row, 1, s.wrapped)
      row += 1
    }
    try fact("Report", model.title)
    try fact(
      "Reporting period",
      model.reportingPeriod.label + (model.reportingPeriod.isExplicit ? " (chosen)" : " (latest with data)"))
    try fact("Fiscal year", model.fiscalYear.label)
    try fact("Generated", p.generatedISO + (p.fromSourceDateEpoch ? " (SOURCE_DATE_EPOCH)" : ""))
    try fact("Backbone version", p.backboneVersion)
    if let d = p.definitionsDirectory { try fact("Indicator definitions", d) }
    if let c = p.chainFile { try fact("Results chain file", c) }
    try fact(
      "Observations",
      "\(model.quality.observations) observations, \(model.quality.valuesPresent) with a value, "
        + "\(model.quality.rejectedRows) rejected rows")

    row += 1
    try sheet.put("Indicators", row, 0, s.heading)
    row += 1
    try sheet.headerRow(
      [
        "Indicator ID", "Title", "Domain", "Unit", "Value type", "Polarity", "Interval method", "Frequency",
        "Source", "Source reference", "Notes", "Decimals shown", "Target", "Definition",
      ], row, s.header)
    row += 1
    for i in model.indicators {
      let d = i.definition
      try sheet.put(i.id, row, 0, s.text)
      try sheet.put(i.title, row, 1, s.wrapped)
      try sheet.put(i.domain?.rawValue ?? "no definition", row, 2, s.text)
      try sheet.put(i.unit, row, 3, s.text)
      try sheet.put(d?.valueType.rawValue, row, 4, s.text)
      try sheet.put(i.polarity.rawValue, row, 5, s.text)
      try sheet.put(i.intervalMethod ?? "none", row, 6, s.wrapped)
      try sheet.put(i.frequency, row, 7, s.text)
      try sheet.put(d?.source.publisher, row, 8, s.wrapped)
      try sheet.put(
        d.map { [$0.source.reference, $0.source.url].compactMap { $0 }.joined(separator: " ") }, row, 9, s.wrapped)
      try sheet.put(d?.notes, row, 10, s.wrapped)
      try sheet.write(i.decimals, row: row, column: 11, format: s.integer)
      try sheet.put(d?.target?.value, row, 12, s.value(i))
      try sheet.put(d.map { "\($0.location)" }, row, 13, s.text)
      row += 1
    }

    row += 1
    try sheet.put("How each figure is made", row, 0, s.heading)
    row += 1
    try sheet.headerRow(["Figure", "Method"], row, s.header)
    row += 1
    for (figure, method) in Self.methods {
      try sheet.put(figure, row, 0, s.wrapped)
      try sheet.put(method, row, 1, s.wrapped)
      row += 1
    }

    row += 1
    try sheet.put("Missing values", row, 0, s.heading)
    row += 1
    if model.quality.absences.isEmpty {
      try sheet.put("Every observation has a value.", row, 0, s.italic)
      row += 1
    } else {
      try sheet.headerRow(["Absence reason (Data sheet)", "Meaning", "Observations"], row, s.header)
      row += 1
      for a in model.quality.absences {
        try sheet.put(a.reason.rawValue, row, 0, s.text)
        try sheet.put(a.reason.phrase, row, 1, s.text)
        try sheet.write(a.count, row: row, column: 2, format: s.integer)
        row += 1
      }
    }
    if !model.quality.staleIndicators.isEmpty {
      try sheet.put("Out of date", row, 0, s.text)
      try sheet.put(model.quality.staleIndicators.joined(separator: ", "), row, 1, s.wrapped)
      row += 1
    }
    if !model.quality.undefinedIndicators.isEmpty {
      try sheet.put("No definition (no polarity)", row, 0, s.text)
      try sheet.put(model.quality.undefinedIndicators.joined(separator: ", "), row, 1, s.wrapped)
      row += 1
    }

    row += 1
    try sheet.put("Input files", row, 0, s.heading)
    row += 1
    try sheet.headerRow(
      ["File", "Path", "Layout", "Bytes", "Records", "Observations", "SHA-256", "Rejected rows", "Rejected rows file"],
      row,
      s.header)
    row += 1
    for f in p.inputs {
      try sheet.put(f.name, row, 0, s.text)
      try sheet.put(f.path, row, 1, s.wrapped)
      try sheet.put(f.layout, row, 2, s.text)
      try sheet.write(f.byteCount, row: row, column: 3, format: s.integer)
      try sheet.write(f.records, row: row, column: 4, format: s.integer)
      try sheet.write(f.observations, row: row, column: 5, format: s.integer)
      try sheet.put(f.sha256, row, 6, s.text)
      try sheet.write(f.rejectedRows, row: row, column: 7, format: s.integer)
      try sheet.put(f.rejectedFile, row, 8, s.text)
      row += 1
    }

    guard !model.warnings.isEmpty else { return }
    row += 1
    try sheet.put("Warnings", row, 0, s.heading)
    row += 1
    for w in model.warnings {
      try sheet.put(w, row, 0, s.text)
      row += 1
    }
  }
}
