/// A series drawn in one line of Unicode block characters, for a table cell.
enum Sparkline {
  /// The eight levels, lowest first.
  static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  /// Written for a point without a value.
  static let gap: Character = "·"

  /// One character per value: the block of level `round(7 × (x − min) / (max − min))` (0 the
  /// lowest, 7 the highest of the series), `·` for a missing value, `▄` for every value of a
  /// constant series; "" when no value is present.
  ///
  /// - Parameter values: the series in period order.
  /// - Returns: the sparkline.
  /// - Complexity: O(n).
  static func text(_ values: [Double?]) -> String {
    let present = values.compactMap { $0 }.filter(\.isFinite)
    guard let lo = present.min(), let hi = present.max() else { return "" }
    return String(
      values.map { v -> Character in
        guard let v, v.isFinite else { return gap }
        guard hi > lo else { return blocks[3] }
        // Halved, so that a range wider than the largest double does not overflow to ∞.
        let share = 7 * (v / 2 - lo / 2) / (hi / 2 - lo / 2)
        guard share.isFinite else { return blocks[3] }
        return blocks[min(7, max(0, Int(share.rounded())))]
      })
  }
}
