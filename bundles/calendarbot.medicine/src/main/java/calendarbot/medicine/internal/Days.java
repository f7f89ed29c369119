package calendarbot.medicine.internal;

import java.time.DayOfWeek;
import java.util.Locale;

/** Days of the week as iCalendar writes them (MO, TU, ... SU): the API's and the database's spelling. */
final class Days {
    private static final String[] CODES = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

    private Days() {
    }

    static String code(DayOfWeek day) {
        return CODES[day.ordinal()];
    }

    /** The day of "MO" ... "SU" (any case); IllegalArgumentException for anything else. */
    static DayOfWeek parse(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i].equals(c)) {
                return DayOfWeek.of(i + 1);
            }
        }
        throw new IllegalArgumentException("unknown day \"" + code + "\" (MO, TU, WE, TH, FR, SA or SU)");
    }
}
