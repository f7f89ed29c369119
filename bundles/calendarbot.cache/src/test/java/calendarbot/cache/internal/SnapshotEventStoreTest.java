package calendarbot.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.EventBuilder;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SnapshotEventStoreTest {

    private static final long H = 3600;
    private static final long T0 = 1_750_000_000L - 1_750_000_000L % 86_400; // a midnight, UTC

    private final SnapshotEventStore store = store(Map.of());

    static SnapshotEventStore store(Map<String, Object> values) {
        SnapshotEventStore s = new SnapshotEventStore();
        s.configure(ConfigProxy.of(SnapshotEventStore.Config.class, values));
        return s;
    }

    static ParsedEvent event(String uid, String summary) {
        return event(uid, summary, null, 0);
    }

    static ParsedEvent event(String uid, String summary, EventTime recurrenceId, int sequence) {
        return EventBuilder.event(uid).summary(summary).location("Room 1")
                .start(EventTime.ofUtc(LocalDateTime.of(2025, 1, 1, 9, 0))).recurrenceId(recurrenceId).sequence(sequence)
                .build();
    }

    static Occurrence at(String source, ParsedEvent e, long start, long end) {
        return new Occurrence(source, e, start, end, start, false);
    }

    private static List<String> summaries(List<Occurrence> list) {
        return list.stream().map(o -> o.event().summary()).toList();
    }

    @Test
    void rangeReturnsWhatOverlapsIncludingLongMeetingsStartedEarlier() {
        List<Occurrence> feed = new ArrayList<>();
        ParsedEvent vacation = event("vacation", "Vacation");
        feed.add(at("work", vacation, T0 - 20 * 24 * H, T0 + 5 * 24 * H)); // long before, still running
        for (int i = 0; i < 300; i++) { // many finished meetings between it and the window
            feed.add(at("work", event("past-" + i, "Past " + i), T0 - 19 * 24 * H + i * H, T0 - 19 * 24 * H + i * H + 1800));
        }
        feed.add(at("work", event("ends-at-from", "Ends at from"), T0 - H, T0));
        feed.add(at("work", event("running", "Running"), T0 - H, T0 + H));
        feed.add(at("work", event("zero", "Reminder at from"), T0, T0));
        feed.add(at("work", event("inside", "Inside"), T0 + 2 * H, T0 + 3 * H));
        feed.add(at("work", event("at-to", "Starts at to"), T0 + 4 * H, T0 + 5 * H));
        store.replace("work", feed);

        assertEquals(List.of("Vacation", "Running", "Reminder at from", "Inside"), summaries(store.range(T0, T0 + 4 * H)));
        assertEquals(List.of("Vacation", "Running"), summaries(store.inProgress(T0)));
        assertEquals(List.of("Vacation"), summaries(store.inProgress(T0 + H)));
        assertEquals(List.of("Reminder at from", "Inside", "Starts at to"),
                summaries(store.startingFrom(T0, 10, o -> true)));
        assertEquals(List.of("Inside"), summaries(store.startingFrom(T0, 1, o -> o.end() > o.start())));
        assertEquals(List.of(), store.startingFrom(T0, 0, null));
        assertEquals(306, store.size("work"));
    }

    @Test
    void occurrencesComeBackEqualToWhatWasStored() {
        ParsedEvent e = event("u", "Standup");
        Occurrence moved = new Occurrence("work", e, T0 + 10 * H, T0 + 11 * H, T0 - 100 * 365 * 24 * H, false);
        Occurrence allDay = new Occurrence("work", e, T0, T0 + 24 * H, T0, true);
        store.replace("work", List.of(moved, allDay));
        assertEquals(List.of(allDay, moved), store.range(T0, T0 + 24 * H));
    }

    @Test
    void withinASourceTheOverrideWinsOverTheMastersInstance() {
        EventTime rid = EventTime.ofUtc(LocalDateTime.of(2025, 1, 2, 9, 0));
        ParsedEvent master = event("series", "Weekly");
        ParsedEvent override = event("series", "Weekly (moved)", rid, 1);
        Occurrence instance = new Occurrence("work", master, T0 + 9 * H, T0 + 10 * H, T0 + 9 * H, false);
        Occurrence moved = new Occurrence("work", override, T0 + 14 * H, T0 + 15 * H, T0 + 9 * H, false);
        Occurrence next = new Occurrence("work", master, T0 + 33 * H, T0 + 34 * H, T0 + 33 * H, false);
        store.replace("work", List.of(moved, instance, next, next));
        assertEquals(List.of("Weekly (moved)", "Weekly"), summaries(store.startingFrom(T0, 10, null)));
        assertEquals(2, store.size("work"));

        ParsedEvent newer = event("single", "Newer", null, 3);
        store.replace("home", List.of(at("home", event("single", "Older"), T0, T0 + H), at("home", newer, T0, T0 + H)));
        assertEquals(List.of("Newer"), summaries(store.range(T0, T0 + H).stream()
                .filter(o -> o.sourceId().equals("home")).toList()));
    }

    @Test
    void theSameMeetingInTwoCalendarsIsShownOnceFromTheFirstCalendarById() {
        ParsedEvent inB = event("shared", "From b");
        ParsedEvent inA = event("shared", "From a");
        store.replace("b-team", List.of(at("b-team", inB, T0 + H, T0 + 2 * H), at("b-team", event("own", "Own"), T0 + H, T0 + 2 * H)));
        store.replace("a-personal", List.of(at("a-personal", inA, T0 + H, T0 + 2 * H),
                at("a-personal", event("shared", "Moved in a"), T0 + 5 * H, T0 + 6 * H)));
        List<Occurrence> all = store.range(T0, T0 + 24 * H);
        assertEquals(List.of("Own", "From a", "Moved in a"), summaries(all)); // "own" < "shared"
        assertEquals(List.of("b-team", "a-personal", "a-personal"), all.stream().map(Occurrence::sourceId).toList());
        assertEquals(List.of("Own", "From a"), summaries(store.inProgress(T0 + H)));
        assertEquals(2, store.size("b-team"));

        store.remove("a-personal");
        assertEquals(List.of("Own", "From b"), summaries(store.range(T0, T0 + 24 * H)));
    }

    @Test
    void tiesAreOrderedByEndThenUidThenOriginalStartAcrossSources() {
        store.replace("z", List.of(at("z", event("a", "z/a long"), T0, T0 + 2 * H), at("z", event("c", "z/c"), T0, T0 + H)));
        store.replace("y", List.of(at("y", event("b", "y/b"), T0, T0 + H), at("y", event("d", "y/d early"), T0 - H, T0 + 3 * H)));
        assertEquals(List.of("y/d early", "y/b", "z/c", "z/a long"), summaries(store.startingFrom(T0 - H, 10, null)));
        assertEquals(List.of("y/d early", "y/b", "z/c", "z/a long"), summaries(store.range(T0, T0 + 1)));
    }

    @Test
    void theGenerationChangesWithEveryReplaceAndRemove() {
        long g0 = store.generation();
        store.replace("a", List.of());
        store.replace("a", List.of());
        store.remove("a");
        assertEquals(g0 + 3, store.generation());
        assertEquals(0, store.size("a"));
    }

    @Test
    void aFeedAboveTheLimitKeepsItsEarliestOccurrences() {
        SnapshotEventStore small = store(Map.of("maxOccurrencesPerSource", 100));
        List<Occurrence> feed = new ArrayList<>();
        for (int i = 150; i > 0; i--) {
            feed.add(at("big", event("e" + i, "E" + i), T0 + i * H, T0 + i * H + 60));
        }
        small.replace("big", feed);
        assertEquals(100, small.size("big"));
        List<Occurrence> kept = small.startingFrom(0, 1000, null);
        assertEquals("E1", kept.get(0).event().summary());
        assertEquals("E100", kept.get(99).event().summary());
    }

    @Test
    void equalTextsOfDifferentEventsShareOneString() {
        String teams = "Microsoft Teams meeting. Join on your computer, mobile app or room device.";
        ParsedEvent a = EventBuilder.event("a").summary("A").location(new String("Room 1")).description(new String(teams))
                .status("CONFIRMED").organizer("boss@example.com").build();
        ParsedEvent b = EventBuilder.event("b").summary("B").location(new String("Room 1")).description(new String(teams))
                .status(new String("CONFIRMED")).organizer(new String("boss@example.com")).line(2).build();
        store.replace("work", List.of(at("work", a, T0, T0 + H), at("work", b, T0 + H, T0 + 2 * H)));
        List<Occurrence> stored = store.startingFrom(T0, 2, null);
        ParsedEvent sa = stored.get(0).event(), sb = stored.get(1).event();
        assertNotSame(a.description(), b.description());
        assertSame(sa.description(), sb.description());
        assertSame(sa.location(), sb.location());
        assertSame(sa.organizer(), sb.organizer());
        assertSame(sa.status(), sb.status());
        assertEquals(b, sb);
    }

    /**
     * A writer replaces one calendar again and again; each snapshot n holds 50 occurrences that all say n.
     * Readers must only ever see one whole snapshot: 50 occurrences, all of the same n.
     */
    @Test
    void readersNeverSeeHalfARefresh() throws Exception {
        int snapshots = 1500, size = 50;
        List<List<Occurrence>> feeds = new ArrayList<>();
        for (int n = 0; n < snapshots; n++) {
            List<Occurrence> feed = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                // each snapshot moves the meetings a little so that positions change too
                feed.add(at("work", event("m" + i, "snapshot " + n), T0 + (i * 7 + n % 5) * 60, T0 + (i * 7 + n % 5) * 60 + 1800));
            }
            feeds.add(feed);
        }
        store.replace("work", feeds.get(0));
        store.replace("other", List.of(at("other", event("x", "other"), T0 - 86_400, T0 - 86_000)));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread t = new Thread(() -> {
                ready.countDown();
                while (!done.get() && failure.get() == null) {
                    check(store.range(T0, T0 + 86_400), size, failure);
                    check(store.startingFrom(T0, 1000, null), size, failure);
                    reads.incrementAndGet();
                }
            });
            t.start();
            readers.add(t);
        }
        ready.await();
        for (int n = 1; n < snapshots; n++) {
            store.replace("work", feeds.get(n));
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(null, failure.get());
        assertTrue(reads.get() > 0);
        assertEquals(summaries(store.startingFrom(T0, 1, null)), List.of("snapshot " + (snapshots - 1)));
    }

    private static void check(List<Occurrence> read, int size, AtomicReference<String> failure) {
        long distinct = read.stream().map(o -> o.event().summary()).distinct().count();
        if (read.size() != size || distinct != 1) {
            failure.compareAndSet(null, "read " + read.size() + " occurrences from " + distinct + " snapshots");
        }
    }
}
