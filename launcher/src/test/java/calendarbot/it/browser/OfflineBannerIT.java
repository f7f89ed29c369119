package calendarbot.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the server goes away the kiosk keeps the last meeting on screen and says it is offline. */
class OfflineBannerIT extends KioskPageTest {

    @Test
    void serverStoppedShowsOfflineBannerAndKeepsTheMeeting() throws Exception {
        browser.open(kiosk.page("refresh=2"));
        browser.awaitReady();
        assertFalse(browser.displayed("#cb-banner"));

        kiosk.distribution().stop();

        browser.until("the offline banner", () -> browser.displayed("#cb-banner"));
        String banner = browser.text("#cb-banner");
        assertTrue(banner.startsWith("Offline \u2014 last updated"), banner);
        assertEquals(KioskUnderTest.NEXT_MEETING, browser.text("#meeting-title"), "never blanks the screen");
        String countdown = browser.text("#countdown");
        browser.awaitText("#countdown", t -> !t.equals(countdown));
        browser.screenshot("offline");
    }
}
