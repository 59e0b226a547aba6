package io.qrvid.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.remote.AspectRatio;
import io.qrvid.remote.GenerationFailedException;
import io.qrvid.remote.GenerationRequest;
import io.qrvid.remote.JobState;
import io.qrvid.remote.JobStatus;
import io.qrvid.remote.ProviderCapabilities;
import io.qrvid.remote.ProviderResponse;
import io.qrvid.remote.Resolution;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the Gemini API and Vertex AI Veo shapes share (python-genai {@code _GenerateVideosConfig_to_mldev/_vertex},
 * {@code _GenerateVideosResponse_from_vertex}). Not API.
 */
public final class Veo {
  private Veo() {}

  /**
   * Veo capabilities per model: Veo 2 accepts 5-8 s and 720p; Veo 3.x 4/6/8 s, 720p and 1080p, plus 4k on 3.1; all
   * 16:9 and 9:16 only (research/videogen.md §0, Vertex model page for veo-3.0-generate-001).
   */
  public static ProviderCapabilities capabilities(String model, boolean vertex) {
    Set<Duration> durations = model.startsWith("veo-2") ? seconds(5, 6, 7, 8) : seconds(4, 6, 8);
    Set<Resolution> res = model.startsWith("veo-2") ? EnumSet.of(Resolution.P720)
        : model.startsWith("veo-3.1") ? EnumSet.of(Resolution.P720, Resolution.P1080, Resolution.UHD_4K)
        : EnumSet.of(Resolution.P720, Resolution.P1080);
    return ProviderCapabilities.builder()
        .durations(durations)
        .aspectRatios(EnumSet.of(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16))
        .resolutions(res)
        .seed(vertex)
        .audio(vertex)
        .negativePrompt(true)
        .build();
  }

  private static Set<Duration> seconds(int... s) {
    Set<Duration> out = new java.util.HashSet<>();
    for (int x : s) {
      out.add(Duration.ofSeconds(x));
    }
    return out;
  }

  /** Builds {@code {"instances":[{"prompt"}],"parameters":{...}}}. */
  public static ObjectNode body(GenerationRequest r, boolean vertex) {
    ObjectNode root = Json.object();
    root.putArray("instances").addObject().put("prompt", r.prompt());
    ObjectNode p = root.putObject("parameters");
    p.put("sampleCount", 1);
    p.put("durationSeconds", r.duration().toSeconds());
    p.put("aspectRatio", r.aspectRatio().label());
    p.put("resolution", r.resolution().label());
    r.negativePrompt().ifPresent(v -> p.put("negativePrompt", v));
    if (vertex) {
      r.seed().ifPresent(v -> p.put("seed", v));
      r.audio().ifPresent(v -> p.put("generateAudio", v));
    }
    return root;
  }

  /**
   * Interprets a google.longrunning Operation. {@code done:false} is QUEUED (Veo documents no progress field; a
   * numeric {@code metadata.progressPercent}, seen on some proxies, is used if present). {@code done:true} with
   * {@code error} fails with the provider's code; without samples but with {@code raiMediaFilteredCount > 0} it is
   * CONTENT_FILTERED (easy to mistake for "no uri", see research §1.1).
   *
   * @param samples pointer to the sample array ({@code /response/generateVideoResponse/generatedSamples} or
   *     {@code /response/videos})
   * @param vertex true for Vertex field names
   */
  public static JobStatus status(ProviderResponse response, String samples, boolean vertex) {
    JsonNode op = Json.parse(response);
    if (!op.path("done").asBoolean(false)) {
      JsonNode pp = op.at("/metadata/progressPercent");
      return JobStatus.pending(JobState.QUEUED, pp.isNumber() ? pp.asDouble() / 100 : Double.NaN, null);
    }
    JsonNode err = op.path("error");
    if (err.isObject()) {
      return JobStatus.failed(GenerationFailedException.Kind.PROVIDER_ERROR,
          Json.text(err.path("status")) != null ? err.path("status").asText() : Json.text(err.path("code")),
          Json.text(err.path("message")), List.of());
    }
    JsonNode list = op.at(samples);
    if (list.isArray() && list.size() > 0) {
      JsonNode first = list.get(0);
      JsonNode video = vertex ? first : first.path("video");
      String uri = Json.text(video.path(vertex ? "gcsUri" : "uri"));
      if (uri != null) {
        return JobStatus.succeeded(uri);
      }
      String b64 = Json.text(video.path(vertex ? "bytesBase64Encoded" : "encodedVideo"));
      if (b64 != null) {
        try {
          return JobStatus.succeededInline(Base64.getMimeDecoder().decode(b64));
        } catch (IllegalArgumentException e) {
          return JobStatus.failed(GenerationFailedException.Kind.INVALID_OUTPUT, null,
              "the inline video is not valid base64", List.of());
        }
      }
    }
    String parent = samples.substring(0, samples.lastIndexOf('/'));
    JsonNode resp = op.at(parent);
    if (resp.path("raiMediaFilteredCount").asInt(0) > 0) {
      return JobStatus.failed(GenerationFailedException.Kind.CONTENT_FILTERED, "RAI_MEDIA_FILTERED",
          "the provider's safety filter removed the video", Json.strings(resp.path("raiMediaFilteredReasons")));
    }
    return JobStatus.failed(GenerationFailedException.Kind.INVALID_OUTPUT, null, "operation done without a video",
        List.of());
  }
}
