package calendarbot.rrule.internal;

import calendarbot.api.model.ParsedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The RECURRENCE-ID;RANGE=THISANDFUTURE overrides of one series (RFC 5545 3.8.4.4): each moves its instance and every
 * later instance of the rule by the wall-clock shift from its RECURRENCE-ID to its DTSTART, and gives them its text
 * and length. A second one later in the series names its instance as the first one left it, so the shifts add up
 * along the series. RDATEs are placed by hand and stay where they are. Not thread-safe; one per series.
 */
final class ThisAndFuture {

    private static final long DAY = 86_400;

    private record Future(long ridInstant, long shift, long length, ParsedEvent event, boolean cancelled) {
    }

    private final List<Future> list = new ArrayList<>(0);
    private Future[] futures = new Future[0];
    private long totalShift;
    private long maxLength;

    // the last placed slot
    long startLocal;
    long start;
    long length;
    ParsedEvent event;

    boolean isEmpty() {
        return futures.length == 0;
    }

    /**
     * Adds one override.
     *
     * @param shift wall-clock seconds from its RECURRENCE-ID to its DTSTART (whole days for an all-day series)
     */
    void add(long ridInstant, long shift, long length, ParsedEvent override) {
        list.add(new Future(ridInstant, shift, length, override, "CANCELLED".equals(override.status())));
        totalShift += Math.abs(shift);
        maxLength = Math.max(maxLength, length);
    }

    /** Call after the last {@link #add}. */
    void seal() {
        list.sort(Comparator.comparingLong(Future::ridInstant));
        futures = list.toArray(new Future[0]);
    }

    /** How far the overrides can move an instance, together. */
    long totalShift() {
        return totalShift;
    }

    long maxLength() {
        return maxLength;
    }

    /**
     * Places one instance of the rule, whose original slot is not overridden itself. False when it is dropped: an
     * override names it where an earlier one moved it (that override is shown instead), or a cancelled one covers it.
     * Otherwise {@link #start}, {@link #startLocal}, {@link #length} and {@link #event} say where and what it is.
     */
    boolean place(long slotLocal, long slotInstant, long masterLength, ParsedEvent master, ZoneOffsetConverter offsets,
            boolean allDay, Map<Long, ParsedEvent> overriddenInstants, Map<Long, ParsedEvent> overriddenDays) {
        long local = slotLocal;
        long instant = slotInstant;
        Future applied = null;
        for (Future f : futures) {
            if (f.ridInstant > instant) {
                break;
            }
            applied = f;
            local += f.shift;
            instant = offsets.toEpochSecond(local);
            if (allDay ? overriddenDays.containsKey(Math.floorDiv(local, DAY)) : overriddenInstants.containsKey(instant)) {
                return false; // a later override names the instance where this one moved it
            }
        }
        if (applied == null) {
            startLocal = slotLocal;
            start = slotInstant;
            length = masterLength;
            event = master;
            return true;
        }
        if (applied.cancelled) {
            return false;
        }
        startLocal = local;
        start = instant;
        length = applied.length;
        event = applied.event;
        return true;
    }
}
