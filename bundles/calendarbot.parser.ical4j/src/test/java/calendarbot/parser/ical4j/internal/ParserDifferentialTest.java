package calendarbot.parser.ical4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FeedWriter;
import calendarbot.api.IcsParser;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.RecurrenceDate;
import calendarbot.parser.internal.StreamingIcsParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The builtin parser and ical4j over the project's test calendars and the bench's generated Outlook and Google feeds:
 * every difference in what an event becomes must be explained by a named {@link Explanation}, or the test fails and
 * names it. Times are compared as instants (the parsers name zones differently: ical4j says Europe/Vienna for
 * "W. Europe Standard Time"), rules by their parts (ical4j writes them back in its own order).
 */
class ParserDifferentialTest {

    static final ZoneId KIOSK = ZoneId.of("America/Chicago");

    /** One feed as both parsers read it. */
    record Reading(List<ParsedEvent> events, ParseReport report, String failure) {
    }

    /** One difference: the feed, the event (or null for the whole feed), the field, and both values. */
    record Difference(String feed, String event, String field, String builtin, String ical4j, Reading ours,
            Reading theirs) {
        @Override
        public String toString() {
            return feed + (event == null ? "" : " " + event) + " " + field + ": builtin " + builtin + ", ical4j "
                    + ical4j;
        }
    }

    /** Why the parsers differ, by name; {@code explains} says whether this difference is one of its kind. */
    record Explanation(String name, String why, java.util.function.Predicate<Difference> explains) {
    }

    /** A salvage rule the builtin parser applied in this feed (and ical4j did not, or otherwise). */
    static boolean builtinApplied(Difference d, String rule) {
        return d.ours().report() != null && d.ours().report().rules().containsKey(rule)
                && (d.theirs().report() == null || !d.theirs().report().rules().containsKey(rule));
    }

    static final List<Explanation> EXPLANATIONS = List.of(
            new Explanation("utf8-folded-mid-character",
                    "RFC 5545 3.1 folds at 75 octets, also inside a multi-octet character: the builtin parser unfolds"
                            + " the bytes before it decodes them, ical4j decodes first and gets U+FFFD for both halves",
                    d -> d.field().matches("summary|location|description") && d.ical4j().contains("\uFFFD")
                            && !d.builtin().contains("\uFFFD")),
            new Explanation("value-begins-with-a-space",
                    "a value is everything after the colon (RFC 5545 3.1): Outlook's 'DESCRIPTION: text' keeps its"
                            + " space in the builtin parser; ical4j drops it (and so cuts a long one a character later)",
                    d -> d.field().matches("summary|location|description") && d.builtin().startsWith(" ")
                            && d.ical4j().startsWith(d.builtin().stripLeading())),
            new Explanation("ical4j-stops-at-an-unclosed-vevent",
                    "a VEVENT without END:VEVENT ends ical4j's parse; the builtin parser drops that event only"
                            + " (vevent-unclosed)",
                    d -> d.event() == null && d.theirs().failure() != null
                            && d.theirs().failure().contains("Expected [VEVENT]") && builtinApplied(d, "vevent-unclosed")),
            new Explanation("rrule-junk-parts",
                    "ical4j refuses an RRULE with junk parts (a doubled RRULE: prefix) and shows the event once; the"
                            + " builtin parser keeps the rule's valid parts",
                    d -> d.field().equals("rrules") && builtinApplied(d, "rrule-junk-parts")),
            new Explanation("tzid-lenient",
                    "a Windows display name spelt otherwise is a known zone to the builtin parser; ical4j falls back",
                    d -> d.field().matches("start|end") && builtinApplied(d, "tzid-lenient")),
            new Explanation("tzid-by-offsets",
                    "a VTIMEZONE whose rules cannot be built is matched by its offsets in the builtin parser; ical4j"
                            + " cannot build it either and falls back",
                    d -> d.field().matches("start|end") && builtinApplied(d, "tzid-by-offsets")),
            new Explanation("exdate-bad",
                    "one value of an EXDATE is no date: ical4j drops the whole property, the builtin parser that value",
                    d -> d.field().equals("exdates") && d.ours().report().rules().containsKey("exdate-bad")),
            new Explanation("rdate-bad",
                    "one value of an RDATE is no date or period: ical4j drops the whole property, the builtin parser"
                            + " that value",
                    d -> d.field().equals("rdates") && d.ours().report().rules().containsKey("rdate-bad")),
            new Explanation("exchange-tzone-utc",
                    "Exchange writes TZID=tzone://Microsoft/Utc unquoted; ical4j reads a parameter value up to the"
                            + " colon (RFC 5545 3.2 wants one with a colon quoted), so TZID 'tzone' and a DTSTART of"
                            + " '//Microsoft/Utc:...', and drops the event; the builtin parser knows the name",
                    d -> d.field().equals("event") && d.ical4j().equals("missing") && d.theirs().report().errors()
                            .stream().anyMatch(e -> e.reason().contains("TZID 'tzone'"))));

    private static final IcsParser BUILTIN = builtin();
    private static final Ical4jParser ICAL4J = ical4j();

    private static IcsParser builtin() {
        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(ConfigProxy.defaults(StreamingIcsParser.Config.class));
        return parser;
    }

    private static Ical4jParser ical4j() {
        Ical4jParser parser = new Ical4jParser();
        parser.activate();
        return parser;
    }

    static Reading read(IcsParser parser, byte[] feed) {
        List<ParsedEvent> events = new ArrayList<>();
        try {
            ParseReport report = parser.parse(new ByteArrayInputStream(feed),
                    new ParseOptions(KIOSK, FeedWriter.ME, 500, 32768), events::add);
            return new Reading(events, report, null);
        } catch (NotACalendarException e) {
            return new Reading(events, null, e.getMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The project's test calendars, and the bench's feeds (small and medium, Outlook and Google). */
    static Map<String, byte[]> feeds() throws IOException {
        Map<String, byte[]> feeds = new TreeMap<>();
        for (String folder : List.of("../calendarbot.parser/src/test/resources", "../../launcher/src/test/resources")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".ics")).toList()) {
                    feeds.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            }
        }
        for (FeedWriter.Flavour flavour : FeedWriter.Flavour.values()) {
            for (long size : new long[] {50_000, 500_000}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                FeedWriter.write(flavour, 11 + size / 50_000, size, out);
                feeds.put(flavour.name().toLowerCase(Locale.ROOT) + "-" + size / 1000 + "k (bench)", out.toByteArray());
            }
        }
        return feeds;
    }

    static List<Difference> compare(String feed, Reading ours, Reading theirs) {
        List<Difference> out = new ArrayList<>();
        if (!Objects.equals(ours.failure(), null) || !Objects.equals(theirs.failure(), null)) {
            if (ours.failure() == null || theirs.failure() == null) {
                out.add(new Difference(feed, null, "feed", ours.failure() == null ? "read" : ours.failure(),
                        theirs.failure() == null ? "read" : theirs.failure(), ours, theirs));
            }
            return out;
        }
        Map<String, ParsedEvent> a = byKey(ours.events());
        Map<String, ParsedEvent> b = byKey(theirs.events());
        for (String key : new TreeSet<>(a.keySet())) {
            if (!b.containsKey(key)) {
                out.add(new Difference(feed, key, "event", "kept", "missing", ours, theirs));
            }
        }
        for (String key : new TreeSet<>(b.keySet())) {
            ParsedEvent x = a.get(key);
            ParsedEvent y = b.get(key);
            if (x == null) {
                out.add(new Difference(feed, key, "event", "missing", "kept", ours, theirs));
                continue;
            }
            for (Map.Entry<String, Function<ParsedEvent, Object>> field : FIELDS.entrySet()) {
                Object vx = field.getValue().apply(x);
                Object vy = field.getValue().apply(y);
                if (!Objects.equals(vx, vy)) {
                    out.add(new Difference(feed, key, field.getKey(), String.valueOf(vx), String.valueOf(vy), ours,
                            theirs));
                }
            }
        }
        return out;
    }

    /** UID and RECURRENCE-ID's instant: what identifies an event in a feed (re-sent copies are told apart by order). */
    private static Map<String, ParsedEvent> byKey(List<ParsedEvent> events) {
        Map<String, ParsedEvent> m = new LinkedHashMap<>();
        for (ParsedEvent e : events) {
            String key = e.uid() + (e.recurrenceId() == null ? "" : "@" + instant(e.recurrenceId()));
            while (m.containsKey(key)) {
                key += "'";
            }
            m.put(key, e);
        }
        return m;
    }

    private static String instant(EventTime t) {
        return t == null ? null : t.date() ? t.local().toLocalDate().toString() : t.toInstant(KIOSK).toString();
    }

    private static Object length(ParsedEvent e) {
        return e.length().getSeconds();
    }

    /** An RRULE as its set of parts: ical4j writes them back in its own order. */
    private static Object rules(ParsedEvent e) {
        return e.rrules().stream().map(r -> new TreeSet<>(Arrays.asList(r.toUpperCase(Locale.ROOT).split(";"))))
                .map(Object::toString).sorted().toList();
    }

    private static Object rdates(ParsedEvent e) {
        return e.rdates().stream().map(r -> instant(r.start()) + "/" + r.duration()).collect(
                Collectors.toCollection(TreeSet::new));
    }

    private static Object exdates(ParsedEvent e) {
        return e.exdates().stream().map(ParserDifferentialTest::instant).collect(Collectors.toCollection(TreeSet::new));
    }

    static final Map<String, Function<ParsedEvent, Object>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("start", e -> instant(e.start()));
        FIELDS.put("end", e -> instant(e.end()));
        FIELDS.put("length", ParserDifferentialTest::length);
        FIELDS.put("all-day", ParsedEvent::isAllDay);
        FIELDS.put("rrules", ParserDifferentialTest::rules);
        FIELDS.put("rdates", ParserDifferentialTest::rdates);
        FIELDS.put("exdates", ParserDifferentialTest::exdates);
        FIELDS.put("this-and-future", ParsedEvent::thisAndFuture);
        FIELDS.put("summary", ParsedEvent::summary);
        FIELDS.put("location", ParsedEvent::location);
        FIELDS.put("description", ParsedEvent::description);
        FIELDS.put("sequence", ParsedEvent::sequence);
        FIELDS.put("status", ParsedEvent::status);
        FIELDS.put("transp", ParsedEvent::transp);
        FIELDS.put("class", ParsedEvent::classification);
        FIELDS.put("busy-status", ParsedEvent::busyStatus);
        FIELDS.put("outlook-deleted", ParsedEvent::outlookDeleted);
        FIELDS.put("organizer", ParsedEvent::organizer);
        FIELDS.put("attendees", ParsedEvent::attendeeCount);
        FIELDS.put("my-partstat", ParsedEvent::myPartStat);
        FIELDS.put("meeting-url", ParsedEvent::onlineMeetingUrl);
    }

    @Test
    void everyDifferenceBetweenTheParsersHasANamedReason() throws IOException {
        Map<String, byte[]> feeds = feeds();
        Map<String, Integer> explained = new TreeMap<>();
        List<Difference> unexplained = new ArrayList<>();
        int events = 0;
        for (Map.Entry<String, byte[]> feed : feeds.entrySet()) {
            Reading ours = read(BUILTIN, feed.getValue());
            Reading theirs = read(ICAL4J, feed.getValue());
            events += ours.events().size();
            for (Difference d : compare(feed.getKey(), ours, theirs)) {
                Explanation why = EXPLANATIONS.stream().filter(x -> x.explains().test(d)).findFirst().orElse(null);
                if (why == null) {
                    unexplained.add(d);
                } else {
                    explained.merge(why.name(), 1, Integer::sum);
                }
            }
        }
        System.out.printf("parsers compared on %d feeds, %d events; explained differences: %s%n", feeds.size(), events,
                explained);
        assertTrue(feeds.size() > 25 && events > 300, feeds.size() + " feeds, " + events + " events");
        assertEquals("", unexplained.stream().limit(30).map(Difference::toString).collect(Collectors.joining("\n")),
                unexplained.size() + " differences without a named reason");
    }
}
