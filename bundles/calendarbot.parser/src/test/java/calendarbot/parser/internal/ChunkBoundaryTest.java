package calendarbot.parser.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.ParsedEvent;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** However the network cuts the body into reads, the events are the same. */
class ChunkBoundaryTest {

    private static final byte[] SAMPLE = Feeds.sample();
    private static final Feeds.Result REFERENCE = Feeds.parse(SAMPLE);

    @Test
    void sampleIsSmallAndHasEveryKindOfEvent() {
        assertTrue(SAMPLE.length > 2_000 && SAMPLE.length < 8_000, "sample size " + SAMPLE.length);
        List<ParsedEvent> events = REFERENCE.events();
        assertTrue(events.stream().anyMatch(ParsedEvent::isRecurring));
        assertTrue(events.stream().anyMatch(ParsedEvent::isOverride));
        assertTrue(events.stream().anyMatch(ParsedEvent::isAllDay));
        assertTrue(events.stream().anyMatch(e -> !e.exdates().isEmpty()));
        assertTrue(events.stream().anyMatch(e -> e.description() != null && e.description().codePoints().anyMatch(c -> c > 0xFFFF)));
        assertEquals(0, REFERENCE.report().skipped());
    }

    @Test
    void splittingTheBodyAtEveryByteGivesIdenticalEvents() {
        for (int split = 1; split < SAMPLE.length; split++) {
            Feeds.Result result = Feeds.parse(new SplitStream(SAMPLE, split), Feeds.options());
            if (!REFERENCE.events().equals(result.events())) {
                assertEquals(REFERENCE.events(), result.events(), "split after byte " + split);
            }
            assertEquals(SAMPLE.length, result.report().bytes());
        }
    }

    @Test
    void oneByteReadsGiveIdenticalEvents() {
        Feeds.Result result = Feeds.parse(new SplitStream(SAMPLE, 1) {
            @Override
            public int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        }, Feeds.options());
        assertEquals(REFERENCE.events(), result.events());
        assertEquals(REFERENCE.report().events(), result.report().events());
    }

    /** Returns the bytes before {@code split} and the rest in separate reads, never across the cut. */
    static class SplitStream extends InputStream {
        private final byte[] data;
        private final int split;
        private int pos;

        SplitStream(byte[] data, int split) {
            this.data = data;
            this.split = split;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int end = pos < split ? split : data.length;
            int n = Math.min(len, end - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
