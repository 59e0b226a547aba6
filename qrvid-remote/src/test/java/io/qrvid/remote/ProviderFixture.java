package io.qrvid.remote;

import okhttp3.HttpUrl;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** One provider's wire format, for the shared scenario tests. Response bodies follow research/videogen.md. */
interface ProviderFixture {
  String name();

  VideoProvider provider(HttpUrl server);

  Route route(RecordedRequest r);

  MockResponse.Builder submitted(int n);

  MockResponse.Builder pending(int percent);

  MockResponse.Builder done(HttpUrl server);

  MockResponse.Builder failed(String code, String message);

  MockResponse.Builder filtered();

  MockResponse.Builder quota429();

  MockResponse.Builder rate429();

  /**
   * A finished job whose video the status names at {@code video} (any URL), or null if the provider's status cannot
   * name a URL (the OpenAI videos API downloads by id).
   */
  MockResponse.@org.jspecify.annotations.Nullable Builder doneAt(HttpUrl video);

  /** The header that carries this provider's credential. */
  String credentialHeader();

  /** Whether the provider can cancel jobs remotely. */
  default boolean cancels() {
    return false;
  }

  static MockResponse.Builder json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body);
  }

  /** Veo on the Gemini API (research §1.1). */
  final class Gemini implements ProviderFixture {
    static final String OP = "models/veo-3.1-generate-preview/operations/op";

    @Override
    public String name() {
      return "gemini-veo";
    }

    @Override
    public VideoProvider provider(HttpUrl server) {
      return GeminiVeoProvider.builder().baseUrl(server.resolve("/v1beta/").toString()).apiKey("test-key").build();
    }

    @Override
    public Route route(RecordedRequest r) {
      String p = r.getTarget();
      if ("POST".equals(r.getMethod()) && p.endsWith(":predictLongRunning")) {
        return Route.SUBMIT;
      }
      if ("GET".equals(r.getMethod()) && p.startsWith("/v1beta/models/") && p.contains("/operations/")) {
        return Route.POLL;
      }
      if (p.startsWith("/v1beta/files/")) {
        return Route.DOWNLOAD;
      }
      return Route.OTHER;
    }

    @Override
    public MockResponse.Builder submitted(int n) {
      return json(200, "{\"name\":\"" + OP + n + "\",\"done\":false}");
    }

    @Override
    public MockResponse.Builder pending(int percent) {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":false,\"metadata\":{}}");
    }

    @Override
    public MockResponse.Builder done(HttpUrl server) {
      return doneAt(server.resolve("/v1beta/files/vid:download?alt=media"));
    }

    @Override
    public MockResponse.Builder doneAt(HttpUrl video) {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/"
          + "google.ai.generativelanguage.v1beta.PredictLongRunningResponse\",\"generateVideoResponse\":"
          + "{\"generatedSamples\":[{\"video\":{\"uri\":\"" + video + "\"}}]}}}");
    }

    @Override
    public String credentialHeader() {
      return "x-goog-api-key";
    }

    @Override
    public MockResponse.Builder failed(String code, String message) {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":true,\"error\":{\"code\":3,\"message\":\"" + message
          + "\",\"status\":\"" + code + "\"}}");
    }

    @Override
    public MockResponse.Builder filtered() {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":true,\"response\":{\"generateVideoResponse\":"
          + "{\"raiMediaFilteredCount\":1,\"raiMediaFilteredReasons\":[\"Veo could not generate 1 videos. "
          + "You will not be charged. Support codes: 42237218\"]}}}");
    }

    @Override
    public MockResponse.Builder quota429() {
      return json(429, "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota, please check your "
          + "plan and billing details.\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
    }

    @Override
    public MockResponse.Builder rate429() {
      return json(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\","
          + "\"status\":\"RESOURCE_EXHAUSTED\"}}");
    }
  }

  /** Veo on Vertex AI (research §1.2): POST :fetchPredictOperation polling, response.videos[]. */
  final class Vertex implements ProviderFixture {
    static final String OP = "projects/p/locations/us-central1/publishers/google/models/veo-3.0-generate-001"
        + "/operations/op";

    @Override
    public String name() {
      return "vertex-veo";
    }

    @Override
    public VideoProvider provider(HttpUrl server) {
      return VertexVeoProvider.builder().baseUrl(server.resolve("/v1/").toString()).project("p")
          .bearerToken(() -> "test-token").storageBaseUrl(server.resolve("/storage/").toString()).build();
    }

    @Override
    public Route route(RecordedRequest r) {
      String p = r.getTarget();
      if ("POST".equals(r.getMethod()) && p.endsWith(":predictLongRunning")) {
        return Route.SUBMIT;
      }
      if ("POST".equals(r.getMethod()) && p.endsWith(":fetchPredictOperation")) {
        return Route.POLL;
      }
      if (p.startsWith("/storage/")) {
        return Route.DOWNLOAD;
      }
      return Route.OTHER;
    }

    @Override
    public MockResponse.Builder submitted(int n) {
      return json(200, "{\"name\":\"" + OP + n + "\"}");
    }

    @Override
    public MockResponse.Builder pending(int percent) {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":false}");
    }

    @Override
    public MockResponse.Builder done(HttpUrl server) {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":true,\"response\":{\"@type\":\"type.googleapis.com/"
          + "cloud.ai.large_models.vision.GenerateVideoResponse\",\"videos\":[{\"gcsUri\":\"gs://bucket/vid.mp4\","
          + "\"mimeType\":\"video/mp4\"}]}}");
    }

    @Override
    public MockResponse.Builder doneAt(HttpUrl video) {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":true,\"response\":{\"videos\":[{\"gcsUri\":\"" + video
          + "\",\"mimeType\":\"video/mp4\"}]}}");
    }

    @Override
    public String credentialHeader() {
      return "Authorization";
    }

    @Override
    public MockResponse.Builder failed(String code, String message) {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":true,\"error\":{\"code\":3,\"message\":\"" + message
          + "\",\"status\":\"" + code + "\"}}");
    }

    @Override
    public MockResponse.Builder filtered() {
      return json(200, "{\"name\":\"" + OP + "1\",\"done\":true,\"response\":{\"raiMediaFilteredCount\":1,"
          + "\"raiMediaFilteredReasons\":[\"Support codes: 58061214\"]}}");
    }

    @Override
    public MockResponse.Builder quota429() {
      return new Gemini().quota429();
    }

    @Override
    public MockResponse.Builder rate429() {
      return new Gemini().rate429();
    }
  }

  /** The OpenAI-style /v1/videos API (research §2). */
  final class OpenAi implements ProviderFixture {
    @Override
    public String name() {
      return "openai-videos";
    }

    @Override
    public VideoProvider provider(HttpUrl server) {
      return OpenAiVideosProvider.builder().baseUrl(server.resolve("/v1/").toString()).apiKey("sk-test").build();
    }

    @Override
    public Route route(RecordedRequest r) {
      String p = r.getTarget();
      if ("POST".equals(r.getMethod()) && p.equals("/v1/videos")) {
        return Route.SUBMIT;
      }
      if ("GET".equals(r.getMethod()) && p.startsWith("/v1/videos/") && p.endsWith("/content")) {
        return Route.DOWNLOAD;
      }
      if ("GET".equals(r.getMethod()) && p.startsWith("/v1/videos/")) {
        return Route.POLL;
      }
      return Route.OTHER;
    }

    @Override
    public MockResponse.Builder submitted(int n) {
      return json(200, "{\"id\":\"video_" + n + "\",\"object\":\"video\",\"status\":\"queued\",\"progress\":0}");
    }

    @Override
    public MockResponse.Builder pending(int percent) {
      return json(200, "{\"id\":\"video_1\",\"object\":\"video\",\"status\":\"in_progress\",\"progress\":"
          + percent + "}");
    }

    @Override
    public MockResponse.Builder done(HttpUrl server) {
      return json(200, "{\"id\":\"video_1\",\"object\":\"video\",\"status\":\"completed\",\"progress\":100}");
    }

    @Override
    public MockResponse.@org.jspecify.annotations.Nullable Builder doneAt(HttpUrl video) {
      return null;
    }

    @Override
    public String credentialHeader() {
      return "Authorization";
    }

    @Override
    public MockResponse.Builder failed(String code, String message) {
      return json(200, "{\"id\":\"video_1\",\"status\":\"failed\",\"error\":{\"code\":\"" + code
          + "\",\"message\":\"" + message + "\"}}");
    }

    @Override
    public MockResponse.Builder filtered() {
      return failed("moderation_blocked", "Your request was blocked by our moderation system.");
    }

    @Override
    public MockResponse.Builder quota429() {
      return json(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and "
          + "billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");
    }

    @Override
    public MockResponse.Builder rate429() {
      return json(429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
          + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
    }
  }

  /** A Runway-shaped task API through {@link GenericJobProvider} (research §3). */
  final class Generic implements ProviderFixture {
    @Override
    public String name() {
      return "generic";
    }

    @Override
    public VideoProvider provider(HttpUrl server) {
      return GenericJobProvider.builder().name("runway").baseUrl(server.resolve("/v1/").toString()).apiKey("rk")
          .header("X-Runway-Version", "2024-11-06").cancel("DELETE", "tasks/{id}").model("gen4.5").build();
    }

    @Override
    public boolean cancels() {
      return true;
    }

    @Override
    public Route route(RecordedRequest r) {
      String p = r.getTarget();
      if ("POST".equals(r.getMethod()) && p.equals("/v1/text_to_video")) {
        return Route.SUBMIT;
      }
      if ("GET".equals(r.getMethod()) && p.startsWith("/v1/tasks/")) {
        return Route.POLL;
      }
      if ("DELETE".equals(r.getMethod()) && p.startsWith("/v1/tasks/")) {
        return Route.CANCEL;
      }
      if (p.startsWith("/assets/")) {
        return Route.DOWNLOAD;
      }
      return Route.OTHER;
    }

    @Override
    public MockResponse.Builder submitted(int n) {
      return json(200, "{\"id\":\"task-" + n + "\"}");
    }

    @Override
    public MockResponse.Builder pending(int percent) {
      return json(200, "{\"id\":\"task-1\",\"status\":\"RUNNING\",\"progress\":" + percent / 100.0 + "}");
    }

    @Override
    public MockResponse.Builder done(HttpUrl server) {
      return doneAt(server.resolve("/assets/vid.mp4"));
    }

    @Override
    public MockResponse.Builder doneAt(HttpUrl video) {
      return json(200, "{\"id\":\"task-1\",\"status\":\"SUCCEEDED\",\"output\":[\"" + video + "\"]}");
    }

    @Override
    public String credentialHeader() {
      return "Authorization";
    }

    @Override
    public MockResponse.Builder failed(String code, String message) {
      return json(200, "{\"id\":\"task-1\",\"status\":\"FAILED\",\"failure\":\"" + message + "\",\"failureCode\":\""
          + code + "\"}");
    }

    @Override
    public MockResponse.Builder filtered() {
      return failed("SAFETY.INPUT.TEXT", "prompt rejected by content moderation");
    }

    @Override
    public MockResponse.Builder quota429() {
      return json(429, "{\"error\":\"Quota exceeded for this billing period\"}");
    }

    @Override
    public MockResponse.Builder rate429() {
      return json(429, "{\"error\":\"Too many requests\"}");
    }
  }
}
