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
