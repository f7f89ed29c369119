package calendarbot.rrule.internal;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

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
}
