package calendarbot.fetcher.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The start of a body held in memory, never more than the stream threshold: {@link #complete()} when that is the
 * whole body. A gzip body declared small can inflate to many times its Content-Length; the rest is streamed.
 */
record BufferedPrefix(byte[] bytes, int length, boolean complete) {

    /**
     * Reads {@code in} into memory up to {@code cap} bytes.
     *
     * @param expected the declared (possibly compressed) length, used as the first buffer size
     */
    static BufferedPrefix read(InputStream in, long expected, int cap) throws IOException {
        // One byte more than can be kept: filling it proves the body is longer than cap without a second buffer.
        long limit = (long) cap + 1;
        byte[] buffer = new byte[(int) Math.min(Math.max(expected, 0) + 1, limit)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (buffer.length >= limit) {
                    return new BufferedPrefix(buffer, length, false);
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(buffer.length * 2L, 8192), limit));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return new BufferedPrefix(buffer, length, true);
            }
            length += n;
        }
    }

    InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }
}
