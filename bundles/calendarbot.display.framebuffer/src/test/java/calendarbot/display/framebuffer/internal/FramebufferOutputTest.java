package calendarbot.display.framebuffer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import calendarbot.api.ConfigProxy;
import calendarbot.api.WhatsNextScreen;
import calendarbot.api.model.Screen;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framebuffer output against a regular file standing in for /dev/fb0 and a folder standing in for its sysfs
 * entry: 16 and 32 bits, a stride longer than a row, redraws only when the picture changes.
 */
class FramebufferOutputTest {

    @TempDir
    Path dir;

    /** A screen that paints each pixel from its position and the picture's number, so every byte is checkable. */
    static final class FakeScreen implements WhatsNextScreen {
        String version = "v1";
        final List<Screen> painted = new ArrayList<>();

        @Override
        public String version(Screen screen) {
            return version;
        }

        @Override
        public String paint(Screen screen, int[] rgb) {
            painted.add(screen);
            for (int y = 0; y < screen.fileHeight(); y++) {
                for (int x = 0; x < screen.fileWidth(); x++) {
                    rgb[y * screen.fileWidth() + x] = colour(x, y, painted.size());
                }
            }
            return version;
        }

        static int colour(int x, int y, int picture) {
            return (x * 7 & 0xff) << 16 | (y * 3 & 0xff) << 8 | picture * 40 & 0xff;
        }
    }

    private Path sysfs(int width, int height, int bits, int stride) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fb0"));
        Files.writeString(folder.resolve("virtual_size"), width + "," + height + "\n");
        Files.writeString(folder.resolve("bits_per_pixel"), bits + "\n");
        Files.writeString(folder.resolve("stride"), stride + "\n");
        return folder;
    }

    private FramebufferOutput output(FakeScreen screen, Path device, Path folder, int rotate) {
        return new FramebufferOutput(screen, ConfigProxy.of(FramebufferOutput.Config.class, Map.of(
                "device", device.toString(), "geometry", folder.toString(), "rotate", rotate, "theme", "eink")), false);
    }

    @Test
    void sixteenBitsWithALongStrideAsRgb565() throws Exception {
        int width = 320;
        int height = 240;
        int stride = 700; // 640 bytes of pixels and 60 of padding
        Path device = Files.write(dir.resolve("fb"), new byte[0]);
        FakeScreen screen = new FakeScreen();
        FramebufferOutput out = output(screen, device, sysfs(width, height, 16, stride), 0);
        out.tick();
        ByteBuffer written = ByteBuffer.wrap(Files.readAllBytes(device)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(stride * height, written.capacity());
        for (int y = 0; y < height; y += 7) {
            for (int x = 0; x < width; x += 5) {
                int p = FakeScreen.colour(x, y, 1);
                int expected = (p >> 19 & 0x1f) << 11 | (p >> 10 & 0x3f) << 5 | (p >> 3 & 0x1f);
                assertEquals(expected, written.getShort(y * stride + 2 * x) & 0xffff, "pixel " + x + "," + y);
            }
            for (int pad = 2 * width; pad < stride; pad++) {
                assertEquals(0, written.get(y * stride + pad), "padding of row " + y);
            }
        }
        assertEquals(List.of(new Screen(320, 240, Screen.Theme.EINK, 0)), screen.painted);
        out.deactivate();
    }

    @Test
    void thirtyTwoBitsAsXrgb8888AndRedrawnOnlyWhenThePictureChanges() throws Exception {
        int width = 300;
        int height = 200;
        int stride = 1280;
        Path device = Files.write(dir.resolve("fb"), new byte[stride * height]);
        FakeScreen screen = new FakeScreen();
        FramebufferOutput out = output(screen, device, sysfs(width, height, 32, stride), 90);
        out.tick();
        out.tick();
        assertEquals(1, screen.painted.size(), "the same version is not drawn twice");
        assertEquals(new Screen(200, 300, Screen.Theme.EINK, 90), screen.painted.get(0),
                "a quarter turn: laid out 200x300 as it hangs, drawn into the 300x200 framebuffer");
        screen.version = "v2";
        out.tick();
        assertEquals(2, screen.painted.size());
        ByteBuffer written = ByteBuffer.wrap(Files.readAllBytes(device)).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < height; y += 9) {
            for (int x = 0; x < width; x += 11) {
                assertEquals(0xff000000 | FakeScreen.colour(x, y, 2), written.getInt(y * stride + 4 * x),
                        "pixel " + x + "," + y);
            }
            assertEquals(0, written.getInt(y * stride + 4 * width), "padding of row " + y);
        }
        out.deactivate();
    }

    @Test
    void aMissingDeviceIsRetriedNotFatal() throws Exception {
        FakeScreen screen = new FakeScreen();
        Path device = dir.resolve("no-such-fb");
        FramebufferOutput out = output(screen, device, sysfs(320, 240, 16, 640), 0);
        out.tick();
        assertEquals(0, screen.painted.size());
        out.deactivate();
    }

    @Test
    void geometryFromSysfs() throws IOException {
        assertEquals(new FramebufferGeometry(800, 480, 32, 3328), FramebufferGeometry.read(sysfs(800, 480, 32, 3328)));
        Path packed = sysfs(800, 480, 16, 1600);
        Files.delete(packed.resolve("stride"));
        assertEquals(1600, FramebufferGeometry.read(packed).stride(), "no stride file: packed rows");
        assertThrows(IllegalArgumentException.class, () -> new FramebufferGeometry(800, 480, 8, 800));
        assertThrows(IllegalArgumentException.class, () -> new FramebufferGeometry(800, 480, 16, 1000));
    }

    @Test
    void rgb565KeepsTheHighBits() {
        assertEquals((short) 0xffff, FramebufferWriter.rgb565(0xffffff));
        assertEquals((short) 0xf800, FramebufferWriter.rgb565(0xff0000));
        assertEquals((short) 0x07e0, FramebufferWriter.rgb565(0x00ff00));
        assertEquals((short) 0x001f, FramebufferWriter.rgb565(0x0000ff));
    }
}
