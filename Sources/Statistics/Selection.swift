/// Order statistics by selection (quickselect with median-of-three pivots, falling back to a
/// sort of the remaining range when partitioning goes badly), so that a median of m values
/// costs O(m) on average instead of the O(m log m) of a full sort.
///
/// - Parameters:
///   - values: The values, reordered in place. Must not contain NaN.
///   - ranks: 0-based ranks, ascending.
/// - Returns: The value of each rank in the sorted order.
/// - Complexity: O(m) expected for each rank, O(m log m) at worst.
func orderStatistics(_ values: inout [Double], ranks: [Int]) -> [Double] {
  var result: [Double] = []
  result.reserveCapacity(ranks.count)
  var low = 0
  values.withUnsafeMutableBufferPointer { buffer in
    for rank in ranks {
      precondition(rank >= low && rank < buffer.count, "ranks must be ascending and in range")
      select(buffer, rank, low, buffer.count - 1)
      result.append(buffer[rank])
      low = rank  // everything after `rank` is now ≥ buffer[rank]
    }
  }
  return result
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

/// Places the k-th smallest value of buffer[low...high] at index k, smaller-or-equal values
/// before it and greater-or-equal after it.
private func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int, _ low: Int, _ high: Int) {
  var low = low
  var high = high
  var budget = 2 * (Int.bitWidth - max(1, high - low + 1).leadingZeroBitCount) + 8
  while high > low {
    if budget == 0 {
      // Introselect's guard: sort what is left.
      var rest = UnsafeMutableBufferPointer(rebasing: a[low...high])
      rest.sort()
      return
    }
    budget -= 1
    // Median of three as pivot, moved to `high`.
    let middle = low + (high - low) / 2
    if a[middle] < a[low] { a.swapAt(middle, low) }
    if a[high] < a[low] { a.swapAt(high, low) }
    if a[middle] < a[high] { a.swapAt(middle, high) }
    let pivot = a[high]
    // Lomuto partition with a three-way split, so runs of equal values (ties) do not degrade.
    var lessEnd = low
    var i = low
    var greaterStart = high
    while i < greaterStart {
      if a[i] < pivot {
        a.swapAt(i, lessEnd)
        lessEnd += 1
        i += 1
      } else if a[i] > pivot {
        greaterStart -= 1
        a.swapAt(i, greaterStart)
      } else {
        i += 1
      }
    }
    // [low, lessEnd) < pivot, [lessEnd, greaterStart) == pivot, [greaterStart, high) > pivot,
    // and a[high] == pivot: move it to the equal block.
    a.swapAt(greaterStart, high)
    let equalEnd = greaterStart  // inclusive
    if k < lessEnd {
      high = lessEnd - 1
    } else if k > equalEnd {
      low = equalEnd + 1
    } else {
      return
    }
  }
}
