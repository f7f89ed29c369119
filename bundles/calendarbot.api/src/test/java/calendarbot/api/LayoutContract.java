package calendarbot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every layout bundle must satisfy to be served by calendarbot.web; each layout's test extends this
 * (shared through this module's test jar).
 */
public abstract class LayoutContract {

    private final Layout layout;
    private final String name;
    private final String title;

    protected LayoutContract(Layout layout, String name, String title) {
        this.layout = layout;
        this.name = name;
        this.title = title;
    }

    @Test
    void everyListedResourceExistsAndIsNotEmpty() throws IOException {
        assertTrue(layout.resources().contains("index.html"), "index.html is the entry page");
        for (String path : layout.resources()) {
            URL url = layout.resource(path);
            assertNotNull(url, path);
            assertTrue(read(url).length() > 100, path + " has content");
        }
    }

    @Test
    void indexLoadsTheClientScriptAndOnlyItsOwnResources() throws IOException {
        String html = read(layout.resource("index.html"));
        assertTrue(html.contains("src=\"/static/calendarbot.js\""), "index.html loads the shared client script");
        assertTrue(html.contains("<meta name=\"calendarbot-layout\" content=\"" + layout.name() + "\">"));
        Matcher ref = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int own = 0;
        while (ref.find()) {
            String target = ref.group(1);
            if (target.equals("/static/calendarbot.js")) {
                continue;
            }
            String prefix = "/layouts/" + layout.name() + "/";
            assertTrue(target.startsWith(prefix), "no external or foreign reference: " + target);
            assertTrue(layout.resources().contains(target.substring(prefix.length())), "listed: " + target);
            own++;
        }
        assertEquals(2, own, "its stylesheet and its script");
    }

    @Test
    void scriptStartsTheClientWithItsOwnName() throws IOException {
        String js = read(layout.resource("app.js"));
        assertTrue(js.contains("layout: \"" + layout.name() + "\""), "app.js passes its name to CalendarBot.start");
    }

    @Test
    void pathsOutsideTheListAreNotServed() {
        assertNull(layout.resource("../" + layout.getClass().getName().replace('.', '/') + ".class"));
        assertNull(layout.resource("/index.html"));
        assertNull(layout.resource("missing.css"));
    }

    @Test
    void namesItself() {
        assertEquals(name, layout.name());
        assertEquals(title, layout.title());
        assertTrue(layout.name().matches("[a-z]+"), "usable in a URL and a config file");
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
