package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import calendarbot.api.ConfigProxy;
import calendarbot.api.IcsParserEngine;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The parser setting: another engine when it is installed, the builtin parser otherwise, changed without restart. */
class ParserChoiceTest {

    /** An engine that only records what it was handed. */
    static final class RecordingEngine implements IcsParserEngine {
        final List<ParseOptions> calls = new ArrayList<>();

        @Override
        public String name() {
            return "ical4j";
        }

        @Override
        public ParseReport parse(InputStream in, ParseOptions options, Consumer<ParsedEvent> sink) throws IOException {
            calls.add(options);
            in.readAllBytes();
            return new ParseReport(null, null, 0, 0, 0, 0, 0, List.of(), 0, Map.of(), 0, 0, 0, Map.of(), name());
        }
    }

    private static final byte[] FEED = Feeds.utf8(Feeds.calendar(Feeds.event("e", "DTSTART:20250305T100000Z")));

    private static ParseReport parse(StreamingIcsParser parser) throws IOException {
        return parser.parse(new ByteArrayInputStream(FEED), new ParseOptions(Feeds.KIOSK, null,
                ParseOptions.PARSER_SETTING, ParseOptions.PARSER_SETTING), e -> { });
    }

    @Test
    void theConfiguredEngineGetsTheFeedWithTheParsersLimitsAndTheChoiceChangesWithoutRestart() throws IOException {
        StreamingIcsParser parser = new StreamingIcsParser();
        RecordingEngine engine = new RecordingEngine();
        parser.installEngine(engine);
        parser.activate(ConfigProxy.of(StreamingIcsParser.Config.class,
                Map.of("parser", "ical4j", "maxDescriptionLength", 160)));

        assertEquals("ical4j", parse(parser).parser());
        assertEquals(160, engine.calls.get(0).maxDescriptionLength());
        assertEquals(32768, engine.calls.get(0).maxLineLength());

        parser.activate(ConfigProxy.of(StreamingIcsParser.Config.class, Map.of("parser", "builtin")));
        assertEquals(StreamingIcsParser.BUILTIN, parse(parser).parser());
        assertEquals(1, engine.calls.size());
    }

    @Test
    void anEngineThatIsNotInstalledLeavesTheBuiltinParserInCharge() throws IOException {
        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(ConfigProxy.of(StreamingIcsParser.Config.class, Map.of("parser", "ical4j")));
        parser.startedLongAgo();

        ParseReport report = parse(parser);
        assertEquals(StreamingIcsParser.BUILTIN, report.parser());
        assertEquals(1, report.events());
        assertNull(report.calendarName());
    }

    @Test
    void rightAfterStartAParseWaitsForTheConfiguredEngineToRegister() throws Exception {
        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(ConfigProxy.of(StreamingIcsParser.Config.class, Map.of("parser", "ical4j")));
        RecordingEngine engine = new RecordingEngine();
        Thread bundleStarting = new Thread(() -> parser.installEngine(engine));
        var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return parse(parser).parser();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        bundleStarting.start();
        assertEquals("ical4j", result.get(ENGINE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** Much longer than the engine takes to "start" here; far shorter than the parser's grace period. */
    private static final long ENGINE_WAIT_SECONDS = 9;
}
