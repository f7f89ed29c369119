package calendarbot.layout.week.internal;

import calendarbot.api.Layout;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Today and the next three days as a time grid. */
@Component(service = Layout.class)
public class WeekLayout implements Layout {

    // Only these are served (Layout.resource): any other path, ../ or a class file, finds nothing.
    private static final List<String> RESOURCES = List.of("index.html", "style.css", "app.js");

    @Override
    public String name() {
        return "week";
    }

    @Override
    public String title() {
        return "Week";
    }

    @Override
    public String description() {
        return "Today and the next three days as a grid, events in their calendar's colour.";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }
}
