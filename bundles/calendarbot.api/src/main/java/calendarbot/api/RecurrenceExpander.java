package calendarbot.api;

import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.ParsedEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Expands a feed's masters, overrides and singles into occurrences, on a bounded worker. */
public interface RecurrenceExpander {

    /** The configured window (pastDays, windowDays) and limits around {@code now}. */
    ExpansionWindow window(Instant now, ZoneId dateZone);

    /**
     * Queues the expansion of one source's events; completes exceptionally with
     * {@link java.util.concurrent.RejectedExecutionException} when the queue is full.
     */
    CompletionStage<Expansion> expand(String sourceId, List<ParsedEvent> events, ExpansionWindow window);
}
