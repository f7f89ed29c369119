package calendarbot.parser.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an iCalendar stream in chunks and hands out its logical lines as bytes: physical lines end at
 * CRLF, LF or a bare CR, and a line starting with a space or tab continues the previous one (RFC 5545
 * 3.1). Unfolding works on bytes, before any decoding, so a UTF-8 character that a producer split
 * across a fold comes out whole. A logical line longer than the limit is cut; the rest of it is read
 * past, never buffered.
 */
final class UnfoldingLineReader {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK];
    private final int maxLineLength;
    private int pos;
    private int limit;
    private boolean eof;
    private long bytesRead;
    private int physicalLines;
    private int truncatedLines;

    /** The current logical line is {@code line[0..length)}. */
    byte[] line = new byte[1024];
    int length;
    /** Physical line (1-based) on which the current logical line starts. */
    int lineNumber;
    /** True when the current logical line was cut at maxLineLength. */
    boolean truncated;

    UnfoldingLineReader(InputStream in, int maxLineLength) {
        this.in = in;
        this.maxLineLength = maxLineLength;
    }

    long bytesRead() {
        return bytesRead;
    }

    int truncatedLines() {
        return truncatedLines;
    }

    /** Physical lines read so far. */
    int physicalLines() {
        return physicalLines;
    }

    /** Advances to the next logical line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        truncated = false;
        if (pos >= limit && !fill()) {
            return false;
        }
        lineNumber = physicalLines + 1;
        while (true) {
            // Copy up to the line break, across chunks.
            while (true) {
                final byte[] b = chunk;
                final int end = limit;
                int i = pos;
                while (i < end) {
                    byte c = b[i];
                    if (c == '\n' || c == '\r') {
                        break;
                    }
                    i++;
                }
                append(b, pos, i - pos);
                pos = i;
                if (i < end) {
                    break;
                }
                if (!fill()) {
                    physicalLines++;
                    return finish();
                }
            }
            if (chunk[pos++] == '\r') {
                if (pos >= limit) {
                    fill();
                }
                if (pos < limit && chunk[pos] == '\n') {
                    pos++;
                }
            }
            physicalLines++;
            if (pos >= limit && !fill()) {
                return finish();
            }
            byte first = chunk[pos];
            if (first != ' ' && first != '\t') {
                return finish();
            }
            pos++; // a fold: drop the line break and the one whitespace character
        }
    }

    private boolean finish() {
        if (truncated) {
            truncatedLines++;
        }
        return true;
    }

    private void append(byte[] b, int from, int n) {
        if (n == 0) {
            return;
        }
        int room = maxLineLength - length;
        if (n > room) {
            truncated = true;
            n = room;
            if (n <= 0) {
                return;
            }
        }
        int needed = length + n;
        if (needed > line.length) {
            byte[] bigger = new byte[Math.min(Math.max(needed, line.length * 2), Math.max(maxLineLength, needed))];
            System.arraycopy(line, 0, bigger, 0, length);
            line = bigger;
        }
        System.arraycopy(b, from, line, length, n);
        length = needed;
    }

    /** Reads the next chunk once the current one is used up; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(chunk, 0, chunk.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = 0;
            limit = 0;
            return false;
        }
        bytesRead += n;
        pos = 0;
        limit = n;
        return true;
    }
}
