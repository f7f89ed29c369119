package calendarbot.refresh.internal;

import calendarbot.api.SourceDefinition;
import calendarbot.api.Clock;
import calendarbot.api.EventStore;
import calendarbot.api.FeedFetcher;
import calendarbot.api.FeedRefresher;
import calendarbot.api.IcsParser;
import calendarbot.api.KioskSettings;
import calendarbot.api.RecurrenceExpander;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.SourceStatus.State;
import calendarbot.api.model.Validators;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
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
 * Keeps every configured source refreshed: when each one is fetched (interval ± jitter, backoff after failures,
 * "refresh now"), on a small pool of workers, one run per source at a time. What one run does (fetch, parse while
 * archiving, expand, store) is {@link SourceRefresh}'s.
 *
 * <p>Two clocks, never mixed: the kiosk's {@link Clock} places the expansion window (what can be shown, read by
 * {@link SourceRefresh}), the bookkeeping {@link InstantSource} stamps attempts, successes and the next try (what
 * /api/health reports and data age is measured against, in calendarbot.web, with the same source).
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
        String archiveDir() default FeedArchive.DEFAULT_FOLDER;

        @AttributeDefinition(name = "Refresh-now spacing (seconds)",
                description = "A \"refresh now\" (POST /api/refresh, the console) fetches a calendar at most once in "
                        + "this time; requests meanwhile are answered by one fetch when it has passed. Keeps a "
                        + "Google or Microsoft account from being throttled.", min = "0", max = "3600")
        int refreshNowMinSeconds() default 60;

        @AttributeDefinition(name = "Events per calendar",
                description = "A feed with more distinct events (after leaving out single events outside the window "
                        + "and re-sent copies) is refused while it downloads; its last good events stay. Memory is "
                        + "bounded by this, never by a feed.", min = "100", max = "1000000")
        int maxEventsPerSource() default 20_000;
    }


    private static final Logger LOG = LoggerFactory.getLogger(FeedRefreshScheduler.class);

    private final EventStore store;
    /** Bookkeeping: the next attempt (the run stamps the others). */
    private final InstantSource time;
    private final Supplier<Scheduling> schedulingFactory;
    private final Random random;
    private final SourceRegistry sources = new SourceRegistry();
    private final SourceRefresh refresh;

    private volatile RefreshTiming timing;
    private volatile int maxEvents = 20_000;
    private volatile Duration refreshNowGap = Duration.ofSeconds(60);
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
        this.store = store;
        this.time = time;
        this.schedulingFactory = schedulingFactory;
        this.random = random;
        this.refresh = new SourceRefresh(fetcher, parser, expander, store, clock, time, kiosk, () -> active,
                () -> archive, () -> maxEvents, this::nextDelay);
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
        RefreshTiming newTiming = RefreshTiming.ofSeconds(config.intervalSeconds(), config.jitterSeconds(),
                config.maxBackoffSeconds());
        FeedArchive newArchive = new FeedArchive(FeedArchive.folder(config.archiveDir(), frameworkProperty));
        FeedArchive oldArchive = archive;
        timing = newTiming;
        archive = newArchive;
        maxEvents = Math.max(100, config.maxEventsPerSource());
        refreshNowGap = Duration.ofSeconds(Math.max(0, config.refreshNowMinSeconds()));
        if (!active) {
            scheduling = schedulingFactory.get();
            active = true;
            LOG.info("Refreshing calendars every {} s ± {} s (retries from {} s up to {} s); archive in {}",
                    newTiming.interval().toSeconds(), newTiming.jitter().toSeconds(),
                    RefreshTiming.FIRST_RETRY.toSeconds(), newTiming.maxBackoff().toSeconds(),
                    newArchive.dir().toAbsolutePath());
            for (SourceState s : sources.all()) {
                start(s);
            }
            return;
        }
        LOG.info("Refresh settings changed: every {} s ± {} s, retries up to {} s; archive in {}",
                newTiming.interval().toSeconds(), newTiming.jitter().toSeconds(), newTiming.maxBackoff().toSeconds(),
                newArchive.dir().toAbsolutePath());
        boolean movedArchive = oldArchive != null && !oldArchive.dir().equals(newArchive.dir());
        Instant now = time.instant();
        for (SourceState s : sources.all()) {
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
        for (SourceState s : sources.all()) {
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
        SourceState s = sources.add(definition);
        if (s == null) {
            return;
        }
        if (!s.id.equals(s.preferredId)) {
            LOG.warn("{}: another source already has the id '{}'; this one ({}) uses '{}' (give it its own name)",
                    s.id, s.preferredId, definition.configName(), s.id);
        }
        if (active) {
            LOG.info("{}: new source \"{}\" ({})", s.id, s.spec.name(), SourceSpec.shown(s.spec.url()));
            start(s);
        }
    }

    void updatedSource(SourceDefinition definition) {
        SourceState s = sources.get(definition);
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
            SourceSpec newSpec = SourceRegistry.withId(spec, s.id);
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
        SourceState s = sources.remove(definition);
        if (s == null) {
            return;
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
        for (SourceState s : sources.all()) {
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
            for (SourceState s : sources.all()) {
                submit(s, false, true);
            }
            return true;
        }
        SourceState s = sources.get(sourceId);
        if (s == null) {
            return false;
        }
        LOG.info("{}: refresh requested", s.id);
        return submit(s, false, true);
    }

    // ---------------------------------------------------------------- scheduling

    private void start(SourceState s) {
        synchronized (s) {
            if (s.removed) {
                return;
            }
            // disabled first: "enabled = false" in a file of the profile's demo's name needs no URL to be clean
            if (!s.spec.enabled()) {
                s.cancelTimer();
                s.state = State.DISABLED;
                s.error = null;
                store.remove(s.id);
                LOG.info("{}: disabled; not fetched and not shown", s.id);
                return;
            }
            if (s.problem != null || s.spec.url() == null) {
                s.cancelTimer();
                s.state = State.FAILING;
                s.error = s.problem != null ? s.problem : "no feed URL configured";
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
                s.followUp |= followUp;
                s.runAfterGap |= requested && s.answered;
                return true;
            }
            if (requested) {
                Duration wait = untilRequestsAllowed(s);
                if (!wait.isZero()) {
                    // coalesced: the requests of the gap make one fetch, when it has passed
                    if (s.nextAttempt == null || s.nextAttempt.isAfter(time.instant().plus(wait))) {
                        schedule(s, wait);
                    }
                    return true;
                }
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
                    LOG.warn("{}: refresh workers are busy; trying again in {} s", s.id,
                            RefreshTiming.FIRST_RETRY.toSeconds());
                    schedule(s, RefreshTiming.FIRST_RETRY);
                }
            }
        }
        return true;
    }

    private void run(SourceState s) {
        FeedArchive a = archive;
        boolean began = false;
        try {
            boolean loadArchive;
            synchronized (s) {
                loadArchive = !s.archiveLoaded;
                s.archiveLoaded = true;
            }
            if (loadArchive) {
                refresh.loadArchive(s);
                int unfinished = a.unfinishedRuns(s.id);
                if (unfinished > 0) {
                    refresh.recordUnfinished(s, unfinished);
                    return;
                }
            }
            if (active) {
                a.markUnfinished(s.id);
                began = true;
                refresh.refresh(s);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: refresh failed unexpectedly", s.id, e);
            refresh.recordFailure(s, "internal error: " + e, "refresh failed");
        } finally {
            // an OutOfMemoryError exits the JVM before this (ExitOnOutOfMemoryError): the mark stays for the next start
            if (began) {
                a.clearUnfinished(s.id);
            }
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
            if (s.followUp || s.runAfterGap && untilRequestsAllowed(s).isZero()) {
                s.followUp = false;
                s.runAfterGap = false;
                again = true;
            } else {
                Duration next = s.plannedDelay != null ? s.plannedDelay : nextDelay(s);
                if (s.runAfterGap) {
                    s.runAfterGap = false;
                    Duration gap = untilRequestsAllowed(s);
                    next = gap.compareTo(next) < 0 ? gap : next;
                }
                schedule(s, next);
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

    /** Caller holds the lock of {@code s}. */
    private Duration nextDelay(SourceState s) {
        return timing.nextDelay(s.failures, s.retryAfter, random);
    }

    /** Caller holds the lock: how long until a "refresh now" may fetch this source again (bookkeeping time). */
    private Duration untilRequestsAllowed(SourceState s) {
        if (s.lastAttempt == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(time.instant(), s.lastAttempt.plus(refreshNowGap));
        return left.isNegative() ? Duration.ZERO : left;
    }

    // ---------------------------------------------------------------- small things

    private static boolean stopping(Bundle b) {
        return b != null && b.getState() == Bundle.STOPPING;
    }

    private boolean isFetchable(SourceState s) {
        synchronized (s) {
            return s.fetchable();
        }
    }
}
