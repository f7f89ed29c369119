package calendarbot.voice.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ServletExchange;
import calendarbot.json.JsonReader;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The HTTP side: token, failures, paths, methods, parameters, missing services. */
class AlexaServletTest {

    /** What ServletExchange.json reads answers with: the bundle's own JSON codec. */
    static final Function<String, Map<String, Object>> JSON = JsonReader::parseObject;

    private static final String TOKEN = "s3cr3t-token-0123456789abcdef";
    private static final String[] ENDPOINTS = { "next-meeting", "time-until-next", "done-for-day", "launch-summary",
            "morning-summary" };

    private final Kiosk kiosk = new Kiosk("America/Los_Angeles", "2025-11-05T08:00");
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FailureLimiter limiter = new FailureLimiter(5, 60, nanos::get);
    private final AlexaServlet servlet = new AlexaServlet(() -> BearerToken.of(TOKEN, "test"), () -> limiter,
            kiosk::agenda);

    AlexaServletTest() {
        kiosk.meeting("Team Standup", "2025-11-05T10:00", 30);
    }

    @Test
    void everyEndpointAnswersWithTheToken() throws Exception {
        for (String e : ENDPOINTS) {
            ServletExchange x = ServletExchange.get("/api/alexa/" + e).bearer(TOKEN).send(servlet);
            assertEquals(200, x.status, e + ": " + x.text());
            assertEquals("application/json; charset=utf-8", x.headers.get("Content-Type"));
            assertEquals("no-store", x.headers.get("Cache-Control"));
            assertTrue(x.json(JSON).get("speech_text") instanceof String s && !s.isEmpty(), e);
            assertNull(x.json(JSON).get("ssml"), e);
        }
        ServletExchange trailing = ServletExchange.get("/api/alexa/next-meeting/").bearer(TOKEN).send(servlet);
        assertEquals(200, trailing.status);
        ServletExchange lowerCaseScheme = ServletExchange.get("/api/alexa/next-meeting")
                .header("Authorization", "bearer " + TOKEN)
                .send(servlet);
        assertEquals(200, lowerCaseScheme.status, "the scheme is case-insensitive (RFC 6750)");
    }

    @Test
    void preferSsmlAddsSsmlToEveryEndpoint() throws Exception {
        for (String e : ENDPOINTS) {
            ServletExchange x = ServletExchange.get("/api/alexa/" + e + "?prefer_ssml=true").bearer(TOKEN)
                    .send(servlet);
            assertEquals(200, x.status, e);
            UtteranceTest.assertValidSsml(String.valueOf(x.json(JSON).get("ssml")));
        }
    }

    @Test
    void withoutTheRightTokenEveryEndpointIs401Unauthorized() throws Exception {
        String[][] headers = { {}, { "Authorization", "Bearer wrong" }, { "Authorization", "Bearer " },
            { "Authorization", "Basic " + TOKEN }, { "Authorization", TOKEN },
            { "Authorization", "Bearer " + TOKEN + "x" } };
        int n = 0;
        for (String[] h : headers) {
            ServletExchange x = ServletExchange.get("/api/alexa/" + ENDPOINTS[n % ENDPOINTS.length])
                    .from("10.0.0." + n++);
            if (h.length > 0) {
                x.header(h[0], h[1]);
            }
            x.send(servlet);
            assertEquals(401, x.status, String.join(" ", h));
            assertEquals(Map.of("error", "Unauthorized"), x.json(JSON));
            assertEquals("Bearer realm=\"calendarbot\"", x.headers.get("WWW-Authenticate"));
            assertFalse(x.text().contains(TOKEN));
        }
        // an unknown path says nothing without the token either
        assertEquals(401, ServletExchange.get("/api/alexa/secrets").send(servlet).status);
    }

    @Test
    void repeatedFailuresFromOneAddressAre429ThenAllowedAgain() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(401,
                    ServletExchange.get("/api/alexa/next-meeting").bearer("guess" + i).from("10.1.1.1").send(servlet)
                            .status);
        }
        ServletExchange locked = ServletExchange.get("/api/alexa/next-meeting").bearer(TOKEN).from("10.1.1.1")
                .send(servlet);
        assertEquals(429, locked.status, "the right token too: the answer must not tell a guesser anything");
        assertEquals("60", locked.headers.get("Retry-After"));
        assertEquals("Too many failed attempts", locked.json(JSON).get("error"));
        assertEquals(200, ServletExchange.get("/api/alexa/next-meeting").bearer(TOKEN).from("10.1.1.2").send(servlet)
                .status,
                "another address is not affected");
        nanos.addAndGet(30_000_000_000L);
        assertEquals("30",
                ServletExchange.get("/api/alexa/next-meeting").from("10.1.1.1").send(servlet).headers
                        .get("Retry-After"));
        nanos.addAndGet(30_000_000_000L);
        assertEquals(200, ServletExchange.get("/api/alexa/next-meeting").bearer(TOKEN).from("10.1.1.1").send(servlet)
                .status);
    }

    @Test
    void behindAProxyOnTheSameMachineTheForwardedClientIsCounted() throws Exception {
        for (int i = 0; i < 5; i++) {
            ServletExchange.get("/api/alexa/next-meeting").header("X-Forwarded-For", "198.51.100.7").from("127.0.0.1")
                    .send(servlet);
        }
        assertEquals(429, ServletExchange.get("/api/alexa/next-meeting").bearer(TOKEN)
                .header("X-Forwarded-For", "203.0.113.5, 198.51.100.7").from("127.0.0.1").send(servlet).status,
                "the proxy's own entry (the last) names the client");
        assertEquals(200, ServletExchange.get("/api/alexa/next-meeting").bearer(TOKEN)
                .header("X-Forwarded-For", "192.0.2.1").from("127.0.0.1").send(servlet).status,
                "the skill, forwarded by the same proxy, still gets in");
        // a client on the LAN cannot dodge the count with a header of its own
        for (int i = 0; i < 5; i++) {
            ServletExchange.get("/api/alexa/next-meeting").header("X-Forwarded-For", "192.0.2." + i)
                    .from("192.168.1.50")
                    .send(servlet);
        }
        assertEquals(429, ServletExchange.get("/api/alexa/next-meeting").from("192.168.1.50").send(servlet).status);
        assertEquals("::1", AlexaServlet.clientAddress(proxyless("::1")));
    }

    @Test
    void unknownPathsMethodsAndParameters() throws Exception {
        ServletExchange unknown = ServletExchange.get("/api/alexa/weather").bearer(TOKEN).send(servlet);
        assertEquals(404, unknown.status);
        assertEquals("no such endpoint: /api/alexa/weather", unknown.json(JSON).get("error"));

        ServletExchange post = ServletExchange.request("POST", "/api/alexa/next-meeting").bearer(TOKEN).send(servlet);
        assertEquals(405, post.status);
        assertEquals("GET, HEAD", post.headers.get("Allow"));

        ServletExchange head = ServletExchange.request("HEAD", "/api/alexa/next-meeting").bearer(TOKEN).send(servlet);
        assertEquals(200, head.status);
        assertEquals("", head.text());

        for (String[] bad : new String[][] { { "next-meeting?tz=Mars/Olympus_Mons", "tz" },
            { "done-for-day?tz=Not%20A%20Zone", "tz" }, { "launch-summary?tz=Europe/Nowhere", "tz" },
            { "time-until-next?tz=%2B99:00", "tz" }, { "morning-summary?timezone=Moon/Base", "timezone" },
            { "morning-summary?tz=Moon/Base", "tz" }, { "morning-summary?date=2025-13-01", "date" },
            { "morning-summary?date=tomorrow", "date" }, { "morning-summary?max_events=0", "max_events" },
            { "morning-summary?max_events=101", "max_events" }, { "morning-summary?max_events=ten", "max_events" },
            { "morning-summary?detail_level=chatty", "detail_level" } }) {
            ServletExchange x = ServletExchange.get("/api/alexa/" + bad[0]).bearer(TOKEN).send(servlet);
            assertEquals(400, x.status, bad[0]);
            assertEquals(bad[1], x.json(JSON).get("parameter"), bad[0]);
            assertTrue(String.valueOf(x.json(JSON).get("error")).contains(bad[1]), x.text());
        }
        assertEquals(200, ServletExchange.get("/api/alexa/morning-summary?date=2025-11-10&timezone=America/New_York"
                + "&detail_level=brief&max_events=100&prefer_ssml=false").bearer(TOKEN).send(servlet).status);
    }

    @Test
    void withoutTzTheKiosksZone() throws Exception {
        Map<String, Object> done = ServletExchange.get("/api/alexa/done-for-day").bearer(TOKEN).send(servlet)
                .json(JSON);
        assertEquals("America/Los_Angeles", done.get("tz"));
        assertEquals("2025-11-05T10:30:00-08:00", done.get("last_meeting_end_local_iso"));
        Map<String, Object> ny = ServletExchange.get("/api/alexa/done-for-day?tz=America/New_York").bearer(TOKEN)
                .send(servlet)
                .json(JSON);
        assertEquals("America/New_York", ny.get("tz"));
        assertEquals("2025-11-05T13:30:00-05:00", ny.get("last_meeting_end_local_iso"));
        Map<?, ?> summary = (Map<?, ?>) ServletExchange.get("/api/alexa/morning-summary").bearer(TOKEN).send(servlet)
                .json(JSON)
                .get("summary");
        assertEquals("2025-11-05T06:00:00-08:00", summary.get("timeframe_start"));
    }

    @Test
    void aMissingKioskServiceIs503NamingIt() throws Exception {
        AlexaServlet early = new AlexaServlet(() -> BearerToken.of(TOKEN, "test"), () -> limiter, () -> {
            throw new AlexaServlet.Unavailable("event store");
        });
        ServletExchange x = ServletExchange.get("/api/alexa/launch-summary").bearer(TOKEN).send(early);
        assertEquals(503, x.status);
        assertEquals("event store", x.json(JSON).get("missing"));
    }

    @Test
    void noTokenMeansNobodyGetsIn() throws Exception {
        AlexaServlet off = new AlexaServlet(() -> null, () -> limiter, kiosk::agenda);
        assertEquals(401, ServletExchange.get("/api/alexa/next-meeting").bearer("").send(off).status);
        assertEquals(401, ServletExchange.get("/api/alexa/next-meeting").send(off).status);
    }

    @Test
    void flags() {
        assertTrue(AlexaServlet.flag("true"));
        assertTrue(AlexaServlet.flag("TRUE"));
        assertTrue(AlexaServlet.flag("1"));
        assertFalse(AlexaServlet.flag("false"));
        assertFalse(AlexaServlet.flag(null));
        assertFalse(AlexaServlet.flag("maybe"));
    }

    private static jakarta.servlet.http.HttpServletRequest proxyless(String remote) {
        return (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(
                AlexaServletTest.class.getClassLoader(),
                new Class<?>[] { jakarta.servlet.http.HttpServletRequest.class },
                (p, m, a) -> m.getName().equals("getRemoteAddr") ? remote : null);
    }
}
