package calendarbot.refresh.internal;

import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.ParsedEvent;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Drops single events that lie wholly outside the expansion window while the feed is parsed, so a large feed's
 * years of past meetings never sit in memory next to the current snapshot. Series and overrides are always kept
 * (an override moved out of the window still replaces an instance inside it). A day of slack on both sides
 * covers all-day dates, whose instants depend on the kiosk's zone.
 */
final class WindowFilter implements Consumer<ParsedEvent> {
    private static final long SLACK = Duration.ofDays(1).toSeconds();

    private final Consumer<ParsedEvent> sink;
    private final long from;
    private final long to;
    private final ExpansionWindow window;
    private int dropped;

    WindowFilter(ExpansionWindow window, Consumer<ParsedEvent> sink) {
        this.sink = sink;
        this.window = window;
        this.from = window.from().getEpochSecond() - SLACK;
        this.to = window.to().getEpochSecond() + SLACK;
    }

    @Override
    public void accept(ParsedEvent e) {
        if (e.isRecurring() || e.isOverride() || inWindow(e)) {
            sink.accept(e);
        } else {
            dropped++;
        }
    }

    private boolean inWindow(ParsedEvent e) {
        long start;
        try {
            start = e.start().toEpochSecond(window.dateZone());
        } catch (RuntimeException unusual) {
            return true; // let the expander judge (and report) it
        }
        long end = start + Math.max(0, e.length().toSeconds());
        return start < to && end >= from;
    }

    /** Single events left out because they end before the window or start after it. */
    int dropped() {
        return dropped;
    }
}
