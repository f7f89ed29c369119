package calendarbot.fetcher.internal;

import calendarbot.api.Clock;
import calendarbot.api.FeedFetcher;
import calendarbot.api.KioskSettings;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>This class holds the settings, the slots of simultaneous fetches and the retries; one call is a
 * {@link FeedFetch}, one attempt over the network an {@link HttpAttempt}, file and demo feeds are {@link LocalFeeds},
 * and what a failure is called is {@link FetchFailures}'.
 */
@Component(service = FeedFetcher.class, configurationPid = "calendarbot.fetcher")
@Designate(ocd = HttpFeedFetcher.Config.class)
public class HttpFeedFetcher implements FeedFetcher {

    static final int MAX_STREAM_THRESHOLD = 64 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpFeedFetcher.class);
    /** Without the kiosk's bundle (unit tests, a trimmed framework) there is no time service; it is this. */
    private static final InstantSource SYSTEM_TIME = InstantSource.system();

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

        @AttributeDefinition(name = "Give way after (seconds)", min = "1", max = "3600",
                description = "While a feed waits for a free slot, a fetch that has been slower than the rate below"
                        + " for this long gives its slot up and fails as too slow, so a server that drips its feed"
                        + " cannot hold up the other calendars.")
        int giveWayAfterSeconds() default 15;

        @AttributeDefinition(name = "Slow below (bytes per second)", min = "0",
                description = "What counts as too slow for the rule above; 0 never asks a fetch to give way.")
        long slowBytesPerSecond() default 16_384;

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
    private final LocalFeeds local = new LocalFeeds();
    /** For the demo calendar only; optional, so a fetcher runs without the kiosk bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile KioskSettings kiosk;
    /** Bookkeeping time: a Retry-After given as a date is a wait from it. Optional, as the clock. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile InstantSource time;
    private volatile boolean closed;
    private volatile FetchSettings settings;

    @Activate
    @Modified
    void configure(Config config) {
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
        FeedFetch call = new FeedFetch(source, previous == null ? Validators.NONE : previous, reader, current,
                () -> closed);
        try {
            while (true) {
                call.hold = takeSlot(call);
                long delayMillis;
                try {
                    call.beginAttempt();
                    try {
                        return LocalFeeds.handles(call.start) ? local.read(call, clock, kiosk)
                                : new HttpAttempt(call, time != null ? time : SYSTEM_TIME).request();
                    } catch (FeedFetch.Retry retry) {
                        delayMillis = delayBeforeRetry(call, retry);
                    }
                } finally {
                    slots.release(call.hold);
                }
                pause(call, delayMillis);
            }
        } catch (FetchException e) {
            if (e.kind() == FetchException.Kind.CANCELLED) {
                LOG.info("{}", e.getMessage());
            } else {
                LOG.warn("{}", e.getMessage());
            }
            throw e;
        }
    }

    private long delayBeforeRetry(FeedFetch call, FeedFetch.Retry retry) throws FetchException {
        FetchSettings s = call.settings;
        int attempts = call.attempts();
        FetchException failure = FetchFailures.withRetryAfter(retry.failure, retry.retryAfterMillis);
        if (attempts > s.maxRetries()) {
            throw attempts == 1 ? failure : FetchFailures.amend(failure, ", gave up after " + attempts + " attempts");
        }
        if (retry.retryAfterMillis > s.retryMaxDelayMillis()) {
            // asked to wait longer than a retry may: no early knock; the refresher's schedule waits instead
            throw FetchFailures.amend(failure, ", the server asks to wait " + retry.retryAfterMillis / 1000 + " s");
        }
        long delay = retry.retryAfterMillis >= 0 ? retry.retryAfterMillis
                : RetryDelay.fullJitter(attempts, s.retryBaseDelayMillis(), s.retryMaxDelayMillis());
        if (call.passesDeadlineIn(TimeUnit.MILLISECONDS.toNanos(delay))) {
            throw FetchFailures.amend(failure, ", gave up after " + attempts + " attempt(s): another would"
                    + " pass the total timeout of " + s.totalTimeoutSeconds() + " s");
        }
        LOG.warn("{}, retry {} of {} in {}", retry.failure.getMessage(), attempts, s.maxRetries(),
                delay < 1000 ? delay + " ms" : String.format(Locale.ROOT, "%.1f s", delay / 1000.0));
        return delay;
    }

    private FetchSlots.Hold takeSlot(FeedFetch call) throws FetchException {
        if (closed) {
            throw call.failures.cancelled();
        }
        FetchSlots.Hold hold;
        try {
            hold = slots.take(TimeUnit.SECONDS.toNanos(call.settings.giveWayAfterSeconds()),
                    call.settings.slowBytesPerSecond(), () -> closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw call.failures.cancelled();
        }
        if (hold == null || closed) {
            if (hold != null) {
                slots.release(hold);
            }
            throw call.failures.cancelled();
        }
        return hold;
    }

    /** Waits before a retry; deactivation or an interrupt ends the wait and the fetch. */
    private void pause(FeedFetch call, long delayMillis) throws FetchException {
        try {
            if (shutdown.await(delayMillis, TimeUnit.MILLISECONDS)) {
                throw call.failures.cancelled();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw call.failures.cancelled();
        }
    }
}
