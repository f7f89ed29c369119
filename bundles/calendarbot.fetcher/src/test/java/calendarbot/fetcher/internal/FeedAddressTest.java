package calendarbot.fetcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.SourceSpec;
import java.net.URI;
import org.junit.jupiter.api.Test;

class FeedAddressTest {

    @Test
    void webcalIsFetchedOverHttps() {
        assertEquals(URI.create("https://p01-calendars.icloud.com/published/2/MTIz?x=1%202"),
                FeedAddress.fetchUri(URI.create("webcal://p01-calendars.icloud.com/published/2/MTIz?x=1%202")));
        assertEquals(URI.create("https://example.org/cal.ics"),
                FeedAddress.fetchUri(URI.create("webcals://example.org/cal.ics")));
        assertEquals(URI.create("https://example.org:8443/cal.ics"),
                FeedAddress.fetchUri(URI.create("WEBCAL://example.org:8443/cal.ics")));
    }

    @Test
    void httpHttpsAndFileStayAsTheyAre() {
        for (String url : new String[] {"http://example.org/a.ics", "https://outlook.office365.com/owa/calendar/x/reachcalendar.ics",
            "file:/var/lib/calendarbot/demo/demo.ics"}) {
            assertEquals(URI.create(url), FeedAddress.fetchUri(URI.create(url)));
        }
    }

    @Test
    void otherUrlsAreRefusedWithAReason() {
        IllegalArgumentException ftp = assertThrows(IllegalArgumentException.class,
                () -> FeedAddress.fetchUri(URI.create("ftp://example.org/a.ics")));
        assertTrue(ftp.getMessage().contains("ftp"), ftp.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeedAddress.fetchUri(URI.create("calendar.ics")));
        assertThrows(IllegalArgumentException.class, () -> FeedAddress.fetchUri(URI.create("https:///a.ics")));
        assertThrows(IllegalArgumentException.class, () -> FeedAddress.fetchUri(null));
    }

    @Test
    void redirectTargetsResolveRelativeLocations() {
        URI current = URI.create("https://calendar.google.com/calendar/ical/x/basic.ics");
        assertEquals(URI.create("https://calendar.google.com/calendar/ical/y/basic.ics"),
                FeedAddress.redirectTarget(current, "../y/basic.ics"));
        assertEquals(URI.create("https://calendar.google.com/other.ics"),
                FeedAddress.redirectTarget(current, "/other.ics"));
        assertEquals(URI.create("https://p42-caldav.icloud.com/published/2/abc"),
                FeedAddress.redirectTarget(current, "https://p42-caldav.icloud.com/published/2/abc"));
        assertEquals(URI.create("https://example.org/feed.ics"),
                FeedAddress.redirectTarget(URI.create("https://example.org"), "feed.ics"));
        assertEquals(URI.create("https://example.org/feed.ics"),
                FeedAddress.redirectTarget(current, "webcal://example.org/feed.ics"));
    }

    @Test
    void redirectsToFilesOrGarbageAreRefused() {
        URI current = URI.create("https://example.org/a.ics");
        assertThrows(IllegalArgumentException.class, () -> FeedAddress.redirectTarget(current, "file:/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> FeedAddress.redirectTarget(current, "http://bad host/"));
    }

    @Test
    void credentialsStayWithTheConfiguredHost() {
        URI configured = URI.create("https://cal.example.org/work.ics");
        assertTrue(FeedAddress.sameOrigin(configured, URI.create("https://CAL.example.org/moved.ics")));
        assertTrue(FeedAddress.sameOrigin(configured, URI.create("https://cal.example.org:443/moved.ics")));
        assertTrue(FeedAddress.sameOrigin(URI.create("http://cal.example.org/a"),
                URI.create("https://cal.example.org/a")), "an upgrade to https keeps them");
        assertFalse(FeedAddress.sameOrigin(configured, URI.create("http://cal.example.org/work.ics")),
                "a downgrade to http would send them in clear text");
        assertFalse(FeedAddress.sameOrigin(configured, URI.create("https://cdn.example.net/work.ics")));
        assertFalse(FeedAddress.sameOrigin(configured, URI.create("https://cal.example.org:8443/work.ics")));
    }

    @Test
    void messagesShowAFeedsSchemeAndHostNeverItsKeyOrCredentials() {
        assertEquals("https://outlook.office365.com/…", SourceSpec.shown(
                URI.create("https://outlook.office365.com/owa/calendar/abc/secretkey/calendar.ics")));
        assertEquals("https://calendar.example.org:8443/…",
                SourceSpec.shown(URI.create("https://user:hunter2@calendar.example.org:8443/?token=t0k3n")));
        assertEquals("https://calendar.example.org", SourceSpec.shown(URI.create("https://calendar.example.org")));
        assertEquals("file:/home/pi/work.ics", SourceSpec.shown(URI.create("file:/home/pi/work.ics")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FeedAddress.redirectTarget(URI.create("https://a.example/x"), "ftp://user:pw@b.example/key123"));
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("key123") || e.getMessage().contains("pw"),
                e.getMessage());
    }
}
