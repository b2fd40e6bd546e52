package dev.islet.bindings.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/** Key order and cursors shared by the stores. */
public final class Keys {
  private Keys() {}

  /** Ascending UTF-8 byte order, which is code point order (not String's UTF-16 order). */
  public static final Comparator<String> UTF8_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  /**
   * The least byte string greater than every byte string starting with {@code prefix} (bytes
   * compared unsigned); null if there is none (the prefix is all 0xFF).
   */
  public static byte[] successor(byte[] prefix) {
    int n = prefix.length;
    while (n > 0 && prefix[n - 1] == (byte) 0xFF) {
      n--;
    }
    if (n == 0) {
      return null;
    }
    byte[] s = java.util.Arrays.copyOf(prefix, n);
    s[n - 1]++;
    return s;
  }

  /** An opaque cursor meaning "after {@code key}". */
  public static String cursorAfter(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("k:" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** The key a cursor points after. */
  public static String keyOf(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (s.startsWith("k:")) {
        return s.substring(2);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new IllegalArgumentException("invalid cursor: \"" + cursor + "\"");
  }
}
