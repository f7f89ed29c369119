package calendarbot.api.model;

import java.util.List;

/**
 * The result of expanding a feed's events.
 *
 * @param occurrences every occurrence in the window, sorted by start, then end, then id
 * @param series recurring series expanded
 * @param seriesCapped series cut at maxOccurrencesPerRule
 * @param seriesOverBudget series cut at the time budget
 * @param problems unusable rules and other warnings, with the event's UID and line
 * @param millis time taken
 */
public record Expansion(List<Occurrence> occurrences, int series, int seriesCapped, int seriesOverBudget,
        List<String> problems, long millis) {
}
