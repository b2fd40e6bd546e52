package dev.islet.graal.internal;

import java.util.List;
import java.util.Map;

/**
 * Writes the JSON values the API accepts (String, Number, Boolean, null, List, Map) as JSON text,
 * and reads JSON text (made by the prelude's {@code JSON.stringify}) back into them.
 */
final class Json {
  private Json() {}

  /**
   * Parses JSON text: objects become {@code LinkedHashMap}, arrays {@code ArrayList}, numbers {@code
   * Long} when integral and in range, else {@code Double}.
   *
   * @throws IllegalArgumentException for malformed text
   */
  static Object read(String text) {
    Reader r = new Reader(text);
    r.space();
    Object v = r.value(0);
    r.space();
    if (r.i != text.length()) {
      throw r.error("trailing characters");
    }
    return v;
  }

  private static final class Reader {
    final String s;
    int i;

    Reader(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("malformed JSON at " + i + ": " + what);
    }

    void space() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '\t')) {
        i++;
      }
    }

    Object value(int depth) {
      if (depth > 256) {
        throw error("nested too deeply");
      }
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{': {
          i++;
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          space();
          if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return m;
          }
          while (true) {
            space();
            if (i >= s.length() || s.charAt(i) != '"') {
              throw error("expected a key");
            }
            String k = string();
            space();
            expect(':');
            space();
            m.put(k, value(depth + 1));
            space();
            if (i < s.length() && s.charAt(i) == ',') {
              i++;
              continue;
            }
            expect('}');
            return m;
          }
        }
        case '[': {
          i++;
          List<Object> l = new java.util.ArrayList<>();
          space();
          if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return l;
          }
          while (true) {
            space();
            l.add(value(depth + 1));
            space();
            if (i < s.length() && s.charAt(i) == ',') {
              i++;
              continue;
            }
            expect(']');
            return l;
          }
        }
        case '"':
          return string();
        case 't':
          literal("true");
          return Boolean.TRUE;
        case 'f':
          literal("false");
          return Boolean.FALSE;
        case 'n':
          literal("null");
          return null;
        default:
          return number();
      }
    }

    void expect(char c) {
      if (i >= s.length() || s.charAt(i) != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    void literal(String word) {
      if (!s.startsWith(word, i)) {
        throw error("expected " + word);
      }
      i += word.length();
    }

    String string() {
      i++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (i >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case 'u':
            if (i + 4 > s.length()) {
              throw error("bad unicode escape");
            }
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
            break;
          default: sb.append(e);
        }
      }
    }

    Object number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (start == i) {
        throw error("unexpected character");
      }
      String t = s.substring(start, i);
      try {
        double d = Double.parseDouble(t);
        if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15 && t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
          return (long) d;
        }
        return d;
      } catch (NumberFormatException ex) {
        throw error("bad number " + t);
      }
    }
  }

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      sb.append(WorkerVersion.jsonString((String) v));
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof List) {
      sb.append('[');
      boolean first = true;
      for (Object o : (List<?>) v) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(o, sb);
      }
      sb.append(']');
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(WorkerVersion.jsonString(String.valueOf(e.getKey()))).append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }
}
