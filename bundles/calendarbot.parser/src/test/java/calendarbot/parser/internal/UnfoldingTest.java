package calendarbot.parser.internal;

import static calendarbot.parser.internal.Feeds.calendar;
import static calendarbot.parser.internal.Feeds.concat;
import static calendarbot.parser.internal.Feeds.event;
import static calendarbot.parser.internal.Feeds.parse;
import static calendarbot.parser.internal.Feeds.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParsedEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnfoldingTest {

    private static final String HEAD = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20240105T100000Z\r\n";
    private static final String TAIL = "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    @Test
    void aThreeByteCharacterSplitByAFoldAtEveryPositionComesOutWhole() {
        foldAtEveryPosition("ab€cd");
    }

    @Test
    void aFourByteCharacterSplitByAFoldAtEveryPositionComesOutWhole() {
        foldAtEveryPosition("ab😀cd");
    }

    private static void foldAtEveryPosition(String summary) {
        byte[] line = utf8("SUMMARY:" + summary);
        for (String fold : List.of("\r\n ", "\n\t", "\r ")) {
            for (int at = 1; at < line.length; at++) {
                byte[] folded = concat(utf8(HEAD), Arrays.copyOfRange(line, 0, at), utf8(fold),
                        Arrays.copyOfRange(line, at, line.length), utf8(TAIL));
                ParsedEvent e = parse(folded).only();
                assertEquals(summary, e.summary(), "fold " + escape(fold) + " after byte " + at);
            }
        }
    }

    @Test
    void readerJoinsFoldsOnBytesAndNumbersLinesFromTheirFirstPhysicalLine() throws IOException {
        byte[] text = utf8("A\r\n B\nC\rD\r\n\tE\r\n\r\nF");
        UnfoldingLineReader reader = new UnfoldingLineReader(new ByteArrayInputStream(text), 100);
        List<String> lines = new ArrayList<>();
        while (reader.next()) {
            lines.add(reader.lineNumber + ":" + new String(reader.line, 0, reader.length, StandardCharsets.UTF_8));
        }
        assertEquals(List.of("1:AB", "3:C", "4:DE", "6:", "7:F"), lines);
        assertEquals(text.length, reader.bytesRead());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        byte[] bad = {'x', (byte) 0xFF, 'y', (byte) 0xE2, (byte) 0x82, 'z', (byte) 0xC0, (byte) 0xAF, (byte) 0x80,
            (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF0, (byte) 0x9F};
        byte[] feed = concat(utf8(HEAD + "SUMMARY:"), bad, utf8(TAIL));
        String expected = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bad)).toString();

        String summary = parse(feed).only().summary();

        assertEquals(expected, summary);
        assertTrue(summary.startsWith("x\uFFFDy\uFFFD"), summary);
        assertTrue(summary.endsWith("\uFFFD"), summary);
    }

    @Test
    void crlfLfAndBareCrGiveIdenticalEvents() {
        byte[] crlf = Feeds.sample();
        var reference = parse(crlf);
        assertTrue(reference.events().size() >= 6, "sample has events");

        assertEquals(reference.events(), parse(lineEnds(crlf, "\n")).events());
        assertEquals(reference.events(), parse(lineEnds(crlf, "\r")).events());
    }

    /** CRLF replaced on bytes: the sample splits multi-byte characters at folds, so it is no valid String. */
    private static byte[] lineEnds(byte[] crlf, String end) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(crlf.length);
        int lines = 0;
        for (int i = 0; i < crlf.length; i++) {
            if (crlf[i] == '\r' && i + 1 < crlf.length && crlf[i + 1] == '\n') {
                out.write(end.charAt(0));
                i++;
                lines++;
            } else {
                assertTrue(crlf[i] != '\r' && crlf[i] != '\n', "only CRLF line ends in the sample");
                out.write(crlf[i]);
            }
        }
        assertTrue(lines > 50);
        return out.toByteArray();
    }

    @Test
    void aLineLongerThanTheLimitIsCutCountedAndTheNextLinesAreIntact() {
        String longText = "x".repeat(1000);
        String ics = calendar(event("long", "DESCRIPTION:" + longText.substring(0, 70), " " + longText.substring(70),
                "DTSTART:20240105T100000Z", "SUMMARY:after the long line"), event("next", "DTSTART:20240106T100000Z"));

        var result = parse(utf8(ics), new ParseOptions(Feeds.KIOSK, null, 5000, 300));

        ParsedEvent e = result.byUid("long");
        assertEquals(300 - "DESCRIPTION:".length(), e.description().length());
        assertEquals("after the long line", e.summary());
        assertEquals(2, result.events().size());
        assertEquals(1, result.report().truncatedLines());
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }
}
