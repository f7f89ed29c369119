package calendarbot.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LogSinkTest {

    @Test
    void longestPackagePrefixDecidesAndChangesApplyToExistingLoggers(@TempDir Path dir) throws Exception {
        LogSink sink = LogSink.INSTANCE;
        Logger fetcher = sink.getLogger("calendarbot.fetcher.internal.HttpFeedFetcher");
        Logger other = sink.getLogger("calendarbot.fetcherx.Thing");
        sink.configure("WARN", Map.of("calendarbot", "INFO", "calendarbot.fetcher", "DEBUG"), dir, 1 << 20, 3);
        assertTrue(fetcher.isDebugEnabled());
        assertFalse(other.isDebugEnabled(), "a prefix only matches on a package boundary");
        assertTrue(other.isInfoEnabled());
        assertFalse(sink.getLogger("org.eclipse.jetty.Server").isInfoEnabled());

        sink.configure("WARN", Map.of("calendarbot.fetcher", "OFF"), dir, 1 << 20, 3);
        assertFalse(fetcher.isErrorEnabled(), "the same logger object sees the new table");

        sink.configure("INFO", Map.of(), dir, 1 << 20, 3);
        other.info("work: {} events", 412);
        String text = Files.readString(dir.resolve("calendarbot.log"));
        assertTrue(text.contains("INFO  [") && text.contains("calendarbot.fetcherx.Thing: work: 412 events"), text);
    }

    @Test
    void theJsonFormatIsOneObjectPerLineWithTheFieldsACallerAttached(@TempDir Path dir) throws Exception {
        LogSink sink = LogSink.INSTANCE;
        sink.configure("INFO", Map.of(), dir, 1 << 20, 3, "json");
        try {
            Logger refresh = sink.getLogger("calendarbot.refresh.internal.FeedRefreshScheduler");
            refresh.atInfo().addKeyValue("source", "work").addKeyValue("outcome", "ok")
                    .addKeyValue("fetch_parse_ms", 500L).addKeyValue("store_ms", 3L)
                    .log("{}: 200 OK, {} events", "work", 412);
            refresh.warn("two\nlines", new IllegalStateException("boom"));
            List<String> lines = Files.readAllLines(dir.resolve("calendarbot.log"));
            assertEquals(2, lines.size(), lines.toString());
            Map<String, Object> line = JsonReader.parseObject(lines.get(0));
            assertEquals("INFO", line.get("level"));
            assertEquals("calendarbot.refresh.internal.FeedRefreshScheduler", line.get("logger"));
            assertEquals("work: 200 OK, 412 events", line.get("message"));
            assertEquals("work", line.get("source"));
            assertEquals("ok", line.get("outcome"));
            assertEquals(500L, line.get("fetch_parse_ms"));
            assertEquals(3L, line.get("store_ms"));
            assertTrue(Instant.parse((String) line.get("time")) != null);
            Map<String, Object> warning = JsonReader.parseObject(lines.get(1));
            assertEquals("two\nlines", warning.get("message"));
            assertTrue(((String) warning.get("exception")).startsWith("java.lang.IllegalStateException: boom"));

            sink.configure("INFO", Map.of(), dir, 1 << 20, 3, "text");
            refresh.atInfo().addKeyValue("source", "work").log("work: 304 Not Modified");
            String text = Files.readAllLines(dir.resolve("calendarbot.log")).get(2);
            assertTrue(text.endsWith("FeedRefreshScheduler: work: 304 Not Modified"), "fields stay out of text: " + text);
        } finally {
            sink.configure("INFO", Map.of(), null, 1 << 20, 3);
        }
    }

    @Test
    void fileIsRotatedAtItsSizeKeepingTheConfiguredCount(@TempDir Path dir) throws Exception {
        LogSink sink = LogSink.INSTANCE;
        sink.configure("INFO", Map.of(), dir, 16 * 1024, 3);
        Logger log = sink.getLogger("calendarbot.rotation");
        for (int i = 0; i < 2000; i++) {
            log.info("line {} with some padding to fill the file quickly ....................", i);
        }
        assertTrue(Files.size(dir.resolve("calendarbot.log")) <= 16 * 1024);
        assertTrue(Files.exists(dir.resolve("calendarbot.log.1")));
        assertTrue(Files.exists(dir.resolve("calendarbot.log.2")));
        assertFalse(Files.exists(dir.resolve("calendarbot.log.3")));
        assertEquals(true, Files.readString(dir.resolve("calendarbot.log")).contains("line 1999"));
        sink.configure("INFO", Map.of(), null, 1 << 20, 3);
    }
}
