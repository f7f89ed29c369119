package calendarbot.layout.medicine.internal;

import calendarbot.api.Layout;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** The medicine tracker's wall panel: the next meeting on top, always; the doses due now below it. */
@Component(service = Layout.class)
public class MedicinesLayout implements Layout {

    private static final List<String> RESOURCES = List.of("index.html", "style.css", "app.js");

    @Override
    public String name() {
        return "medicines";
    }

    @Override
    public String title() {
        return "Medicines";
    }

    @Override
    public String description() {
        return "The next meeting, and below it the doses due now with a large \"Taken\" button "
                + "(needs the medicine tracker plug-in).";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }
}
