package calendarbot.rrule.internal;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One expansion of one source's events inside one window: groups the events by UID, expands each master with
 * its overrides, keeps singles that overlap the window, and sorts the result by start, end and id.
 * Not thread-safe; one instance per run.
 */
final class FeedExpansion {

    /** Raw periods one rule may walk: far more than any real rule needs inside a 13-month window. */
    static final long MAX_PERIODS_PER_RULE = 1_000_000;
    private static final int MAX_PROBLEMS = 50;
    private static final long DAY = 86_400;
    /** More than any zone's offset change (a few historical zones jumped two hours). */
    private static final long DST_MARGIN = 3 * 3600;
    /**
     * Outlook writes an all-day series' UNTIL as the organizer's midnight that starts the last day, in UTC: from 10:00Z
     * the day before (UTC+14) to 11:00Z that day (UTC-11). Moved by 13 hours, the organizer's offsets from -10:59 to
     * +13:00 (Hawaii to Tonga and New Zealand's summer) fall on the last day itself, whatever the kiosk's zone.
     */
    static final long OUTLOOK_UNTIL_SHIFT = 13 * 3600;

    private final String sourceId;
    private final long from, to;
    private final ZoneId dateZone;
    private final ZoneRules dateRules;
    private final int cap;
    private final long budgetNanos;
    private final long maxPeriods;
    private final int maxOccurrences;

    private final ArrayList<Occurrence> out = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    private int series, seriesCapped, seriesOverBudget;

    // the series being expanded
    private ParsedEvent master;
    private boolean allDay;
    private ZoneOffsetConverter offsets;
    private long masterLength;
    private long[] exInstants, exDays;
    private Map<Long, ParsedEvent> overriddenInstants, overriddenDays;
    private ThisAndFuture futures;
    private final ArrayList<Occurrence> seriesOut = new ArrayList<>();
    /** Several rules, RDATEs or a DST gap may name one slot twice. */
    private boolean mayRepeat;

    FeedExpansion(String sourceId, ExpansionWindow window) {
        this(sourceId, window, MAX_PERIODS_PER_RULE, Integer.MAX_VALUE);
    }

    FeedExpansion(String sourceId, ExpansionWindow window, long maxPeriods, int maxOccurrences) {
        this.sourceId = sourceId;
        this.from = window.from().getEpochSecond();
        this.to = window.to().getEpochSecond();
        this.dateZone = window.dateZone();
        this.dateRules = dateZone.getRules();
        this.cap = Math.max(1, window.maxOccurrencesPerRule());
        this.budgetNanos = Math.max(1, window.timeBudgetMillis()) * 1_000_000L;
        this.maxPeriods = maxPeriods;
        this.maxOccurrences = maxOccurrences;
    }

    /** A feed whose window holds more occurrences than the configured bound: refused, not held in memory. */
    static final class TooManyOccurrences extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyOccurrences(int bound) {
            super("more than " + bound + " occurrences in the window (calendarbot.rrule maxOccurrencesPerFeed)", null,
                    false, false);
        }
    }

    private void bounded() {
        if (out.size() > maxOccurrences) {
            throw new TooManyOccurrences(maxOccurrences);
        }
    }

    private static final class Group {
        final List<ParsedEvent> masters = new ArrayList<>(1);
        final List<ParsedEvent> overrides = new ArrayList<>(2);
    }

    Expansion run(List<ParsedEvent> events) {
        long t0 = System.nanoTime();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (ParsedEvent e : events) {
            if (e == null || e.start() == null || e.start().local() == null) {
                continue;
            }
            if (e.isOverride()) {
                groups.computeIfAbsent(e.uid(), k -> new Group()).overrides.add(e);
            } else if (e.isRecurring()) {
                groups.computeIfAbsent(e.uid(), k -> new Group()).masters.add(e);
            } else {
                single(e, null, null);
            }
        }
        for (Group g : groups.values()) {
            for (ParsedEvent m : g.masters) {
                expandSeries(m, g.overrides);
            }
            for (ParsedEvent o : g.overrides) {
                if (g.masters.isEmpty()) {
                    single(o, null, null); // RFC 5545 leaves it open; the kiosk shows it like a single event
                } else {
                    // A cancelled override still replaces its instance (as STATUS:CANCELLED): the selector never
                    // shows it, and check-feed lists it as what the feed says.
                    single(o, g.masters.get(0), zoneOf(g.masters.get(0).start()));
                }
            }
        }
        Occurrence[] sorted = OccurrenceOrder.sort(out);
        if (problemCount > problems.size()) {
            problems.add("... and " + (problemCount - problems.size()) + " more problems");
        }
        return new Expansion(List.of(sorted), series, seriesCapped, seriesOverBudget, List.copyOf(problems),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** A single event, or an override (of {@code master}, when known) shown at its own time. */
    private void single(ParsedEvent e, ParsedEvent master, ZoneRules masterZone) {
        long start = instant(e.start(), masterZone);
        long end = endOf(e, start, e.start().date() ? localOf(e.start().local()) : 0, e.length());
        long originalStart = e.isOverride() ? ridInstant(e.recurrenceId(), master) : start;
        if (overlaps(start, end)) {
            out.add(new Occurrence(sourceId, e, start, end, originalStart, e.isAllDay()));
            bounded();
        }
    }

    private void expandSeries(ParsedEvent m, List<ParsedEvent> overrides) {
        series++;
        long deadline = System.nanoTime() + budgetNanos;
        master = m;
        allDay = m.isAllDay();
        ZoneRules zone = zoneOf(m.start());
        offsets = new ZoneOffsetConverter(zone == null ? dateRules : zone);
        Duration len = m.length();
        masterLength = len.isNegative() ? 0 : len.getSeconds();
        long dtLocal = localOf(m.start().local());
        if (allDay) {
            dtLocal = Math.floorDiv(dtLocal, DAY) * DAY;
        }

        exInstants = new long[m.exdates().size()];
        exDays = new long[m.exdates().size()];
        int ni = 0, nd = 0;
        for (EventTime ex : m.exdates()) {
            if (ex == null || ex.local() == null) {
                continue;
            }
            if (ex.date() || allDay) {
                exDays[nd++] = Math.floorDiv(localOf(ex.local()), DAY);
            } else {
                exInstants[ni++] = instant(ex, zone);
            }
        }
        exInstants = sortedPrefix(exInstants, ni);
        exDays = sortedPrefix(exDays, nd);

        overriddenInstants = Map.of();
        overriddenDays = Map.of();
        futures = new ThisAndFuture();
        for (ParsedEvent o : overrides) {
            EventTime rid = o.recurrenceId();
            long ridInstant = ridInstant(rid, m);
            if (rid.date() || allDay) {
                if (overriddenDays.isEmpty()) {
                    overriddenDays = new HashMap<>();
                }
                overriddenDays.put(Math.floorDiv(localOf(rid.local()), DAY), o);
            } else {
                if (overriddenInstants.isEmpty()) {
                    overriddenInstants = new HashMap<>();
                }
                overriddenInstants.put(ridInstant, o);
            }
            if (o.thisAndFuture()) {
                long oStart = instant(o.start(), zone);
                long shift = allDay
                        ? (Math.floorDiv(localOf(o.start().local()), DAY) - Math.floorDiv(localOf(rid.local()), DAY)) * DAY
                        : offsets.toLocal(oStart) - offsets.toLocal(ridInstant);
                futures.add(ridInstant, shift, Math.max(0, o.length().getSeconds()), o);
            }
        }
        futures.seal();
        long maxShift = futures.totalShift(), maxLength = Math.max(masterLength, futures.maxLength());

        seriesOut.clear();
        mayRepeat = false;
        boolean capped = false, overBudget = false;
        // slots whose occurrence can reach into the window; in wall-clock terms give or take a DST shift
        long genFrom = from - maxLength - maxShift;
        long genTo = to + maxShift;
        long genFromLocal = offsets.toLocal(genFrom) - DST_MARGIN;
        long genToLocal = offsets.toLocal(genTo) + DST_MARGIN;

        slot(dtLocal, offsets.toEpochSecond(dtLocal), -1, false);
        for (String text : m.rrules()) {
            RecurrenceRule rule;
            try {
                rule = RecurrenceRule.parse(text);
            } catch (RecurrenceRule.InvalidRuleException e) {
                problem(m, "RRULE '" + text + "' skipped: " + e.getMessage());
                continue;
            }
            mayRepeat |= m.rrules().size() > 1;
            RuleIterator it = new RuleIterator(rule, dtLocal, maxPeriods, deadline);
            it.fastForward(genFromLocal);
            long untilInstant = Long.MAX_VALUE, untilLocal = Long.MAX_VALUE, untilDay = Long.MAX_VALUE;
            switch (rule.untilKind) {
                case UTC -> {
                    untilInstant = rule.until.toEpochSecond(ZoneOffset.UTC);
                    if (allDay) {
                        untilDay = Math.floorDiv(untilInstant + OUTLOOK_UNTIL_SHIFT, DAY);
                    }
                }
                case FLOATING -> untilLocal = localOf(rule.until);
                case DATE -> untilLocal = localOf(rule.until) + DAY - 1;
                default -> { }
            }
            int inWindow = 0;
            long previous = Long.MIN_VALUE;
            while (true) {
                long v = it.next();
                if (v == RuleIterator.DONE || v > genToLocal || v > untilLocal) {
                    break;
                }
                if (v == dtLocal) {
                    continue; // DTSTART is already in the set
                }
                long instant = offsets.toEpochSecond(v);
                if (allDay ? Math.floorDiv(v, DAY) > untilDay : instant > untilInstant) {
                    break;
                }
                if (instant <= previous) {
                    mayRepeat = true; // a wall-clock time in a DST gap moved onto the next instance
                }
                previous = instant;
                if (slot(v, instant, -1, false) && ++inWindow > cap) {
                    capped = true;
                    break;
                }
            }
            if (it.stop() == RuleIterator.Stop.ITERATIONS) {
                capped = true;
                problem(m, "RRULE '" + text + "' cut after " + it.periods() + " steps without reaching the window's end");
            } else if (it.stop() == RuleIterator.Stop.BUDGET) {
                overBudget = true;
                problem(m, "RRULE '" + text + "' cut after the time budget of " + (budgetNanos / 1_000_000) + " ms");
            }
        }
        if (!m.rdates().isEmpty()) {
            mayRepeat = true;
            for (RecurrenceDate rd : m.rdates()) {
                if (rd == null || rd.start() == null || rd.start().local() == null) {
                    continue;
                }
                long slotLocal, slotInstant;
                if (allDay || rd.start().date()) {
                    // a DATE in a DATE-TIME series is an instance at midnight of that date in the series' zone
                    slotLocal = Math.floorDiv(localOf(rd.start().local()), DAY) * DAY;
                    slotInstant = offsets.toEpochSecond(slotLocal);
                } else {
                    slotInstant = instant(rd.start(), zone);
                    slotLocal = offsets.toLocal(slotInstant);
                }
                long own = rd.duration() == null ? -1 : Math.max(0, rd.duration().getSeconds());
                slot(slotLocal, slotInstant, own, true);
            }
        }

        if (mayRepeat && seriesOut.size() > 1) {
            seriesOut.sort(Comparator.comparingLong(Occurrence::originalStart));
            int unique = 0;
            for (int i = 0; i < seriesOut.size(); i++) {
                if (unique == 0 || seriesOut.get(unique - 1).originalStart() != seriesOut.get(i).originalStart()) {
                    seriesOut.set(unique++, seriesOut.get(i));
                }
            }
            seriesOut.subList(unique, seriesOut.size()).clear();
        }
        if (seriesOut.size() > cap) {
            seriesOut.sort(OccurrenceOrder.ORDER);
            seriesOut.subList(cap, seriesOut.size()).clear();
            capped = true;
        }
        out.addAll(seriesOut);
        bounded();
        if (capped) {
            seriesCapped++;
        }
        if (overBudget) {
            seriesOverBudget++;
        }
    }

    /**
     * One slot of the series; true when it became an occurrence inside the window.
     *
     * @param ownLength an RDATE period's length, or -1
     * @param rdate an RDATE's slot, which THISANDFUTURE overrides leave where it is
     */
    private boolean slot(long slotLocal, long slotInstant, long ownLength, boolean rdate) {
        long day = Math.floorDiv(slotLocal, DAY);
        if (excluded(exDays, day) || !allDay && excluded(exInstants, slotInstant)) {
            return false;
        }
        if (!overriddenInstants.isEmpty() && overriddenInstants.containsKey(slotInstant)
                || !overriddenDays.isEmpty() && overriddenDays.containsKey(day)) {
            return false;
        }
        ParsedEvent event = master;
        long startLocal = slotLocal, start = slotInstant;
        long length = ownLength >= 0 ? ownLength : masterLength;
        if (!rdate && !futures.isEmpty()) {
            if (!futures.place(slotLocal, slotInstant, masterLength, master, offsets, allDay, overriddenInstants,
                    overriddenDays)) {
                return false;
            }
            event = futures.event;
            startLocal = futures.startLocal;
            start = futures.start;
            length = futures.length;
        }
        long end = allDay && length % DAY == 0
                ? offsets.toEpochSecond(Math.floorDiv(startLocal, DAY) * DAY + length)
                : start + length;
        if (!overlaps(start, end)) {
            return false;
        }
        seriesOut.add(new Occurrence(sourceId, event, start, end, slotInstant, allDay));
        return true;
    }

    private static boolean excluded(long[] sorted, long v) {
        int n = sorted.length;
        return n > 0 && v >= sorted[0] && v <= sorted[n - 1] && Arrays.binarySearch(sorted, v) >= 0;
    }

    private boolean overlaps(long start, long end) {
        return start < to && (end > from || start >= from);
    }

    /** A value's zone; a floating time takes the master's zone when given, else the kiosk's. */
    private ZoneRules zoneOf(EventTime t) {
        if (t == null || t.date()) {
            return null;
        }
        return t.zone();
    }

    private long instant(EventTime t, ZoneRules fallback) {
        if (t.date()) {
            return dateOffsets().toEpochSecond(Math.floorDiv(localOf(t.local()), DAY) * DAY);
        }
        ZoneRules rules = t.zone() != null ? t.zone() : fallback != null ? fallback : dateRules;
        return EventTime.toInstant(t.local(), rules).getEpochSecond();
    }

    /**
     * The slot a RECURRENCE-ID names: its instant; for an all-day master midnight of its date in the kiosk's
     * zone; a DATE on a timed master names that day at DTSTART's time of day.
     */
    private long ridInstant(EventTime rid, ParsedEvent master) {
        if (master == null) {
            return instant(rid, null);
        }
        long day = Math.floorDiv(localOf(rid.local()), DAY);
        if (master.isAllDay()) {
            return dateOffsets().toEpochSecond(day * DAY);
        }
        ZoneRules zone = zoneOf(master.start());
        if (rid.date()) {
            long timeOfDay = Math.floorMod(localOf(master.start().local()), DAY);
            return EventTime.toInstant(LocalDateTime.ofEpochSecond(day * DAY + timeOfDay, 0, ZoneOffset.UTC),
                    zone != null ? zone : dateRules).getEpochSecond();
        }
        return instant(rid, zone);
    }

    private ZoneOffsetConverter dateOffsets;

    /** Midnights of the kiosk's zone, where all-day dates become instants. */
    private ZoneOffsetConverter dateOffsets() {
        if (dateOffsets == null) {
            dateOffsets = new ZoneOffsetConverter(dateRules);
        }
        return dateOffsets;
    }

    private long endOf(ParsedEvent e, long start, long startLocal, Duration length) {
        long seconds = Math.max(0, length.getSeconds());
        if (e.start().date() && seconds % DAY == 0) {
            return dateOffsets().toEpochSecond(Math.floorDiv(startLocal, DAY) * DAY + seconds);
        }
        return start + seconds;
    }

    private static long localOf(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    private static long[] sortedPrefix(long[] a, int n) {
        long[] r = n == a.length ? a : Arrays.copyOf(a, n);
        Arrays.sort(r);
        return r;
    }

    private void problem(ParsedEvent e, String what) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(sourceId + ": event " + e.uid() + " (line " + e.line() + "): " + what);
        }
    }
}
