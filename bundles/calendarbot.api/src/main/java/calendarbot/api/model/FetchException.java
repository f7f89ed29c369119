package calendarbot.api.model;

import java.time.Duration;

/** A fetch that failed; {@link #kind()} says what the kiosk owner should look at. */
public class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Broad cause of a failed fetch. */
    public enum Kind {
        /** DNS, connection refused, reset: the network or the server is down. */
        NETWORK,
        /** Connect, read or total timeout. */
        TIMEOUT,
        /** 401 or 403: the URL's secret or the credentials are wrong. */
        AUTHENTICATION,
        /** Any other non-success HTTP status. */
        HTTP_STATUS,
        /** Larger than maxBodyBytes, declared or counted. */
        TOO_LARGE,
        /** Too many redirects, a redirect loop, or an unsupported URL. */
        BAD_URL,
        /** The body is not a calendar (HTML page, empty, truncated). */
        NOT_A_CALENDAR,
        /** The fetch was interrupted (shutdown). */
        CANCELLED
    }

    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;

    public FetchException(Kind kind, int httpStatus, String message, Throwable cause) {
        this(kind, httpStatus, message, cause, null);
    }

    /** A failure whose server said when to ask again (Retry-After on a 429 or 503). */
    public FetchException(Kind kind, int httpStatus, String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public FetchException(Kind kind, String message) {
        this(kind, 0, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status that caused the failure, or 0. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the server asked the kiosk to wait (its Retry-After), or null when it said nothing. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
