package calendarbot.refresh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.FeedBody;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.Validators;
import calendarbot.refresh.internal.Fakes.Expander;
import calendarbot.refresh.internal.Fakes.Journal;
import calendarbot.refresh.internal.Fakes.Parser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedDownloadTest {

    static final URI URL = URI.create("https://calendar.example.com/work.ics");
    static final Instant KIOSK_NOW = Instant.parse("2026-03-02T09:30:00Z");
    static final Instant BOOKKEEPING = Instant.parse("2030-07-15T12:00:00Z");
    static final Validators V1 = new Validators("\"v1\"", null);

    @TempDir
    Path dir;

    final Parser parser = new Parser(new Journal());
    final ZoneId zone = ZoneId.of("Europe/Berlin");
    final FeedDownload download = new FeedDownload(KIOSK_NOW, zone, new Expander().window(KIOSK_NOW, zone), 100);
    final ParseOptions options = new ParseOptions(zone, null, ParseOptions.PARSER_SETTING, ParseOptions.PARSER_SETTING);

    void read(FeedArchive archive, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        download.read("work", new FeedBody(new ByteArrayInputStream(bytes), bytes.length, true, V1, URL), archive,
                parser, options);
    }

    @Test
    void aParsedBodyIsArchivedWithItsValidatorsStampedWithBookkeepingTime() throws IOException {
        FeedArchive archive = new FeedArchive(dir);
        String body = "BEGIN:VCALENDAR\nEVENT:standup\nEND:VCALENDAR\n";
        read(archive, body);

        assertEquals(1, download.events.list().size());
        assertEquals(body.length(), download.bytes);
        FeedDownload.Archived archived = download.archive(archive, "work", V1, URL, BOOKKEEPING, 123);

        assertEquals(new FeedDownload.Archived(true, V1, null), archived);
        assertEquals(body, Files.readString(archive.body("work")));
        FeedArchive.Meta meta = archive.readMeta("work");
        assertEquals(V1, meta.validators());
        assertEquals(BOOKKEEPING, meta.lastSuccess());
        assertEquals(123, meta.bytes());
    }

    @Test
    void aRetriedReadStartsAfreshAndARejectedBodyIsNotArchived() throws IOException {
        FeedArchive archive = new FeedArchive(dir);
        read(archive, "BEGIN:VCALENDAR\nEVENT:one\nEVENT:two\nEND:VCALENDAR\n");
        assertThrows(NotACalendarException.class, () -> read(archive, "<html>sign in</html>\n"));

        assertEquals(0, download.events.list().size());
        assertNull(download.report);
        assertTrue(download.failure instanceof NotACalendarException);
        assertFalse(download.streamFailed, "the parser's failure, not the connection's");
        download.discard();
        assertFalse(archive.hasBody("work"));
    }

    @Test
    void anArchiveThatCannotBeWrittenKeepsNoValidatorsAndSaysWhere() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "");
        FeedArchive archive = new FeedArchive(file.resolve("feeds"));
        read(archive, "BEGIN:VCALENDAR\nEVENT:standup\nEND:VCALENDAR\n");

        FeedDownload.Archived archived = download.archive(archive, "work", V1, URL, BOOKKEEPING, 10);

        assertFalse(archived.written());
        assertEquals(Validators.NONE, archived.validators(), "no 304 for a body that is not on disk");
        assertTrue(archived.problem().startsWith("archive not written in " + archive.dir()), archived.problem());
        assertEquals(1, download.events.list().size(), "the events are still there to be shown");
    }
}
