package calendarbot.fetcher.internal;

import static calendarbot.api.model.FetchException.Kind.AUTHENTICATION;
import static calendarbot.api.model.FetchException.Kind.BAD_URL;
import static calendarbot.api.model.FetchException.Kind.CANCELLED;
import static calendarbot.api.model.FetchException.Kind.HTTP_STATUS;
import static calendarbot.api.model.FetchException.Kind.NETWORK;
import static calendarbot.api.model.FetchException.Kind.NOT_A_CALENDAR;
import static calendarbot.api.model.FetchException.Kind.TIMEOUT;
import static calendarbot.api.model.FetchException.Kind.TOO_LARGE;

import calendarbot.api.Clock;
import calendarbot.api.FeedFetcher;
import calendarbot.api.KioskSettings;
import calendarbot.api.model.FeedBody;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipException;
import javax.net.ssl.SSLHandshakeException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one calendar feed over http, https, webcal or from a file, for the refresher and check-feed; and
 * makes the profile's demo calendar ({@code demo:}) around the kiosk's "now".
 *
 * <p><b>Buffered or streamed.</b> A response whose declared Content-Length is at most {@code streamThresholdBytes}
 * is read into memory before the reader is called ({@code FeedBody.buffered() == true}, a ByteArrayInputStream):
 * the connection is free before the slow parse, and a network failure while reading can still be retried. A
 * larger declared length, or none at all (chunked), hands the reader the live decoding, counting response stream
 * ({@code buffered() == false}): a big feed is parsed while it downloads and never sits whole in memory. The body
 * is never turned into a String. Content-Length counts compressed bytes, so the in-memory copy is also capped at
 * the threshold: a small gzip body that inflates to more carries on as a stream. {@code maxBodyBytes} is checked
 * against the declared length before reading and against decoded bytes while reading (a gzip bomb stops there).
 *
 * <p><b>Why HttpURLConnection and not java.net.http.HttpClient.</b> HttpClient runs a selector thread per client
 * plus an executor, keeps pooled buffers and loads a few hundred more classes (megabytes of metaspace on a 512 MB
 * Pi). The refresher already runs each fetch on its own thread; HttpURLConnection blocks that thread and needs no
 * other. The price: a blocked socket read cannot be interrupted, so shutdown and the total timeout are checked
 * between reads, and a read that stalls ends after readTimeoutSeconds (the total timeout can overrun by that).
 */
@Component(service = FeedFetcher.class, configurationPid = "calendarbot.fetcher")
@Designate(ocd = HttpFeedFetcher.Config.class)
public class HttpFeedFetcher implements FeedFetcher {

    static final int MAX_STREAM_THRESHOLD = 64 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpFeedFetcher.class);
    /** A redirect or 304 body longer than this is not worth draining to keep the connection alive. */
    private static final int DISCARD_LIMIT = 64 * 1024;
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(203, "Non-Authoritative Information"), Map.entry(204, "No Content"),
            Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(410, "Gone"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    @ObjectClassDefinition(id = "calendarbot.fetcher", name = "CalendarBot fetcher",
            description = "How calendar feeds are downloaded: size limits, timeouts, retries and how many at once.")
    public @interface Config {

        @AttributeDefinition(name = "Stream threshold (bytes)", min = "0", max = "67108864",
                description = "A feed that declares at most this many bytes is read into memory before it is"
                        + " parsed; a larger one, or one that declares no length, is parsed while it downloads."
                        + " Applies from the next fetch.")
        int streamThresholdBytes() default 262_144;

        @AttributeDefinition(name = "Largest feed (bytes)", min = "1024",
                description = "A feed larger than this, as declared by the server or counted after gzip/deflate"
                        + " decoding, is refused. Protects the kiosk's memory from a runaway feed.")
        long maxBodyBytes() default 67_108_864L;

        @AttributeDefinition(name = "Simultaneous fetches", min = "1", max = "16",
                description = "How many feeds may download (and be parsed) at the same time; others wait their"
                        + " turn. Applies from the next fetch.")
        int fetchConcurrency() default 2;

        @AttributeDefinition(name = "Connect timeout (seconds)", min = "1", max = "300",
                description = "Give up connecting to a calendar server after this long.")
        int connectTimeoutSeconds() default 10;

        @AttributeDefinition(name = "Read timeout (seconds)", min = "1", max = "600",
                description = "Give up when the server sends nothing for this long.")
        int readTimeoutSeconds() default 30;

        @AttributeDefinition(name = "Total timeout (seconds)", min = "1", max = "3600",
                description = "Give up on a fetch after this long, retries, waits and reading the feed included.")
        int totalTimeoutSeconds() default 120;

        @AttributeDefinition(name = "Retries", min = "0", max = "10",
                description = "How often to try again after a network error, a timeout or a 5xx/429 answer."
                        + " Never once the feed is being parsed.")
        int maxRetries() default 3;

        @AttributeDefinition(name = "First retry delay (milliseconds)", min = "1", max = "600000",
                description = "The first retry waits a random time up to this; each further retry up to twice as"
                        + " long as the one before.")
        long retryBaseDelayMillis() default 1000;

        @AttributeDefinition(name = "Longest retry delay (milliseconds)", min = "1", max = "3600000",
                description = "The longest wait before a retry, a server's Retry-After included.")
        long retryMaxDelayMillis() default 30_000;

        @AttributeDefinition(name = "Redirects", min = "0", max = "20",
                description = "How many redirects to follow (iCloud and Google redirect once or twice).")
        int maxRedirects() default 5;

        @AttributeDefinition(name = "User-Agent", description = "Sent to calendar servers with every request.")
        String userAgent() default FetchSettings.DEFAULT_USER_AGENT;
    }

    /** Package-visible so tests can see fetches waiting their turn. */
    final FetchSlots slots = new FetchSlots();
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final DemoFeed demo = new DemoFeed();
    /** For the demo calendar only; optional, so a fetcher runs without the kiosk (check-feed). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile KioskSettings kiosk;
    private volatile boolean closed;
    private volatile FetchSettings settings;

    /** Public for check-feed, which runs this code outside the framework. */
    @Activate
    @Modified
    public void configure(Config config) {
        FetchSettings next = FetchSettings.from(config);
        slots.resize(next.fetchConcurrency());
        settings = next;
        LOG.debug("fetcher settings: {}", next);
    }

    @Deactivate
    void deactivate() {
        closed = true;
        shutdown.countDown();
        slots.openAll();
    }

    @Override
    public FetchOutcome fetch(SourceSpec source, Validators previous, BodyReader reader) throws FetchException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reader, "reader");
        FetchSettings current = settings;
        if (current == null) {
            throw new IllegalStateException("the fetcher is not configured");
        }
        return new Fetch(source, previous == null ? Validators.NONE : previous, reader, current).run();
    }

    /** A retryable failure of one attempt. */
    private static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        final transient FetchException failure;
        final long retryAfterMillis;

        Retry(FetchException failure, long retryAfterMillis) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.retryAfterMillis = retryAfterMillis;
        }
    }

    /** One call of {@link #fetch}: its settings snapshot, attempts and deadline. */
    private final class Fetch {
        private final SourceSpec source;
        private final Validators known;
        private final BodyReader reader;
        private final FetchSettings s;
        private final String who;
        private final URI start;
        private int attempts;
        private long startNanos;
        private long deadline;

        Fetch(SourceSpec source, Validators known, BodyReader reader, FetchSettings s) throws FetchException {
            this.source = source;
            this.known = known;
            this.reader = reader;
            this.s = s;
            this.who = label(source);
            try {
                this.start = FeedAddress.fetchUri(source.url());
            } catch (IllegalArgumentException e) {
                throw new FetchException(BAD_URL, 0, who + ": " + e.getMessage(), e);
            }
        }

        FetchOutcome run() throws FetchException {
            try {
                while (true) {
                    takeSlot();
                    long delayMillis;
                    try {
                        if (attempts++ == 0) {
                            // The total timeout counts from the first request, not from the wait for a slot.
                            startNanos = System.nanoTime();
                            deadline = startNanos + s.totalTimeoutNanos();
                        }
                        try {
                            return FeedAddress.isFile(start) ? readFile()
                                    : FeedAddress.isDemo(start) ? readDemo() : request();
                        } catch (Retry retry) {
                            delayMillis = delayBeforeRetry(retry);
                        }
                    } finally {
                        slots.release();
                    }
                    pause(delayMillis);
                }
            } catch (FetchException e) {
                if (e.kind() == CANCELLED) {
                    LOG.info("{}", e.getMessage());
                } else {
                    LOG.warn("{}", e.getMessage());
                }
                throw e;
            }
        }

        private long delayBeforeRetry(Retry retry) throws FetchException {
            if (attempts > s.maxRetries()) {
                throw attempts == 1 ? retry.failure : amend(retry.failure, ", gave up after " + attempts + " attempts");
            }
            long delay = retry.retryAfterMillis >= 0
                    ? Math.min(retry.retryAfterMillis, s.retryMaxDelayMillis())
                    : RetryDelay.fullJitter(attempts, s.retryBaseDelayMillis(), s.retryMaxDelayMillis());
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) - deadline > 0) {
                throw amend(retry.failure, ", gave up after " + attempts + " attempt(s): another would pass the"
                        + " total timeout of " + s.totalTimeoutSeconds() + " s");
            }
            LOG.warn("{}, retry {} of {} in {}", retry.failure.getMessage(), attempts, s.maxRetries(),
                    delay < 1000 ? delay + " ms" : String.format(Locale.ROOT, "%.1f s", delay / 1000.0));
            return delay;
        }

        private void takeSlot() throws FetchException {
            if (closed) {
                throw cancelled();
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled();
            }
            if (closed) {
                slots.release();
                throw cancelled();
            }
        }

        /** Waits before a retry; deactivation or an interrupt ends the wait and the fetch. */
        private void pause(long delayMillis) throws FetchException {
            try {
                if (shutdown.await(delayMillis, TimeUnit.MILLISECONDS)) {
                    throw cancelled();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled();
            }
        }

        /** One attempt over HTTP: the request and its redirects, then the body to the reader. */
        private FetchOutcome request() throws FetchException, Retry {
            URI current = start;
            Set<URI> visited = new HashSet<>();
            visited.add(current);
            int redirects = 0;
            while (true) {
                HttpURLConnection c = open(current);
                boolean released = false;
                try {
                    int status = responseCode(c);
                    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                        URI next = redirectTarget(c, current, status);
                        released = discardBody(c, status);
                        if (++redirects > s.maxRedirects()) {
                            throw fail(BAD_URL, status, "more than " + s.maxRedirects() + " redirects, the last to "
                                    + next);
                        }
                        if (!visited.add(next)) {
                            throw fail(BAD_URL, status, "redirect loop: " + current + " redirects back to " + next);
                        }
                        LOG.debug("{}: {} redirects to {}", who, status, next);
                        current = next;
                        continue;
                    }
                    if (status == 304) {
                        Validators fresh = responseValidators(c);
                        released = discardBody(c, status);
                        // A 304 may carry updated validators (RFC 9110 section 15.4.5); keep the rest.
                        Validators kept = new Validators(fresh.etag() != null ? fresh.etag() : known.etag(),
                                fresh.lastModified() != null ? fresh.lastModified() : known.lastModified());
                        long millis = elapsedMillis();
                        LOG.info("{}: 304 Not Modified in {} ms{}", who, millis, attemptsNote());
                        return new FetchOutcome(true, 304, kept, 0, attempts, millis);
                    }
                    String statusLine = status + " " + reason(c, status);
                    if (status == 401 || status == 403) {
                        throw fail(AUTHENTICATION, status,
                                statusLine + " - check the calendar URL's secret or credentials");
                    }
                    if (status == 429 || status >= 500) {
                        long retryAfter = RetryDelay.retryAfterMillis(c.getHeaderField("Retry-After"),
                                System.currentTimeMillis());
                        throw new Retry(fail(HTTP_STATUS, status, statusLine), retryAfter);
                    }
                    if (status < 200 || status > 299) {
                        throw fail(HTTP_STATUS, status, statusLine + (status == 404 || status == 410
                                ? " - is the calendar still published at " + current + "?" : ""));
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

        private HttpURLConnection open(URI url) throws FetchException, Retry {
            HttpURLConnection c;
            try {
                URLConnection connection = url.toURL().openConnection();
                if (!(connection instanceof HttpURLConnection)) {
                    throw fail(BAD_URL, 0, "cannot fetch " + url + " over HTTP");
                }
                c = (HttpURLConnection) connection;
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw fail(BAD_URL, 0, "cannot use the URL " + url + ": " + e.getMessage());
            } catch (IOException e) {
                throw retryOrFail(e, 0, true);
            }
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout(withinDeadline(s.connectTimeoutMillis()));
            c.setReadTimeout(withinDeadline(s.readTimeoutMillis()));
            c.setRequestProperty("User-Agent", s.userAgent());
            c.setRequestProperty("Accept", "text/calendar, text/plain;q=0.9, */*;q=0.8");
            // Credentials and the owner's extra headers go only to the host the owner configured. A redirect to
            // another host (a CDN, a tracker, an attacker's open redirect) must not receive them: that would leak
            // the calendar's password or token. iCloud's redirect to its pXX-caldav hosts needs neither: the
            // secret is in the URL. Extra headers follow the same rule as we cannot tell which of them are secret.
            boolean sameOrigin = FeedAddress.sameOrigin(start, url);
            if (sameOrigin) {
                for (Map.Entry<String, String> header : source.headers().entrySet()) {
                    try {
                        c.setRequestProperty(header.getKey(), header.getValue());
                    } catch (IllegalArgumentException e) {
                        throw fail(BAD_URL, 0, "the extra header '" + header.getKey() + "' is not valid: "
                                + e.getMessage());
                    }
                }
            }
            c.setRequestProperty("Accept-Encoding", "gzip, deflate");
            if (known.etag() != null) {
                c.setRequestProperty("If-None-Match", known.etag());
            }
            if (known.lastModified() != null) {
                c.setRequestProperty("If-Modified-Since", known.lastModified());
            }
            String authorization = sameOrigin ? authorization(source.auth()) : null;
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            return c;
        }

        private int responseCode(HttpURLConnection c) throws FetchException, Retry {
            int status;
            try {
                status = c.getResponseCode();
            } catch (IOException e) {
                throw retryOrFail(e, 0, true);
            }
            if (status < 0) {
                throw new Retry(fail(NETWORK, 0, "the server's answer is not HTTP"), -1);
            }
            return status;
        }

        private URI redirectTarget(HttpURLConnection c, URI current, int status) throws FetchException {
            String location = c.getHeaderField("Location");
            if (location == null || location.isBlank()) {
                throw fail(HTTP_STATUS, status, status + " redirect without a Location header");
            }
            try {
                return FeedAddress.redirectTarget(current, location);
            } catch (IllegalArgumentException e) {
                throw fail(BAD_URL, status, e.getMessage());
            }
        }

        /** A 2xx answer: checks the declared size, then hands the body over. */
        private FetchOutcome receive(HttpURLConnection c, int status, String statusLine, URI url)
                throws FetchException, Retry {
            long declared = c.getContentLengthLong();
            if (declared > s.maxBodyBytes()) {
                throw fail(TOO_LARGE, status, "the server announces " + size(declared)
                        + ", more than maxBodyBytes (" + size(s.maxBodyBytes()) + ")");
            }
            Validators validators = responseValidators(c);
            InputStream raw;
            try {
                raw = c.getInputStream();
            } catch (IOException e) {
                throw retryOrFail(e, status, true);
            }
            return deliver(raw, declared, c.getContentEncoding(), status, statusLine, validators, url, true);
        }

        /** A file: URL: same threshold rule, 200 when read, not-modified when its size and time are unchanged. */
        private FetchOutcome readFile() throws FetchException {
            Path path;
            try {
                path = Path.of(start);
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                throw fail(BAD_URL, 0, "cannot use " + start + " as a file: " + e.getMessage());
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw fail(BAD_URL, 0, "the file " + path + " does not exist");
            } catch (IOException e) {
                throw fail(NETWORK, 0, "cannot read the file " + path + ": " + e.getMessage());
            }
            if (!attributes.isRegularFile()) {
                throw fail(BAD_URL, 0, path + " is not a calendar file");
            }
            long size = attributes.size();
            if (size > s.maxBodyBytes()) {
                throw fail(TOO_LARGE, 0, "the file " + path + " has " + size(size) + ", more than maxBodyBytes ("
                        + size(s.maxBodyBytes()) + ")");
            }
            Validators validators = fileValidators(size, attributes.lastModifiedTime());
            if (validators.etag().equals(known.etag())) {
                long millis = elapsedMillis();
                LOG.info("{}: file unchanged in {} ms", who, millis);
                return new FetchOutcome(true, 304, validators, 0, attempts, millis);
            }
            InputStream raw;
            try {
                raw = Files.newInputStream(path);
            } catch (IOException e) {
                throw fail(NETWORK, 0, "cannot read the file " + path + ": " + e.getMessage());
            }
            try {
                return deliver(raw, size, null, 200, "file read", validators, start, false);
            } catch (Retry cannotHappen) {
                throw cannotHappen.failure;
            }
        }

        /** The demo calendar: 200 with a new placement, not-modified while the kept one still fits. */
        private FetchOutcome readDemo() throws FetchException {
            Clock now = clock;
            KioskSettings settings = kiosk;
            if (now == null || settings == null) {
                throw fail(NETWORK, 0, "the demo calendar needs the kiosk's clock, which is not running (yet)");
            }
            DemoFeed.Body body = demo.at(now.now(), settings.zone());
            if (body.validators().etag().equals(known.etag())) {
                return new FetchOutcome(true, 304, body.validators(), 0, attempts, elapsedMillis());
            }
            try {
                return deliver(new ByteArrayInputStream(body.bytes()), body.bytes().length, null, 200, "demo calendar",
                        body.validators(), start, false);
            } catch (Retry cannotHappen) {
                throw cannotHappen.failure;
            }
        }

        /**
         * Decodes the body, applies the threshold rule and calls the reader. Failures before the reader starts
         * may be retried; once it has started, a failure is final.
         */
        private FetchOutcome deliver(InputStream raw, long declared, String encoding, int status, String statusLine,
                Validators validators, URI url, boolean mayRetry) throws FetchException, Retry {
            BodyStream body;
            try {
                InputStream decoded = ContentDecoder.decode(new DeclaredLengthStream(raw, declared), encoding);
                body = new BodyStream(decoded, s.maxBodyBytes(), deadline, () -> closed);
            } catch (IOException e) {
                closeQuietly(raw);
                throw retryOrFail(e, status, mayRetry);
            }
            InputStream handed;
            boolean buffered;
            try {
                if (declared >= 0 && declared <= s.streamThresholdBytes()) {
                    BufferedPrefix prefix = BufferedPrefix.read(body, declared, s.streamThresholdBytes());
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
                failed = body.failure() != null ? failure(body.failure(), status) : unreadable(e, status);
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
            LOG.info("{}: {}, {} in {} ms ({}{})", who, statusLine, size(bytes), millis,
                    buffered ? "buffered" : "streamed", attemptsNote().isEmpty() ? "" : ", " + attempts + " attempts");
            return new FetchOutcome(false, status, validators, bytes, attempts, millis);
        }

        private FetchException unreadable(IOException e, int status) {
            if (e instanceof NotACalendarException) {
                return new FetchException(NOT_A_CALENDAR, status, who + ": " + e.getMessage(), e);
            }
            return new FetchException(NOT_A_CALENDAR, status, who + ": the feed could not be read: " + e.getMessage(),
                    e);
        }

        /** A retry for a passing network trouble before the reader started, else the final failure. */
        private Retry retryOrFail(IOException e, int status, boolean mayRetry) throws FetchException {
            FetchException failure = failure(e, status);
            // A certificate problem does not pass by itself; DNS does (a kiosk's Wi-Fi coming back).
            boolean passing = (failure.kind() == NETWORK || failure.kind() == TIMEOUT)
                    && !(e instanceof SSLHandshakeException);
            if (mayRetry && passing && !closed) {
                return new Retry(failure, -1);
            }
            throw failure;
        }

        /** What an IOException means for the kiosk owner. */
        private FetchException failure(IOException e, int status) {
            if (closed || e instanceof BodyStream.CancelledException) {
                return new FetchException(CANCELLED, status, who + ": fetch cancelled (shutting down)", e);
            }
            if (e instanceof BodyStream.TooLargeException) {
                return new FetchException(TOO_LARGE, status, who + ": " + e.getMessage(), e);
            }
            if (e instanceof BodyStream.PastDeadlineException || System.nanoTime() - deadline > 0) {
                return new FetchException(TIMEOUT, status, who + ": took longer than the total timeout of "
                        + s.totalTimeoutSeconds() + " s", e);
            }
            if (e instanceof SocketTimeoutException) {
                String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")
                        ? "could not connect within " + s.connectTimeoutSeconds() + " s"
                        : "the server sent nothing for " + s.readTimeoutSeconds() + " s";
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

        private FetchException fail(FetchException.Kind kind, int status, String message) {
            return new FetchException(kind, status, who + ": " + message, null);
        }

        private FetchException amend(FetchException failure, String suffix) {
            return new FetchException(failure.kind(), failure.httpStatus(), failure.getMessage() + suffix,
                    failure.getCause());
        }

        private FetchException cancelled() {
            return new FetchException(CANCELLED, 0, who + ": fetch cancelled (shutting down)", null);
        }

        /** A timeout no longer than what is left of the total timeout (HttpURLConnection reads 0 as forever). */
        private int withinDeadline(int timeoutMillis) throws FetchException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw fail(TIMEOUT, 0, "took longer than the total timeout of " + s.totalTimeoutSeconds() + " s");
            }
            return (int) Math.max(1, Math.min(timeoutMillis, left));
        }

        private long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        }

        private String attemptsNote() {
            return attempts > 1 ? " after " + attempts + " attempts" : "";
        }
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

    /** Weak validators of a file: size and modification time, like a web server's ETag for a static file. */
    private static Validators fileValidators(long size, FileTime modified) {
        String etag = "W/\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.toMillis()) + "\"";
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.toInstant().atOffset(ZoneOffset.UTC));
        return new Validators(etag, lastModified);
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

    private static String label(SourceSpec source) {
        if (source.id() != null && !source.id().isBlank()) {
            return source.id();
        }
        return source.name() != null && !source.name().isBlank() ? source.name() : "feed";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KiB";
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the body is done with either way
        }
    }
}
