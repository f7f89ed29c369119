package calendarbot.rrule.internal;

import java.util.Arrays;

/**
 * Walks one RRULE from DTSTART in wall-clock time and yields its instances in ascending order as "local
 * epoch seconds" (the wall-clock date-time read as if it were UTC). Zones, UNTIL, windows and exceptions are
 * the caller's business; COUNT is counted here because it is counted from DTSTART.
 *
 * <p>The set of one period (a year, month, week, day, hour, minute or second, per FREQ) is built by
 * filtering its days with the BYxxx parts, which gives exactly RFC 5545 3.3.10's table of "expand" and
 * "limit" columns, then crossing the days with the times of day; BYSETPOS picks from that set. Everything
 * is primitive arithmetic on epoch days: no object per candidate.
 */
final class RuleIterator {

    static final long DONE = Long.MIN_VALUE;

    enum Stop { NONE, ENDED, ITERATIONS, BUDGET }

    private static final int LAST_YEAR = 9999;
    private static final long LAST_DAY = daysFromCivil(LAST_YEAR, 12, 31);

    private final int freq;
    private final long step;
    private final long dtstart;
    private final long count;
    private long emitted;

    private final int monthMask;
    private final boolean byDay;
    private final int weekdayMask;
    private final int[] nthWeekday, nthOrdinal;
    private final boolean byMonthDay;
    private final long monthDayPos, monthDayNeg;
    private final long[] yearDayPos, yearDayNeg;
    private final int[] weekNos;
    private final boolean nthInMonth;
    private final int wkst;
    private final int hourMask;
    private final long minuteMask, secondMask;
    private final int[] timeset;
    private final int[] setPos;
    private final boolean onePerPeriod;
    /** Whether a day's month, day of month or day of year matter, or only its weekday. */
    private final boolean needsCivil;

    private final long maxPeriods;
    private final long deadlineNanos;
    private long periods;
    private Stop stop = Stop.NONE;

    // the year whose masks are cached
    private int cYear = Integer.MIN_VALUE;
    private long cJan1;
    private int cYearLen;
    private final long[] cNth = new long[6];
    // civil fields of the last decomposed day
    private int dy, dm, dd;

    private long period;
    private final int[] days = new int[53 * 7];
    private int nDays;
    private int timeOffset;
    private long[] posBuf;
    private int nPos;
    private int di, ti, pi;
    private boolean loaded;
    private long okDay = Long.MIN_VALUE;
    private boolean okDayResult;

    /**
     * @param dtstartLocal DTSTART as local epoch seconds (a DATE is midnight)
     * @param maxPeriods raw iterations allowed before giving up
     * @param deadlineNanos System.nanoTime() after which the walk gives up
     */
    RuleIterator(RecurrenceRule rule, long dtstartLocal, long maxPeriods, long deadlineNanos) {
        this.freq = rule.freq;
        this.dtstart = dtstartLocal;
        this.count = rule.count;
        this.maxPeriods = maxPeriods;
        this.deadlineNanos = deadlineNanos;
        this.wkst = rule.wkst;

        long startDay = Math.floorDiv(dtstartLocal, 86400);
        int sod = (int) Math.floorMod(dtstartLocal, 86400);
        civil(startDay);
        int startYear = dy, startMonth = dm, startDom = dd;
        int startWeekday = weekday(startDay);

        int[] byMonth = rule.byMonth;
        int[] byMonthDayList = rule.byMonthDay;
        int[] byDayWd = rule.byDayWeekday;
        int[] byDayOrd = rule.byDayOrdinal;
        boolean noDayParts = rule.byWeekNo.length == 0 && rule.byYearDay.length == 0
                && rule.byMonthDay.length == 0 && !rule.hasByDay();
        // RFC 5545 3.3.10: missing parts are taken from DTSTART
        if (noDayParts) {
            if (freq == RecurrenceRule.YEARLY) {
                if (byMonth.length == 0) {
                    byMonth = new int[] {startMonth};
                }
                byMonthDayList = new int[] {startDom};
            } else if (freq == RecurrenceRule.MONTHLY) {
                byMonthDayList = new int[] {startDom};
            } else if (freq == RecurrenceRule.WEEKLY) {
                byDayWd = new int[] {startWeekday};
                byDayOrd = new int[] {0};
            }
        }
        // YEARLY;BYMONTHDAY=15 without BYMONTH: RFC 5545 3.3.10's table expands BYMONTHDAY over the year, so the
        // 15th of every month (python-dateutil, libical); lib-recur, ical4j and ical.js confine it to DTSTART's month
        if (freq == RecurrenceRule.YEARLY && rule.byWeekNo.length > 0 && byDayWd.length == 0
                && rule.byMonthDay.length == 0 && rule.byYearDay.length == 0) {
            // likewise the weekday of BYWEEKNO=20 comes from DTSTART (lib-recur); dateutil takes the whole week
            byDayWd = new int[] {startWeekday};
            byDayOrd = new int[] {0};
        }
        int mm = 0;
        for (int m : byMonth) {
            mm |= 1 << m;
        }
        this.monthMask = mm;
        this.byDay = byDayWd.length > 0;
        int wdm = 0;
        int nNth = 0;
        for (int i = 0; i < byDayWd.length; i++) {
            if (byDayOrd[i] == 0) {
                wdm |= 1 << byDayWd[i];
            } else {
                nNth++;
            }
        }
        this.weekdayMask = wdm;
        this.nthWeekday = new int[nNth];
        this.nthOrdinal = new int[nNth];
        for (int i = 0, j = 0; i < byDayWd.length; i++) {
            if (byDayOrd[i] != 0) {
                nthWeekday[j] = byDayWd[i];
                nthOrdinal[j++] = byDayOrd[i];
            }
        }
        this.byMonthDay = byMonthDayList.length > 0;
        long pos = 0, neg = 0;
        for (int d : byMonthDayList) {
            if (d > 0) {
                pos |= 1L << d;
            } else {
                neg |= 1L << -d;
            }
        }
        this.monthDayPos = pos;
        this.monthDayNeg = neg;
        if (rule.byYearDay.length > 0) {
            yearDayPos = new long[6];
            yearDayNeg = new long[6];
            for (int d : rule.byYearDay) {
                set(d > 0 ? yearDayPos : yearDayNeg, Math.abs(d));
            }
        } else {
            yearDayPos = null;
            yearDayNeg = null;
        }
        this.weekNos = rule.byWeekNo.length > 0 ? rule.byWeekNo : null;
        // numbered BYDAY counts within the month for MONTHLY and for YEARLY with BYMONTH, else within the year
        this.nthInMonth = freq == RecurrenceRule.MONTHLY || rule.byMonth.length > 0;

        int startHour = sod / 3600, startMinute = sod / 60 % 60, startSecond = sod % 60;
        int[] hours = rule.byHour.length > 0 ? rule.byHour : new int[] {startHour};
        int[] minutes = rule.byMinute.length > 0 ? rule.byMinute : new int[] {startMinute};
        int[] seconds = rule.bySecond.length > 0 ? rule.bySecond : new int[] {startSecond};
        int hm = 0;
        long minm = 0, secm = 0;
        if (freq >= RecurrenceRule.HOURLY && rule.byHour.length > 0) {
            for (int h : hours) {
                hm |= 1 << h;
            }
        }
        if (freq >= RecurrenceRule.MINUTELY && rule.byMinute.length > 0) {
            for (int m : minutes) {
                minm |= 1L << m;
            }
        }
        if (freq == RecurrenceRule.SECONDLY && rule.bySecond.length > 0) {
            for (int s : seconds) {
                secm |= 1L << s;
            }
        }
        this.hourMask = hm;
        this.minuteMask = minm;
        this.secondMask = secm;
        switch (freq) {
            case RecurrenceRule.HOURLY -> timeset = cross(new int[] {0}, minutes, seconds);
            case RecurrenceRule.MINUTELY -> timeset = seconds.clone();
            case RecurrenceRule.SECONDLY -> timeset = new int[] {0};
            default -> timeset = cross(hours, minutes, seconds);
        }
        this.needsCivil = monthMask != 0 || byMonthDay || yearDayPos != null || nthWeekday.length > 0;
        this.setPos = rule.bySetPos;
        this.posBuf = new long[Math.max(1, setPos.length)];

        boolean noBy = noDayParts && rule.byMonth.length == 0 && rule.byHour.length == 0
                && rule.byMinute.length == 0 && rule.bySecond.length == 0 && rule.bySetPos.length == 0;
        this.onePerPeriod = noBy && switch (freq) {
            case RecurrenceRule.MONTHLY -> startDom <= 28;
            case RecurrenceRule.YEARLY -> !(startMonth == 2 && startDom == 29);
            default -> true;
        };

        switch (freq) {
            case RecurrenceRule.YEARLY -> period = startYear;
            case RecurrenceRule.MONTHLY -> period = startYear * 12L + startMonth - 1;
            case RecurrenceRule.WEEKLY -> period = startDay - Math.floorMod(startWeekday - wkst, 7);
            case RecurrenceRule.DAILY -> period = startDay;
            case RecurrenceRule.HOURLY -> period = startDay * 24 + startHour;
            case RecurrenceRule.MINUTELY -> period = startDay * 1440 + startHour * 60L + startMinute;
            default -> period = dtstartLocal;
        }
        this.step = freq == RecurrenceRule.WEEKLY ? 7L * rule.interval : rule.interval;
    }

    /** Why the walk ended: ENDED by COUNT or the calendar, or cut by ITERATIONS or BUDGET. */
    Stop stop() {
        return stop;
    }

    long periods() {
        return periods;
    }

    /**
     * Jumps whole INTERVAL periods so that the next instance is at most one period before
     * {@code targetLocal}. Without COUNT any rule can jump; with COUNT only a rule that yields exactly one
     * instance per period, whose skipped instances are then counted. Call before the first {@link #next()}.
     */
    void fastForward(long targetLocal) {
        if (loaded || emitted > 0 || (count >= 0 && !onePerPeriod)) {
            return;
        }
        long targetDay = Math.floorDiv(targetLocal, 86400);
        long target;
        switch (freq) {
            case RecurrenceRule.YEARLY -> {
                civil(targetDay);
                target = dy;
            }
            case RecurrenceRule.MONTHLY -> {
                civil(targetDay);
                target = dy * 12L + dm - 1;
            }
            case RecurrenceRule.WEEKLY -> target = targetDay - Math.floorMod(weekday(targetDay) - wkst, 7);
            case RecurrenceRule.DAILY -> target = targetDay;
            case RecurrenceRule.HOURLY -> target = Math.floorDiv(targetLocal, 3600);
            case RecurrenceRule.MINUTELY -> target = Math.floorDiv(targetLocal, 60);
            default -> target = targetLocal;
        }
        long k = (target - period) / step - 1;
        if (k <= 0) {
            return;
        }
        if (count >= 0) {
            k = Math.min(k, count);
            emitted += k;
        }
        period += k * step;
    }

    /** The next instance as local epoch seconds, or {@link #DONE}. */
    long next() {
        while (true) {
            if (loaded) {
                long v;
                if (setPos.length == 0) {
                    if (di < nDays) {
                        v = days[di] * 86400L + timeOffset + timeset[ti];
                        if (++ti == timeset.length) {
                            ti = 0;
                            di++;
                        }
                    } else {
                        v = DONE;
                    }
                } else {
                    v = pi < nPos ? posBuf[pi++] : DONE;
                }
                if (v != DONE) {
                    if (v < dtstart) {
                        continue;
                    }
                    if (count >= 0 && emitted >= count) {
                        stop = Stop.ENDED;
                        return DONE;
                    }
                    emitted++;
                    return v;
                }
                loaded = false;
                period += step;
            }
            if (stop != Stop.NONE) {
                return DONE;
            }
            if (count >= 0 && emitted >= count) {
                stop = Stop.ENDED;
                return DONE;
            }
            periods++;
            if (periods > maxPeriods) {
                stop = Stop.ITERATIONS;
                return DONE;
            }
            if ((periods & 255) == 0 && System.nanoTime() - deadlineNanos > 0) {
                stop = Stop.BUDGET;
                return DONE;
            }
            if (!load()) {
                if (stop != Stop.NONE) {
                    return DONE;
                }
            }
        }
    }

    /** Builds the current period's set; false (with period moved on) when it is empty. */
    private boolean load() {
        nDays = 0;
        timeOffset = 0;
        switch (freq) {
            case RecurrenceRule.YEARLY -> {
                if (period > LAST_YEAR) {
                    stop = Stop.ENDED;
                    return false;
                }
                int y = (int) period;
                if (weekNos != null) {
                    addWeeks(y);
                } else {
                    for (int m = 1; m <= 12; m++) {
                        if (monthMask == 0 || (monthMask & (1 << m)) != 0) {
                            addMonth(y, m);
                        }
                    }
                }
            }
            case RecurrenceRule.MONTHLY -> {
                int y = (int) Math.floorDiv(period, 12);
                int m = (int) Math.floorMod(period, 12) + 1;
                if (y > LAST_YEAR) {
                    stop = Stop.ENDED;
                    return false;
                }
                if (monthMask == 0 || (monthMask & (1 << m)) != 0) {
                    addMonth(y, m);
                }
            }
            case RecurrenceRule.WEEKLY -> {
                if (period > LAST_DAY) {
                    stop = Stop.ENDED;
                    return false;
                }
                for (int i = 0; i < 7; i++) {
                    long d = period + i;
                    if (dayMatches(d)) {
                        days[nDays++] = (int) d;
                    }
                }
            }
            case RecurrenceRule.DAILY -> {
                if (period > LAST_DAY) {
                    stop = Stop.ENDED;
                    return false;
                }
                if (dayMatches(period)) {
                    days[nDays++] = (int) period;
                }
            }
            default -> {
                return loadWithinDay();
            }
        }
        return finishLoad();
    }

    private boolean loadWithinDay() {
        long day, periodsPerDay;
        int hour, minute = 0, second = 0;
        switch (freq) {
            case RecurrenceRule.HOURLY -> {
                periodsPerDay = 24;
                day = Math.floorDiv(period, 24);
                hour = (int) Math.floorMod(period, 24);
            }
            case RecurrenceRule.MINUTELY -> {
                periodsPerDay = 1440;
                day = Math.floorDiv(period, 1440);
                int mod = (int) Math.floorMod(period, 1440);
                hour = mod / 60;
                minute = mod % 60;
            }
            default -> {
                periodsPerDay = 86400;
                day = Math.floorDiv(period, 86400);
                int mod = (int) Math.floorMod(period, 86400);
                hour = mod / 3600;
                minute = mod / 60 % 60;
                second = mod % 60;
            }
        }
        if (day != okDay) {
            okDay = day;
            if (day > LAST_DAY) {
                stop = Stop.ENDED;
                return false;
            }
            okDayResult = dayMatches(day);
        }
        // a failing day, hour or minute skips straight to the next one that can match
        long perHour = periodsPerDay / 24, perMinute = periodsPerDay / 1440;
        if (!okDayResult) {
            skipTo((day + 1) * periodsPerDay);
            return false;
        }
        if (hourMask != 0 && (hourMask & (1 << hour)) == 0) {
            skipTo(day * periodsPerDay + (hour + 1) * perHour);
            return false;
        }
        if (minuteMask != 0 && (minuteMask & (1L << minute)) == 0) {
            skipTo(day * periodsPerDay + hour * perHour + (minute + 1) * perMinute);
            return false;
        }
        if (secondMask != 0 && (secondMask & (1L << second)) == 0) {
            period += step;
            return false;
        }
        days[0] = (int) day;
        nDays = 1;
        timeOffset = hour * 3600 + minute * 60 + second;
        return finishLoad();
    }

    private void skipTo(long target) {
        if (target > period) {
            period += ((target - period + step - 1) / step) * step;
        } else {
            period += step;
        }
    }

    private boolean finishLoad() {
        if (nDays == 0) {
            period += step;
            return false;
        }
        di = 0;
        ti = 0;
        if (setPos.length > 0) {
            // RFC 5545: BYSETPOS numbers the whole set of the period, before DTSTART is applied
            long total = (long) nDays * timeset.length;
            nPos = 0;
            for (int p : setPos) {
                long idx = p > 0 ? p - 1 : total + p;
                if (idx >= 0 && idx < total) {
                    posBuf[nPos++] = days[(int) (idx / timeset.length)] * 86400L + timeOffset
                            + timeset[(int) (idx % timeset.length)];
                }
            }
            Arrays.sort(posBuf, 0, nPos);
            int unique = 0;
            for (int i = 0; i < nPos; i++) {
                if (unique == 0 || posBuf[unique - 1] != posBuf[i]) {
                    posBuf[unique++] = posBuf[i];
                }
            }
            nPos = unique;
            pi = 0;
            if (nPos == 0) {
                period += step;
                return false;
            }
        }
        loaded = true;
        return true;
    }

    private void addMonth(int y, int m) {
        long first = daysFromCivil(y, m, 1);
        int len = lengthOfMonth(y, m);
        if (y != cYear) {
            loadYear(y);
        }
        int doy = (int) (first - cJan1) + 1;
        int wd = weekday(first);
        for (int i = 0; i < len; i++) {
            if (dayMatches(y, m, i + 1, len, doy + i, wd)) {
                days[nDays++] = (int) (first + i);
            }
            if (++wd == 7) {
                wd = 0;
            }
        }
    }

    /**
     * BYWEEKNO: the days of the chosen weeks of week-year {@code y}, which may begin in December of the year
     * before or end in January of the year after (RFC 5545 3.3.10, as lib-recur reads it).
     */
    private void addWeeks(int y) {
        long w1 = week1Start(y), w1next = week1Start(y + 1);
        int weeks = (int) ((w1next - w1) / 7);
        for (int n : weekNos) {
            int week = n > 0 ? n : weeks + n + 1;
            if (week < 1 || week > weeks) {
                continue; // week 53 exists only in some years
            }
            long first = w1 + (week - 1) * 7L;
            for (int i = 0; i < 7; i++) {
                if (dayMatches(first + i)) {
                    days[nDays++] = (int) (first + i);
                }
            }
        }
        Arrays.sort(days, 0, nDays);
        int unique = 0;
        for (int i = 0; i < nDays; i++) {
            if (unique == 0 || days[unique - 1] != days[i]) {
                days[unique++] = days[i];
            }
        }
        nDays = unique;
    }

    private boolean dayMatches(long day) {
        if (!needsCivil) {
            return !byDay || (weekdayMask & (1 << weekday(day))) != 0;
        }
        civil(day);
        int y = dy, m = dm, dom = dd;
        if (y != cYear) {
            loadYear(y);
        }
        return dayMatches(y, m, dom, lengthOfMonth(y, m), (int) (day - cJan1) + 1, weekday(day));
    }

    /** The BYxxx filters for one day; the year's masks must be loaded. */
    private boolean dayMatches(int y, int m, int dom, int monthLength, int doy, int wd) {
        if (monthMask != 0 && (monthMask & (1 << m)) == 0) {
            return false;
        }
        if (byDay && (weekdayMask & (1 << wd)) == 0 && (nthWeekday.length == 0 || !get(cNth, doy))) {
            return false;
        }
        if (byMonthDay && ((monthDayPos >>> dom) & 1) == 0
                && ((monthDayNeg >>> (monthLength - dom + 1)) & 1) == 0) {
            return false;
        }
        if (yearDayPos != null && !get(yearDayPos, doy) && !get(yearDayNeg, cYearLen - doy + 1)) {
            return false;
        }
        return true;
    }

    private void loadYear(int y) {
        cYear = y;
        cJan1 = daysFromCivil(y, 1, 1);
        cYearLen = isLeap(y) ? 366 : 365;
        if (nthWeekday.length > 0) {
            Arrays.fill(cNth, 0);
            if (nthInMonth) {
                for (int m = 1; m <= 12; m++) {
                    long first = daysFromCivil(y, m, 1);
                    markNth(first, first + lengthOfMonth(y, m) - 1);
                }
            } else {
                markNth(cJan1, cJan1 + cYearLen - 1);
            }
        }
    }

    private void markNth(long first, long last) {
        for (int i = 0; i < nthWeekday.length; i++) {
            int wd = nthWeekday[i], n = nthOrdinal[i];
            long d = n > 0
                    ? first + Math.floorMod(wd - weekday(first), 7) + (n - 1) * 7L
                    : last - Math.floorMod(weekday(last) - wd, 7) + (n + 1) * 7L;
            if (d >= first && d <= last) {
                set(cNth, (int) (d - cJan1) + 1);
            }
        }
    }

    /** First day of week 1 (RFC 5545: the first week with at least four days of the year, weeks from WKST). */
    private long week1Start(int y) {
        long jan1 = daysFromCivil(y, 1, 1);
        int off = Math.floorMod(weekday(jan1) - wkst, 7);
        return 7 - off >= 4 ? jan1 - off : jan1 - off + 7;
    }

    private static int[] cross(int[] hours, int[] minutes, int[] seconds) {
        int[] out = new int[hours.length * minutes.length * seconds.length];
        int i = 0;
        for (int h : hours) {
            for (int m : minutes) {
                for (int s : seconds) {
                    out[i++] = h * 3600 + m * 60 + s;
                }
            }
        }
        return out;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    private static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** MO=0 .. SU=6; 1970-01-01 was a Thursday. */
    static int weekday(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7);
    }

    static boolean isLeap(int y) {
        return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    static int lengthOfMonth(int y, int m) {
        return m == 2 ? (isLeap(y) ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
    }

    /** Epoch day of a civil date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int y, int m, int d) {
        long yy = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(yy, 400);
        long yoe = yy - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Sets dy, dm, dd from an epoch day (H. Hinnant's civil_from_days). */
    private void civil(long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        dd = (int) (doy - (153 * mp + 2) / 5 + 1);
        dm = (int) (mp < 10 ? mp + 3 : mp - 9);
        dy = (int) (yoe + era * 400 + (dm <= 2 ? 1 : 0));
    }
}
