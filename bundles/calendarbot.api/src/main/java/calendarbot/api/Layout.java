package calendarbot.api;

import java.net.URL;
import java.util.List;

/**
 * A kiosk layout, registered as a service by its own bundle. calendarbot.web serves its resources under
 * {@code /layouts/<name>/} and its {@code index.html} at {@code /}.
 */
public interface Layout {

    /** Short name used in configuration and URLs, e.g. "whatsnext". */
    String name();

    /** Human title, e.g. "What's Next". */
    String title();

    /** One line on what it is for. */
    String description();

    /** Relative paths of its resources; "index.html" is the entry page. */
    List<String> resources();

    /**
     * A resource of the layout, or null. By default one of {@link #resources()} from the folder {@code layout/} of
     * the implementing class's bundle; any other path (../, a class file) finds nothing.
     */
    default URL resource(String path) {
        return resources().contains(path) ? getClass().getResource("/layout/" + path) : null;
    }
}
