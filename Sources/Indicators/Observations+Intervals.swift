import Columnar
import Statistics

extension Observations {
  /// Fills in 95% confidence limits that the export does not give, from the count and
  /// denominator, by each indicator's interval method; and adds the column `interval_method`
  /// saying, for every observation with limits, where they come from.
  ///
  /// - `wilson` (proportions): Wilson score interval of count/denominator, times the
  ///   multiplier (PHEindicatormethods `phe_proportion`).
  /// - `byars`, `exact-poisson` (crude rates): exact Poisson limits of the count below 10
  ///   events, Byars' approximation from 10, divided by the denominator and times the
  ///   multiplier (PHE `phe_rate`); Fingertips switches methods at 10 events whichever is named.
  /// - Other methods (`student-t` needs a standard deviation, `dobson` age-specific counts,
  ///   `as-published`, `none`) compute nothing; published limits are always kept.
  ///
  /// The value itself is not changed. A computed limit pair marks the row
  /// `Wilson 95% (computed)` or `Byars 95% (computed)` / `exact Poisson 95% (computed)`;
  /// published limits are marked `published`.
  /// - Complexity: O(n).
  public mutating func fillIntervals(_ match: DefinitionMatch) {
    guard let lowerAt = table.index(of: CanonicalColumn.lowerCI), let upperAt = table.index(of: CanonicalColumn.upperCI),
      case .float(var lowers) = table.columns[lowerAt].values, case .float(var uppers) = table.columns[upperAt].values
    else { return }
    let value = column(CanonicalColumn.value)
    let lower = table.columns[lowerAt], upper = table.columns[upperAt]
    let counts = NumberReader(column(CanonicalColumn.count))
    let denominators = NumberReader(column(CanonicalColumn.denominator))
    // Nothing published and nothing to compute from (the usual case when the limits and
    // counts were not read): the table stays as it is, without a pass over the rows.
    let nonePublished = lower.validity?.validCount == 0 && upper.validity?.validCount == 0
    func anyValid(_ c: Column) -> Bool { c.validity.map { $0.validCount > 0 } ?? (c.count > 0) }
    let computable =
      counts.hasNumbers && denominators.hasNumbers && anyValid(column(CanonicalColumn.count))
      && anyValid(column(CanonicalColumn.denominator))
    if nonePublished && !computable { return }
    let ids = column(CanonicalColumn.indicatorID).asText()
    guard case .text(let idCodes, let idDictionary) = ids.values else { return }
    let definitionOfCode = (0..<idDictionary.count).map { match.known[idDictionary[UInt32($0)]] }
    var lowerValid = lower.validity ?? Validity(count: count, allValid: true)
    var upperValid = upper.validity ?? Validity(count: count, allValid: true)
    let labels = ["published", "Wilson 95% (computed)", "Byars 95% (computed)", "exact Poisson 95% (computed)"]
    var methodCodes = [UInt32](repeating: 0, count: count)
    var methodValid = Validity(count: count, allValid: false)
    var computed = 0
    for row in 0..<count {
      if lower.isValid(row) && upper.isValid(row) {
        methodValid[row] = true
        continue
      }
      // One published limit without the other: keep what was published, compute nothing.
      if lower.isValid(row) || upper.isValid(row) { continue }
      guard value.isValid(row), ids.isValid(row), let d = definitionOfCode[Int(idCodes[row])], counts.hasNumbers,
        denominators.hasNumbers
      else { continue }
      let c = counts[row], n = denominators[row]
      guard c.isFinite, n.isFinite, n > 0, c >= 0 else { continue }
      let interval: ConfidenceInterval
      let method: UInt32
      switch d.intervalMethod {
      case .wilson:
        guard c <= n else { continue }
        let w = wilsonInterval(successes: c, trials: n, confidenceLevel: 0.95)
        interval = ConfidenceInterval(lower: w.lower * d.multiplier, upper: w.upper * d.multiplier, confidenceLevel: 0.95)
        method = 1
      case .byars, .exactPoisson:
        let p = poissonInterval(count: c, confidenceLevel: 0.95)
        interval = ConfidenceInterval(
          lower: p.interval.lower / n * d.multiplier, upper: p.interval.upper / n * d.multiplier, confidenceLevel: 0.95)
        method = p.method == .exact ? 3 : 2
      default:
        continue
      }
      guard interval.lower.isFinite, interval.upper.isFinite else { continue }
      lowers[row] = interval.lower
      uppers[row] = interval.upper
      lowerValid[row] = true
      upperValid[row] = true
      methodCodes[row] = method
      methodValid[row] = true
      computed += 1
    }
    guard computed > 0 || methodValid.validCount > 0 else { return }
    var columns = table.columns, names = table.names
    columns[lowerAt] = Column(values: .float(lowers), validity: lowerValid.validCount == count ? nil : lowerValid)
    columns[upperAt] = Column(values: .float(uppers), validity: upperValid.validCount == count ? nil : upperValid)
    names.insert("interval_method", at: upperAt + 1)
    columns.insert(
      Column(
        values: .text(codes: methodCodes, dictionary: StringDictionary(labels)),
        validity: methodValid.validCount == count ? nil : methodValid),
      at: upperAt + 1)
    if let t = try? Table(names: names, columns: columns) { table = t }
    if computed > 0 {
      warnings.append(
        IndicatorWarning(
          file: file, "computed 95% confidence limits from counts and denominators (see interval_method)", count: computed))
    }
  }
}
