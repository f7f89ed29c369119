package calendarbot.fetcher.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The raw (still encoded) body, which must be as long as its Content-Length: a connection that closes early
 * would otherwise look like a complete feed with its last events missing.
 */
final class DeclaredLengthStream extends FilterInputStream {
    private final long declared;
    private long count;

    DeclaredLengthStream(InputStream in, long declared) {
        super(in);
        this.declared = declared;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            checkComplete();
        } else {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            checkComplete();
        } else {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        count += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void checkComplete() throws EOFException {
        if (declared >= 0 && count < declared) {
            throw new EOFException("the connection closed after " + count + " of " + declared + " bytes");
        }
    }
}
