package calendarbot.web.internal;

import calendarbot.api.Clock;
import calendarbot.api.DeployFolder;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.SkipList;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API, with calendarbot_lite's paths, field names and status codes, and /metrics. Every service it
 * uses is optional, so the API answers from the first second: an answer that needs a service that is not
 * running (yet) is a 503 with a JSON error naming it, never a 404.
 *
 * <p>Two clocks: the kiosk's {@link Clock} says which meeting is next ({@code now_iso}, countdowns, the day of
 * done-for-day); the bookkeeping {@link InstantSource}, the same the refresher stamps its successes with, measures
 * data age, heartbeats and uptime. A kiosk fixed at a test time thus still reports fresh data as fresh.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/*", "/metrics" })
@HttpWhiteboardServletName("calendarbot.api")
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    /** Request bodies are a meeting id or a few parameters. */
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int MAX_MEETING_ID_LENGTH = 512;
    static final Duration DEFAULT_EVENTS_SPAN = Duration.ofDays(7);
    static final Duration MAX_EVENTS_SPAN = Duration.ofDays(62);

    private static final Map<String, Route> ROUTES = Map.ofEntries(
            Map.entry("/api/whats-next", new Route(Endpoint.WHATS_NEXT, Set.of("GET"))),
            Map.entry("/api/skip", new Route(Endpoint.SKIP, Set.of("POST", "DELETE"))),
            Map.entry("/api/clear_skips", new Route(Endpoint.CLEAR_SKIPS, Set.of("GET", "POST"))),
            Map.entry("/api/done-for-day", new Route(Endpoint.DONE_FOR_DAY, Set.of("GET"))),
            Map.entry("/api/morning-summary", new Route(Endpoint.MORNING_SUMMARY, Set.of("POST", "GET"))),
            Map.entry("/api/browser-heartbeat", new Route(Endpoint.BROWSER_HEARTBEAT, Set.of("POST"))),
            Map.entry("/api/health", new Route(Endpoint.HEALTH, Set.of("GET"))),
            Map.entry("/api/events", new Route(Endpoint.EVENTS, Set.of("GET"))),
            Map.entry("/api/layouts", new Route(Endpoint.LAYOUTS, Set.of("GET"))),
            Map.entry("/api/status", new Route(Endpoint.STATUS, Set.of("GET"))),
            Map.entry("/api/refresh", new Route(Endpoint.REFRESH, Set.of("POST"))),
            Map.entry("/metrics", new Route(Endpoint.METRICS, Set.of("GET"))));

    /** An endpoint and the methods it answers (HEAD goes with GET). */
    private record Route(Endpoint endpoint, Set<String> methods) {
    }

    /** A status and a body. */
    record Reply(int status, Representation body) {
        static Reply json(int status, String json) {
            return new Reply(status, Representation.json(json));
        }
    }

    /** The KioskSettings service with its properties (heartbeat, keywords of configuration calendarbot.kiosk). */
    private record KioskBinding(KioskSettings settings, Map<String, ?> properties) {
    }

    /** A required service is not running: 503. */
    private static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing(String what) {
            super(what, null, false, false);
        }
    }

    /** The request is wrong: 400 with this message. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    @Reference
    transient LayoutRegistry layouts;
    @Reference
    transient RequestMetrics metrics;
    /** Bookkeeping time (data age, heartbeats, uptime), the refresher's too. */
    @Reference
    transient InstantSource time;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile EventStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile MeetingSelector selector;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile SkipList skips;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile FeedRefresher refresher;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile ConfigurationAdmin configurationAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile DeployFolder deployFolder;

    private transient volatile KioskBinding kiosk;
    private transient volatile BundleContext context;
    /** When this process started, on the bookkeeping time line. */
    transient volatile Instant processStart;
    private final transient FrameworkProblems frameworkProblems = new FrameworkProblems(() -> time.instant());
    private final transient AtomicReference<BrowserHeartbeat> heartbeat = new AtomicReference<>(BrowserHeartbeat.NONE);

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        processStart = ProcessHandle.current().info().startInstant().orElseGet(time::instant);
        bundleContext.addFrameworkListener(frameworkProblems);
    }

    @Deactivate
    void deactivate(BundleContext bundleContext) {
        bundleContext.removeFrameworkListener(frameworkProblems);
        context = null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindKioskSettings",
            updated = "updatedKioskSettings")
    void bindKioskSettings(KioskSettings settings, Map<String, Object> properties) {
        kiosk = new KioskBinding(settings, Map.copyOf(properties));
    }

    void updatedKioskSettings(KioskSettings settings, Map<String, Object> properties) {
        kiosk = new KioskBinding(settings, Map.copyOf(properties));
    }

    void unbindKioskSettings(KioskSettings settings) {
        KioskBinding current = kiosk;
        if (current != null && current.settings() == settings) {
            kiosk = null;
        }
    }

    @Override
    public void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long started = System.nanoTime();
        String path = path(req);
        Route route = ROUTES.get(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        Endpoint endpoint = route == null ? Endpoint.NOT_FOUND : route.endpoint();
        String method = "HEAD".equals(req.getMethod()) ? "GET" : req.getMethod();
        int status = 500;
        try {
            Reply reply;
            if (route == null) {
                reply = error(404, "no such endpoint: " + path);
            } else if (!route.methods().contains(method)) {
                resp.setHeader("Allow", String.join(", ", new TreeSet<>(route.methods())));
                reply = error(405, req.getMethod() + " is not allowed on " + path);
            } else {
                reply = answer(endpoint, method, req);
            }
            status = HttpReply.send(req, resp, reply.status(), reply.body());
        } finally {
            metrics.record(endpoint, status, System.nanoTime() - started);
        }
    }

    private Reply answer(Endpoint endpoint, String method, HttpServletRequest req) throws IOException {
        try {
            return switch (endpoint) {
                case WHATS_NEXT -> whatsNext();
                case SKIP -> "POST".equals(method) ? skip(req) : unskip(req);
                case CLEAR_SKIPS -> clearSkips();
                case DONE_FOR_DAY -> doneForDay(req);
                case MORNING_SUMMARY -> morningSummary(req);
                case BROWSER_HEARTBEAT -> browserHeartbeat(req);
                case HEALTH -> health();
                case EVENTS -> events(req);
                case LAYOUTS -> layoutList();
                case STATUS -> status();
                case REFRESH -> refresh(req);
                case METRICS -> metricsText();
                default -> error(404, "no such endpoint");
            };
        } catch (Missing e) {
            return Reply.json(503, new JsonWriter().beginObject()
                    .field("error", "the " + e.getMessage() + " is not running (yet)")
                    .field("missing", e.getMessage()).endObject().toString());
        } catch (BadRequest e) {
            return error(400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("web: {} failed", endpoint.label, e);
            return error(500, "internal error: " + e);
        }
    }

    // ------------------------------------------------------------------------------------- endpoints

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
        KioskView view = kioskView(true);
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
                .field("skipped_until", Iso.utc(until))
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

    private Reply clearSkips() {
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
        ZoneId zone = tz == null || tz.isBlank() ? kioskView(false).zone() : zone(tz, "tz");
        return Reply.json(200, DoneForDay.render(events, skips, now, zone, tz));
    }

    private Reply morningSummary(HttpServletRequest req) throws IOException {
        EventStore events = require(store, "event store");
        Instant now = require(clock, "clock").now();
        KioskView view = kioskView(false);
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
        return Reply.json(200, MorningSummary.render(events, skips, view, now, zone, date, maxEvents));
    }

    private Reply browserHeartbeat(HttpServletRequest req) throws IOException {
        body(req); // drained, so the connection can be reused
        Instant now = time.instant();
        heartbeat.updateAndGet(h -> h.next(now, req.getHeader("User-Agent")));
        return Reply.json(200, new JsonWriter().beginObject()
                .field("status", "ok").field("timestamp", Iso.utc(now)).endObject().toString());
    }

    Reply health() {
        List<String> missing = new ArrayList<>();
        EventStore events = store;
        missing(events, "event store", missing);
        missing(selector, "meeting selector", missing);
        missing(skips, "skip list", missing);
        missing(clock, "clock", missing);
        missing(kiosk, "kiosk configuration", missing);
        missing(refresher, "refresher", missing);
        List<SourceStatus> sources = Sources.status(refresher);
        Clock c = clock;
        Instant now = time.instant();
        HealthJson health = new HealthJson(c == null ? now : c.now(), now, sources, missing,
                eventCount(events, sources), heartbeat.get(), uptimeSeconds(),
                ProcessFigures.heapUsedBytes(), ProcessFigures.heapMaxBytes(), ProcessFigures.rssBytes(),
                ProcessFigures.pid());
        return Reply.json(health.ok() ? 200 : 503, health.json());
    }

    private Reply events(HttpServletRequest req) {
        EventStore events = require(store, "event store");
        Instant now = require(clock, "clock").now();
        ZoneId zone = kioskView(false).zone();
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
        KioskBinding k = kiosk;
        String configured = k == null ? LayoutRegistry.DEFAULT : k.settings().layout();
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

    private Reply status() {
        BundleContext ctx = context;
        if (ctx == null) {
            throw new Missing("framework");
        }
        Bundle[] all = ctx.getBundles();
        List<StatusJson.BundleInfo> bundles = new ArrayList<>();
        for (Bundle b : all) {
            bundles.add(new StatusJson.BundleInfo(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(),
                    state(b.getState()), b.getLocation()));
        }
        List<StatusJson.Problem> problems = new ArrayList<>(
                FrameworkProblems.unresolved(all, ctx.getProperty("calendarbot.deploy")));
        problems.addAll(frameworkProblems.recent());
        DeployFolder deploy = deployFolder;
        if (deploy != null) {
            // Jars FileInstall could not install at all never reach the framework: the runtime bundle checks them.
            String folder = ctx.getProperty("calendarbot.deploy");
            for (String problem : deploy.problems()) {
                problems.add(new StatusJson.Problem(problem, folder, null));
            }
        }
        FrameworkStartLevel startLevel = ctx.getBundle(0).adapt(FrameworkStartLevel.class);
        return Reply.json(200, StatusJson.render(bundles, configurations(), problems,
                startLevel == null ? 0 : startLevel.getStartLevel(), uptimeSeconds()));
    }

    /** calendarbot.* configurations, factory ones under their full PID; null without Config Admin. */
    List<StatusJson.ConfigInfo> configurations() {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            return null;
        }
        Configuration[] found;
        try {
            found = admin.listConfigurations("(|(service.pid=calendarbot.*)(service.factoryPid=calendarbot.*))");
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("web: cannot list the configurations: {}", e.toString());
            return List.of();
        }
        List<StatusJson.ConfigInfo> result = new ArrayList<>();
        for (Configuration c : found == null ? new Configuration[0] : found) {
            Map<String, Object> props = new HashMap<>();
            Dictionary<String, Object> d = c.getProperties();
            if (d != null) {
                for (String key : Collections.list(d.keys())) {
                    props.put(key, d.get(key));
                }
            }
            result.add(new StatusJson.ConfigInfo(c.getPid(), c.getFactoryPid(), props));
        }
        result.sort((a, b) -> a.pid().compareTo(b.pid()));
        return result;
    }

    private Reply refresh(HttpServletRequest req) throws IOException {
        FeedRefresher r = require(refresher, "refresher");
        body(req);
        String source = req.getParameter("source");
        String id = source == null || source.isBlank() ? null : source;
        if (!r.refreshNow(id)) {
            return Reply.json(404, new JsonWriter().beginObject()
                    .field("error", "unknown source").field("source", id).endObject().toString());
        }
        return Reply.json(202, new JsonWriter().beginObject()
                .field("accepted", true).field("source", id).endObject().toString());
    }

    private Reply metricsText() {
        List<SourceStatus> sources = Sources.status(refresher);
        EventStore events = store;
        SkipList skipList = skips;
        String text = MetricsText.render(sources, metrics, ProcessFigures.heapUsedBytes(), ProcessFigures.rssBytes(),
                uptimeSeconds(), events == null ? 0 : events.generation(),
                skipList == null ? 0 : skipList.skipped().size(), heartbeat.get().at(), eventCount(events, sources));
        return new Reply(200, Representation.dynamic(text.getBytes(StandardCharsets.UTF_8), MetricsText.CONTENT_TYPE));
    }

    // ------------------------------------------------------------------------------------- helpers

    /** The request path below the context, percent-decoded ("/api/whats-next"). */
    static String path(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String contextPath = req.getContextPath();
        if (uri == null) {
            return "/";
        }
        if (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)) {
            uri = uri.substring(contextPath.length());
        }
        int semicolon = uri.indexOf(';');
        if (semicolon >= 0) {
            uri = uri.substring(0, semicolon);
        }
        String decoded = percentDecode(uri);
        return decoded.isEmpty() ? "/" : decoded;
    }

    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private long uptimeSeconds() {
        Instant started = processStart;
        return started == null ? 0 : Math.max(0, time.instant().getEpochSecond() - started.getEpochSecond());
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw new Missing(what);
        }
        return service;
    }

    private static void missing(Object service, String what, List<String> missing) {
        if (service == null) {
            missing.add(what);
        }
    }

    private KioskView kioskView(boolean required) {
        KioskBinding k = kiosk;
        if (k == null && required) {
            throw new Missing("kiosk configuration");
        }
        return k == null ? KioskView.of(null, null) : KioskView.of(k.settings(), k.properties());
    }

    private static long eventCount(EventStore events, List<SourceStatus> sources) {
        long n = 0;
        for (SourceStatus s : sources) {
            n += events == null ? s.events() : events.size(s.id());
        }
        return n;
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, new JsonWriter().beginObject().field("error", message).endObject().toString());
    }

    /** The request body as text, at most 16 KB. */
    private static String body(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            if (in == null) {
                return "";
            }
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BadRequest("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseObject(String body) {
        Object parsed;
        try {
            parsed = JsonReader.parse(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid json");
        }
        if (!(parsed instanceof Map)) {
            throw new BadRequest("invalid json");
        }
        return (Map<String, Object>) parsed;
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

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> String.valueOf(state);
        };
    }

    /** The last browser heartbeat. */
    BrowserHeartbeat lastHeartbeat() {
        return heartbeat.get();
    }
}
