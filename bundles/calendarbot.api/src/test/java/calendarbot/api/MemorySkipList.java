package calendarbot.api;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;

/** Skips held in memory, expiring a day after they were made on the given time. */
public final class MemorySkipList implements SkipList {

    private final Map<String, Instant> skips = new TreeMap<>();
    private final InstantSource time;

    public MemorySkipList(InstantSource time) {
        this.time = time;
    }

    @Override
    public boolean isSkipped(String occurrenceId) {
        Instant until = skips.get(occurrenceId);
        return until != null && until.isAfter(time.instant());
    }

    @Override
    public Instant skip(String occurrenceId) {
        Instant until = time.instant().plus(Duration.ofHours(24));
        skips.put(occurrenceId, until);
        return until;
    }

    @Override
    public boolean unskip(String occurrenceId) {
        return skips.remove(occurrenceId) != null;
    }

    @Override
    public int clear() {
        int n = skips.size();
        skips.clear();
        return n;
    }

    @Override
    public Map<String, Instant> skipped() {
        return Map.copyOf(skips);
    }
}
