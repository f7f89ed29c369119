package calendarbot.parser.internal;

import calendarbot.api.model.EventTime;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import calendarbot.parser.shared.EventEnd;
import calendarbot.parser.shared.ParseProblems;
import calendarbot.parser.shared.SalvageRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Events whose TZID names neither a known zone nor a VTIMEZONE read so far: feeds may put their VTIMEZONEs after
 * the events. They are held until their zones are defined, or the calendar ends, or {@link #MAX_PENDING} wait,
 * and then handed on with their times placed in the zone (or its fallback).
 */
final class EventsAwaitingZone {

    /** Events held back for a VTIMEZONE that has not come yet; beyond this the TZID falls back. */
    static final int MAX_PENDING = 512;

    private final ZoneResolver zones;
    private final ParseProblems problems;
    private final Consumer<ParsedEvent> handOn;
    private List<ParsedEvent> pending = new ArrayList<>();

    EventsAwaitingZone(ZoneResolver zones, ParseProblems problems, Consumer<ParsedEvent> handOn) {
        this.zones = zones;
        this.problems = problems;
        this.handOn = handOn;
    }

    void hold(ParsedEvent event) {
        pending.add(event);
        if (pending.size() > MAX_PENDING) {
            release(true);
        }
    }

    /** Hands on the held events whose zones are now known; with {@code last}, all of them, falling back. */
    void release(boolean last) {
        if (pending.isEmpty()) {
            return;
        }
        List<ParsedEvent> waiting = pending;
        pending = new ArrayList<>();
        for (ParsedEvent p : waiting) {
            if (last || resolvable(p)) {
                handOn.accept(rezoned(p));
            } else {
                pending.add(p);
            }
        }
    }

    private boolean resolvable(ParsedEvent p) {
        if (!known(p.start()) || !known(p.end()) || !known(p.recurrenceId())) {
            return false;
        }
        for (EventTime t : p.exdates()) {
            if (!known(t)) {
                return false;
            }
        }
        for (RecurrenceDate r : p.rdates()) {
            if (!known(r.start())) {
                return false;
            }
        }
        return true;
    }

    private boolean known(EventTime t) {
        return t == null || t.zone() != null || t.date() || zones.isKnown(t.tzid());
    }

    private ParsedEvent rezoned(ParsedEvent p) {
        List<EventTime> exdates = new ArrayList<>(p.exdates().size());
        for (EventTime t : p.exdates()) {
            exdates.add(rezoned(t, p.line()));
        }
        List<RecurrenceDate> rdates = new ArrayList<>(p.rdates().size());
        for (RecurrenceDate r : p.rdates()) {
            rdates.add(new RecurrenceDate(rezoned(r.start(), p.line()), r.duration()));
        }
        EventTime start = rezoned(p.start(), p.line());
        EventTime end = rezoned(p.end(), p.line());
        if (end != null && EventEnd.endsBeforeStart(start, end)) {
            problems.apply(SalvageRule.DTEND_BEFORE_DTSTART, p.line(), ParseProblems.subject(p.summary(), p.uid()), null);
            problems.salvagedComponent();
            end = null;
        }
        return new ParsedEvent(p.uid(), p.summary(), p.location(), p.description(), start, end, p.duration(),
                p.rrules(), rdates, exdates, rezoned(p.recurrenceId(), p.line()), p.thisAndFuture(), p.sequence(),
                p.status(), p.transp(), p.classification(), p.busyStatus(), p.outlookDeleted(), p.organizer(),
                p.attendeeCount(), p.myPartStat(), p.onlineMeetingUrl(), p.line());
    }

    private EventTime rezoned(EventTime t, int line) {
        if (t == null || t.date() || t.zone() != null) {
            return t;
        }
        ZoneResolver.Zone zone = zones.lookup(t.tzid(), line);
        if (zone == null) {
            zone = zones.fallback(t.tzid());
            problems.apply(SalvageRule.TZID_UNKNOWN, line, "TZID '" + t.tzid() + "'", zone.tzid());
            ZoneResolver.logFallback(t.tzid(), zone);
        }
        return new EventTime(t.local(), zone.rules(), zone.tzid(), false);
    }
}
