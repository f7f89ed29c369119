package calendarbot.parser.internal;

import calendarbot.api.IcsParser;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iCalendar parser: an own byte-level lexer (unfolding before decoding), one VEVENT in memory at a
 * time, VTIMEZONE and Windows zone names resolved. Per-call {@link ParseOptions} decide; this
 * component's configuration fills in what the options leave open (values below zero, or 0 for the
 * line length) and can forbid keeping descriptions altogether.
 */
@Component(service = IcsParser.class, configurationPid = "calendarbot.parser")
@Designate(ocd = StreamingIcsParser.Config.class)
public class StreamingIcsParser implements IcsParser {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingIcsParser.class);

    @ObjectClassDefinition(name = "CalendarBot parser",
            description = "How iCalendar feeds are read: limits that keep a hostile or broken feed from using memory.")
    public @interface Config {
        @AttributeDefinition(name = "Longest line (bytes)",
                description = "An unfolded line longer than this is cut and counted; the rest of it is read past, never"
                        + " kept. Used when the caller gives no limit.", min = "256", max = "16777216")
        int maxLineLength() default 32768;

        @AttributeDefinition(name = "Description length (characters)",
                description = "DESCRIPTION is cut to this many characters when the caller gives no length; 0 drops it.",
                min = "0", max = "100000")
        int maxDescriptionLength() default 500;

        @AttributeDefinition(name = "Keep descriptions",
                description = "Off drops every DESCRIPTION (privacy, memory), whatever the caller asks for.")
        boolean keepDescription() default true;
    }

    private volatile Config config;

    /** Public for the benchmark harness, which measures the parser without a framework. */
    @Activate
    @Modified
    public void activate(Config config) {
        this.config = config;
        LOG.debug("Parser settings: lines up to {} bytes, descriptions {}", config.maxLineLength(),
                config.keepDescription() ? "up to " + config.maxDescriptionLength() + " characters" : "dropped");
    }

    /** Options with this component's configured limits, for callers that have only a zone. */
    public ParseOptions defaultOptions(ZoneId kioskZone) {
        Config c = config;
        return new ParseOptions(kioskZone, null, c.keepDescription() ? c.maxDescriptionLength() : 0, c.maxLineLength());
    }

    @Override
    public ParseReport parse(InputStream in, ParseOptions options, Consumer<ParsedEvent> sink) throws IOException {
        Config c = config;
        if (options == null) {
            options = defaultOptions(ZoneId.systemDefault());
        }
        ZoneId kioskZone = options.kioskZone() != null ? options.kioskZone() : ZoneId.systemDefault();
        int maxLine = options.maxLineLength() > 0 ? options.maxLineLength() : c.maxLineLength();
        int maxDescription = !c.keepDescription() ? 0
                : options.maxDescriptionLength() >= 0 ? options.maxDescriptionLength() : c.maxDescriptionLength();
        ParseReport report = new FeedParse(in, kioskZone, options.meAddress(), maxDescription, Math.max(maxLine, 1), sink)
                .run();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Parsed {} events ({} recurring, {} overrides, {} skipped) from {} bytes in {} ms", report.events(),
                    report.masters(), report.overrides(), report.skipped(), report.bytes(), report.millis());
        }
        return report;
    }
}
