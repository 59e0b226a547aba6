package io.qrvid.decode;

/**
 * The encoded image formats that {@link ImageLoader} reads. Each has a header probe in qrvid that reads the
 * declared dimensions before any pixel is decoded; bytes in any other format are rejected with
 * {@link QrImageException.Reason#UNSUPPORTED_FORMAT}.
 */
public enum ImageFormat {
  /** PNG (ISO/IEC 15948): 1-16 bits per sample, grey, grey + alpha, RGB, RGBA, palette; decoded by the JDK. */
  PNG,
  /**
   * JPEG (ITU-T T.81, JFIF/EXIF): grey, YCbCr, and CMYK/YCCK (decoded by TwelveMonkeys ImageIO); the EXIF
   * orientation is applied.
   */
  JPEG,
  /** GIF 87a/89a: the first frame of an animation; decoded by the JDK. */
  GIF,
  /** Windows BMP: 1, 4, 8, 16, 24 or 32 bits per pixel, uncompressed or RLE; decoded by the JDK. */
  BMP,
  /** WebP: lossy (VP8), lossless (VP8L) and extended (VP8X, first frame of an animation); decoded by TwelveMonkeys. */
  WEBP,
  /** Baseline TIFF 6.0 (not BigTIFF): the first page; decoded by the JDK. */
  TIFF
}
