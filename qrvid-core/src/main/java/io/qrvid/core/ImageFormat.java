package io.qrvid.core;

/** File formats of standalone QR images. */
public enum ImageFormat {
  /** PNG, a two-colour indexed image. */
  PNG("png", "image/png"),
  /** SVG, one path of module rectangles; scales without loss. */
  SVG("svg", "image/svg+xml");

  private final String extension;
  private final String mediaType;

  ImageFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /** {@return the file-name extension without the dot, e.g. {@code png}} */
  public String extension() {
    return extension;
  }

  /** {@return the media type, e.g. {@code image/png}} */
  public String mediaType() {
    return mediaType;
  }
}
