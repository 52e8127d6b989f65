import Indicators
import ResultsChain

/// An SVG 1.1 line chart of one series: values with markers and labels, the interval as a
/// band and error bars, the target and the benchmark as dashed lines with labels, so that it
/// reads without colour.
enum LineChart {
  static let width = 720.0
  static let height = 400.0
  static let left = 72.0
  static let right = 540.0
  static let top = 56.0
  static let bottom = 320.0

  /// The chart as an SVG document.
  ///
  /// Periods are spaced evenly in series order; a point without a value breaks the line and is
  /// marked `×` on the axis. The y axis spans every value, interval bound, target and benchmark
  /// value, widened to ticks of 1, 2 or 5 × 10ᵏ.
  /// - Parameters:
  ///   - s: the series.
  ///   - indicator: its indicator (title, unit, decimals, and the benchmark area's series).
  /// - Returns: the document, UTF-8 text ending with a line break.
  /// - Complexity: O(n) in the points.
  static func svg(_ s: SeriesReport, of indicator: IndicatorReport) -> String {
    let d = indicator.decimals
    let n = s.points.count
    let bench = benchmarkValues(s, of: indicator)
    var ys = s.points.flatMap { [$0.value, $0.lower, $0.upper].compactMap { $0 } }
    ys += bench.compactMap { $0 }
    if let t = s.target?.target { ys.append(t) }
    ys = ys.filter(\.isFinite)
    let (lo, hi, step) = axis(ys.min() ?? 0, ys.max() ?? 1)
    func x(_ i: Int) -> Double { n <= 1 ? (left + right) / 2 : left + (right - left) * Double(i) / Double(n - 1) }
    func y(_ v: Double) -> Double { bottom - (bottom - top) * (v - lo) / (hi - lo) }
    func c(_ v: Double) -> String { fixed(v, 1) }

    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(c(width))\" height=\"\(c(height))\" "
    out += "viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
    out += "<title>\(xml(indicator.title))</title>\n<desc>\(xml(altText(s, of: indicator)))</desc>\n"
    out += "<rect x=\"0\" y=\"0\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"#ffffff\"/>\n"
    let subtitle = [s.area?.display, s.breakdownText.isEmpty ? nil : s.breakdownText, indicator.unit]
      .compactMap { $0 }.joined(separator: " · ")
    out += "<text x=\"\(c(left))\" y=\"24\" font-size=\"15\" font-weight=\"bold\">\(xml(indicator.title))</text>\n"
    out += "<text x=\"\(c(left))\" y=\"42\">\(xml(subtitle))</text>\n"

    // Axes and ticks.
    out += "<g class=\"axes\" stroke=\"#000000\" stroke-width=\"1\">\n"
    out += "<line x1=\"\(c(left))\" y1=\"\(c(top))\" x2=\"\(c(left))\" y2=\"\(c(bottom))\"/>\n"
    out += "<line x1=\"\(c(left))\" y1=\"\(c(bottom))\" x2=\"\(c(right))\" y2=\"\(c(bottom))\"/>\n</g>\n"
    var tick = lo
    var ticks = 0
    while tick <= hi + step / 2 && ticks < 20 {
      out += "<line class=\"grid\" x1=\"\(c(left - 4))\" y1=\"\(c(y(tick)))\" x2=\"\(c(right))\" y2=\"\(c(y(tick)))\" "
      out += "stroke=\"#dddddd\" stroke-width=\"1\"/>\n"
      out += "<text x=\"\(c(left - 8))\" y=\"\(c(y(tick) + 4))\" text-anchor=\"end\">\(xml(numberText(tick)))</text>\n"
      tick += step
      ticks += 1
    }
    let every = max(1, (n + 7) / 8)
    for (i, p) in s.points.enumerated() where i % every == 0 || i == n - 1 {
      out +=
        "<text class=\"period\" x=\"\(c(x(i)))\" y=\"\(c(bottom + 18))\" text-anchor=\"middle\">\(xml(p.period))</text>\n"
    }

    // Interval: a band over runs of points with both bounds, and an error bar on each.
    for run in runs(s.points.indices.filter { s.points[$0].lower != nil && s.points[$0].upper != nil })
    where run.count > 1 {
      let upper = run.map { "\(c(x($0))),\(c(y(s.points[$0].upper ?? 0)))" }
      let lower = run.reversed().map { "\(c(x($0))),\(c(y(s.points[$0].lower ?? 0)))" }
      out += "<polygon class=\"interval\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"#cccccc\" "
      out += "fill-opacity=\"0.5\" stroke=\"none\"/>\n"
    }
    for (i, p) in s.points.enumerated() {
      guard let l = p.lower, let u = p.upper else { continue }
      out += "<path class=\"interval-bar\" d=\"M\(c(x(i) - 4)),\(c(y(u)))H\(c(x(i) + 4))M\(c(x(i))),\(c(y(u)))"
      out +=
        "V\(c(y(l)))M\(c(x(i) - 4)),\(c(y(l)))H\(c(x(i) + 4))\" stroke=\"#555555\" stroke-width=\"1\" fill=\"none\"/>\n"
    }

    // Target.
    if let t = s.target?.target, t.isFinite {
      out += "<line class=\"target\" x1=\"\(c(left))\" y1=\"\(c(y(t)))\" x2=\"\(c(right))\" y2=\"\(c(y(t)))\" "
      out += "stroke=\"#000000\" stroke-width=\"1.5\" stroke-dasharray=\"8 4\"/>\n"
      let label = "target \(fixed(t, d))" + (s.target?.targetPeriod.map { " by \($0)" } ?? "")
      out += "<text class=\"target-label\" x=\"\(c(right + 8))\" y=\"\(c(y(t) + 4))\">\(xml(label))</text>\n"
    }

    // Benchmark: the benchmark area's series where the data has it.
    if let area = s.benchmark?.area {
      let present = bench.indices.filter { bench[$0] != nil }
      for run in runs(present) where run.count > 1 {
        let pts = run.map { "\(c(x($0))),\(c(y(bench[$0] ?? 0)))" }.joined(separator: " ")
        out += "<polyline class=\"benchmark\" points=\"\(pts)\" fill=\"none\" stroke=\"#000000\" "
        out += "stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\n"
      }
      for i in present {
        let v = bench[i] ?? 0
        out += "<rect class=\"benchmark-point\" x=\"\(c(x(i) - 3.5))\" y=\"\(c(y(v) - 3.5))\" width=\"7\" height=\"7\" "
        out += "fill=\"#ffffff\" stroke=\"#000000\"/>\n"
      }
      if let last = present.last, let v = bench[last] {
        out += "<text class=\"benchmark-label\" x=\"\(c(right + 8))\" y=\"\(c(y(v) + 16))\">"
        out += "\(xml("benchmark \(area) \(fixed(v, d))"))</text>\n"
      }
    }

    // Values: lines broken at gaps, a marker and a label on each value.
    let valued = s.points.indices.filter { s.points[$0].value?.isFinite == true }
    for run in runs(valued) where run.count > 1 {
      let pts = run.map { "\(c(x($0))),\(c(y(s.points[$0].value ?? 0)))" }.joined(separator: " ")
      out += "<polyline class=\"values\" points=\"\(pts)\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>\n"
    }
    let labelAll = valued.count <= 12
    for i in valued {
      let v = s.points[i].value ?? 0
      out +=
        "<circle class=\"value\" cx=\"\(c(x(i)))\" cy=\"\(c(y(v)))\" r=\"4\" fill=\"#1f4e79\" stroke=\"#000000\"/>\n"
      if labelAll || i == valued.first || i == valued.last {
        out += "<text class=\"value-label\" x=\"\(c(x(i)))\" y=\"\(c(y(v) - 9))\" text-anchor=\"middle\">"
        out += "\(xml(fixed(v, d)))</text>\n"
      }
    }
    for (i, p) in s.points.enumerated() where p.value == nil {
      out += "<text class=\"absence\" x=\"\(c(x(i)))\" y=\"\(c(bottom - 6))\" text-anchor=\"middle\">×</text>\n"
    }

    // Legend, in words.
    var legend = ["● value"]
    if s.points.contains(where: { $0.lower != nil && $0.upper != nil }) {
      legend.append("I interval (\(indicator.intervalMethod ?? "as published"))")
    }
    if s.target != nil { legend.append("– – target") }
    if s.benchmark != nil { legend.append("□ benchmark") }
    if s.points.contains(where: { $0.value == nil }) { legend.append("× no value") }
    out +=
      "<text class=\"legend\" x=\"\(c(left))\" y=\"\(c(height - 16))\">\(xml(legend.joined(separator: "   ")))</text>\n"
    return out + "</svg>\n"
  }

  /// "Line chart of … in Northfield from 2018/19 to 2023/24; latest value 87.8 (2023/24);
  /// target 95 by 2025/26."
  static func altText(_ s: SeriesReport, of indicator: IndicatorReport) -> String {
    let d = indicator.decimals
    let valued = s.points.filter { $0.value != nil }
    var text = "Line chart of \(indicator.title)"
    if let a = s.area { text += " in \(a.name ?? a.code)" }
    if let first = valued.first, let last = valued.last { text += " from \(first.period) to \(last.period)" }
    if let l = s.latest, let v = l.value { text += "; latest value \(fixed(v, d)) (\(l.period))" }
    if let t = s.target { text += "; target \(fixed(t.target, d))" + (t.targetPeriod.map { " by \($0)" } ?? "") }
    return text + "."
  }

  /// The benchmark area's value in each of the series' periods (same breakdown), or the
  /// benchmark value in the latest period when the data has no such series.
  static func benchmarkValues(_ s: SeriesReport, of indicator: IndicatorReport) -> [Double?] {
    guard let b = s.benchmark else { return s.points.map { _ in nil } }
    if let other = indicator.series.first(where: { $0.area?.code == b.area && $0.breakdown == s.breakdown }) {
      var byPeriod: [String: Double] = [:]
      for p in other.points { if let v = p.value { byPeriod[p.period] = v } }
      return s.points.map { byPeriod[$0.period] }
    }
    return s.points.map { $0.period == s.latest?.period ? b.value : nil }
  }

  /// The y axis: from a tick at or below `lo` to one at or above `hi`, with about 5 ticks.
  static func axis(_ lo: Double, _ hi: Double) -> (Double, Double, Double) {
    var lo = lo
    var hi = hi
    if hi - lo < 1e-12 {
      let pad = max(abs(lo) * 0.1, 1)
      lo -= pad
      hi += pad
    }
    // Halved before subtracting so that the range of extreme values stays finite.
    let raw = (hi / 2 - lo / 2) / 2.5
    guard raw.isFinite, raw > 0 else { return (lo, hi, max(hi - lo, 1)) }
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    return ((lo / step).rounded(.down) * step, (hi / step).rounded(.up) * step, step)
  }

  /// Consecutive runs of increasing indexes.
  static func runs(_ indexes: [Int]) -> [[Int]] {
    var out: [[Int]] = []
    for i in indexes {
      if let last = out.last?.last, last == i - 1 { out[out.count - 1].append(i) } else { out.append([i]) }
    }
    return out
  }

  /// Text for XML character data and attribute values.
  static func xml(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // Control characters are not allowed in XML 1.0.
        if let a = ch.asciiValue, a < 0x20, a != 0x09, a != 0x0A, a != 0x0D { out += " " } else { out.append(ch) }
      }
    }
    return out
  }
}
