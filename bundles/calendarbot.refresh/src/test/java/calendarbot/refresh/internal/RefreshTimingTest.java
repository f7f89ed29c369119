package calendarbot.refresh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshTimingTest {

    @Test
    void failuresWait30SecondsDoublingUpToTheLongestDelay() {
        RefreshTiming timing = RefreshTiming.ofSeconds(300, 30, 100);
        Random random = new Random(1);
        assertEquals(Duration.ofSeconds(30), timing.nextDelay(1, random));
        assertEquals(Duration.ofSeconds(60), timing.nextDelay(2, random));
        assertEquals(Duration.ofSeconds(100), timing.nextDelay(3, random));
        assertEquals(Duration.ofSeconds(100), timing.nextDelay(500, random), "no overflow after many failures");
    }

    @Test
    void aServersRetryAfterWinsOverAShorterBackoffUpToTheLongestDelay() {
        RefreshTiming timing = RefreshTiming.ofSeconds(300, 30, 1800);
        Random random = new Random(1);
        assertEquals(Duration.ofSeconds(600), timing.nextDelay(1, Duration.ofSeconds(600), random));
        assertEquals(Duration.ofSeconds(1800), timing.nextDelay(1, Duration.ofHours(1), random), "capped");
        assertEquals(Duration.ofSeconds(120), timing.nextDelay(3, Duration.ofSeconds(5), random),
                "a shorter wish does not shorten the backoff");
        Duration answering = timing.nextDelay(0, Duration.ofHours(1), random);
        assertTrue(answering.compareTo(Duration.ofSeconds(330)) <= 0, "a source that answers keeps its interval");
    }

    @Test
    void anAnsweringSourceWaitsTheIntervalMovedByAtMostTheJitter() {
        RefreshTiming timing = RefreshTiming.ofSeconds(300, 30, 1800);
        Random random = new Random(7);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = timing.nextDelay(0, random);
            assertTrue(d.compareTo(Duration.ofSeconds(270)) >= 0 && d.compareTo(Duration.ofSeconds(330)) <= 0,
                    d.toString());
            seen.add(d);
        }
        assertTrue(seen.size() > 100, "spread, not lockstep: " + seen.size());
        assertEquals(Duration.ofSeconds(300), RefreshTiming.ofSeconds(300, 0, 1800).nextDelay(0, random));
    }

    @Test
    void settingsAreClampedAndTheJitterToHalfTheInterval() {
        assertEquals(new RefreshTiming(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(30)),
                RefreshTiming.ofSeconds(1, 3600, 0));
        assertEquals(new RefreshTiming(Duration.ofSeconds(86_400), Duration.ofSeconds(0), Duration.ofSeconds(86_400)),
                RefreshTiming.ofSeconds(1_000_000, -5, 1_000_000));
    }
}
