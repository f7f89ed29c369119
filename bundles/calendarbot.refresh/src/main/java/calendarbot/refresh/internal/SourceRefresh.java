package calendarbot.refresh.internal;

import calendarbot.api.Clock;
import calendarbot.api.EventStore;
import calendarbot.api.FeedFetcher;
import calendarbot.api.IcsParser;
import calendarbot.api.KioskSettings;
import calendarbot.api.RecurrenceExpander;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RefreshPhases;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.SourceStatus.State;
import calendarbot.api.model.Validators;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh of one source, on a refresh worker: fetch (conditional), parse while copying the body to the archive,
 * expand, replace the source's snapshot in the store. A source that fails keeps its last good events; before its
 * first fetch it shows its archived copy.
 *
 * <p>Two clocks, never mixed: the kiosk's {@link Clock} places the expansion window (what can be shown); the
 * bookkeeping {@link InstantSource} stamps the attempt, the success and the archive's meta (what /api/health
 * reports and data age is measured against).
 */
final class SourceRefresh {

    /** Re-expand a feed that did not change once the window has moved this far (all-day events, the past edge). */
    static final Duration REEXPAND_AFTER = Duration.ofHours(6);
    static final Duration EXPANSION_WAIT = Duration.ofMinutes(5);

    // the scheduler's logger: "calendarbot.refresh" log lines stay under one name for those who filter them
    private static final Logger LOG = LoggerFactory.getLogger(FeedRefreshScheduler.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private final FeedFetcher fetcher;
    private final IcsParser parser;
    private final RecurrenceExpander expander;
    private final EventStore store;
    /** The kiosk's "now": where the window of events lies. */
    private final Clock clock;
    /** Bookkeeping: last attempt, last success, the archive's time stamp. */
    private final InstantSource time;
    private final KioskSettings kiosk;
    /** The scheduler's: false once deactivated (a run then ends quietly). */
    private final BooleanSupplier active;
    /** The scheduler's current archive (its folder is configured). */
    private final Supplier<FeedArchive> archive;
    /** The configured bound of events kept per source. */
    private final IntSupplier maxEvents;
    /** The scheduler's wait before the next run; called with the source's lock held. */
    private final Function<SourceState, Duration> nextDelay;

    SourceRefresh(FeedFetcher fetcher, IcsParser parser, RecurrenceExpander expander, EventStore store, Clock clock,
            InstantSource time, KioskSettings kiosk, BooleanSupplier active, Supplier<FeedArchive> archive,
            IntSupplier maxEvents, Function<SourceState, Duration> nextDelay) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.expander = expander;
        this.store = store;
        this.clock = clock;
        this.time = time;
        this.kiosk = kiosk;
        this.active = active;
        this.archive = archive;
        this.maxEvents = maxEvents;
        this.nextDelay = nextDelay;
    }

    /** Shows the archived copy (if any) before the first fetch, and takes its validators for that fetch. */
    void loadArchive(SourceState s) {
        FeedArchive a = archive.get();
        a.removeLeftovers(s.id);
        if (!a.hasBody(s.id)) {
            return;
        }
        FeedArchive.Meta meta = a.readMeta(s.id);
        Expanded expanded;
        try {
            expanded = fromArchive(s.id, a);
        } catch (IOException | ExpansionFailure e) {
            LOG.warn("{}: the archived copy {} could not be used ({}); waiting for the feed", s.id, a.body(s.id),
                    e.getMessage());
            return;
        }
        Instant when;
        synchronized (s) {
            if (!s.fetchable()) {
                return;
            }
            store.replace(s.id, expanded.occurrences());
            if (s.state == State.PENDING) {
                s.state = State.ARCHIVE;
            }
            // no meta, no age: a file's modification time is not a refresh, and reads another clock
            s.lastSuccess = meta == null ? null : meta.lastSuccess();
            s.bytes = meta != null && meta.bytes() > 0 ? meta.bytes() : size(a.body(s.id));
            s.parseErrors = expanded.report().skipped();
            s.warnings = ParseGuesses.of(expanded.report());
            if (meta != null) {
                s.validators = meta.validators();
                s.validatorsKey = meta.feedKey();
            }
            s.archiveCurrent = true;
            s.windowAnchor = expanded.windowAnchor();
            s.expandedZone = expanded.zone();
            when = s.lastSuccess;
        }
        LOG.info("{}: showing {} from the archived copy of {} until the feed answers", s.id,
                count(expanded.occurrences().size(), "event"), when(when));
    }

    void refresh(SourceState s) {
        SourceSpec spec;
        Validators previous;
        synchronized (s) {
            if (!s.fetchable()) {
                return;
            }
            spec = s.spec;
            previous = s.validatorsFor(spec.url());
            s.lastAttempt = time.instant();
        }
        long started = System.nanoTime();
        FeedArchive a = archive.get();
        // one window for the parse filter and the expansion, placed once per run
        Instant anchor = clock.now();
        ZoneId zone = kiosk.zone();
        FeedDownload download = new FeedDownload(anchor, zone, expander.window(anchor, zone), maxEvents.getAsInt());
        FetchOutcome outcome;
        try {
            outcome = fetcher.fetch(spec, previous, body -> {
                markAnswered(s);
                download.read(s.id, body, a, parser, parseOptions(download.zone));
            });
            markAnswered(s);
        } catch (FetchException e) {
            markAnswered(s);
            download.discard();
            if (!active.getAsBoolean()) {
                return; // interrupted by deactivation
            }
            synchronized (s) {
                s.retryAfter = e.retryAfter();
            }
            if (download.failure != null) {
                recordBodyFailure(s, download);
            } else {
                recordFailure(s, FailureText.of(e, spec), "fetch failed");
            }
            return;
        } catch (RuntimeException e) {
            download.discard();
            throw e;
        }
        long fetched = System.nanoTime();
        if (download.failure != null) {
            download.discard();
            recordBodyFailure(s, download);
            return;
        }
        if (outcome.notModified()) {
            notModified(s);
            return;
        }
        if (download.report == null) {
            download.discard();
            recordFailure(s, FailureText.statusLine(outcome.httpStatus()) + " without a calendar", "fetch failed");
            return;
        }

        long bytes = outcome.bytes() > 0 ? outcome.bytes() : download.bytes;
        Instant now = time.instant();
        FeedDownload.Archived archived = download.archive(a, s.id, outcome.validators(), spec.url(), now, bytes);
        String archiveProblem = archived.problem();
        String previousProblem;
        synchronized (s) {
            previousProblem = s.archiveProblem;
            s.archiveProblem = archiveProblem;
        }
        // once per change, not every five minutes for as long as the SD card is full
        if (archiveProblem != null && !archiveProblem.equals(previousProblem)) {
            LOG.error("{}: {}; the new events are kept in memory only", s.id, archiveProblem);
        } else if (archiveProblem == null && previousProblem != null) {
            LOG.info("{}: the archive in {} is written again", s.id, a.dir());
        }

        Expansion expansion;
        long archivedAt = System.nanoTime();
        try {
            expansion = expand(s.id, download.events.list(), download.window);
        } catch (ExpansionFailure e) {
            synchronized (s) {
                // the archive holds the new body: a later 304 re-reads it instead of keeping stale events
                s.validators = archived.validators();
                s.validatorsKey = FeedKey.of(spec.url());
                s.archiveCurrent = archived.written();
                s.windowAnchor = null;
            }
            if (active.getAsBoolean()) {
                recordFailure(s, e.getMessage(), "expansion failed");
            }
            return;
        }
        long expanded = System.nanoTime();
        ParseReport report = download.report;
        long stored;
        synchronized (s) {
            if (!s.fetchable()) {
                return; // removed or disabled while fetching
            }
            store.replace(s.id, expansion.occurrences());
            stored = System.nanoTime();
            s.phases = new RefreshPhases(millis(fetched - started), millis(archivedAt - fetched),
                    millis(expanded - archivedAt), millis(stored - expanded));
            s.state = State.OK;
            s.error = archiveProblem == null ? null : archiveProblem + "; showing the new events from memory";
            s.lastSuccess = now;
            s.bytes = bytes;
            s.parseErrors = report.skipped();
            s.warnings = ParseGuesses.of(report);
            s.failures = 0;
            s.retryAfter = null;
            s.validators = archived.validators();
            s.validatorsKey = FeedKey.of(spec.url());
            s.archiveCurrent = archived.written();
            s.windowAnchor = download.anchor;
            s.expandedZone = download.zone;
            s.plannedDelay = nextDelay.apply(s);
        }
        long fromSeries = expansion.occurrences().stream()
                .filter(o -> o.event().isRecurring() || o.event().isOverride()).count();
        StringBuilder extra = new StringBuilder();
        if (report.skipped() > 0) {
            extra.append("; ").append(report.skipped()).append(" malformed components skipped");
        }
        if (expansion.seriesCapped() + expansion.seriesOverBudget() > 0) {
            extra.append("; ").append(expansion.seriesCapped() + expansion.seriesOverBudget())
                    .append(" series cut at the occurrence or time cap");
        }
        String series = report.masters() == 0 ? ""
                : " (" + count(report.masters(), "master") + " expanded to " + count(fromSeries, "occurrence") + ")";
        // the phases, for the benchmark harness and for "why does a refresh take so long?"; fetch and parse
        // are one phase because the parser reads the body as it arrives
        extra.append(" (fetch+parse ").append(millis(fetched - started)).append(" ms, archive ")
                .append(millis(archivedAt - fetched)).append(" ms, expand ").append(millis(expanded - archivedAt))
                .append(" ms, store ").append(millis(stored - expanded)).append(" ms)");
        // the same line with its figures as fields, for calendarbot.logging's JSON format
        LOG.atInfo().addKeyValue("source", s.id).addKeyValue("outcome", "ok")
                .addKeyValue("http_status", outcome.httpStatus()).addKeyValue("events", report.events())
                .addKeyValue("fetch_parse_ms", millis(fetched - started))
                .addKeyValue("archive_ms", millis(archivedAt - fetched))
                .addKeyValue("expand_ms", millis(expanded - archivedAt))
                .addKeyValue("store_ms", millis(stored - expanded))
                .log("{}: {}, {}{} in {} ms{}", s.id, FailureText.statusLine(outcome.httpStatus()),
                        count(report.events(), "event"), series, millis(stored - started), extra);
        for (String problem : expansion.problems()) {
            LOG.debug("{}: {}", s.id, problem);
        }
    }

    private void notModified(SourceState s) {
        boolean stale;
        Instant now = time.instant();
        synchronized (s) {
            stale = isStale(s);
        }
        String note = "";
        if (stale) {
            if (reexpandFromArchive(s)) {
                note = " (re-expanded from the archive for the moved window)";
            } else {
                synchronized (s) {
                    // the archive cannot be re-read: the next fetch downloads in full
                    s.validators = Validators.NONE;
                    s.archiveCurrent = false;
                }
            }
        }
        synchronized (s) {
            if (!s.fetchable()) {
                return;
            }
            s.state = State.OK;
            s.error = null;
            s.failures = 0;
            s.retryAfter = null;
            s.lastSuccess = now;
            s.plannedDelay = nextDelay.apply(s);
        }
        LOG.atInfo().addKeyValue("source", s.id).addKeyValue("outcome", "not_modified")
                .log("{}: 304 Not Modified, keeping {}{}", s.id, count(store.size(s.id), "event"), note);
    }

    private void recordBodyFailure(SourceState s, FeedDownload download) {
        recordFailure(s, FailureText.ofBody(download.failure, download.streamFailed),
                download.streamFailed ? "fetch failed" : "feed rejected");
    }

    /** Marks {@code s} failing with {@code text}, backs off, and keeps what it shows (re-expanded if stale). */
    /** At start: the last {@code runs} refreshes of this source never ended; the next waits their backoff. */
    void recordUnfinished(SourceState s, int runs) {
        synchronized (s) {
            s.failures = Math.max(s.failures, runs - 1);
        }
        recordFailure(s, "the last refresh of this calendar did not finish (the kiosk stopped or ran out of memory "
                + "while reading it)", "waiting before fetching it again");
    }

    void recordFailure(SourceState s, String text, String what) {
        Instant since;
        Duration next;
        boolean stale;
        synchronized (s) {
            if (!s.fetchable()) {
                return;
            }
            s.state = State.FAILING;
            s.error = text;
            s.failures++;
            next = nextDelay.apply(s);
            s.plannedDelay = next;
            since = s.lastSuccess;
            // a long outage must not freeze the window; right after a failed expansion the backoff retries it
            stale = s.windowAnchor != null && isStale(s);
        }
        if (stale) {
            reexpandFromArchive(s);
        }
        int held = store.size(s.id);
        LOG.atWarn().addKeyValue("source", s.id).addKeyValue("outcome", "failed")
                .log("{}: {} ({}), {}; next try in {}", s.id, what, text,
                        held > 0 ? "keeping " + count(held, "event") + " from " + when(since) : "nothing to show yet",
                        human(next));
    }

    /**
     * Caller holds the lock. The shown events no longer fit the kiosk's "now": its window has moved by more than
     * {@link #REEXPAND_AFTER} (either way: a fixed time may be set back), or the kiosk's zone changed.
     */
    private boolean isStale(SourceState s) {
        return s.archiveCurrent && (s.windowAnchor == null
                || Duration.between(s.windowAnchor, clock.now()).abs().compareTo(REEXPAND_AFTER) > 0
                || !kiosk.zone().equals(s.expandedZone));
    }

    private boolean reexpandFromArchive(SourceState s) {
        FeedArchive a = archive.get();
        Expanded expanded;
        try {
            expanded = fromArchive(s.id, a);
        } catch (IOException | ExpansionFailure e) {
            LOG.warn("{}: could not re-read the archived copy {} ({})", s.id, a.body(s.id), e.getMessage());
            return false;
        }
        synchronized (s) {
            if (!s.fetchable()) {
                return false;
            }
            store.replace(s.id, expanded.occurrences());
            s.windowAnchor = expanded.windowAnchor();
            s.expandedZone = expanded.zone();
            s.parseErrors = expanded.report().skipped();
            s.warnings = ParseGuesses.of(expanded.report());
        }
        return true;
    }

    private record Expanded(List<Occurrence> occurrences, ParseReport report, ZoneId zone, Instant windowAnchor) {
    }

    private Expanded fromArchive(String id, FeedArchive a) throws IOException, ExpansionFailure {
        RetainedEvents events = new RetainedEvents(maxEvents.getAsInt());
        ParseReport report;
        Instant anchor = clock.now();
        ZoneId zone = kiosk.zone();
        ExpansionWindow window = expander.window(anchor, zone);
        try (InputStream in = a.openBody(id)) {
            report = parser.parse(in, parseOptions(zone), new WindowFilter(window, events));
        } catch (RetainedEvents.TooManyEvents e) {
            throw new IOException(e.getMessage());
        }
        return new Expanded(expand(id, events.list(), window).occurrences(), report, zone, anchor);
    }

    private Expansion expand(String id, List<ParsedEvent> events, ExpansionWindow window) throws ExpansionFailure {
        try {
            return expander.expand(id, events, window).toCompletableFuture()
                    .get(EXPANSION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RejectedExecutionException) {
                throw new ExpansionFailure("the recurrence worker is busy (queue full)");
            }
            throw new ExpansionFailure("expanding recurrences failed: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        } catch (TimeoutException e) {
            throw new ExpansionFailure("no answer from the recurrence worker within "
                    + EXPANSION_WAIT.toMinutes() + " min");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExpansionFailure("interrupted");
        } catch (RejectedExecutionException e) {
            throw new ExpansionFailure("the recurrence worker is busy (queue full)");
        } catch (RuntimeException e) {
            throw new ExpansionFailure("expanding recurrences failed: " + e);
        }
    }

    private ParseOptions parseOptions(ZoneId zone) {
        // the limits are calendarbot.parser's configuration (a Pi keeps shorter descriptions)
        return new ParseOptions(zone, kiosk.meAddress(), ParseOptions.PARSER_SETTING, ParseOptions.PARSER_SETTING);
    }

    private static final class ExpansionFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ExpansionFailure(String message) {
            super(message, null, false, false);
        }
    }

    private static void markAnswered(SourceState s) {
        synchronized (s) {
            s.answered = true;
        }
    }

    /** A bookkeeping time stamp for the log: its time today, else its day and time. */
    private String when(Instant instant) {
        if (instant == null) {
            return "an earlier run";
        }
        ZoneId zone = kiosk.zone();
        LocalDate today = LocalDate.ofInstant(time.instant(), zone);
        return (LocalDate.ofInstant(instant, zone).equals(today) ? TIME : DAY_TIME).format(instant.atZone(zone));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String human(Duration d) {
        long seconds = d.toSeconds();
        return seconds < 120 ? seconds + " s" : Math.round(seconds / 60.0) + " min";
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
