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
 * <p>Presets (see the README's table, measured with {@code qrvid bench video}): {@link #dense()} (the default, FFV1
 * in a fragmented QuickTime file, every frame a keyframe), {@link #h264()} (lossless H.264 in MP4, the default before
 * FFV1), {@link #fast()} (the same, every frame a keyframe), {@link #lossless()} (FFV1 with 3 x 3 symbols per frame
 * in Matroska, the densest) and {@link #lossy()} (camera-readable frames). Each carries the frame layout and grey
 * levels it was measured with. Every setting is recorded in the video's index. Immutable and thread-safe.
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

  /** {@return a builder starting from {@link #dense()}} */
  public static Builder builder() {
    return dense().newBuilder().name("custom");
  }

  /**
   * The default: FFV1 (lossless, range coder {@code coder=1}, large context model {@code context=1}), YUV 4:1:0
   * (the frames live in the luma plane; the constant chroma planes cost least at a sixteenth of its size each),
   * every frame a keyframe (GOP 1), one version-40-L symbol per frame at 1 pixel per module, quiet zone 1, frame
   * size aligned to 4 pixels (180 x 180), black and white modules, in a fragmented QuickTime file
   * ({@code movflags=frag_keyframe+empty_moov}).
   *
   * <p>Why ({@code qrvid bench video} on the Vim manual, docs/density.md): FFV1 codes a random module in about 1.2
   * bits where lossless H.264 needs about 1.6 (its residual of a two-level image is -1, 0 or +1 plus a sign), so a
   * byte of compressed payload costs about 1.6 bytes of video against 2.13 for {@link #h264()}. One symbol per frame
   * keeps a frame small, so one chunk costs one or two small frames to decode: frames of 3 x 3 symbols are about 6%
   * denser but a chunk read took about four times as long. GOP 1 makes every frame decodable on its own (FFV1 never
   * reorders frames, so a read seeks straight to its first frame) and a damaged fragment costs exactly one frame;
   * GOP 4 is about 4% smaller (FFV1 keeps its context model across a GOP, and there are fewer fragments) but made
   * one-chunk reads slower at light load (p50 8.9 against 5.8 ms, p95 49 against 8 ms in the same run). Quiet zone 1
   * instead of 2 saves about 1% and costs nothing to reading, which samples the module grid the index describes. The
   * QuickTime container is the MP4 box structure FFV1 can be stored in (ISO MP4 has no FFV1 mapping): a truncated or
   * damaged file keeps its complete fragments readable, exactly as the fragmented MP4 of {@link #h264()}. Its
   * natural name is {@code .mov}; {@code .mp4} is accepted, as for MP4 videos {@code .mov} is. FFmpeg-based players
   * show such frames, others may not know FFV1.
   *
   * @return the DENSE profile
   */
  public static CodecProfile dense() {
    return new Builder().build();
  }

  /**
   * Lossless H.264 in a fragmented MP4, the default before {@link #dense()} moved to FFV1: constant QP 0 (exact
   * pixels), preset veryfast, no tune, GOP 60, one version-40-L symbol per frame at 1 pixel per module, grey levels
   * 127/128 (lossless H.264 codes differences between neighbours, so adjacent levels cost far less than black and
   * white: 2.0 against 12.1 bytes of video per payload byte), frame size aligned to 16. About 2.0 bytes of video per
   * payload byte. Useful where an H.264 file is wanted.
   *
   * @return the H264 profile
   */
  public static CodecProfile h264() {
    return new Builder().name("H264").codec("libx264").container("mp4").pixelFormat("PIX_FMT_YUV420P").qp(0)
        .preset("veryfast").gop(60).levels(127, 128).extraOptions(Map.of())
        .layout(FrameLayout.builder().modulePixels(1).build()).build();
  }

  /** {@return a profile like {@link #h264()} with every frame a keyframe: about 5% larger, x264 about twice as fast} */
  public static CodecProfile fast() {
    return h264().newBuilder().name("FAST").gop(1).build();
  }

  /**
   * The densest profile: FFV1 as in {@link #dense()} with 3 x 3 version-40-L symbols per frame, quiet zone 1, GOP
   * 10, in Matroska. About 6% denser than {@link #dense()} but each frame takes about nine times as long to decode,
   * so one chunk is slower to read. Needs a {@code .mkv} output; Matroska players other than FFmpeg-based ones may
   * not play FFV1.
   *
   * @return the LOSSLESS profile
   */
  public static CodecProfile lossless() {
    return new Builder().name("LOSSLESS").container("matroska").gop(10).muxerOptions(Map.of())
        .layout(FrameLayout.builder().modulePixels(1).quietZone(1).grid(3, 3).frameAlignment(4).build()).build();
  }

  /**
   * Lossy H.264 (CRF 30, preset medium, tune stillimage, GOP 60) with black-and-white modules of 2 pixels: frames
   * that look like QR codes and that camera-style decoders can read, at about 5.7 bytes of video per payload byte.
   * Decoding of the vim manual succeeded up to CRF 34 and half the symbols failed at CRF 38 (measured 2026-11-21),
   * so CRF 30 keeps a margin of four steps.
   *
   * @return the LOSSY profile
   */
  public static CodecProfile lossy() {
    return h264().newBuilder().name("LOSSY").qp(null).crf(30).preset("medium").tune("stillimage").gop(60)
        .levels(0, 255).layout(FrameLayout.builder().modulePixels(2).build()).build();
  }

  /**
   * Looks up a preset by name: {@code dense}, {@code h264}, {@code fast}, {@code lossless} or {@code lossy} (any
   * case).
   *
   * @param name the preset's name
   * @return the preset
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException for any other name
   */
  public static CodecProfile named(String name) {
    switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "dense":
        return dense();
      case "h264":
        return h264();
      case "fast":
        return fast();
      case "lossless":
        return lossless();
      case "lossy":
        return lossy();
      default:
        throw new IllegalArgumentException("unknown codec profile " + io.qrvid.core.internal.SafeFiles.quote(name)
            + " (dense, h264, fast, lossless, lossy)");
    }
  }

  /** {@return a builder initialised from this profile} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the profile's name (DENSE, H264, FAST, LOSSLESS, LOSSY or custom)} */
  public String name() {
    return name;
  }

  /** {@return the FFmpeg encoder name, e.g. {@code libx264}} */
  public String codec() {
    return codec;
  }

  /** {@return the FFmpeg muxer name, e.g. {@code mov}, {@code mp4} or {@code matroska}} */
  public String container() {
    return container;
  }

  /** {@return the Humble pixel-format constant, e.g. {@code PIX_FMT_YUV410P}} */
  public String pixelFormat() {
    return pixelFormat;
  }

  /** {@return the frame rate in frames per second; the timebase is {@code 1/fps}} */
  public int fps() {
    return fps;
  }

  /** {@return the constant rate factor, when rate control is CRF} */
  public @Nullable Integer crf() {
    return crf;
  }

  /** {@return the constant quantiser, when rate control is constant QP} */
  public @Nullable Integer qp() {
    return qp;
  }

  /** {@return the x264 preset} */
  public String preset() {
    return preset;
  }

  /** {@return the x264 tune, or null} */
  public @Nullable String tune() {
    return tune;
  }

  /** {@return the GOP length: the maximum number of frames between keyframes} */
  public int gop() {
    return gop;
  }

  /** {@return further encoder options, passed as they are; unmodifiable} */
  public Map<String, String> extraOptions() {
    return extraOptions;
  }

  /** {@return options for the muxer (container), e.g. {@code movflags}; see {@link Builder#muxerOption}} */
  public Map<String, String> muxerOptions() {
    return muxerOptions;
  }

  /** {@return the grey level of dark modules} */
  public int darkLevel() {
    return darkLevel;
  }

  /** {@return the grey level of light modules} */
  public int lightLevel() {
    return lightLevel;
  }

  /** {@return the frame layout this profile was measured with; the encoder uses it unless given another} */
  public FrameLayout layout() {
    return layout;
  }

  /**
   * Every option set on the encoder, in order. For libx264: rate control ({@code qp} or {@code crf}),
   * {@code preset}, {@code tune}, then {@code g}; for other encoders only {@code g}; then the extra options.
   *
   * @return a new map of option name to value, in the order they are set
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

  /** Configures a {@link CodecProfile}; starts from the settings of {@link #dense()}. Mutable and not thread-safe. */
  public static final class Builder {
    private String name = "DENSE";
    private int darkLevel = 0;
    private int lightLevel = 255;
    private FrameLayout layout = FrameLayout.builder().modulePixels(1).quietZone(1).frameAlignment(4).build();
    private String codec = "ffv1";
    private String container = "mov";
    private String pixelFormat = "PIX_FMT_YUV410P";
    private int fps = 30;
    private @Nullable Integer crf;
    private @Nullable Integer qp;
    private String preset = "veryfast";
    private @Nullable String tune;
    private int gop = 1;
    private Map<String, String> extraOptions = ffv1Options();
    private Map<String, String> muxerOptions = new LinkedHashMap<>(Map.of("movflags", "frag_keyframe+empty_moov"));

    private Builder() {}

    private static Map<String, String> ffv1Options() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("coder", "1");
      m.put("context", "1");
      return m;
    }

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

    /**
     * The profile's name, recorded in the index (default {@code custom} from {@link CodecProfile#builder()}).
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
      return this;
    }

    /**
     * The FFmpeg encoder name (default {@code ffv1}); checked when a video is encoded, not here.
     *
     * @param codec the encoder name, e.g. {@code ffv1} or {@code libx264}
     * @return this builder
     * @throws NullPointerException if {@code codec} is null
     */
    public Builder codec(String codec) {
      this.codec = Objects.requireNonNull(codec, "codec == null");
      return this;
    }

    /**
     * The FFmpeg muxer name (default {@code mov}); checked when a video is encoded, not here.
     *
     * @param container the muxer name, e.g. {@code mov}, {@code mp4} or {@code matroska}
     * @return this builder
     * @throws NullPointerException if {@code container} is null
     */
    public Builder container(String container) {
      this.container = Objects.requireNonNull(container, "container == null");
      return this;
    }

    /**
     * The pixel format, a Humble {@code PixelFormat.Type} name (default {@code PIX_FMT_YUV410P}; also
     * {@code PIX_FMT_YUV420P} and {@code PIX_FMT_YUV444P}); frames are written into its luma plane, the chroma planes
     * hold 128.
     *
     * @param pixelFormat the pixel format's name; checked when a video is encoded, not here
     * @return this builder
     * @throws NullPointerException if {@code pixelFormat} is null
     */
    public Builder pixelFormat(String pixelFormat) {
      this.pixelFormat = Objects.requireNonNull(pixelFormat, "pixelFormat == null");
      return this;
    }

    /**
     * The frame rate (default 30); the timebase is {@code 1/fps}.
     *
     * @param fps frames per second
     * @return this builder
     * @throws IllegalArgumentException unless 1..240
     */
    public Builder fps(int fps) {
      if (fps < 1 || fps > 240) {
        throw new IllegalArgumentException("fps not in 1..240: " + fps);
      }
      this.fps = fps;
      return this;
    }

    /**
     * CRF rate control (default none); clears any QP. Used by libx264 only.
     *
     * @param crf the constant rate factor, 0..51, lower is better quality
     * @return this builder
     * @throws IllegalArgumentException if not in 0..51
     */
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
     * Used by libx264 only (default none).
     *
     * @param qp the constant quantiser, or null for none
     * @return this builder
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
     * The grey levels of dark and light modules (default 0/255; see {@link #dense()} and {@link #h264()}).
     *
     * @param dark the grey level of dark modules
     * @param light the grey level of light modules and of the quiet zone
     * @return this builder
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

    /**
     * The frame layout this profile recommends (default: version 40-L, 1 pixel per module, quiet zone 1, frame
     * size aligned to 4).
     *
     * @param layout the layout
     * @return this builder
     * @throws NullPointerException if {@code layout} is null
     */
    public Builder layout(FrameLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout == null");
      return this;
    }

    /**
     * Replaces all muxer options (default {@code movflags=frag_keyframe+empty_moov} for MP4).
     *
     * @param options option name to value, passed to FFmpeg's muxer as they are; copied
     * @return this builder
     * @throws NullPointerException if {@code options} is null (a null key or value makes {@link #build()} throw it)
     */
    public Builder muxerOptions(Map<String, String> options) {
      this.muxerOptions = new LinkedHashMap<>(options);
      return this;
    }

    /**
     * The x264 preset (default veryfast). Used by libx264 only.
     *
     * @param preset one of x264's presets, ultrafast..placebo; checked when a video is encoded
     * @return this builder
     * @throws NullPointerException if {@code preset} is null
     */
    public Builder preset(String preset) {
      this.preset = Objects.requireNonNull(preset, "preset == null");
      return this;
    }

    /**
     * The x264 tune (default none). Used by libx264 only.
     *
     * @param tune one of x264's tunes, e.g. {@code stillimage}, or null for none
     * @return this builder
     */
    public Builder tune(@Nullable String tune) {
      this.tune = tune;
      return this;
    }

    /**
     * The GOP length (default 1: every frame a keyframe), passed to the encoder as {@code g}.
     *
     * @param frames the maximum number of frames between keyframes
     * @return this builder
     * @throws IllegalArgumentException if {@code frames < 1}
     */
    public Builder gop(int frames) {
      if (frames < 1) {
        throw new IllegalArgumentException("gop < 1: " + frames);
      }
      this.gop = frames;
      return this;
    }

    /**
     * Replaces all raw encoder options (default {@code coder=1}, {@code context=1} for FFV1).
     *
     * @param options option name to value, passed to FFmpeg's encoder as they are; copied
     * @return this builder
     * @throws NullPointerException if {@code options} is null (a null key or value makes {@link #build()} throw it)
     */
    public Builder extraOptions(Map<String, String> options) {
      this.extraOptions = new LinkedHashMap<>(options);
      return this;
    }

    /**
     * Adds a raw encoder option, e.g. {@code ("x264-params", "aq-mode=0")}, replacing one of the same name.
     *
     * @param key the FFmpeg option name
     * @param value its value
     * @return this builder
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public Builder option(String key, String value) {
      extraOptions.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Adds a muxer option, e.g. {@code ("movflags", "frag_keyframe+empty_moov")} for a fragmented MP4 whose
     * complete fragments stay readable when the file is cut short. Replaces an option of the same name.
     *
     * @param key the FFmpeg muxer option name
     * @param value its value
     * @return this builder
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public Builder muxerOption(String key, String value) {
      muxerOptions.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Builds the profile. The builder may be reused afterwards.
     *
     * @return a new profile with this builder's settings
     * @throws NullPointerException if an encoder or muxer option map holds a null key or value
     */
    public CodecProfile build() {
      return new CodecProfile(this);
    }
  }
}
