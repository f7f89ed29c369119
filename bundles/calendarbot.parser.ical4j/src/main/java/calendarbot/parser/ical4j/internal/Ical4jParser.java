package calendarbot.parser.ical4j.internal;

import calendarbot.api.IcsParserEngine;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.function.Consumer;
import net.fortuna.ical4j.util.CompatibilityHints;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The ical4j 4.4 engine: chosen with calendarbot.parser's {@code parser = ical4j}, which hands it each feed with the
 * kiosk's limits. ical4j reads the feed (unfolding, values, VTIMEZONEs, recurrence values); the kiosk's own rules
 * decide what is salvaged and what an event keeps. Registered as an {@link IcsParserEngine} only, so no consumer of
 * the kiosk's parser gets it by accident.
 */
@Component(service = IcsParserEngine.class, property = IcsParserEngine.NAME_PROPERTY + "=" + Ical4jParser.NAME)
public class Ical4jParser implements IcsParserEngine {

    static final String NAME = "ical4j";

    /**
     * ical4j reads its settings from system properties and global hints only. Relaxed, Outlook-compatible, as an
     * application configures it for real feeds, and offline: a refresh never fetches time zones from the Internet.
     */
    @Activate
    public void activate() {
        System.setProperty("net.fortuna.ical4j.timezone.update.enabled", "false");
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParseReport parse(InputStream in, ParseOptions options, Consumer<ParsedEvent> sink) throws IOException {
        ParseOptions o = options != null ? options : ParseOptions.defaults(ZoneId.systemDefault());
        ZoneId kioskZone = o.kioskZone() != null ? o.kioskZone() : ZoneId.systemDefault();
        int maxDescription = o.maxDescriptionLength() >= 0 ? o.maxDescriptionLength() : 500;
        int maxLine = o.maxLineLength() > 0 ? o.maxLineLength() : 32 * 1024;
        return new Ical4jFeedParse(in, kioskZone, o.meAddress(), maxDescription, maxLine, sink).run();
    }
}
