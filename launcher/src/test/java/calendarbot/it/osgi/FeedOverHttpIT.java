package calendarbot.it.osgi;

import static calendarbot.it.osgi.InFramework.getJson;
import static calendarbot.it.osgi.InFramework.work;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A calendar configured by a file is fetched over real HTTP (a server outside the framework, chunked, gzip-less),
 * and its meetings appear in /api/events and /api/whats-next; a dead server then leaves the last good calendar.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeedOverHttpIT {
    private static final String FEED_URL = "calendarbot.it.feed.url";
    private static final String HITS = "calendarbot.it.feed.hits";
    private static HttpServer server;

    @Configuration
    public Option[] config() throws IOException {
        Option[] profile = ProfileBoot.options("full");
        AtomicInteger hits = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/team.ics", exchange -> {
            System.setProperty(HITS, Integer.toString(hits.incrementAndGet()));
            if (Boolean.getBoolean("calendarbot.it.feed.down")) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = feed(Instant.now()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=utf-8");
            exchange.sendResponseHeaders(200, 0); // chunked: the fetcher streams it into the parser
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/team.ics";
        Option[] all = Arrays.copyOf(profile, profile.length + 1);
        all[profile.length] = systemProperty(FEED_URL).value(url);
        return all;
    }

    /** A weekly stand-up that began a year ago, and a review 2 hours from now. */
    static String feed(Instant now) {
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        Instant review = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofHours(2));
        Instant standup = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(364)).plus(Duration.ofHours(3));
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//it//EN\r\n"
                + "BEGIN:VEVENT\r\nUID:review-1\r\nSUMMARY:Quarterly review\r\nDTSTART:" + utc.format(review)
                + "\r\nDTEND:" + utc.format(review.plus(Duration.ofHours(1))) + "\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:standup-1\r\nSUMMARY:Stand-up\r\nDTSTART:" + utc.format(standup)
                + "\r\nDTEND:" + utc.format(standup.plus(Duration.ofMinutes(15)))
                + "\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    @Test
    public void fileConfiguredSourceIsFetchedAndShownThenKeptWhenTheServerDies() throws Exception {
        String url = System.getProperty(FEED_URL);
        // No demo calendar for this test: only the HTTP source.
        FullProfileIT.writeAtomically(work().resolve("user-configs/calendarbot.source-demo.cfg"),
                "name = Demo\nurl = file:/nonexistent\nenabled = false\n");
        // the refresh asked for below follows the first fetch at once: no spacing of refresh-now for this test
        FullProfileIT.writeAtomically(work().resolve("user-configs/calendarbot.refresh.cfg"),
                "refreshNowMinSeconds = 0\n");
        Poll.until("refreshNowMinSeconds=0 in /api/status", () -> String.valueOf(JsonReader.at(getJson("/api/status"),
                "config", "calendarbot.refresh", "refreshNowMinSeconds")), "0"::equals);
        FullProfileIT.writeAtomically(work().resolve("user-configs/calendarbot.source-team.cfg"),
                "name = Team\nurl = " + url + "\ncolour = #aa3300\n");
        Poll.until("the review in /api/events", FeedOverHttpIT::subjects, s -> s.contains("Quarterly review"));
        List<?> events = (List<?>) getJson("/api/events").get("events");
        Map<?, ?> review = events.stream().map(e -> (Map<?, ?>) e)
                .filter(e -> "Quarterly review".equals(e.get("subject"))).findFirst().orElseThrow();
        assertEquals("team", review.get("source"));
        assertEquals("Team", review.get("source_name"));
        assertEquals("#aa3300", review.get("colour"));
        assertTrue("a daily series from a year ago still shows this week", subjects().contains("Stand-up"));
        assertTrue(Files.exists(work().resolve("data/feeds/team.ics")));

        System.setProperty("calendarbot.it.feed.down", "true");
        int before = Integer.getInteger(HITS, 0);
        assertEquals(202, calendarbot.it.Http.postJson(InFramework.uri("/api/refresh?source=team"), "{}").status());
        Poll.until("a new fetch of the dead server and the team source FAILING",
                () -> "hits " + Integer.getInteger(HITS, 0) + ", state " + teamState(),
                seen -> Integer.getInteger(HITS, 0) > before && seen.endsWith("state FAILING"));
        assertTrue("the last good calendar must stay", subjects().contains("Quarterly review"));
        Map<String, Object> health = getJson("/api/health");
        assertEquals("the wall still shows the last good calendar: a warning, not a 503", "ok", health.get("status"));
        String warnings = String.valueOf(health.get("warnings"));
        assertTrue(warnings, warnings.contains("Team: failing"));
        assertTrue(String.valueOf(health.get("sources")).contains("503"));
        System.clearProperty("calendarbot.it.feed.down");
        Files.move(work().resolve("user-configs/calendarbot.source-team.cfg"),
                work().resolve("user-configs/team.cfg.off"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String subjects() throws IOException {
        return String.valueOf(JsonReader.at(getJson("/api/events"), "events"));
    }

    private static String teamState() throws IOException {
        for (Object s : (List<?>) getJson("/api/health").get("sources")) {
            Map<?, ?> source = (Map<?, ?>) s;
            if ("team".equals(source.get("id"))) {
                return String.valueOf(source.get("state"));
            }
        }
        return "absent";
    }
}
