package calendarbot.api;

import calendarbot.api.model.SourceSpec;

/**
 * One configured calendar source: a service per {@code calendarbot.source} factory configuration (a file
 * {@code calendarbot.source-work.cfg}, the console, or a CALENDARBOT_ICS_URL variable), carrying that configuration's
 * properties. The refresher keeps each one refreshed; check-feed checks them.
 */
public interface SourceDefinition {

    /** The source; its id is the preferred one (the refresher qualifies it if another source already has it). */
    SourceSpec spec();

    /** The factory configuration's own name ("work" for calendarbot.source-work.cfg), stable across restarts. */
    String configName();

    /** Why the configuration cannot be used (no or bad URL), or null. */
    String problem();
}
