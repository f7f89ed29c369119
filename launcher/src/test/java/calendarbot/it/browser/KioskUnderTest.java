package calendarbot.it.browser;

import calendarbot.it.Distribution;
import calendarbot.it.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The full distribution serving a known calendar at a fixed time: 2026-11-24 15:50 UTC, which is 07:50 in the
 * kiosk's zone (America/Los_Angeles). "Design review" starts at 16:00Z (08:00 there), in ten minutes;
 * "Team standup" runs until then; "Team offsite" is all day. The profile's demo source is switched off so
 * nothing else competes for "next".
 */
final class KioskUnderTest implements AutoCloseable {

    static final String TEST_TIME = "2026-11-24T15:50:00Z";
    static final String ZONE = "America/Los_Angeles";
    static final String NEXT_MEETING = "Design review";

    static final String FEED = String.join("\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//CalendarBot Lite//browser tests//EN",
            "BEGIN:VEVENT",
            "UID:standup@browser-test",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Team standup",
            "LOCATION:Team corner",
            "DTSTART:20261124T153000Z",
            "DTEND:20261124T160000Z",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:design-review@browser-test",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Design review",
            "LOCATION:Room Fuji",
            "DESCRIPTION:Join online: https://teams.microsoft.com/l/meetup-join/browser-test",
            "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/browser-test",
            "DTSTART:20261124T160000Z",
            "DTEND:20261124T163000Z",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:one-on-one@browser-test",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:1:1 with Sam",
            "DTSTART:20261124T180000Z",
            "DTEND:20261124T183000Z",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:planning@browser-test",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Sprint planning",
            "LOCATION:Everest",
            "DTSTART:20261125T170000Z",
            "DTEND:20261125T183000Z",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:offsite@browser-test",
            "DTSTAMP:20261101T000000Z",
            "SUMMARY:Team offsite",
            "DTSTART;VALUE=DATE:20261124",
            "DTEND;VALUE=DATE:20261125",
            "END:VEVENT",
            "END:VCALENDAR",
            "");

    private static final Pattern NEXT_IN_API = Pattern.compile(
            "\"meeting\"\\s*:\\s*\\{[^}]*\"subject\"\\s*:\\s*\"" + Pattern.quote(NEXT_MEETING) + "\"");

    private final Path configDir;
    private final Distribution distribution;

    private KioskUnderTest(Path configDir, Distribution distribution) {
        this.configDir = configDir;
        this.distribution = distribution;
    }

    /** Writes the feed and the configuration under {@code work}, starts the distribution, waits for the feed. */
    static KioskUnderTest start(Path work, String layout) throws IOException, InterruptedException {
        return start(work, layout, Distribution.home("full"));
    }

    /** The same, from the distribution in {@code home} (a copy with plug-ins in its deploy/ folder). */
    static KioskUnderTest start(Path work, String layout, Path home) throws IOException, InterruptedException {
        Path configDir = work.resolve("config");
        Files.createDirectories(configDir);
        Path feed = work.resolve("feed.ics");
        Files.writeString(feed, FEED);
        Path empty = work.resolve("empty.ics");
        Files.writeString(empty, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//CalendarBot Lite//empty//EN\r\n"
                + "END:VCALENDAR\r\n");
        write(configDir, "calendarbot.source-test.cfg", "name = test\nurl = " + feed.toUri() + "\n");
        // Same file name as the profile's demo source, read after it: the demo calendar (placed around the same
        // fixed time) must not compete with the known feed.
        write(configDir, "calendarbot.source-demo.cfg", "name = Demo\nenabled = false\nurl = " + empty.toUri() + "\n");
        writeKiosk(configDir, layout);
        Distribution d = Distribution.start(home, configDir, work.resolve("data"),
                Map.of("CALENDARBOT_TEST_TIME", TEST_TIME));
        KioskUnderTest kiosk = new KioskUnderTest(configDir, d);
        try {
            kiosk.awaitNextMeeting();
        } catch (RuntimeException | Error e) {
            d.stop();
            throw e;
        }
        return kiosk;
    }

    /** Changes the configured layout the way a person would: by rewriting calendarbot.kiosk.cfg. */
    void configureLayout(String layout) throws IOException {
        writeKiosk(configDir, layout);
    }

    URI page(String query) {
        return distribution.baseUri().resolve("/" + (query.isEmpty() ? "" : "?" + query));
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(distribution.baseUri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** The server has had a browser heartbeat (POST /api/browser-heartbeat), as /api/health reports it. */
    boolean heartbeatReceived() {
        try {
            return get("/api/health").matches("(?s).*\"last_probe_ok\"\\s*:\\s*true.*");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Distribution distribution() {
        return distribution;
    }

    /** The server has read the feed once /api/whats-next names its next meeting. */
    private void awaitNextMeeting() throws IOException {
        try {
            Poll.until("/api/whats-next to name \"" + NEXT_MEETING + "\"", () -> get("/api/whats-next"),
                    answer -> NEXT_IN_API.matcher(answer).find());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nlog:\n" + distribution.log(), e);
        }
    }

    private static void writeKiosk(Path configDir, String layout) throws IOException {
        write(configDir, "calendarbot.kiosk.cfg", "layout = " + layout + "\ntimeZone = " + ZONE + "\n");
    }

    // Written beside and moved into place, so FileInstall never reads half a file.
    private static void write(Path dir, String name, String content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws InterruptedException {
        distribution.stop();
    }
}
