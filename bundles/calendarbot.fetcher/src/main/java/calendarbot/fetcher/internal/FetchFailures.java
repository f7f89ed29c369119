package calendarbot.fetcher.internal;

import static calendarbot.api.model.FetchException.Kind.CANCELLED;
import static calendarbot.api.model.FetchException.Kind.NETWORK;
import static calendarbot.api.model.FetchException.Kind.NOT_A_CALENDAR;
import static calendarbot.api.model.FetchException.Kind.TIMEOUT;
import static calendarbot.api.model.FetchException.Kind.TOO_LARGE;

import calendarbot.api.model.FetchException;
import calendarbot.api.model.NotACalendarException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.zip.ZipException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What went wrong in one fetch, in words for the person who installed the kiosk, and of the kind the refresher
 * acts on (a timeout is retried, a revoked secret is not). Every message starts with the source's name.
 */
final class FetchFailures {

    private final String who;
    private final FetchSettings settings;

    FetchFailures(String who, FetchSettings settings) {
        this.who = who;
        this.settings = settings;
    }

    /**
     * What an IOException means for the kiosk owner.
     *
     * @param closed the fetcher is shutting down
     * @param pastDeadline the fetch has run longer than its total timeout
     */
    FetchException of(IOException e, int status, boolean closed, boolean pastDeadline) {
        if (closed || e instanceof BodyStream.CancelledException) {
            return new FetchException(CANCELLED, status, who + ": fetch cancelled (shutting down)", e);
        }
        if (e instanceof BodyStream.TooLargeException) {
            return new FetchException(TOO_LARGE, status, who + ": " + e.getMessage(), e);
        }
        if (e instanceof BodyStream.PastDeadlineException || pastDeadline) {
            return new FetchException(TIMEOUT, status, who + ": took longer than the total timeout of "
                    + settings.totalTimeoutSeconds() + " s", e);
        }
        if (e instanceof SocketTimeoutException) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")
                    ? "could not connect within " + settings.connectTimeoutSeconds() + " s"
                    : "the server sent nothing for " + settings.readTimeoutSeconds() + " s";
            return new FetchException(TIMEOUT, status, who + ": " + message, e);
        }
        if (e instanceof InterruptedIOException) {
            return new FetchException(CANCELLED, status, who + ": fetch interrupted", e);
        }
        if (e instanceof UnknownHostException) {
            return new FetchException(NETWORK, status, who + ": unknown host " + e.getMessage()
                    + " - check the URL and the kiosk's network (DNS)", e);
        }
        if (e instanceof ConnectException) {
            return new FetchException(NETWORK, status, who + ": cannot connect (" + e.getMessage() + ")", e);
        }
        if (e instanceof SSLHandshakeException) {
            return new FetchException(NETWORK, status, who + ": secure connection refused (" + e.getMessage()
                    + ") - check the kiosk's clock and the server's certificate", e);
        }
        if (e instanceof ZipException || e instanceof ContentDecoder.UnsupportedEncodingException) {
            return new FetchException(NOT_A_CALENDAR, status, who + ": the body cannot be decoded: "
                    + e.getMessage(), e);
        }
        return new FetchException(NETWORK, status, who + ": network error: " + e.getMessage(), e);
    }

    /** The reader (the parser) gave up on the body. */
    FetchException unreadable(IOException e, int status) {
        if (e instanceof NotACalendarException) {
            return new FetchException(NOT_A_CALENDAR, status, who + ": " + e.getMessage(), e);
        }
        return new FetchException(NOT_A_CALENDAR, status, who + ": the feed could not be read: " + e.getMessage(),
                e);
    }

    FetchException fail(FetchException.Kind kind, int status, String message) {
        return new FetchException(kind, status, who + ": " + message, null);
    }

    FetchException pastTotalTimeout() {
        return fail(TIMEOUT, 0, "took longer than the total timeout of " + settings.totalTimeoutSeconds() + " s");
    }

    FetchException cancelled() {
        return new FetchException(CANCELLED, 0, who + ": fetch cancelled (shutting down)", null);
    }

    /** {@code failure} with {@code suffix} added to its message ("gave up after 4 attempts"). */
    static FetchException amend(FetchException failure, String suffix) {
        return new FetchException(failure.kind(), failure.httpStatus(), failure.getMessage() + suffix,
                failure.getCause(), failure.retryAfter());
    }

    /** {@code failure} with the server's Retry-After, for the refresher's schedule; unchanged when there was none. */
    static FetchException withRetryAfter(FetchException failure, long retryAfterMillis) {
        return retryAfterMillis < 0 ? failure : new FetchException(failure.kind(), failure.httpStatus(),
                failure.getMessage(), failure.getCause(), java.time.Duration.ofMillis(retryAfterMillis));
    }

    /** Sizes in the log and in messages: "812 bytes", "48 KiB", "12.5 MiB". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KiB";
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
