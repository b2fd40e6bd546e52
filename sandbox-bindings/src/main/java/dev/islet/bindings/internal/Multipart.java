package dev.islet.bindings.internal;

import dev.islet.store.BlobPart;
import dev.islet.store.BlobStore;
import dev.islet.store.MultipartException;
import dev.islet.store.MultipartException.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** R2's multipart rules, for stores that keep parts themselves (memory, directory). */
public final class Multipart {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Multipart() {}

  /** A part as a store holds it. */
  public record Uploaded(int partNumber, String etag, long size, byte[] md5) {}

  /** A new upload id or part etag: 128 random bits, hex. */
  public static String randomId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Checks a part number, failing as R2 does for one out of range. */
  public static void checkPartNumber(int partNumber) {
    if (partNumber < 1 || partNumber > BlobStore.MAX_PARTS) {
      throw new IllegalArgumentException("part number must be 1-" + BlobStore.MAX_PARTS + ", was " + partNumber);
    }
  }

  /**
   * The uploaded parts {@code named} picks, in ascending part order, after checking them against
   * R2's rules.
   *
   * @throws MultipartException for a part not uploaded, a part number named twice, or sizes R2 refuses
   */
  public static List<Uploaded> select(List<BlobPart> named, Map<Integer, Uploaded> uploaded) {
    List<Uploaded> chosen = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (BlobPart p : named) {
      Uploaded u = uploaded.get(p.partNumber());
      if (u == null || !u.etag().equals(p.etag())) {
        throw new MultipartException(Reason.INVALID_PART, "part " + p.partNumber() + " with etag " + p.etag()
            + " was not uploaded");
      }
      if (!seen.add(p.partNumber())) {
        throw new MultipartException(Reason.BAD_UPLOAD, "part " + p.partNumber() + " named twice");
      }
      chosen.add(u);
    }
    chosen.sort(Comparator.comparingInt(Uploaded::partNumber));
    for (int i = 0; i + 1 < chosen.size(); i++) {
      if (chosen.get(i).size() < BlobStore.MIN_PART_BYTES) {
        throw new MultipartException(Reason.PART_TOO_SMALL, "part " + chosen.get(i).partNumber() + " has "
            + chosen.get(i).size() + " bytes; all but the last need at least " + BlobStore.MIN_PART_BYTES);
      }
    }
    if (!chosen.isEmpty()) {
      long size = chosen.get(0).size();
      for (int i = 0; i < chosen.size(); i++) {
        Uploaded u = chosen.get(i);
        boolean last = i == chosen.size() - 1;
        if (last ? u.size() > size : u.size() != size) {
          throw new MultipartException(Reason.BAD_UPLOAD, "part " + u.partNumber() + " has " + u.size()
              + " bytes; parts but the last must all have " + size + " and the last no more");
        }
      }
    }
    return chosen;
  }

  /** The multipart etag: hex MD5 of the parts' binary MD5s, "-", the part count. */
  public static String etag(List<Uploaded> parts) {
    MessageDigest md5 = md5();
    for (Uploaded u : parts) {
      md5.update(u.md5());
    }
    return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
  }

  public static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
