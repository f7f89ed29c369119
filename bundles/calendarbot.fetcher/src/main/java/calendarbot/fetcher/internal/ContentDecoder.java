package calendarbot.fetcher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Undoes the Content-Encoding of a response body while it is read; nothing is decoded ahead of the reader. */
final class ContentDecoder {

    private static final int INFLATE_BUFFER = 8192;

    /** The server used an encoding that was not in our Accept-Encoding. */
    static final class UnsupportedEncodingException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedEncodingException(String message) {
            super(message);
        }
    }

    private ContentDecoder() {
    }

    static InputStream decode(InputStream raw, String contentEncoding) throws IOException {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "", "identity":
                return raw;
            case "gzip", "x-gzip":
                return gunzip(raw);
            case "deflate":
                return inflate(raw);
            default:
                throw new UnsupportedEncodingException(
                        "the server sent the body as '" + contentEncoding + "', which was not asked for");
        }
    }

    private static InputStream gunzip(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] magic = in.readNBytes(2);
        in.unread(magic);
        // Some servers label a plain (or empty) body as gzip; the two magic bytes tell (RFC 1952 section 2.3.1).
        if (magic.length < 2 || (magic[0] & 0xff) != 0x1f || (magic[1] & 0xff) != 0x8b) {
            return in;
        }
        return new GZIPInputStream(in, INFLATE_BUFFER);
    }

    private static InputStream inflate(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] head = in.readNBytes(2);
        in.unread(head);
        if (head.length == 0) {
            return in;
        }
        // "deflate" means zlib-wrapped (RFC 9110 section 8.4.1.2) but IIS and others have sent raw deflate. A zlib
        // header has compression method 8 and its first two bytes form a multiple of 31 (RFC 1950 section 2.2).
        boolean zlib = head.length == 2 && (head[0] & 0x0f) == 8
                && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        return new InflaterInputStream(in, inflater, INFLATE_BUFFER) {
            private boolean ended;

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    // InflaterInputStream does not end an Inflater it was given; its native memory would linger.
                    if (!ended) {
                        ended = true;
                        inflater.end();
                    }
                }
            }
        };
    }
}
