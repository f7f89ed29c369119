package calendarbot.cache.internal;

import calendarbot.api.EventStore;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's occurrences: one immutable {@link Snapshot} per source, all of them behind one volatile
 * reference that a refresh replaces as a whole, so a reader sees every source either before or after it.
 * Queries walk the sources' sorted arrays side by side (binary search, then a merge) without copying them.
 */
@Component(service = EventStore.class, configurationPid = "calendarbot.cache")
@Designate(ocd = SnapshotEventStore.Config.class)
public class SnapshotEventStore implements EventStore {

    @ObjectClassDefinition(name = "CalendarBot event store",
            description = "Keeps the occurrences of every calendar in memory for the kiosk and the API.")
    public @interface Config {
        @AttributeDefinition(name = "Occurrences per calendar",
                description = "Most occurrences kept of one calendar; the earliest are kept when a feed has more.",
                min = "100", max = "1000000")
        int maxOccurrencesPerSource() default 20_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotEventStore.class);

    /** Everything a reader needs, immutable; sources sorted by id, which decides who wins a duplicate. */
    private record State(Snapshot[] sources, long generation) {
    }

    /** Order inside a snapshot and among occurrences of the same start. */
    static final Comparator<Occurrence> ORDER = Comparator.comparingLong(Occurrence::start)
            .thenComparingLong(Occurrence::end)
            .thenComparing(o -> o.event().uid())
            .thenComparingLong(Occurrence::originalStart);

    private volatile State state = new State(new Snapshot[0], 0);
    private volatile int maxPerSource = 20_000;

    /** Public for the benchmark harness, which measures the store without a framework. */
    @Activate
    @Modified
    public void configure(Config config) {
        maxPerSource = Math.max(1, config.maxOccurrencesPerSource());
        LOG.info("event store keeps at most {} occurrences per calendar", maxPerSource);
    }

    @Override
    public void replace(String sourceId, List<Occurrence> occurrences) {
        Snapshot next = snapshotOf(sourceId, occurrences == null ? List.of() : occurrences, maxPerSource);
        synchronized (this) {
            State s = state;
            Snapshot[] sources = s.sources();
            int at = indexOf(sources, sourceId);
            Snapshot[] updated;
            if (at >= 0) {
                updated = sources.clone();
                updated[at] = next;
            } else {
                int insert = -at - 1;
                updated = new Snapshot[sources.length + 1];
                System.arraycopy(sources, 0, updated, 0, insert);
                updated[insert] = next;
                System.arraycopy(sources, insert, updated, insert + 1, sources.length - insert);
            }
            state = new State(updated, s.generation() + 1);
        }
    }

    @Override
    public void remove(String sourceId) {
        synchronized (this) {
            State s = state;
            int at = indexOf(s.sources(), sourceId);
            Snapshot[] updated = s.sources();
            if (at >= 0) {
                updated = new Snapshot[updated.length - 1];
                System.arraycopy(s.sources(), 0, updated, 0, at);
                System.arraycopy(s.sources(), at + 1, updated, at, updated.length - at);
                LOG.info("{}: removed from the kiosk", sourceId);
            }
            state = new State(updated, s.generation() + 1);
        }
    }

    @Override
    public List<Occurrence> range(long from, long to) {
        Snapshot[] sources = state.sources();
        int[] lo = new int[sources.length], hi = new int[sources.length];
        for (int s = 0; s < sources.length; s++) {
            Snapshot snap = sources[s];
            lo[s] = Math.min(snap.firstThatMayEndAfter(from), snap.firstStartingAtOrAfter(from));
            hi[s] = snap.firstStartingAtOrAfter(to);
        }
        // overlapping [from, to); a meeting of no length counts when it starts inside
        return merge(sources, lo, hi, (snap, i) -> snap.end(i) > from || snap.start(i) >= from, null,
                Integer.MAX_VALUE);
    }

    @Override
    public List<Occurrence> startingFrom(long t, int limit, Predicate<Occurrence> filter) {
        if (limit <= 0) {
            return List.of();
        }
        Snapshot[] sources = state.sources();
        int[] lo = new int[sources.length], hi = new int[sources.length];
        for (int s = 0; s < sources.length; s++) {
            lo[s] = sources[s].firstStartingAtOrAfter(t);
            hi[s] = sources[s].size;
        }
        return merge(sources, lo, hi, null, filter, limit);
    }

    @Override
    public List<Occurrence> inProgress(long t) {
        Snapshot[] sources = state.sources();
        int[] lo = new int[sources.length], hi = new int[sources.length];
        for (int s = 0; s < sources.length; s++) {
            lo[s] = sources[s].firstThatMayEndAfter(t);
            hi[s] = sources[s].firstStartingAfter(t);
        }
        return merge(sources, lo, hi, (snap, i) -> snap.end(i) > t, null, Integer.MAX_VALUE);
    }

    @Override
    public int size(String sourceId) {
        Snapshot[] sources = state.sources();
        int at = indexOf(sources, sourceId);
        return at >= 0 ? sources[at].size : 0;
    }

    @Override
    public long generation() {
        return state.generation();
    }

    private interface Position {
        boolean test(Snapshot snapshot, int index);
    }

    /**
     * Walks the sources' ranges [lo, hi) in start order. All entries of one start are taken together so that
     * the same meeting (UID and start) in two calendars is kept once, from the calendar whose id sorts first;
     * the group is then ordered by end, UID and original start.
     */
    private static List<Occurrence> merge(Snapshot[] sources, int[] lo, int[] hi, Position position,
            Predicate<Occurrence> filter, int limit) {
        List<Occurrence> out = new ArrayList<>();
        List<Occurrence> group = new ArrayList<>();
        int[] at = lo.clone();
        while (out.size() < limit) {
            long start = Long.MAX_VALUE;
            for (int s = 0; s < sources.length; s++) {
                while (at[s] < hi[s] && position != null && !position.test(sources[s], at[s])) {
                    at[s]++;
                }
                if (at[s] < hi[s]) {
                    start = Math.min(start, sources[s].start(at[s]));
                }
            }
            if (start == Long.MAX_VALUE) {
                break;
            }
            group.clear();
            for (int s = 0; s < sources.length; s++) {
                Snapshot snap = sources[s];
                int firstOfSource = group.size();
                for (; at[s] < hi[s] && snap.start(at[s]) == start; at[s]++) {
                    if (position != null && !position.test(snap, at[s])) {
                        continue;
                    }
                    if (!shownByEarlierSource(group, firstOfSource, snap.event(at[s]).uid())) {
                        group.add(snap.occurrence(at[s]));
                    }
                }
            }
            if (group.size() > 1) {
                group.sort(ORDER);
            }
            for (Occurrence o : group) {
                if (out.size() < limit && (filter == null || filter.test(o))) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private static boolean shownByEarlierSource(List<Occurrence> group, int firstOfThisSource, String uid) {
        for (int i = 0; i < firstOfThisSource; i++) {
            if (group.get(i).event().uid().equals(uid)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(Snapshot[] sources, String sourceId) {
        int lo = 0, hi = sources.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = sources[mid].sourceId.compareTo(sourceId);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /**
     * Checks, de-duplicates and sorts one source's occurrences. Two occurrences of one UID and RECURRENCE-ID
     * (original start) are one instance: the override wins over the master's instance, then the higher
     * SEQUENCE, then the first given. Equal strings of the events are shared.
     */
    static Snapshot snapshotOf(String sourceId, List<Occurrence> occurrences, int max) {
        Map<Slot, Integer> bySlot = new HashMap<>(occurrences.size() * 2);
        List<Occurrence> kept = new ArrayList<>(occurrences.size());
        int invalid = 0, duplicates = 0;
        for (Occurrence o : occurrences) {
            if (o == null || o.event() == null || o.event().uid() == null) {
                invalid++;
                continue;
            }
            if (o.end() < o.start()) {
                o = new Occurrence(sourceId, o.event(), o.start(), o.start(), o.originalStart(), o.allDay());
            }
            Integer index = bySlot.putIfAbsent(new Slot(o.event().uid(), o.originalStart()), kept.size());
            if (index == null) {
                kept.add(o);
            } else {
                duplicates++;
                if (wins(o, kept.get(index))) {
                    kept.set(index, o);
                }
            }
        }
        Occurrence[] sorted = kept.toArray(new Occurrence[0]);
        Arrays.sort(sorted, ORDER);
        if (sorted.length > max) {
            LOG.warn("{}: {} occurrences, keeping the first {} (see maxOccurrencesPerSource)", sourceId,
                    sorted.length, max);
            sorted = Arrays.copyOf(sorted, max);
        }
        if (invalid > 0 || duplicates > 0) {
            LOG.info("{}: {} occurrences kept, {} duplicates merged, {} without an event dropped", sourceId,
                    sorted.length, duplicates, invalid);
        }
        return new Snapshot(sourceId, sorted, shareStrings(sorted));
    }

    private static boolean wins(Occurrence candidate, Occurrence incumbent) {
        boolean a = candidate.event().isOverride(), b = incumbent.event().isOverride();
        if (a != b) {
            return a;
        }
        return candidate.event().sequence() > incumbent.event().sequence();
    }

    /** An instance of a series: UID and RECURRENCE-ID (the start for single events). */
    private record Slot(String uid, long originalStart) {
    }

    /**
     * One event object per event and one String per distinct text: a feed repeats organizers, locations,
     * Teams boilerplate descriptions and statuses hundreds of times as separate copies.
     */
    private static ParsedEvent[] shareStrings(Occurrence[] sorted) {
        Map<String, String> strings = new HashMap<>();
        Map<ParsedEvent, ParsedEvent> events = new IdentityHashMap<>();
        ParsedEvent[] out = new ParsedEvent[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            ParsedEvent e = sorted[i].event();
            ParsedEvent shared = events.get(e);
            if (shared == null) {
                shared = withSharedStrings(e, strings);
                events.put(e, shared);
            }
            out[i] = shared;
        }
        return out;
    }

    private static ParsedEvent withSharedStrings(ParsedEvent e, Map<String, String> strings) {
        String uid = share(e.uid(), strings), summary = share(e.summary(), strings),
                location = share(e.location(), strings), description = share(e.description(), strings),
                status = share(e.status(), strings), transp = share(e.transp(), strings),
                classification = share(e.classification(), strings), busy = share(e.busyStatus(), strings),
                organizer = share(e.organizer(), strings), partStat = share(e.myPartStat(), strings),
                url = share(e.onlineMeetingUrl(), strings);
        if (uid == e.uid() && summary == e.summary() && location == e.location() && description == e.description()
                && status == e.status() && transp == e.transp() && classification == e.classification()
                && busy == e.busyStatus() && organizer == e.organizer() && partStat == e.myPartStat()
                && url == e.onlineMeetingUrl()) {
            return e;
        }
        return new ParsedEvent(uid, summary, location, description, e.start(), e.end(), e.duration(), e.rrules(),
                e.rdates(), e.exdates(), e.recurrenceId(), e.thisAndFuture(), e.sequence(), status, transp,
                classification, busy, e.outlookDeleted(), organizer, e.attendeeCount(), partStat, url, e.line());
    }

    private static String share(String s, Map<String, String> strings) {
        if (s == null) {
            return null;
        }
        String shared = strings.putIfAbsent(s, s);
        return shared == null ? s : shared;
    }
}
