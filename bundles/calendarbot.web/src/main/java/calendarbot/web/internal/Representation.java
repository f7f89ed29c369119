package calendarbot.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A response body ready to send, with a strong ETag from a hash of its bytes. Files (layouts, static) carry a
 * gzip'd copy made once at best compression; API answers are gzip'd per request, at best speed, and only for
 * clients that accept it. The gzip'd form has its own ETag: another representation must not share a strong one.
 *
 * @param body the bytes
 * @param gzipped gzip'd bytes made in advance, or null
 * @param etag quoted ETag of {@code body}
 * @param contentType Content-Type header value
 * @param cacheControl Cache-Control header value
 * @param gzipOnDemand true when a gzip'd copy is made per request for clients that accept it
 */
record Representation(byte[] body, byte[] gzipped, String etag, String contentType, String cacheControl,
        boolean gzipOnDemand) {

    /** Below this a gzip header costs more than it saves. */
    static final int GZIP_THRESHOLD = 1024;

    static final String NO_CACHE = "no-cache";
    /** Short, so a changed layout reaches the kiosks within a minute. */
    static final String SHORT_CACHE = "max-age=60";
    static final String JSON = "application/json";

    /** A file: SHA-256 ETag and gzip'd copy computed once (it is served many times). */
    static Representation of(byte[] body, String contentType, String cacheControl) {
        return new Representation(body, gzip(body, Deflater.BEST_COMPRESSION), sha256Etag(body), contentType,
                cacheControl, false);
    }

    /**
     * An answer made for one request: a CRC ETag (64 bits from two CRCs, both intrinsics, a fraction of
     * SHA-256's cost on the Pi) and gzip only if the client wants it.
     */
    static Representation dynamic(byte[] body, String contentType) {
        return new Representation(body, null, crcEtag(body), contentType, NO_CACHE, body.length > GZIP_THRESHOLD);
    }

    static Representation json(String json) {
        return dynamic(json.getBytes(StandardCharsets.UTF_8), JSON);
    }

    /** True when a gzip'd form can be sent. */
    boolean hasGzip() {
        return gzipped != null || gzipOnDemand;
    }

    /** The gzip'd bytes, made now when not made in advance; null when gzip does not pay. */
    byte[] gzippedNow() {
        return gzipped != null ? gzipped : gzipOnDemand ? gzip(body, Deflater.BEST_SPEED) : null;
    }

    /** The ETag of the gzip'd form. */
    String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }

    static String sha256Etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            // 128 bits are plenty to tell versions of one file apart
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String crcEtag(byte[] body) {
        CRC32C c = new CRC32C();
        c.update(body);
        CRC32 d = new CRC32();
        d.update(body);
        return "\"" + Long.toHexString(c.getValue() << 32 | d.getValue()) + "-" + Integer.toHexString(body.length)
                + "\"";
    }

    /** gzip'd {@code body}, or null when it is small or does not shrink. */
    static byte[] gzip(byte[] body, int level) {
        if (body.length <= GZIP_THRESHOLD) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 4096) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] packed = out.toByteArray();
        return packed.length < body.length ? packed : null;
    }
}
