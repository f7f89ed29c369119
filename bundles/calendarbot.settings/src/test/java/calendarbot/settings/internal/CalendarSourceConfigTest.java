package calendarbot.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.SourceSpec.Auth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalendarSourceConfigTest {

    static final String FILE = "file:/opt/calendarbot/configs/pi/calendarbot.source-work.cfg";

    static CalendarSourceConfig configured(Map<String, ?> values, Map<String, Object> properties) {
        CalendarSourceConfig source = new CalendarSourceConfig();
        source.configure(ConfigProxy.of(CalendarSourceConfig.Config.class, values), properties);
        return source;
    }

    static Map<String, Object> fromFile(String file) {
        Map<String, Object> p = new HashMap<>();
        p.put("felix.fileinstall.filename", file);
        p.put("service.pid", "calendarbot.source.6f1c2a9e-0d1b-4c55-9b7a-3a8e2f1d0c44");
        return p;
    }

    @Test
    void aFileWithOnlyAUrlIsNamedAfterTheFile() {
        CalendarSourceConfig source = configured(Map.of("url", "https://calendar.example.com/a.ics"), fromFile(FILE));

        SourceSpec spec = source.spec();
        assertEquals("work", spec.id());
        assertEquals("work", spec.name());
        assertEquals("work", source.configName());
        assertEquals("#4a90d9", spec.colour());
        assertTrue(spec.enabled());
        assertEquals(Auth.NONE, spec.auth());
        assertTrue(spec.headers().isEmpty());
        assertNull(source.problem());
    }

    @Test
    void theIdIsTheNameInLowerCaseAsciiWithDashes() {
        CalendarSourceConfig source = configured(
                Map.of("url", "https://calendar.example.com/a.ics", "name", "Büro Team (Q2)!"), fromFile(FILE));

        assertEquals("buro-team-q2", source.spec().id());
        assertEquals("Büro Team (Q2)!", source.spec().name());
        assertEquals("work", source.configName());
    }

    @Test
    void aConsoleMadeConfigurationIsNamedAfterItsPid() {
        Map<String, Object> named = Map.of("service.pid", "calendarbot.source~family");
        Map<String, Object> generated = Map.of("service.pid", "calendarbot.source.6f1c2a9e-0d1b-4c55");

        assertEquals("family", configured(Map.of("url", "https://x.example/a.ics"), new HashMap<>(named)).spec().id());
        assertEquals("6f1c2a9e-0d1b-4c55",
                configured(Map.of("url", "https://x.example/a.ics"), new HashMap<>(generated)).spec().id());
    }

    @Test
    void fileInstallNamesSplitAtTheFirstDash() {
        assertEquals("team-offsite", CalendarSourceConfig.configName(
                fromFile("file:/etc/calendarbot/calendarbot.source-team-offsite.cfg")));
        assertEquals("my cal", CalendarSourceConfig.configName(
                fromFile("file:/etc/calendarbot/calendarbot.source-my%20cal.config")));
    }

    @Test
    void credentialsFollowTheAuthenticationType() {
        Map<String, Object> basic = Map.of("url", "https://dav.example.com/cal.ics", "authType", "basic", "user",
                "anna", "password", "s3cret", "token", "unused");
        Map<String, Object> bearer = Map.of("url", "https://dav.example.com/cal.ics", "authType", "bearer", "user",
                "anna", "password", "unused", "token", "t0k3n");

        assertEquals(new Auth(Auth.Type.BASIC, "anna", "s3cret"), configured(basic, fromFile(FILE)).spec().auth());
        assertEquals(new Auth(Auth.Type.BEARER, null, "t0k3n"), configured(bearer, fromFile(FILE)).spec().auth());
    }

    @Test
    void headersAreNameColonValueAndMalformedOnesAreSkipped() {
        Map<String, Object> values = Map.of("url", "https://x.example/a.ics", "headers",
                new String[] { "X-Api-Key: abc:def", "no colon here", "  ", "Accept-Language:de" });

        assertEquals(Map.of("X-Api-Key", "abc:def", "Accept-Language", "de"),
                configured(values, fromFile(FILE)).spec().headers());
    }

    @Test
    void aMissingOrSchemelessUrlIsAProblemNotACrash() {
        Map<String, Object> noScheme = Map.of("url", "outlook.example.com/calendar.ics");

        assertEquals("no feed URL configured", configured(Map.of(), fromFile(FILE)).problem());
        assertTrue(configured(noScheme, fromFile(FILE)).problem().startsWith("the feed URL must start with https://"));
        assertTrue(configured(Map.of("url", "https://x.example/a b|c"), fromFile(FILE)).problem()
                .startsWith("the feed URL is not valid"));
        assertNull(configured(noScheme, fromFile(FILE)).spec().url());
    }

    @Test
    void aChangedConfigurationIsAppliedInPlace() {
        CalendarSourceConfig source = configured(Map.of("url", "https://x.example/a.ics"), fromFile(FILE));

        source.configure(ConfigProxy.of(CalendarSourceConfig.Config.class,
                Map.of("url", "https://x.example/b.ics", "enabled", false, "colour", "#ff0000")), fromFile(FILE));

        assertEquals("https://x.example/b.ics", source.spec().url().toString());
        assertEquals("#ff0000", source.spec().colour());
        assertEquals(false, source.spec().enabled());
        assertEquals("work", source.spec().id());
    }
}
