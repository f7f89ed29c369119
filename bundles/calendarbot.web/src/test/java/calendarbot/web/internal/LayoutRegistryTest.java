package calendarbot.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutRegistryTest {

    final LayoutRegistry registry = new LayoutRegistry();

    @Test
    void aLayoutIsReadOnceWhenBoundAndDroppedWhenUnbound() {
        Fixtures.MemoryLayout week = new Fixtures.MemoryLayout("week", "index.html", "<p/>", "week.js", "x()");
        registry.addLayout(week);
        assertEquals(2, week.reads);
        LoadedLayout loaded = registry.get("week");
        assertEquals(List.of("index.html", "week.js"), loaded.resources().keySet().stream().sorted().toList());
        assertEquals("text/javascript; charset=utf-8", loaded.resources().get("week.js").contentType());
        registry.removeLayout(week);
        assertNull(registry.get("week"));
    }

    @Test
    void unbindingAnOlderLayoutOfTheSameNameKeepsTheNewer() {
        Fixtures.MemoryLayout old = new Fixtures.MemoryLayout("week", "index.html", "old");
        Fixtures.MemoryLayout newer = new Fixtures.MemoryLayout("week", "index.html", "new");
        registry.addLayout(old);
        registry.addLayout(newer);
        registry.removeLayout(old);
        assertNotNull(registry.get("week"));
        assertTrue(new String(registry.get("week").entry().body()).endsWith("new"));
    }

    @Test
    void pathsLeavingTheLayoutAndMissingFilesAreNotServed() {
        Fixtures.MemoryLayout sneaky = new Fixtures.MemoryLayout("sneaky", "index.html", "<p/>", "../secret", "x",
                "/abs.css", "a{}");
        sneaky.files.put("listed-but-missing.js", null);
        registry.addLayout(sneaky);
        assertEquals(List.of("abs.css", "index.html"),
                registry.get("sneaky").resources().keySet().stream().sorted().toList());
    }

    @Test
    void aNameThatCannotBeAUrlIsRefused() {
        registry.addLayout(new Fixtures.MemoryLayout("my layout", "index.html", "x"));
        assertEquals(List.of(), registry.all());
    }

    @Test
    void aLayoutWithoutAnEntryPageIsListedButNotChosen() {
        registry.addLayout(new Fixtures.MemoryLayout("parts", "a.css", "a{}"));
        assertEquals(1, registry.all().size());
        assertNull(registry.choose("parts"));
        registry.addLayout(new Fixtures.MemoryLayout("whatsnext", "index.html", "x"));
        assertEquals("whatsnext", registry.choose("parts").name());
    }

    @Test
    void normalisedPaths() {
        assertEquals("a/b.css", LayoutRegistry.normalise("/a/b.css"));
        assertEquals("a/b.css", LayoutRegistry.normalise("a\\b.css"));
        assertNull(LayoutRegistry.normalise("a/../b.css"));
        assertNull(LayoutRegistry.normalise("a//b.css"));
        assertNull(LayoutRegistry.normalise("dir/"));
        assertNull(LayoutRegistry.normalise(""));
    }
}
