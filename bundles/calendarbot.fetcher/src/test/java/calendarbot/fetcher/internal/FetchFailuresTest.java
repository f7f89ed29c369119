package calendarbot.fetcher.internal;

import static calendarbot.api.model.FetchException.Kind.CANCELLED;
import static calendarbot.api.model.FetchException.Kind.NETWORK;
import static calendarbot.api.model.FetchException.Kind.NOT_A_CALENDAR;
import static calendarbot.api.model.FetchException.Kind.TIMEOUT;
import static calendarbot.api.model.FetchException.Kind.TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import calendarbot.api.ConfigProxy;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.NotACalendarException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.zip.ZipException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FetchFailuresTest {

    final FetchFailures failures = new FetchFailures("work", FetchSettings.from(ConfigProxy.of(
            HttpFeedFetcher.Config.class, Map.of("connectTimeoutSeconds", 10, "readTimeoutSeconds", 30,
                    "totalTimeoutSeconds", 120))));

    private FetchException of(IOException e) {
        return failures.of(e, 0, false, false);
    }

    private static void assertFailure(FetchException.Kind kind, String message, FetchException failure) {
        assertEquals(kind, failure.kind(), failure.getMessage());
        assertEquals(message, failure.getMessage());
    }

    @Test
    void networkTroubleSaysWhereToLook() {
        assertFailure(NETWORK, "work: unknown host outlook.example.com - check the URL and the kiosk's network (DNS)",
                of(new UnknownHostException("outlook.example.com")));
        assertFailure(NETWORK, "work: cannot connect (Connection refused)",
                of(new ConnectException("Connection refused")));
        assertFailure(NETWORK, "work: secure connection refused (PKIX path building failed) - check the kiosk's"
                + " clock and the server's certificate", of(new SSLHandshakeException("PKIX path building failed")));
        assertFailure(NETWORK, "work: network error: Connection reset", of(new IOException("Connection reset")));
    }

    @Test
    void timeoutsNameTheSettingThatRanOut() {
        assertFailure(TIMEOUT, "work: could not connect within 10 s",
                of(new SocketTimeoutException("Connect timed out")));
        assertFailure(TIMEOUT, "work: the server sent nothing for 30 s",
                of(new SocketTimeoutException("Read timed out")));
        assertFailure(TIMEOUT, "work: took longer than the total timeout of 120 s",
                failures.of(new SocketTimeoutException("Read timed out"), 200, false, true));
        assertFailure(TIMEOUT, "work: took longer than the total timeout of 120 s", failures.pastTotalTimeout());
    }

    @Test
    void shuttingDownWinsOverWhateverTheStreamSaid() {
        assertFailure(CANCELLED, "work: fetch cancelled (shutting down)",
                failures.of(new IOException("Socket closed"), 200, true, true));
        assertFailure(CANCELLED, "work: fetch cancelled (shutting down)", failures.cancelled());
    }

    @Test
    void aBodyThatCannotBeUsedIsNotACalendar() {
        assertFailure(NOT_A_CALENDAR, "work: the body cannot be decoded: invalid gzip header",
                of(new ZipException("invalid gzip header")));
        assertFailure(NOT_A_CALENDAR, "work: an HTML/XML page, not a calendar: '<html>'",
                failures.unreadable(new NotACalendarException("an HTML/XML page, not a calendar: '<html>'"), 200));
        assertFailure(NOT_A_CALENDAR, "work: the feed could not be read: Stream closed",
                failures.unreadable(new IOException("Stream closed"), 200));
        assertFailure(TOO_LARGE, "work: the feed grows past maxBodyBytes",
                of(new BodyStream.TooLargeException("the feed grows past maxBodyBytes")));
    }

    @Test
    void amendingKeepsKindStatusAndCause() {
        IOException cause = new IOException("boom");
        FetchException failure = new FetchException(NETWORK, 503, "work: 503 Service Unavailable", cause);
        FetchException amended = FetchFailures.amend(failure, ", gave up after 4 attempts");
        assertFailure(NETWORK, "work: 503 Service Unavailable, gave up after 4 attempts", amended);
        assertEquals(503, amended.httpStatus());
        assertSame(cause, amended.getCause());
    }

    @Test
    void sizesReadAsAPersonWouldSayThem() {
        assertEquals("812 bytes", FetchFailures.size(812));
        assertEquals("48 KiB", FetchFailures.size(48 * 1024 + 100));
        assertEquals("12.5 MiB", FetchFailures.size(12 * 1024 * 1024 + 512 * 1024));
    }
}
