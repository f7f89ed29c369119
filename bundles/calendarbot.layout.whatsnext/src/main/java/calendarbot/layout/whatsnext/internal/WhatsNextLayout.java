package calendarbot.layout.whatsnext.internal;

import calendarbot.api.Layout;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The default kiosk page: the next meeting's countdown, title, time and place. */
@Component(service = Layout.class)
public class WhatsNextLayout implements Layout {

    // Only these are served (Layout.resource): any other path, ../ or a class file, finds nothing.
    private static final List<String> RESOURCES = List.of("index.html", "style.css", "app.js");

    @Override
    public String name() {
        return "whatsnext";
    }

    @Override
    public String title() {
        return "What's Next";
    }

    @Override
    public String description() {
        return "A big countdown to the next meeting, with its time, place and the meeting in progress; the default.";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }
}
