package calendarbot.refresh.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Hands the body to the parser and copies every byte the parser reads into the archive, so the feed is
 * downloaded once and never held whole. Remembers a failure of the body stream itself (as opposed to a
 * parse error) for the error text.
 */
final class ArchiveTee extends FilterInputStream {

    private final ArchiveWriter copy;
    private IOException streamFailure;
    private long bytes;

    /** {@code copy} may be null when the archive could not be opened: the body is then only parsed. */
    ArchiveTee(InputStream body, ArchiveWriter copy) {
        super(body);
        this.copy = copy;
    }

    IOException streamFailure() {
        return streamFailure;
    }

    /** Bytes the parser has read so far. */
    long bytes() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            streamFailure = e;
            throw e;
        }
        if (b >= 0) {
            bytes++;
            if (copy != null) {
                copy.write(b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            streamFailure = e;
            throw e;
        }
        if (n > 0) {
            bytes += n;
            if (copy != null) {
                copy.write(b, off, n);
            }
        }
        return n;
    }

    /** Skipped bytes are read, not skipped, so the archive stays byte-identical to the body. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
