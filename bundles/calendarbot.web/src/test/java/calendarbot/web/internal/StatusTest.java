package calendarbot.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.ServletExchange;
import calendarbot.api.model.SettingOrigin;
import calendarbot.json.JsonReader;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class StatusTest {

    /** What ServletExchange.json reads answers with: the bundle's own JSON codec. */
    static final Function<String, Map<String, Object>> JSON = JsonReader::parseObject;

    static final OperationsServlet.Config HEALTH = ConfigProxy.defaults(OperationsServlet.Config.class);

    @Test
    void statusListsBundlesConfigurationsAndDeployProblemsWithSecretsMasked() throws Exception {
        Fixtures.Api api = new Fixtures.Api();
        Bundle system = bundle(0, "org.apache.felix.framework", Bundle.ACTIVE, "System Bundle");
        Bundle web = bundle(7, "calendarbot.web", Bundle.ACTIVE, "file:/opt/calendarbot/bundle/calendarbot.web.jar");
        Bundle broken = bundle(9, "acme.layout.neon", Bundle.INSTALLED, "file:/opt/calendarbot/deploy/neon.jar");
        api.ops.activate(context(new Bundle[] { system, web, broken }), HEALTH);
        api.ops.processStart = Fixtures.BOOKKEEPING.minusSeconds(90);
        api.ops.configurationAdmin = configAdmin(
                config("calendarbot.source~work", "calendarbot.source", Map.of("name", "Work",
                        "url", "https://outlook.office365.com/owa/calendar/abc/secretkey/reachcalendar.ics",
                        "auth.password", "hunter2", "auth.token", "t0k3n", "enabled", true,
                        "headers", new String[] { "X-A=1" })),
                config("calendarbot.kiosk", null, Map.of("layout", "week", "preferWindowMinutes", 30)));

        var res = ServletExchange.get("/api/status").send(api.servlet);
        assertEquals(200, res.status);
        String text = res.text();
        assertFalse(text.contains("hunter2") || text.contains("t0k3n") || text.contains("secretkey"), text);
        Map<String, Object> body = res.json(JSON);
        Map<?, ?> config = (Map<?, ?>) body.get("config");
        Map<?, ?> work = (Map<?, ?>) config.get("calendarbot.source~work");
        assertEquals("********", work.get("auth.password"));
        assertEquals("********", work.get("auth.token"));
        assertEquals("https://outlook.office365.com/********", work.get("url"));
        assertEquals(true, work.get("enabled"));
        assertEquals(List.of("X-A=********"), work.get("headers"), "a header's value may be a key");
        assertEquals(Map.of("layout", "week", "preferWindowMinutes", 30L, "service.pid", "calendarbot.kiosk"),
                config.get("calendarbot.kiosk"));

        List<?> bundles = (List<?>) body.get("bundles");
        assertEquals(Map.of("id", 9L, "symbolic_name", "acme.layout.neon", "version", "1.2.3", "state", "INSTALLED"),
                bundles.get(2));
        List<?> problems = (List<?>) body.get("deploy_problems");
        assertEquals(1, problems.size());
        assertEquals("file:/opt/calendarbot/deploy/neon.jar", ((Map<?, ?>) problems.get(0)).get("location"));
        assertEquals(Map.of("start_level", 10L, "uptime_seconds", 90L), body.get("framework"));
    }

    @Test
    void statusSaysWhereEachOneLineSettingCameFromAndMasksTheSecretOnes() throws Exception {
        Fixtures.Api api = new Fixtures.Api();
        api.ops.activate(context(new Bundle[] { bundle(0, "org.apache.felix.framework", Bundle.ACTIVE, "System") }),
                HEALTH);
        api.ops.settingOrigins = () -> List.of(
                new SettingOrigin("CALENDARBOT_ICS_URL", "calendarbot.source~default", "url",
                        "https://calendar.google.com/calendar/ical/private-abc/basic.ics", "environment"),
                new SettingOrigin("CALENDARBOT_WEB_PORT", null, "port", 8080, "command line"),
                new SettingOrigin("CALENDARBOT_REFRESH_INTERVAL", "calendarbot.refresh", "intervalSeconds", 600,
                        ".env /etc/calendarbot/calendarbot.env"),
                new SettingOrigin("CALENDARBOT_DEFAULT_TIMEZONE", "calendarbot.kiosk", "timeZone", "Europe/Berlin",
                        "file /etc/calendarbot/calendarbot.kiosk.cfg"),
                new SettingOrigin("CALENDARBOT_ALEXA_BEARER_TOKEN", "calendarbot.voice", "bearerToken", "t0k3n",
                        "environment"),
                new SettingOrigin("CALENDARBOT_LOG_LEVEL", "calendarbot.logging", "rootLevel", null, "default"));
        var res = ServletExchange.get("/api/status").send(api.servlet);
        assertFalse(res.text().contains("private-abc") || res.text().contains("t0k3n"), res.text());
        List<?> settings = (List<?>) res.json(JSON).get("settings");
        assertEquals(6, settings.size());
        assertEquals(Map.of("variable", "CALENDARBOT_ICS_URL", "pid", "calendarbot.source~default", "property", "url",
                "value", "https://calendar.google.com/********", "origin", "environment"), settings.get(0));
        assertEquals(".env /etc/calendarbot/calendarbot.env", ((Map<?, ?>) settings.get(2)).get("origin"));
        assertEquals(600L, ((Map<?, ?>) settings.get(2)).get("value"));
        assertEquals("********", ((Map<?, ?>) settings.get(4)).get("value"));
        assertEquals("default", ((Map<?, ?>) settings.get(5)).get("origin"));
    }

    @Test
    void withoutConfigAdminTheConfigIsNull() throws Exception {
        Fixtures.Api api = new Fixtures.Api();
        api.ops.activate(context(new Bundle[] { bundle(0, "org.apache.felix.framework", Bundle.ACTIVE, "System") }),
                HEALTH);
        Map<String, Object> body = ServletExchange.get("/api/status").send(api.servlet).json(JSON);
        assertTrue(body.containsKey("config"));
        assertEquals(null, body.get("config"));
    }

    @Test
    void secretKeysAndCalendarUrls() {
        assertTrue(StatusJson.secret("password"));
        assertTrue(StatusJson.secret("passwordHash"));
        assertTrue(StatusJson.secret("felix.webconsole.password"));
        assertTrue(StatusJson.secret("bearerToken"));
        assertTrue(StatusJson.secret("clientSecret"));
        assertFalse(StatusJson.secret("name"));
        assertEquals("https://calendar.google.com/********",
                StatusJson.maskUrl("https://calendar.google.com/calendar/ical/x%40gmail.com/private-abc/basic.ics"));
        assertEquals("https://example.org:8443", StatusJson.maskUrl("https://user:pw@example.org:8443"));
        assertEquals("file:/home/pi/demo.ics", StatusJson.maskUrl("file:/home/pi/demo.ics"));
        assertEquals("X-Api-Key: ********", StatusJson.maskHeader("X-Api-Key: 123"));
        assertEquals("Authorization: ********", StatusJson.maskHeader("Authorization: Bearer abc=="));
        assertEquals("********", StatusJson.maskHeader("just-a-secret"));
    }

    @Test
    void frameworkErrorsAreKeptBoundedAndStampedWithBookkeepingTime() {
        FrameworkProblems problems = new FrameworkProblems(new calendarbot.api.ManualTime(Fixtures.BOOKKEEPING));
        for (int i = 0; i < 25; i++) {
            problems.frameworkEvent(new org.osgi.framework.FrameworkEvent(org.osgi.framework.FrameworkEvent.ERROR,
                    bundle(20 + i, "acme.broken", Bundle.INSTALLED, "file:/opt/calendarbot/deploy/broken.jar"),
                    new IllegalStateException("error " + i)));
        }
        List<StatusJson.Problem> recent = problems.recent();
        assertEquals(FrameworkProblems.KEPT, recent.size());
        assertEquals("error 5", recent.get(0).message());
        assertEquals(Fixtures.BOOKKEEPING, recent.get(0).at());
    }

    static Bundle bundle(long id, String name, int state, String location) {
        FrameworkStartLevel level = (FrameworkStartLevel) Proxy.newProxyInstance(StatusTest.class.getClassLoader(),
                new Class<?>[] { FrameworkStartLevel.class }, (p, m, a) -> m.getName().equals("getStartLevel") ? 10 : null);
        return (Bundle) Proxy.newProxyInstance(StatusTest.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (p, m, a) -> switch (m.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> name;
                    case "getState" -> state;
                    case "getLocation" -> location;
                    case "getVersion" -> new Version(1, 2, 3);
                    case "adapt" -> level;
                    default -> throw new UnsupportedOperationException("bundle." + m.getName());
                });
    }

    static BundleContext context(Bundle[] bundles) {
        return (BundleContext) Proxy.newProxyInstance(StatusTest.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (p, m, a) -> switch (m.getName()) {
                    case "getBundles" -> bundles;
                    case "getBundle" -> bundles[0];
                    case "getProperty" -> "calendarbot.deploy".equals(a[0]) ? "/opt/calendarbot/deploy" : null;
                    case "addFrameworkListener", "removeFrameworkListener" -> null;
                    default -> throw new UnsupportedOperationException("context." + m.getName());
                });
    }

    static Configuration config(String pid, String factoryPid, Map<String, Object> values) {
        Dictionary<String, Object> props = new Hashtable<>(values);
        props.put("service.pid", pid);
        return (Configuration) Proxy.newProxyInstance(StatusTest.class.getClassLoader(),
                new Class<?>[] { Configuration.class }, (p, m, a) -> switch (m.getName()) {
                    case "getPid" -> pid;
                    case "getFactoryPid" -> factoryPid;
                    case "getProperties", "getProcessedProperties" -> props;
                    default -> throw new UnsupportedOperationException("configuration." + m.getName());
                });
    }

    static ConfigurationAdmin configAdmin(Configuration... configs) {
        return (ConfigurationAdmin) Proxy.newProxyInstance(StatusTest.class.getClassLoader(),
                new Class<?>[] { ConfigurationAdmin.class }, (p, m, a) -> switch (m.getName()) {
                    case "listConfigurations" -> configs;
                    default -> throw new UnsupportedOperationException("configAdmin." + m.getName());
                });
    }
}
