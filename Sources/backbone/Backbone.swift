import ArgumentParser
import Reports

/// The command-line tool: parses, wires, prints and maps failures to exit codes.
@main
struct Backbone: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backbone",
    abstract: "Shared measurement for partnerships: read indicator exports, see what changed, report it.",
    discussion: ExitStatus.helpText,
    version: BackboneVersion.current,
    subcommands: [
      Inspect.self, Convert.self, Analyze.self, InequalityCommand.self, Chain.self, Report.self, RunJob.self,
      HistoryCommand.self, DiffCommand.self, ScheduleCommand.self,
    ])

  static func main() {
    ProcessMemory.configure()
    main(nil)
  }
}
