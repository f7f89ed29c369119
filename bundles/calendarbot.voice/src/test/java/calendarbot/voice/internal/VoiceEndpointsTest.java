package calendarbot.voice.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.ServletExchange;
import calendarbot.json.JsonReader;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Whether the endpoints are served: a token from the configuration or the environment, live changes, the log. */
class VoiceEndpointsTest {

    /** What ServletExchange.json reads answers with: the bundle's own JSON codec. */
    static final Function<String, Map<String, Object>> JSON = JsonReader::parseObject;

    private static final String CONFIG_TOKEN = "config-token-7f3a9c1e5b2d4806";
    private static final String ENV_TOKEN = "env-token-1c9e7a5b3d2f4068";
    private static final Path LOG = Path.of("target/voice-test.log");

    private final Map<String, String> env = new HashMap<>();
    private final FakeContext context = new FakeContext();
    private final Kiosk kiosk = new Kiosk("America/Los_Angeles", "2025-11-05T08:00");
    private final VoiceEndpoints endpoints = new VoiceEndpoints(env::get);

    VoiceEndpointsTest() {
        endpoints.store = kiosk.store;
        endpoints.selector = kiosk.selector();
        endpoints.overview = kiosk.overview();
        endpoints.clock = kiosk.now.asClock();
        endpoints.kiosk = kiosk.settings;
    }

    private static VoiceEndpoints.Config config(String token) {
        return ConfigProxy.of(VoiceEndpoints.Config.class, token == null ? Map.of() : Map.of("bearerToken", token));
    }

    @Test
    void withoutATokenNothingIsServed() {
        endpoints.activate(context.proxy(), config(null));
        assertNull(context.servlet, "no token, no servlet: /api/alexa/ is the kiosk API's 404");
        endpoints.modified(config("   "));
        assertNull(context.servlet);
        endpoints.deactivate();
    }

    @Test
    void aTokenFromTheEnvironmentTurnsVoiceOn() throws Exception {
        env.put(VoiceEndpoints.TOKEN_VARIABLE, ENV_TOKEN);
        endpoints.activate(context.proxy(), config(null));
        assertNotNull(context.servlet);
        assertEquals("/api/alexa/*", context.properties.get("osgi.http.whiteboard.servlet.pattern"));
        assertEquals(200, ServletExchange.get("/api/alexa/launch-summary").bearer(ENV_TOKEN).send(context.servlet)
                .status);
        assertEquals(401, ServletExchange.get("/api/alexa/launch-summary").send(context.servlet).status);
        endpoints.deactivate();
        assertTrue(context.unregistered);
    }

    @Test
    void theConfiguredTokenWinsAndChangesApplyAtOnce() throws Exception {
        env.put(VoiceEndpoints.TOKEN_VARIABLE, ENV_TOKEN);
        endpoints.activate(context.proxy(), config(CONFIG_TOKEN));
        AlexaServlet servlet = context.servlet;
        assertEquals(200, ServletExchange.get("/api/alexa/next-meeting").bearer(CONFIG_TOKEN).send(servlet).status);
        assertEquals(401, ServletExchange.get("/api/alexa/next-meeting").bearer(ENV_TOKEN).send(servlet).status);

        endpoints.modified(config("another-token-0123456789"));
        assertEquals(1, context.registrations, "a new token needs no new registration");
        assertEquals(401, ServletExchange.get("/api/alexa/next-meeting").bearer(CONFIG_TOKEN).send(servlet).status);
        assertEquals(200,
                ServletExchange.get("/api/alexa/next-meeting").bearer("another-token-0123456789").send(servlet).status);

        env.clear();
        endpoints.modified(config(""));
        assertTrue(context.unregistered, "token removed: the endpoints go");
        endpoints.modified(config(CONFIG_TOKEN));
        assertEquals(2, context.registrations, "and come back");
        endpoints.deactivate();
    }

    @Test
    void theFailureLimitIsConfigurable() throws Exception {
        endpoints.activate(context.proxy(), ConfigProxy.of(VoiceEndpoints.Config.class,
                Map.of("bearerToken", CONFIG_TOKEN, "maxFailedAttempts", "2", "failureWindowSeconds", "600")));
        AlexaServlet servlet = context.servlet;
        assertEquals(401, ServletExchange.get("/api/alexa/next-meeting").from("10.9.9.9").send(servlet).status);
        assertEquals(401, ServletExchange.get("/api/alexa/next-meeting").from("10.9.9.9").send(servlet).status);
        ServletExchange third = ServletExchange.get("/api/alexa/next-meeting").from("10.9.9.9").send(servlet);
        assertEquals(429, third.status);
        assertEquals("600", third.headers.get("Retry-After"));
        endpoints.deactivate();
    }

    @Test
    void aMissingServiceIs503() throws Exception {
        endpoints.activate(context.proxy(), config(CONFIG_TOKEN));
        endpoints.selector = null;
        ServletExchange x = ServletExchange.get("/api/alexa/next-meeting").bearer(CONFIG_TOKEN).send(context.servlet);
        assertEquals(503, x.status);
        assertEquals("meeting selector", x.json(JSON).get("missing"));
        endpoints.deactivate();
    }

    @Test
    void theLogSaysOnceHowToTurnVoiceOn() throws Exception {
        VoiceEndpoints fresh = new VoiceEndpoints(name -> null);
        long before = count(readLog(), "are off: no bearer token is set");
        fresh.activate(new FakeContext().proxy(), config(null));
        fresh.modified(config(""));
        fresh.modified(config(null));
        String log = readLog();
        assertEquals(before + 1, count(log, "are off: no bearer token is set"), log);
        assertTrue(log.contains("CALENDARBOT_ALEXA_BEARER_TOKEN") && log.contains("calendarbot.voice"), log);
        fresh.deactivate();
    }

    /** After every test of this class (and the other classes of this JVM): no token in any log line. */
    @AfterAll
    static void noTokenIsEverLogged() throws Exception {
        String log = readLog();
        assertFalse(log.isEmpty(), "the tests log to " + LOG);
        for (String token : new String[] { CONFIG_TOKEN, ENV_TOKEN, "another-token-0123456789" }) {
            assertFalse(log.contains(token), "a token in the log:\n" + log);
        }
    }

    private static String readLog() throws Exception {
        return Files.exists(LOG) ? Files.readString(LOG) : "";
    }

    private static long count(String text, String part) {
        long n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** A bundle context that records the one servlet registration the component makes. */
    static final class FakeContext {
        AlexaServlet servlet;
        Dictionary<String, Object> properties;
        int registrations;
        boolean unregistered;

        @SuppressWarnings("unchecked")
        BundleContext proxy() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { BundleContext.class }, (p, m, args) -> {
                        if (m.getName().equals("registerService")) {
                            servlet = (AlexaServlet) args[1];
                            properties = (Dictionary<String, Object>) args[2];
                            registrations++;
                            unregistered = false;
                            return registration();
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
        }

        private ServiceRegistration<?> registration() {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { ServiceRegistration.class }, (p, m, args) -> {
                        if (m.getName().equals("unregister")) {
                            unregistered = true;
                            servlet = null;
                            return null;
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
        }
    }
}
