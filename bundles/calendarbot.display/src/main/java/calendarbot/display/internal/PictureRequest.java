package calendarbot.display.internal;

import calendarbot.api.model.Screen;
import calendarbot.api.model.Screen.Theme;
import java.util.function.Function;

/**
 * One picture asked for: the screen, the file format and, for BMP, the bits per pixel.
 *
 * @param screen size, theme and turn
 * @param bmp true for BMP, false for PNG
 * @param bits BMP bits per pixel (1, 8, 24); 0 for PNG
 */
record PictureRequest(Screen screen, boolean bmp, int bits) {

    static final int DEFAULT_WIDTH = 800;
    static final int DEFAULT_HEIGHT = 480;

    /**
     * From the query parameters {@code width}, {@code height}, {@code theme}, {@code rotate} and {@code bits}; every
     * one may be left out (800x480, dark, 0, and for BMP 1 bit on e-ink, else 24).
     *
     * @throws IllegalArgumentException saying which parameter is wrong and why
     */
    static PictureRequest parse(Function<String, String> parameter, boolean bmp) {
        int width = number(parameter, "width", DEFAULT_WIDTH);
        int height = number(parameter, "height", DEFAULT_HEIGHT);
        String themeName = parameter.apply("theme");
        Theme theme = themeName == null || themeName.isBlank() ? Theme.DARK : Theme.of(themeName);
        Screen screen = new Screen(width, height, theme, number(parameter, "rotate", 0));
        return of(screen, bmp, bmp ? number(parameter, "bits", 0) : 0);
    }

    /** {@code bits} 0 means the theme's: 1 for e-ink, 24 otherwise. */
    static PictureRequest of(Screen screen, boolean bmp, int bits) {
        if (!bmp) {
            return new PictureRequest(screen, false, 0);
        }
        int b = bits == 0 ? (screen.theme() == Theme.EINK ? 1 : 24) : bits;
        if (b != 1 && b != 8 && b != 24) {
            throw new IllegalArgumentException("bits must be 1, 8 or 24, not " + bits);
        }
        return new PictureRequest(screen, true, b);
    }

    String contentType() {
        return bmp ? "image/bmp" : "image/png";
    }

    /** The format's part of the ETag. */
    String format() {
        return bmp ? "bmp" + bits : "png";
    }

    /** The picture as a file. */
    byte[] encode(int[] rgb) {
        int w = screen.fileWidth();
        int h = screen.fileHeight();
        if (bmp) {
            return PictureFiles.bmp(rgb, w, h, bits);
        }
        return PictureFiles.png(rgb, w, h, switch (screen.theme()) {
            case DARK -> PictureFiles.PngKind.COLOUR;
            case GREY -> PictureFiles.PngKind.GREY;
            case EINK -> PictureFiles.PngKind.BLACK_AND_WHITE;
        });
    }

    private static int number(Function<String, String> parameter, String name, int fallback) {
        String value = parameter.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not \"" + abbreviate(value) + "\"");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "...";
    }
}
