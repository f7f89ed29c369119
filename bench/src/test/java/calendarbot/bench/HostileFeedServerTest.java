package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.bench.HostileFeedServer.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each kind of misbehaviour the soak relies on is what goes over the wire (all but the slow ones and the bomb). */
class HostileFeedServerTest {

    private static final byte[] FEED = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "X-PAD:0123456789\r\n".repeat(2000)
            + "END:VCALENDAR\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void malformedIsAWellFormedCalendarWithBrokenLinesAndInvalidUtf8() throws IOException {
        try (HostileFeedServer server = HostileFeedServer.start(FEED)) {
            server.serve(Kind.MALFORMED);
            HttpURLConnection c = open(server);
            assertEquals(200, c.getResponseCode());
            byte[] body = c.getInputStream().readAllBytes();
            String text = new String(body, StandardCharsets.ISO_8859_1);
            assertTrue(text.startsWith("BEGIN:VCALENDAR\r\n") && text.endsWith("END:VCALENDAR\r\n"));
            assertTrue(text.contains("a line without a colon") && text.contains("\u00c3("), "broken lines and bytes");
            assertEquals(1L, server.served().get(Kind.MALFORMED));
        }
    }

    @Test
    void wrongLengthPromisesTwiceWhatItSends() throws IOException {
        try (HostileFeedServer server = HostileFeedServer.start(FEED)) {
            server.serve(Kind.WRONG_LENGTH);
            HttpURLConnection c = open(server);
            assertEquals(FEED.length * 2L, c.getContentLengthLong());
            // the JDK's client just ends the stream early: a fetcher must count the bytes itself
            try (InputStream in = c.getInputStream()) {
                assertEquals(FEED.length, in.readAllBytes().length);
            }
        }
    }

    @Test
    void resetEndsTheBodyWithAReset() throws IOException {
        try (HostileFeedServer server = HostileFeedServer.start(FEED)) {
            server.serve(Kind.RESET);
            HttpURLConnection c = open(server);
            assertEquals(200, c.getResponseCode());
            IOException e = assertThrows(IOException.class, () -> c.getInputStream().readAllBytes());
            assertTrue(e instanceof SocketException || String.valueOf(e.getMessage()).contains("reset")
                    || String.valueOf(e.getMessage()).contains("closed"), e::toString);
        }
    }

    @Test
    void tooManyRequestsAndTheRedirectLoop() throws IOException {
        try (HostileFeedServer server = HostileFeedServer.start(FEED)) {
            server.serve(Kind.TOO_MANY_REQUESTS);
            HttpURLConnection c = open(server);
            assertEquals(429, c.getResponseCode());
            assertEquals("1", c.getHeaderField("Retry-After"));
            server.serve(Kind.REDIRECT_LOOP);
            HttpURLConnection first = open(server);
            assertEquals(302, first.getResponseCode());
            assertEquals(server.url("soak") + "?hop=0", first.getHeaderField("Location"));
            HttpURLConnection second = (HttpURLConnection) java.net.URI.create(first.getHeaderField("Location"))
                    .toURL().openConnection();
            second.setInstanceFollowRedirects(false);
            assertEquals(server.url("soak") + "?hop=1", second.getHeaderField("Location"));
        }
    }

    private static HttpURLConnection open(HostileFeedServer server) throws IOException {
        HttpURLConnection c = (HttpURLConnection) server.url("soak").toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        return c;
    }
}
