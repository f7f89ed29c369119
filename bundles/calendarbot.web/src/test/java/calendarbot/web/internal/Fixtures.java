package calendarbot.web.internal;

import calendarbot.api.Clock;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import calendarbot.api.ManualTime;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.KioskSettings;
import calendarbot.api.Layout;
import calendarbot.api.MeetingSelector;
import calendarbot.api.SkipList;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Small fakes of the calendarbot.api services for the web tests. */
final class Fixtures {

    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    /** 06:00 in Los Angeles. */
    /** The kiosk's "now". */
    static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");
    /** Bookkeeping time, months from the kiosk's now so an answer shows which clock it read. */
    static final Instant BOOKKEEPING = Instant.parse("2027-03-01T10:00:00Z");

    private Fixtures() {
    }

    static Occurrence meeting(String uid, String summary, Instant start, Duration length) {
        return meeting(uid, summary, start, length, null, null);
    }

    static Occurrence meeting(String uid, String summary, Instant start, Duration length, String busyStatus,
            String onlineUrl) {
        ParsedEvent e = new ParsedEvent(uid, summary, "Room Ada", "Agenda: <b>demo</b>",
                EventTime.of(LocalDateTime.ofInstant(start, LOS_ANGELES), LOS_ANGELES),
                EventTime.of(LocalDateTime.ofInstant(start.plus(length), LOS_ANGELES), LOS_ANGELES), null, null,
                null, null, null, false, 0, "CONFIRMED", "OPAQUE", null, busyStatus, false, "boss@example.org", 3,
                "ACCEPTED", onlineUrl, 1);
        return new Occurrence("work", e, start.getEpochSecond(), start.plus(length).getEpochSecond(),
                start.getEpochSecond(), false);
    }

    static Occurrence allDay(String uid, String summary, LocalDate day, ZoneId zone) {
        ParsedEvent e = new ParsedEvent(uid, summary, null, null, EventTime.ofDate(day), EventTime.ofDate(day.plusDays(1)),
                null, null, null, null, null, false, 0, null, null, null, null, false, null, 0, null, null, 1);
        long start = day.atStartOfDay(zone).toEpochSecond();
        return new Occurrence("work", e, start, day.plusDays(1).atStartOfDay(zone).toEpochSecond(), start, true);
    }

    static SourceStatus source(String id, String name, SourceStatus.State state, Instant lastSuccess, String error) {
        return new SourceStatus(id, name, "#3b82f6", state, lastSuccess, lastSuccess, error, 12, 4096, 0,
                lastSuccess == null ? null : lastSuccess.plusSeconds(300));
    }

    /** An EventStore over a list. */
    static final class ListStore implements EventStore {
        final List<Occurrence> occurrences = new ArrayList<>();
        long generation = 7;

        ListStore(Occurrence... items) {
            occurrences.addAll(List.of(items));
            occurrences.sort(Comparator.comparingLong(Occurrence::start));
        }

        @Override
        public void replace(String sourceId, List<Occurrence> list) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String sourceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Occurrence> range(long from, long to) {
            return occurrences.stream().filter(o -> o.start() < to && (o.end() > from || o.start() >= from)).toList();
        }

        @Override
        public List<Occurrence> startingFrom(long t, int limit, Predicate<Occurrence> filter) {
            return occurrences.stream().filter(o -> o.start() >= t).filter(filter).limit(limit).toList();
        }

        @Override
        public List<Occurrence> inProgress(long t) {
            return occurrences.stream().filter(o -> o.inProgressAt(t)).toList();
        }

        @Override
        public int size(String sourceId) {
            return (int) occurrences.stream().filter(o -> o.sourceId().equals(sourceId)).count();
        }

        @Override
        public long generation() {
            return generation;
        }
    }

    /** The first timed, non-skipped occurrence from now; enough to test the web's side of the selection. */
    static final class FirstMeeting implements MeetingSelector {
        final SkipList skips;

        FirstMeeting(SkipList skips) {
            this.skips = skips;
        }

        @Override
        public WhatsNext whatsNext(EventStore store, Instant now) {
            long t = now.getEpochSecond();
            List<Occurrence> next = store.startingFrom(t, 1, o -> !o.allDay() && !skips.isSkipped(o.id()));
            List<Occurrence> current = store.inProgress(t).stream().filter(o -> !o.allDay()).toList();
            List<Occurrence> allDay = store.range(t, t + 1).stream().filter(Occurrence::allDay).toList();
            WhatsNext.Status status = next.isEmpty() ? new WhatsNext.Status("No meetings scheduled", false, false)
                    : new WhatsNext.Status("Plenty of time", false, false);
            return new WhatsNext(next.isEmpty() ? null : next.get(0), current.isEmpty() ? null : current.get(0),
                    allDay, status, t);
        }

        @Override
        public String exclusion(Occurrence occurrence) {
            return occurrence.allDay() ? "all-day" : skips.isSkipped(occurrence.id()) ? "skipped" : null;
        }
    }

    static final class MemorySkips implements SkipList {
        final Map<String, Instant> map = new TreeMap<>();

        @Override
        public boolean isSkipped(String id) {
            return map.containsKey(id);
        }

        @Override
        public Instant skip(String id) {
            map.put(id, NOW.plus(Duration.ofHours(24)));
            return map.get(id);
        }

        @Override
        public boolean unskip(String id) {
            return map.remove(id) != null;
        }

        @Override
        public int clear() {
            int n = map.size();
            map.clear();
            return n;
        }

        @Override
        public Map<String, Instant> skipped() {
            return Map.copyOf(map);
        }
    }

    static final class Settings implements KioskSettings {
        String layout = "whatsnext";
        ZoneId zone = LOS_ANGELES;
        int heartbeatSeconds = 45;
        List<String> skipKeywords = List.of("focus time", "deep work");

        @Override
        public int heartbeatSeconds() {
            return heartbeatSeconds;
        }

        @Override
        public List<String> skipKeywords() {
            return skipKeywords;
        }

        @Override
        public ZoneId zone() {
            return zone;
        }

        @Override
        public String layout() {
            return layout;
        }

        @Override
        public String meAddress() {
            return null;
        }
    }

    static final class Refresher implements FeedRefresher {
        final List<SourceStatus> sources = new ArrayList<>();
        final List<String> refreshed = new ArrayList<>();
        int statusReads;

        @Override
        public List<SourceStatus> status() {
            statusReads++;
            return sources;
        }

        @Override
        public boolean refreshNow(String sourceId) {
            if (sourceId != null && sources.stream().noneMatch(s -> s.id().equals(sourceId))) {
                return false;
            }
            refreshed.add(String.valueOf(sourceId));
            return true;
        }
    }

    /** A layout whose files are strings in memory. */
    static final class MemoryLayout implements Layout {
        final String name;
        final Map<String, String> files = new LinkedHashMap<>();
        int reads;

        MemoryLayout(String name, String... pathThenContent) {
            this.name = name;
            for (int i = 0; i + 1 < pathThenContent.length; i += 2) {
                files.put(pathThenContent[i], pathThenContent[i + 1]);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return name.substring(0, 1).toUpperCase() + name.substring(1);
        }

        @Override
        public String description() {
            return "The " + name + " layout";
        }

        @Override
        public List<String> resources() {
            return List.copyOf(files.keySet());
        }

        @Override
        public URL resource(String path) {
            String content = files.get(path);
            if (content == null) {
                return null;
            }
            try {
                return new URL(null, "memory:/" + name + "/" + path, new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL u) {
                        return new URLConnection(u) {
                            @Override
                            public void connect() {
                            }

                            @Override
                            public InputStream getInputStream() {
                                reads++;
                                return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
                            }
                        };
                    }
                });
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Both JSON servlets, fully wired over the given store with every optional service present. */
    static final class Api {
        final ListStore store;
        final MemorySkips skips = new MemorySkips();
        final Settings settings = new Settings();
        final Refresher refresher = new Refresher();
        final LayoutRegistry layouts = new LayoutRegistry();
        final RequestMetrics metrics = new RequestMetrics();
        final BrowserHeartbeats heartbeats = new BrowserHeartbeats();
        final KioskApiServlet kiosk = new KioskApiServlet();
        final OperationsServlet ops = new OperationsServlet();
        /** Sends each request where the HTTP whiteboard would: the operations' paths, else the kiosk API. */
        final HttpServlet servlet = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            public void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String path = JsonApiServlet.path(req);
                boolean operations = path.equals("/metrics") || path.startsWith("/metrics/")
                        || List.of("health", "status", "refresh").stream()
                                .anyMatch(p -> path.equals("/api/" + p) || path.startsWith("/api/" + p + "/"));
                (operations ? ops : kiosk).service(req, resp);
            }
        };
        final ManualTime time = new ManualTime(BOOKKEEPING);
        Instant now = NOW;

        Api(Occurrence... occurrences) {
            store = new ListStore(occurrences);
            kiosk.layouts = layouts;
            kiosk.metrics = metrics;
            kiosk.heartbeats = heartbeats;
            kiosk.store = store;
            kiosk.skips = skips;
            kiosk.selector = new FirstMeeting(skips);
            kiosk.clock = () -> now;
            kiosk.time = time;
            kiosk.refresher = refresher;
            kiosk.kiosk = settings;
            ops.metrics = metrics;
            ops.heartbeats = heartbeats;
            ops.store = store;
            ops.skips = skips;
            ops.selector = kiosk.selector;
            ops.clock = kiosk.clock;
            ops.time = time;
            ops.refresher = refresher;
            ops.kiosk = settings;
            ops.processStart = BOOKKEEPING.minus(Duration.ofHours(1));
            refresher.sources.add(source("work", "Work", SourceStatus.State.OK, BOOKKEEPING.minusSeconds(120), null));
        }

        Clock clock() {
            return () -> now;
        }
    }
}
