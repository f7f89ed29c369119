package calendarbot.parser.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The last resort for a VTIMEZONE whose name no table knows and whose observances cannot be built into rules (no
 * DTSTART, a rule java.time cannot express): a zone with the same standard and daylight offsets. The calendar's zone
 * and the kiosk's are tried first, then the Windows zones in their table's order; a zone without daylight time
 * becomes its fixed offset.
 */
final class ZoneByOffsets {

    /** Winter and summer of a year, north and south, where a candidate's two offsets are read. */
    private static final LocalDateTime[] SAMPLES = {LocalDateTime.of(2025, 1, 15, 12, 0),
        LocalDateTime.of(2025, 7, 15, 12, 0)};

    private ZoneByOffsets() {
    }

    /** A zone with the observances' offsets, or null when they have none or no zone matches. */
    static ZoneId match(List<VTimezoneRules.Observance> observances, List<ZoneId> preferred) {
        int standard = DateTimeValues.BAD_OFFSET;
        int daylight = DateTimeValues.BAD_OFFSET;
        for (VTimezoneRules.Observance o : observances) {
            if (o.to == DateTimeValues.BAD_OFFSET) {
                continue;
            }
            // the last observance of each kind in the block: the current rules are usually written last
            if (o.daylight) {
                daylight = o.to;
            } else {
                standard = o.to;
            }
        }
        if (standard == DateTimeValues.BAD_OFFSET) {
            return null;
        }
        Set<ZoneId> candidates = new LinkedHashSet<>();
        for (ZoneId z : preferred) {
            if (z != null) {
                candidates.add(z);
            }
        }
        for (String id : ZoneNames.windowsZones()) {
            candidates.add(ZoneId.of(id));
        }
        Set<Integer> wanted = wanted(standard, daylight);
        for (ZoneId z : candidates) {
            if (offsets(z.getRules()).equals(wanted)) {
                return z;
            }
        }
        return daylight == DateTimeValues.BAD_OFFSET ? ZoneOffset.ofTotalSeconds(standard) : null;
    }

    private static Set<Integer> wanted(int standard, int daylight) {
        Set<Integer> s = new LinkedHashSet<>();
        s.add(standard);
        if (daylight != DateTimeValues.BAD_OFFSET) {
            s.add(daylight);
        }
        return s;
    }

    private static Set<Integer> offsets(ZoneRules rules) {
        List<Integer> seen = new ArrayList<>(2);
        for (LocalDateTime t : SAMPLES) {
            seen.add(rules.getOffset(t).getTotalSeconds());
        }
        return new LinkedHashSet<>(seen);
    }
}
