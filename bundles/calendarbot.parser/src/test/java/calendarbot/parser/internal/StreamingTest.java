package calendarbot.parser.internal;

import static calendarbot.parser.internal.Feeds.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.FeedWriter;
import calendarbot.api.model.ParseReport;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingTest {

    @Test
    void eventsReachTheSinkWhileTheFeedIsStillBeingRead() throws IOException {
        java.io.ByteArrayOutputStream generated = new java.io.ByteArrayOutputStream(1100 * 1024);
        FeedWriter.write(FeedWriter.Flavour.OUTLOOK, 3, 1024 * 1024, generated);
        byte[] feed = generated.toByteArray();
        long[] read = new long[1];
        FilterInputStream counting = new FilterInputStream(new ByteArrayInputStream(feed)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        List<Long> readAtEvent = new ArrayList<>();

        ParseReport report = Feeds.parser().parse(counting, Feeds.options(), e -> readAtEvent.add(read[0]));

        assertEquals(report.events(), readAtEvent.size());
        assertTrue(report.events() > 200, "events: " + report.events());
        assertTrue(readAtEvent.get(0) <= 64 * 1024, "first event after " + readAtEvent.get(0) + " bytes");
        long midway = readAtEvent.get(readAtEvent.size() / 2);
        assertTrue(midway < feed.length * 3 / 4, "middle event after " + midway + " of " + feed.length + " bytes");
        assertEquals(0, report.skipped());
        assertEquals(0, report.zoneFallbacks());
    }

    @Test
    void aCalendarNestedInACalendarKeepsTheEventsAfterIt() {
        var result = Feeds.parse("BEGIN:VCALENDAR\r\nBEGIN:VCALENDAR\r\n" + event("inner", "DTSTART:20240105T100000Z")
                + "\r\nEND:VCALENDAR\r\n" + event("outer", "DTSTART:20240106T100000Z") + "\r\nEND:VCALENDAR\r\n"
                + "BEGIN:VCALENDAR\r\n" + event("second", "DTSTART:20240107T100000Z") + "\r\nEND:VCALENDAR\r\n");
        assertEquals(List.of("inner", "outer", "second"), result.events().stream().map(e -> e.uid()).toList());
    }
}
