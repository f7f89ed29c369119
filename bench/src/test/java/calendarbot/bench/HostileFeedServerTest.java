package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.bench.HostileFeedServer.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of misbehaviour the soak relies on is what goes over the wire (all but the slow ones and the bomb). */
class HostileFeedServerTest {

    private static final byte[] FEED = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "X-PAD:0123456789\r\n".repeat(2000)
            + "END:VCALENDAR\r\n").getBytes(StandardCharsets.US_ASCII);

    private HostileFeedServer server;

    @BeforeEach
    void start() throws IOException {
        server = HostileFeedServer.start(FEED);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void malformedIsAWellFormedCalendarWithBrokenLinesAndInvalidUtf8() throws IOException {
        HttpURLConnection c = open(Kind.MALFORMED, "");
        assertEquals(200, c.getResponseCode());
        String text = new String(c.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("BEGIN:VCALENDAR\r\n") && text.endsWith("END:VCALENDAR\r\n"));
        assertTrue(text.contains("a line without a colon") && text.contains("\u00c3("), "broken lines and bytes");
        assertEquals(1L, server.served().get(Kind.MALFORMED));
    }

    @Test
    void wrongLengthPromisesTwiceWhatItSends() throws IOException {
        HttpURLConnection c = open(Kind.WRONG_LENGTH, "");
        assertEquals(FEED.length * 2L, c.getContentLengthLong());
        // the JDK's client just ends the stream early: a fetcher must count the bytes itself
        try (InputStream in = c.getInputStream()) {
            assertEquals(FEED.length, in.readAllBytes().length);
        }
    }

    @Test
    void resetEndsTheBodyWithAReset() throws IOException {
        HttpURLConnection c = open(Kind.RESET, "");
        assertEquals(200, c.getResponseCode());
        IOException e = assertThrows(IOException.class, () -> c.getInputStream().readAllBytes());
        assertTrue(e instanceof SocketException || String.valueOf(e.getMessage()).contains("reset")
                || String.valueOf(e.getMessage()).contains("closed"), e::toString);
    }

    @Test
    void tooManyRequestsAndTheRedirectLoop() throws IOException {
        HttpURLConnection limited = open(Kind.TOO_MANY_REQUESTS, "");
        assertEquals(429, limited.getResponseCode());
        assertEquals("1", limited.getHeaderField("Retry-After"));
        HttpURLConnection first = open(Kind.REDIRECT_LOOP, "");
        assertEquals(302, first.getResponseCode());
        assertEquals(server.url("soak") + "?hop=0", first.getHeaderField("Location"));
        HttpURLConnection second = open(Kind.REDIRECT_LOOP, "?hop=0");
        assertEquals(server.url("soak") + "?hop=1", second.getHeaderField("Location"));
    }

    private HttpURLConnection open(Kind kind, String query) throws IOException {
        server.serve(kind);
        HttpURLConnection c = (HttpURLConnection) URI.create(server.url("soak") + query).toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        return c;
    }
}
