package calendarbot.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpReplyTest {

    final Representation big = Representation.of("x".repeat(5000).getBytes(StandardCharsets.UTF_8), "text/plain",
            Representation.NO_CACHE);
    final Representation small = Representation.json("{}");

    @Test
    void gzipIsUsedWhenAccepted() {
        assertTrue(HttpReply.acceptsGzip("gzip, deflate, br"));
        assertTrue(HttpReply.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(HttpReply.acceptsGzip("*"));
        assertFalse(HttpReply.acceptsGzip("gzip;q=0"));
        assertFalse(HttpReply.acceptsGzip("identity"));
        assertFalse(HttpReply.acceptsGzip(null));
    }

    @Test
    void onlyLargeBodiesGetAGzipCopy() {
        assertNotNull(big.gzipped());
        assertTrue(Representation.json("[" + "1,".repeat(1000) + "1]").hasGzip());
        assertFalse(small.hasGzip());
        assertNull(small.gzippedNow());
    }

    @Test
    void theGzipCopyIsAValidGzipStream() throws Exception {
        byte[] body = "{\"subject\":\"Standup\"}\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        for (byte[] packed : new byte[][] { Representation.of(body, "application/json", "no-cache").gzipped(),
                Representation.dynamic(body, "application/json").gzippedNow() }) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(packed))) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(body, in.readAllBytes());
            }
        }
    }

    @Test
    void etagsChangeWithTheBody() {
        assertFalse(Representation.json("{\"a\":1}").etag().equals(Representation.json("{\"a\":2}").etag()));
        assertTrue(Representation.json("{\"a\":1}").etag().equals(Representation.json("{\"a\":1}").etag()));
    }

    @Test
    void ifNoneMatchTakesListsWeakTagsAndBothEncodings() {
        assertTrue(HttpReply.matches(big.etag(), big));
        assertTrue(HttpReply.matches("\"other\", W/" + big.etag(), big));
        assertTrue(HttpReply.matches(big.gzipEtag(), big));
        assertTrue(HttpReply.matches("*", big));
        assertFalse(HttpReply.matches("\"other\"", big));
        assertFalse(HttpReply.matches(small.gzipEtag(), small), "no gzip'd copy, no gzip ETag");
        assertFalse(HttpReply.matches(null, big));
    }
}
