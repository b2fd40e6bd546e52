package dev.islet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable, ordered list of HTTP header fields with Fetch-standard semantics: names are
 * case-insensitive (stored lower-case), values are trimmed of leading and trailing HTTP whitespace,
 * and {@link #get} combines repeated fields with {@code ", "} — except {@code Set-Cookie}, read with
 * {@link #getSetCookie}.
 *
 * <pre>{@code
 * Headers h = Headers.newBuilder().add("Content-Type", "text/plain").add("Set-Cookie", "a=1").build();
 * h.get("content-type");   // Optional[text/plain]
 * }</pre>
 *
 * <p>Invalid names (not an HTTP token) or values (containing NUL, CR or LF) are an {@link
 * IllegalArgumentException}. Immutable and thread-safe.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(List.of());

  // Flattened pairs: name0, value0, name1, value1, … Names are lower-case.
  private final List<String> pairs;

  private Headers(List<String> pairs) {
    this.pairs = pairs;
  }

  public static Headers empty() {
    return EMPTY;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Headers from alternating names and values: {@code Headers.of("content-type", "text/plain")}. */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Headers.of needs name/value pairs, got an odd count");
    }
    Builder b = newBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.pairs.addAll(pairs);
    return b;
  }

  /** The combined value of every field named {@code name}, joined with {@code ", "}. */
  public Optional<String> get(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    String result = null;
    for (int i = 0; i < pairs.size(); i += 2) {
      if (pairs.get(i).equals(key)) {
        result = result == null ? pairs.get(i + 1) : result + ", " + pairs.get(i + 1);
      }
    }
    return Optional.ofNullable(result);
  }

  /** Every value of fields named {@code name}, in order, not combined. */
  public List<String> getAll(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i += 2) {
      if (pairs.get(i).equals(key)) {
        values.add(pairs.get(i + 1));
      }
    }
    return Collections.unmodifiableList(values);
  }

  /** The {@code Set-Cookie} values, one per field (they must never be combined). */
  public List<String> getSetCookie() {
    return getAll("set-cookie");
  }

  public boolean contains(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < pairs.size(); i += 2) {
      if (pairs.get(i).equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** Distinct lower-case names, sorted. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < pairs.size(); i += 2) {
      names.add(pairs.get(i));
    }
    return Collections.unmodifiableSet(names);
  }

  /** Number of fields (a name repeated counts each time). */
  public int size() {
    return pairs.size() / 2;
  }

  /** Name of field {@code index} (lower-case). */
  public String name(int index) {
    return pairs.get(index * 2);
  }

  /** Value of field {@code index}. */
  public String value(int index) {
    return pairs.get(index * 2 + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers && ((Headers) o).pairs.equals(pairs);
  }

  @Override
  public int hashCode() {
    return pairs.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Headers{");
    for (int i = 0; i < pairs.size(); i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(pairs.get(i)).append(": ").append(pairs.get(i + 1));
    }
    return sb.append('}').toString();
  }

  /** Builds {@link Headers}. Not thread-safe. */
  public static final class Builder {
    private final List<String> pairs = new ArrayList<>();

    private Builder() {}

    /** Appends a field (repeats allowed). */
    public Builder add(String name, String value) {
      pairs.add(checkName(name));
      pairs.add(normalizeValue(name, value));
      return this;
    }

    /** Replaces every field named {@code name} with one field. */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /** Removes every field named {@code name}. */
    public Builder remove(String name) {
      String key = checkName(name);
      for (int i = pairs.size() - 2; i >= 0; i -= 2) {
        if (pairs.get(i).equals(key)) {
          pairs.remove(i + 1);
          pairs.remove(i);
        }
      }
      return this;
    }

    public Headers build() {
      return pairs.isEmpty() ? EMPTY : new Headers(List.copyOf(pairs));
    }
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "header name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("header name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        throw new IllegalArgumentException("invalid header name: \"" + name + "\"");
      }
    }
    return name.toLowerCase(Locale.ROOT);
  }

  static String normalizeValue(String name, String value) {
    Objects.requireNonNull(value, "header value");
    int start = 0;
    int end = value.length();
    while (start < end && isHttpWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && isHttpWhitespace(value.charAt(end - 1))) {
      end--;
    }
    String v = value.substring(start, end);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == 0 || c == '\r' || c == '\n' || c > 0xFF) {
        throw new IllegalArgumentException("invalid value for header \"" + name + "\"");
      }
    }
    return v;
  }

  private static boolean isHttpWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  static boolean isTokenChar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
