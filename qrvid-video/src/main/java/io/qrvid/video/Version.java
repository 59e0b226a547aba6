package io.qrvid.video;

/** The library version, from the jar manifest when packaged. */
final class Version {
  static final String LIBRARY;

  static {
    String v = Version.class.getPackage().getImplementationVersion();
    LIBRARY = v == null ? "0.1.0-SNAPSHOT" : v;
  }

  private Version() {}
}
