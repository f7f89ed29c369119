package calendarbot.web.internal;

import calendarbot.api.Clock;
import calendarbot.api.EventBuilder;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.Layout;
import calendarbot.api.ManualTime;
import calendarbot.api.MeetingSelector;
import calendarbot.api.MemoryEventStore;
import calendarbot.api.MemorySkipList;
import calendarbot.api.SkipList;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import calendarbot.kiosk.internal.KioskDay;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small fakes of the calendarbot.api services for the web tests. */
final class Fixtures {

    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    /** The kiosk's "now": 06:00 in Los Angeles. */
    static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");
    /** Bookkeeping time, months from the kiosk's now so an answer shows which clock it read. */
    static final Instant BOOKKEEPING = Instant.parse("2027-03-01T10:00:00Z");

    private Fixtures() {
    }

    static Occurrence meeting(String uid, String summary, Instant start, Duration length) {
        return meeting(uid, summary, start, length, null, null);
    }

    /** A confirmed meeting in Los Angeles that the owner accepted, as Outlook sends one. */
    static Occurrence meeting(String uid, String summary, Instant start, Duration length, String busyStatus,
            String onlineUrl) {
        return EventBuilder.event(uid).summary(summary).location("Room Ada").description("Agenda: <b>demo</b>")
                .start(EventTime.of(LocalDateTime.ofInstant(start, LOS_ANGELES), LOS_ANGELES))
                .end(EventTime.of(LocalDateTime.ofInstant(start.plus(length), LOS_ANGELES), LOS_ANGELES))
                .status("CONFIRMED").transp("OPAQUE").busyStatus(busyStatus).organizer("boss@example.org")
                .attendees(3).myPartStat("ACCEPTED").onlineMeetingUrl(onlineUrl).occurrence("work");
    }

    static Occurrence allDay(String uid, String summary, LocalDate day, ZoneId zone) {
        return EventBuilder.allDay(uid, summary, day).allDayOccurrence("work", zone);
    }

    static SourceStatus source(String id, String name, SourceStatus.State state, Instant lastSuccess, String error) {
        return new SourceStatus(id, name, "#3b82f6", state, lastSuccess, lastSuccess, error, 12, 4096, 0,
                lastSuccess == null ? null : lastSuccess.plusSeconds(300));
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
        final MemoryEventStore store;
        final ManualTime time = new ManualTime(BOOKKEEPING);
        final MemorySkipList skips = new MemorySkipList(time);
        final FixedKioskSettings settings = new FixedKioskSettings(LOS_ANGELES);
        final Refresher refresher = new Refresher();
        final LayoutRegistry layouts = new LayoutRegistry();
        final RequestMetrics metrics = new RequestMetrics();
        final BrowserHeartbeats heartbeats = new BrowserHeartbeats();
        final KioskApiServlet kiosk = new KioskApiServlet();
        final OperationsServlet ops = new OperationsServlet();
        /**
         * Sends each request where the HTTP whiteboard would: through the cross-origin filter to the operations'
         * paths, else to the kiosk API.
         */
        final HttpServlet servlet = new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            public void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String path = JsonApiServlet.path(req);
                boolean operations = path.equals("/metrics") || path.startsWith("/metrics/")
                        || List.of("health", "status", "refresh").stream()
                                .anyMatch(p -> path.equals("/api/" + p) || path.startsWith("/api/" + p + "/"));
                JsonApiServlet target = operations ? ops : kiosk;
                try {
                    new CrossOriginFilter().doFilter(req, resp, (rq, rs) -> target.service(rq, rs));
                } catch (jakarta.servlet.ServletException e) {
                    throw new IOException(e);
                }
            }
        };
        Instant now = NOW;

        Api(Occurrence... occurrences) {
            store = new MemoryEventStore(occurrences);
            store.generation(7);
            settings.heartbeatSeconds = 45;
            settings.skipKeywords = List.of("focus time", "deep work");
            kiosk.layouts = layouts;
            kiosk.metrics = metrics;
            kiosk.heartbeats = heartbeats;
            kiosk.store = store;
            kiosk.skips = skips;
            kiosk.selector = new FirstMeeting(skips);
            kiosk.overview = new KioskDay(kiosk.selector, skips, settings);
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
