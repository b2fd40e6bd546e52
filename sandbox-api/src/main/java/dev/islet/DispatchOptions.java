package dev.islet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-dispatch options: custom {@link Limits} and the parameters handed to the namespace's outbound
 * (egress) handler, as {@code env.DISPATCHER.get(name, {}, {limits, outbound})} does in Workers for
 * Platforms.
 *
 * <pre>{@code
 * DispatchOptions opts = DispatchOptions.newBuilder()
 *     .limits(Limits.cpuMs(50), Limits.subRequests(20))
 *     .outbound("customer_id", "123")
 *     .build();
 * }</pre>
 *
 * <p>Outbound parameter values must be JSON values: {@code String}, {@code Number}, {@code Boolean},
 * {@code null}, {@code List} or {@code Map<String, ?>} of those; anything else is an {@link
 * IllegalArgumentException}. Immutable and thread-safe.
 */
public final class DispatchOptions {
  private static final DispatchOptions DEFAULTS = new DispatchOptions(Limits.none(), Map.of());

  private final Limits limits;
  private final Map<String, Object> outbound;

  private DispatchOptions(Limits limits, Map<String, Object> outbound) {
    this.limits = limits;
    this.outbound = outbound;
  }

  /** No custom limits, no outbound parameters. */
  public static DispatchOptions defaults() {
    return DEFAULTS;
  }

  /** Options with only limits set. */
  public static DispatchOptions limits(Limits... limits) {
    return newBuilder().limits(limits).build();
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.limits = limits;
    b.outbound.putAll(outbound);
    return b;
  }

  public Limits limits() {
    return limits;
  }

  /** Outbound parameters (unmodifiable, deep-copied JSON values). */
  public Map<String, Object> outbound() {
    return outbound;
  }

  @Override
  public String toString() {
    return "DispatchOptions{" + limits + ", outbound=" + outbound.keySet() + "}";
  }

  /** Builds {@link DispatchOptions}. Not thread-safe. */
  public static final class Builder {
    private Limits limits = Limits.none();
    private final Map<String, Object> outbound = new LinkedHashMap<>();

    private Builder() {}

    /** Adds limits; several calls combine, the lowest value of each limit wins. */
    public Builder limits(Limits... parts) {
      limits = limits.and(Limits.of(parts));
      return this;
    }

    /** Sets one outbound parameter. */
    public Builder outbound(String name, Object value) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("outbound parameter name must not be empty");
      }
      outbound.put(name, jsonCopy(value, "outbound." + name));
      return this;
    }

    /** Sets every entry of {@code params} as an outbound parameter. */
    public Builder outbound(Map<String, ?> params) {
      params.forEach(this::outbound);
      return this;
    }

    public DispatchOptions build() {
      return new DispatchOptions(limits, Collections.unmodifiableMap(new LinkedHashMap<>(outbound)));
    }
  }

  static Object jsonCopy(Object value, String path) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(path + " is not a finite number: " + value);
      }
      return value;
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      int i = 0;
      for (Object o : (List<?>) value) {
        copy.add(jsonCopy(o, path + "[" + i++ + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException(path + " has a non-string key: " + e.getKey());
        }
        copy.put((String) e.getKey(), jsonCopy(e.getValue(), path + "." + e.getKey()));
      }
      return Collections.unmodifiableMap(copy);
    }
    throw new IllegalArgumentException(
        path + " is not a JSON value (String, Number, Boolean, null, List, Map): "
            + value.getClass().getName());
  }
}
