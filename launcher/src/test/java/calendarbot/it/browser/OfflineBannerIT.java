package calendarbot.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the server goes away the kiosk keeps the last meeting on screen and says it is offline. */
class OfflineBannerIT {

    @TempDir
    Path work;

    private KioskUnderTest kiosk;
    private KioskBrowser browser;

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (kiosk != null) {
                kiosk.close();
            }
        }
    }

    @Test
    void serverStoppedShowsOfflineBannerAndKeepsTheMeeting() throws Exception {
        kiosk = KioskUnderTest.start(work, "whatsnext");
        browser = KioskBrowser.open();
        browser.open(kiosk.page("refresh=2"));
        browser.awaitReady();
        assertFalse(browser.displayed("#cb-banner"));

        kiosk.distribution().stop();

        browser.until(d -> browser.displayed("#cb-banner") ? Boolean.TRUE : null);
        String banner = browser.text("#cb-banner");
        assertTrue(banner.startsWith("Offline \u2014 last updated"), banner);
        assertEquals(KioskUnderTest.NEXT_MEETING, browser.text("#meeting-title"), "never blanks the screen");
        String countdown = browser.text("#countdown");
        browser.awaitText("#countdown", t -> !t.equals(countdown));
        browser.screenshot("offline");
    }
}
