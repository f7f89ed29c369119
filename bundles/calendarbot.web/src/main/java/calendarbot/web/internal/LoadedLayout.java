package calendarbot.web.internal;

import calendarbot.api.Layout;
import java.util.Map;

/**
 * A layout with every resource already read into memory, so serving never touches its bundle.
 *
 * @param layout the service (to recognise it when it goes away)
 * @param name its short name
 * @param title human title
 * @param description one line on what it is for
 * @param resources path to ready-to-send body
 */
record LoadedLayout(Layout layout, String name, String title, String description,
        Map<String, Representation> resources) {

    static final String ENTRY = "index.html";

    Representation entry() {
        return resources.get(ENTRY);
    }

    long bytes() {
        long n = 0;
        for (Representation r : resources.values()) {
            n += r.body().length + (r.gzipped() == null ? 0 : r.gzipped().length);
        }
        return n;
    }
}
