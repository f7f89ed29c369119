package calendarbot.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import calendarbot.api.ManualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final ManualTime time = new ManualTime("2026-03-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofSeconds(1), Duration.ofSeconds(60), 4);

    @Test
    void fiveFailuresAreFreeThenEachDoublesTheWaitUpToTheLongest() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ZERO, throttle.failed("10.0.0.9", time.instant()));
            assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("10.0.0.9", time.instant()));
        }
        long[] waits = {1, 2, 4, 8, 16, 32, 60, 60};
        for (long expected : waits) {
            assertEquals(Duration.ofSeconds(expected), throttle.failed("10.0.0.9", time.instant()));
            assertEquals(Duration.ofSeconds(expected), throttle.waitBeforeAttempt("10.0.0.9", time.instant()));
            time.advance(Duration.ofSeconds(expected - 1));
            assertEquals(Duration.ofSeconds(1), throttle.waitBeforeAttempt("10.0.0.9", time.instant()));
            time.advance(Duration.ofSeconds(1));
            assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("10.0.0.9", time.instant()));
        }
    }

    @Test
    void anotherAddressAndASuccessStartAfresh() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("10.0.0.9", time.instant());
        }
        assertEquals(Duration.ofSeconds(1), throttle.waitBeforeAttempt("10.0.0.9", time.instant()));
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("10.0.0.7", time.instant()));
        throttle.succeeded("10.0.0.9");
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("10.0.0.9", time.instant()));
        assertEquals(Duration.ZERO, throttle.failed("10.0.0.9", time.instant()), "the count starts again");
    }

    @Test
    void anHourWithoutFailuresForgetsThem() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.9", time.instant());
        }
        time.advance(Duration.ofMinutes(61));
        assertEquals(Duration.ZERO, throttle.failed("10.0.0.9", time.instant()));
    }

    @Test
    void whenTheTableIsFullNewAddressesShareOneAccount() {
        for (int a = 1; a <= 3; a++) {
            throttle.failed("10.0.0." + a, time.instant());
        }
        assertEquals(3, throttle.tracked());
        // an attacker cycling through addresses gets five free guesses in all, not five per address
        for (int a = 10; a < 15; a++) {
            assertEquals(Duration.ZERO, throttle.failed("10.0.1." + a, time.instant()));
        }
        assertEquals(Duration.ofSeconds(1), throttle.failed("10.0.1.99", time.instant()));
        assertEquals(Duration.ofSeconds(1), throttle.waitBeforeAttempt("10.0.2.1", time.instant()));
        assertEquals(4, throttle.tracked());
        assertEquals(Duration.ZERO, throttle.waitBeforeAttempt("10.0.0.1", time.instant()), "known ones keep theirs");
    }
}
