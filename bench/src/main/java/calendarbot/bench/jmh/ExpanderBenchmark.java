package calendarbot.bench.jmh;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.ParsedEvent;
import calendarbot.rrule.internal.RecurrenceWorker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.model.Recur;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The same recurring series expanded into a one-year window by our worker (RecurrenceWorker.expandNow, which also
 * builds and sorts the Occurrences), ical4j's Recur.getDates and lib-recur's iterator. The series started almost two
 * years before the window, as real calendars' do, so every engine walks the past first. Occurrences per second =
 * occurrences per operation ({@link #counts()}) / time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExpanderBenchmark {

    static final String[] RULES = {
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=WEEKLY;BYDAY=MO,WE;WKST=MO",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        "FREQ=MONTHLY;BYDAY=2TU",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=DAILY",
        "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14",
        "FREQ=DAILY;COUNT=1000",
        "FREQ=WEEKLY;UNTIL=20271231T000000Z;BYDAY=FR",
    };
    /** Each rule this many times, at different times of day. */
    static final int COPIES = 10;
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDateTime FIRST = LocalDateTime.of(2025, 1, 6, 8, 0);
    static final Instant FROM = Instant.parse("2026-11-23T00:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofDays(365));

    private List<ParsedEvent> masters;
    private ExpansionWindow window;
    private List<Recur<ZonedDateTime>> ical4jRules;
    private List<ZonedDateTime> ical4jSeeds;
    private List<RecurrenceRule> dmfsRules;
    private List<DateTime> dmfsStarts;

    @Setup
    public void setUp() throws InvalidRecurrenceRuleException {
        ParserBenchmark.relaxIcal4j();
        masters = new ArrayList<>();
        ical4jRules = new ArrayList<>();
        ical4jSeeds = new ArrayList<>();
        dmfsRules = new ArrayList<>();
        dmfsStarts = new ArrayList<>();
        TimeZone tz = TimeZone.getTimeZone(ZONE);
        for (int copy = 0; copy < COPIES; copy++) {
            for (int i = 0; i < RULES.length; i++) {
                LocalDateTime start = FIRST.plusMinutes(30L * copy);
                EventTime s = EventTime.of(start, ZONE);
                masters.add(new ParsedEvent("rule-" + i + "-" + copy, "Series " + i, null, null, s,
                        s.withLocal(start.plusMinutes(30)), null, List.of(RULES[i]), null, null, null, false, 0,
                        null, null, null, null, false, null, 0, null, null, 1));
                ical4jRules.add(new Recur<>(RULES[i]));
                ical4jSeeds.add(start.atZone(ZONE));
                dmfsRules.add(new RecurrenceRule(RULES[i]));
                // lib-recur counts months from 0
                dmfsStarts.add(new DateTime(tz, start.getYear(), start.getMonthValue() - 1, start.getDayOfMonth(),
                        start.getHour(), start.getMinute(), 0));
            }
        }
        window = new ExpansionWindow(FROM, TO, ZONE, 100_000, 60_000);
    }

    @Benchmark
    public int calendarbotWorker() {
        return RecurrenceWorker.expandNow("bench", masters, window).occurrences().size();
    }

    @Benchmark
    public int ical4jRecur() {
        ZonedDateTime from = FROM.atZone(ZONE);
        ZonedDateTime to = TO.atZone(ZONE);
        int n = 0;
        for (int i = 0; i < ical4jRules.size(); i++) {
            n += ical4jRules.get(i).getDates(ical4jSeeds.get(i), from, to).size();
        }
        return n;
    }

    @Benchmark
    public int libRecur() {
        long from = FROM.toEpochMilli();
        long to = TO.toEpochMilli();
        int n = 0;
        for (int i = 0; i < dmfsRules.size(); i++) {
            RecurrenceRuleIterator it = dmfsRules.get(i).iterator(dmfsStarts.get(i));
            while (it.hasNext()) {
                long t = it.nextMillis();
                if (t >= to) {
                    break;
                }
                if (t >= from) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Occurrences one operation of each benchmark produces (they should nearly agree). */
    public static Map<String, Integer> counts() throws InvalidRecurrenceRuleException {
        ExpanderBenchmark b = new ExpanderBenchmark();
        b.setUp();
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("calendarbotWorker", b.calendarbotWorker());
        m.put("ical4jRecur", b.ical4jRecur());
        m.put("libRecur", b.libRecur());
        return m;
    }
}
