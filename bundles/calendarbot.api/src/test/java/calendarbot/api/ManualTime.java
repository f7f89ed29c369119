package calendarbot.api;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A time that moves only when a test moves it. One instance stands for one of the two clocks: give a component
 * one for the kiosk's "now" ({@link #asClock()}) and another for bookkeeping (it is an {@link InstantSource}), set
 * them apart, and an assertion shows which one the component read.
 */
public final class ManualTime implements InstantSource {

    private volatile Instant now;

    public ManualTime(Instant start) {
        this.now = start;
    }

    public ManualTime(String isoInstant) {
        this(Instant.parse(isoInstant));
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** This time as the kiosk's clock. */
    public Clock asClock() {
        return this::instant;
    }
}
