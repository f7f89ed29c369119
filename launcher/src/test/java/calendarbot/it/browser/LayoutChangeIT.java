package calendarbot.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A layout chosen in the configuration reaches a kiosk page that is already open, within one refresh (the
 * page polls every 2 s here through ?refresh=2), while a page opened for one layout (?layout=) stays on it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LayoutChangeIT extends KioskPageTest {

    @Test
    @Order(1)
    void openPageFollowsTheConfiguredLayout() throws Exception {
        browser.open(kiosk.page("refresh=2"));
        browser.awaitReady();
        assertEquals("whatsnext", browser.layoutShown());

        kiosk.configureLayout("compact");

        browser.until("the compact layout on the open page", () -> "compact".equals(browser.layoutShown()));
        browser.awaitReady();
        assertEquals(KioskUnderTest.NEXT_MEETING, browser.text("#meeting-title"));
        String url = browser.script("return location.search").toString();
        assertEquals("?refresh=2", url, "the reload keeps the page's own settings");
    }

    @Test
    @Order(2)
    void pageOpenedForOneLayoutStaysOnIt() throws Exception {
        browser.open(kiosk.page("layout=week&refresh=2"));
        String first = browser.awaitReady();
        // Two more answers from the server, each naming "compact" as the configured layout.
        String second = browser.until("a second answer rendered", () -> {
            String now = browser.readyMark();
            return now.equals(first) ? null : now;
        });
        browser.until("a third answer rendered", () -> !browser.readyMark().equals(second));

        assertEquals("week", browser.layoutShown());
        assertFalse(browser.elements("#week-grid .day-col").isEmpty());
    }
}
