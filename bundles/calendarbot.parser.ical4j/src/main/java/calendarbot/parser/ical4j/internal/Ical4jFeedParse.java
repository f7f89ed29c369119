package calendarbot.parser.ical4j.internal;

import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.parser.shared.DeliveredEvents;
import calendarbot.parser.shared.ParseProblems;
import calendarbot.parser.shared.SalvageRule;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandlerContext;
import net.fortuna.ical4j.data.DefaultContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * One parse of one feed by ical4j's own parser, one VEVENT at a time: ical4j's content handler builds each component;
 * as soon as a VEVENT ends it is converted and handed on, and only VTIMEZONEs stay (in ical4j's zone registry). A
 * property ical4j cannot read is left out and reported by the kiosk's {@link SalvageRule} for it; events whose TZID
 * waits for a later VTIMEZONE are held, at most {@link #MAX_PENDING}, as in the builtin parser.
 */
final class Ical4jFeedParse extends DefaultContentHandler {

    static final int MAX_PENDING = 512;

    private final FeedReader reader;
    private final DeliveredEvents sink;
    private final ParseProblems problems = new ParseProblems();
    private final VEventConversion conversion;
    private final List<Pending> pending = new ArrayList<>();

    private boolean sawCalendar;
    private String calendarName;
    private String calendarZone;

    // the property and top-level VEVENT being read
    private String propertyValue;
    private int propertyLine;
    private int eventLine;
    private final List<VEventConversion.Rejected> rejected = new ArrayList<>(0);

    /** An event waiting for its VTIMEZONE, with what was rejected of it. */
    private record Pending(VEvent event, int line, List<VEventConversion.Rejected> rejected) {
    }

    Ical4jFeedParse(InputStream in, ZoneId kioskZone, String meAddress, int maxDescription, int maxLine,
            Consumer<ParsedEvent> sink) {
        this(new FeedReader(in, maxLine), TimeZoneRegistryFactory.getInstance().createRegistry(), kioskZone, meAddress,
                maxDescription, sink);
    }

    private Ical4jFeedParse(FeedReader reader, net.fortuna.ical4j.model.TimeZoneRegistry registry, ZoneId kioskZone,
            String meAddress, int maxDescription, Consumer<ParsedEvent> sink) {
        super(c -> { }, registry, new ContentHandlerContext());
        this.reader = reader;
        this.sink = new DeliveredEvents(sink);
        this.conversion = new VEventConversion(registry, kioskZone, meAddress, maxDescription, problems);
    }

    ParseReport run() throws IOException {
        long started = System.nanoTime();
        try (FeedReader r = reader) {
            // as ical4j's CalendarBuilder does: its unfolding (relaxed, as the hints say) in front of its parser
            new CalendarParserImpl().parse(new UnfoldingReader(r), this);
        } catch (ParserException e) {
            // ical4j gives up on the rest of the feed: a part of a calendar is no calendar (the last good one stays)
            throw new NotACalendarException((sawCalendar ? "ical4j stopped at line " + e.getLineNo() + ": "
                    : "not a calendar for ical4j: ") + e.getMessage());
        } catch (RuntimeException e) {
            throw new NotACalendarException("ical4j stopped at line " + reader.line() + ": " + e);
        }
        if (!sawCalendar) {
            throw new NotACalendarException("no BEGIN:VCALENDAR");
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new ParseReport(calendarName, calendarZone, reader.bytesRead(), sink.events(), sink.masters(), sink.overrides(),
                problems.skipped(), problems.errors(), reader.truncatedLines(),
                Collections.unmodifiableMap(new LinkedHashMap<>(conversion.zones())), conversion.zoneFallbacks(),
                millis, problems.salvaged(), Collections.unmodifiableMap(problems.rules()), Ical4jParser.NAME);
    }

    @Override
    public void startCalendar() {
        super.startCalendar();
        sawCalendar = true;
    }

    @Override
    public void endCalendar() {
        super.endCalendar();
        release(true);
    }

    @Override
    public void startComponent(String name) {
        super.startComponent(name);
        if (components.size() == 1 && "VEVENT".equalsIgnoreCase(name)) {
            eventLine = reader.eventBegin();
            rejected.clear();
        }
    }

    @Override
    public void endComponent(String name) {
        try {
            super.endComponent(name);
        } catch (RuntimeException e) {
            if (!"VTIMEZONE".equalsIgnoreCase(name) || !components.isEmpty()) {
                throw e;
            }
            // a VTIMEZONE ical4j cannot build: left out, so its TZID falls back like an unknown one
            problems.apply(SalvageRule.VTIMEZONE_UNUSABLE, reader.line(), "VTIMEZONE", e.getMessage());
            return;
        }
        if (!components.isEmpty() || calendarComponents.isEmpty()) {
            return;
        }
        CalendarComponent done = calendarComponents.get(calendarComponents.size() - 1);
        if (done instanceof VEvent event) {
            calendarComponents.remove(calendarComponents.size() - 1);
            List<VEventConversion.Rejected> mine = rejected.isEmpty() ? List.of() : List.copyOf(rejected);
            if (conversion.zonesKnown(event) || pending.size() >= MAX_PENDING) {
                handOn(event, eventLine, mine);
            } else {
                pending.add(new Pending(event, eventLine, mine));
            }
        } else if ("VTIMEZONE".equalsIgnoreCase(name)) {
            release(false);
        }
    }

    @Override
    public void startProperty(String name) {
        super.startProperty(name);
        propertyValue = null;
        propertyLine = reader.logicalStart();
    }

    @Override
    public void propertyValue(String value) {
        super.propertyValue(value);
        propertyValue = value;
    }

    @Override
    public void parameter(String name, String value) {
        try {
            super.parameter(name, value);
        } catch (RuntimeException e) {
            // a parameter ical4j cannot read (an unknown VALUE type): the property is read without it
        }
    }

    @Override
    public void endProperty(String name) {
        try {
            super.endProperty(name);
        } catch (RuntimeException e) {
            if (components.size() == 1 && components.peek().hasName("VEVENT")) {
                rejected.add(new VEventConversion.Rejected(name.toUpperCase(Locale.ROOT), propertyValue,
                        propertyLine));
            }
            return;
        }
        if (components.isEmpty()) {
            String n = name.toUpperCase(Locale.ROOT);
            if (n.equals("X-WR-CALNAME") && calendarName == null) {
                calendarName = propertyValue;
            } else if (n.equals("X-WR-TIMEZONE") && propertyValue != null) {
                calendarZone = propertyValue.trim();
                conversion.calendarZone(calendarZone, propertyLine);
            }
        }
    }

    /** Hands on the held events whose zones are now known; with {@code last}, all of them. */
    private void release(boolean last) {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> waiting = new ArrayList<>(pending);
        pending.clear();
        for (Pending p : waiting) {
            if (last || conversion.zonesKnown(p.event())) {
                handOn(p.event(), p.line(), p.rejected());
            } else {
                pending.add(p);
            }
        }
    }

    private void handOn(VEvent event, int line, List<VEventConversion.Rejected> rejectedProperties) {
        ParsedEvent parsed = conversion.convert(event, line, rejectedProperties);
        if (parsed != null) {
            sink.accept(parsed);
        }
    }
}
