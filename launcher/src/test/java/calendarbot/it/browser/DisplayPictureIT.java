package calendarbot.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pictures the server draws for e-ink frames, read back as a person would read them: by OCR (Debian's
 * tesseract-ocr), on the full distribution serving the browser tests' calendar at their fixed time (07:50 in Los
 * Angeles, "Design review" in ten minutes). Beside the browser tests because it shares their kiosk, not a browser.
 */
class DisplayPictureIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Path work;
    private static KioskUnderTest kiosk;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        work = Files.createTempDirectory(Path.of(System.getProperty("calendarbot.target", "target")), "display-it");
        kiosk = KioskUnderTest.start(work, "whatsnext");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    @Test
    void ocrReadsTheTitleAndTheCountdownInTheDarkAndTheEinkTheme() throws Exception {
        for (String query : new String[] {"width=800&height=480&theme=eink", "width=1024&height=600"}) {
            HttpResponse<byte[]> picture = get("/display.png?" + query, null);
            assertEquals(200, picture.statusCode(), query);
            assertEquals("image/png", picture.headers().firstValue("Content-Type").orElse(""));
            Path png = work.resolve(query.replaceAll("[^a-z0-9]+", "-") + ".png");
            Files.write(png, picture.body());
            String text = ocr(png);
            assertTrue(text.contains(KioskUnderTest.NEXT_MEETING), query + ": the title in\n" + text);
            assertTrue(text.contains("10 min"), query + ": the countdown in\n" + text);
            assertTrue(text.contains("07:50"), query + ": the clock in the kiosk's zone in\n" + text);
        }
    }

    @Test
    void aFrameThatAsksAgainGets304UntilThePictureChanges() throws Exception {
        HttpResponse<byte[]> first = get("/display.bmp?theme=eink", null);
        assertEquals(200, first.statusCode());
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(14 + 40 + 8 + 800 / 8 * 480, first.body().length, "1-bit 800x480 BMP");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = get("/display.bmp?theme=eink", etag);
        assertEquals(304, again.statusCode(), "the kiosk's time is fixed: nothing on the picture moved");
        assertEquals(0, again.body().length);
        assertEquals(200, get("/display.bmp?theme=eink&bits=8", etag).statusCode(), "another format, another tag");
    }

    @Test
    void wrongParametersAnswer400WithTheReason() throws Exception {
        HttpResponse<byte[]> huge = get("/display.png?width=20000&height=20000", null);
        assertEquals(400, huge.statusCode());
        assertTrue(new String(huge.body(), StandardCharsets.UTF_8).contains("too large"));
        assertEquals(400, get("/display.png?theme=sepia", null).statusCode());
        assertEquals(400, get("/display.png?rotate=45", null).statusCode());
        assertEquals(404, get("/display/nobody.png", null).statusCode());
    }

    @Test
    void aDeviceFixedInConfigurationHasItsOwnAddress() throws Exception {
        Path cfg = kiosk.distribution().configDir().resolve("calendarbot.display.device-hall.cfg");
        Files.writeString(cfg.resolveSibling("hall.tmp"), "name = hall\nwidth = 480\nheight = 800\ntheme = eink\n"
                + "rotate = 90\n");
        Files.move(cfg.resolveSibling("hall.tmp"), cfg);
        HttpResponse<byte[]> bmp = Poll.until("/display/hall.bmp to answer", () -> get("/display/hall.bmp", null),
                r -> r.statusCode() == 200);
        // turned a quarter: 800 wide, 480 high in the file, one bit per pixel
        assertEquals(14 + 40 + 8 + 800 / 8 * 480, bmp.body().length);
        assertEquals(800, le32(bmp.body(), 18));
        assertEquals(480, le32(bmp.body(), 22));
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static HttpResponse<byte[]> get(String path, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kiosk.page("").toString()).resolve(path))
                .timeout(Duration.ofSeconds(20));
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String ocr(Path png) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tesseract", png.toString(), "-").redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tesseract failed on " + png + ": "
                    + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
