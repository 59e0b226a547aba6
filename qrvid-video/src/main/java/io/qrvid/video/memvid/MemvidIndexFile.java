package io.qrvid.video.memvid;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A memvid index as {@code IndexManager.save} writes it (research/memvid.md section 1.4): {@code "metadata"}, a list
 * of {@code {"id", "text", "frame", "length"}}; {@code "chunk_to_frame"} and {@code "frame_to_chunks"}, keyed by
 * decimal strings; {@code "config"}, memvid's configuration. Only {@code "metadata"} is required; the mappings are
 * checked against it and disagreements reported as warnings. Immutable.
 */
final class MemvidIndexFile {
  /** Larger index files are refused before parsing (memvid's index is about 1.2 bytes per byte of text). */
  static final long MAX_BYTES = 1L << 30;
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** One {@code metadata} entry. */
  static final class Entry {
    final int position;
    final int id;
    final int frame;
    final String text;
    final Map<String, Object> extra;

    Entry(int position, int id, int frame, String text, Map<String, Object> extra) {
      this.position = position;
      this.id = id;
      this.frame = frame;
      this.text = text;
      this.extra = extra;
    }
  }

  final Path path;
  final List<Entry> entries;
  final @Nullable String config;
  final List<String> warnings;
  final long bytes;

  private MemvidIndexFile(Path path, List<Entry> entries, @Nullable String config, List<String> warnings,
      long bytes) {
    this.path = path;
    this.entries = List.copyOf(entries);
    this.config = config;
    this.warnings = List.copyOf(warnings);
    this.bytes = bytes;
  }

  /**
   * Reads and checks an index.
   *
   * @throws java.nio.file.NoSuchFileException if it does not exist
   * @throws MemvidIndexException if it is too large, not JSON, or its {@code metadata} is missing or malformed
   * @throws IOException if reading fails
   */
  static MemvidIndexFile read(Path path) throws IOException {
    long size = Files.size(path);
    if (size > MAX_BYTES) {
      throw new MemvidIndexException(path, "is " + size + " bytes; the limit is " + MAX_BYTES, null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(path.toFile());
    } catch (JacksonException e) {
      throw new MemvidIndexException(path, "not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MemvidIndexException(path, "not a JSON object", null);
    }
    JsonNode metadata = root.get("metadata");
    if (metadata == null || !metadata.isArray()) {
      throw new MemvidIndexException(path, "has no \"metadata\" list (not a memvid index?)", null);
    }
    List<Entry> entries = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Map<Integer, Integer> seenIds = new HashMap<>();
    for (int i = 0; i < metadata.size(); i++) {
      JsonNode e = metadata.get(i);
      if (!e.isObject()) {
        throw new MemvidIndexException(path, "metadata[" + i + "] is not an object", null);
      }
      int id = integer(path, e, "id", i);
      int frame = integer(path, e, "frame", i);
      JsonNode text = e.get("text");
      if (text == null || !text.isTextual()) {
        throw new MemvidIndexException(path, "metadata[" + i + "] has no \"text\" string", null);
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getKey().equals("id") && !f.getKey().equals("text") && !f.getKey().equals("frame")) {
          extra.put(f.getKey(), MAPPER.convertValue(f.getValue(), Object.class));
        }
      }
      Integer before = seenIds.put(id, i);
      if (before != null) {
        warnings.add("metadata[" + before + "] and metadata[" + i + "] have the same id " + id);
      }
      if (id != i) {
        warnings.add("metadata[" + i + "] has id " + id + ": memvid looks chunks up by list position, so its"
            + " get_chunk_by_id(" + id + ") and search results name another entry");
      }
      entries.add(new Entry(i, id, frame, text.asText(), extra));
    }
    checkMappings(root, entries, warnings);
    JsonNode config = root.get("config");
    return new MemvidIndexFile(path, entries, config == null ? null : config.toString(), warnings, size);
  }

  private static int integer(Path path, JsonNode e, String key, int i) {
    JsonNode v = e.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
      throw new MemvidIndexException(path, "metadata[" + i + "] has no non-negative integer \"" + key + "\"", null);
    }
    return v.intValue();
  }

  private static void checkMappings(JsonNode root, List<Entry> entries, List<String> warnings) {
    JsonNode c2f = root.get("chunk_to_frame");
    if (c2f == null || !c2f.isObject()) {
      warnings.add("no \"chunk_to_frame\" object (memvid's IndexManager.load requires it)");
    } else {
      for (Entry e : entries) {
        JsonNode f = c2f.get(Integer.toString(e.id));
        if (f == null || !f.isIntegralNumber() || f.intValue() != e.frame) {
          warnings.add("chunk_to_frame[" + e.id + "] is " + (f == null ? "missing" : f.toString())
              + " but metadata says frame " + e.frame);
        }
      }
      if (c2f.size() != entries.size()) {
        warnings.add("chunk_to_frame has " + c2f.size() + " entries for " + entries.size() + " chunks");
      }
    }
    JsonNode f2c = root.get("frame_to_chunks");
    if (f2c == null || !f2c.isObject()) {
      warnings.add("no \"frame_to_chunks\" object (memvid's IndexManager.load requires it)");
    } else {
      for (Entry e : entries) {
        JsonNode ids = f2c.get(Integer.toString(e.frame));
        boolean listed = false;
        if (ids != null && ids.isArray()) {
          for (JsonNode id : ids) {
            listed |= id.isIntegralNumber() && id.intValue() == e.id;
          }
        }
        if (!listed) {
          warnings.add("frame_to_chunks[" + e.frame + "] does not list chunk " + e.id);
        }
      }
    }
  }
}
