package calendarbot.kiosk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentSkipListTest {

    static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path dir;

    Instant now = Instant.parse("2026-11-24T08:00:00Z");
    final InstantSource time = () -> now;

    PersistentSkipList open() {
        return new PersistentSkipList(dir.resolve("skipped.json"), time, DAY);
    }

    String file() throws Exception {
        return Files.readString(dir.resolve("skipped.json"), StandardCharsets.UTF_8);
    }

    @Test
    void aSkipIsKeptAcrossARestart() {
        PersistentSkipList first = open();
        Instant until = first.skip("abc_20261124T090000");
        assertEquals(now.plus(DAY), until);

        PersistentSkipList second = open();
        assertTrue(second.isSkipped("abc_20261124T090000"));
        assertEquals(Map.of("abc_20261124T090000", until), second.skipped());
    }

    @Test
    void theFileIsCalendarbotLitesObjectOfIdToExpiry() throws Exception {
        open().skip("a\"quote");
        assertEquals("{\"a\\\"quote\":\"2026-11-25T08:00:00Z\"}", file());
    }

    @Test
    void aSkipExpiresAfterTheConfiguredHoursOfBookkeepingTime() {
        PersistentSkipList skips = open();
        skips.skip("standup");
        now = now.plus(DAY).minusSeconds(1);
        assertTrue(skips.isSkipped("standup"));
        now = now.plusSeconds(1);
        assertFalse(skips.isSkipped("standup"));
        assertEquals(Map.of(), skips.skipped());
    }

    @Test
    void expiredSkipsAreNotLoaded() throws Exception {
        Files.writeString(dir.resolve("skipped.json"),
                "{\"old\": \"2026-11-23T08:00:00+00:00\", \"live\": \"2026-11-24T20:00:00+00:00\", \"bad\": \"soon\","
                        + " \"number\": 1764000000, \"nested\": {\"x\": 1}}");
        PersistentSkipList skips = open();
        assertEquals(Set.of("live"), skips.skipped().keySet());
    }

    @Test
    void unskipAndClearAreSaved() {
        PersistentSkipList skips = open();
        skips.skip("a");
        skips.skip("b");
        skips.skip("c");
        assertTrue(skips.unskip("a"));
        assertFalse(skips.unskip("a"));
        assertEquals(Set.of("b", "c"), open().skipped().keySet());
        assertEquals(2, skips.clear());
        assertEquals(Map.of(), open().skipped());
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndKeepsTheSkipInMemory() throws Exception {
        PersistentSkipList skips = open();
        skips.skip("kept");
        String before = file();
        // a folder where the temporary file should go makes the write fail
        Files.createDirectory(dir.resolve("skipped.json.tmp"));
        skips.skip("unsaved");
        assertEquals(before, file());
        assertTrue(skips.isSkipped("unsaved"));
        assertEquals(Set.of("kept"), open().skipped().keySet());
    }

    @Test
    void aDamagedFileStartsEmptyAndIsReplacedOnTheNextSkip() throws Exception {
        Files.writeString(dir.resolve("skipped.json"), "{\"half\": \"2026-11-2");
        PersistentSkipList skips = open();
        assertEquals(Map.of(), skips.skipped());
        skips.skip("x");
        assertEquals(Set.of("x"), open().skipped().keySet());
    }

    @Test
    void theListIsBoundedDroppingTheSoonestToExpire() {
        PersistentSkipList skips = new PersistentSkipList(dir.resolve("skipped.json"), time, DAY, 3);
        skips.skip("first");
        for (int i = 0; i < 3; i++) {
            now = now.plusSeconds(1);
            skips.skip("m" + i);
        }
        assertEquals(Set.of("m0", "m1", "m2"), skips.skipped().keySet());
        assertEquals(Set.of("m0", "m1", "m2"), new PersistentSkipList(dir.resolve("skipped.json"), time, DAY, 3)
                .skipped().keySet());
    }

    @Test
    void theDataFolderComesFromTheFrameworkProperty() {
        assertEquals(Paths.get("/var/lib/calendarbot"),
                PersistentSkipList.dataDirectory("${calendarbot.data}", Map.of("calendarbot.data", "/var/lib/calendarbot")::get));
        assertEquals(Paths.get("./data"), PersistentSkipList.dataDirectory("${calendarbot.data}", key -> null));
        assertEquals(Paths.get("/srv/kiosk"), PersistentSkipList.dataDirectory("/srv/kiosk", key -> null));
    }
}
