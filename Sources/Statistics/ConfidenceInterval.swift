/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Equatable {
  /// The lower limit; NaN when it cannot be computed (see the producing function).
  public var lower: Double
  /// The upper limit; NaN when it cannot be computed.
  public var upper: Double
  /// The confidence level, for example 0.95 or 0.998.
  public var confidenceLevel: Double

  /// An interval from its limits and level.
  public init(lower: Double, upper: Double, confidenceLevel: Double) {
    self.lower = lower
    self.upper = upper
    self.confidenceLevel = confidenceLevel
  }
}
