import Indicators
import Testing

@testable import Reports

/// % of target achieved by the IPTT rule, with the sign meaning what it says.
@Suite struct TargetAchievementTests {
  /// Hand-worked (see ``TargetAchievement``): the good direction is the polarity's; when the
  /// baseline does not meet the target, 100 × (latest − baseline) / (target − baseline);
  /// otherwise maintained or no longer met.
  @Test(arguments: [
    // Higher is better, target above the baseline 60: (70 − 60) / (80 − 60) = 50%; 55 gives
    // −5 / 20 = −25% (moved away); 90 gives 30 / 20 = 150%.
    (Polarity.higherIsBetter, 60.0, 80.0, 70.0, TargetAchievement.percent(50)),
    (.higherIsBetter, 60, 80, 55, .percent(-25)), (.higherIsBetter, 60, 80, 90, .percent(150)),
    // Higher is better, target 70 below the baseline 80: met at the baseline; 85 still meets
    // it (the old formula gave (85 − 80) / (70 − 80) = −50%), 65 does not.
    (.higherIsBetter, 80, 70, 85, .maintained), (.higherIsBetter, 80, 70, 65, .noLongerMet),
    // Lower is better, target 15 below the baseline 20: (18 − 20) / (15 − 20) = 40%; 22 gives
    // 2 / −5 = −40%.
    (.lowerIsBetter, 20, 15, 18, .percent(40)), (.lowerIsBetter, 20, 15, 22, .percent(-40)),
    // Lower is better, target 15 above the baseline 10: met at the baseline; 12 still meets it
    // (the old formula gave (12 − 10) / (15 − 10) = +40% for a value that got worse), 16 not.
    (.lowerIsBetter, 10, 15, 12, .maintained), (.lowerIsBetter, 10, 15, 16, .noLongerMet),
    // No polarity: from the baseline towards the target, either way: 50%.
    (.noJudgement, 10, 20, 15, .percent(50)), (.noJudgement, 20, 10, 15, .percent(50)),
    // A target equal to the baseline is met at the baseline (no polarity: upwards).
    (.higherIsBetter, 70, 70, 72, .maintained), (.higherIsBetter, 70, 70, 68, .noLongerMet),
    (.lowerIsBetter, 70, 70, 68, .maintained), (.noJudgement, 70, 70, 68, .noLongerMet),
  ])
  func handWorked(polarity: Polarity, baseline: Double, target: Double, latest: Double, expected: TargetAchievement) {
    #expect(TargetAchievement(baseline: baseline, latest: latest, target: target, polarity: polarity) == expected)
  }

  @Test func notFiniteIsNil() {
    #expect(TargetAchievement(baseline: .nan, latest: 1, target: 2, polarity: .higherIsBetter) == nil)
    #expect(TargetAchievement(baseline: 1, latest: .infinity, target: 2, polarity: .higherIsBetter) == nil)
  }

}
