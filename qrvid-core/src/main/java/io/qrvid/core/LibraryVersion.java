package io.qrvid.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of the qrvid library on the class path, e.g. {@code "0.1.0"}: what every index records as
 * {@code libraryVersion} and what {@code qrvid --version} prints.
 *
 * <p>Read from the jar manifest's {@code Implementation-Version} (written by the build), or, when the classes are
 * not in a jar (tests, IDEs), from the {@code qrvid-version.properties} resource the build filters with the
 * project version. Thread-safe.
 */
public final class LibraryVersion {
  private static final String VERSION = read();

  private LibraryVersion() {}

  /** {@return the library version; {@code "unknown"} only if neither the manifest nor the build resource is present} */
  public static String current() {
    return VERSION;
  }

  private static String read() {
    String fromManifest = LibraryVersion.class.getPackage().getImplementationVersion();
    if (fromManifest != null && !fromManifest.isBlank()) {
      return fromManifest;
    }
    try (InputStream in = LibraryVersion.class.getResourceAsStream("qrvid-version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "").trim();
        if (!v.isEmpty() && !v.startsWith("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "unknown";
  }
}
