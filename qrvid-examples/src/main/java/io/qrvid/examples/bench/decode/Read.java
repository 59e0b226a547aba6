package io.qrvid.examples.bench.decode;

/**
 * One decoded symbol as the bench scores it: its text, its raw byte-mode bytes, and its centre in the pixels of the
 * decoded image ({@code located == false} when the decoder gave no corners: then it lies in every label).
 */
record Read(String text, byte[] raw, double x, double y, boolean located) {}
