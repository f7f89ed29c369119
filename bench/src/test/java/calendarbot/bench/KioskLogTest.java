package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskLogTest {

    @Test
    void countsLevelsStackTracesAndTheDistinctWarnings(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("kiosk.log");
        Files.write(log, List.of(
                "2026-12-07 20:00:34.348 INFO  [main] org.eclipse.jetty.server.Server: jetty-12.0.32",
                "calendarbot: CalendarBot ready in 2874 ms on http://localhost:42065/ (profile pi, RSS 73 MB)",
                "2026-12-07 20:00:37.125 WARN  [calendarbot-refresh-2] calendarbot.fetcher: endless: past 16777216 bytes",
                "2026-12-07 20:01:07.125 WARN  [calendarbot-refresh-1] calendarbot.fetcher: endless: past 8388608 bytes",
                "2026-12-07 20:01:08.000 ERROR [qtp1-29] org.eclipse.jetty.server.HttpChannel: handling /api/whats-next",
                "java.lang.IllegalStateException: boom",
                "\tat calendarbot.web.internal.KioskApiServlet.doGet(KioskApiServlet.java:120)",
                "Caused by: java.io.IOException: closed",
                "\t... 12 more"));
        Map<String, Object> scan = KioskLog.scan(log);
        assertEquals(9L, scan.get("lines"));
        assertEquals(Map.of("INFO", 1L, "WARN", 2L, "ERROR", 1L), scan.get("by_level"));
        assertEquals(2L, scan.get("stack_traces"));
        assertEquals(1L, scan.get("other_lines"));
        Map<String, Object> first = Report.map(Report.list(scan.get("warn_error_messages")).get(0));
        assertEquals(2L, first.get("count"));
        assertEquals("WARN calendarbot.fetcher: endless: past N bytes", first.get("text"));
    }
}
