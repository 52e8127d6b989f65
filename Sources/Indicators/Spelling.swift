/// "Did you mean …?" for mistyped names in definition, mapping and chain files: one rule for
/// every file Backbone reads.
public enum Spelling {
  /// The allowed word a mistyped `word` most likely meant: the same word ignoring case and
  /// with `_` for `-`, else the nearest by edit distance (at most 1 for words of up to 4
  /// letters, 2 for longer ones), else the first that starts with a prefix of at least 4
  /// letters; `nil` when none is close.
  /// - Complexity: O(k · n · m) for k allowed words of length m and a word of length n.
  public static func suggestion(for word: String, among allowed: [String]) -> String? {
    let normalised = String(word.lowercased().map { $0 == "_" ? "-" : $0 })
    if let same = allowed.first(where: { $0 == normalised || $0.lowercased() == normalised }) { return same }
    let limit = word.count <= 4 ? 1 : 2
    let scored = allowed.map { (word: $0, distance: editDistance(normalised, $0.lowercased())) }
    if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit { return best.word }
    if normalised.count >= 4, let prefixed = allowed.first(where: { $0.lowercased().hasPrefix(normalised) }) {
      return prefixed
    }
    return nil
  }

  /// The Levenshtein distance between two strings, over characters.
  /// - Complexity: O(n · m).
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
