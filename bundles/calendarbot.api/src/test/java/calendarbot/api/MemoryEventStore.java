package calendarbot.api;

import calendarbot.api.model.Occurrence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** An event store over a list a test fills: queries as the EventStore contract has them, no caps, no dedup. */
public final class MemoryEventStore implements EventStore {

    private final List<Occurrence> occurrences = new ArrayList<>();
    private long generation = 1;

    public MemoryEventStore(Occurrence... items) {
        add(items);
    }

    /** Adds occurrences (to whatever source they name) and moves the generation on. */
    public void add(Occurrence... items) {
        occurrences.addAll(List.of(items));
        occurrences.sort(Comparator.comparingLong(Occurrence::start).thenComparingLong(Occurrence::end));
        generation++;
    }

    public void generation(long value) {
        generation = value;
    }

    @Override
    public void replace(String sourceId, List<Occurrence> list) {
        occurrences.removeIf(o -> o.sourceId().equals(sourceId));
        add(list.toArray(Occurrence[]::new));
    }

    @Override
    public void remove(String sourceId) {
        occurrences.removeIf(o -> o.sourceId().equals(sourceId));
        generation++;
    }

    @Override
    public List<Occurrence> range(long from, long to) {
        return occurrences.stream().filter(o -> o.start() < to && (o.end() > from || o.start() >= from)).toList();
    }

    @Override
    public List<Occurrence> startingFrom(long t, int limit, Predicate<Occurrence> filter) {
        Predicate<Occurrence> f = filter == null ? o -> true : filter;
        return occurrences.stream().filter(o -> o.start() >= t).filter(f).limit(limit).toList();
    }

    @Override
    public List<Occurrence> inProgress(long t) {
        return occurrences.stream().filter(o -> o.inProgressAt(t)).toList();
    }

    @Override
    public int size(String sourceId) {
        return (int) occurrences.stream().filter(o -> o.sourceId().equals(sourceId)).count();
    }

    @Override
    public long generation() {
        return generation;
    }
}
