package calendarbot.display.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.Screen;
import calendarbot.api.model.Screen.Theme;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every theme at the sizes of real panels, in each state of the screen, saved under target/pictures/ to be looked at
 * (and read back by the OCR checks). Each must draw without failing, whatever its title.
 */
class ExamplePicturesTest {

    static final int[][] SIZES = { { 250, 122 }, { 296, 128 }, { 400, 300 }, { 480, 800 }, { 600, 448 },
        { 800, 480 }, { 1024, 600 }, { 1280, 720 }, { 1920, 1080 } };
    /** Every state at these sizes; the others get the busiest states only (the suite stays quick). */
    static final List<String> EVERY_STATE = List.of("296x128", "480x800", "800x480");
    static final List<String> BUSIEST = List.of("meeting", "scripts");

    static final Map<String, Supplier<Wall>> STATES = Map.of(
            "meeting", () -> Wall.designReview().allDay("Team offsite")
                    .inProgress("Team standup", Wall.NOW.minusSeconds(1200), Wall.NOW.plusSeconds(600)),
            "critical", () -> {
                Wall w = Wall.designReview();
                w.next = Wall.meeting("soon", "Budget sign-off with finance", Wall.NOW.plusSeconds(90),
                        Duration.ofMinutes(30)).occurrence("work");
                w.status = new WhatsNext.Status("Starting very soon", true, true);
                return w;
            },
            "none", () -> {
                Wall w = Wall.designReview();
                w.next = null;
                return w;
            },
            "stale", () -> Wall.designReview().source(SourceStatus.State.OK, Wall.BOOKKEEPING.minusSeconds(7300)),
            "unreachable", () -> {
                Wall w = Wall.designReview().source(SourceStatus.State.FAILING, null);
                w.next = null;
                return w;
            },
            "scripts", () -> {
                Wall w = Wall.designReview();
                w.next = Wall.meeting("intl", "\u05e4\u05d2\u05d9\u05e9\u05ea \u05e6\u05d5\u05d5\u05ea "
                        + "\u0627\u062c\u062a\u0645\u0627\u0639 \u4f1a\u8bae\u5ba4\u306e\u4e88\u7d04 \ud83d\ude80\ud83c"
                        + "\udf89 Quarterly planning with the whole extended leadership team and guests from abroad",
                        Wall.NOW.plusSeconds(5400), Duration.ofMinutes(90)).location("\u6771\u4eac \ud83c\udfe2 "
                        + "Conference room on the 12th floor, north wing, next to the kitchen").occurrence("work");
                w.status = new WhatsNext.Status("Plenty of time", false, false);
                return w;
            });

    @Test
    void everyThemeSizeAndStateDraws() throws IOException {
        Path dir = Path.of("target", "pictures");
        Files.createDirectories(dir);
        for (Theme theme : Theme.values()) {
            for (int[] size : SIZES) {
                for (var state : STATES.entrySet()) {
                    if (!EVERY_STATE.contains(size[0] + "x" + size[1]) && !BUSIEST.contains(state.getKey())) {
                        continue;
                    }
                    PictureRequest request = PictureRequest.of(new Screen(size[0], size[1], theme, 0), false, 0);
                    int[] rgb = state.getValue().get().paint(request.screen());
                    byte[] png = request.encode(rgb);
                    assertTrue(png.length > 100);
                    Files.write(dir.resolve(theme.id() + "-" + size[0] + "x" + size[1] + "-" + state.getKey()
                            + ".png"), png);
                }
            }
        }
    }
}
