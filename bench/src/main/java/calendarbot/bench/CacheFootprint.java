package calendarbot.bench;

import calendarbot.api.ConfigProxy;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.cache.internal.SnapshotEventStore;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measurement, not a test: heap retained by the store for 100,000 occurrences of 1,000 series (strings as a
 * parser makes them: equal texts are separate copies), against the same occurrences as a list of records.
 *
 * <pre>
 * bench/run --help; java -cp bench/target/calendarbot-bench.jar calendarbot.bench.CacheFootprint
 * </pre>
 */
public final class CacheFootprint {

    private static final int SERIES = 1_000, PER_SERIES = 100;
    private static final String TEAMS = "________________________________________________________________________________\n"
            + "Microsoft Teams meeting\nJoin on your computer, mobile app or room device\nClick here to join the meeting\n"
            + "Meeting ID: 123 456 789 012\nPasscode: abcdef\nDownload Teams | Join on the web\nLearn More | Meeting options\n"
            + "________________________________________________________________________________";

    public static void main(String[] args) throws Exception {
        // load classes and fill the JDK's zone caches first, so that the baseline holds them already
        store(20_000).replace("warm-up", occurrences(masters()).subList(0, 1000));
        long base = used();
        List<ParsedEvent> masters = masters();
        long withEvents = used();
        List<Occurrence> list = occurrences(masters);
        long withList = used();

        SnapshotEventStore store = store(200_000);
        store.replace("work", list);
        int n = list.size();
        list = null;
        masters = null;
        long withStore = used();
        if (store.size("work") != n) {
            throw new IllegalStateException("store holds " + store.size("work"));
        }

        System.out.printf("%,d occurrences of %,d series%n", n, SERIES);
        System.out.printf("  the 1,000 parsed events themselves:           %,10d bytes (%,d per event)%n",
                withEvents - base, (withEvents - base) / SERIES);
        System.out.printf("  as List<Occurrence> (records, on top):        %,10d bytes = %.1f bytes per occurrence%n",
                withList - withEvents, (withList - withEvents) / (double) n);
        System.out.printf("  in SnapshotEventStore (everything it keeps):  %,10d bytes = %.1f bytes per occurrence%n",
                withStore - base, (withStore - base) / (double) n);
        System.out.printf("    of which arrays per occurrence (layout: long start, int length, int original offset,%n"
                + "    event reference, 1 bit all-day, 1/64 long block end):   %.1f bytes%n", 8 + 4 + 4 + 4 + 1 / 8.0 + 8 / 64.0);
        System.out.printf("    and the shared events with one copy of each text: %,d bytes%n",
                (withStore - base) - (long) ((8 + 4 + 4 + 4 + 1 / 8.0 + 8 / 64.0) * n));
        System.out.println("  (store still alive: " + store.generation() + ")");
    }

    private static SnapshotEventStore store(int maxPerSource) {
        SnapshotEventStore store = new SnapshotEventStore();
        store.configure(ConfigProxy.of(SnapshotEventStore.Config.class, Map.of("maxOccurrencesPerSource", maxPerSource)));
        return store;
    }

    private static List<ParsedEvent> masters() {
        List<ParsedEvent> out = new ArrayList<>();
        ZoneId zone = ZoneId.of("Europe/Berlin");
        for (int i = 0; i < SERIES; i++) {
            EventTime start = EventTime.of(LocalDateTime.of(2024, 1, 1 + i % 28, 8 + i % 9, 0), zone);
            out.add(new ParsedEvent("040000008200E00074C5B7101A82E0080000000" + i + "@outlook.example",
                    "Weekly sync " + (i % 50), new String("Microsoft Teams Meeting"), new String(TEAMS), start, null,
                    Duration.ofMinutes(30), List.of("FREQ=WEEKLY;BYDAY=MO"), List.of(), List.of(), null, false, 0,
                    new String("CONFIRMED"), new String("OPAQUE"), null, new String("BUSY"), false,
                    new String("organizer" + (i % 20) + "@example.com"), 5, new String("ACCEPTED"),
                    new String("https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + i), i * 40));
        }
        return out;
    }

    private static List<Occurrence> occurrences(List<ParsedEvent> masters) {
        List<Occurrence> out = new ArrayList<>(SERIES * PER_SERIES);
        long t0 = 1_767_225_600L; // 2026-01-01
        for (int i = 0; i < SERIES; i++) {
            for (int k = 0; k < PER_SERIES; k++) {
                long start = t0 + k * 3L * 86_400 + (i % 9) * 3600;
                out.add(new Occurrence("work", masters.get(i), start, start + 1800, start, false));
            }
        }
        return out;
    }

    private static long used() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
