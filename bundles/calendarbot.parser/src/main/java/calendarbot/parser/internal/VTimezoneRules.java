package calendarbot.parser.internal;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneOffsetTransitionRule.TimeDefinition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * java.time rules built from a VTIMEZONE's STANDARD and DAYLIGHT observances (RFC 5545 3.6.5), for
 * TZIDs no name table knows ("Customized Time Zone", made-up names). Each observance's DTSTART and
 * RDATEs are onsets; a yearly RRULE with UNTIL or COUNT is expanded, and the open-ended STANDARD and
 * DAYLIGHT rules become the ZoneRules' last rules, so the zone works for any future year.
 */
final class VTimezoneRules {

    /** One STANDARD or DAYLIGHT sub-component. */
    static final class Observance {
        final boolean daylight;
        int from = DateTimeValues.BAD_OFFSET;
        int to = DateTimeValues.BAD_OFFSET;
        LocalDateTime start;
        final List<String> rrules = new ArrayList<>(1);
        final List<LocalDateTime> rdates = new ArrayList<>(0);

        Observance(boolean daylight) {
            this.daylight = daylight;
        }
    }

    private static final int CACHE_SIZE = 64;
    private static final int MAX_YEARS = 500;

    /** Built rules by block content: the same blocks come back at every refresh of every source. */
    private static final Map<String, ZoneRules> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ZoneRules> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private VTimezoneRules() {
    }

    /** The rules of these observances, from the cache when the same block was built before. */
    static ZoneRules of(List<Observance> observances) {
        String key = key(observances);
        synchronized (CACHE) {
            ZoneRules cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ZoneRules rules = build(observances);
        synchronized (CACHE) {
            CACHE.put(key, rules);
        }
        return rules;
    }

    static int cacheSize() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    private static String key(List<Observance> observances) {
        StringBuilder key = new StringBuilder(64 * observances.size());
        for (Observance o : observances) {
            key.append(o.daylight ? 'D' : 'S').append(o.from).append(',').append(o.to).append(',').append(o.start)
                    .append(',').append(o.rrules).append(',').append(o.rdates).append(';');
        }
        return key.toString();
    }

    /**
     * Builds the rules.
     *
     * @throws IllegalArgumentException with a reason when the observances cannot make a zone
     */
    static ZoneRules build(List<Observance> observances) {
        if (observances.isEmpty()) {
            throw new IllegalArgumentException("VTIMEZONE has no STANDARD or DAYLIGHT");
        }
        List<Yearly> yearly = new ArrayList<>();
        Yearly lastStandard = null;
        Yearly lastDaylight = null;
        for (Observance o : observances) {
            if (o.from == DateTimeValues.BAD_OFFSET || o.to == DateTimeValues.BAD_OFFSET) {
                throw new IllegalArgumentException((o.daylight ? "DAYLIGHT" : "STANDARD") + " without a valid TZOFFSETFROM/TZOFFSETTO");
            }
            if (o.start == null) {
                throw new IllegalArgumentException((o.daylight ? "DAYLIGHT" : "STANDARD") + " without a valid DTSTART");
            }
            for (String rrule : o.rrules) {
                Yearly rule = Yearly.parse(rrule, o);
                yearly.add(rule);
                if (rule.open()) {
                    if (o.daylight && (lastDaylight == null || o.start.isAfter(lastDaylight.observance.start))) {
                        lastDaylight = rule;
                    } else if (!o.daylight && (lastStandard == null || o.start.isAfter(lastStandard.observance.start))) {
                        lastStandard = rule;
                    }
                }
            }
        }

        List<long[]> onsets = new ArrayList<>(); // {epochSecond, from, to}
        int endYear = Integer.MIN_VALUE;
        for (Observance o : observances) {
            onsets.add(onset(o.start, o.from, o.to));
            endYear = Math.max(endYear, o.start.getYear());
            for (LocalDateTime rdate : o.rdates) {
                onsets.add(onset(rdate, o.from, o.to));
                endYear = Math.max(endYear, rdate.getYear());
            }
        }
        for (Yearly rule : yearly) {
            if (!rule.open()) {
                endYear = Math.max(endYear, rule.expand(onsets, Integer.MAX_VALUE));
            }
        }
        for (Yearly rule : yearly) {
            if (rule.open()) {
                rule.expand(onsets, endYear);
            }
        }
        onsets.sort(Comparator.comparingLong(o -> o[0]));

        ZoneOffset baseWall = offset((int) onsets.get(0)[1]);
        ZoneOffset wall = baseWall;
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        for (long[] onset : onsets) {
            ZoneOffset after = offset((int) onset[2]);
            if (!after.equals(wall)) {
                transitions.add(ZoneOffsetTransition.of(LocalDateTime.ofEpochSecond(onset[0], 0, wall), wall, after));
                wall = after;
            }
        }

        ZoneOffset standard = lastStandard != null ? offset(lastStandard.observance.to) : standardOf(observances, baseWall);
        List<ZoneOffsetTransitionRule> lastRules = new ArrayList<>(2);
        if (lastStandard != null && lastDaylight != null) {
            lastRules.add(lastDaylight.transitionRule(standard));
            lastRules.add(lastStandard.transitionRule(standard));
            lastRules.sort(Comparator.comparingLong(r -> r.createTransition(2001).toEpochSecond()));
        }
        if (transitions.isEmpty() && lastRules.isEmpty()) {
            return ZoneRules.of(wall);
        }
        if (transitions.isEmpty()) {
            // java.time ignores the last rules of a zone without a single transition
            throw new IllegalArgumentException("VTIMEZONE rules never change the offset");
        }
        return ZoneRules.of(standard, baseWall, List.of(), transitions, lastRules);
    }

    private static ZoneOffset standardOf(List<Observance> observances, ZoneOffset fallback) {
        for (int i = observances.size() - 1; i >= 0; i--) {
            if (!observances.get(i).daylight) {
                return offset(observances.get(i).to);
            }
        }
        return fallback;
    }

    private static long[] onset(LocalDateTime local, int from, int to) {
        return new long[] {local.toEpochSecond(offset(from)), from, to};
    }

    private static ZoneOffset offset(int seconds) {
        return ZoneOffset.ofTotalSeconds(seconds);
    }

    /** An observance's FREQ=YEARLY rule. */
    private static final class Yearly {
        final Observance observance;
        int month;
        int ordinal;
        DayOfWeek dayOfWeek;
        int[] monthDays;
        long until = Long.MAX_VALUE;
        int count = -1;

        Yearly(Observance observance) {
            this.observance = observance;
        }

        boolean open() {
            return until == Long.MAX_VALUE && count < 0;
        }

        static Yearly parse(String rrule, Observance o) {
            Yearly rule = new Yearly(o);
            boolean yearly = false;
            for (String part : rrule.split(";")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = part.substring(0, eq).trim().toUpperCase(Locale.ROOT);
                String value = part.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
                try {
                    switch (name) {
                        case "FREQ":
                            yearly = value.equals("YEARLY");
                            break;
                        case "INTERVAL":
                            if (Integer.parseInt(value) != 1) {
                                throw new IllegalArgumentException("unsupported time zone rule " + rrule);
                            }
                            break;
                        case "BYMONTH":
                            rule.month = Integer.parseInt(value.split(",")[0]);
                            break;
                        case "BYDAY":
                            rule.byDay(value.split(",")[0], rrule);
                            break;
                        case "BYMONTHDAY":
                            rule.monthDays = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).sorted().toArray();
                            break;
                        case "UNTIL":
                            byte[] b = value.getBytes(StandardCharsets.US_ASCII);
                            long packed = DateTimeValues.parse(b, 0, b.length);
                            if (packed == DateTimeValues.BAD) {
                                throw new IllegalArgumentException("bad UNTIL in time zone rule " + rrule);
                            }
                            rule.until = !DateTimeValues.hasTime(packed)
                                    ? DateTimeValues.date(packed).atTime(23, 59, 59).toEpochSecond(offset(o.from))
                                    : DateTimeValues.dateTime(packed).toEpochSecond(
                                            DateTimeValues.isUtc(packed) ? ZoneOffset.UTC : offset(o.from));
                            break;
                        case "COUNT":
                            rule.count = Integer.parseInt(value);
                            break;
                        default:
                            break;
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad time zone rule " + rrule);
                }
            }
            if (!yearly) {
                throw new IllegalArgumentException("time zone rule is not FREQ=YEARLY: " + rrule);
            }
            if (rule.month < 0 || rule.month > 12) {
                throw new IllegalArgumentException("bad BYMONTH in time zone rule " + rrule);
            }
            if (rule.month == 0) {
                rule.month = o.start.getMonthValue();
            }
            if (rule.monthDays != null && (rule.monthDays[0] < 1 || rule.monthDays[rule.monthDays.length - 1] > 31)) {
                throw new IllegalArgumentException("bad BYMONTHDAY in time zone rule " + rrule);
            }
            return rule;
        }

        private void byDay(String value, String rrule) {
            if (value.length() < 2) {
                throw new IllegalArgumentException("bad BYDAY in time zone rule " + rrule);
            }
            String day = value.substring(value.length() - 2);
            String number = value.substring(0, value.length() - 2);
            switch (day) {
                case "MO": dayOfWeek = DayOfWeek.MONDAY; break;
                case "TU": dayOfWeek = DayOfWeek.TUESDAY; break;
                case "WE": dayOfWeek = DayOfWeek.WEDNESDAY; break;
                case "TH": dayOfWeek = DayOfWeek.THURSDAY; break;
                case "FR": dayOfWeek = DayOfWeek.FRIDAY; break;
                case "SA": dayOfWeek = DayOfWeek.SATURDAY; break;
                case "SU": dayOfWeek = DayOfWeek.SUNDAY; break;
                default: throw new IllegalArgumentException("bad BYDAY in time zone rule " + rrule);
            }
            ordinal = number.isEmpty() ? 0 : Integer.parseInt(number.startsWith("+") ? number.substring(1) : number);
            if (ordinal < -4 || ordinal > 5) {
                throw new IllegalArgumentException("bad BYDAY in time zone rule " + rrule);
            }
        }

        /** The onset date in {@code year}, or null when the rule has none that year. */
        LocalDate dateIn(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            if (dayOfWeek != null) {
                if (monthDays != null) {
                    for (int d : monthDays) {
                        if (d <= first.lengthOfMonth() && first.withDayOfMonth(d).getDayOfWeek() == dayOfWeek) {
                            return first.withDayOfMonth(d);
                        }
                    }
                    return null;
                }
                if (ordinal >= 5 || ordinal == -1) {
                    // Outlook writes 5SU for "the last Sunday"
                    return first.with(TemporalAdjusters.lastInMonth(dayOfWeek));
                }
                return first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal == 0 ? 1 : ordinal, dayOfWeek));
            }
            int day = monthDays != null ? monthDays[0] : observance.start.getDayOfMonth();
            return day > first.lengthOfMonth() ? null : first.withDayOfMonth(day);
        }

        /** Adds the onsets after DTSTART up to {@code lastYear}, UNTIL or COUNT; returns the last year added. */
        int expand(List<long[]> onsets, int lastYear) {
            LocalDateTime start = observance.start;
            int added = 1; // DTSTART is the first onset (RFC 5545 3.8.5.3)
            int last = start.getYear();
            int stop = (int) Math.min((long) lastYear, (long) start.getYear() + MAX_YEARS);
            for (int year = start.getYear(); year <= stop; year++) {
                if (count >= 0 && added >= count) {
                    break;
                }
                LocalDate date = dateIn(year);
                if (date == null) {
                    continue;
                }
                LocalDateTime at = date.atTime(start.toLocalTime());
                if (!at.isAfter(start)) {
                    continue;
                }
                long[] onset = onset(at, observance.from, observance.to);
                if (onset[0] > until) {
                    break;
                }
                onsets.add(onset);
                added++;
                last = year;
            }
            return last;
        }

        ZoneOffsetTransitionRule transitionRule(ZoneOffset standard) {
            int indicator;
            DayOfWeek dow = dayOfWeek;
            if (dayOfWeek != null && monthDays != null) {
                indicator = monthDays[0];
            } else if (dayOfWeek != null) {
                if (ordinal >= 5 || ordinal == -1) {
                    indicator = -1;
                } else if (ordinal < 0) {
                    indicator = -1 + (ordinal + 1) * 7;
                } else {
                    indicator = 1 + (Math.max(ordinal, 1) - 1) * 7;
                }
            } else {
                indicator = monthDays != null ? monthDays[0] : observance.start.getDayOfMonth();
            }
            return ZoneOffsetTransitionRule.of(java.time.Month.of(month), indicator, dow,
                    observance.start.toLocalTime(), false, TimeDefinition.WALL, standard, offset(observance.from),
                    offset(observance.to));
        }
    }
}
