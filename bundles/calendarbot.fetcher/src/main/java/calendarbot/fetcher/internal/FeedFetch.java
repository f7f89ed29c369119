package calendarbot.fetcher.internal;

import static calendarbot.api.model.FetchException.Kind.BAD_URL;
import static calendarbot.api.model.FetchException.Kind.NETWORK;
import static calendarbot.api.model.FetchException.Kind.TIMEOUT;

import calendarbot.api.FeedFetcher.BodyReader;
import calendarbot.api.model.FeedBody;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@link HttpFeedFetcher#fetch}: the source, the settings snapshot it started with, its attempts and its
 * total deadline; and the way every kind of feed (http, file, demo) reaches the reader. The deadline is measured with
 * System.nanoTime: it is an elapsed duration, on no clock.
 */
final class FeedFetch {

    /** A failure of one attempt that another attempt may cure: a network hiccup, a timeout, a 5xx or 429. */
    static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        final transient FetchException failure;
        final long retryAfterMillis;

        Retry(FetchException failure, long retryAfterMillis) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.retryAfterMillis = retryAfterMillis;
        }
    }

    // the fetcher's log lines keep the component's logger name, which levels in calendarbot.logging refer to
    private static final Logger LOG = LoggerFactory.getLogger(HttpFeedFetcher.class);

    final SourceSpec source;
    /** The validators of the last success: a conditional request asks whether the feed changed since. */
    final Validators known;
    final FetchSettings settings;
    final String who;
    final URI start;
    final FetchFailures failures;
    private final BodyReader reader;
    private final BooleanSupplier closed;
    /** The slot of the attempt under way, set by the fetcher; a waiting fetch may ask it to give way. */
    volatile FetchSlots.Hold hold;
    private int attempts;
    private long startNanos;
    private long deadline;

    /** @throws FetchException BAD_URL when the source's URL cannot be fetched at all */
    FeedFetch(SourceSpec source, Validators known, BodyReader reader, FetchSettings settings, BooleanSupplier closed)
            throws FetchException {
        this.source = source;
        this.known = known;
        this.reader = reader;
        this.settings = settings;
        this.closed = closed;
        this.who = label(source);
        this.failures = new FetchFailures(who, settings);
        try {
            this.start = FeedAddress.fetchUri(source.url());
        } catch (IllegalArgumentException e) {
            throw new FetchException(BAD_URL, 0, who + ": " + e.getMessage(), e);
        }
    }

    /** Counts an attempt; the total timeout counts from the first request, not from the wait for a slot. */
    void beginAttempt() {
        if (attempts++ == 0) {
            startNanos = System.nanoTime();
            deadline = startNanos + settings.totalTimeoutNanos();
        }
    }

    int attempts() {
        return attempts;
    }

    boolean closed() {
        return closed.getAsBoolean();
    }

    /** True when waiting {@code nanos} more would pass the total timeout. */
    boolean passesDeadlineIn(long nanos) {
        return System.nanoTime() + nanos - deadline > 0;
    }

    /** A timeout no longer than what is left of the total timeout (HttpURLConnection reads 0 as forever). */
    int withinDeadline(int timeoutMillis) throws FetchException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw failures.pastTotalTimeout();
        }
        return (int) Math.max(1, Math.min(timeoutMillis, left));
    }

    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    String attemptsNote() {
        return attempts > 1 ? " after " + attempts + " attempts" : "";
    }

    /** What an IOException of this fetch means, now. */
    FetchException failure(IOException e, int status) {
        String gaveWay = gaveWay();
        if (gaveWay != null && !closed()) {
            return new FetchException(TIMEOUT, status, who + ": " + gaveWay, e);
        }
        return failures.of(e, status, closed(), passesDeadlineIn(0));
    }

    /** Why this fetch was asked to give its slot up, or null. */
    String gaveWay() {
        FetchSlots.Hold h = hold;
        return h == null ? null : h.gaveWay();
    }

    /** A retry for a passing network trouble before the reader started, else the final failure. */
    Retry retryOrFail(IOException e, int status, boolean mayRetry) throws FetchException {
        FetchException failure = failure(e, status);
        // A certificate problem does not pass by itself; DNS does (a kiosk's Wi-Fi coming back).
        boolean passing = (failure.kind() == NETWORK || failure.kind() == TIMEOUT)
                && !(e instanceof SSLHandshakeException);
        // one that gave its slot up is not slow by chance: the refresher's backoff decides when to ask again
        if (mayRetry && passing && !closed() && gaveWay() == null) {
            return new Retry(failure, -1);
        }
        throw failure;
    }

    /**
     * Decodes the body, applies the threshold rule and calls the reader. Failures before the reader starts
     * may be retried; once it has started, a failure is final.
     */
    FetchOutcome deliver(InputStream raw, long declared, String encoding, int status, String statusLine,
            Validators validators, URI url, boolean mayRetry) throws FetchException, Retry {
        BodyStream body;
        try {
            InputStream decoded = ContentDecoder.decode(new DeclaredLengthStream(raw, declared), encoding);
            body = new BodyStream(decoded, settings.maxBodyBytes(), deadline, closed, hold);
        } catch (IOException e) {
            closeQuietly(raw);
            throw retryOrFail(e, status, mayRetry);
        }
        InputStream handed;
        boolean buffered;
        try {
            if (declared >= 0 && declared <= settings.streamThresholdBytes()) {
                BufferedPrefix prefix = BufferedPrefix.read(body, declared, settings.streamThresholdBytes());
                buffered = prefix.complete();
                if (buffered) {
                    body.close(); // frees the connection before the parse
                    handed = prefix.stream();
                } else {
                    handed = new SequenceInputStream(prefix.stream(), body);
                }
            } else {
                handed = body;
                buffered = false;
            }
        } catch (IOException e) {
            closeQuietly(body);
            throw retryOrFail(e, status, mayRetry);
        }

        FetchException failed = null;
        try {
            reader.read(new FeedBody(handed, declared, buffered, validators, url));
            if (body.failure() != null) {
                // The reader swallowed the failure (a lenient parser): the feed is still cut short.
                failed = failure(body.failure(), status);
            }
        } catch (IOException e) {
            failed = body.failure() != null ? failure(body.failure(), status) : failures.unreadable(e, status);
        } catch (RuntimeException e) {
            if (body.failure() == null) {
                throw e;
            }
            failed = failure(body.failure(), status);
        } finally {
            closeQuietly(handed);
            closeQuietly(body);
        }
        if (failed != null) {
            throw failed;
        }
        long bytes = body.count();
        long millis = elapsedMillis();
        LOG.info("{}: {}, {} in {} ms ({}{})", who, statusLine, FetchFailures.size(bytes), millis,
                buffered ? "buffered" : "streamed", attemptsNote().isEmpty() ? "" : ", " + attempts + " attempts");
        return new FetchOutcome(false, status, validators, bytes, attempts, millis);
    }

    /** The same rule for a body that cannot fail the way a network can (a file, the demo). */
    FetchOutcome deliverLocal(InputStream raw, long size, String statusLine, Validators validators)
            throws FetchException {
        try {
            return deliver(raw, size, null, 200, statusLine, validators, start, false);
        } catch (Retry cannotHappen) {
            throw cannotHappen.failure;
        }
    }

    private static String label(SourceSpec source) {
        if (source.id() != null && !source.id().isBlank()) {
            return source.id();
        }
        return source.name() != null && !source.name().isBlank() ? source.name() : "feed";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the body is done with either way
        }
    }
}
