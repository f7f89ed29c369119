package calendarbot.refresh.internal;

import calendarbot.api.model.ParsedEvent;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parsed events of one body that are kept for expansion, bounded by configuration rather than by the feed: one
 * per UID and RECURRENCE-ID as they arrive (a re-sent invitation replaces the one before it: the higher SEQUENCE
 * wins, then the later in the feed), and at most {@code bound} of them. A body with more is refused while it is
 * still being read, so an endless or enormous feed never fills the heap; its source keeps its last good events.
 */
final class RetainedEvents implements Consumer<ParsedEvent> {

    /** A body with more distinct events than the bound. */
    static final class TooManyEvents extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyEvents(int bound) {
            super("more than " + bound + " events (calendarbot.refresh maxEventsPerSource)", null, false, false);
        }
    }

    /** UID and RECURRENCE-ID (as an instant; none for masters and single events). */
    private record Key(String uid, long recurrenceId) {
    }

    private final int bound;
    private final Map<Key, ParsedEvent> events = new LinkedHashMap<>();
    private int replaced;

    RetainedEvents(int bound) {
        this.bound = bound;
    }

    @Override
    public void accept(ParsedEvent e) {
        Key key = new Key(e.uid(), recurrenceId(e));
        ParsedEvent earlier = events.get(key);
        if (earlier != null) {
            replaced++;
            if (e.sequence() >= earlier.sequence()) {
                events.put(key, e);
            }
            return;
        }
        if (events.size() >= bound) {
            throw new TooManyEvents(bound);
        }
        events.put(key, e);
    }

    /** The kept events, in the order they first arrived. */
    List<ParsedEvent> list() {
        return new ArrayList<>(events.values());
    }

    /** Events that had the UID and RECURRENCE-ID of one before them. */
    int replaced() {
        return replaced;
    }

    void clear() {
        events.clear();
        replaced = 0;
    }

    private static long recurrenceId(ParsedEvent e) {
        if (e.recurrenceId() == null) {
            return Long.MIN_VALUE;
        }
        try {
            return e.recurrenceId().toEpochSecond(ZoneOffset.UTC);
        } catch (RuntimeException unusual) {
            return e.recurrenceId().local() == null ? Long.MIN_VALUE + 1 : e.recurrenceId().local().hashCode();
        }
    }
}
