package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import calendarbot.parser.shared.MeetingLinks;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MeetingLinksTest {

    private static String find(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return MeetingLinks.find(b, 0, b.length);
    }

    @Test
    void recognisesTheFourServices() {
        assertEquals("https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0?context=%7b%7d",
                find("Join <https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0?context=%7b%7d>"));
        assertEquals("https://teams.microsoft.com/meet/2912345?p=abc", find("https://teams.microsoft.com/meet/2912345?p=abc"));
        assertEquals("https://us02web.zoom.us/j/85512345678?pwd=abc", find("Zoom: https://us02web.zoom.us/j/85512345678?pwd=abc."));
        assertEquals("https://zoom.us/j/1", find("https://zoom.us/j/1\\nnext line"));
        assertEquals("https://meet.google.com/abc-defg-hij", find("Video call: https://meet.google.com/abc-defg-hij"));
        assertEquals("https://acme.webex.com/meet/anna", find("HTTPS://example.com then https://acme.webex.com/meet/anna"));
    }

    @Test
    void ignoresLookalikes() {
        assertNull(find("https://teams.microsoft.com/ and https://zoom.us/pricing"));
        assertNull(find("https://notzoom.us/j/123 https://meet.google.com/landing https://webex.com/"));
        assertNull(find("https://evil.com/teams.microsoft.com/l/meetup-join/x"));
        assertNull(find("no links at all"));
    }
}
