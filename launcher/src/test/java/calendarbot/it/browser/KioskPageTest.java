package calendarbot.it.browser;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One distribution serving the known feed, and one headless Chromium looking at it, per test class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KioskPageTest {

    @TempDir
    static Path work;

    protected KioskUnderTest kiosk;
    protected KioskBrowser browser;

    @BeforeAll
    void start() throws Exception {
        kiosk = KioskUnderTest.start(work, "whatsnext");
        browser = KioskBrowser.open();
    }

    @AfterAll
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
}
