package calendarbot.cache.internal;

import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;

/**
 * One source's occurrences, immutable, sorted by start (then end, UID, original start), in parallel primitive
 * arrays: about 21 bytes per occurrence plus the shared events, where a list of {@link Occurrence} records
 * would take about 56. Occurrences are made again when a query returns them.
 */
final class Snapshot {

    /**
     * Entries per block of {@link #blockMaxEnd}. An overlap query starts at the first block that holds or
     * follows something still running and skips the finished entries after it with one comparison each.
     */
    static final int BLOCK = 64;

    final String sourceId;
    final int size;
    private final long[] starts;
    private final int[] lengths;
    private final int[] originalOffsets;
    /** Original starts, only when one lies more than 68 years from its start (never in a real feed). */
    private final long[] originals;
    private final ParsedEvent[] events;
    private final long[] allDay;
    /** The latest end among entries [0, (b + 1) * BLOCK): non-decreasing, so it can be searched. */
    private final long[] blockMaxEnd;

    /** @param sorted occurrences sorted as this class keeps them, valid (end not before start) */
    Snapshot(String sourceId, Occurrence[] sorted, ParsedEvent[] canonicalEvents) {
        this.sourceId = sourceId;
        int n = sorted.length;
        this.size = n;
        starts = new long[n];
        lengths = new int[n];
        originalOffsets = new int[n];
        events = canonicalEvents;
        allDay = new long[(n + 63) >>> 6];
        boolean wide = false;
        for (int i = 0; i < n; i++) {
            Occurrence o = sorted[i];
            starts[i] = o.start();
            lengths[i] = (int) Math.min(Integer.MAX_VALUE, o.end() - o.start());
            long offset = o.originalStart() - o.start();
            wide |= offset != (int) offset;
            originalOffsets[i] = (int) offset;
            if (o.allDay()) {
                allDay[i >>> 6] |= 1L << i;
            }
        }
        if (wide) {
            originals = new long[n];
            for (int i = 0; i < n; i++) {
                originals[i] = sorted[i].originalStart();
            }
        } else {
            originals = null;
        }
        blockMaxEnd = new long[(n + BLOCK - 1) / BLOCK];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, end(i));
            if (i % BLOCK == BLOCK - 1 || i == n - 1) {
                blockMaxEnd[i / BLOCK] = max;
            }
        }
    }

    long start(int i) {
        return starts[i];
    }

    long end(int i) {
        return starts[i] + lengths[i];
    }

    long originalStart(int i) {
        return originals != null ? originals[i] : starts[i] + originalOffsets[i];
    }

    ParsedEvent event(int i) {
        return events[i];
    }

    Occurrence occurrence(int i) {
        return new Occurrence(sourceId, events[i], starts[i], end(i), originalStart(i),
                (allDay[i >>> 6] & (1L << i)) != 0);
    }

    /** First index whose start is at or after {@code t}. */
    int firstStartingAtOrAfter(long t) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose start is after {@code t}. */
    int firstStartingAfter(long t) {
        return t == Long.MAX_VALUE ? size : firstStartingAtOrAfter(t + 1);
    }

    /** An index before which no entry ends after {@code t}: the start of the first block that does. */
    int firstThatMayEndAfter(long t) {
        int lo = 0, hi = blockMaxEnd.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (blockMaxEnd[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.min(size, lo * BLOCK);
    }
}
