/// Backbone's version, as reports and the run history record it.
public enum BackboneVersion {
  /// Semantic version of this build.
  public static let current = "0.2.0"
}
