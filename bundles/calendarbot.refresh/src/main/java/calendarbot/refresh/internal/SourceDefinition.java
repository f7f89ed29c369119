package calendarbot.refresh.internal;

import calendarbot.api.model.SourceSpec;

/**
 * One configured calendar source, as the refresher sees it. Registered by {@link CalendarSourceConfig}, one per
 * {@code calendarbot.source} factory configuration; private to this bundle.
 */
public interface SourceDefinition {

    /** The source; its id is the preferred one (the refresher qualifies it if another source already has it). */
    SourceSpec spec();

    /** The factory configuration's own name ("work" for calendarbot.source-work.cfg), stable across restarts. */
    String configName();

    /** Why the configuration cannot be used (no or bad URL), or null. */
    String problem();
}
