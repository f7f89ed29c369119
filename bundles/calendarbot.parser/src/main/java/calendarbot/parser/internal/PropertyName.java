package calendarbot.parser.internal;

import java.nio.charset.StandardCharsets;

/**
 * The property and component names the parser acts on, recognised straight from the line's bytes
 * (case-insensitively, RFC 5545 2.1) so that a property nobody keeps costs no String.
 */
final class PropertyName {

    static final int UNKNOWN = 0;
    static final int BEGIN = 1;
    static final int END = 2;
    // components (as values of BEGIN/END)
    static final int VCALENDAR = 3;
    static final int VEVENT = 4;
    static final int VTIMEZONE = 5;
    static final int STANDARD = 6;
    static final int DAYLIGHT = 7;
    // calendar
    static final int X_WR_CALNAME = 10;
    static final int X_WR_TIMEZONE = 11;
    // event
    static final int UID = 20;
    static final int SUMMARY = 21;
    static final int LOCATION = 22;
    static final int DESCRIPTION = 23;
    static final int DTSTART = 24;
    static final int DTEND = 25;
    static final int DURATION = 26;
    static final int RRULE = 27;
    static final int RDATE = 28;
    static final int EXDATE = 29;
    static final int RECURRENCE_ID = 30;
    static final int SEQUENCE = 31;
    static final int STATUS = 32;
    static final int TRANSP = 33;
    static final int CLASS = 34;
    static final int X_MICROSOFT_CDO_BUSYSTATUS = 35;
    static final int X_OUTLOOK_DELETED = 36;
    static final int ORGANIZER = 37;
    static final int ATTENDEE = 38;
    static final int URL = 39;
    static final int X_MICROSOFT_SKYPETEAMSMEETINGURL = 40;
    static final int X_MICROSOFT_ONLINEMEETINGCONFLINK = 41;
    static final int X_MICROSOFT_ONLINEMEETINGEXTERNALLINK = 42;
    static final int X_GOOGLE_CONFERENCE = 43;
    static final int CONFERENCE = 44;
    // time zones
    static final int TZID = 50;
    static final int TZOFFSETFROM = 51;
    static final int TZOFFSETTO = 52;
    static final int X_LIC_LOCATION = 53;

    private static final int SLOTS = 256;
    private static final byte[][] NAMES = new byte[SLOTS][];
    private static final int[] CODES = new int[SLOTS];

    static {
        add("BEGIN", BEGIN);
        add("END", END);
        add("VCALENDAR", VCALENDAR);
        add("VEVENT", VEVENT);
        add("VTIMEZONE", VTIMEZONE);
        add("STANDARD", STANDARD);
        add("DAYLIGHT", DAYLIGHT);
        add("X-WR-CALNAME", X_WR_CALNAME);
        add("X-WR-TIMEZONE", X_WR_TIMEZONE);
        add("UID", UID);
        add("SUMMARY", SUMMARY);
        add("LOCATION", LOCATION);
        add("DESCRIPTION", DESCRIPTION);
        add("DTSTART", DTSTART);
        add("DTEND", DTEND);
        add("DURATION", DURATION);
        add("RRULE", RRULE);
        add("RDATE", RDATE);
        add("EXDATE", EXDATE);
        add("RECURRENCE-ID", RECURRENCE_ID);
        add("SEQUENCE", SEQUENCE);
        add("STATUS", STATUS);
        add("TRANSP", TRANSP);
        add("CLASS", CLASS);
        add("X-MICROSOFT-CDO-BUSYSTATUS", X_MICROSOFT_CDO_BUSYSTATUS);
        add("X-OUTLOOK-DELETED", X_OUTLOOK_DELETED);
        add("ORGANIZER", ORGANIZER);
        add("ATTENDEE", ATTENDEE);
        add("URL", URL);
        add("X-MICROSOFT-SKYPETEAMSMEETINGURL", X_MICROSOFT_SKYPETEAMSMEETINGURL);
        add("X-MICROSOFT-ONLINEMEETINGCONFLINK", X_MICROSOFT_ONLINEMEETINGCONFLINK);
        add("X-MICROSOFT-ONLINEMEETINGEXTERNALLINK", X_MICROSOFT_ONLINEMEETINGEXTERNALLINK);
        add("X-GOOGLE-CONFERENCE", X_GOOGLE_CONFERENCE);
        add("CONFERENCE", CONFERENCE);
        add("TZID", TZID);
        add("TZOFFSETFROM", TZOFFSETFROM);
        add("TZOFFSETTO", TZOFFSETTO);
        add("X-LIC-LOCATION", X_LIC_LOCATION);
    }

    private PropertyName() {
    }

    private static void add(String name, int code) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        int slot = hash(b, 0, b.length) & (SLOTS - 1);
        while (NAMES[slot] != null) {
            slot = (slot + 1) & (SLOTS - 1);
        }
        NAMES[slot] = b;
        CODES[slot] = code;
    }

    /** The code of the name in {@code b[from..to)}, or {@link #UNKNOWN}. */
    static int of(byte[] b, int from, int to) {
        int slot = hash(b, from, to) & (SLOTS - 1);
        while (true) {
            byte[] name = NAMES[slot];
            if (name == null) {
                return UNKNOWN;
            }
            if (equalsUpper(b, from, to, name)) {
                return CODES[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }

    /** True when {@code b[from..to)} equals the upper-case ASCII {@code upper}, ignoring case. */
    static boolean equalsUpper(byte[] b, int from, int to, byte[] upper) {
        if (to - from != upper.length) {
            return false;
        }
        for (int i = 0; i < upper.length; i++) {
            if (upper(b[from + i]) != upper[i]) {
                return false;
            }
        }
        return true;
    }

    static byte upper(byte c) {
        return c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = to - from;
        for (int i = from; i < to; i++) {
            h = h * 31 + upper(b[i]);
        }
        return h ^ (h >>> 7);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
