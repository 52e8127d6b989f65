import Foundation
import Testing

@testable import Reports

/// The shipped templates are found from any working folder: the places are listed by hand for a
/// build of a checkout and for an installed executable.
@Suite struct ShippedTemplatesTests {
  @Test func placesInOrderForABuildOfACheckout() {
    let places = ShippedTemplates.candidates(
      executable: "/home/me/backbone/.build/x86_64-unknown-linux-gnu/release/backbone",
      environment: ["BACKBONE_TEMPLATES": "/srv/templates"])
    #expect(
      places == [
        "/srv/templates", "templates",
        "/home/me/backbone/.build/x86_64-unknown-linux-gnu/release/templates",
        "/home/me/backbone/.build/x86_64-unknown-linux-gnu/templates",
        "/home/me/backbone/.build/templates",
        "/home/me/backbone/templates",
        "/home/me/templates",
        "/home/me/backbone/.build/x86_64-unknown-linux-gnu/share/backbone/templates",
      ])
  }

  @Test func anInstalledExecutableLooksInItsPrefix() {
    let places = ShippedTemplates.candidates(executable: "/usr/local/bin/backbone", environment: [:])
    #expect(places.first == "templates")
    #expect(places.contains("/usr/local/share/backbone/templates"))
    #expect(!places.contains { $0.isEmpty })
  }

  /// This checkout's templates folder is found from the test binary (under .build/), whatever
  /// the working folder.
  @Test func theCheckoutsTemplatesAreFoundFromItsBuild() throws {
    var checkout = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { checkout.deleteLastPathComponent() }
    let found = try #require(ShippedTemplates.locate(executable: ShippedTemplates.runningExecutable, environment: [:]))
    #expect(
      URL(fileURLWithPath: found).standardizedFileURL.resolvingSymlinksInPath().path
        == checkout.appendingPathComponent("templates").resolvingSymlinksInPath().path)
  }
}
