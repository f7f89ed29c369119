package calendarbot.layout.compact.internal;

import calendarbot.api.Layout;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The next meeting and the three after it, for small and e-ink panels. */
@Component(service = Layout.class)
public class CompactLayout implements Layout {

    // Only these are served (Layout.resource): any other path, ../ or a class file, finds nothing.
    private static final List<String> RESOURCES = List.of("index.html", "style.css", "app.js");

    @Override
    public String name() {
        return "compact";
    }

    @Override
    public String title() {
        return "Compact";
    }

    @Override
    public String description() {
        return "The next meeting and the three after it in black on white, for small and e-ink panels.";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }
}
