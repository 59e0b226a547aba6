package io.qrvid.video;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import io.qrvid.video.search.SearchHit;
import io.qrvid.video.search.SearchOptions;
import io.qrvid.video.search.VideoSearcher;

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
 * the manifest as it was. Not thread-safe: one writer per manifest.
 */
public final class QrVideoCorpus {
  /** The manifest format version. */
  public static final int FORMAT_VERSION = 1;
  /** The manifest file suffix. */
  public static final String SUFFIX = ".qrvid-manifest.json";

  private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
    /** Copies the list. */
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
    /** Copies the list. */
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
   *
   * @throws IOException if the manifest exists but cannot be read
   * @throws VideoIndexException if it is not a qrvid manifest
   */
  public static QrVideoCorpus open(Path manifest) throws IOException {
    return open(manifest, QrVideoEncoder.builder().build());
  }

  /**
   * Like {@link #open(Path)}, appending with {@code encoder}'s settings.
   *
   * @throws IllegalArgumentException if the manifest's name does not end with {@value #SUFFIX}
   */
  public static QrVideoCorpus open(Path manifest, QrVideoEncoder encoder) throws IOException {
    Objects.requireNonNull(manifest, "manifest == null");
    Objects.requireNonNull(encoder, "encoder == null");
    if (!manifest.getFileName().toString().endsWith(SUFFIX)) {
      throw new IllegalArgumentException("a manifest's name ends with " + SUFFIX + ": " + manifest);
    }
    Manifest m;
    try {
      m = MAPPER.readValue(Files.readAllBytes(manifest), Manifest.class);
    } catch (NoSuchFileException e) {
      m = new Manifest(FORMAT_VERSION, List.of());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new VideoIndexException("not a qrvid manifest: " + manifest + ": " + e.getOriginalMessage(), e);
    }
    if (m.formatVersion() != FORMAT_VERSION || m.segments() == null) {
      throw new VideoIndexException("unsupported manifest " + manifest + " (format " + m.formatVersion() + ")", null);
    }
    return new QrVideoCorpus(manifest, encoder, m);
  }

  /** The manifest as read or last written. */
  public Manifest manifest() {
    return manifest;
  }

  /** The video file of each segment, in order. */
  public List<Path> segmentVideos() {
    return manifest.segments().stream().map(s -> manifestPath.resolveSibling(s.video())).toList();
  }

  /**
   * Encodes files into a new segment and lists it in the manifest.
   *
   * @return the new segment's encode result
   * @throws InvalidDocumentException if a file name is already in the corpus, or a file is empty or not UTF-8
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
    EncodeResult r = encoder.encode(files, video);
    VideoIndex index = VideoIndex.read(r.index());
    List<Segment> segments = new ArrayList<>(manifest.segments());
    segments.add(new Segment(video.getFileName().toString(), index.videoId(),
        index.storedDocuments().stream().map(VideoIndex.Document::name).toList(), r.textBytes()));
    Manifest next = new Manifest(FORMAT_VERSION, segments);
    Path tmp = manifestPath.resolveSibling(manifestPath.getFileName() + ".part");
    try {
      MAPPER.writeValue(tmp.toFile(), next);
      Files.move(tmp, manifestPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    manifest = next;
    return r;
  }

  /**
   * Reads every document of every segment and writes each one that is recovered and verified into {@code dir}
   * under its stored name, atomically. Documents that cannot be recovered are not written at all.
   *
   * @return the files written, in segment and index order
   * @throws QrDecodeException after writing the recovered documents, if any chunk of any segment is lost
   * @throws VideoIndexException if a document name would resolve outside {@code dir}
   * @throws IOException if a segment cannot be read or a file cannot be written
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
    List<Path> written = new ArrayList<>();
    for (Segment segment : manifest.segments()) {
      for (String name : segment.documents()) {
        byte[] bytes = docs.get(name);
        if (bytes != null) {
          written.add(DocumentFiles.write(dir, name, bytes));
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return written;
  }

  /**
   * Reads every document of every segment.
   *
   * @return name to exact bytes, in segment and index order
   * @throws QrDecodeException if any chunk of any segment is lost; its message names each segment with its lost
   *     chunks (chunk indexes are per segment), and {@link QrDecodeException#recovered()} holds every verified
   *     document of every segment
   * @throws IOException if a segment cannot be read
   */
  public Map<String, byte[]> readAll() throws IOException {
    Map<String, byte[]> all = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    List<String> incomplete = new ArrayList<>();
    for (Path video : segmentVideos()) {
      try (QrVideoReader reader = QrVideoReader.open(video)) {
        all.putAll(reader.readAll());
      } catch (QrDecodeException e) {
        all.putAll(e.recovered());
        problems.add(video.getFileName() + ": " + e.getMessage());
        missing.addAll(e.missingChunks());
        incomplete.addAll(e.incompleteDocuments());
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
   * @throws io.qrvid.video.search.SearchIndexException if a segment has no search index or one for another video
   * @throws IOException if a segment or an index cannot be read
   */
  public VideoSearcher searcher(SearchOptions options) throws IOException {
    Objects.requireNonNull(options, "options == null");
    List<QrVideoReader> readers = new ArrayList<>();
    boolean ok = false;
    try {
      for (Path video : segmentVideos()) {
        readers.add(QrVideoReader.builder().searchOptions(options).open(video));
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
