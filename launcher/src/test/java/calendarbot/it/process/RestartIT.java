package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full distribution as a process: a console change survives a restart, Ctrl-C stops it cleanly. */
class RestartIT {

    @TempDir
    Path work;

    @Test
    void consoleChangeSurvivesRestartAndCtrlCStopsCleanly() throws Exception {
        // With AppCDS as a user gets it: the first run writes the class archive when it stops, the second maps it.
        try (Distribution kiosk = Distribution.start("full", work.resolve("configs"), work.resolve("data"),
                Map.of("CALENDARBOT_CDS", "on"))) {
            Path passwordFile = work.resolve("data/console-password");
            Poll.until("the generated console password in " + passwordFile, () -> Files.exists(passwordFile));
            String password = Files.readString(passwordFile).trim();
            Poll.until("the console to open with the generated password", () -> Http.get(
                    kiosk.baseUri().resolve("/system/console/bundles"), "admin", password).status(), s -> s == 200);
            Http.Response r = Http.postForm(kiosk.baseUri().resolve("/system/console/configMgr/calendarbot.fetcher"),
                    "apply=true&action=ajaxConfigManager&propertylist=streamThresholdBytes&streamThresholdBytes=654321",
                    "admin", password);
            assertTrue(r.status() == 200 || r.status() == 302, "console answered " + r.status());
            Poll.until("the console's change in /api/status", () -> threshold(kiosk), t -> t == 654321L);

            String log = kiosk.log();
            Matcher ready = Pattern.compile("ready in (\\d+) ms .*RSS (\\d+) MB").matcher(log);
            assertTrue(ready.find(), "no ready line with time and RSS in the log:\n" + log);
            assertTrue(log.contains(password), "the generated password is printed once");
            assertFalse(Files.readString(work.resolve("data/logs/calendarbot.log")).contains(password),
                    "the password stays out of the log file");

            int exit = kiosk.interrupt();
            assertTrue(exit == 0 || exit == 130, "exit code after SIGINT: " + exit);
            assertTrue(kiosk.log().contains("calendarbot: stopping"), "no clean stop in the log");

            try (var files = Files.list(work.resolve("data"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("cds-full-.*\\.jsa")),
                        "no AppCDS archive written at the first stop");
            }

            kiosk.start();
            Poll.until("the console's change back after the restart", () -> threshold(kiosk), t -> t == 654321L);
            assertEquals(password, Files.readString(passwordFile).trim(), "password regenerated on restart");
            assertEquals(1, count(kiosk.log(), password), "the password must be logged only at first start");
            Poll.until("the console to open with the same password after the restart", () -> Http.get(
                    kiosk.baseUri().resolve("/system/console/bundles"), "admin", password).status(), s -> s == 200);
        }
    }

    private static long threshold(Distribution kiosk) throws Exception {
        Object v = JsonReader.at(JsonReader.parse(Http.get(kiosk.baseUri().resolve("/api/status")).body()),
                "config", "calendarbot.fetcher", "streamThresholdBytes");
        return v == null ? -1 : Long.parseLong(String.valueOf(v));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
