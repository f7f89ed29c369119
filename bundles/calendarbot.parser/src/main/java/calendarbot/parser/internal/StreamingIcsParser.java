package calendarbot.parser.internal;

import calendarbot.api.IcsParser;
import calendarbot.api.IcsParserEngine;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iCalendar parser: an own byte-level lexer (unfolding before decoding), one VEVENT in memory at a
 * time, VTIMEZONE and Windows zone names resolved. Per-call {@link ParseOptions} decide; this
 * component's configuration fills in what the options leave open (values below zero, or 0 for the
 * line length) and can forbid keeping descriptions altogether.
 *
 * <p>It is also the one {@link IcsParser} the kiosk uses when another engine is chosen ({@code parser = ical4j}):
 * it then hands the feed, with the limits filled in, to the installed {@link IcsParserEngine} of that name. The
 * choice applies from the next parse, without a restart and without rebinding the refresher; an engine that is
 * not installed (the pi profile) leaves the builtin parser in charge, and says so once.
 */
@Component(service = IcsParser.class, configurationPid = "calendarbot.parser")
@Designate(ocd = StreamingIcsParser.Config.class)
public class StreamingIcsParser implements IcsParser {

    /** The name of this parser, for the configuration and the report. */
    public static final String BUILTIN = "builtin";

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

        @AttributeDefinition(name = "Parser",
                description = "builtin: the kiosk's own streaming parser. ical4j: ical4j 4.4 (bundle"
                        + " calendarbot.parser.ical4j: in the full profile, or its jar in deploy/), slower and bigger,"
                        + " a reference to compare with. Applies from the next refresh; an engine that is not"
                        + " installed leaves the builtin parser in charge.",
                options = {@Option(label = "builtin", value = BUILTIN), @Option(label = "ical4j", value = "ical4j")})
        String parser() default BUILTIN;
    }

    private volatile Config config;
    /** Installed engines by name. */
    private final ParserEngines engines = new ParserEngines();

    /** Bound without fetching the service: an engine is activated only when it is chosen. */
    @Reference(service = IcsParserEngine.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addEngine(ComponentServiceObjects<IcsParserEngine> engine, Map<String, Object> properties) {
        Object name = properties.get(IcsParserEngine.NAME_PROPERTY);
        if (name != null) {
            engines.add(name.toString(), engine::getService);
        }
    }

    void removeEngine(ComponentServiceObjects<IcsParserEngine> engine, Map<String, Object> properties) {
        Object name = properties.get(IcsParserEngine.NAME_PROPERTY);
        if (name != null) {
            engines.remove(name.toString());
        }
    }

    /**
     * For tests: an engine as the framework would bind it. Not an overload of {@link #addEngine}: SCR would take a
     * bind method with the service object for the one to call, and activate every engine.
     */
    void installEngine(IcsParserEngine engine) {
        engines.add(engine.name(), () -> engine);
    }

    /** For tests: the grace period for starting engines is over. */
    void startedLongAgo() {
        engines.startedLongAgo();
    }

    /** Public for the benchmark harness, which measures the parser without a framework. */
    @Activate
    @Modified
    public void activate(Config config) {
        this.config = config;
        engines.configured();
        LOG.debug("Parser settings: {} parser, lines up to {} bytes, descriptions {}", config.parser(),
                config.maxLineLength(),
                config.keepDescription() ? "up to " + config.maxDescriptionLength() + " characters" : "dropped");
    }

    /** Options with this component's configured limits, for callers that have only a zone. */
    public ParseOptions defaultOptions(ZoneId kioskZone) {
        Config c = config;
        return new ParseOptions(kioskZone, null, c.keepDescription() ? c.maxDescriptionLength() : 0, c.maxLineLength());
    }

    /** The configured engine, or null for the builtin parser (also when the configured one is not installed). */
    private IcsParserEngine engine(String name) throws InterruptedIOException {
        return name == null || name.isBlank() || name.equals(BUILTIN) ? null : engines.get(name);
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
        IcsParserEngine engine = engine(c.parser());
        ParseReport report = engine != null
                ? engine.parse(in, new ParseOptions(kioskZone, options.meAddress(), maxDescription, Math.max(maxLine, 1)),
                        sink)
                : new FeedParse(in, kioskZone, options.meAddress(), maxDescription, Math.max(maxLine, 1), sink).run();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Parsed {} events ({} recurring, {} overrides, {} dropped, {} salvaged) from {} bytes in {} ms ({})",
                    report.events(), report.masters(), report.overrides(), report.skipped(), report.salvaged(),
                    report.bytes(), report.millis(), report.parser());
        }
        return report;
    }
}
