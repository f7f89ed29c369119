package calendarbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneLineSettingsTest {

    static final String SECRET_URL = "outlook.office365.com/owa/calendar/s3cr3t/calendar.ics";

    @TempDir
    Path dir;

    OneLineSettings read(Map<String, String> environment) throws Exception {
        return OneLineSettings.read(environment, OneLineSettings.files(dir.resolve("configs"), dir.resolve("data")));
    }

    String refusal(Map<String, String> environment) {
        return assertThrows(OneLineSettings.BadSetting.class, () -> read(environment)).getMessage();
    }

    @Test
    void theEnvironmentWinsOverTheConfigurationFolderWhichWinsOverTheDataFolder() throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(configs.resolve("calendarbot.env"), """
                # the kiosk in the hall
                export CALENDARBOT_REFRESH_INTERVAL=600
                CALENDARBOT_DEFAULT_TIMEZONE="Europe/Berlin"
                """);
        Files.writeString(data.resolve(".env"), "CALENDARBOT_REFRESH_INTERVAL=900\nCALENDARBOT_LOG_LEVEL=warning # quiet\n");
        OneLineSettings s = read(Map.of("CALENDARBOT_DEFAULT_TIMEZONE", "UTC", "PATH", "/bin"));
        assertEquals(600, s.get("CALENDARBOT_REFRESH_INTERVAL").value());
        assertEquals(".env " + configs.resolve("calendarbot.env"), s.get("CALENDARBOT_REFRESH_INTERVAL").origin());
        assertEquals("UTC", s.get("CALENDARBOT_DEFAULT_TIMEZONE").value());
        assertEquals("environment", s.get("CALENDARBOT_DEFAULT_TIMEZONE").origin());
        assertEquals("WARN", s.get("CALENDARBOT_LOG_LEVEL").value(), "calendarbot_lite's level names are understood");
        assertNull(s.get("CALENDARBOT_ICS_URL"));
    }

    @Test
    void aBadValueStopsTheStartWithOneLineNamingTheVariable() {
        assertEquals("CALENDARBOT_WEB_PORT: '80a' is not a port number (1 to 65535)",
                refusal(Map.of("CALENDARBOT_WEB_PORT", "80a")));
        assertEquals("CALENDARBOT_DEFAULT_TIMEZONE: 'Europe/Berlinn' is not a time zone (e.g. Europe/Berlin, "
                + "America/New_York, UTC)", refusal(Map.of("CALENDARBOT_DEFAULT_TIMEZONE", "Europe/Berlinn")));
        assertEquals("CALENDARBOT_REFRESH_INTERVAL: '10' is not a number of seconds from 30 to 86400",
                refusal(Map.of("CALENDARBOT_REFRESH_INTERVAL", "10")));
        assertEquals("CALENDARBOT_LOG_LEVEL: 'loud' is not a log level (TRACE, DEBUG, INFO, WARN, ERROR or OFF)",
                refusal(Map.of("CALENDARBOT_LOG_LEVEL", "loud")));
        String url = refusal(Map.of("CALENDARBOT_ICS_URL_WORK", SECRET_URL));
        assertEquals("CALENDARBOT_ICS_URL_WORK: the calendar URL must start with https://, http://, webcal://, "
                + "webcals:// or file: (this value has no scheme)", url);
        assertFalse(url.contains("s3cr3t"), "the URL is the calendar's secret: " + url);
        assertTrue(refusal(Map.of("CALENDARBOT_ICS_URL", "https:///calendar.ics")).startsWith("CALENDARBOT_ICS_URL: "));
    }

    @Test
    void aFileNamesItselfAndItsLineWhenSomethingIsWrongInIt() throws Exception {
        Path configs = Files.createDirectories(dir.resolve("configs"));
        Path file = configs.resolve("calendarbot.env");
        Files.writeString(file, "CALENDARBOT_WEB_PORT=8080\nCALENDARBOT_ICS_ULR=https://example.com/a.ics\n");
        assertTrue(refusal(Map.of()).startsWith(file + ": CALENDARBOT_ICS_ULR is not a setting (known: "));
        Files.writeString(file, "CALENDARBOT_WEB_PORT 8080\n");
        assertEquals(file + " line 1: expected KEY=value", refusal(Map.of()));
        Files.writeString(file, "CALENDARBOT_WEB_PORT=http\n");
        assertEquals("CALENDARBOT_WEB_PORT (in " + file + "): 'http' is not a port number (1 to 65535)",
                refusal(Map.of()));
    }

    @Test
    void unknownVariablesInTheEnvironmentAreWarnedAboutNotFatal() throws Exception {
        OneLineSettings s = read(Map.of("CALENDARBOT_ICS_ULR", "x", "CALENDARBOT_CDS", "off", "CALENDARBOT_WEB_PORT", ""));
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().get(0).startsWith("CALENDARBOT_ICS_ULR is not a setting"), s.warnings().toString());
        assertNull(s.get("CALENDARBOT_WEB_PORT"), "VAR= is unset");
    }

    @Test
    void calendarsFromVariablesBecomeSourcesAndTheDemoStepsAside() throws Exception {
        OneLineSettings s = read(Map.of("CALENDARBOT_ICS_URL", "https://example.com/" + SECRET_URL,
                "CALENDARBOT_ICS_URL_TEAM_B", "webcal://example.com/team.ics"));
        assertTrue(s.namesACalendar());
        List<OneLineSettings.Setting> all = s.all(null, null);
        Map<String, Object> transport = JsonReader.parseObject(OneLineSettings.transport(all));
        List<?> settings = (List<?>) transport.get("settings");
        assertTrue(settings.contains(Map.of("variable", "CALENDARBOT_ICS_URL_TEAM_B", "pid", "calendarbot.source~team_b",
                "property", "url", "value", "webcal://example.com/team.ics", "origin", "environment")), settings.toString());
        assertTrue(settings.contains(Map.of("variable", "CALENDARBOT_ICS_URL", "pid", "calendarbot.source~demo",
                "property", "enabled", "value", false, "origin", "environment")), settings.toString());
        Map<?, ?> interval = (Map<?, ?>) settings.stream()
                .filter(o -> "CALENDARBOT_REFRESH_INTERVAL".equals(((Map<?, ?>) o).get("variable"))).findFirst()
                .orElseThrow();
        assertNull(interval.get("value"), "an unset setting is listed, for /api/status to say where it comes from");
        assertEquals("CALENDARBOT_ICS_URL and CALENDARBOT_ICS_URL_DEFAULT both name the calendar 'default'; keep one",
                refusal(Map.of("CALENDARBOT_ICS_URL", "https://a.example/x.ics",
                        "CALENDARBOT_ICS_URL_DEFAULT", "https://b.example/y.ics")));
    }
}
