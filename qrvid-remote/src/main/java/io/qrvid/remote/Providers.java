package io.qrvid.remote;

import java.util.Objects;
import okhttp3.HttpUrl;

/** Argument checks shared by the provider builders. */
final class Providers {
  private Providers() {}

  static HttpUrl base(String url) {
    Objects.requireNonNull(url, "baseUrl == null");
    HttpUrl u = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (u == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    return u;
  }

  static String secret(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value;
  }

  static String model(String model) {
    Objects.requireNonNull(model, "model == null");
    if (!model.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("model name must match [A-Za-z0-9._-]+: " + model);
    }
    return model;
  }
}
