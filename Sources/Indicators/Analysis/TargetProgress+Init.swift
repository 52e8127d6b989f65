extension TargetProgress {
  /// Progress towards a target, built outside the analysis (a results chain's own targets, tests).
  ///
  /// - Parameters:
  ///   - status: Achieved, on track, off track or cannot be assessed.
  ///   - target: The level to reach, in the indicator's unit.
  ///   - targetPeriod: By when, if the target says.
  ///   - projected: The value the trend projects for the target period, if computed.
  public init(status: Status, target: Double, targetPeriod: String? = nil, projected: Double? = nil) {
    self.target = target
    self.targetPeriod = targetPeriod
    self.projected = projected
    self.status = status
  }
}
