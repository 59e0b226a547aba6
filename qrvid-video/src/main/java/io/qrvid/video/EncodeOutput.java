package io.qrvid.video;

import io.qrvid.core.internal.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The output pair of one encode, a video and its index, written through {@link SafeFiles}: the video goes to a
 * temporary file created new in the output's folder (FFmpeg writes through qrvid's own channel, never by path), the
 * index to another, and only when both are complete do they replace a previous pair, video first, index last. A
 * failure at any point (a full disk while encoding or while writing the index) leaves a previous pair exactly as it
 * was and no temporary file behind.
 *
 * <p>Before any work, {@link #open} checks the output name (a plain file name with the profile's container
 * extension, in an existing, writable folder, not a folder itself, leaving room for the index's name) and that no
 * input is the output video or its index, so an encode never replaces its own input. Not thread-safe.
 */
final class EncodeOutput implements AutoCloseable {
  private final Path video;
  private final Path index;
  private final SafeFiles.Staged videoStage;
  private final UnaryOperator<SeekableByteChannel> filter;
  private final SeekableByteChannel videoChannel;

  private EncodeOutput(Path video, Path index, SafeFiles.Staged videoStage,
      UnaryOperator<SeekableByteChannel> filter) {
    this.video = video;
    this.index = index;
    this.videoStage = videoStage;
    this.filter = filter;
    this.videoChannel = filter.apply(videoStage.channel());
  }

  /**
   * Checks {@code output} against the profile and the inputs; throws before anything is written.
   *
   * @throws IllegalArgumentException if the output's name does not match the profile's container
   * @throws InvalidDocumentException if an input is the output video or its index
   * @throws NoSuchFileException if the output's folder does not exist
   * @throws IOException if the output is a folder or the folder is not writable
   */
  static void check(Path output, List<Path> inputs, CodecProfile profile) throws IOException {
    if (Files.isDirectory(output)) {
      throw new IOException("output " + output + " is a directory; give a video file name such as out.mp4");
    }
    Path file = output.getFileName();
    String name = file == null ? "" : file.toString();
    String lower = name.toLowerCase(Locale.ROOT);
    // MP4 and QuickTime share one box structure, and FFmpeg reads either by content: both accept .mp4, .m4v, .mov.
    boolean mp4Name = lower.endsWith(".mp4") || lower.endsWith(".m4v") || lower.endsWith(".mov");
    boolean mp4Family = profile.container().equals("mp4") || profile.container().equals("mov");
    if (profile.container().equals("matroska") && !lower.endsWith(".mkv") || mp4Family && !mp4Name) {
      throw new IllegalArgumentException("output " + output + " does not match the " + profile.name()
          + " profile's container (" + profile.container() + "): name it ."
          + (profile.container().equals("matroska") ? "mkv" : profile.container()));
    }
    Optional<String> problem = SafeFiles.nameProblem(name + VideoIndex.SUFFIX);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("output name " + SafeFiles.quote(name) + " cannot be used: its index "
          + "name " + problem.get());
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new NoSuchFileException(output.toString(), null, "the output's folder does not exist");
    }
    if (!Files.isWritable(parent)) {
      throw new IOException("cannot write to folder " + parent);
    }
    Path indexPath = VideoIndex.pathFor(output);
    for (Path in : inputs) {
      if (same(in, output)) {
        throw new InvalidDocumentException(in.toString(), "is also the output video " + output
            + "; encoding would replace its own input: choose another output name");
      }
      if (same(in, indexPath)) {
        throw new InvalidDocumentException(in.toString(), "is also the output's index " + indexPath
            + "; encoding would replace its own input: choose another output name");
      }
    }
  }

  private static boolean same(Path input, Path output) throws IOException {
    if (!Files.exists(input) || !Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      return input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize());
    }
    return Files.isSameFile(input, output)
        || input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize());
  }

  /**
   * Checks the output ({@link #check}) and starts the video's temporary file.
   *
   * @param filter wraps the channels written (tests inject write failures with it)
   */
  static EncodeOutput open(Path output, List<Path> inputs, CodecProfile profile,
      UnaryOperator<SeekableByteChannel> filter) throws IOException {
    check(output, inputs, profile);
    Path dir = output.toAbsolutePath().getParent();
    SafeFiles.Staged stage = SafeFiles.stage(dir, output.getFileName().toString());
    return new EncodeOutput(output, VideoIndex.pathFor(output), stage, filter);
  }

  /** The channel FFmpeg writes the video through. */
  SeekableByteChannel videoChannel() {
    return videoChannel;
  }

  /** The output video. */
  Path video() {
    return video;
  }

  /** The output index. */
  Path index() {
    return index;
  }

  /** The video's size so far, bytes. */
  long videoBytes() throws IOException {
    return videoStage.size();
  }

  /**
   * Writes the index to its temporary file, then replaces the previous pair: the video first, the index last.
   *
   * @return the index's size in bytes
   * @throws IOException if writing or moving fails; a previous pair is then as it was
   */
  long commit(VideoIndex ix) throws IOException {
    byte[] json = ix.toBytes();
    try (SafeFiles.Staged indexStage = SafeFiles.stage(video.toAbsolutePath().getParent(),
        index.getFileName().toString())) {
      SeekableByteChannel ch = filter.apply(indexStage.channel());
      ByteBuffer b = ByteBuffer.wrap(json);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      SafeFiles.commitAll(List.of(videoStage, indexStage));
    }
    return json.length;
  }

  /** Deletes the temporary files unless committed. Idempotent. */
  @Override
  public void close() {
    videoStage.close();
  }
}
