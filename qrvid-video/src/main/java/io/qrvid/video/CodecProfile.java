package io.qrvid.video;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Video codec settings: encoder, container, pixel format, frame rate, rate control (CRF or constant QP), x264
 * preset and tune, and GOP length (keyframe interval).
 *
 * <p>Presets: {@link #dense()} (the default), {@link #fast()} and {@link #lossless()}. Every setting is recorded in
 * the video's index. Immutable and thread-safe.
 *
 * <pre>{@code
 * CodecProfile p = CodecProfile.dense().newBuilder().crf(30).gop(120).build();
 * }</pre>
 */
public final class CodecProfile {
  private final String name;
  private final String codec;
  private final String container;
  private final String pixelFormat;
  private final int fps;
  private final @Nullable Integer crf;
  private final @Nullable Integer qp;
  private final String preset;
  private final @Nullable String tune;
  private final int gop;
  private final Map<String, String> extraOptions;

  private CodecProfile(Builder b) {
    name = b.name;
    codec = b.codec;
    container = b.container;
    pixelFormat = b.pixelFormat;
    fps = b.fps;
    crf = b.crf;
    qp = b.qp;
    preset = b.preset;
    tune = b.tune;
    gop = b.gop;
    extraOptions = Map.copyOf(b.extraOptions);
  }

  /** A builder starting from {@link #dense()}. */
  public static Builder builder() {
    return dense().newBuilder().name("custom");
  }

  /**
   * The default profile: H.264 (libx264) in MP4, yuv420p, 30 fps, CRF 30, preset medium, tune stillimage, GOP 60.
   * With the default {@code FrameLayout} (version 40-L, 2 px/module) every symbol of the vim manual decoded up
   * to CRF 34 and half failed at CRF 38 (measured 2026-11-21); CRF 30 keeps a margin of four steps.
   */
  public static CodecProfile dense() {
    return new Builder().build();
  }

  /** Faster encoding, larger files: like {@link #dense()} with preset veryfast and CRF 24. */
  public static CodecProfile fast() {
    return new Builder().name("FAST").preset("veryfast").crf(24).build();
  }

  /** Lossless H.264 (constant QP 0, preset veryfast): exact pixels, large files. */
  public static CodecProfile lossless() {
    return new Builder().name("LOSSLESS").qp(0).preset("veryfast").tune(null).build();
  }

  /**
   * Looks up a preset by name: {@code dense}, {@code fast} or {@code lossless} (any case).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static CodecProfile named(String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "dense":
        return dense();
      case "fast":
        return fast();
      case "lossless":
        return lossless();
      default:
        throw new IllegalArgumentException("unknown codec profile '" + name + "' (dense, fast, lossless)");
    }
  }

  /** A builder initialised from this profile. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** The profile's name (DENSE, FAST, LOSSLESS or custom). */
  public String name() {
    return name;
  }

  /** The FFmpeg encoder name, e.g. {@code libx264}. */
  public String codec() {
    return codec;
  }

  /** The FFmpeg muxer name, e.g. {@code mp4}. */
  public String container() {
    return container;
  }

  /** The Humble pixel-format constant, e.g. {@code PIX_FMT_YUV420P}. */
  public String pixelFormat() {
    return pixelFormat;
  }

  /** Frames per second; the timebase is {@code 1/fps}. */
  public int fps() {
    return fps;
  }

  /** The constant rate factor, when rate control is CRF. */
  public @Nullable Integer crf() {
    return crf;
  }

  /** The constant quantiser, when rate control is constant QP. */
  public @Nullable Integer qp() {
    return qp;
  }

  /** The x264 preset. */
  public String preset() {
    return preset;
  }

  /** The x264 tune, or null. */
  public @Nullable String tune() {
    return tune;
  }

  /** The GOP length: the maximum number of frames between keyframes. */
  public int gop() {
    return gop;
  }

  /** Further encoder options, passed as they are. */
  public Map<String, String> extraOptions() {
    return extraOptions;
  }

  /** Every option set on the encoder, in order: rate control, preset, tune, GOP, then the extra options. */
  public Map<String, String> encoderOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    if (qp != null) {
      m.put("qp", qp.toString());
    } else if (crf != null) {
      m.put("crf", crf.toString());
    }
    m.put("preset", preset);
    if (tune != null) {
      m.put("tune", tune);
    }
    m.put("g", Integer.toString(gop));
    m.putAll(extraOptions);
    return m;
  }

  @Override
  public String toString() {
    return name + encoderOptions() + " " + codec + "/" + container + " " + fps + "fps";
  }

  /** Configures a {@link CodecProfile}. Mutable and not thread-safe. */
  public static final class Builder {
    private String name = "DENSE";
    private String codec = "libx264";
    private String container = "mp4";
    private String pixelFormat = "PIX_FMT_YUV420P";
    private int fps = 30;
    private @Nullable Integer crf = 30;
    private @Nullable Integer qp;
    private String preset = "medium";
    private @Nullable String tune = "stillimage";
    private int gop = 60;
    private Map<String, String> extraOptions = new LinkedHashMap<>();

    private Builder() {}

    private Builder(CodecProfile p) {
      name = p.name;
      codec = p.codec;
      container = p.container;
      pixelFormat = p.pixelFormat;
      fps = p.fps;
      crf = p.crf;
      qp = p.qp;
      preset = p.preset;
      tune = p.tune;
      gop = p.gop;
      extraOptions = new LinkedHashMap<>(p.extraOptions);
    }

    /** The profile's name, recorded in the index. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
      return this;
    }

    /** The FFmpeg encoder name (default {@code libx264}). */
    public Builder codec(String codec) {
      this.codec = Objects.requireNonNull(codec, "codec == null");
      return this;
    }

    /** The FFmpeg muxer name (default {@code mp4}). */
    public Builder container(String container) {
      this.container = Objects.requireNonNull(container, "container == null");
      return this;
    }

    /** Frames per second (default 30). @throws IllegalArgumentException unless 1..240 */
    public Builder fps(int fps) {
      if (fps < 1 || fps > 240) {
        throw new IllegalArgumentException("fps not in 1..240: " + fps);
      }
      this.fps = fps;
      return this;
    }

    /** CRF rate control (0..51, lower is better quality); clears any QP. @throws IllegalArgumentException */
    public Builder crf(int crf) {
      if (crf < 0 || crf > 51) {
        throw new IllegalArgumentException("crf not in 0..51: " + crf);
      }
      this.crf = crf;
      this.qp = null;
      return this;
    }

    /** Constant-QP rate control (0..51; 0 is lossless in x264); clears any CRF. @throws IllegalArgumentException */
    public Builder qp(int qp) {
      if (qp < 0 || qp > 51) {
        throw new IllegalArgumentException("qp not in 0..51: " + qp);
      }
      this.qp = qp;
      this.crf = null;
      return this;
    }

    /** The x264 preset, ultrafast..placebo (default medium). */
    public Builder preset(String preset) {
      this.preset = Objects.requireNonNull(preset, "preset == null");
      return this;
    }

    /** The x264 tune, or null for none (default stillimage). */
    public Builder tune(@Nullable String tune) {
      this.tune = tune;
      return this;
    }

    /** The GOP length in frames (default 60). @throws IllegalArgumentException if {@code frames < 1} */
    public Builder gop(int frames) {
      if (frames < 1) {
        throw new IllegalArgumentException("gop < 1: " + frames);
      }
      this.gop = frames;
      return this;
    }

    /** Adds a raw encoder option, e.g. {@code ("x264-params", "aq-mode=0")}. */
    public Builder option(String key, String value) {
      extraOptions.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** Builds the profile. */
    public CodecProfile build() {
      return new CodecProfile(this);
    }
  }
}
