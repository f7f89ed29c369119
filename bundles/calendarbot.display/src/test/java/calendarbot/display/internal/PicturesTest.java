package calendarbot.display.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.model.Screen;
import calendarbot.api.model.Screen.Theme;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Pixel tests on rendered pictures and their files. */
class PicturesTest {

    private static final Fonts FONTS = new Fonts();

    @Test
    void theCountdownIsDrawnInItsColour() {
        int[] rgb = Wall.designReview().paint(new Screen(800, 480, Theme.DARK, 0));
        int urgent = Palette.DARK.urgent().getRGB() & 0xffffff;
        int edge = (int) Math.round(Math.min(800 * 0.017, 480 * 0.028) * 0.45) + 1;
        int inCountdown = 0;
        int left = 0;
        for (int y = edge; y < 480; y++) {
            for (int x = 0; x < 800; x++) {
                if (rgb[y * 800 + x] == urgent) {
                    inCountdown++;
                    left += x < 400 ? 1 : 0;
                }
            }
        }
        assertTrue(inCountdown > 2000, "the countdown's pixels: " + inCountdown);
        assertEquals(inCountdown, left, "on the left, where the layout puts it");
    }

    @Test
    void einkHasExactlyTwoColoursAndItsOneBitBmpIsSmall() throws IOException {
        Screen screen = new Screen(800, 480, Theme.EINK, 0);
        int[] rgb = Wall.designReview().paint(screen);
        Set<Integer> colours = new HashSet<>();
        for (int p : rgb) {
            colours.add(p);
        }
        assertEquals(Set.of(0x000000, 0xffffff), colours, "no grey: text is thresholded, never smoothed");
        byte[] bmp = PictureRequest.of(screen, true, 0).encode(rgb);
        assertEquals(14 + 40 + 8 + 800 / 8 * 480, bmp.length, "1 bit per pixel: 48 KB");
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(bmp));
        assertEquals(800, read.getWidth());
        Set<Integer> read2 = new HashSet<>();
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 800; x++) {
                read2.add(read.getRGB(x, y) & 0xffffff);
                assertEquals(rgb[y * 800 + x], read.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
        assertEquals(2, read2.size());
    }

    @Test
    void anyThemeAtOneBitIsTwoColours() throws IOException {
        Screen screen = new Screen(400, 300, Theme.DARK, 0);
        byte[] bmp = PictureRequest.of(screen, true, 1).encode(Wall.designReview().paint(screen));
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(bmp));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                colours.add(read.getRGB(x, y) & 0xffffff);
            }
        }
        assertEquals(Set.of(0x000000, 0xffffff), colours);
    }

    @Test
    void rotationSwapsWidthAndHeightAndTurnsThePicture() throws IOException {
        Wall wall = Wall.designReview();
        Screen upright = new Screen(800, 480, Theme.EINK, 0);
        int[] up = wall.paint(upright);
        for (int rotation : new int[] {90, 180, 270}) {
            Screen turned = new Screen(800, 480, Theme.EINK, rotation);
            PictureRequest request = PictureRequest.of(turned, false, 0);
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(request.encode(wall.paint(turned))));
            assertEquals(rotation == 180 ? 800 : 480, png.getWidth(), "rotate=" + rotation);
            assertEquals(rotation == 180 ? 480 : 800, png.getHeight(), "rotate=" + rotation);
            int same = 0;
            for (int y = 0; y < 480; y++) {
                for (int x = 0; x < 800; x++) {
                    int fx = rotation == 90 ? 479 - y : rotation == 180 ? 799 - x : y;
                    int fy = rotation == 90 ? x : rotation == 180 ? 479 - y : 799 - x;
                    same += (png.getRGB(fx, fy) & 0xffffff) == up[y * 800 + x] ? 1 : 0;
                }
            }
            assertTrue(same > 800 * 480 * 0.99, "rotate=" + rotation + ": the upright picture turned clockwise ("
                    + same + " of " + 800 * 480 + " pixels equal)");
        }
    }

    @Test
    void filesDecodeAsTheyClaim() throws IOException {
        Screen screen = new Screen(250, 122, Theme.GREY, 0);
        int[] rgb = Wall.designReview().paint(screen);
        for (int bits : new int[] {8, 24}) {
            byte[] bmp = PictureFiles.bmp(rgb, 250, 122, bits);
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(bmp));
            assertEquals(250, read.getWidth());
            assertEquals(122, read.getHeight());
            for (int y = 0; y < 122; y += 3) {
                for (int x = 0; x < 250; x += 3) {
                    int p = rgb[y * 250 + x];
                    // grey as stored (getRGB would convert the reader's linear grey to sRGB)
                    assertEquals(bits == 24 ? p : PictureFiles.luma(p), bits == 24 ? read.getRGB(x, y) & 0xffffff
                            : read.getRaster().getSample(x, y, 0), bits + " bits, pixel " + x + "," + y);
                }
            }
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(PictureFiles.png(rgb, 250, 122,
                PictureFiles.PngKind.GREY)));
        for (int y = 0; y < 122; y += 3) {
            for (int x = 0; x < 250; x += 3) {
                assertEquals(PictureFiles.luma(rgb[y * 250 + x]), png.getRaster().getSample(x, y, 0));
            }
        }
    }

    @Test
    void sizesOutsideTheRangeAreRefusedNotDrawn() {
        assertEquals("1921x1080 is too large: at most 1920x1080 (or 1080x1920)",
                assertThrows(IllegalArgumentException.class, () -> new Screen(1921, 1080, Theme.DARK, 0))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Screen(100000, 100000, Theme.DARK, 0));
        assertThrows(IllegalArgumentException.class, () -> new Screen(249, 122, Theme.DARK, 0));
        assertThrows(IllegalArgumentException.class, () -> new Screen(800, 480, Theme.DARK, 45));
        new Screen(1080, 1920, Theme.DARK, 0);
        new Screen(122, 250, Theme.DARK, 0);
        assertEquals("width must be a whole number, not \"wide\"", assertThrows(IllegalArgumentException.class,
                () -> PictureRequest.parse(java.util.Map.of("width", "wide")::get, false)).getMessage());
        assertEquals("unknown theme \"sepia\" (use dark, grey or eink)", assertThrows(IllegalArgumentException.class,
                () -> PictureRequest.parse(java.util.Map.of("theme", "sepia")::get, false)).getMessage());
        assertEquals("bits must be 1, 8 or 24, not 4", assertThrows(IllegalArgumentException.class,
                () -> PictureRequest.parse(java.util.Map.of("bits", "4")::get, true)).getMessage());
    }

    @Test
    void longTextIsShortenedBetweenWholeCharacters() {
        Typesetter ts = new Typesetter(FONTS, new FontRenderContext(null, true, true));
        var font = FONTS.font(true, 30);
        String emoji = "Launch \ud83d\ude80\ud83d\ude80\ud83d\ude80 party for the whole team \ud83c\udf89\ud83c\udf89";
        for (int width = 40; width < 700; width += 23) {
            String line = ts.shortened(emoji, font, width);
            assertTrue(ts.layout(line, font).getVisibleAdvance() <= width || line.equals(Typesetter.ELLIPSIS),
                    "fits " + width + ": " + line);
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                assertFalse(Character.isHighSurrogate(ch) && (i + 1 == line.length()
                        || !Character.isLowSurrogate(line.charAt(i + 1))), "half an emoji in " + line);
            }
        }
        assertEquals("Design review", ts.shortened("Design\n review\t", font, 1000), "one line, single spaces");
        assertEquals(3, ts.lines("word ".repeat(200), font, 300, 3).size());
    }
}
