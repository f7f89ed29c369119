package calendarbot.parser.shared;

import calendarbot.api.model.ParsedEvent;
import java.util.function.Consumer;

/** The events a parse hands to its sink, counted as the report counts them: all, recurring masters, overrides. */
public final class DeliveredEvents implements Consumer<ParsedEvent> {

    private final Consumer<ParsedEvent> sink;
    private int events;
    private int masters;
    private int overrides;

    public DeliveredEvents(Consumer<ParsedEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void accept(ParsedEvent parsed) {
        events++;
        if (parsed.isRecurring()) {
            masters++;
        }
        if (parsed.isOverride()) {
            overrides++;
        }
        sink.accept(parsed);
    }

    public int events() {
        return events;
    }

    public int masters() {
        return masters;
    }

    public int overrides() {
        return overrides;
    }
}
