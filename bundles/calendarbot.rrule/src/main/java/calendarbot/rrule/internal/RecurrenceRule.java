package calendarbot.rrule.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * One RRULE value (RFC 5545 3.3.10), parsed and checked. Lists are sorted and free of duplicates; empty
 * means the part is absent. Rules that are invalid or can never produce an instance are refused with a
 * {@link InvalidRuleException} whose message is written for the person reading the kiosk's problems list.
 */
final class RecurrenceRule {

    static final int YEARLY = 0, MONTHLY = 1, WEEKLY = 2, DAILY = 3, HOURLY = 4, MINUTELY = 5, SECONDLY = 6;
    private static final String[] FREQ_NAMES = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY",
            "SECONDLY"};
    /** Weekdays MO=0 .. SU=6, the order of java.time.DayOfWeek. */
    private static final String[] WEEKDAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    enum UntilKind { NONE, UTC, FLOATING, DATE }

    final String text;
    final int freq;
    final int interval;
    /** COUNT, or -1. */
    final long count;
    final UntilKind untilKind;
    /** UTC or floating UNTIL as a LocalDateTime (UTC wall clock for UTC); a DATE at midnight. */
    final LocalDateTime until;
    final int[] bySecond, byMinute, byHour, byMonthDay, byYearDay, byWeekNo, byMonth, bySetPos;
    /** BYDAY entries: weekday (MO=0) and ordinal (0 = every such weekday). */
    final int[] byDayWeekday, byDayOrdinal;
    final int wkst;

    private RecurrenceRule(String text, int freq, int interval, long count, UntilKind untilKind,
            LocalDateTime until, int[] bySecond, int[] byMinute, int[] byHour, int[] byMonthDay,
            int[] byYearDay, int[] byWeekNo, int[] byMonth, int[] bySetPos, int[] byDayWeekday,
            int[] byDayOrdinal, int wkst) {
        this.text = text;
        this.freq = freq;
        this.interval = interval;
        this.count = count;
        this.untilKind = untilKind;
        this.until = until;
        this.bySecond = bySecond;
        this.byMinute = byMinute;
        this.byHour = byHour;
        this.byMonthDay = byMonthDay;
        this.byYearDay = byYearDay;
        this.byWeekNo = byWeekNo;
        this.byMonth = byMonth;
        this.bySetPos = bySetPos;
        this.byDayWeekday = byDayWeekday;
        this.byDayOrdinal = byDayOrdinal;
        this.wkst = wkst;
    }

    static final class InvalidRuleException extends Exception {
        InvalidRuleException(String message) {
            super(message, null, false, false);
        }
    }

    static RecurrenceRule parse(String value) throws InvalidRuleException {
        if (value == null || value.isBlank()) {
            throw new InvalidRuleException("empty RRULE");
        }
        String text = value.trim();
        if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
            text = text.substring(6);
        }
        int freq = -1;
        int interval = 1;
        long count = -1;
        UntilKind untilKind = UntilKind.NONE;
        LocalDateTime until = null;
        int[] bySecond = none(), byMinute = none(), byHour = none(), byMonthDay = none(), byYearDay = none(),
                byWeekNo = none(), byMonth = none(), bySetPos = none();
        int[] byDayWeekday = none(), byDayOrdinal = none();
        int wkst = 0; // RFC 5545: WKST defaults to MO, whatever the JVM's locale says
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidRuleException("'" + part + "' is not NAME=VALUE");
            }
            String name = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            String v = part.substring(eq + 1).trim();
            if (v.isEmpty()) {
                throw new InvalidRuleException(name + " has no value");
            }
            switch (name) {
                case "FREQ" -> {
                    freq = Arrays.asList(FREQ_NAMES).indexOf(v.toUpperCase(Locale.ROOT));
                    if (freq < 0) {
                        throw new InvalidRuleException("unknown FREQ=" + v);
                    }
                }
                case "INTERVAL" -> interval = (int) number(name, v, 1, 1_000_000);
                case "COUNT" -> count = number(name, v, 0, Integer.MAX_VALUE);
                case "UNTIL" -> {
                    String u = v.toUpperCase(Locale.ROOT);
                    try {
                        if (u.length() == 8) {
                            untilKind = UntilKind.DATE;
                            until = LocalDate.of(Integer.parseInt(u.substring(0, 4)),
                                    Integer.parseInt(u.substring(4, 6)), Integer.parseInt(u.substring(6, 8)))
                                    .atStartOfDay();
                        } else if ((u.length() == 15 || u.length() == 16) && u.charAt(8) == 'T') {
                            untilKind = u.length() == 16 && u.endsWith("Z") ? UntilKind.UTC : UntilKind.FLOATING;
                            if (u.length() == 16 && untilKind != UntilKind.UTC) {
                                throw new NumberFormatException();
                            }
                            until = LocalDateTime.of(Integer.parseInt(u.substring(0, 4)),
                                    Integer.parseInt(u.substring(4, 6)), Integer.parseInt(u.substring(6, 8)),
                                    Integer.parseInt(u.substring(9, 11)), Integer.parseInt(u.substring(11, 13)),
                                    Integer.parseInt(u.substring(13, 15)));
                        } else {
                            throw new NumberFormatException();
                        }
                    } catch (RuntimeException e) {
                        throw new InvalidRuleException("UNTIL=" + v + " is not a DATE or DATE-TIME");
                    }
                }
                case "BYSECOND" -> bySecond = list(name, v, 0, 60, false);
                case "BYMINUTE" -> byMinute = list(name, v, 0, 59, false);
                case "BYHOUR" -> byHour = list(name, v, 0, 23, false);
                case "BYMONTHDAY" -> byMonthDay = list(name, v, 1, 31, true);
                case "BYYEARDAY" -> byYearDay = list(name, v, 1, 366, true);
                case "BYWEEKNO" -> byWeekNo = list(name, v, 1, 53, true);
                case "BYMONTH" -> byMonth = list(name, v, 1, 12, false);
                case "BYSETPOS" -> bySetPos = list(name, v, 1, 366, true);
                case "WKST" -> {
                    wkst = Arrays.asList(WEEKDAYS).indexOf(v.toUpperCase(Locale.ROOT));
                    if (wkst < 0) {
                        throw new InvalidRuleException("unknown WKST=" + v);
                    }
                }
                case "BYDAY" -> {
                    String[] items = v.split(",");
                    long[] packed = new long[items.length];
                    for (int i = 0; i < items.length; i++) {
                        String item = items[i].trim().toUpperCase(Locale.ROOT);
                        if (item.length() < 2) {
                            throw new InvalidRuleException("BYDAY=" + v + " has an empty or short day");
                        }
                        int wd = Arrays.asList(WEEKDAYS).indexOf(item.substring(item.length() - 2));
                        if (wd < 0) {
                            throw new InvalidRuleException("BYDAY=" + v + " has an unknown weekday '" + item + "'");
                        }
                        int ordinal = 0;
                        String num = item.substring(0, item.length() - 2);
                        if (!num.isEmpty()) {
                            ordinal = (int) number("BYDAY", num.startsWith("+") ? num.substring(1) : num, -53, 53);
                            if (ordinal == 0) {
                                throw new InvalidRuleException("BYDAY=" + v + " has the ordinal 0");
                            }
                        }
                        packed[i] = ((long) ordinal << 8) | wd;
                    }
                    long[] unique = Arrays.stream(packed).sorted().distinct().toArray();
                    byDayWeekday = new int[unique.length];
                    byDayOrdinal = new int[unique.length];
                    for (int i = 0; i < unique.length; i++) {
                        byDayWeekday[i] = (int) (unique[i] & 0xff);
                        byDayOrdinal[i] = (int) (unique[i] >> 8);
                    }
                }
                default -> {
                    // RFC 5545 x-name parts and RFC 7529 SKIP with the Gregorian scale change nothing here
                    if (name.equals("RSCALE") && !v.equalsIgnoreCase("GREGORIAN")) {
                        throw new InvalidRuleException("RSCALE=" + v + " (non-Gregorian calendars) is not supported");
                    }
                }
            }
        }
        if (freq < 0) {
            throw new InvalidRuleException("no FREQ");
        }
        // RFC 5545 3.3.10: the combinations the table of BYxxx rule parts marks N/A
        if (byWeekNo.length > 0 && freq != YEARLY) {
            throw new InvalidRuleException("BYWEEKNO is only allowed with FREQ=YEARLY");
        }
        if (byYearDay.length > 0 && (freq == MONTHLY || freq == WEEKLY || freq == DAILY)) {
            throw new InvalidRuleException("BYYEARDAY is not allowed with FREQ=" + FREQ_NAMES[freq]);
        }
        if (byMonthDay.length > 0 && freq == WEEKLY) {
            throw new InvalidRuleException("BYMONTHDAY is not allowed with FREQ=WEEKLY");
        }
        if (bySetPos.length > 0 && bySecond.length + byMinute.length + byHour.length + byMonthDay.length
                + byYearDay.length + byWeekNo.length + byMonth.length + byDayWeekday.length == 0) {
            throw new InvalidRuleException("BYSETPOS needs another BYxxx part to pick from");
        }
        for (int ordinal : byDayOrdinal) {
            if (ordinal != 0 && (freq != MONTHLY && freq != YEARLY || byWeekNo.length > 0)) {
                throw new InvalidRuleException("a numbered BYDAY (like 2MO) needs FREQ=MONTHLY or YEARLY without BYWEEKNO");
            }
            if (ordinal != 0 && freq == MONTHLY && Math.abs(ordinal) > 5) {
                throw new InvalidRuleException("BYDAY ordinal " + ordinal + " does not exist in a month");
            }
        }
        if (byMonthDay.length > 0 && byMonth.length > 0) {
            boolean possible = false;
            for (int m : byMonth) {
                int longest = LocalDate.of(2000, m, 1).lengthOfMonth(); // leap year: the longest February
                for (int d : byMonthDay) {
                    possible |= Math.abs(d) <= longest;
                }
            }
            if (!possible) {
                throw new InvalidRuleException("never occurs: no BYMONTHDAY exists in the BYMONTH months");
            }
        }
        if (bySecond.length > 0 && bySecond[bySecond.length - 1] == 60) {
            bySecond = Arrays.copyOf(bySecond, bySecond.length - 1); // a leap second has no wall-clock time here
            if (bySecond.length == 0) {
                throw new InvalidRuleException("BYSECOND=60 only: leap seconds never occur on this clock");
            }
        }
        return new RecurrenceRule(value, freq, interval, count, untilKind, until, bySecond, byMinute, byHour,
                byMonthDay, byYearDay, byWeekNo, byMonth, bySetPos, byDayWeekday, byDayOrdinal, wkst);
    }

    boolean hasByDay() {
        return byDayWeekday.length > 0;
    }

    private static int[] none() {
        return new int[0];
    }

    private static long number(String name, String v, long min, long max) throws InvalidRuleException {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRuleException(name + "=" + v + " is not a number");
        }
        if (n < min || n > max) {
            throw new InvalidRuleException(name + "=" + v + " is outside " + min + ".." + max);
        }
        return n;
    }

    private static int[] list(String name, String v, int min, int max, boolean negativeAllowed)
            throws InvalidRuleException {
        String[] items = v.split(",");
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (item.startsWith("+")) {
                item = item.substring(1);
            }
            long n = number(name, item, negativeAllowed ? -max : min, max);
            if (negativeAllowed && Math.abs(n) < min) {
                throw new InvalidRuleException(name + "=" + v + " contains " + n);
            }
            out[i] = (int) n;
        }
        return Arrays.stream(out).sorted().distinct().toArray();
    }

    @Override
    public String toString() {
        return text;
    }
}
