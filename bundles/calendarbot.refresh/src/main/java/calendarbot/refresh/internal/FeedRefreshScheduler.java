package calendarbot.refresh.internal;

import calendarbot.api.Clock;
import calendarbot.api.EventStore;
import calendarbot.api.FeedFetcher;
import calendarbot.api.FeedRefresher;
import calendarbot.api.IcsParser;
import calendarbot.api.KioskSettings;
import calendarbot.api.RecurrenceExpander;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.FeedBody;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RefreshPhases;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.SourceStatus.State;
import calendarbot.api.model.Validators;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every configured source refreshed: fetch (conditional), parse while copying the body to the archive,
 * expand, replace the source's snapshot in the store. A source that fails keeps its last good events; a restart
 * shows the archived events before the network answers.
 *
 * <p>Two clocks, never mixed: the kiosk's {@link Clock} places the expansion window (what can be shown), the
 * bookkeeping {@link InstantSource} stamps attempts, successes and the next try (what /api/health reports and
 * data age is measured against, in calendarbot.web, with the same source).
 */
// immediate: a delayed component would only start refreshing once someone asked for the FeedRefresher service
@Component(service = FeedRefresher.class, configurationPid = "calendarbot.refresh", immediate = true)
@Designate(ocd = FeedRefreshScheduler.Config.class)
public final class FeedRefreshScheduler implements FeedRefresher {

    @ObjectClassDefinition(name = "CalendarBot refresh",
            description = "How often each calendar source is fetched, how failures back off, and where the last "
                    + "good copy of each feed is kept.")
    public @interface Config {

        @AttributeDefinition(name = "Refresh interval (seconds)",
                description = "Time between two fetches of a source that answers. Unchanged feeds cost one "
                        + "conditional request (304).", min = "30", max = "86400")
        int intervalSeconds() default 300;

        @AttributeDefinition(name = "Jitter (seconds)",
                description = "Each interval is moved by a random amount up to this, so sources do not fetch in "
                        + "lockstep. At most half the interval.", min = "0", max = "3600")
        int jitterSeconds() default 30;

        @AttributeDefinition(name = "Longest retry delay (seconds)",
                description = "After a failure the next try comes in 30 s, then 60 s, 120 s... up to this.",
                min = "30", max = "86400")
        int maxBackoffSeconds() default 1800;

        @AttributeDefinition(name = "Archive folder",
                description = "Where the last good copy of each feed (<id>.ics) and its validators (<id>.meta) "
                        + "are kept. ${calendarbot.data} is the framework property calendarbot.data (./data "
                        + "when unset).")
        String archiveDir() default DEFAULT_ARCHIVE_DIR;
    }

    static final String DEFAULT_ARCHIVE_DIR = "${calendarbot.data}/feeds";
    static final String DATA_PROPERTY = "calendarbot.data";
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    /** Re-expand a feed that did not change once the window has moved this far (all-day events, the past edge). */
    static final Duration REEXPAND_AFTER = Duration.ofHours(6);
    static final Duration EXPANSION_WAIT = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(FeedRefreshScheduler.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    record Timing(Duration interval, Duration jitter, Duration maxBackoff) {
    }

    private final FeedFetcher fetcher;
    private final IcsParser parser;
    private final RecurrenceExpander expander;
    private final EventStore store;
    /** The kiosk's "now": where the window of events lies. */
    private final Clock clock;
    /** Bookkeeping: last attempt, last success, next attempt, the archive's time stamp. */
    private final InstantSource time;
    private final KioskSettings kiosk;
    private final Supplier<Scheduling> schedulingFactory;
    private final Random random;

    private final Object sourcesLock = new Object();
    private final Map<SourceDefinition, SourceState> byDefinition = new IdentityHashMap<>();
    private final Map<String, SourceState> byId = new HashMap<>();

    private volatile Timing timing;
    private volatile FeedArchive archive;
    private volatile Scheduling scheduling;
    private volatile boolean active;
    private volatile Bundle bundle;
    private volatile Bundle framework;

    @Activate
    public FeedRefreshScheduler(@Reference(name = "fetcher") FeedFetcher fetcher,
            @Reference(name = "parser") IcsParser parser, @Reference(name = "expander") RecurrenceExpander expander,
            @Reference(name = "store") EventStore store, @Reference(name = "clock") Clock clock,
            @Reference(name = "time") InstantSource time, @Reference(name = "kiosk") KioskSettings kiosk) {
        this(fetcher, parser, expander, store, clock, time, kiosk, ThreadScheduling::new, new Random());
    }

    FeedRefreshScheduler(FeedFetcher fetcher, IcsParser parser, RecurrenceExpander expander, EventStore store,
            Clock clock, InstantSource time, KioskSettings kiosk, Supplier<Scheduling> schedulingFactory,
            Random random) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.expander = expander;
        this.store = store;
        this.clock = clock;
        this.time = time;
        this.kiosk = kiosk;
        this.schedulingFactory = schedulingFactory;
        this.random = random;
    }

    @Activate
    @Modified
    void activate(BundleContext context, Config config) {
        bundle = context.getBundle();
        framework = context.getBundle(0);
        configure(config, context::getProperty);
    }

    /** Applies the configuration; the first call starts every known source. */
    void configure(Config config, UnaryOperator<String> frameworkProperty) {
        Timing newTiming = new Timing(Duration.ofSeconds(clamp(config.intervalSeconds(), 30, 86_400)),
                Duration.ofSeconds(clamp(config.jitterSeconds(), 0, clamp(config.intervalSeconds(), 30, 86_400) / 2)),
                Duration.ofSeconds(clamp(config.maxBackoffSeconds(), 30, 86_400)));
        FeedArchive newArchive = new FeedArchive(archiveDir(config.archiveDir(), frameworkProperty));
        FeedArchive oldArchive = archive;
        timing = newTiming;
        archive = newArchive;
        if (!active) {
            scheduling = schedulingFactory.get();
            active = true;
            LOG.info("Refreshing calendars every {} s ± {} s (retries from {} s up to {} s); archive in {}",
                    newTiming.interval().toSeconds(), newTiming.jitter().toSeconds(), FIRST_RETRY.toSeconds(),
                    newTiming.maxBackoff().toSeconds(), newArchive.dir().toAbsolutePath());
            for (SourceState s : sources()) {
                start(s);
            }
            return;
        }
        LOG.info("Refresh settings changed: every {} s ± {} s, retries up to {} s; archive in {}",
                newTiming.interval().toSeconds(), newTiming.jitter().toSeconds(), newTiming.maxBackoff().toSeconds(),
                newArchive.dir().toAbsolutePath());
        boolean movedArchive = oldArchive != null && !oldArchive.dir().equals(newArchive.dir());
        Instant now = time.instant();
        for (SourceState s : sources()) {
            synchronized (s) {
                if (movedArchive) {
                    // the new folder holds no body for the old validators: fetch in full once to fill it
                    s.validators = Validators.NONE;
                    s.archiveCurrent = false;
                }
                // a shorter interval applies now, not after the wait planned under the old one
                if (s.timer != null && s.failures == 0 && s.nextAttempt != null
                        && s.nextAttempt.isAfter(now.plus(newTiming.interval()).plus(newTiming.jitter()))) {
                    schedule(s, nextDelay(s));
                }
            }
        }
    }

    @Deactivate
    void deactivate() {
        active = false;
        for (SourceState s : sources()) {
            synchronized (s) {
                s.cancelTimer();
            }
        }
        Scheduling old = scheduling;
        scheduling = null;
        if (old != null) {
            old.shutdownNow();
        }
    }

    @Reference(name = "sources", service = SourceDefinition.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindSource", updated = "updatedSource")
    void bindSource(SourceDefinition definition) {
        SourceState s;
        synchronized (sourcesLock) {
            if (byDefinition.containsKey(definition)) {
                return;
            }
            SourceSpec spec = definition.spec();
            String id = uniqueId(spec.id(), definition.configName());
            if (!id.equals(spec.id())) {
                LOG.warn("{}: another source already has the id '{}'; this one ({}) uses '{}' (give it its own name)",
                        id, spec.id(), definition.configName(), id);
            }
            s = new SourceState(id, spec.id(), definition, withId(spec, id), definition.problem());
            byDefinition.put(definition, s);
            byId.put(id, s);
        }
        if (active) {
            LOG.info("{}: new source \"{}\" ({})", s.id, s.spec.name(), where(s.spec.url()));
            start(s);
        }
    }

    void updatedSource(SourceDefinition definition) {
        SourceState s;
        synchronized (sourcesLock) {
            s = byDefinition.get(definition);
        }
        if (s == null) {
            bindSource(definition);
            return;
        }
        SourceSpec spec = definition.spec();
        if (!spec.id().equals(s.preferredId)) {
            // renamed: the id names the archive, so this is another source now
            LOG.info("{}: renamed to \"{}\", now source '{}'", s.id, spec.name(), spec.id());
            unbindSource(definition);
            bindSource(definition);
            return;
        }
        boolean changed;
        boolean wasFetchable;
        synchronized (s) {
            SourceSpec newSpec = withId(spec, s.id);
            changed = !newSpec.equals(s.spec) || !Objects.equals(definition.problem(), s.problem);
            wasFetchable = s.fetchable();
            s.definition = definition;
            s.spec = newSpec;
            s.problem = definition.problem();
            if (changed && !wasFetchable && s.fetchable()) {
                // coming back from disabled (or a bad URL): the store was emptied, show the archive again first
                s.archiveLoaded = false;
                s.state = State.PENDING;
                s.error = null;
                s.failures = 0;
            }
        }
        if (!changed || !active) {
            return;
        }
        LOG.info("{}: configuration changed, fetching again", s.id);
        if (wasFetchable && isFetchable(s)) {
            submit(s, true);
        } else {
            start(s);
        }
    }

    void unbindSource(SourceDefinition definition) {
        SourceState s;
        synchronized (sourcesLock) {
            s = byDefinition.remove(definition);
            if (s == null) {
                return;
            }
            byId.remove(s.id);
        }
        // SCR unbinds every source after deactivation, the sources go first when this bundle stops, and at
        // shutdown SCR may stop before this bundle: none of that is the owner removing a calendar
        boolean removedByOwner = active && !stopping(bundle) && !stopping(framework);
        synchronized (s) {
            s.removed = true;
            s.cancelTimer();
            if (removedByOwner) {
                store.remove(s.id);
            }
        }
        if (removedByOwner) {
            LOG.info("{}: source removed; its events are no longer shown", s.id);
        }
    }

    @Override
    public List<SourceStatus> status() {
        List<SourceStatus> out = new ArrayList<>();
        for (SourceState s : sources()) {
            synchronized (s) {
                out.add(s.status(store.size(s.id)));
            }
        }
        out.sort(Comparator.comparing((SourceStatus st) -> st.name() == null ? "" : st.name(),
                String.CASE_INSENSITIVE_ORDER).thenComparing(SourceStatus::id));
        return out;
    }

    @Override
    public boolean refreshNow(String sourceId) {
        if (!active) {
            return false;
        }
        if (sourceId == null) {
            LOG.info("Refresh of every source requested");
            for (SourceState s : sources()) {
                submit(s, false, true);
            }
            return true;
        }
        SourceState s;
        synchronized (sourcesLock) {
            s = byId.get(sourceId);
        }
        if (s == null) {
            return false;
        }
        LOG.info("{}: refresh requested", s.id);
        return submit(s, false, true);
    }

    private static void markAnswered(SourceState s) {
        synchronized (s) {
            s.answered = true;
        }
    }

    // ---------------------------------------------------------------- scheduling

    private void start(SourceState s) {
        synchronized (s) {
            if (s.removed) {
                return;
            }
            if (s.problem != null || s.spec.url() == null) {
                s.cancelTimer();
                s.state = State.FAILING;
                s.error = s.problem != null ? s.problem : "no feed URL configured";
                return;
            }
            if (!s.spec.enabled()) {
                s.cancelTimer();
                s.state = State.DISABLED;
                s.error = null;
                store.remove(s.id);
                LOG.info("{}: disabled; not fetched and not shown", s.id);
                return;
            }
        }
        submit(s, true);
    }

    /**
     * Hands a refresh of {@code s} to a worker now. While one runs, the request is coalesced into it, or, with
     * {@code followUp} (the configuration changed under it), into one more run right after it.
     */
    private boolean submit(SourceState s, boolean followUp) {
        return submit(s, followUp, false);
    }

    /**
     * @param requested a "refresh now": joins a running refresh only while that one still waits for the server;
     *     once the server has answered, one more run follows (several such requests still make one run)
     */
    private boolean submit(SourceState s, boolean followUp, boolean requested) {
        Scheduling workers = scheduling;
        if (!active || workers == null) {
            return false;
        }
        synchronized (s) {
            if (!s.fetchable()) {
                return false;
            }
            if (s.running) {
                s.followUp |= followUp || (requested && s.answered);
                return true;
            }
            s.cancelTimer();
            s.running = true;
            s.runningSince = time.instant();
            s.answered = false;
            s.plannedDelay = null;
        }
        try {
            workers.execute(() -> run(s));
        } catch (RejectedExecutionException e) {
            synchronized (s) {
                s.running = false;
                if (active) {
                    LOG.warn("{}: refresh workers are busy; trying again in {} s", s.id, FIRST_RETRY.toSeconds());
                    schedule(s, FIRST_RETRY);
                }
            }
        }
        return true;
    }

    private void run(SourceState s) {
        try {
            boolean loadArchive;
            synchronized (s) {
                loadArchive = !s.archiveLoaded;
                s.archiveLoaded = true;
            }
            if (loadArchive) {
                loadArchive(s);
            }
            if (active) {
                refresh(s);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: refresh failed unexpectedly", s.id, e);
            recordFailure(s, "internal error: " + e, "refresh failed");
        } finally {
            finish(s);
        }
    }

    private void finish(SourceState s) {
        boolean again = false;
        synchronized (s) {
            s.running = false;
            if (!active || !s.fetchable()) {
                return;
            }
            if (s.followUp) {
                s.followUp = false;
                again = true;
            } else {
                schedule(s, s.plannedDelay != null ? s.plannedDelay : nextDelay(s));
            }
        }
        if (again) {
            submit(s, false);
        }
    }

    /** Caller holds the lock of {@code s}. */
    private void schedule(SourceState s, Duration delay) {
        Scheduling timer = scheduling;
        s.cancelTimer();
        if (timer == null) {
            return;
        }
        try {
            s.timer = timer.schedule(() -> submit(s, false), delay.toMillis());
            s.nextAttempt = time.instant().plus(delay);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Caller holds the lock of {@code s}: interval ± jitter, or after failures 30 s doubling up to the cap. */
    private Duration nextDelay(SourceState s) {
        Timing t = timing;
        if (s.failures > 0) {
            long factor = 1L << Math.min(s.failures - 1, 20);
            Duration backoff = FIRST_RETRY.multipliedBy(factor);
            return backoff.compareTo(t.maxBackoff()) > 0 ? t.maxBackoff() : backoff;
        }
        long jitterMillis = t.jitter().toMillis();
        long offset = jitterMillis == 0 ? 0 : random.nextLong(2 * jitterMillis + 1) - jitterMillis;
        return t.interval().plusMillis(offset);
    }

    // ---------------------------------------------------------------- the pipeline

    /** Shows the archived copy (if any) before the first fetch, and takes its validators for that fetch. */
    private void loadArchive(SourceState s) {
        FeedArchive a = archive;
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
            if (meta != null) {
                s.validators = meta.validators();
                s.validatorsUrl = meta.url();
            }
            s.archiveCurrent = true;
            s.windowAnchor = expanded.windowAnchor();
            s.expandedZone = expanded.zone();
            when = s.lastSuccess;
        }
        LOG.info("{}: showing {} from the archived copy of {} until the feed answers", s.id,
                count(expanded.occurrences().size(), "event"), when(when));
    }

    private void refresh(SourceState s) {
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
        FeedArchive a = archive;
        // one window for the parse filter and the expansion, placed once per run
        Download download = new Download(clock.now(), kiosk.zone());
        FetchOutcome outcome;
        try {
            outcome = fetcher.fetch(spec, previous, body -> {
                markAnswered(s);
                read(s.id, body, a, download);
            });
            markAnswered(s);
        } catch (FetchException e) {
            markAnswered(s);
            download.discard();
            if (!active) {
                return; // interrupted by deactivation
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
        Validators kept = Validators.NONE;
        String archiveProblem = null;
        boolean archived = false;
        IOException archiveFailure = download.writer == null ? download.openFailure : download.writer.commit();
        if (archiveFailure != null) {
            archiveProblem = "archive not written in " + a.dir() + " (" + FailureText.ofArchive(archiveFailure, a.dir())
                    + ")";
        } else {
            archived = true;
            // Only validators whose body is on disk: after a restart a 304 must have a body to re-read.
            kept = outcome.validators() == null ? Validators.NONE : outcome.validators();
            try {
                // after the body: a crash between the two leaves old validators with a new body, which costs one
                // full download; the other order could answer 304 for a body that was never archived
                a.writeMeta(s.id, new FeedArchive.Meta(kept, spec.url(), now, bytes));
            } catch (IOException e) {
                archiveProblem = "validators not saved in " + a.meta(s.id) + " (" + FailureText.ofArchive(e, a.dir())
                        + ")";
            }
        }
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
            expansion = expand(s.id, download.events, download.window);
        } catch (ExpansionFailure e) {
            synchronized (s) {
                // the archive holds the new body: a later 304 re-reads it instead of keeping stale events
                s.validators = kept;
                s.validatorsUrl = spec.url();
                s.archiveCurrent = archived;
                s.windowAnchor = null;
            }
            if (active) {
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
            s.failures = 0;
            s.validators = kept;
            s.validatorsUrl = spec.url();
            s.archiveCurrent = archived;
            s.windowAnchor = download.anchor;
            s.expandedZone = download.zone;
            s.plannedDelay = nextDelay(s);
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

    /** Parses the body while the tee copies it to the archive; called again if the fetcher retries. */
    private void read(String id, FeedBody body, FeedArchive a, Download download) throws IOException {
        download.discard();
        download.clear();
        try {
            download.writer = a.begin(id);
        } catch (IOException e) {
            download.openFailure = e;
        }
        ArchiveTee tee = new ArchiveTee(body.stream(), download.writer);
        try {
            download.report = parser.parse(tee, parseOptions(download.zone),
                    new WindowFilter(download.window, download.events::add));
            download.bytes = tee.bytes();
        } catch (IOException e) {
            download.failure = e;
            download.streamFailed = tee.streamFailure() != null;
            throw e;
        } catch (RuntimeException e) {
            download.failure = new IOException(e.toString(), e);
            throw download.failure;
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
            s.lastSuccess = now;
            s.plannedDelay = nextDelay(s);
        }
        LOG.atInfo().addKeyValue("source", s.id).addKeyValue("outcome", "not_modified")
                .log("{}: 304 Not Modified, keeping {}{}", s.id, count(store.size(s.id), "event"), note);
    }

    private void recordBodyFailure(SourceState s, Download download) {
        recordFailure(s, FailureText.ofBody(download.failure, download.streamFailed),
                download.streamFailed ? "fetch failed" : "feed rejected");
    }

    private void recordFailure(SourceState s, String text, String what) {
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
            next = nextDelay(s);
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
        FeedArchive a = archive;
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
        }
        return true;
    }

    private record Expanded(List<Occurrence> occurrences, ParseReport report, ZoneId zone, Instant windowAnchor) {
    }

    private Expanded fromArchive(String id, FeedArchive a) throws IOException, ExpansionFailure {
        List<ParsedEvent> events = new ArrayList<>();
        ParseReport report;
        Instant anchor = clock.now();
        ZoneId zone = kiosk.zone();
        ExpansionWindow window = expander.window(anchor, zone);
        try (InputStream in = a.openBody(id)) {
            report = parser.parse(in, parseOptions(zone), new WindowFilter(window, events::add));
        }
        return new Expanded(expand(id, events, window).occurrences(), report, zone, anchor);
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
            throw new ExpansionFailure("expanding recurrences failed: " + cause);
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

    /** One body being read: what the parser made of it and its copy on the way to the archive. */
    private final class Download {
        /** The kiosk's "now" and zone the window is placed with, for the parse filter and the expansion alike. */
        final Instant anchor;
        final ZoneId zone;
        final ExpansionWindow window;
        final List<ParsedEvent> events = new ArrayList<>();
        ParseReport report;
        ArchiveWriter writer;
        IOException openFailure;
        IOException failure;
        boolean streamFailed;
        long bytes;

        Download(Instant anchor, ZoneId zone) {
            this.anchor = anchor;
            this.zone = zone;
            this.window = expander.window(anchor, zone);
        }

        void discard() {
            if (writer != null) {
                writer.discard();
                writer = null;
            }
        }

        void clear() {
            events.clear();
            report = null;
            openFailure = null;
            failure = null;
            streamFailed = false;
            bytes = 0;
        }
    }

    private static final class ExpansionFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ExpansionFailure(String message) {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------- small things

    private static boolean stopping(Bundle b) {
        return b != null && b.getState() == Bundle.STOPPING;
    }

    private List<SourceState> sources() {
        synchronized (sourcesLock) {
            return new ArrayList<>(byId.values());
        }
    }

    private boolean isFetchable(SourceState s) {
        synchronized (s) {
            return s.fetchable();
        }
    }

    /** Caller holds sourcesLock. */
    private String uniqueId(String preferred, String configName) {
        if (!byId.containsKey(preferred)) {
            return preferred;
        }
        String base = preferred + "-" + CalendarSourceConfig.slug(configName);
        String id = base;
        for (int n = 2; byId.containsKey(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static SourceSpec withId(SourceSpec spec, String id) {
        return spec.id().equals(id) ? spec
                : new SourceSpec(id, spec.name(), spec.url(), spec.colour(), spec.enabled(), spec.auth(),
                        spec.headers());
    }

    static Path archiveDir(String configured, UnaryOperator<String> frameworkProperty) {
        String value = configured == null || configured.isBlank() ? DEFAULT_ARCHIVE_DIR : configured.trim();
        String token = "${" + DATA_PROPERTY + "}";
        if (value.contains(token)) {
            String data = frameworkProperty.apply(DATA_PROPERTY);
            value = value.replace(token, data == null || data.isBlank() ? "./data" : data.trim());
        }
        return Path.of(value);
    }

    /** Scheme and host only: the rest of a published calendar's URL is its secret. */
    private static String where(URI url) {
        if (url == null) {
            return "no URL";
        }
        return url.getHost() == null ? url.getScheme() + ":…" : url.getScheme() + "://" + url.getHost() + "/…";
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

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
