package calendarbot.parser.internal;

import calendarbot.parser.shared.TextValues;
import java.util.Locale;

/**
 * The current content line's values as Strings. Values that repeat across a feed (UIDs, rooms, organizers, TZIDs,
 * RRULEs, constants) come from per-parse pools, so a 50 MB feed does not hold thousands of copies of each.
 */
final class PropertyValues {

    private final ContentLine cl;
    private final StringPool textPool = new StringPool();
    private final StringPool rawPool = new StringPool();
    private byte[] scratch = new byte[1024];

    PropertyValues(ContentLine cl) {
        this.cl = cl;
    }

    /** TEXT value, unescaped, cut to {@code maxChars}. */
    String text(int s, int end, int maxChars) {
        byte[] b = cl.b;
        // maxChars characters never need more than 4 bytes each: decode no more of a 30 KB description
        int maxBytes = maxChars >= (Integer.MAX_VALUE - 8) / 4 ? Integer.MAX_VALUE : maxChars * 4 + 8;
        int prefixEnd = end - s > maxBytes ? s + maxBytes : end;
        if (!TextValues.hasEscape(b, s, prefixEnd)) {
            return TextValues.cut(TextValues.utf8(b, s, prefixEnd), maxChars);
        }
        int n = Math.min(end - s, maxBytes);
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        int written = TextValues.unescape(b, s, end, scratch, n);
        return TextValues.cut(TextValues.utf8(scratch, 0, written), maxChars);
    }

    String pooledText(int s, int end) {
        String pooled = textPool.get(cl.b, s, end);
        return pooled != null ? pooled : textPool.put(cl.b, s, end, text(s, end, Integer.MAX_VALUE));
    }

    String pooledRaw(int s, int end) {
        byte[] b = cl.b;
        String pooled = rawPool.get(b, s, end);
        return pooled != null ? pooled : rawPool.put(b, s, end, TextValues.utf8(b, s, end));
    }

    /** The whole value, upper-cased, as the shared constant when it is one of {@code known}; null when blank. */
    String constant(String[] known) {
        cl.scanParameters(false);
        byte[] b = cl.b;
        int s = cl.valueStart;
        int end = cl.trimEnd(s, cl.length);
        while (s < end && b[s] == ' ') {
            s++;
        }
        return s < end ? constant(s, end, known) : null;
    }

    /** The upper-cased value, as the shared constant when it is one of {@code known}. */
    String constant(int s, int end, String[] known) {
        byte[] b = cl.b;
        for (String k : known) {
            if (end - s == k.length()) {
                boolean same = true;
                for (int i = 0; i < k.length() && same; i++) {
                    same = PropertyName.upper(b[s + i]) == k.charAt(i);
                }
                if (same) {
                    return k;
                }
            }
        }
        String pooled = rawPool.get(b, s, end);
        return pooled != null ? pooled
                : rawPool.put(b, s, end, TextValues.utf8(b, s, end).toUpperCase(Locale.ROOT));
    }

    /** A non-negative INTEGER; -1 when it is not one. */
    int integer(int s, int end) {
        byte[] b = cl.b;
        long n = 0;
        boolean digits = false;
        for (int i = s; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                n = n * 10 + (c - '0');
                digits = true;
                if (n > Integer.MAX_VALUE) {
                    return -1;
                }
            } else if (c != ' ' && c != '+') {
                return -1;
            }
        }
        return digits ? (int) n : -1;
    }

    /** Up to 60 characters of a value for a message. */
    String sample(int s, int end) {
        return TextValues.sample(cl.b, s, end);
    }
}
