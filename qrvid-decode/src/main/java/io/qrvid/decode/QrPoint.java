package io.qrvid.decode;

/**
 * A point in the coordinates of the image that was scanned (pixels, origin top-left, x to the right, y down).
 *
 * @param x horizontal position in pixels
 * @param y vertical position in pixels
 */
public record QrPoint(double x, double y) {}
