package calendarbot.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** The bodies {@link HostileFeedServer} sends, made once (deterministic: the same bytes in every run). */
final class HostileBodies {

    static final long BOMB_BYTES = 256L * 1024 * 1024;

    private final byte[] valid;
    private final byte[] malformed;
    private final byte[] garbage;
    private byte[] gzipBomb;

    HostileBodies(byte[] validFeed) {
        this.valid = validFeed.clone();
        this.malformed = buildMalformed();
        this.garbage = new byte[256 * 1024];
        new SplittableRandom(13).nextBytes(garbage);
    }

    byte[] valid() {
        return valid;
    }

    byte[] malformed() {
        return malformed;
    }

    byte[] garbage() {
        return garbage;
    }

    /** 256 MB of calendar lines gzipped to about a quarter of a megabyte; made on first use. */
    synchronized byte[] gzipBomb() {
        if (gzipBomb == null) {
            ByteArrayOutputStream packed = new ByteArrayOutputStream(512 * 1024);
            byte[] line = ("X-BOMB:" + "A".repeat(8183) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try (GZIPOutputStream gz = new GZIPOutputStream(packed, 64 * 1024)) {
                gz.write("BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.US_ASCII));
                for (long n = 0; n < BOMB_BYTES; n += line.length) {
                    gz.write(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gzipBomb = packed.toByteArray();
        }
        return gzipBomb;
    }

    /** Events with every kind of broken line in them, in a well-formed calendar: what a kiosk must skip and survive. */
    private static byte[] buildMalformed() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ascii(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//hostile//EN\r\n");
        for (int i = 0; i < 200; i++) {
            String day = String.format("202611%02d", 1 + i % 28);
            ascii(b, "BEGIN:VEVENT\r\nUID:hostile-" + i + "@bench\r\nDTSTAMP:20261101T000000Z\r\n"
                    + "DTSTART:" + day + "T090000Z\r\nDTEND:" + day + "T093000Z\r\n");
            switch (i % 10) {
                case 0 -> ascii(b, "a line without a colon\r\n");
                case 1 -> {
                    ascii(b, "SUMMARY:invalid UTF-8 ");
                    b.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0,
                            (byte) 0x80, (byte) 0xE2, (byte) 0x82});
                    ascii(b, "\r\n");
                }
                case 2 -> ascii(b, "DTSTART:not-a-date\r\nRRULE:FREQ=SOMETIMES;COUNT=-1\r\n");
                case 3 -> ascii(b, "BEGIN:VALARM\r\nTRIGGER:-PT15M\r\n"); // never ended
                case 4 -> ascii(b, "END:VTODO\r\nSUMMARY;X-PARAM=\"unclosed:value\r\n");
                case 5 -> {
                    ascii(b, "SUMMARY:nul ");
                    b.writeBytes(new byte[] {0, 0, 0});
                    ascii(b, " and a lone CR\rDESCRIPTION:x\r\n");
                }
                case 6 -> ascii(b, "X-LONG:" + "x".repeat(100_000) + "\r\n");
                case 7 -> ascii(b, " a continuation with nothing to continue\r\nRRULE:FREQ=DAILY;INTERVAL=0\r\n");
                case 8 -> ascii(b, "BEGIN:VEVENT\r\nBEGIN:VEVENT\r\n"); // nested, unterminated
                default -> ascii(b, "SUMMARY:a valid one\r\n");
            }
            ascii(b, "END:VEVENT\r\n");
        }
        ascii(b, "END:VCALENDAR\r\n");
        return b.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
