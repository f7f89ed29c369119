package calendarbot.fetcher.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;

/**
 * The decoded body as the reader sees it: counts decoded bytes and stops at maxBodyBytes (so a gzip bomb ends
 * there), at the fetch's total deadline, and when the fetcher shuts down. The reader only sees an IOException;
 * the first failure is kept so the fetcher can report what really happened whatever the reader made of it.
 */
final class BodyStream extends FilterInputStream {

    /** More decoded bytes than maxBodyBytes. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    /** The fetch's totalTimeoutSeconds passed. */
    static final class PastDeadlineException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        PastDeadlineException(String message) {
            super(message);
        }
    }

    /** The fetcher is shutting down or the fetching thread was interrupted. */
    static final class CancelledException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        CancelledException(String message) {
            super(message);
        }
    }

    /** Too slow while another calendar waited for a fetch slot; the message says how slow. */
    static final class GaveWayException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        GaveWayException(String message) {
            super(message);
        }
    }

    private final long maxBytes;
    private final long deadlineNanos;
    private final BooleanSupplier cancelled;
    /** The fetch slot's account of progress; null for a body that holds none. */
    private final FetchSlots.Hold hold;
    private final byte[] single = new byte[1];
    private long count;
    private volatile IOException failure;

    BodyStream(InputStream decoded, long maxBytes, long deadlineNanos, BooleanSupplier cancelled,
            FetchSlots.Hold hold) {
        super(decoded);
        this.maxBytes = maxBytes;
        this.deadlineNanos = deadlineNanos;
        this.cancelled = cancelled;
        this.hold = hold;
    }

    @Override
    public int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        guard();
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        guard();
        long skipped;
        try {
            skipped = in.skip(n);
        } catch (IOException e) {
            throw remember(e);
        }
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reader must not make us hold the body
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Decoded bytes read so far. */
    long count() {
        return count;
    }

    /** The first failure of this stream, or null. */
    IOException failure() {
        return failure;
    }

    private void guard() throws IOException {
        IOException earlier = failure;
        if (earlier != null) {
            throw earlier;
        }
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw remember(new CancelledException("the fetch was cancelled"));
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw remember(new PastDeadlineException("the fetch took longer than its total timeout"));
        }
        if (hold != null && hold.gaveWay() != null) {
            throw remember(new GaveWayException(hold.gaveWay()));
        }
    }

    private void counted(long n) throws IOException {
        count += n;
        if (hold != null) {
            hold.progress(count);
        }
        if (count > maxBytes) {
            throw remember(new TooLargeException("the feed grows past maxBodyBytes (" + maxBytes
                    + " bytes) once decoded"));
        }
    }

    private IOException remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
