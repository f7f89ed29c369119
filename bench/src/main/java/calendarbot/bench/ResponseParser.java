package calendarbot.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 response at a time from bytes as they arrive: status line, headers, then a body delimited
 * by Content-Length, by chunked encoding, or by the end of the connection. Shared by the blocking probe and the
 * non-blocking load client, so both count a response as done at the same byte.
 */
final class ResponseParser {

    private enum State { HEAD, BODY_LENGTH, BODY_UNTIL_CLOSE, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, DONE }

    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_KEPT_BODY = 8 * 1024 * 1024;

    private final boolean keepBody;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private State state = State.HEAD;
    private boolean statusSeen;
    private boolean headRequest;
    private int status;
    private long remaining;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private long bodyBytes;
    private ByteArrayOutputStream body;

    ResponseParser(boolean keepBody) {
        this.keepBody = keepBody;
    }

    /** Gets ready for the next response; {@code head} when it answers a HEAD request (no body). */
    void reset(boolean head) {
        state = State.HEAD;
        lineLength = 0;
        statusSeen = false;
        headRequest = head;
        status = 0;
        remaining = 0;
        contentLength = -1;
        chunked = false;
        close = false;
        bodyBytes = 0;
        body = keepBody ? new ByteArrayOutputStream() : null;
    }

    boolean done() {
        return state == State.DONE;
    }

    /** True while the body runs to the end of the connection: the caller ends it with {@link #endOfStream}. */
    boolean untilClose() {
        return state == State.BODY_UNTIL_CLOSE;
    }

    void endOfStream() {
        if (state == State.BODY_UNTIL_CLOSE) {
            state = State.DONE;
        }
    }

    int status() {
        return status;
    }

    /** The server announced "Connection: close" (or sent a body delimited by the close). */
    boolean closeAfter() {
        return close;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    String bodyText() {
        return body == null ? "" : body.toString(StandardCharsets.UTF_8);
    }

    /**
     * Consumes bytes from {@code buf[off, off + len)} up to the end of the response; returns how many it took.
     *
     * @throws IllegalStateException on a malformed response
     */
    int feed(byte[] buf, int off, int len) {
        int pos = off;
        int end = off + len;
        while (pos < end && state != State.DONE) {
            switch (state) {
                case HEAD, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                    byte b = buf[pos++];
                    if (b == '\n') {
                        int n = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                        lineLength = 0;
                        onLine(new String(line, 0, n, StandardCharsets.ISO_8859_1));
                    } else {
                        if (lineLength == MAX_LINE) {
                            throw new IllegalStateException("header line longer than " + MAX_LINE + " bytes");
                        }
                        line[lineLength++] = b;
                    }
                }
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - pos);
                    body(buf, pos, n);
                    pos += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.BODY_LENGTH ? State.DONE : State.CHUNK_END;
                    }
                }
                case BODY_UNTIL_CLOSE -> {
                    body(buf, pos, end - pos);
                    pos = end;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return pos - off;
    }

    private void body(byte[] buf, int off, int n) {
        bodyBytes += n;
        if (body != null && body.size() + n <= MAX_KEPT_BODY) {
            body.write(buf, off, n);
        }
    }

    private void onLine(String text) {
        switch (state) {
            case HEAD -> {
                if (!statusSeen) {
                    if (!text.startsWith("HTTP/1.")) {
                        throw new IllegalStateException("not an HTTP response: " + text);
                    }
                    int sp = text.indexOf(' ');
                    status = Integer.parseInt(text.substring(sp + 1, sp + 4));
                    statusSeen = true;
                    close = text.startsWith("HTTP/1.0");
                } else if (text.isEmpty()) {
                    endOfHead();
                } else {
                    int colon = text.indexOf(':');
                    if (colon > 0) {
                        String name = text.substring(0, colon).trim();
                        String value = text.substring(colon + 1).trim();
                        if (name.equalsIgnoreCase("Content-Length")) {
                            contentLength = Long.parseLong(value);
                        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                            chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                        } else if (name.equalsIgnoreCase("Connection")) {
                            close = value.equalsIgnoreCase("close");
                        }
                    }
                }
            }
            case CHUNK_SIZE -> {
                int semi = text.indexOf(';');
                long size = Long.parseLong((semi >= 0 ? text.substring(0, semi) : text).trim(), 16);
                if (size == 0) {
                    state = State.TRAILERS;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (!text.isEmpty()) {
                    throw new IllegalStateException("no CRLF after a chunk");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (text.isEmpty()) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void endOfHead() {
        if (status == 100) {
            statusSeen = false; // an interim answer: the real one follows
            return;
        }
        if (headRequest || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY_LENGTH;
        } else {
            close = true;
            state = State.BODY_UNTIL_CLOSE;
        }
    }
}
