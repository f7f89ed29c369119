package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FeedWriter;
import calendarbot.api.FeedWriter.Flavour;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.parser.internal.StreamingIcsParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FeedWriterTest {

    private static byte[] feed(Flavour flavour, long seed, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = FeedWriter.write(flavour, seed, size, out);
        assertEquals(out.size(), written);
        return out.toByteArray();
    }

    private static List<ParsedEvent> parse(byte[] bytes, ParseReport[] report) throws IOException {
        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(ConfigProxy.defaults(StreamingIcsParser.Config.class));
        List<ParsedEvent> events = new ArrayList<>();
        report[0] = parser.parse(new ByteArrayInputStream(bytes),
                new ParseOptions(ZoneId.of("Europe/Berlin"), FeedWriter.ME, 100_000, 32 * 1024), events::add);
        return events;
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException {
        assertArrayEquals(feed(Flavour.OUTLOOK, 5, 100_000), feed(Flavour.OUTLOOK, 5, 100_000));
        assertFalse(Arrays.equals(feed(Flavour.OUTLOOK, 5, 100_000), feed(Flavour.OUTLOOK, 6, 100_000)));
    }

    @Test
    void stopsJustAfterTheTargetSize() throws IOException {
        byte[] bytes = feed(Flavour.GOOGLE, 1, 300_000);
        assertTrue(bytes.length >= 300_000 && bytes.length < 320_000, "size " + bytes.length);
        String end = new String(bytes, bytes.length - 15, 15, StandardCharsets.US_ASCII);
        assertEquals("END:VCALENDAR\r\n", end);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void parsesCleanlyWithRecurringSeriesOverridesAndAllDayEvents(Flavour flavour) throws IOException {
        ParseReport[] report = new ParseReport[1];
        List<ParsedEvent> events = parse(feed(flavour, 3, 400_000), report);
        assertEquals(0, report[0].skipped(), report[0].errors().toString());
        assertEquals(0, report[0].zoneFallbacks(), report[0].zones().toString());
        assertEquals(events.size(), report[0].events());
        double masters = report[0].masters() / (double) events.size();
        assertTrue(masters > 0.08 && masters < 0.25, "share of recurring masters " + masters);
        assertTrue(report[0].overrides() > 0);
        assertTrue(events.stream().anyMatch(ParsedEvent::isAllDay));
        assertTrue(events.stream().anyMatch(e -> !e.exdates().isEmpty()));
        assertTrue(events.stream().anyMatch(e -> e.onlineMeetingUrl() != null));
        assertTrue(events.stream().anyMatch(e -> e.myPartStat() != null));
        // the weekday stand-up that gives the kiosk a next meeting at KIOSK_NOW
        assertEquals("Daily stand-up", events.get(0).summary());
        assertTrue(events.get(0).isRecurring());
    }

    @Test
    void outlookFeedsUseWindowsZoneNames() throws IOException {
        ParseReport[] report = new ParseReport[1];
        parse(feed(Flavour.OUTLOOK, 3, 200_000), report);
        assertTrue(report[0].zones().keySet().containsAll(List.of("W. Europe Standard Time", "Pacific Standard Time")),
                report[0].zones().toString());
    }

    @Test
    void foldsSplitMultiByteCharactersWhichComeBackWholeAfterUnfolding() throws IOException {
        byte[] bytes = feed(Flavour.OUTLOOK, 9, 200_000);
        int splits = 0;
        for (int i = 1; i + 3 < bytes.length; i++) {
            // CRLF SPACE with a UTF-8 continuation byte right after it: a character cut in two by the fold
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == ' ' && (bytes[i + 3] & 0xC0) == 0x80) {
                splits++;
            }
        }
        assertTrue(splits > 10, "characters split by folds: " + splits);
        ParseReport[] report = new ParseReport[1];
        for (ParsedEvent e : parse(bytes, report)) {
            assertFalse(e.description() != null && e.description().indexOf('\uFFFD') >= 0, e.description());
            assertFalse(e.summary() != null && e.summary().indexOf('\uFFFD') >= 0, e.summary());
        }
    }
}
