package calendarbot.display.framebuffer.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes pixels (0xRRGGBB, row after row) into a framebuffer device in its own format: RGB565 for 16 bits, B-G-R for
 * 24, XRGB8888 for 32, little-endian, each row at its stride. A small direct buffer carries a few rows per write:
 * the device cannot be mapped from Java (its size reads as 0), and a frame-sized buffer would cost megabytes.
 */
final class FramebufferWriter implements Closeable {

    /** Bytes per write: enough rows to keep the system calls few, little memory. */
    static final int CHUNK_BYTES = 64 * 1024;

    private final FramebufferGeometry geometry;
    private final FileChannel channel;
    private final ByteBuffer chunk;
    private final int rowsPerChunk;

    FramebufferWriter(Path device, FramebufferGeometry geometry) throws IOException {
        this.geometry = geometry;
        // WRITE only: never truncate or create (a device exists; a regular file in tests is made by the test)
        this.channel = FileChannel.open(device, StandardOpenOption.WRITE);
        this.rowsPerChunk = Math.max(1, CHUNK_BYTES / geometry.stride());
        this.chunk = ByteBuffer.allocateDirect(rowsPerChunk * geometry.stride()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a whole frame of {@code geometry.width() x geometry.height()} pixels. */
    void write(int[] rgb) throws IOException {
        int width = geometry.width();
        int stride = geometry.stride();
        for (int first = 0; first < geometry.height(); first += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, geometry.height() - first);
            chunk.clear();
            for (int r = 0; r < rows; r++) {
                int row = r * stride;
                int from = (first + r) * width;
                switch (geometry.bitsPerPixel()) {
                    case 16 -> {
                        for (int x = 0; x < width; x++) {
                            chunk.putShort(row + 2 * x, rgb565(rgb[from + x]));
                        }
                    }
                    case 24 -> {
                        for (int x = 0; x < width; x++) {
                            int p = rgb[from + x];
                            chunk.put(row + 3 * x, (byte) p);
                            chunk.put(row + 3 * x + 1, (byte) (p >> 8));
                            chunk.put(row + 3 * x + 2, (byte) (p >> 16));
                        }
                    }
                    default -> {
                        for (int x = 0; x < width; x++) {
                            chunk.putInt(row + 4 * x, 0xff000000 | rgb[from + x]);
                        }
                    }
                }
            }
            chunk.limit(rows * stride);
            long position = (long) first * stride;
            while (chunk.hasRemaining()) {
                position += channel.write(chunk, position);
            }
        }
    }

    static short rgb565(int p) {
        return (short) (((p >> 8) & 0xf800) | ((p >> 5) & 0x07e0) | ((p >> 3) & 0x001f));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
