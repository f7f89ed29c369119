package calendarbot.web.internal;

import calendarbot.api.Clock;
import calendarbot.api.DayOverview;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.SkipList;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * What the wall and calendarbot_lite's clients ask for, with its paths, field names and status codes: the next
 * meeting, skips, done-for-day, the morning summary, the browser's heartbeat, events and layouts. Also the
 * JSON 404 for any other /api/ path (the operations servlet's exact paths win over this one's /api/*).
 *
 * <p>Two clocks: the kiosk's {@link Clock} says which meeting is next ({@code now_iso}, countdowns, the day of
 * done-for-day); the bookkeeping {@link InstantSource}, the same the refresher stamps its successes with, measures
 * data age and stamps heartbeats. A kiosk fixed at a test time thus still reports fresh data as fresh.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/*")
@HttpWhiteboardServletName("calendarbot.api")
public class KioskApiServlet extends JsonApiServlet {

    private static final long serialVersionUID = 1L;

    static final int MAX_MEETING_ID_LENGTH = 512;
    static final Duration DEFAULT_EVENTS_SPAN = Duration.ofDays(7);
    static final Duration MAX_EVENTS_SPAN = Duration.ofDays(62);

    private static final Map<String, Route> ROUTES = Map.of(
            "/api/whats-next", new Route(Endpoint.WHATS_NEXT, Set.of("GET")),
            "/api/skip", new Route(Endpoint.SKIP, Set.of("POST", "DELETE")),
            "/api/clear_skips", new Route(Endpoint.CLEAR_SKIPS, Set.of("GET", "POST")),
            "/api/done-for-day", new Route(Endpoint.DONE_FOR_DAY, Set.of("GET")),
            "/api/morning-summary", new Route(Endpoint.MORNING_SUMMARY, Set.of("POST", "GET")),
            "/api/browser-heartbeat", new Route(Endpoint.BROWSER_HEARTBEAT, Set.of("POST")),
            "/api/events", new Route(Endpoint.EVENTS, Set.of("GET")),
            "/api/layouts", new Route(Endpoint.LAYOUTS, Set.of("GET")));

    @Reference
    transient LayoutRegistry layouts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile DayOverview overview;

    @Override
    Map<String, Route> routes() {
        return ROUTES;
    }

    @Override
    Reply answer(Endpoint endpoint, String method, HttpServletRequest req) throws IOException {
        return switch (endpoint) {
            case WHATS_NEXT -> whatsNext();
            case SKIP -> "POST".equals(method) ? skip(req) : unskip(req);
            case CLEAR_SKIPS -> clearSkips(req);
            case DONE_FOR_DAY -> doneForDay(req);
            case MORNING_SUMMARY -> morningSummary(req);
            case BROWSER_HEARTBEAT -> browserHeartbeat(req);
            case EVENTS -> events(req);
            case LAYOUTS -> layoutList();
            default -> error(404, "no such endpoint");
        };
    }

    /** Everything an answer of /api/whats-next depends on; equal keys give the same body. */
    private record WhatsNextKey(long nowSecond, long wallSecond, long generation, long skipVersion, KioskView view,
            List<SourceStatus> sources, EventStore store, MeetingSelector selector, FeedRefresher refresher) {
    }

    private record WhatsNextAnswer(WhatsNextKey key, Reply reply) {
    }

    /** Kiosks poll this endpoint; within a second and between changes the answer is the same, so it is kept. */
    private final transient AtomicReference<WhatsNextAnswer> lastWhatsNext = new AtomicReference<>();
    private final transient AtomicLong skipVersion = new AtomicLong();

    Reply whatsNext() {
        EventStore events = require(store, "event store");
        MeetingSelector select = require(selector, "meeting selector");
        Instant now = require(clock, "clock").now();
        KioskView view = kioskView();
        FeedRefresher sourceStates = refresher;
        Instant wall = time.instant();
        long generation = events.generation();
        WhatsNextAnswer last = lastWhatsNext.get();
        // Source states are read at most once a second (and at every new snapshot): a hundred polling kiosks
        // would otherwise take every source's lock thousands of times a second, also while it refreshes.
        List<SourceStatus> sources = last != null && last.key().wallSecond() == wall.getEpochSecond()
                && last.key().generation() == generation && last.key().refresher() == sourceStates
                ? last.key().sources() : Sources.status(sourceStates);
        WhatsNextKey key = new WhatsNextKey(now.getEpochSecond(), wall.getEpochSecond(), generation,
                skipVersion.get(), view, sources, events, select, sourceStates);
        if (last != null && last.key().equals(key)) {
            return last.reply();
        }
        WhatsNext next = select.whatsNext(events, now);
        Reply reply = Reply.json(200, WhatsNextJson.render(next, view, Sources.byId(sources),
                Sources.dataAgeSeconds(sources, wall), events.generation()));
        lastWhatsNext.set(new WhatsNextAnswer(key, reply));
        return reply;
    }

    private Reply skip(HttpServletRequest req) throws IOException {
        SkipList skipList = require(skips, "skip list");
        String body = body(req);
        String id;
        if (body.isBlank()) {
            id = req.getParameter("meeting_id");
            if (id == null) {
                throw new BadRequest("invalid json");
            }
        } else {
            id = meetingId(parseObject(body));
        }
        if (id == null || id.isBlank() || id.length() > MAX_MEETING_ID_LENGTH) {
            throw new BadRequest("missing or invalid meeting_id");
        }
        Instant until = skipList.skip(id);
        skipVersion.incrementAndGet();
        return Reply.json(200, new JsonWriter().beginObject()
                .field("success", true)
                .field("meeting_id", id)
                .field("skipped_until", IsoTimes.utc(until))
                .endObject().toString());
    }

    /** DELETE /api/skip: with a meeting id un-skips it; without, clears every skip as calendarbot_lite does. */
    private Reply unskip(HttpServletRequest req) throws IOException {
        SkipList skipList = require(skips, "skip list");
        String body = body(req);
        String id = body.isBlank() ? req.getParameter("meeting_id") : meetingId(parseObject(body));
        if (id == null || id.isBlank()) {
            int count = skipList.clear();
            skipVersion.incrementAndGet();
            return Reply.json(200, new JsonWriter().beginObject()
                    .field("success", true).field("cleared", true).field("count", count).endObject().toString());
        }
        boolean was = skipList.unskip(id);
        skipVersion.incrementAndGet();
        return Reply.json(200, new JsonWriter().beginObject()
                .field("success", true).field("meeting_id", id).field("unskipped", was).endObject().toString());
    }

    /** calendarbot_lite clears with a GET too: that GET changes state, so it follows the POST's rule. */
    private Reply clearSkips(HttpServletRequest req) {
        String refused = SameOrigin.refuses(req);
        if (refused != null) {
            return error(403, refused);
        }
        int count = require(skips, "skip list").clear();
        skipVersion.incrementAndGet();
        return Reply.json(200, new JsonWriter().beginObject()
                .field("success", true)
                .field("cleared", true)
                .field("count", count)
                .field("message", "Cleared " + count + " skipped meetings")
                .endObject().toString());
    }

    private Reply doneForDay(HttpServletRequest req) {
        EventStore events = require(store, "event store");
        Instant now = require(clock, "clock").now();
        String tz = req.getParameter("tz");
        ZoneId zone = tz == null || tz.isBlank() ? kioskView().zone() : zone(tz, "tz");
        return Reply.json(200, DoneForDay.render(events, skips, now, zone, tz));
    }

    private Reply morningSummary(HttpServletRequest req) throws IOException {
        EventStore events = require(store, "event store");
        Instant now = require(clock, "clock").now();
        KioskView view = kioskView();
        Map<String, Object> params = new HashMap<>();
        if ("POST".equals(req.getMethod())) {
            String body = body(req);
            if (!body.isBlank()) {
                params.putAll(parseObject(body));
            }
        }
        String tz = parameter(req, params, "timezone", parameter(req, params, "tz", null));
        ZoneId zone = tz == null || tz.isBlank() ? view.zone() : zone(tz, "timezone");
        String dateText = parameter(req, params, "date", null);
        LocalDate date = null;
        if (dateText != null && !dateText.isBlank()) {
            try {
                date = LocalDate.parse(dateText.trim().length() > 10 ? dateText.trim().substring(0, 10) : dateText.trim());
            } catch (DateTimeParseException e) {
                throw new BadRequest("invalid date: " + dateText + " (use YYYY-MM-DD)");
            }
        }
        int maxEvents = MorningSummary.MAX_EVENTS;
        String max = parameter(req, params, "max_events", null);
        if (max != null) {
            try {
                maxEvents = Math.max(1, Integer.parseInt(max.trim()));
            } catch (NumberFormatException e) {
                throw new BadRequest("invalid max_events: " + max);
            }
        }
        DayOverview day = require(overview, "day overview");
        return Reply.json(200, MorningSummary.render(day, events, now, zone, date, maxEvents));
    }

    private Reply browserHeartbeat(HttpServletRequest req) throws IOException {
        body(req); // drained, so the connection can be reused
        Instant now = time.instant();
        heartbeats.record(now, req.getHeader("User-Agent"));
        return Reply.json(200, new JsonWriter().beginObject()
                .field("status", "ok").field("timestamp", IsoTimes.utc(now)).endObject().toString());
    }

    private Reply events(HttpServletRequest req) {
        EventStore events = require(store, "event store");
        Instant now = require(clock, "clock").now();
        ZoneId zone = kioskView().zone();
        String fromText = req.getParameter("from");
        String toText = req.getParameter("to");
        long from = fromText == null || fromText.isBlank() ? now.getEpochSecond() : time(fromText, zone, false, "from");
        long to = toText == null || toText.isBlank() ? from + DEFAULT_EVENTS_SPAN.toSeconds()
                : time(toText, zone, true, "to");
        if (to <= from) {
            throw new BadRequest("to must be after from");
        }
        if (to - from > MAX_EVENTS_SPAN.toSeconds()) {
            throw new BadRequest("at most " + MAX_EVENTS_SPAN.toDays() + " days at a time");
        }
        List<SourceStatus> sources = Sources.status(refresher);
        return Reply.json(200, EventsJson.render(events.range(from, to), from, to, zone, Sources.byId(sources), skips));
    }

    Reply layoutList() {
        KioskSettings k = kiosk;
        String configured = k == null ? LayoutRegistry.DEFAULT : k.layout();
        LoadedLayout effective = layouts.choose(configured);
        JsonWriter w = new JsonWriter().beginObject();
        w.name("layouts").beginArray();
        for (LoadedLayout l : layouts.all()) {
            w.beginObject()
                    .field("name", l.name())
                    .field("title", l.title())
                    .field("description", l.description())
                    .field("default", effective != null && effective.name().equals(l.name()))
                    .field("url", "/?layout=" + l.name())
                    .endObject();
        }
        w.endArray();
        w.field("configured", configured);
        w.field("effective", effective == null ? null : effective.name());
        return Reply.json(200, w.endObject().toString());
    }

    private KioskView kioskView() {
        return KioskView.of(require(kiosk, "kiosk configuration"));
    }

    private static String meetingId(Map<String, Object> body) {
        Object id = body.get("meeting_id");
        if (!(id instanceof String s) || s.isBlank()) {
            throw new BadRequest("missing or invalid meeting_id");
        }
        return s;
    }

    private static String parameter(HttpServletRequest req, Map<String, Object> body, String name, String fallback) {
        String query = req.getParameter(name);
        if (query != null) {
            return query;
        }
        Object value = body.get(name);
        return value == null ? fallback : String.valueOf(value);
    }

    private static ZoneId zone(String name, String parameter) {
        try {
            return ZoneId.of(name.trim());
        } catch (DateTimeException e) {
            throw new BadRequest("invalid " + parameter + ": " + name + " (use an IANA zone such as Europe/London)");
        }
    }

    /**
     * An instant ("...Z", an offset) or a local date-time in the kiosk's zone, or a date: its start, or for
     * {@code to} the start of the next day, so from=2026-11-24&to=2026-11-24 is that whole day.
     */
    static long time(String text, ZoneId zone, boolean end, String parameter) {
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toEpochSecond();
        } catch (DateTimeParseException notOffset) {
            // next form
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException notLocal) {
            // next form
        }
        try {
            LocalDate day = LocalDate.parse(value);
            return (end ? day.plusDays(1) : day).atStartOfDay(zone).toEpochSecond();
        } catch (DateTimeParseException notDate) {
            throw new BadRequest("invalid " + parameter + ": " + text
                    + " (use 2026-11-24, 2026-11-24T09:00 or 2026-11-24T08:00:00Z)");
        }
    }
}
