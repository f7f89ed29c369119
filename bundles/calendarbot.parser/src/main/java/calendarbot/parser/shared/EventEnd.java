package calendarbot.parser.shared;

import calendarbot.api.model.EventTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which end an event keeps, decided in one place for both parsers: DTEND over
 * DURATION, a floating DTEND in DTSTART's zone, an all-day DTEND on its start day left out (one day), a DTEND
 * before DTSTART left out; a DURATION that is negative or longer than a year is no length. Reused from event to
 * event: nothing is allocated for an event that needs no repair.
 */
public final class EventEnd {

    /** A DURATION longer than this is a mistake, not a meeting (366 days). */
    public static final long MAX_DURATION_SECONDS = 366L * 86_400;

    private final List<SalvageRule> applied = new ArrayList<>(2);
    private EventTime end;
    private Duration duration;

    /**
     * Decides the end of an event with {@code end} (not null) and maybe {@code duration}.
     *
     * @param startFloating DTSTART had neither TZID nor UTC
     * @param endFloating DTEND had neither TZID nor UTC
     */
    public void decide(EventTime start, boolean startFloating, EventTime end, boolean endFloating, Duration duration) {
        applied.clear();
        this.duration = duration;
        if (duration != null) {
            applied.add(SalvageRule.DTEND_WITH_DURATION);
            this.duration = null; // RFC 5545 forbids both; Outlook shows DTEND
        }
        if (endFloating && !startFloating && !start.date() && !end.date()) {
            // older clients write the end without the start's TZID: it is the start's wall clock, not the kiosk's
            end = new EventTime(end.local(), start.zone(), start.tzid(), false);
            applied.add(SalvageRule.DTEND_FLOATING);
        }
        if (start.date() && end.date() && end.local().equals(start.local())) {
            end = null; // the default length of a date is one day
            applied.add(SalvageRule.ALL_DAY_ZERO_LENGTH);
        } else if ((end.zone() != null && start.zone() != null || start.date() || end.date())
                && endsBeforeStart(start, end)) {
            end = null;
            applied.add(SalvageRule.DTEND_BEFORE_DTSTART);
        }
        this.end = end;
    }

    /** DTEND as decided, or null. */
    public EventTime end() {
        return end;
    }

    /** DURATION as decided, or null. */
    public Duration duration() {
        return duration;
    }

    /** The rules the last decision applied; empty when the end was kept as written. */
    public List<SalvageRule> applied() {
        return applied;
    }

    /** Why a DURATION of {@code seconds} is no length, or null when it is one. */
    public static SalvageRule durationProblem(long seconds) {
        return seconds < 0 ? SalvageRule.DURATION_NEGATIVE
                : seconds > MAX_DURATION_SECONDS ? SalvageRule.DURATION_ABSURD : null;
    }

    /** Both zoned or at least one a date; the instants of zoned times compared, the local values of dates. */
    public static boolean endsBeforeStart(EventTime start, EventTime end) {
        if (start.date() || end.date()) {
            return end.local().isBefore(start.local());
        }
        long s = epochSecond(start);
        long e = epochSecond(end);
        return e < s || e == s && end.local().getNano() < start.local().getNano();
    }

    /**
     * The second {@link EventTime#toInstant(java.time.LocalDateTime, java.time.zone.ZoneRules)} gives, without the
     * Instant and offset list it makes: inlined deep into the parse loop, C2 no longer elided them (80 bytes per event,
     * measured). In a DST gap or overlap the offset before the transition gives RFC 5545's instant, as there.
     */
    private static long epochSecond(EventTime t) {
        return t.local().toEpochSecond(t.zone().getOffset(t.local()));
    }
}
