/// Why the periods of a series cannot be analysed together: the series mixes pooled and single
/// periods, or units, or lengths.
///
/// A trend over `2017 - 19`, `2018 - 20` and `2021` compares three-year averages with a single
/// year; a trend over `2019 Q3` and `2019` compares a quarter with a year. Both are refused.
public struct PeriodMismatch: Sendable, Equatable, CustomStringConvertible {
  /// What differs.
  public enum Kind: String, Sendable, Equatable {
    /// One period is a multi-year aggregate (``Period/isPooled``), the other is not.
    case pooling
    /// The periods are counted in different units (quarters and years).
    case granularity
    /// Same unit, different number of units (one quarter and three quarters).
    case length
  }

  /// What differs.
  public var kind: Kind
  /// The first period of the series, which the others are held to.
  public var reference: Period
  /// The first period that differs from `reference`.
  public var other: Period

  /// One sentence naming both periods by their labels, for example
  /// `the series mixes pooled periods ("2017 - 19", 3 years) with single ones ("2021", 1 year)`.
  public var description: String {
    let a = "\(IndicatorError.quoted(reference.label)), \(Self.size(reference))"
    let b = "\(IndicatorError.quoted(other.label)), \(Self.size(other))"
    switch kind {
    case .pooling:
      let (pooled, single) = reference.isPooled ? (a, b) : (b, a)
      return "the series mixes pooled periods (\(pooled)) with single ones (\(single))"
    case .granularity:
      return "the series mixes \(reference.granularity.plural) (\(a)) with "
        + "\(other.granularity.plural) (\(b))"
    case .length:
      return "the series mixes periods of different lengths (\(a); \(b))"
    }
  }

  /// A suggestion for the `hint:` line of an error.
  public var hint: String {
    "analyse one kind of period per series: keep the rows of one period type, or split the "
      + "series by a column that tells the kinds apart"
  }

  /// `3 years`, `1 quarter`.
  private static func size(_ p: Period) -> String {
    "\(p.count) \(p.count == 1 ? p.granularity.description : p.granularity.plural)"
  }
}

extension Period {
  /// The first reason the periods of a series cannot be analysed together, or `nil` when they
  /// can.
  ///
  /// Every period is held to the first one. Checked in this order: the same pooled-ness
  /// (``isPooled``), the same ``granularity``, the same ``count``. Periods that overlap (rolling
  /// years) or repeat are allowed here; so are years starting in different months, because
  /// Fingertips rolling twelve-month periods legitimately start in every month.
  ///
  /// - Parameter periods: The periods of one series, in any order.
  /// - Returns: The first mismatch, or `nil` (also for zero or one period).
  /// - Complexity: O(*n*).
  public static func mismatch(in periods: some Sequence<Period>) -> PeriodMismatch? {
    var iterator = periods.makeIterator()
    guard let reference = iterator.next() else { return nil }
    while let p = iterator.next() {
      if p.isPooled != reference.isPooled {
        return PeriodMismatch(kind: .pooling, reference: reference, other: p)
      }
      if p.granularity != reference.granularity {
        return PeriodMismatch(kind: .granularity, reference: reference, other: p)
      }
      if p.count != reference.count {
        return PeriodMismatch(kind: .length, reference: reference, other: p)
      }
    }
    return nil
  }
}
