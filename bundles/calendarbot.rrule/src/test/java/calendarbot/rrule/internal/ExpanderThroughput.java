package calendarbot.rrule.internal;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.ParsedEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.RecurrenceRule.RfcMode;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * Benchmark, not a test: expands ~1000 synthetic series shaped like real Outlook/Google/iCloud feeds in a
 * 13-month window with a cap of 250 per series and prints occurrences per second; for scale it also walks
 * the same rules with lib-recur (rule iteration only, no zones or exceptions).
 *
 * <pre>
 * mvn -o -q -pl bundles/calendarbot.rrule test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=calendarbot.rrule.internal.ExpanderThroughput
 * </pre>
 */
public final class ExpanderThroughput {

    private static final String[] DAYS = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    private static final ZoneId[] ZONES = {ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
        ZoneId.of("UTC"), ZoneId.of("America/Los_Angeles")};

    public static void main(String[] args) throws Exception {
        int series = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        LocalDateTime now = LocalDateTime.of(2026, 3, 10, 12, 0);
        ZoneId kiosk = ZoneId.of("Europe/Berlin");
        ExpansionWindow window = new ExpansionWindow(now.minusDays(1).atZone(kiosk).toInstant(),
                now.plusDays(396).atZone(kiosk).toInstant(), kiosk, 250, 200);
        List<ParsedEvent> events = feed(series, now, new Random(42));
        long rules = events.stream().filter(ParsedEvent::isRecurring).count();

        Expansion e = null;
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) { // let C2 settle
            e = new FeedExpansion("bench", window).run(events);
        }
        int runs = 100;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            e = new FeedExpansion("bench", window).run(events);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / runs;
        int occurrences = e.occurrences().size();
        System.out.printf("calendarbot engine: %d events (%d series, %d overrides/singles), 13-month window, cap 250%n",
                events.size(), e.series(), events.size() - rules);
        System.out.printf("  %d occurrences in %.2f ms per feed (warm) = %,.0f occurrences/s; capped %d, over budget %d%n",
                occurrences, ms, occurrences / ms * 1000, e.seriesCapped(), e.seriesOverBudget());

        long libRecurCount = 0;
        for (long end = System.nanoTime() + 5_000_000_000L; System.nanoTime() < end; ) {
            libRecurCount = libRecur(events, window);
        }
        t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            libRecurCount = libRecur(events, window);
        }
        double libMs = (System.nanoTime() - t0) / 1e6 / runs;
        System.out.printf("lib-recur 0.17.1, rules only (fast-forward, UTC, no zones/exceptions/sort):%n");
        System.out.printf("  %d instances in %.2f ms per feed (warm) = %,.0f instances/s%n", libRecurCount, libMs,
                libRecurCount / libMs * 1000);
    }

    /** Series the way calendar servers write them, started up to five years ago, plus their exceptions. */
    static List<ParsedEvent> feed(int series, LocalDateTime now, Random r) {
        List<ParsedEvent> out = new ArrayList<>();
        for (int i = 0; i < series; i++) {
            ZoneId zone = ZONES[r.nextInt(ZONES.length)];
            LocalDateTime start = now.minusDays(r.nextInt(5 * 365)).withHour(7 + r.nextInt(11))
                    .withMinute(r.nextInt(4) * 15).withSecond(0);
            String dow = DAYS[start.getDayOfWeek().getValue() - 1];
            String rule;
            boolean allDay = false;
            int kind = r.nextInt(100);
            if (kind < 30) {
                rule = "FREQ=WEEKLY;BYDAY=" + dow + (r.nextBoolean() ? "" : "," + DAYS[r.nextInt(5)]);
            } else if (kind < 40) {
                rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + dow + ";WKST=SU";
            } else if (kind < 50) {
                LocalDate until = now.toLocalDate().plusDays(r.nextInt(300) - 60);
                rule = String.format("FREQ=WEEKLY;UNTIL=%04d%02d%02dT235959Z;BYDAY=%s", until.getYear(),
                        until.getMonthValue(), until.getDayOfMonth(), dow);
            } else if (kind < 62) {
                rule = "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR" + (r.nextInt(4) == 0 ? ";COUNT=" + (100 + r.nextInt(900)) : "");
            } else if (kind < 67) {
                rule = "FREQ=DAILY;INTERVAL=" + (1 + r.nextInt(3));
            } else if (kind < 77) {
                int nth = 1 + (start.getDayOfMonth() - 1) / 7;
                rule = "FREQ=MONTHLY;BYDAY=" + (nth > 4 ? -1 : nth) + dow;
            } else if (kind < 82) {
                rule = "FREQ=MONTHLY;BYMONTHDAY=" + start.getDayOfMonth();
            } else if (kind < 85) {
                rule = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1";
            } else if (kind < 95) {
                rule = "FREQ=YEARLY";
                allDay = true;
            } else {
                rule = "FREQ=YEARLY;BYMONTH=" + start.getMonthValue() + ";BYDAY=" + (1 + r.nextInt(4)) + dow;
            }
            String uid = "series-" + i + "@bench";
            EventTime dtstart = allDay ? EventTime.ofDate(start.toLocalDate()) : EventTime.of(start, zone);
            List<EventTime> exdates = new ArrayList<>();
            for (int x = r.nextInt(6) == 0 ? 1 + r.nextInt(8) : 0; x > 0; x--) {
                exdates.add(dtstart.withLocal(now.plusDays(r.nextInt(200)).with(start.toLocalTime())));
            }
            Duration length = allDay ? Duration.ofDays(1) : Duration.ofMinutes(30L * (1 + r.nextInt(4)));
            out.add(new ParsedEvent(uid, "Series " + i, "Room " + r.nextInt(20), null, dtstart, null, length,
                    List.of(rule), List.of(), exdates, null, false, 0, null, null, null, null, false, null, 3, null,
                    null, i));
            if (!allDay && r.nextInt(8) == 0) {
                LocalDateTime slot = start.plusWeeks(r.nextInt(260));
                out.add(new ParsedEvent(uid, "Series " + i + " (moved)", null, null, EventTime.of(slot.plusHours(2), zone),
                        null, length, List.of(), List.of(), List.of(), EventTime.of(slot, zone), false, 1, null,
                        null, null, null, false, null, 3, null, null, i));
            }
        }
        for (int i = 0; i < series / 5; i++) { // one-off meetings
            ZoneId zone = ZONES[r.nextInt(ZONES.length)];
            LocalDateTime start = now.plusDays(r.nextInt(400) - 30).withHour(8 + r.nextInt(9)).withMinute(0);
            out.add(new ParsedEvent("single-" + i + "@bench", "One-off " + i, null, null, EventTime.of(start, zone), null,
                    Duration.ofHours(1), List.of(), List.of(), List.of(), null, false, 0, null, null, null, null,
                    false, null, 2, null, null, 0));
        }
        return out;
    }

    private static long libRecur(List<ParsedEvent> events, ExpansionWindow window) throws Exception {
        long from = window.from().toEpochMilli(), to = window.to().toEpochMilli();
        java.util.TimeZone utc = java.util.TimeZone.getTimeZone("UTC");
        DateTime ff = new DateTime(utc, window.from().toEpochMilli() - 86_400_000L);
        long total = 0;
        for (ParsedEvent e : events) {
            if (!e.isRecurring()) {
                continue;
            }
            var rule = new org.dmfs.rfc5545.recur.RecurrenceRule(e.rrules().get(0), RfcMode.RFC5545_LAX);
            LocalDateTime s = e.start().local();
            DateTime start = e.start().date() ? new DateTime(s.getYear(), s.getMonthValue() - 1, s.getDayOfMonth())
                    : new DateTime(utc, s.getYear(), s.getMonthValue() - 1, s.getDayOfMonth(), s.getHour(),
                            s.getMinute(), s.getSecond());
            RecurrenceRuleIterator it = rule.iterator(start);
            if (rule.getCount() == null) {
                it.fastForward(e.start().date() ? ff.toAllDay() : ff);
            }
            int n = 0;
            while (it.hasNext() && n < 250) {
                long t = it.nextMillis();
                if (t >= to) {
                    break;
                }
                if (t >= from) {
                    n++;
                }
            }
            total += n;
        }
        return total;
    }
}
