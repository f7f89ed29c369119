package calendarbot.parser.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * DATE, DATE-TIME, DURATION and UTC-OFFSET values parsed by hand from bytes. A date-time is packed into
 * a long so that a malformed value costs no exception and a good one no garbage. Lenient where feeds
 * are commonly sloppy: missing seconds, ISO dashes and colons, "T24:00:00", second 60.
 */
final class DateTimeValues {

    static final long BAD = -1;
    static final long BAD_DURATION = Long.MIN_VALUE;
    static final int BAD_OFFSET = Integer.MIN_VALUE;

    private static final long HAS_TIME = 1L << 42;
    private static final long UTC = 1L << 43;

    private DateTimeValues() {
    }

    /**
     * Parses {@code yyyyMMdd}, {@code yyyyMMddTHHmm[ss][Z]} (dashes and colons tolerated); {@link #BAD}
     * when it is none of these or not a real date.
     */
    static long parse(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        int i = from;
        int date = 0;
        int digits = 0;
        while (i < to && digits < 8) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                date = date * 10 + (c - '0');
                digits++;
            } else if (c != '-' || digits == 0) {
                return BAD;
            }
            i++;
        }
        if (digits != 8) {
            return BAD;
        }
        int year = date / 10000;
        int month = date / 100 % 100;
        int day = date % 100;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return BAD;
        }
        long packed = ((long) year << 26) | ((long) month << 22) | ((long) day << 17);
        if (i == to) {
            return packed;
        }
        byte t = b[i];
        if (t != 'T' && t != 't' && t != ' ') {
            return BAD;
        }
        i++;
        int time = 0;
        digits = 0;
        while (i < to && digits < 6) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                time = time * 10 + (c - '0');
                digits++;
            } else if (c != ':') {
                break;
            }
            i++;
        }
        int hour;
        int minute = 0;
        int second = 0;
        if (digits == 6) {
            hour = time / 10000;
            minute = time / 100 % 100;
            second = time % 100;
        } else if (digits == 4) {
            hour = time / 100;
            minute = time % 100;
        } else if (digits == 2) {
            hour = time;
        } else {
            return BAD;
        }
        // fractions of a second: ignored
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
        }
        boolean utc = false;
        if (i < to && (b[i] == 'Z' || b[i] == 'z')) {
            utc = true;
            i++;
        }
        if (i != to || minute > 59 || second > 60 || hour > 24 || (hour == 24 && (minute | second) != 0)) {
            return BAD;
        }
        if (second == 60) {
            second = 59;
        }
        if (hour == 24) {
            LocalDate next = LocalDate.of(year, month, day).plusDays(1);
            packed = ((long) next.getYear() << 26) | ((long) next.getMonthValue() << 22)
                    | ((long) next.getDayOfMonth() << 17);
            hour = 0;
        }
        packed |= HAS_TIME | ((long) hour << 12) | ((long) minute << 6) | second;
        return utc ? packed | UTC : packed;
    }

    static boolean hasTime(long packed) {
        return (packed & HAS_TIME) != 0;
    }

    static boolean isUtc(long packed) {
        return (packed & UTC) != 0;
    }

    static LocalDate date(long packed) {
        return LocalDate.of((int) (packed >>> 26) & 0xFFFF, (int) (packed >>> 22) & 0xF, (int) (packed >>> 17) & 0x1F);
    }

    static LocalDateTime dateTime(long packed) {
        return LocalDateTime.of((int) (packed >>> 26) & 0xFFFF, (int) (packed >>> 22) & 0xF,
                (int) (packed >>> 17) & 0x1F, (int) (packed >>> 12) & 0x1F, (int) (packed >>> 6) & 0x3F,
                (int) packed & 0x3F);
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /**
     * A DURATION value ({@code [+-]P[nW][nD][T[nH][nM][nS]]}, RFC 5545 3.3.6) in seconds, days taken as
     * 24 hours; {@link #BAD_DURATION} when malformed.
     */
    static long durationSeconds(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (i >= to || (b[i] != 'P' && b[i] != 'p')) {
            return BAD_DURATION;
        }
        i++;
        long seconds = 0;
        boolean inTime = false;
        boolean any = false;
        while (i < to) {
            byte c = b[i];
            if (c == 'T' || c == 't') {
                if (inTime) {
                    return BAD_DURATION;
                }
                inTime = true;
                i++;
                continue;
            }
            long n = 0;
            int digitsStart = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (i - digitsStart > 9) {
                    return BAD_DURATION;
                }
                n = n * 10 + (b[i] - '0');
                i++;
            }
            if (i == digitsStart || i >= to) {
                return BAD_DURATION;
            }
            byte unit = PropertyName.upper(b[i++]);
            if (!inTime && unit == 'W') {
                seconds += n * 7 * 86_400;
            } else if (!inTime && unit == 'D') {
                seconds += n * 86_400;
            } else if (inTime && unit == 'H') {
                seconds += n * 3_600;
            } else if (inTime && unit == 'M') {
                seconds += n * 60;
            } else if (inTime && unit == 'S') {
                seconds += n;
            } else {
                return BAD_DURATION;
            }
            any = true;
        }
        if (!any) {
            return BAD_DURATION;
        }
        return negative ? -seconds : seconds;
    }

    /** A UTC-OFFSET value ({@code +hhmm[ss]}, also "+hh:mm") in seconds; {@link #BAD_OFFSET} when malformed. */
    static int offsetSeconds(byte[] b, int from, int to) {
        while (from < to && b[from] == ' ') {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        int i = from;
        int sign = 1;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            sign = b[i] == '-' ? -1 : 1;
            i++;
        }
        int value = 0;
        int digits = 0;
        for (; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                digits++;
            } else if (c != ':') {
                return BAD_OFFSET;
            }
        }
        int seconds;
        if (digits == 4) {
            seconds = value / 100 * 3600 + value % 100 * 60;
        } else if (digits == 6) {
            seconds = value / 10000 * 3600 + value / 100 % 100 * 60 + value % 100;
        } else if (digits == 2) {
            seconds = value * 3600;
        } else {
            return BAD_OFFSET;
        }
        if (seconds > 18 * 3600) {
            return BAD_OFFSET;
        }
        return sign * seconds;
    }
}
