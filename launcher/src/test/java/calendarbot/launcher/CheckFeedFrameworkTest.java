package calendarbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What check-feed waits for before it asks a service: the file and the variables that decide each configuration. */
class CheckFeedFrameworkTest {

    @TempDir
    Path dir;

    @Test
    void eachConfigurationIsDecidedByTheUsersFileElseTheProfilesAndCalendarsByTheirNamedConfiguration()
            throws Exception {
        Path profile = Files.createDirectories(dir.resolve("configs"));
        Path user = Files.createDirectories(dir.resolve("user"));
        for (String name : new String[] {"calendarbot.kiosk.cfg", "calendarbot.source-demo.cfg",
                "org.apache.felix.fileinstall-deploy.cfg"}) {
            Files.writeString(profile.resolve(name), "");
        }
        Files.writeString(user.resolve("calendarbot.kiosk.cfg"), "");
        Files.writeString(user.resolve("calendarbot.source-work.config"), "");
        assertEquals(Map.of("calendarbot.kiosk", user.resolve("calendarbot.kiosk.cfg"),
                "calendarbot.source~demo", profile.resolve("calendarbot.source-demo.cfg"),
                "calendarbot.source~work", user.resolve("calendarbot.source-work.config")),
                CheckFeedFramework.expectedConfigFiles(profile, user));
    }

    @Test
    void theVariablesSetValuesInConfigurationsButNotTheLaunchersHostAndPort() throws Exception {
        OneLineSettings settings = OneLineSettings.read(Map.of("CALENDARBOT_DEFAULT_TIMEZONE", "Asia/Tokyo",
                "CALENDARBOT_ICS_URL_WORK", "https://example.com/work.ics", "CALENDARBOT_WEB_PORT", "9090"),
                OneLineSettings.files(dir, dir));
        assertEquals(Map.of("calendarbot.kiosk", Map.of("timeZone", "Asia/Tokyo"),
                "calendarbot.source~work", Map.of("url", "https://example.com/work.ics"),
                "calendarbot.source~demo", Map.of("enabled", false)),
                CheckFeedFramework.overlaid(settings.all(null, null)));
    }
}
