package calendarbot.web.internal;

import calendarbot.api.model.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the refresh scheduler is at work, from what it reports of each source: a planned fetch that has not
 * started long after it was due means its timer is wedged; a refresh that has been under way (or waiting for a
 * worker) far longer than any fetch can take means its workers are. systemd's watchdog is renewed only while this
 * holds, so a wedged scheduler gets the kiosk restarted instead of a wall that silently stops changing.
 */
final class RefreshLiveness {

    /** A planned fetch this late has not been started. */
    static final Duration LATE = Duration.ofMinutes(2);
    /** Longer than the fetcher's timeouts with its retries plus the refresh's 5 minutes' wait for the expansion. */
    static final Duration LONGEST_REFRESH = Duration.ofMinutes(15);

    private RefreshLiveness() {
    }

    /** One line per source the scheduler has left behind; empty while it is at work. */
    static List<String> stuck(List<SourceStatus> sources, Instant now) {
        List<String> stuck = new ArrayList<>();
        for (SourceStatus s : sources) {
            if (s.state() == SourceStatus.State.DISABLED) {
                continue;
            }
            if (s.refreshingSince() != null) {
                if (now.isAfter(s.refreshingSince().plus(LONGEST_REFRESH))) {
                    stuck.add(s.id() + ": a refresh started " + minutes(s.refreshingSince(), now)
                            + " min ago has not finished");
                }
            } else if (s.nextAttempt() != null && now.isAfter(s.nextAttempt().plus(LATE))) {
                stuck.add(s.id() + ": the fetch due " + minutes(s.nextAttempt(), now) + " min ago has not started");
            }
        }
        return stuck;
    }

    private static long minutes(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes();
    }
}
