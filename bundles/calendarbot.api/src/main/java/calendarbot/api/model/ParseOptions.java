package calendarbot.api.model;

import java.time.ZoneId;

/**
 * Per-parse settings.
 *
 * @param kioskZone zone for floating times and unknown TZIDs when the feed has no X-WR-TIMEZONE
 * @param meAddress the kiosk owner's e-mail address, whose PARTSTAT is kept; may be null
 * @param maxDescriptionLength DESCRIPTION is cut to this many characters (0 drops it; {@link #PARSER_SETTING}: the
 *        parser's configured limit)
 * @param maxLineLength unfolded lines longer than this many bytes are cut and counted ({@link #PARSER_SETTING}: the
 *        parser's configured limit)
 */
public record ParseOptions(ZoneId kioskZone, String meAddress, int maxDescriptionLength, int maxLineLength) {
    /** A limit left to the parser's own configuration. */
    public static final int PARSER_SETTING = -1;

    public static ParseOptions defaults(ZoneId kioskZone) {
        return new ParseOptions(kioskZone, null, 500, 32 * 1024);
    }
}
