package calendarbot.api.model;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The span and limits of one expansion.
 *
 * @param from first instant of interest (occurrences ending after it are kept)
 * @param to end of the window, exclusive for starts
 * @param dateZone zone in which all-day dates become instants (the kiosk's zone)
 * @param maxOccurrencesPerRule cap of occurrences inside the window per series
 * @param timeBudgetMillis cap of time spent per series
 */
public record ExpansionWindow(Instant from, Instant to, ZoneId dateZone, int maxOccurrencesPerRule,
        long timeBudgetMillis) {
}
