package calendarbot.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value (RFC 8259, strictly) into maps (in document order), lists, strings, numbers (Long when
 * integral and within range, else Double), booleans and null. Built for text nobody here wrote: request bodies and
 * files on disk. Nesting is bounded, so are number literals; the caller bounds the length. Every problem is an
 * {@link IllegalArgumentException} saying where.
 */
public final class JsonReader {

    /** Deeper than anything CalendarBot sends or stores; deeper input is refused, not recursed into. */
    public static final int MAX_DEPTH = 32;
    /** Longer than any number a person or a program means (a long has 19 digits). */
    static final int MAX_NUMBER_LENGTH = 40;

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    /** The value of {@code text}; throws IllegalArgumentException when it is not exactly one JSON value. */
    public static Object parse(String text) {
        JsonReader r = new JsonReader(text);
        r.space();
        Object value = r.value(0);
        r.space();
        if (r.at != text.length()) {
            throw new IllegalArgumentException("text after the JSON value at " + r.at);
        }
        return value;
    }

    /** The value of UTF-8 {@code bytes}; bytes that are not UTF-8 are refused rather than replaced. */
    public static Object parse(byte[] bytes) {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8: " + e.getMessage());
        }
    }

    /** The object of {@code text}; throws IllegalArgumentException when it is not one JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** The value at {@code path} (names of objects, indexes of lists) in a parsed tree; null where there is none. */
    public static Object at(Object tree, Object... path) {
        Object current = tree;
        for (Object step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(String.valueOf(step));
            } else if (current instanceof List<?> list && step instanceof Integer i && i >= 0 && i < list.size()) {
                current = list.get(i);
            } else {
                return null;
            }
        }
        return current;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        char c = peek();
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                word("true");
                return Boolean.TRUE;
            case 'f':
                word("false");
                return Boolean.FALSE;
            case 'n':
                word("null");
                return null;
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw new IllegalArgumentException("unexpected '" + c + "' at " + at);
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> result = new LinkedHashMap<>();
        at++;
        space();
        if (peek() == '}') {
            at++;
            return result;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw new IllegalArgumentException("expected a name at " + at);
            }
            String name = string();
            space();
            expect(':');
            space();
            result.put(name, value(depth + 1));
            space();
            char c = next();
            if (c == '}') {
                return result;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or } at " + (at - 1));
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> result = new ArrayList<>();
        at++;
        space();
        if (peek() == ']') {
            at++;
            return result;
        }
        while (true) {
            space();
            result.add(value(depth + 1));
            space();
            char c = next();
            if (c == ']') {
                return result;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or ] at " + (at - 1));
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in a string at " + (at - 1));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                // a lone surrogate escape is kept as such: the writer escapes it again
                case 'u' -> out.append(hex4());
                default -> throw new IllegalArgumentException("bad escape \\" + e + " at " + (at - 1));
            }
        }
    }

    private char hex4() {
        if (at + 4 > text.length()) {
            throw new IllegalArgumentException("short \\u escape at " + at);
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            char h = text.charAt(at + i);
            // ASCII hex digits only: Character.digit would also take other scripts' digits
            int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("bad \\u escape at " + at);
            }
            code = code * 16 + digit;
        }
        at += 4;
        return (char) code;
    }

    /** -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
    private Object number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        int integerStart = at;
        int integerDigits = digits();
        if (integerDigits == 0) {
            throw new IllegalArgumentException("a number needs digits at " + at);
        }
        if (integerDigits > 1 && text.charAt(integerStart) == '0') {
            throw new IllegalArgumentException("a number with a leading zero at " + start);
        }
        boolean integral = true;
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            integral = false;
            if (digits() == 0) {
                throw new IllegalArgumentException("a fraction needs digits at " + at);
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            integral = false;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (digits() == 0) {
                throw new IllegalArgumentException("an exponent needs digits at " + at);
            }
        }
        if (at - start > MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("a number of " + (at - start) + " characters at " + start);
        }
        String literal = text.substring(start, at);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException beyondLong) {
                // read as a double below
            }
        }
        double d = Double.parseDouble(literal);
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException("a number beyond a double at " + start);
        }
        return d;
    }

    private int digits() {
        int from = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - from;
    }

    private void word(String word) {
        if (!text.startsWith(word, at)) {
            throw new IllegalArgumentException("unexpected text at " + at);
        }
        at += word.length();
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end of JSON");
        }
        return text.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + (at - 1));
        }
    }
}
