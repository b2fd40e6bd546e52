package dev.islet.bindings;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.islet.bindings.internal.BlobListing;
import dev.islet.bindings.internal.Keys;
import dev.islet.bindings.internal.Multipart;
import dev.islet.store.BlobContent;
import dev.islet.store.BlobMetadata;
import dev.islet.store.BlobObject;
import dev.islet.store.BlobPage;
import dev.islet.store.BlobPart;
import dev.islet.store.BlobRange;
import dev.islet.store.BlobStore;
import dev.islet.store.MultipartException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link LocalFiles#blobs}: one file per object (a framed header, then the bytes), installed by
 * write-temp, force, atomic rename, force the directory; a sorted in-memory index of descriptions per
 * bucket for head and list, rebuilt from the headers at open.
 *
 * <p>Consistency: an object file and its index entry change together under the key's stripe lock,
 * in rename order. {@code get} reads the file itself (header and bytes from one open file), so it
 * sees one whole version even while a put replaces it.
 */
final class DirectoryBlobStore implements BlobStore {
  private static final System.Logger LOG = System.getLogger(DirectoryBlobStore.class.getName());

  static final String LOCK_FILE = ".lock";
  static final String TEMP_PREFIX = ".tmp-";
  private static final String UPLOAD_FILE = "upload";
  private static final String PART_PREFIX = "part-";

  // Every file starts with a frame: magic, format version, header length; then the header; then bytes.
  private static final int OBJECT_MAGIC = 0x49534c42; // "ISLB"
  private static final int UPLOAD_MAGIC = 0x49534c55; // "ISLU"
  private static final int PART_MAGIC = 0x49534c50; // "ISLP"
  private static final int FORMAT = 1;
  private static final int FRAME = 12;
  private static final int MAX_HEADER = 16 << 20;

  private static final int THREADS = 4;
  private static final int STRIPES = 64;
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final ConcurrentSkipListMap<String, BlobObject> NO_OBJECTS =
      new ConcurrentSkipListMap<>(Keys.UTF8_ORDER);

  /** An object file's header and where its bytes start. */
  private record ObjectFile(String bucket, BlobObject object, long dataOffset) {}

  /**
   * An upload in progress. Part uploads hold the read lock (they run in parallel and replace a part
   * under the upload's monitor); complete and abort hold the write lock, so no part is half-written
   * when the upload ends.
   */
  private static final class Upload {
    final String bucket;
    final String key;
    final BlobMetadata metadata;
    final Path dir;
    final Map<Integer, Multipart.Uploaded> parts = new ConcurrentHashMap<>();
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    boolean ended; // guarded by lock

    Upload(String bucket, String key, BlobMetadata metadata, Path dir) {
      this.bucket = bucket;
      this.key = key;
      this.metadata = metadata;
      this.dir = dir;
    }
  }

  private final Path root;
  private final Path objects;
  private final Path uploadsDir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ExecutorService executor;
  private final Map<String, ConcurrentSkipListMap<String, BlobObject>> index = new ConcurrentHashMap<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final Set<Path> knownDirs = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private DirectoryBlobStore(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.objects = root.resolve("objects");
    this.uploadsDir = root.resolve("uploads");
    this.lockChannel = lockChannel;
    this.lock = lock;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "islet-blobs " + root.getFileName() + " #" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  static DirectoryBlobStore open(Path directory) {
    Path root = directory.toAbsolutePath().normalize();
    FileChannel channel = null;
    try {
      Files.createDirectories(root);
      channel = FileChannel.open(root.resolve(LOCK_FILE), CREATE, WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another store in this JVM
      }
      if (lock == null) {
        throw new IllegalStateException("the blob store directory " + root
            + " is already open (by another store in this or another process)");
      }
      DirectoryBlobStore store = new DirectoryBlobStore(root, channel, lock);
      try {
        store.load();
      } catch (IOException | RuntimeException e) {
        store.close();
        throw e;
      }
      return store;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot open the blob store directory " + root, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  // ---- open --------------------------------------------------------------------------------------

  /** Reads every object's header into the index and every upload in progress; drops temp files. */
  private void load() throws IOException {
    Files.createDirectories(objects);
    Files.createDirectories(uploadsDir);
    knownDirs.add(root);
    knownDirs.add(objects);
    knownDirs.add(uploadsDir);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(objects)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path p : files) {
      if (p.getFileName().toString().startsWith(TEMP_PREFIX)) {
        Files.deleteIfExists(p); // a write that was never acknowledged
        continue;
      }
      try (FileChannel ch = FileChannel.open(p, READ)) {
        ObjectFile f = readObject(ch, p);
        if (!objectPath(f.bucket(), f.object().key()).equals(p)) {
          throw new IOException("the file's name does not match its bucket and key");
        }
        bucketIndex(f.bucket()).put(f.object().key(), f.object());
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "skipping " + p + ", not an object file of this store", e);
      }
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(uploadsDir)) {
      for (Path dir : dirs) {
        String id = dir.getFileName().toString();
        if (!Files.isDirectory(dir) || !UPLOAD_ID.matcher(id).matches()) {
          LOG.log(System.Logger.Level.WARNING, "skipping " + dir + ", not an upload of this store");
          continue;
        }
        try {
          loadUpload(id, dir);
        } catch (IOException e) {
          LOG.log(System.Logger.Level.WARNING, "skipping the upload in " + dir + ", unreadable", e);
        }
      }
    }
  }

  private void loadUpload(String id, Path dir) throws IOException {
    Upload u;
    try (FileChannel ch = FileChannel.open(dir.resolve(UPLOAD_FILE), READ)) {
      DataInputStream in = header(ch, UPLOAD_MAGIC, dir);
      String bucket = readString(in);
      String key = readString(in);
      u = new Upload(bucket, key, readMetadata(in), dir);
    } catch (NoSuchFileException e) {
      deleteTree(dir); // a create that was never acknowledged
      return;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.startsWith(TEMP_PREFIX)) {
        Files.deleteIfExists(f);
      } else if (name.startsWith(PART_PREFIX)) {
        try (FileChannel ch = FileChannel.open(f, READ)) {
          Multipart.Uploaded p = readPart(ch, f);
          if (!name.equals(PART_PREFIX + p.partNumber())) {
            throw new IOException("part " + p.partNumber() + " in the file " + f);
          }
          u.parts.put(p.partNumber(), p);
        }
      }
    }
    uploads.put(id, u);
  }

  // ---- the SPI -----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Optional<BlobObject>> head(String bucket, String key) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (closed) {
      return closedFailure();
    }
    return CompletableFuture.completedFuture(Optional.ofNullable(index.getOrDefault(bucket, NO_OBJECTS).get(key)));
  }

  @Override
  public CompletableFuture<Optional<BlobContent>> get(String bucket, String key, BlobRange range) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    return submit(() -> {
      Path p = objectPath(bucket, key);
      try (FileChannel ch = FileChannel.open(p, READ)) {
        ObjectFile f = readObject(ch, p);
        if (!f.bucket().equals(bucket) || !f.object().key().equals(key)) {
          return Optional.empty(); // a SHA-256 collision: not this object
        }
        long size = f.object().size();
        long[] r = range == null ? new long[] {0, size} : range.resolve(size);
        long length = r[1] - r[0];
        if (length > Integer.MAX_VALUE - 8) {
          throw new IOException("cannot read " + length + " bytes of " + key + " at once");
        }
        byte[] data = new byte[(int) length];
        readFully(ch, ByteBuffer.wrap(data), f.dataOffset() + r[0], p);
        return Optional.of(new BlobContent(f.object(), data, r[0]));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public CompletableFuture<BlobObject> put(String bucket, String key, byte[] data, BlobMetadata metadata) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(metadata, "metadata");
    byte[] bytes = data.clone();
    return submit(() -> {
      BlobObject o = new BlobObject(key, Multipart.randomId(), bytes.length, md5Hex(bytes), now(), metadata);
      Path target = objectPath(bucket, key);
      ensureDir(target.getParent());
      Path temp = writeTemp(target.getParent(), objectHeader(bucket, o),
          ch -> writeFully(ch, ByteBuffer.wrap(bytes)));
      install(bucket, o, temp, target);
      return o;
    });
  }

  @Override
  public CompletableFuture<Void> delete(String bucket, List<String> keys) {
    Objects.requireNonNull(bucket, "bucket");
    List<String> copy = List.copyOf(keys);
    return submit(() -> {
      for (String key : copy) {
        Path p = objectPath(bucket, key);
        ReentrantLock l = stripe(p);
        l.lock();
        try {
          if (Files.deleteIfExists(p)) {
            syncDir(p.getParent());
          }
          index.getOrDefault(bucket, NO_OBJECTS).remove(key);
        } finally {
          l.unlock();
        }
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<BlobPage> list(String bucket, String prefix, String delimiter, String startAfter,
      String cursor, int limit) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (closed) {
      return closedFailure();
    }
    try {
      return CompletableFuture.completedFuture(BlobListing.page(index.getOrDefault(bucket, NO_OBJECTS),
          Function.identity(), prefix, delimiter, startAfter, cursor, limit));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<String> createMultipartUpload(String bucket, String key, BlobMetadata metadata) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(metadata, "metadata");
    return submit(() -> {
      String id = Multipart.randomId();
      Path dir = uploadsDir.resolve(id);
      Files.createDirectory(dir);
      Path temp = writeTemp(dir, frame(UPLOAD_MAGIC, out -> {
        writeString(out, bucket);
        writeString(out, key);
        writeMetadata(out, metadata);
      }), ch -> {});
      commit(temp, dir.resolve(UPLOAD_FILE));
      syncDir(uploadsDir);
      uploads.put(id, new Upload(bucket, key, metadata, dir));
      return id;
    });
  }

  @Override
  public CompletableFuture<BlobPart> uploadPart(String bucket, String key, String uploadId, int partNumber,
      byte[] data) {
    try {
      Multipart.checkPartNumber(partNumber);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    byte[] bytes = data.clone();
    return submit(() -> {
      Upload u = upload(bucket, key, uploadId);
      u.lock.readLock().lock();
      try {
        if (u.ended) {
          throw noSuchUpload(uploadId, key);
        }
        String etag = Multipart.randomId();
        byte[] md5 = Multipart.md5().digest(bytes);
        Path temp = writeTemp(u.dir, frame(PART_MAGIC, out -> {
          out.writeInt(partNumber);
          writeString(out, etag);
          out.writeInt(md5.length);
          out.write(md5);
        }), ch -> writeFully(ch, ByteBuffer.wrap(bytes)));
        synchronized (u) { // the rename and the map change in the same order for one part number
          commit(temp, u.dir.resolve(PART_PREFIX + partNumber));
          u.parts.put(partNumber, new Multipart.Uploaded(partNumber, etag, bytes.length, md5));
        }
        return new BlobPart(partNumber, etag);
      } finally {
        u.lock.readLock().unlock();
      }
    });
  }

  @Override
  public CompletableFuture<BlobObject> completeMultipartUpload(String bucket, String key, String uploadId,
      List<BlobPart> parts) {
    List<BlobPart> named = List.copyOf(parts);
    return submit(() -> {
      Upload u = upload(bucket, key, uploadId);
      u.lock.writeLock().lock();
      try {
        if (u.ended) {
          throw noSuchUpload(uploadId, key);
        }
        List<Multipart.Uploaded> chosen = Multipart.select(named, u.parts);
        long size = 0;
        for (Multipart.Uploaded p : chosen) {
          size += p.size();
        }
        BlobMetadata metadata = new BlobMetadata(u.metadata.http(), u.metadata.custom(), Map.of());
        BlobObject o = new BlobObject(key, Multipart.randomId(), size, Multipart.etag(chosen), now(), metadata);
        Path target = objectPath(bucket, key);
        ensureDir(target.getParent());
        Path temp = writeTemp(target.getParent(), objectHeader(bucket, o), out -> {
          for (Multipart.Uploaded p : chosen) {
            Path file = u.dir.resolve(PART_PREFIX + p.partNumber());
            try (FileChannel in = FileChannel.open(file, READ)) {
              long from = FRAME + frameLength(in, PART_MAGIC, file);
              transfer(in, from, p.size(), out, file);
            }
          }
        });
        install(bucket, o, temp, target);
        // A crash from here until the directory is gone leaves the upload in progress: completing it
        // again makes the same object again.
        u.ended = true;
        uploads.remove(uploadId, u);
        deleteTree(u.dir);
        syncDir(uploadsDir);
        return o;
      } finally {
        u.lock.writeLock().unlock();
      }
    });
  }

  @Override
  public CompletableFuture<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
    return submit(() -> {
      Upload u = uploads.get(uploadId);
      if (u == null || !u.bucket.equals(bucket) || !u.key.equals(key)) {
        return null; // idempotent: already ended, or never was
      }
      u.lock.writeLock().lock();
      try {
        if (!u.ended) {
          u.ended = true;
          uploads.remove(uploadId, u);
          deleteTree(u.dir);
          syncDir(uploadsDir);
        }
      } finally {
        u.lock.writeLock().unlock();
      }
      return null;
    });
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.log(System.Logger.Level.WARNING, "blob store operations in " + root + " still running after a minute");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      lock.release();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot release the lock of " + root, e);
    }
    closeQuietly(lockChannel);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  @FunctionalInterface
  private interface IoTask<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  private interface IoWriter<T> {
    void write(T target) throws IOException;
  }

  private <T> CompletableFuture<T> submit(IoTask<T> task) {
    if (closed) {
      return closedFailure();
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          f.complete(task.run());
        } catch (Throwable t) {
          f.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException e) {
      return closedFailure();
    }
    return f;
  }

  private <T> CompletableFuture<T> closedFailure() {
    return CompletableFuture.failedFuture(new IllegalStateException("the blob store in " + root + " is closed"));
  }

  private Upload upload(String bucket, String key, String uploadId) {
    Upload u = uploadId == null ? null : uploads.get(uploadId);
    if (u == null || !u.bucket.equals(bucket) || !u.key.equals(key)) {
      throw noSuchUpload(uploadId, key);
    }
    return u;
  }

  private static MultipartException noSuchUpload(String uploadId, String key) {
    return new MultipartException(MultipartException.Reason.NO_SUCH_UPLOAD, "no upload " + uploadId + " of " + key);
  }

  private ConcurrentSkipListMap<String, BlobObject> bucketIndex(String bucket) {
    return index.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>(Keys.UTF8_ORDER));
  }

  /** The object's file: never derived from the key's text, only from hashes. */
  private Path objectPath(String bucket, String key) {
    String k = sha256Hex(key);
    return objects.resolve(sha256Hex(bucket)).resolve(k.substring(0, 2)).resolve(k);
  }

  private ReentrantLock stripe(Path objectFile) {
    return stripes[Math.floorMod(objectFile.hashCode(), STRIPES)];
  }

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis()); // what the header keeps
  }

  /** Renames the finished temp file over the object's file and updates the index, in one step per key. */
  private void install(String bucket, BlobObject o, Path temp, Path target) throws IOException {
    ReentrantLock l = stripe(target);
    l.lock();
    try {
      commit(temp, target);
      bucketIndex(bucket).put(o.key(), o);
    } finally {
      l.unlock();
    }
  }

  /** A forced temp file in {@code dir}: {@code head}, then what {@code body} writes. */
  private static Path writeTemp(Path dir, byte[] head, IoWriter<FileChannel> body) throws IOException {
    Path temp = dir.resolve(TEMP_PREFIX + Multipart.randomId());
    try (FileChannel ch = FileChannel.open(temp, CREATE_NEW, WRITE)) {
      writeFully(ch, ByteBuffer.wrap(head));
      body.write(ch);
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  /** Atomically replaces {@code target} with the forced {@code temp}, then forces the directory. */
  private static void commit(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    syncDir(target.getParent());
  }

  /** Forces a directory's entries to disk, so a rename or delete in it survives a crash. */
  private static void syncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open or force a directory; there the rename is all we have.
    }
  }

  /** Creates {@code dir} and missing parents under the root, forcing each new entry to disk. */
  private void ensureDir(Path dir) throws IOException {
    if (knownDirs.contains(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      ensureDir(dir.getParent());
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // made by another thread meanwhile
      }
      syncDir(dir.getParent());
    }
    knownDirs.add(dir);
  }

  private static void deleteTree(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (NoSuchFileException e) {
      return;
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long position, Path file) throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      int n = ch.read(b, at);
      if (n < 0) {
        throw new EOFException("unexpected end of " + file);
      }
      at += n;
    }
  }

  private static void transfer(FileChannel in, long from, long count, FileChannel out, Path file) throws IOException {
    long done = 0;
    while (done < count) {
      long n = in.transferTo(from + done, count - done, out);
      if (n <= 0 && in.size() < from + count) {
        throw new EOFException("unexpected end of " + file);
      }
      done += n;
    }
  }

  // ---- file format -------------------------------------------------------------------------------

  /** A frame: magic, format version, header length, then the header {@code body} writes. */
  private static byte[] frame(int magic, IoWriter<DataOutputStream> body) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    body.write(new DataOutputStream(header));
    ByteArrayOutputStream all = new ByteArrayOutputStream(FRAME + header.size());
    DataOutputStream out = new DataOutputStream(all);
    out.writeInt(magic);
    out.writeInt(FORMAT);
    out.writeInt(header.size());
    header.writeTo(out);
    return all.toByteArray();
  }

  /** The header length of a file's frame, checking its magic and format version. */
  private static int frameLength(FileChannel ch, int magic, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(FRAME);
    readFully(ch, b, 0, file);
    b.flip();
    int m = b.getInt();
    int format = b.getInt();
    int length = b.getInt();
    if (m != magic) {
      throw new IOException(file + " is not a file of this store (magic " + Integer.toHexString(m) + ")");
    }
    if (format != FORMAT) {
      throw new IOException(file + " has format version " + format + "; this store reads " + FORMAT);
    }
    if (length < 0 || length > MAX_HEADER) {
      throw new IOException(file + " has a header of " + length + " bytes");
    }
    return length;
  }

  private static DataInputStream header(FileChannel ch, int magic, Path file) throws IOException {
    byte[] header = new byte[frameLength(ch, magic, file)];
    readFully(ch, ByteBuffer.wrap(header), FRAME, file);
    return new DataInputStream(new ByteArrayInputStream(header));
  }

  private static byte[] objectHeader(String bucket, BlobObject o) throws IOException {
    return frame(OBJECT_MAGIC, out -> {
      writeString(out, bucket);
      writeString(out, o.key());
      writeString(out, o.version());
      writeString(out, o.etag());
      out.writeLong(o.uploaded().toEpochMilli());
      out.writeLong(o.size());
      writeMetadata(out, o.metadata());
    });
  }

  /** An object file's header, checking that the file holds all of the object's bytes. */
  private static ObjectFile readObject(FileChannel ch, Path file) throws IOException {
    int length = frameLength(ch, OBJECT_MAGIC, file);
    byte[] header = new byte[length];
    readFully(ch, ByteBuffer.wrap(header), FRAME, file);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(header));
    String bucket = readString(in);
    String key = readString(in);
    String version = readString(in);
    String etag = readString(in);
    Instant uploaded = Instant.ofEpochMilli(in.readLong());
    long size = in.readLong();
    BlobMetadata metadata = readMetadata(in);
    long dataOffset = FRAME + (long) length;
    if (ch.size() != dataOffset + size) {
      throw new IOException(file + " has " + (ch.size() - dataOffset) + " bytes of data, its header says " + size);
    }
    return new ObjectFile(bucket, new BlobObject(key, version, size, etag, uploaded, metadata), dataOffset);
  }

  private static Multipart.Uploaded readPart(FileChannel ch, Path file) throws IOException {
    int length = frameLength(ch, PART_MAGIC, file);
    byte[] header = new byte[length];
    readFully(ch, ByteBuffer.wrap(header), FRAME, file);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(header));
    int partNumber = in.readInt();
    String etag = readString(in);
    byte[] md5 = new byte[in.readInt()];
    in.readFully(md5);
    return new Multipart.Uploaded(partNumber, etag, ch.size() - FRAME - length, md5);
  }

  private static void writeMetadata(DataOutputStream out, BlobMetadata m) throws IOException {
    writeMap(out, m.http());
    writeMap(out, m.custom());
    writeMap(out, m.checksums());
  }

  private static BlobMetadata readMetadata(DataInputStream in) throws IOException {
    Map<String, String> http = readMap(in);
    Map<String, String> custom = readMap(in);
    return new BlobMetadata(http, custom, readMap(in));
  }

  private static void writeMap(DataOutputStream out, Map<String, String> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : m.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
  }

  private static Map<String, String> readMap(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("corrupt header: a map of " + n + " entries");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(readString(in), readString(in));
    }
    return m;
  }

  /** A string as its UTF-8 length and bytes ({@code writeUTF} stops at 64 KiB); -1 for null. */
  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > in.available()) {
      throw new IOException("corrupt header: a string of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String md5Hex(byte[] data) {
    return HexFormat.of().formatHex(Multipart.md5().digest(data));
  }
}
