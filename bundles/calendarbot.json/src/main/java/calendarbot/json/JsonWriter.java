package calendarbot.json;

import java.util.Collection;
import java.util.Map;

/**
 * A small streaming JSON writer: commas and colons are placed for the caller, strings are escaped so the output is
 * valid JSON whatever a feed put into a summary, and safe inside an HTML script tag ({@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 escaped). A lone surrogate is written as its escape, never as a replacement character.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_DEPTH = 63;

    private final StringBuilder out;
    private final String indent;
    /** Bit d set: the container at depth d already holds a value, so the next one needs a comma. */
    private long filled;
    private int depth;
    private boolean afterName;

    public JsonWriter() {
        this(512);
    }

    public JsonWriter(int capacity) {
        this(capacity, null);
    }

    private JsonWriter(int capacity, String indent) {
        this.out = new StringBuilder(capacity);
        this.indent = indent;
    }

    /** A writer that puts each member on its own line, indented by {@code spaces} per level (for files people read). */
    public static JsonWriter indented(int spaces) {
        return new JsonWriter(4096, " ".repeat(spaces));
    }

    /** {@code value} (maps, collections, strings, numbers, booleans, null, nested) as JSON text. */
    public static String write(Object value) {
        return new JsonWriter().value(value).toString();
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push();
        return this;
    }

    public JsonWriter endObject() {
        close('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push();
        return this;
    }

    public JsonWriter endArray() {
        close(']');
        return this;
    }

    public JsonWriter name(String name) {
        if (afterName) {
            throw new IllegalStateException("two names in a row: " + name);
        }
        if (depth == 0) {
            throw new IllegalStateException("a name outside an object: " + name);
        }
        separate();
        quote(out, name);
        out.append(indent == null ? ":" : ": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            quote(out, value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** NaN and infinities, which JSON cannot hold, are written as null. */
    public JsonWriter value(double value) {
        beforeValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value).append(".0");
        } else {
            out.append(value);
        }
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** A boxed number or null. */
    public JsonWriter value(Long value) {
        return value == null ? nullValue() : value(value.longValue());
    }

    /**
     * Any tree of maps (keys written as strings), collections, arrays of objects, strings, numbers, booleans and
     * null. Other objects are written as their {@code toString()}.
     */
    public JsonWriter value(Object value) {
        if (value == null) {
            return nullValue();
        }
        if (value instanceof String s) {
            return value(s);
        }
        if (value instanceof Boolean b) {
            return value(b.booleanValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return value(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return value(n.longValue());
        }
        if (value instanceof Map<?, ?> map) {
            beginObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                name(String.valueOf(e.getKey())).value(e.getValue());
            }
            return endObject();
        }
        if (value instanceof Collection<?> list) {
            beginArray();
            for (Object v : list) {
                value(v);
            }
            return endArray();
        }
        if (value instanceof Object[] array) {
            beginArray();
            for (Object v : array) {
                value(v);
            }
            return endArray();
        }
        return value(value.toString());
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, Long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, Collection<String> values) {
        name(name).beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        separate();
    }

    private void separate() {
        if (depth == 0) {
            return;
        }
        long bit = 1L << depth;
        if ((filled & bit) != 0) {
            out.append(',');
        } else {
            filled |= bit;
        }
        newLine(depth);
    }

    private void push() {
        if (++depth > MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        filled &= ~(1L << depth);
    }

    private void close(char bracket) {
        if (depth == 0 || afterName) {
            throw new IllegalStateException("unbalanced JSON");
        }
        boolean empty = (filled & 1L << depth) == 0;
        depth--;
        if (!empty) {
            newLine(depth);
        }
        out.append(bracket);
    }

    private void newLine(int level) {
        if (indent != null) {
            out.append('\n');
            for (int i = 0; i < level; i++) {
                out.append(indent);
            }
        }
    }

    /** Appends {@code value} as a JSON string literal. */
    static void quote(StringBuilder out, String value) {
        out.append('"');
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                // "</script>" in a summary must not end an inline script; U+2028/9 end a JavaScript line.
                case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        unicode(out, c);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                            out.append(c).append(value.charAt(++i));
                        } else {
                            unicode(out, c);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        // a lone low surrogate would be turned into '?' by the UTF-8 encoder
                        unicode(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicode(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                .append(HEX[c & 0xf]);
    }
}
