package dev.islet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A filtered, paginated listing of scripts, like Workers for Platforms' {@code tags=a:yes,b:no}.
 *
 * <pre>{@code
 * Page<ScriptInfo> page = ns.list(ScriptQuery.newBuilder().tag("pro", true).tag("suspended", false).limit(50).build());
 * while (true) {
 *   page.items().forEach(System.out::println);
 *   if (page.nextCursor().isEmpty()) break;
 *   page = ns.list(query.toBuilder().cursor(page.nextCursor().get()).build());
 * }
 * }</pre>
 *
 * <p>Scripts are listed in name order. A cursor is opaque; one that is malformed is an {@link
 * IllegalArgumentException}. Immutable and thread-safe.
 */
public final class ScriptQuery {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private static final ScriptQuery ALL = new ScriptQuery(new Builder());

  private final Map<String, Boolean> tags;
  private final int limit;
  private final String cursor;

  private ScriptQuery(Builder b) {
    this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  /** The first page of every script. */
  public static ScriptQuery all() {
    return ALL;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.tags.putAll(tags);
    b.limit = limit;
    b.cursor = cursor;
    return b;
  }

  /** Tag filters: {@code true} means the script must have the tag, {@code false} must not. */
  public Map<String, Boolean> tags() {
    return tags;
  }

  public int limit() {
    return limit;
  }

  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /** True if a script with these tags passes the tag filters. */
  public boolean matches(java.util.Set<String> scriptTags) {
    for (Map.Entry<String, Boolean> e : tags.entrySet()) {
      if (scriptTags.contains(e.getKey()) != e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Builds a {@link ScriptQuery}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Boolean> tags = new LinkedHashMap<>();
    private int limit = DEFAULT_LIMIT;
    private String cursor;

    private Builder() {}

    /** Requires ({@code present = true}) or excludes ({@code false}) scripts with {@code tag}. */
    public Builder tag(String tag, boolean present) {
      Objects.requireNonNull(tag, "tag");
      Boolean previous = tags.put(tag, present);
      if (previous != null && previous != present) {
        throw new IllegalArgumentException("tag \"" + tag + "\" is both required and excluded");
      }
      return this;
    }

    /** Page size, 1..{@value ScriptQuery#MAX_LIMIT}. */
    public Builder limit(int limit) {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be in 1.." + MAX_LIMIT + ", was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** Continues after a previous page ({@link Page#nextCursor()}). */
    public Builder cursor(String cursor) {
      this.cursor = Objects.requireNonNull(cursor, "cursor");
      return this;
    }

    public ScriptQuery build() {
      return new ScriptQuery(this);
    }
  }
}
