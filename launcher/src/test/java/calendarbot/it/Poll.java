package calendarbot.it;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way the integration tests wait for something: poll a probe until its value is accepted, within a
 * deadline that is generous because CI shares two cores between Maven, the kiosk under test and a browser. A
 * wait that runs out fails with what was awaited and what the probe last saw (its value or its exception), so a
 * red build says why. How fast something happens is for the benchmarks, never a test's deadline.
 */
public final class Poll {

    /** How long any wait may take; {@code -Dcalendarbot.it.patience=SECONDS} to change it. */
    public static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("calendarbot.it.patience", 90));

    private static final long INTERVAL_MILLIS = 100;

    /** A look at the system under test; an exception means "not yet" and is reported if it is the last one. */
    @FunctionalInterface
    public interface Probe<T> {
        T look() throws Exception;
    }

    private Poll() {
    }

    /** Polls until {@code accept} holds for the probe's value; returns that value. */
    public static <T> T until(String what, Probe<T> probe, Predicate<? super T> accept) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String lastSeen = "nothing yet";
        while (true) {
            try {
                T value = probe.look();
                if (accept.test(value)) {
                    return value;
                }
                lastSeen = String.valueOf(value);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception notYet) {
                lastSeen = notYet.toString();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + "; last seen: "
                        + abbreviate(lastSeen));
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** Polls until the probe's value is present (not null and not {@code false}); returns it. */
    public static <T> T until(String what, Probe<T> probe) {
        return until(what, probe, value -> value != null && !Boolean.FALSE.equals(value));
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "... (" + text.length() + " characters)";
    }
}
