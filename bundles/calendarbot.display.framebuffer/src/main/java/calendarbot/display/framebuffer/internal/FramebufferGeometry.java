package calendarbot.display.framebuffer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A framebuffer's shape, as the kernel tells it in {@code /sys/class/graphics/fbN/}: {@code virtual_size}
 * ("800,480"), {@code bits_per_pixel} (16 or 32; 24 too) and {@code stride}, the bytes from one row to the next, which
 * may be more than the row's pixels need.
 */
record FramebufferGeometry(int width, int height, int bitsPerPixel, int stride) {

    FramebufferGeometry {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("no size: " + width + "x" + height);
        }
        if (bitsPerPixel != 16 && bitsPerPixel != 24 && bitsPerPixel != 32) {
            throw new IllegalArgumentException(bitsPerPixel + " bits per pixel; only 16 (RGB565), 24 and 32 "
                    + "(XRGB8888) are drawn");
        }
        if (stride < width * bitsPerPixel / 8) {
            throw new IllegalArgumentException("stride " + stride + " is shorter than a row of " + width + " pixels");
        }
    }

    int bytesPerPixel() {
        return bitsPerPixel / 8;
    }

    /** Read from the device's sysfs folder; without {@code stride} the rows are taken as packed. */
    static FramebufferGeometry read(Path folder) throws IOException {
        String[] size = text(folder.resolve("virtual_size")).split(",");
        if (size.length != 2) {
            throw new IOException(folder.resolve("virtual_size") + " is not \"width,height\"");
        }
        try {
            int width = Integer.parseInt(size[0].trim());
            int height = Integer.parseInt(size[1].trim());
            int bits = Integer.parseInt(text(folder.resolve("bits_per_pixel")));
            int stride;
            try {
                stride = Integer.parseInt(text(folder.resolve("stride")));
            } catch (NoSuchFileException noStride) {
                stride = width * bits / 8;
            }
            return new FramebufferGeometry(width, height, bits, stride);
        } catch (NumberFormatException e) {
            throw new IOException("unreadable geometry in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
    }
}
