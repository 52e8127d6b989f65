import Foundation

/// Where the templates Backbone ships (the Markdown reports and the workbook layouts) are, so
/// that `backbone report` works from any folder, not only from the checkout's root.
public enum ShippedTemplates {
  /// A file every shipped templates folder holds.
  static let marker = "quarterly-report.md.mustache"

  /// The folders searched, in order: `$BACKBONE_TEMPLATES` (used as given when set);
  /// `templates` in the working folder;
  /// `templates` beside the executable or in one of its four parents (a build in
  /// `.build/release/` or `.build/<triple>/release/` of a checkout); `share/backbone/templates`
  /// of the executable's prefix (an installed `bin/backbone`).
  /// - Parameters:
  ///   - executable: the running executable's path (`nil` when unknown).
  ///   - environment: the process environment.
  public static func candidates(executable: String?, environment: [String: String]) -> [String] {
    var out: [String] = []
    if let explicit = environment["BACKBONE_TEMPLATES"], !explicit.isEmpty { out.append(explicit) }
    out.append("templates")
    if let executable {
      var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
      let binFolder = folder
      for _ in 0..<5 {
        out.append(folder.appendingPathComponent("templates").path)
        folder.deleteLastPathComponent()
      }
      out.append(binFolder.deletingLastPathComponent().appendingPathComponent("share/backbone/templates").path)
    }
    var seen = Set<String>()
    return out.filter { seen.insert($0).inserted }
  }

  /// The first of `candidates` that holds the shipped templates, or `nil`.
  public static func locate(executable: String?, environment: [String: String]) -> String? {
    // A folder named by the environment is used as given (a wrong one is then an error that
    // names it, not silently passed over).
    if let explicit = environment["BACKBONE_TEMPLATES"], !explicit.isEmpty { return explicit }
    return candidates(executable: executable, environment: environment).first {
      FileManager.default.fileExists(atPath: $0 + "/" + marker)
    }
  }

  /// The shipped templates' folder for this process: ``locate(executable:environment:)`` with
  /// the running executable and environment; `templates` when no candidate holds them, so that
  /// the error names the usual place (``missingHint(in:)`` says where else was looked).
  public static var directory: String {
    locate(executable: runningExecutable, environment: ProcessInfo.processInfo.environment) ?? "templates"
  }

  /// What to say when `directory` does not hold the shipped templates.
  public static func missingHint(in directory: String) -> String {
    let places = candidates(executable: runningExecutable, environment: ProcessInfo.processInfo.environment)
    return "\(directory) does not hold Backbone's templates (its templates/ folder, with \(marker)); "
      + "without --templates they are looked for in " + places.joined(separator: ", ")
      + "; pass --templates DIR or set BACKBONE_TEMPLATES"
  }

  /// The running executable (`/proc/self/exe` on Linux; else the command's path when it has
  /// one: a bare `backbone` found through PATH says nothing about where it lives).
  static var runningExecutable: String? {
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return exe }
    return CommandLine.arguments.first.flatMap { $0.contains("/") ? $0 : nil }
  }
}
