package calendarbot.refresh.internal;

import calendarbot.api.SourceDefinition;
import calendarbot.api.model.RefreshPhases;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.SourceStatus.State;
import calendarbot.api.model.Validators;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Future;

/** Where one source stands. Every field is guarded by the object's own lock. */
final class SourceState {

    final String id;
    /** The id its definition asked for; {@link #id} differs only when another source had it first. */
    final String preferredId;
    SourceDefinition definition;
    SourceSpec spec;
    String problem;

    State state = State.PENDING;
    /** Bookkeeping time stamps (the InstantSource), never the kiosk's clock. */
    Instant lastAttempt;
    Instant lastSuccess;
    Instant nextAttempt;
    /** The failure while FAILING; an archive problem while OK. */
    String error;
    /** The last archive write problem, or null: logged when it changes. */
    String archiveProblem;
    long bytes;
    int parseErrors;
    int failures;

    /** Validators of the archived body, and the URL they were fetched from. */
    Validators validators = Validators.NONE;
    /** {@link FeedKey} of the URL the validators came from. */
    String validatorsKey;
    /** True while the archive file holds the body whose events are shown (so it can be re-expanded). */
    boolean archiveCurrent;
    /** The kiosk's "now" the shown events' window was placed around (kiosk clock), or null: expand again. */
    Instant windowAnchor;
    ZoneId expandedZone;

    boolean archiveLoaded;
    boolean running;
    /** Bookkeeping time {@link #running} was set: a refresh under way or waiting for a worker since then. */
    Instant runningSince;
    /** What the events shown had to be guessed with (an unknown time zone), from the parse that made them. */
    List<String> warnings = List.of();
    /** The phase times of the last successful refresh, or null. */
    RefreshPhases phases;
    /** The running refresh has its answer from the server: a "refresh now" from here on needs a run of its own. */
    boolean answered;
    boolean followUp;
    /** A "refresh now" came after the running fetch was answered: one more run once requests are allowed again. */
    boolean runAfterGap;
    /** The server's Retry-After of the last failure, or null: the next try waits at least that (up to the cap). */
    Duration retryAfter;
    boolean removed;
    Future<?> timer;
    Duration plannedDelay;

    SourceState(String id, String preferredId, SourceDefinition definition, SourceSpec spec, String problem) {
        this.id = id;
        this.preferredId = preferredId;
        this.definition = definition;
        this.spec = spec;
        this.problem = problem;
    }

    boolean fetchable() {
        return !removed && problem == null && spec.enabled() && spec.url() != null;
    }

    /** Conditional-GET validators only for the URL they came from: a new URL is a new feed. */
    Validators validatorsFor(URI url) {
        return url != null && FeedKey.of(url).equals(validatorsKey) ? validators : Validators.NONE;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        nextAttempt = null;
    }

    SourceStatus status(int events) {
        return new SourceStatus(id, spec.name(), spec.colour(), state, lastAttempt, lastSuccess, error, events, bytes,
                parseErrors, nextAttempt, running ? runningSince : null, phases, warnings);
    }
}
