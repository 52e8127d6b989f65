/// Choices for reading period labels that do not say everything themselves.
///
/// Two things cannot be told from a label alone:
/// - when a split year such as `2019/20` starts. UK financial years start in April (the
///   default), English academic years in September; Fingertips prints both as `2019/20`.
/// - whether `2010-11` is November 2010 (ISO 8601) or the financial year 2010/11 (NHS and ONS
///   tables write financial years `2019-20`). Only pairs whose second number is both a month
///   (01–12) and the next year's last two digits are ambiguous: `2000-01` … `2011-12`.
///   ``Period/parseLabels(_:options:)`` settles it for a whole column.
public struct PeriodParseOptions: Sendable, Hashable {
  /// How to read `YYYY-NN` when `NN` is both a month and the next year's last two digits.
  public enum DashedYearPair: Sendable, Hashable {
    /// As an ISO 8601 month: `2010-11` is November 2010.
    case isoMonth
    /// As a split year: `2010-11` is the financial (or academic) year 2010/11.
    case splitYear
  }

  /// The month (1...12) split years start in: `2019/20`, `2019-20`, `2019/2020`, `2019/20 Q2`,
  /// `2006/07 - 08/09`. 4 (April, UK financial years) by default; 9 for English academic years.
  public var splitYearStartMonth: Int

  /// How to read an ambiguous `YYYY-NN` (see the type's overview). ISO month by default.
  public var dashedYearPair: DashedYearPair

  /// Options for reading labels.
  ///
  /// - Parameters:
  ///   - splitYearStartMonth: The month split years start in, 1...12 (4, April, by default).
  ///   - dashedYearPair: How to read an ambiguous `YYYY-NN`.
  /// - Precondition: `splitYearStartMonth` is in 1...12.
  public init(splitYearStartMonth: Int = 4, dashedYearPair: DashedYearPair = .isoMonth) {
    precondition((1...12).contains(splitYearStartMonth), "splitYearStartMonth must be 1...12")
    self.splitYearStartMonth = splitYearStartMonth
    self.dashedYearPair = dashedYearPair
  }

  /// Options for the labels of a Fingertips indicator of a given year type: split years start
  /// in September for ``FingertipsYearType/academic`` and in April otherwise.
  ///
  /// - Parameter fingertipsYearType: The indicator's year type (Fingertips metadata
  ///   "Year type").
  public init(fingertipsYearType: FingertipsYearType) {
    self.init(splitYearStartMonth: fingertipsYearType == .academic ? 9 : 4)
  }
}
