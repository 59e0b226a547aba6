package io.qrvid.video;

/** The library version recorded in every index ({@link io.qrvid.core.LibraryVersion}). */
final class Version {
  static final String LIBRARY = io.qrvid.core.LibraryVersion.current();

  private Version() {}
}
