package calendarbot.parser.internal;

import static calendarbot.parser.internal.Feeds.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.NotACalendarException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class NotACalendarTest {

    private static NotACalendarException reject(byte[] body) {
        return assertThrows(NotACalendarException.class,
                () -> Feeds.parser().parse(new ByteArrayInputStream(body), Feeds.options(), e -> { }));
    }

    @Test
    void emptyBody() {
        assertEquals("empty body", reject(new byte[0]).getMessage());
        assertTrue(reject(utf8("\r\n\r\n  \r\n")).getMessage().startsWith("empty body"));
    }

    @Test
    void htmlPage() {
        assertTrue(reject(utf8("<!DOCTYPE html>\n<html><body>Sign in</body></html>")).getMessage().contains("HTML"));
        assertTrue(reject(utf8("\r\n   <html>\r\n<head>")).getMessage().contains("HTML"));
        assertTrue(reject(utf8("\uFEFF<html>")).getMessage().contains("HTML"));
    }

    @Test
    void noBeginVcalendar() {
        String message = reject(utf8("{\"error\":\"invalid token\"}")).getMessage();
        assertTrue(message.contains("no BEGIN:VCALENDAR") && message.contains("invalid token"), message);
        assertTrue(reject(utf8("line\n".repeat(100))).getMessage().contains("no BEGIN:VCALENDAR"));
    }

    @Test
    void aBinaryBodyIsCalledSoInsteadOfQuoted() throws Exception {
        java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write(utf8("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".repeat(50)));
        }
        assertEquals("no BEGIN:VCALENDAR; the body starts with binary data, not text",
                reject(gzip.toByteArray()).getMessage());
        assertEquals("no BEGIN:VCALENDAR; the body starts with 'Service unavailable, try later'",
                reject(utf8("Service unavailable, try later\n")).getMessage(), "text is quoted as it is");
    }

    @Test
    void truncatedBeforeEndVcalendar() {
        String message = reject(utf8("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20240105T100000Z\r\nEND:VEVENT\r\n"))
                .getMessage();
        assertTrue(message.startsWith("truncated"), message);
    }

    @Test
    void aByteOrderMarkAndLeadingBlankLinesAreFine() throws Exception {
        var result = Feeds.parse(utf8("\uFEFFBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20240105T100000Z\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR"));
        assertEquals(1, result.events().size());
        assertEquals(0, Feeds.parse(utf8("\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")).report().events());
    }
}
