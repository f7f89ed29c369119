package calendarbot.refresh.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.Validators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedArchiveTest {

    @TempDir
    Path dir;

    /** Bytes that are not valid UTF-8 and a CRLF: the archive must be the body, not a decoded copy of it. */
    static byte[] body() {
        byte[] text = "BEGIN:VCALENDAR\r\nX-ODD:\u00e9t\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[text.length * 50];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(text, 0, out, i * text.length, text.length);
        }
        return out;
    }

    @Test
    void theCopyIsByteIdenticalHoweverTheParserReads() throws IOException {
        FeedArchive archive = new FeedArchive(dir.resolve("feeds"));
        byte[] body = body();
        ArchiveWriter writer = archive.begin("work");
        try (ArchiveTee tee = new ArchiveTee(new ByteArrayInputStream(body), writer)) {
            tee.read();
            tee.read(new byte[7], 2, 5);
            assertEquals(100, tee.skip(100));
            tee.readAllBytes();
            assertEquals(body.length, tee.bytes());
        }
        assertFalse(Files.exists(archive.body("work")), "nothing is current before commit");

        assertNull(writer.commit());

        assertArrayEquals(body, Files.readAllBytes(archive.body("work")));
        assertFalse(Files.exists(FeedArchive.temp(archive.body("work"))));
    }

    @Test
    void theBodyAndItsMetaAreReadableByTheirOwnerOnly() throws IOException {
        FeedArchive archive = new FeedArchive(dir.resolve("feeds"));
        ArchiveWriter writer = archive.begin("work");
        writer.write(body(), 0, 100);
        assertNull(writer.commit());
        archive.writeMeta("work", new FeedArchive.Meta(new Validators("\"v1\"", null), null, null, 100));
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        assertEquals(ownerOnly, Files.getPosixFilePermissions(archive.body("work")));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(archive.meta("work")));
    }

    @Test
    void aDiscardedCopyLeavesTheArchivedBodyAlone() throws IOException {
        FeedArchive archive = new FeedArchive(dir);
        Files.writeString(archive.body("work"), "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
        ArchiveWriter writer = archive.begin("work");
        try (InputStream tee = new ArchiveTee(new ByteArrayInputStream("<html>".getBytes()), writer)) {
            tee.readAllBytes();
        }

        writer.discard();

        assertEquals("BEGIN:VCALENDAR\nEND:VCALENDAR\n", Files.readString(archive.body("work")));
        assertFalse(Files.exists(FeedArchive.temp(archive.body("work"))));
    }

    @Test
    void validatorsSurviveARoundTripIncludingQuotesAndWeakTags() throws IOException {
        FeedArchive archive = new FeedArchive(dir);
        FeedArchive.Meta meta = new FeedArchive.Meta(new Validators("W/\"3a=b:c\"", "Mon, 02 Mar 2026 08:00:00 GMT"),
                FeedKey.of(URI.create("https://x.example/cal.ics?key=a=b")), Instant.parse("2026-03-02T09:30:00Z"),
                1234);

        archive.writeMeta("work", meta);

        assertEquals(meta, archive.readMeta("work"));
        assertFalse(Files.exists(FeedArchive.temp(archive.meta("work"))));
    }

    @Test
    void theMetaNamesTheFeedByAHashNotByItsSecretUrl() throws IOException {
        FeedArchive archive = new FeedArchive(dir);
        URI secret = URI.create("https://user:hunter2@calendar.example.org/owa/calendar/abc123secret/calendar.ics");
        archive.writeMeta("work", new FeedArchive.Meta(Validators.NONE, FeedKey.of(secret), null, 1));

        String text = Files.readString(archive.meta("work"));
        assertFalse(text.contains("hunter2") || text.contains("abc123secret") || text.contains("calendar.example.org"),
                text);
        assertEquals(FeedKey.of(secret), archive.readMeta("work").feedKey());
    }

    @Test
    void aMetaWrittenWithItsUrlIsStillMatchedToItsFeed() throws IOException {
        FeedArchive archive = new FeedArchive(dir);
        Files.writeString(archive.meta("work"), "etag=\"v1\"\nurl=https\\://x.example/cal.ics\nbytes=10\n");
        assertEquals(FeedKey.of(URI.create("https://x.example/cal.ics")), archive.readMeta("work").feedKey());
    }

    @Test
    void aMissingOrDamagedMetaFileIsNoValidators() throws IOException {
        FeedArchive archive = new FeedArchive(dir);
        assertNull(archive.readMeta("work"));

        Files.writeString(archive.meta("work"), "etag=\"v1\"\nlastSuccess=yesterday\nbytes=many\n");
        FeedArchive.Meta meta = archive.readMeta("work");
        assertEquals(new Validators("\"v1\"", null), meta.validators());
        assertNull(meta.lastSuccess());
    }

    @Test
    void failureOfTheBodyStreamIsToldApartFromParseErrors() {
        ArchiveTee tee = new ArchiveTee(new Fakes.BreakingStream("BEGIN".getBytes(), "Connection reset"), null);

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, tee::readAllBytes);

        assertEquals("Connection reset", e.getMessage());
        assertTrue(tee.streamFailure() == e);
        assertEquals(5, tee.bytes());
    }
}
