package calendarbot.rrule.internal;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small builders for the tests: events as a feed would give them, windows, configs. */
final class TestEvents {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId UTC = ZoneId.of("UTC");

    private TestEvents() {
    }

    static LocalDateTime at(String compact) {
        return LocalDateTime.parse(compact.substring(0, 4) + "-" + compact.substring(4, 6) + "-"
                + compact.substring(6, 8) + "T" + compact.substring(9, 11) + ":" + compact.substring(11, 13) + ":"
                + compact.substring(13, 15));
    }

    static EventTime time(String compact, ZoneId zone) {
        return EventTime.of(at(compact), zone);
    }

    static EventTime date(String yyyymmdd) {
        return EventTime.ofDate(LocalDate.parse(yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-"
                + yyyymmdd.substring(6, 8)));
    }

    static Builder event(String uid) {
        return new Builder(uid);
    }

    static final class Builder {
        private final String uid;
        private String summary = "Meeting";
        private EventTime start, end, recurrenceId;
        private Duration duration;
        private final List<String> rrules = new ArrayList<>();
        private final List<RecurrenceDate> rdates = new ArrayList<>();
        private final List<EventTime> exdates = new ArrayList<>();
        private boolean thisAndFuture;
        private String status;

        Builder(String uid) {
            this.uid = uid;
            this.summary = uid;
        }

        Builder summary(String s) { summary = s; return this; }
        Builder start(EventTime t) { start = t; return this; }
        Builder end(EventTime t) { end = t; return this; }
        Builder duration(Duration d) { duration = d; return this; }
        Builder rrule(String r) { rrules.add(r); return this; }
        Builder rdate(EventTime t) { rdates.add(RecurrenceDate.of(t)); return this; }
        Builder rdate(EventTime t, Duration d) { rdates.add(new RecurrenceDate(t, d)); return this; }
        Builder exdate(EventTime... t) { exdates.addAll(Arrays.asList(t)); return this; }
        Builder recurrenceId(EventTime t) { recurrenceId = t; return this; }
        Builder thisAndFuture() { thisAndFuture = true; return this; }
        Builder status(String s) { status = s; return this; }

        ParsedEvent build() {
            return new ParsedEvent(uid, summary, null, null, start, end, duration, rrules, rdates, exdates,
                    recurrenceId, thisAndFuture, 0, status, null, null, null, false, null, 0, null, null, 1);
        }
    }

    static ExpansionWindow window(LocalDateTime from, LocalDateTime to, ZoneId zone, int cap) {
        return new ExpansionWindow(from.atZone(zone).toInstant(), to.atZone(zone).toInstant(), zone, cap, 5_000);
    }

    static Expansion expand(ExpansionWindow window, ParsedEvent... events) {
        return RecurrenceWorker.expandNow("test", List.of(events), window);
    }

    /** Starts as wall-clock times in {@code zone}. */
    static List<LocalDateTime> starts(Expansion e, ZoneId zone) {
        return e.occurrences().stream().map(o -> LocalDateTime.ofInstant(o.startInstant(), zone)).toList();
    }

    static List<LocalDateTime> ends(Expansion e, ZoneId zone) {
        return e.occurrences().stream().map(o -> LocalDateTime.ofInstant(o.endInstant(), zone)).toList();
    }

    static LocalDateTime wall(Occurrence o, ZoneId zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(o.start()), zone);
    }

    /** An instance of a config annotation: the given values, defaults for the rest. */
    @SuppressWarnings("unchecked")
    static <A> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> values.hashCode();
                default -> throw new UnsupportedOperationException(method.getName());
            };
        });
    }
}
