package io.qrvid.video;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import io.qrvid.core.internal.SafeFiles;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import io.qrvid.video.search.SearchHit;
import io.qrvid.video.search.SearchOptions;
import io.qrvid.video.search.VideoSearcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A corpus that grows by segments: each {@link #append} encodes new documents into a new, independent video +
 * index pair next to the manifest, and lists it in the manifest ({@code <name>.qrvid-manifest.json}). Nothing
 * already stored is re-encoded. Segments share no state, so a distributed job can encode or decode them
 * independently and merge the manifest afterwards.
 *
 * <pre>{@code
 * QrVideoCorpus corpus = QrVideoCorpus.open(Path.of("library.qrvid-manifest.json"));   // created if missing
 * corpus.append(List.of(Path.of("new-chapter.txt")));
 * Map<String, byte[]> all = corpus.readAll();
 * }</pre>
 *
 * <p>The manifest is rewritten atomically after the segment's video and index are in place; a failed append leaves
 * the manifest as it was. A manifest is untrusted input when read: every segment's video must be a plain file name
 * in the manifest's folder, and document names must be plain file names, unique across the whole corpus (documents
 * are restored by name), or {@link #open} throws a {@link VideoIndexException} naming the field. Not thread-safe:
 * one writer per manifest.
 */
public final class QrVideoCorpus {
  private static final Logger log = LoggerFactory.getLogger(QrVideoCorpus.class);
  /** The manifest format version. */
  public static final int FORMAT_VERSION = 1;
  /** The manifest file suffix. */
  public static final String SUFFIX = ".qrvid-manifest.json";

  private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private final Path manifestPath;
  private final QrVideoEncoder encoder;
  private Manifest manifest;

  /**
   * The manifest's content.
   *
   * @param formatVersion {@value #FORMAT_VERSION}
   * @param segments the segments in order
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Manifest(int formatVersion, List<Segment> segments) {
    /**
     * Copies the list.
     *
     * @param formatVersion the manifest format, {@value #FORMAT_VERSION} for this version of qrvid
     * @param segments the segments in order; copied
     * @throws NullPointerException if {@code segments} is null or holds null
     */
    public Manifest {
      segments = List.copyOf(segments);
    }
  }

  /**
   * One segment.
   *
   * @param video the video's file name, relative to the manifest's folder
   * @param videoId the segment's video id
   * @param documents the names of the documents it holds
   * @param textBytes their total size
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Segment(String video, int videoId, List<String> documents, long textBytes) {
    /**
     * Copies the list.
     *
     * @param video the video's file name, relative to the manifest's folder
     * @param videoId the segment's video id, as in its index
     * @param documents the names of the documents it holds, in index order; copied
     * @param textBytes their total size in UTF-8 bytes
     * @throws NullPointerException if {@code documents} is null or holds null
     */
    public Segment {
      documents = List.copyOf(documents);
    }
  }

  private QrVideoCorpus(Path manifestPath, QrVideoEncoder encoder, Manifest manifest) {
    this.manifestPath = manifestPath;
    this.encoder = encoder;
    this.manifest = manifest;
  }

  /**
   * Opens a corpus, or starts an empty one if the manifest does not exist yet (it is written on the first append).
   * Appends use {@link QrVideoEncoder}'s defaults.
   *
   * @param manifest the manifest file, whose name ends with {@value #SUFFIX}
   * @return the corpus
   * @throws NullPointerException if {@code manifest} is null
   * @throws IllegalArgumentException if the manifest's name does not end with {@value #SUFFIX}
   * @throws IOException if the manifest exists but cannot be read
   * @throws VideoIndexException if it is not a qrvid manifest, is larger than {@link VideoIndex#MAX_INDEX_BYTES},
   *     or a field is invalid: a segment video that is not a plain file name, a document name that is not one or
   *     that two documents share ({@link VideoIndexException#field()} names it)
   */
  public static QrVideoCorpus open(Path manifest) throws IOException {
    return open(manifest, QrVideoEncoder.builder().build());
  }

  /**
   * Like {@link #open(Path)}, appending with {@code encoder}'s settings.
   *
   * @param manifest the manifest file, whose name ends with {@value #SUFFIX}
   * @param encoder the encoder for new segments
   * @return the corpus
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the manifest's name does not end with {@value #SUFFIX}
   * @throws IOException if the manifest exists but cannot be read
   * @throws VideoIndexException as {@link #open(Path)} does, for a manifest that is not valid
   */
  public static QrVideoCorpus open(Path manifest, QrVideoEncoder encoder) throws IOException {
    Objects.requireNonNull(manifest, "manifest == null");
    Objects.requireNonNull(encoder, "encoder == null");
    if (!manifest.getFileName().toString().endsWith(SUFFIX)) {
      throw new IllegalArgumentException("a manifest's name ends with " + SUFFIX + ": " + manifest);
    }
    Manifest m;
    try {
      if (Files.size(manifest) > VideoIndex.MAX_INDEX_BYTES) {
        throw new VideoIndexException("manifest " + manifest + " is larger than " + VideoIndex.MAX_INDEX_BYTES
            + " bytes", null);
      }
      m = MAPPER.readValue(Files.readAllBytes(manifest), Manifest.class);
    } catch (NoSuchFileException e) {
      m = new Manifest(FORMAT_VERSION, List.of());
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      String field = IndexValidator.pathOf(e);
      throw new VideoIndexException("not a qrvid manifest: " + manifest + ": "
          + SafeFiles.escape(String.valueOf(e.getOriginalMessage())), field.isEmpty() ? null : field, e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new VideoIndexException("not a qrvid manifest: " + manifest + ": "
          + SafeFiles.escape(String.valueOf(e.getOriginalMessage())), e);
    }
    if (m == null || m.formatVersion() != FORMAT_VERSION) {
      throw new VideoIndexException("unsupported manifest " + manifest + " (format "
          + (m == null ? "null" : m.formatVersion()) + ")", "formatVersion", null);
    }
    validate(m, manifest);
    return new QrVideoCorpus(manifest, encoder, m);
  }

  private static void validate(Manifest m, Path source) {
    if (m.segments() == null) {
      throw new VideoIndexException("invalid manifest " + source + ": segments is missing", "segments", null);
    }
    Map<String, String> names = new HashMap<>();
    Set<String> videos = new HashSet<>();
    for (int i = 0; i < m.segments().size(); i++) {
      String f = "segments[" + i + "]";
      Segment s = m.segments().get(i);
      if (s == null || s.video() == null || s.documents() == null) {
        throw new VideoIndexException("invalid manifest " + source + ": " + f + " is incomplete", f, null);
      }
      Optional<String> problem = SafeFiles.nameProblem(s.video());
      if (problem.isPresent()) {
        throw new VideoIndexException("invalid manifest " + source + ": " + f + ".video " + SafeFiles.quote(s.video())
            + " is not a file name in the manifest's folder: " + problem.get(), f + ".video", null);
      }
      if (!videos.add(s.video())) {
        throw new VideoIndexException("invalid manifest " + source + ": " + f + ".video " + SafeFiles.quote(s.video())
            + " is listed twice", f + ".video", null);
      }
      for (int j = 0; j < s.documents().size(); j++) {
        String name = s.documents().get(j);
        String g = f + ".documents[" + j + "]";
        Optional<String> bad = SafeFiles.nameProblem(name);
        if (bad.isPresent()) {
          throw new VideoIndexException("invalid manifest " + source + ": " + g + " " + SafeFiles.quote(name)
              + " is not a plain file name: " + bad.get(), g, null);
        }
        String before = names.putIfAbsent(name, g);
        if (before != null) {
          throw new VideoIndexException("invalid manifest " + source + ": " + g + " " + SafeFiles.quote(name)
              + " is also " + before + "; documents are restored by name, so names must be unique in a corpus",
              g, null);
        }
      }
    }
  }

  /** {@return the manifest as read or last written} */
  public Manifest manifest() {
    return manifest;
  }

  /** {@return the video file of each segment, in order, resolved against the manifest's folder; unmodifiable} */
  public List<Path> segmentVideos() {
    return manifest.segments().stream().map(s -> manifestPath.resolveSibling(s.video())).toList();
  }

  /**
   * Encodes files into a new segment and lists it in the manifest.
   *
   * @param files the UTF-8 text files to store; each is stored under its file name, which must be new to the corpus
   * @return the new segment's encode result
   * @throws InvalidDocumentException if a file name is already in the corpus, or a file is empty
   * @throws io.qrvid.video.ingest.DocumentParseException if a PDF, EPUB or HTML file cannot be parsed
   * @throws java.nio.file.FileAlreadyExistsException if the new segment's video or index already exists (a file
   *     the manifest does not list is never replaced)
   * @throws IOException if reading or writing fails (the manifest is then unchanged)
   */
  public EncodeResult append(List<Path> files) throws IOException {
    Set<String> names = new HashSet<>();
    manifest.segments().forEach(s -> names.addAll(s.documents()));
    for (Path f : files) {
      if (names.contains(f.getFileName().toString())) {
        throw new InvalidDocumentException(f.toString(), "a document of that name is already in the corpus");
      }
    }
    String base = manifestPath.getFileName().toString();
    base = base.substring(0, base.length() - SUFFIX.length());
    Path video = manifestPath.resolveSibling(String.format("%s-%05d.mp4", base, manifest.segments().size()));
    for (Path p : List.of(video, VideoIndex.pathFor(video))) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new java.nio.file.FileAlreadyExistsException(p.toString(), null,
            "the corpus's next segment would replace it, but the manifest does not list it; move it away");
      }
    }
    EncodeResult r = encoder.encode(files, video);
    VideoIndex index = VideoIndex.read(r.index());
    List<Segment> segments = new ArrayList<>(manifest.segments());
    segments.add(new Segment(video.getFileName().toString(), index.videoId(),
        index.storedDocuments().stream().map(VideoIndex.Document::name).toList(), r.textBytes()));
    Manifest next = new Manifest(FORMAT_VERSION, segments);
    SafeFiles.write(manifestPath.toAbsolutePath().getParent(), manifestPath.getFileName().toString(),
        MAPPER.writeValueAsBytes(next));
    manifest = next;
    return r;
  }

  /**
   * Reads every document of every segment and writes each one that is recovered and verified into {@code dir}
   * under its stored name, as {@link QrVideoReader#restoreTo} does: confined to {@code dir}, atomically, and going
   * on past any document or segment that fails.
   *
   * @param dir the destination folder, created with its parents if missing
   * @return the files written, in segment and index order
   * @throws RestoreException after writing everything it could, if any chunk of any segment is lost, a segment
   *     cannot be read, or a recovered document cannot be written; it names each
   * @throws VideoIndexException before anything is written, if a segment's index holds other documents than the
   *     manifest lists for it, or two segments hold documents of the same name
   * @throws IOException if {@code dir} cannot be created
   */
  public List<Path> restoreTo(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir == null");
    Files.createDirectories(dir);
    Map<String, byte[]> docs;
    QrDecodeException failure = null;
    try {
      docs = readAll();
    } catch (QrDecodeException e) {
      docs = e.recovered();
      failure = e;
    }
    List<String> names = new ArrayList<>();
    manifest.segments().forEach(s -> names.addAll(s.documents()));
    return DocumentFiles.restore(dir, names, docs, failure);
  }

  /**
   * Reads every document of every segment.
   *
   * @return name to exact bytes, in segment and index order
   * @throws QrDecodeException if any chunk of any segment is lost or a segment cannot be read at all (a missing
   *     or invalid video or index: all its documents are then incomplete); its message names each segment with its
   *     lost chunks (chunk indexes are per segment), and {@link QrDecodeException#recovered()} holds every verified
   *     document of every other segment
   * @throws VideoIndexException before anything is read, if a segment's index holds other documents than the
   *     manifest lists for it (two segments sharing a name are refused by {@link #open})
   * @throws IOException if reading fails otherwise
   */
  public Map<String, byte[]> readAll() throws IOException {
    List<Segment> segments = manifest.segments();
    List<QrVideoReader> readers = new ArrayList<>();
    Map<Integer, String> unreadable = new LinkedHashMap<>();
    try {
      // Open every segment first: a mismatch between a segment's index and the manifest is refused before any
      // document is read (and so before a restore writes anything).
      for (int i = 0; i < segments.size(); i++) {
        Segment s = segments.get(i);
        Path video = manifestPath.resolveSibling(s.video());
        QrVideoReader reader = null;
        try {
          reader = QrVideoReader.open(video);
        } catch (IOException | VideoIndexException e) {
          log.debug("segment {} cannot be opened", video, e);
          unreadable.put(i, e.getMessage());
        }
        readers.add(reader);
        if (reader != null) {
          List<String> held = reader.index().storedDocuments().stream().map(VideoIndex.Document::name).toList();
          if (!held.equals(s.documents())) {
            throw new VideoIndexException("segment " + s.video() + "'s index holds " + abbreviate(held)
                + " but the manifest lists " + abbreviate(s.documents()), "segments[" + i + "].documents", null);
          }
        }
      }
      return readAll(segments, readers, unreadable);
    } finally {
      for (QrVideoReader r : readers) {
        if (r != null) {
          r.close();
        }
      }
    }
  }

  private static String abbreviate(List<String> names) {
    List<String> quoted = names.stream().limit(5).map(SafeFiles::quote).toList();
    return quoted + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
  }

  private Map<String, byte[]> readAll(List<Segment> segments, List<QrVideoReader> readers,
      Map<Integer, String> unreadable) throws IOException {
    Map<String, byte[]> all = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    List<String> incomplete = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      QrVideoReader reader = readers.get(i);
      if (reader == null) {
        problems.add(s.video() + ": cannot be read: " + unreadable.get(i));
        incomplete.addAll(s.documents());
        continue;
      }
      try {
        all.putAll(reader.readAll());
      } catch (QrDecodeException e) {
        all.putAll(e.recovered());
        problems.add(s.video() + ": " + e.getMessage());
        missing.addAll(e.missingChunks());
        incomplete.addAll(e.incompleteDocuments());
      } catch (VideoIndexException e) {
        problems.add(s.video() + ": " + e.getMessage());
        incomplete.addAll(s.documents());
      }
    }
    if (!problems.isEmpty()) {
      throw new QrDecodeException(String.join("; ", problems), missing, incomplete, all);
    }
    return all;
  }

  /**
   * Searches every segment's search index as one (BM25 statistics over the whole corpus) and reads the {@code k}
   * best chunks from their segments' videos, each verified by CRC32C. Opens and closes the indexes and readers; for
   * many queries, keep a {@link #searcher(SearchOptions)} open instead.
   *
   * @param query the query in Lucene's simple query syntax, as {@link VideoSearcher#search(String, int)} takes it
   * @param k the most hits wanted, 1..10000
   * @return at most {@code k} hits, best first; {@link SearchHit#video()} names each hit's segment
   * @throws io.qrvid.video.search.SearchIndexException if a segment has no search index or one for another video
   * @throws IllegalArgumentException if {@code k} is not in 1..10000
   * @throws IOException if a segment, its index or its search index cannot be read
   */
  public List<SearchHit> search(String query, int k) throws IOException {
    try (VideoSearcher searcher = searcher(SearchOptions.defaults())) {
      return searcher.search(query, k);
    }
  }

  /**
   * Opens a searcher over every segment, which owns the segments' readers: close it when done.
   *
   * @param options the analyzer, embedder and snippet settings; the analyzer must be the one the indexes were built
   *     with
   * @return an open searcher over every segment's search index, reading hits from the segments' videos
   * @throws NullPointerException if {@code options} is null
   * @throws io.qrvid.video.search.SearchIndexException if a segment has no search index or one for another video
   * @throws IOException if a segment or an index cannot be read
   */
  public VideoSearcher searcher(SearchOptions options) throws IOException {
    Objects.requireNonNull(options, "options == null");
    List<QrVideoReader> readers = new ArrayList<>();
    boolean ok = false;
    try {
      for (Path video : segmentVideos()) {
        readers.add(QrVideoReader.builder(video).searchOptions(options).build());
      }
      VideoSearcher searcher = VideoSearcher.open(readers, true, options);
      ok = true;
      return searcher;
    } finally {
      if (!ok) {
        readers.forEach(QrVideoReader::close);
      }
    }
  }
}
