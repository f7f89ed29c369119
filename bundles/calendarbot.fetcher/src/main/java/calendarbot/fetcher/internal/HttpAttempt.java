package calendarbot.fetcher.internal;

import static calendarbot.api.model.FetchException.Kind.AUTHENTICATION;
import static calendarbot.api.model.FetchException.Kind.BAD_URL;
import static calendarbot.api.model.FetchException.Kind.HTTP_STATUS;
import static calendarbot.api.model.FetchException.Kind.NETWORK;
import static calendarbot.api.model.FetchException.Kind.TOO_LARGE;

import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt over HTTP(S): the conditional request and its redirects, then a 2xx body to the reader. What another
 * attempt may cure (a network hiccup, a 5xx, a 429 with its Retry-After) is thrown as a {@link FeedFetch.Retry}.
 */
final class HttpAttempt {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFeedFetcher.class);
    /** A redirect or 304 body longer than this is not worth draining to keep the connection alive. */
    private static final int DISCARD_LIMIT = 64 * 1024;
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(203, "Non-Authoritative Information"), Map.entry(204, "No Content"),
            Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(410, "Gone"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final FeedFetch call;
    private final FetchSettings s;
    private final FetchFailures failures;
    /** Bookkeeping time, for a Retry-After given as an HTTP-date. */
    private final InstantSource time;

    HttpAttempt(FeedFetch call, InstantSource time) {
        this.call = call;
        this.time = time;
        this.s = call.settings;
        this.failures = call.failures;
    }

    /** The request and its redirects, then the body to the reader. */
    FetchOutcome request() throws FetchException, FeedFetch.Retry {
        URI current = call.start;
        Set<URI> visited = new HashSet<>();
        visited.add(current);
        int redirects = 0;
        while (true) {
            HttpURLConnection c = open(current);
            if (call.hold != null) {
                call.hold.abortWith(c::disconnect);
            }
            boolean released = false;
            try {
                int status = responseCode(c);
                if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                    URI next = redirectTarget(c, current, status);
                    released = discardBody(c, status);
                    if (++redirects > s.maxRedirects()) {
                        throw failures.fail(BAD_URL, status, "more than " + s.maxRedirects()
                                + " redirects, the last to " + SourceSpec.shown(next));
                    }
                    if (!visited.add(next)) {
                        // the addresses' paths and queries are the feed's key: host only, as everywhere
                        throw failures.fail(BAD_URL, status, "redirect loop: " + SourceSpec.shown(current)
                                + " redirects back to " + SourceSpec.shown(next));
                    }
                    LOG.debug("{}: {} redirects to {}", call.who, status, SourceSpec.shown(next));
                    current = next;
                    continue;
                }
                if (status == 304) {
                    Validators fresh = responseValidators(c);
                    released = discardBody(c, status);
                    // A 304 may carry updated validators (RFC 9110 section 15.4.5); keep the rest.
                    Validators known = call.known;
                    Validators kept = new Validators(fresh.etag() != null ? fresh.etag() : known.etag(),
                            fresh.lastModified() != null ? fresh.lastModified() : known.lastModified());
                    long millis = call.elapsedMillis();
                    LOG.info("{}: 304 Not Modified in {} ms{}", call.who, millis, call.attemptsNote());
                    return new FetchOutcome(true, 304, kept, 0, call.attempts(), millis);
                }
                String statusLine = status + " " + reason(c, status);
                if (status == 401 || status == 403) {
                    throw failures.fail(AUTHENTICATION, status,
                            statusLine + " - check the calendar URL's secret or credentials");
                }
                if (status == 429 || status >= 500) {
                    long retryAfter = RetryDelay.retryAfterMillis(c.getHeaderField("Retry-After"),
                            time.millis());
                    throw new FeedFetch.Retry(failures.fail(HTTP_STATUS, status, statusLine), retryAfter);
                }
                if (status < 200 || status > 299) {
                    throw failures.fail(HTTP_STATUS, status, statusLine + (status == 404 || status == 410
                            ? " - is the calendar still published at " + SourceSpec.shown(current) + "?" : ""));
                }
                FetchOutcome outcome = receive(c, status, statusLine, current);
                released = true;
                return outcome;
            } finally {
                if (!released) {
                    c.disconnect();
                }
            }
        }
    }

    private HttpURLConnection open(URI url) throws FetchException, FeedFetch.Retry {
        HttpURLConnection c;
        try {
            URLConnection connection = url.toURL().openConnection();
            if (!(connection instanceof HttpURLConnection)) {
                throw failures.fail(BAD_URL, 0, "cannot fetch " + SourceSpec.shown(url) + " over HTTP");
            }
            c = (HttpURLConnection) connection;
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw failures.fail(BAD_URL, 0, "cannot use the URL " + SourceSpec.shown(url) + ": " + e.getMessage());
        } catch (IOException e) {
            throw call.retryOrFail(e, 0, true);
        }
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(call.withinDeadline(s.connectTimeoutMillis()));
        c.setReadTimeout(call.withinDeadline(s.readTimeoutMillis()));
        c.setRequestProperty("User-Agent", s.userAgent());
        c.setRequestProperty("Accept", "text/calendar, text/plain;q=0.9, */*;q=0.8");
        // Credentials and the owner's extra headers go only to the host the owner configured. A redirect to
        // another host (a CDN, a tracker, an attacker's open redirect) must not receive them: that would leak
        // the calendar's password or token. iCloud's redirect to its pXX-caldav hosts needs neither: the
        // secret is in the URL. Extra headers follow the same rule as we cannot tell which of them are secret.
        boolean sameOrigin = FeedAddress.sameOrigin(call.start, url);
        if (sameOrigin) {
            for (Map.Entry<String, String> header : call.source.headers().entrySet()) {
                try {
                    c.setRequestProperty(header.getKey(), header.getValue());
                } catch (IllegalArgumentException e) {
                    throw failures.fail(BAD_URL, 0, "the extra header '" + header.getKey() + "' is not valid: "
                            + e.getMessage());
                }
            }
        }
        c.setRequestProperty("Accept-Encoding", "gzip, deflate");
        if (call.known.etag() != null) {
            c.setRequestProperty("If-None-Match", call.known.etag());
        }
        if (call.known.lastModified() != null) {
            c.setRequestProperty("If-Modified-Since", call.known.lastModified());
        }
        String authorization = sameOrigin ? authorization(call.source.auth()) : null;
        if (authorization != null) {
            c.setRequestProperty("Authorization", authorization);
        }
        return c;
    }

    private int responseCode(HttpURLConnection c) throws FetchException, FeedFetch.Retry {
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            throw call.retryOrFail(e, 0, true);
        }
        if (status < 0) {
            throw new FeedFetch.Retry(failures.fail(NETWORK, 0, "the server's answer is not HTTP"), -1);
        }
        return status;
    }

    private URI redirectTarget(HttpURLConnection c, URI current, int status) throws FetchException {
        String location = c.getHeaderField("Location");
        if (location == null || location.isBlank()) {
            throw failures.fail(HTTP_STATUS, status, status + " redirect without a Location header");
        }
        try {
            return FeedAddress.redirectTarget(current, location);
        } catch (IllegalArgumentException e) {
            throw failures.fail(BAD_URL, status, e.getMessage());
        }
    }

    /** A 2xx answer: checks the declared size, then hands the body over. */
    private FetchOutcome receive(HttpURLConnection c, int status, String statusLine, URI url)
            throws FetchException, FeedFetch.Retry {
        long declared = c.getContentLengthLong();
        if (declared > s.maxBodyBytes()) {
            throw failures.fail(TOO_LARGE, status, "the server announces " + FetchFailures.size(declared)
                    + ", more than maxBodyBytes (" + FetchFailures.size(s.maxBodyBytes()) + ")");
        }
        Validators validators = responseValidators(c);
        InputStream raw;
        try {
            raw = c.getInputStream();
        } catch (IOException e) {
            throw call.retryOrFail(e, status, true);
        }
        return call.deliver(raw, declared, c.getContentEncoding(), status, statusLine, validators, url, true);
    }

    private static String authorization(SourceSpec.Auth auth) {
        if (auth == null || auth.secret() == null) {
            return null;
        }
        switch (auth.type()) {
            case BASIC:
                String pair = (auth.user() == null ? "" : auth.user()) + ":" + auth.secret();
                return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            case BEARER:
                return "Bearer " + auth.secret();
            default:
                return null;
        }
    }

    private static Validators responseValidators(HttpURLConnection c) {
        return new Validators(c.getHeaderField("ETag"), c.getHeaderField("Last-Modified"));
    }

    /** Reads a small redirect or 304 body to its end so the connection can be reused; true when done cleanly. */
    private static boolean discardBody(HttpURLConnection c, int status) {
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in == null) {
                return true;
            }
            byte[] scratch = new byte[4096];
            long total = 0;
            int n;
            while ((n = in.read(scratch)) >= 0) {
                total += n;
                if (total > DISCARD_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(HttpURLConnection c, int status) {
        String message = null;
        try {
            message = c.getResponseMessage();
        } catch (IOException e) {
            // the status line was read already; no message then
        }
        if (message == null || message.isBlank()) {
            message = REASONS.getOrDefault(status, "");
        }
        return message.trim();
    }
}
