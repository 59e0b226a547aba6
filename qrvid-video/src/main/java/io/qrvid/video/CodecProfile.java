package io.qrvid.video;

import io.qrvid.core.FrameLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Video codec settings: encoder, container, pixel format, frame rate, rate control (CRF or constant QP), x264
 * preset and tune, and GOP length (keyframe interval).
 *
 * <p>Presets, measured on 2026-11-21 (see the README's table): {@link #dense()} (the default, lossless H.264 in MP4),
 * {@link #fast()}, {@link #lossless()} (FFV1 in Matroska, the densest) and {@link #lossy()} (camera-readable
 * frames). Each carries the frame layout and grey levels it was measured with. Every setting is recorded in the
 * video's index. Immutable and thread-safe.
 *
 * <pre>{@code
 * CodecProfile p = CodecProfile.dense().newBuilder().preset("slow").gop(120).build();
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
  private final Map<String, String> muxerOptions;
  private final int darkLevel;
  private final int lightLevel;
  private final FrameLayout layout;

  private CodecProfile(Builder b) {
    muxerOptions = Map.copyOf(b.muxerOptions);
    darkLevel = b.darkLevel;
    lightLevel = b.lightLevel;
    layout = b.layout;
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
   * The default: lossless H.264 in a fragmented MP4. Constant QP 0 (exact pixels), preset veryfast, no tune, GOP 60,
   * one version-40-L symbol per frame at 1 pixel per module, modules at grey levels 127/128.
   *
   * <p>Why: lossless H.264 codes the difference between neighbouring pixels, so adjacent grey levels cost far less
   * than black and white (measured 2.0 vs 12.1 bytes of video per payload byte), and exact pixels need no safety
   * margin, unlike lossy rate control whose failure edge is one CRF step wide. Measured on 2026-11-21 with random
   * full-capacity payloads: about 2.0 bytes of video per payload byte, 1.0 per byte of English text after
   * Deflate. Preset veryfast costs 1% in size against medium (0.964 vs 0.955 (video + index) / text on the vim
   * manual) and encodes about 1.7 times faster. Such frames are read by sampling the module grid the index
   * describes; they are not meant for cameras.
   * The fragmented MP4 ({@code movflags=frag_keyframe+empty_moov}) keeps the complete part of a truncated file
   * readable.
   */
  public static CodecProfile dense() {
    return new Builder().build();
  }

  /** Like {@link #dense()} with every frame a keyframe: about 5% larger, x264 about twice as fast, and any frame
   * decodes on its own (fastest random access). */
  public static CodecProfile fast() {
    return new Builder().name("FAST").preset("veryfast").gop(1).build();
  }

  /**
   * The densest profile: FFV1 (lossless, range coder {@code coder=1}, large context model {@code context=1}) in
   * Matroska, 3 x 3 version-40-L symbols per frame at 1 pixel per module, quiet zone 1, black and white modules,
   * GOP 10. Measured about 1.47 bytes of video per payload byte (0.71 per byte of English text). Needs a
   * {@code .mkv} output; Matroska players other than FFmpeg-based ones may not play FFV1.
   */
  public static CodecProfile lossless() {
    return new Builder().name("LOSSLESS").codec("ffv1").container("matroska").gop(10).levels(0, 255)
        .option("coder", "1").option("context", "1").muxerOptions(Map.of())
        .layout(FrameLayout.builder().modulePixels(1).quietZone(1).grid(3, 3).build()).build();
  }

  /**
   * Lossy H.264 (CRF 30, preset medium, tune stillimage, GOP 60) with black-and-white modules of 2 pixels: frames
   * that look like QR codes and that camera-style decoders can read, at about 5.7 bytes of video per payload byte.
   * Decoding of the vim manual succeeded up to CRF 34 and half the symbols failed at CRF 38 (measured 2026-11-21),
   * so CRF 30 keeps a margin of four steps.
   */
  public static CodecProfile lossy() {
    return new Builder().name("LOSSY").qp(null).crf(30).preset("medium").tune("stillimage").levels(0, 255)
        .layout(FrameLayout.builder().modulePixels(2).build()).build();
  }

  /**
   * Looks up a preset by name: {@code dense}, {@code fast}, {@code lossless} or {@code lossy} (any case).
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
      case "lossy":
        return lossy();
      default:
        throw new IllegalArgumentException("unknown codec profile '" + name + "' (dense, fast, lossless, lossy)");
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

  /** Options for the muxer (container), e.g. {@code movflags}; see {@link Builder#muxerOption}. */
  public Map<String, String> muxerOptions() {
    return muxerOptions;
  }

  /** The grey level of dark modules. */
  public int darkLevel() {
    return darkLevel;
  }

  /** The grey level of light modules. */
  public int lightLevel() {
    return lightLevel;
  }

  /** The frame layout this profile was measured with; the encoder uses it unless given another. */
  public FrameLayout layout() {
    return layout;
  }

  /**
   * Every option set on the encoder, in order. For libx264: rate control ({@code qp} or {@code crf}),
   * {@code preset}, {@code tune}, then {@code g}; for other encoders only {@code g}; then the extra options.
   */
  public Map<String, String> encoderOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    if (codec.equals("libx264")) {
      if (qp != null) {
        m.put("qp", qp.toString());
      } else if (crf != null) {
        m.put("crf", crf.toString());
      }
      m.put("preset", preset);
      if (tune != null) {
        m.put("tune", tune);
      }
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
    private int darkLevel = 127;
    private int lightLevel = 128;
    private FrameLayout layout = FrameLayout.builder().modulePixels(1).build();
    private String codec = "libx264";
    private String container = "mp4";
    private String pixelFormat = "PIX_FMT_YUV420P";
    private int fps = 30;
    private @Nullable Integer crf;
    private @Nullable Integer qp = 0;
    private String preset = "veryfast";
    private @Nullable String tune;
    private int gop = 60;
    private Map<String, String> extraOptions = new LinkedHashMap<>();
    private Map<String, String> muxerOptions = new LinkedHashMap<>(Map.of("movflags", "frag_keyframe+empty_moov"));

    private Builder() {}

    private Builder(CodecProfile p) {
      darkLevel = p.darkLevel;
      lightLevel = p.lightLevel;
      layout = p.layout;
      muxerOptions = new LinkedHashMap<>(p.muxerOptions);
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

    /**
     * Constant-QP rate control (0..51; 0 is lossless in x264), or null for none; a non-null value clears any CRF.
     *
     * @throws IllegalArgumentException if not in 0..51
     */
    public Builder qp(@Nullable Integer qp) {
      if (qp != null && (qp < 0 || qp > 51)) {
        throw new IllegalArgumentException("qp not in 0..51: " + qp);
      }
      this.qp = qp;
      if (qp != null) {
        this.crf = null;
      }
      return this;
    }

    /**
     * The grey levels of dark and light modules (default 127/128; see {@link #dense()}).
     *
     * @throws IllegalArgumentException unless {@code 0 <= dark < light <= 255}
     */
    public Builder levels(int dark, int light) {
      if (dark < 0 || light > 255 || dark >= light) {
        throw new IllegalArgumentException("levels must satisfy 0 <= dark < light <= 255: " + dark + "/" + light);
      }
      this.darkLevel = dark;
      this.lightLevel = light;
      return this;
    }

    /** The frame layout this profile recommends (default: version 40-L, 1 pixel per module, quiet zone 2). */
    public Builder layout(FrameLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout == null");
      return this;
    }

    /** Replaces all muxer options (default {@code movflags=frag_keyframe+empty_moov} for MP4). */
    public Builder muxerOptions(Map<String, String> options) {
      this.muxerOptions = new LinkedHashMap<>(options);
      return this;
    }

    /** The x264 preset, ultrafast..placebo (default veryfast). */
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

    /**
     * Adds a muxer option, e.g. {@code ("movflags", "frag_keyframe+empty_moov")} for a fragmented MP4 whose
     * complete fragments stay readable when the file is cut short.
     */
    public Builder muxerOption(String key, String value) {
      muxerOptions.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** Builds the profile. */
    public CodecProfile build() {
      return new CodecProfile(this);
    }
  }
}
