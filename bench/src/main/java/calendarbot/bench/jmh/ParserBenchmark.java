package calendarbot.bench.jmh;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FeedWriter;
import calendarbot.api.model.ParseOptions;
import calendarbot.bench.Feeds.Feed;
import calendarbot.parser.ical4j.internal.Ical4jParser;
import calendarbot.parser.internal.StreamingIcsParser;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The same feed bytes (in memory) through three readers: our streaming parser to ParsedEvents, ical4j's
 * CalendarBuilder to its object model (what most Java calendar code does), and a BufferedReader.readLine loop (the
 * floor for anything that decodes text line by line). MB/s = feed bytes / time per operation; bytes allocated per
 * event = gc.alloc.rate.norm / events (run with -prof gc).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParserBenchmark {

    @Param({"LARGE"})
    public String feed;

    private byte[] bytes;
    private StreamingIcsParser parser;
    private ParseOptions options;

    /** The feed's bytes, exactly as the harness writes them to disk. */
    public static byte[] feedBytes(Feed f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) f.targetBytes + 64 * 1024);
        FeedWriter.write(f.flavour, f.seed, f.targetBytes, out);
        return out.toByteArray();
    }

    @Setup
    public void setUp() throws IOException {
        bytes = feedBytes(Feed.valueOf(feed));
        parser = new StreamingIcsParser();
        parser.activate(ConfigProxy.defaults(StreamingIcsParser.Config.class));
        options = new ParseOptions(ZoneId.of("Europe/Berlin"), FeedWriter.ME, 500, 32 * 1024);
        relaxIcal4j();
    }

    /** ical4j configured for real feeds (relaxed, Outlook-compatible, offline), as the kiosk's ical4j engine does. */
    public static void relaxIcal4j() {
        ical4jEngine = new Ical4jParser();
        ical4jEngine.activate();
    }

    private static Ical4jParser ical4jEngine;

    @Benchmark
    public int calendarbotParser(Blackhole bh) throws IOException {
        return parser.parse(new ByteArrayInputStream(bytes), options, bh::consume).events();
    }

    /** ical4j as the kiosk's second parser: one VEVENT at a time to ParsedEvents, the kiosk's rules applied. */
    @Benchmark
    public int ical4jEngine(Blackhole bh) throws IOException {
        return ical4jEngine.parse(new ByteArrayInputStream(bytes), options, bh::consume).events();
    }

    @Benchmark
    public Calendar ical4jCalendarBuilder() throws IOException, ParserException {
        return new CalendarBuilder().build(new ByteArrayInputStream(bytes));
    }

    @Benchmark
    public long readLineLoop(Blackhole bh) throws IOException {
        long lines = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                bh.consume(line);
                lines++;
            }
        }
        return lines;
    }
}
