/// Writes rejected records as CSV: `line,field,reason,record`, the record's bytes unchanged
/// inside one quoted field (doubled quotes are the only change, and reading the file back as
/// CSV restores them exactly).
public enum RejectedRowsWriter {
  public static func write(_ rows: [RejectedRow], source: String, to output: OutputFile) throws(CSVError) {
    try output.write(bytes(rows, source: source))
  }

  public static func bytes(_ rows: [RejectedRow], source: String) -> [UInt8] {
    var out = Array("source,line,field,kind,reason,record\n".utf8)
    for r in rows {
      out += TableWriter.csvField(Array(source.utf8)) + [44]
      out += Array(String(r.line).utf8) + [44]
      out += Array((r.field.map(String.init) ?? "").utf8) + [44]
      out += Array(r.kind.rawValue.utf8) + [44]
      out += TableWriter.csvField(Array(r.reason.utf8)) + [44]
      var quoted: [UInt8] = [34]
      for b in r.raw {
        quoted.append(b)
        if b == 34 { quoted.append(34) }
      }
      quoted.append(34)
      out += quoted + [10]
    }
    return out
  }
}
