package calendarbot.parser.shared;

import java.nio.charset.StandardCharsets;

/**
 * TEXT values: RFC 5545 3.3.11 unescaping on the raw bytes (every escape is ASCII, so this is safe
 * before decoding) and UTF-8 decoding in which an invalid sequence becomes U+FFFD. The String
 * constructor's UTF-8 decoder replaces malformed input exactly as a CharsetDecoder with
 * CodingErrorAction.REPLACE does, and it has an intrinsic fast path for ASCII.
 */
public final class TextValues {

    private TextValues() {
    }

    public static String utf8(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** True when {@code b[from..to)} holds a backslash. */
    public static boolean hasEscape(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * Unescapes {@code src[from..to)} into {@code dst} ({@code \n \N} to a line break, {@code \, \; \\}
     * to the character, and Outlook's stray {@code \:} to a colon); other backslashes are kept as written.
     * Stops once {@code maxOut} bytes are written. Returns the number of bytes written.
     */
    public static int unescape(byte[] src, int from, int to, byte[] dst, int maxOut) {
        int o = 0;
        int i = from;
        while (i < to && o < maxOut) {
            byte c = src[i++];
            if (c == '\\' && i < to) {
                byte n = src[i];
                if (n == 'n' || n == 'N') {
                    dst[o++] = '\n';
                    i++;
                    continue;
                }
                if (n == ',' || n == ';' || n == '\\' || n == ':') {
                    dst[o++] = n;
                    i++;
                    continue;
                }
            }
            dst[o++] = c;
        }
        return o;
    }

    /** {@code s} cut to {@code maxChars} characters, never between the two halves of a surrogate pair. */
    public static String cut(String s, int maxChars) {
        if (s.length() <= maxChars) {
            return s;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Up to 60 characters of a value for a message, control characters shown as '?'. */
    public static String sample(byte[] b, int s, int end) {
        String text = utf8(b, s, Math.min(end, s + 60));
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < ' ' ? '?' : c);
        }
        return end - s > 60 ? out + "..." : out.toString();
    }
}
