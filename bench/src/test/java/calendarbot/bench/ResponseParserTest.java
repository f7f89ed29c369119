package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

    private static ResponseParser byteByByte(String response, boolean head) {
        ResponseParser p = new ResponseParser(true);
        p.reset(head);
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length && !p.done(); i++) {
            assertEquals(1, p.feed(bytes, i, 1));
        }
        return p;
    }

    @Test
    void contentLengthEndsTheAnswerAndLeavesTheNextOne() {
        String two = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 404 Not Found\r\n";
        ResponseParser p = new ResponseParser(true);
        p.reset(false);
        byte[] bytes = two.getBytes(StandardCharsets.US_ASCII);
        int used = p.feed(bytes, 0, bytes.length);
        assertTrue(p.done());
        assertEquals(200, p.status());
        assertEquals("hello", p.bodyText());
        assertEquals(two.indexOf("HTTP/1.1 404"), used);
        assertFalse(p.closeAfter());
    }

    @Test
    void chunkedWithExtensionsAndTrailers() {
        ResponseParser p = byteByByte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=x\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: y\r\n\r\n", false);
        assertTrue(p.done());
        assertEquals("Wikipedia in \r\n\r\nchunks.", p.bodyText());
    }

    @Test
    void noBodyForHeadAnd304() {
        assertTrue(byteByByte("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", true).done());
        assertTrue(byteByByte("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n", false).done());
    }

    @Test
    void withoutLengthTheBodyRunsToTheClose() {
        ResponseParser p = byteByByte("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\npartial", false);
        assertFalse(p.done());
        assertTrue(p.untilClose());
        p.endOfStream();
        assertTrue(p.done());
        assertTrue(p.closeAfter());
        assertEquals("partial", p.bodyText());
    }

    @Test
    void rejectsWhatIsNotHttp() {
        assertThrows(IllegalStateException.class, () -> byteByByte("SSH-2.0-OpenSSH\r\n\r\n", false));
    }
}
