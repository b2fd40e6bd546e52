package dev.islet.graal.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;

/**
 * The only file system a worker context sees: read-only, in memory, serving exactly one tenant's
 * modules under {@code /}. Anything else — other paths, {@code ..} outside the root, writes,
 * directory listings, URLs of other schemes — fails as if the file did not exist or access was
 * denied. The modules are mounted once, when a tenant claims the context, so that a context can be
 * created (and its prelude evaluated) before its tenant is known.
 */
final class TenantFileSystem implements org.graalvm.polyglot.io.FileSystem {
  static final String MODULE_MIME = "application/javascript+module";
  private static final Path ROOT = Path.of("/");

  private volatile Map<String, byte[]> files = Map.of();

  /** Serves {@code modules} (absolute path → content). Once only. */
  void mount(Map<String, byte[]> modules) {
    if (!files.isEmpty()) {
      throw new IllegalStateException("a context's modules are mounted once");
    }
    files = modules;
  }

  private byte[] find(Path path) throws NoSuchFileException {
    Path p = ROOT.resolve(path).normalize();
    byte[] content = files.get(p.toString());
    if (content == null) {
      throw new NoSuchFileException(path.toString());
    }
    return content;
  }

  @Override
  public Path parsePath(URI uri) {
    if (!"file".equals(uri.getScheme())) {
      throw new UnsupportedOperationException("only modules of this worker can be imported");
    }
    return Path.of(uri.getPath());
  }

  @Override
  public Path parsePath(String path) {
    return Path.of(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options)
      throws IOException {
    if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
      throw new AccessDeniedException(path.toString());
    }
    find(path);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    throw new AccessDeniedException(dir.toString());
  }

  @Override
  public void delete(Path path) throws IOException {
    throw new AccessDeniedException(path.toString());
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    for (OpenOption o : options) {
      if (o != StandardOpenOption.READ) {
        throw new AccessDeniedException(path.toString());
      }
    }
    return new ReadOnlyChannel(find(path));
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(
      Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
    throw new AccessDeniedException(dir.toString());
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return ROOT.resolve(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... options) {
    return ROOT.resolve(path).normalize();
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    byte[] content = find(path);
    return Map.of(
        "isRegularFile", true, "isDirectory", false, "isSymbolicLink", false, "isOther", false,
        "size", (long) content.length);
  }

  @Override
  public String getMimeType(Path path) {
    // Every module is served as JavaScript: text, JSON and data modules are wrapped at deploy.
    return MODULE_MIME;
  }

  private static final class ReadOnlyChannel implements SeekableByteChannel {
    private final byte[] content;
    private int position;
    private boolean open = true;

    ReadOnlyChannel(byte[] content) {
      this.content = content;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= content.length) {
        return -1;
      }
      int n = Math.min(dst.remaining(), content.length - position);
      dst.put(content, position, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = (int) Math.min(newPosition, content.length);
      return this;
    }

    @Override
    public long size() {
      return content.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
