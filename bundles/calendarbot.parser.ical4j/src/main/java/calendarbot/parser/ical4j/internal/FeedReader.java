package calendarbot.parser.ical4j.internal;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * A feed's bytes as the characters ical4j reads, counted (bytes, physical lines) for the report, without a
 * byte-order mark, and with every unfolded line cut at the configured length: ical4j has no such limit, and a
 * hostile feed's one endless line must not fill the heap.
 */
final class FeedReader extends Reader {

    private final Counted bytes;
    private final Reader in;
    private final int maxLine;
    private static final String BEGIN_VEVENT = "BEGIN:VEVENT";

    /** Physical lines read (1-based: the line being read). */
    private int line = 1;
    /** Where the current unfolded line began, and the last BEGIN:VEVENT. */
    private int logicalStart = 1;
    private int eventBegin;
    /** Characters of the current unfolded line that matched BEGIN:VEVENT so far; -1 when it cannot. */
    private int matched = -1;
    private int truncatedLines;
    /** Characters in the current unfolded line. */
    private int logical;
    private boolean lineStart = true;
    private boolean first = true;
    private boolean cutting;
    /** A line break held back while a cut line goes on: dropped if the next line folds into it. */
    private final StringBuilder held = new StringBuilder(2);
    /** Characters to hand out before reading on. */
    private final StringBuilder out = new StringBuilder(4);
    private int outPos;

    FeedReader(InputStream in, int maxLine) {
        this.bytes = new Counted(in);
        this.in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8), 16 * 1024);
        this.maxLine = maxLine;
    }

    /** The physical line being read (ical4j reads ahead by a character or two). */
    int line() {
        return line;
    }

    /** The line on which the unfolded line being read began. */
    int logicalStart() {
        return logicalStart;
    }

    /** The line of the last BEGIN:VEVENT. */
    int eventBegin() {
        return eventBegin;
    }

    long bytesRead() {
        return bytes.count;
    }

    int truncatedLines() {
        return truncatedLines;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = next();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            buf[off + n++] = (char) c;
            if (c == '\n') {
                break; // ical4j reads line by line: reading on would only put the line count ahead
            }
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        return next();
    }

    private int next() throws IOException {
        while (true) {
            if (outPos < out.length()) {
                char c = out.charAt(outPos++);
                if (outPos == out.length()) {
                    out.setLength(0);
                    outPos = 0;
                }
                return c;
            }
            int c = source();
            if (c < 0) {
                if (held.length() > 0) {
                    out.append(held);
                    held.setLength(0);
                    continue;
                }
                return -1;
            }
            if (c == '\r' || c == '\n') {
                lineStart |= c == '\n';
                if (cutting) {
                    held.append((char) c);
                    continue;
                }
                return c;
            }
            if (lineStart) {
                lineStart = false;
                if (c != ' ' && c != '\t') {
                    logical = 0;
                    logicalStart = line;
                    matched = 0;
                    if (cutting) {
                        // the next property: the held break ends the cut line
                        cutting = false;
                        out.append(held).append((char) c);
                        held.setLength(0);
                        logical = 1;
                        logicalStart = line;
                        matched = Character.toUpperCase(c) == 'B' ? 1 : -1;
                        continue;
                    }
                }
            }
            if (cutting) {
                held.setLength(0); // a folded continuation of the cut line goes with it
                continue;
            }
            if (++logical > maxLine) {
                cutting = true;
                truncatedLines++;
                continue;
            }
            if (matched >= 0) {
                matched = Character.toUpperCase(c) == BEGIN_VEVENT.charAt(matched) ? matched + 1 : -1;
                if (matched == BEGIN_VEVENT.length()) {
                    eventBegin = logicalStart;
                    matched = -1;
                }
            }
            return c;
        }
    }

    /** The next character of the feed, lines counted, a leading byte-order mark left out. */
    private int source() throws IOException {
        int c = in.read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The bytes read from the feed. */
    private static final class Counted extends FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
