package calendarbot.api.model;

import java.time.ZoneId;

/**
 * Per-parse settings.
 *
 * @param kioskZone zone for floating times and unknown TZIDs when the feed has no X-WR-TIMEZONE
 * @param meAddress the kiosk owner's e-mail address, whose PARTSTAT is kept; may be null
 * @param maxDescriptionLength DESCRIPTION is cut to this many characters (0 drops it)
 * @param maxLineLength unfolded lines longer than this many bytes are cut and counted
 */
public record ParseOptions(ZoneId kioskZone, String meAddress, int maxDescriptionLength, int maxLineLength) {
    public static ParseOptions defaults(ZoneId kioskZone) {
        return new ParseOptions(kioskZone, null, 500, 32 * 1024);
    }
}
