package calendarbot.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
