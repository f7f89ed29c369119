package calendarbot.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import calendarbot.it.Poll;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The medicine tracker's wall panel in a real browser, on a full distribution with the plug-ins in deploy/, at the
 * known calendar's fixed time (07:50 in Los Angeles): the next meeting stays on screen above the dose due at 08:00,
 * and its "Taken" button records the dose through the API's same-origin rule.
 */
class MedicinePanelIT {

    @TempDir
    Path work;

    @Test
    void theDoseDueIsShownBelowTheNextMeetingAndTakenWithOneTap() throws Exception {
        Path home = Distribution.withPlugins("full", work);
        try (KioskUnderTest kiosk = KioskUnderTest.start(work, "whatsnext", home);
                KioskBrowser browser = KioskBrowser.open()) {
            Poll.until("/api/medicines to answer 200",
                    () -> Http.get(kiosk.distribution().baseUri().resolve("/api/medicines")).status(), s -> s == 200);
            Http.Response created = Http.postJson(kiosk.distribution().baseUri().resolve("/api/medicines"),
                    "{\"name\": \"Metformin\", \"dose\": \"500 mg\", \"schedule\": {\"times\": [\"08:00\"]},"
                            + " \"stock\": 30}");
            assertEquals(201, created.status(), created.body());

            browser.open(kiosk.page("layout=medicines"));
            browser.awaitReady();
            assertEquals("medicines", browser.layoutShown());
            // the page carries a ready mark from the server, so the first render may still be on its way
            browser.awaitText("#meeting-title", KioskUnderTest.NEXT_MEETING::equals);
            browser.awaitText("#dose-list .dose .name", "Metformin"::equals);
            assertTrue(browser.text("#dose-list .dose .detail").contains("at 08:00"),
                    browser.text("#dose-list .dose .detail"));
            browser.screenshot("medicines");

            browser.element("#dose-list .dose button").click();
            Poll.until("the dose gone from the panel", () -> browser.elements("#dose-list .dose").size(), n -> n == 0);
            assertTrue(browser.displayed("#doses-empty"));
            assertTrue(browser.displayed("#meeting-title"), "the next meeting is never hidden");
            String history = Http.get(kiosk.distribution().baseUri().resolve("/api/medicines/history")).body();
            assertTrue(history.contains("\"taken_by\":\"panel\"") && history.contains("\"slot\":\"2026-11-24T08:00\""),
                    history);
            assertTrue(browser.consoleErrors().isEmpty(), String.valueOf(browser.consoleErrors()));
        }
    }
}
