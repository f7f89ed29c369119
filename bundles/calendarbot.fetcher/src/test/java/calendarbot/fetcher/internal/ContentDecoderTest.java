package calendarbot.fetcher.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {

    private static byte[] decode(byte[] body, String encoding) throws IOException {
        try (InputStream in = ContentDecoder.decode(new ByteArrayInputStream(body), encoding)) {
            return in.readAllBytes();
        }
    }

    @Test
    void decodesGzipAndBothKindsOfDeflate() throws IOException {
        byte[] ics = TestServer.calendar(2000);
        assertArrayEquals(ics, decode(TestServer.gzip(ics), "gzip"));
        assertArrayEquals(ics, decode(TestServer.gzip(ics), "X-GZIP"));
        assertArrayEquals(ics, decode(TestServer.deflate(ics, false), "deflate"));
        assertArrayEquals(ics, decode(TestServer.deflate(ics, true), "deflate"));
        assertArrayEquals(ics, decode(ics, null));
        assertArrayEquals(ics, decode(ics, "identity"));
    }

    @Test
    void plainOrEmptyBodyLabelledGzipIsReadAsIs() throws IOException {
        byte[] ics = TestServer.calendar(200);
        assertArrayEquals(ics, decode(ics, "gzip"));
        assertArrayEquals(new byte[0], decode(new byte[0], "gzip"));
        assertArrayEquals(new byte[0], decode(new byte[0], "deflate"));
    }

    @Test
    void encodingsNotAskedForAreRefused() {
        assertThrows(ContentDecoder.UnsupportedEncodingException.class, () -> decode(new byte[10], "br"));
    }
}
