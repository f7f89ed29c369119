package calendarbot.display.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Pixels (0xRRGGBB, row after row) as files: PNG in colour, 8-bit grey or 1-bit black and white, and uncompressed BMP
 * of 1, 8 (grey) or 24 bits, bottom-up with rows padded to four bytes, as microcontroller frames decode it. Grey is
 * the pixel's luma (ITU-R BT.601); one bit is black below half of it, white from half on.
 */
final class PictureFiles {

    /** How a PNG stores the pixels. */
    enum PngKind { COLOUR, GREY, BLACK_AND_WHITE }

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    private PictureFiles() {
    }

    static byte[] png(int[] rgb, int width, int height, PngKind kind) {
        int bytesPerRow = switch (kind) {
            case COLOUR -> width * 3;
            case GREY -> width;
            case BLACK_AND_WHITE -> (width + 7) / 8;
        };
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytesPerRow * height / 8 + 1024);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 64 * 1024)) {
            byte[] previous = new byte[bytesPerRow];
            byte[] row = new byte[bytesPerRow];
            byte[] filtered = new byte[bytesPerRow + 1];
            for (int y = 0; y < height; y++) {
                switch (kind) {
                    case COLOUR -> colourRow(rgb, y * width, width, row);
                    case GREY -> greyRow(rgb, y * width, width, row);
                    case BLACK_AND_WHITE -> bitRow(rgb, y * width, width, row);
                }
                // filter "Up": a screen is mostly runs of equal rows, which become zeros
                filtered[0] = 2;
                for (int i = 0; i < bytesPerRow; i++) {
                    filtered[i + 1] = (byte) (row[i] - previous[i]);
                }
                z.write(filtered);
                byte[] t = previous;
                previous = row;
                row = t;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.size() + 64);
        try {
            out.write(PNG_SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream(13);
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(kind == PngKind.BLACK_AND_WHITE ? 1 : 8);
            h.writeByte(kind == PngKind.COLOUR ? 2 : 0);
            h.writeByte(0);
            h.writeByte(0);
            h.writeByte(0);
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An uncompressed BMP of {@code bits} 1, 8 or 24 per pixel. */
    static byte[] bmp(int[] rgb, int width, int height, int bits) {
        if (bits != 1 && bits != 8 && bits != 24) {
            throw new IllegalArgumentException("bits must be 1, 8 or 24, not " + bits);
        }
        int rowBytes = (width * bits + 31) / 32 * 4;
        int paletteBytes = bits == 24 ? 0 : 4 << bits;
        int offset = 14 + 40 + paletteBytes;
        int size = offset + rowBytes * height;
        byte[] b = new byte[size];
        b[0] = 'B';
        b[1] = 'M';
        le32(b, 2, size);
        le32(b, 10, offset);
        le32(b, 14, 40);
        le32(b, 18, width);
        le32(b, 22, height);
        b[26] = 1;
        b[28] = (byte) bits;
        le32(b, 34, rowBytes * height);
        le32(b, 38, 2835); // 72 dpi
        le32(b, 42, 2835);
        le32(b, 46, bits == 24 ? 0 : 1 << bits);
        if (bits != 24) {
            int colours = 1 << bits;
            for (int i = 0; i < colours; i++) {
                int grey = bits == 1 ? i * 255 : i;
                int at = 54 + 4 * i;
                b[at] = (byte) grey;
                b[at + 1] = (byte) grey;
                b[at + 2] = (byte) grey;
            }
        }
        byte[] row = new byte[rowBytes];
        for (int y = 0; y < height; y++) {
            int from = y * width;
            switch (bits) {
                case 1 -> bitRow(rgb, from, width, row);
                case 8 -> greyRow(rgb, from, width, row);
                default -> {
                    for (int x = 0; x < width; x++) {
                        int p = rgb[from + x];
                        row[3 * x] = (byte) p;
                        row[3 * x + 1] = (byte) (p >> 8);
                        row[3 * x + 2] = (byte) (p >> 16);
                    }
                }
            }
            // bottom-up
            System.arraycopy(row, 0, b, offset + (height - 1 - y) * rowBytes, rowBytes);
        }
        return b;
    }

    static int luma(int p) {
        return (((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114 + 500) / 1000;
    }

    private static void colourRow(int[] rgb, int from, int width, byte[] row) {
        for (int x = 0; x < width; x++) {
            int p = rgb[from + x];
            row[3 * x] = (byte) (p >> 16);
            row[3 * x + 1] = (byte) (p >> 8);
            row[3 * x + 2] = (byte) p;
        }
    }

    private static void greyRow(int[] rgb, int from, int width, byte[] row) {
        for (int x = 0; x < width; x++) {
            row[x] = (byte) luma(rgb[from + x]);
        }
    }

    /** One bit per pixel, the leftmost in the highest bit; 1 is white. The rest of the row is cleared. */
    private static void bitRow(int[] rgb, int from, int width, byte[] row) {
        java.util.Arrays.fill(row, (byte) 0);
        for (int x = 0; x < width; x++) {
            if (luma(rgb[from + x]) >= 128) {
                row[x >> 3] |= (byte) (0x80 >>> (x & 7));
            }
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        d.write(name);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    private static void le32(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
        b[at + 2] = (byte) (value >> 16);
        b[at + 3] = (byte) (value >> 24);
    }
}
