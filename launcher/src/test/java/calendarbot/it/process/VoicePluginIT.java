package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Voice as a plug-in: the pi distribution (which does not have it) running, calendarbot.voice.jar copied from the
 * full distribution into its deploy/ folder, and every Alexa endpoint called without and with the bearer token. The
 * kiosk runs at a fixed "now" (CALENDARBOT_TEST_TIME) on a calendar of its own (feeds/voice-day.ics): 08:00 on
 * 2025-11-05 in Los Angeles, "R&D <sync>" at 10:00 in Conference Room A, focus time at 11:00, "End of Day Sync"
 * until 17:00, an all-day offsite, and an early call the next morning.
 */
class VoicePluginIT {

    private static final String TOKEN = "it-voice-token-5c2b9e0d7a41f386";
    private static final String NOW = "2025-11-05T08:00:00-08:00";
    private static final List<String> ENDPOINTS = List.of("next-meeting", "time-until-next", "done-for-day",
            "launch-summary", "morning-summary");

    @TempDir
    Path work;

    private Distribution startPi(Map<String, String> env) throws Exception {
        Path home = Distribution.copy("pi", work);
        Path configs = Files.createDirectories(work.resolve("configs"));
        Files.writeString(configs.resolve("calendarbot.source-demo.cfg"), "enabled = false\n");
        Files.writeString(configs.resolve("calendarbot.kiosk.cfg"), "timeZone = America/Los_Angeles\n");
        Path feed = Path.of(VoicePluginIT.class.getResource("/feeds/voice-day.ics").toURI());
        Files.writeString(configs.resolve("calendarbot.source-voice.cfg"),
                "name = Voice\nurl = " + feed.toUri() + "\n");
        Distribution kiosk = Distribution.start(home, configs, work.resolve("data"), env);
        Poll.until("the voice calendar in /api/whats-next", () -> String.valueOf(JsonReader.at(
                JsonReader.parse(Http.get(kiosk.baseUri().resolve("/api/whats-next")).body()), "meeting", "subject")),
                "R&D <sync>"::equals);
        return kiosk;
    }

    /** Copies the voice jar into deploy/ as a user would (whole, then renamed) and returns when that happened. */
    private static long deployVoice(Distribution kiosk) throws Exception {
        Path jar = Distribution.home("full").resolve("bundle/calendarbot.voice.jar");
        Path part = kiosk.home().resolve("deploy/.voice.part");
        Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
        long at = System.nanoTime();
        Files.move(part, kiosk.home().resolve("deploy/calendarbot.voice.jar"), StandardCopyOption.ATOMIC_MOVE);
        return at;
    }

    private static Http.Response call(Distribution kiosk, String endpoint, String authorization) throws Exception {
        return Http.getWithAuthorization(kiosk.baseUri().resolve("/api/alexa/" + endpoint), authorization);
    }

    private static Map<String, Object> json(Http.Response r) {
        return JsonReader.parseObject(r.body());
    }

    @Test
    void copiedIntoThePiDistributionVoiceAnswersEveryEndpointWithTheTokenOnly() throws Exception {
        try (Distribution kiosk = startPi(Map.of("CALENDARBOT_TEST_TIME", NOW,
                "CALENDARBOT_ALEXA_BEARER_TOKEN", TOKEN))) {
            URI status = kiosk.baseUri().resolve("/api/status");
            assertEquals("absent", bundleState(Http.get(status).body()), "the pi profile has no voice");
            assertEquals(404, call(kiosk, "launch-summary", "Bearer " + TOKEN).status());

            long copied = deployVoice(kiosk);
            Poll.until("the launch summary to answer once the jar is in deploy/",
                    () -> call(kiosk, "launch-summary", "Bearer " + TOKEN).status(), s -> s == 200);
            System.out.printf("voice: endpoints answered %d ms after the jar was copied into deploy/%n",
                    (System.nanoTime() - copied) / 1_000_000);
            Poll.until("calendarbot.voice ACTIVE in /api/status", () -> bundleState(Http.get(status).body()),
                    "ACTIVE"::equals);

            for (String endpoint : ENDPOINTS) {
                for (String refused : new String[] { null, "Bearer wrong-token", "Basic " + TOKEN }) {
                    Http.Response r = call(kiosk, endpoint, refused);
                    assertEquals(401, r.status(), endpoint + " with " + refused);
                    assertEquals(Map.of("error", "Unauthorized"), json(r));
                }
                Http.Response r = call(kiosk, endpoint + "?prefer_ssml=true", "Bearer " + TOKEN);
                assertEquals(200, r.status(), endpoint + ": " + r.body());
                Map<String, Object> answer = json(r);
                String speech = String.valueOf(answer.get("speech_text"));
                assertFalse(speech.isBlank(), endpoint);
                byte[] ssmlBytes = String.valueOf(answer.get("ssml")).getBytes(StandardCharsets.UTF_8);
                Element ssml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(ssmlBytes)).getDocumentElement();
                assertEquals("speak", ssml.getTagName(), endpoint);
                assertEquals(speech, ssml.getTextContent(), endpoint);
            }

            Map<String, Object> next = json(call(kiosk, "next-meeting", "Bearer " + TOKEN));
            assertEquals("Your next meeting is R&D <sync> in 2 hours, at 10:00 am, in Conference Room A.",
                    next.get("speech_text"));
            assertEquals("2025-11-05T18:00:00Z", JsonReader.at(next, "meeting", "start_iso"));
            assertEquals("7200", String.valueOf(json(call(kiosk, "time-until-next", "Bearer " + TOKEN))
                    .get("seconds_until_start")));
            Map<String, Object> done = json(call(kiosk, "done-for-day", "Bearer " + TOKEN));
            assertEquals("You'll be done for the day at 5:00 pm, when End of Day Sync ends. You also have Company "
                    + "Offsite all day.", done.get("speech_text"));
            assertEquals("America/Los_Angeles", done.get("tz"), "without tz: the kiosk's zone");
            assertEquals("Done for the Day", JsonReader.at(done, "card", "title"));
            Map<String, Object> launch = json(call(kiosk, "launch-summary?tz=America/New_York", "Bearer " + TOKEN));
            assertEquals(true, launch.get("has_meetings_today"));
            String launchSpeech = String.valueOf(launch.get("speech_text"));
            assertTrue(launchSpeech.startsWith("Your next meeting is R&D <sync> in 2 hours, at 1:00 pm."),
                    launchSpeech);
            Map<String, Object> morning = json(call(kiosk, "morning-summary?timezone=America/Los_Angeles",
                    "Bearer " + TOKEN));
            assertEquals("today_morning", JsonReader.at(morning, "summary", "preview_for"));
            // the 10:00 meeting and half a meeting for the offsite; the focus time is no meeting
            assertTrue(String.valueOf(morning.get("speech_text")).startsWith("Good morning. You have 1.5 meeting "
                    + "equivalents before noon today."), String.valueOf(morning.get("speech_text")));
            Map<String, Object> tomorrow = json(call(kiosk, "morning-summary?date=2025-11-06", "Bearer " + TOKEN));
            assertEquals(true, JsonReader.at(tomorrow, "summary", "early_start_flag"));
            assertEquals("2025-11-06T05:30:00-08:00", JsonReader.at(tomorrow, "summary", "wake_up_recommendation"));

            Http.Response badZone = call(kiosk, "next-meeting?tz=Mars/Olympus_Mons", "Bearer " + TOKEN);
            assertEquals(400, badZone.status());
            assertEquals("tz", json(badZone).get("parameter"));

            // the token is nowhere to be read
            assertFalse(Http.get(status).body().contains(TOKEN), "/api/status");
            assertFalse(Http.get(kiosk.baseUri().resolve("/metrics")).body().contains(TOKEN), "/metrics");
            assertFalse(kiosk.log().contains(TOKEN), "console output");
            assertFalse(Files.readString(work.resolve("data/logs/calendarbot.log")).contains(TOKEN), "log file");

            Files.delete(kiosk.home().resolve("deploy/calendarbot.voice.jar"));
            Poll.until("the endpoints gone with the jar",
                    () -> call(kiosk, "launch-summary", "Bearer " + TOKEN).status(), s -> s == 404);
        }
    }

    @Test
    void withoutATokenVoiceIsOffUntilOneIsConfigured() throws Exception {
        try (Distribution kiosk = startPi(Map.of("CALENDARBOT_TEST_TIME", NOW))) {
            deployVoice(kiosk);
            Poll.until("calendarbot.voice ACTIVE in /api/status",
                    () -> bundleState(Http.get(kiosk.baseUri().resolve("/api/status")).body()), "ACTIVE"::equals);
            Poll.until("the log saying how to turn voice on", () -> kiosk.log().contains("are off: no bearer token"));
            for (String endpoint : ENDPOINTS) {
                assertEquals(404, call(kiosk, endpoint, null).status(), endpoint + ": not served at all");
                assertEquals(404, call(kiosk, endpoint, "Bearer anything").status(), endpoint);
            }

            // a token in the user's configuration folder turns voice on, live
            Path cfg = work.resolve("configs/calendarbot.voice.cfg");
            Files.writeString(work.resolve("configs/.voice.tmp"), "bearerToken = " + TOKEN + "\n");
            Files.move(work.resolve("configs/.voice.tmp"), cfg, StandardCopyOption.ATOMIC_MOVE);
            Poll.until("the endpoints with the configured token",
                    () -> call(kiosk, "next-meeting", "Bearer " + TOKEN).status(), s -> s == 200);
            assertEquals(401, call(kiosk, "next-meeting", null).status());
            Object shown = JsonReader.at(JsonReader.parse(Http.get(kiosk.baseUri().resolve("/api/status")).body()),
                    "config", "calendarbot.voice", "bearerToken");
            assertEquals("********", shown, "/api/status masks the token");
            assertEquals(1, count(kiosk.log(), "are off: no bearer token"), "said once");
            assertFalse(kiosk.log().contains(TOKEN));
        }
    }

    /** The state of calendarbot.voice in a /api/status body, or "absent". */
    private static String bundleState(String statusBody) {
        Object bundles = JsonReader.parseObject(statusBody).get("bundles");
        for (Object b : (List<?>) bundles) {
            Map<?, ?> m = (Map<?, ?>) b;
            if ("calendarbot.voice".equals(m.get("symbolic_name"))) {
                return String.valueOf(m.get("state"));
            }
        }
        return "absent";
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
