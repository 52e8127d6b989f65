/// Order statistics by selection (quickselect with median-of-three pivots, falling back to a
/// sort of the remaining range when partitioning goes badly), so that a median of m values
/// costs O(m) on average instead of the O(m log m) of a full sort.
///
/// - Parameters:
///   - values: The values, reordered in place. Must not contain NaN.
///   - ranks: 0-based ranks; ascending ones cost least (see ``SelectionSweep``).
/// - Returns: The value of each rank in the sorted order.
/// - Complexity: O(m) expected for each rank, O(m log m) at worst.
func orderStatistics(_ values: inout [Double], ranks: [Int]) -> [Double] {
  values.withUnsafeMutableBufferPointer { buffer in
    var sweep = SelectionSweep(buffer)
    return ranks.map { sweep.value(at: $0) }
  }
}

/// The median of NaN-free values (the mean of the two middle values for an even count),
/// reordering them; NaN for an empty array.
func medianBySelection(_ values: inout [Double]) -> Double {
  let m = values.count
  guard m > 0 else { return .nan }
  if m % 2 == 1 { return orderStatistics(&values, ranks: [m / 2])[0] }
  let middle = orderStatistics(&values, ranks: [m / 2 - 1, m / 2])
  return (middle[0] + middle[1]) / 2
}

/// Order statistics of one buffer taken one after another: each selection starts where the
/// one before left its partition (after selecting rank k, everything past k is ≥ it), so ranks
/// asked in ascending order cost one pass each over what is left; a rank below the last one
/// selects over the whole buffer again (still correct, since selection only permutes).
struct SelectionSweep {
  let buffer: UnsafeMutableBufferPointer<Double>
  /// The last rank selected: everything before it is ≤ its value, everything after ≥.
  private var low = 0
  private var hasSelected = false

  /// - Parameter buffer: NaN-free values, reordered in place.
  init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }

  /// The value of 0-based `rank` in ascending order.
  /// - Complexity: O(m) expected, O(m log m) at worst.
  mutating func value(at rank: Int) -> Double {
    precondition(rank >= 0 && rank < buffer.count, "rank \(rank) of \(buffer.count)")
    if hasSelected && rank == low { return buffer[rank] }
    if hasSelected && rank == low + 1 {
      // The smallest of what follows the last rank (all ≥ it): one scan, no partition. This is
      // the second middle value of an even count, asked right after the first.
      var smallest = rank
      for i in (rank + 1)..<buffer.count where buffer[i] < buffer[smallest] { smallest = i }
      buffer.swapAt(rank, smallest)
    } else {
      select(buffer, rank, rank >= low ? low : 0, buffer.count - 1)
    }
    low = rank
    hasSelected = true
    return buffer[rank]
  }
}

/// Places the k-th smallest value of buffer[low...high] at index k, smaller-or-equal values
/// before it and greater-or-equal after it.
///
/// Quickselect with a median-of-three pivot and a branch-free Lomuto partition (Alexandrescu,
/// "Lomuto's comeback", 2019): every element is moved by the same instructions whatever the
/// comparison says, so the partition does not pay a mispredicted branch on every other element
/// of random data (the slopes of Sen's estimator are such data). When the pivot is the smallest
/// value of the range, a second branch-free pass gathers the values equal to it, so that runs of
/// ties (integer-valued series give many equal slopes) are set aside in one pass rather than
/// peeled one at a time. A budget of 2·log₂(m) + 8 rounds guards the worst case: what is left
/// is then sorted.
private func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int, _ low: Int, _ high: Int) {
  guard let p = a.baseAddress else { return }
  var low = low
  var high = high
  var budget = 2 * (Int.bitWidth - max(1, high - low + 1).leadingZeroBitCount) + 8
  while high > low {
    if budget == 0 {
      var rest = UnsafeMutableBufferPointer(rebasing: a[low...high])
      rest.sort()
      return
    }
    budget -= 1
    // Median of three as pivot, moved to `high`.
    let middle = low + (high - low) / 2
    if p[middle] < p[low] { a.swapAt(middle, low) }
    if p[high] < p[low] { a.swapAt(high, low) }
    if p[middle] < p[high] { a.swapAt(middle, high) }
    let pivot = p[high]
    // [low, lessEnd) < pivot after the pass; an element is swapped to `lessEnd` when smaller,
    // written back in place otherwise (delta 0).
    var lessEnd = low
    for i in low..<high {
      let x = p[i]
      let smaller = Int(unsafeBitCast(x < pivot, to: UInt8.self))  // 0 or 1, no branch
      let delta = (i &- lessEnd) & (0 &- smaller)
      p[lessEnd &+ delta] = p[lessEnd]
      p[i &- delta] = x
      lessEnd &+= smaller
    }
    a.swapAt(lessEnd, high)  // the pivot to its place; (lessEnd, high] are ≥ it
    if k < lessEnd {
      high = lessEnd - 1
      continue
    }
    if k == lessEnd { return }
    var equalEnd = lessEnd + 1
    if lessEnd == low {
      // The pivot is the smallest value: gather its ties, [lessEnd, equalEnd) == pivot.
      for i in equalEnd...high {
        let x = p[i]
        let equal = Int(unsafeBitCast(x <= pivot, to: UInt8.self))
        let delta = (i &- equalEnd) & (0 &- equal)
        p[equalEnd &+ delta] = p[equalEnd]
        p[i &- delta] = x
        equalEnd &+= equal
      }
      if k < equalEnd { return }
    }
    low = equalEnd
  }
}
