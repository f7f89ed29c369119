package calendarbot.api.model;

import java.util.Locale;

/**
 * A picture of the What's Next screen as a device wants it: its size as it hangs on the wall, its theme and how it
 * is turned in the file or framebuffer (for panels mounted another way round than their scan direction).
 *
 * @param width width as seen on the wall, pixels
 * @param height height as seen on the wall, pixels
 * @param theme colours and how text is drawn
 * @param rotation clockwise turn of the picture in the file: 0, 90, 180 or 270; 90 and 270 swap the file's width and
 *        height
 * @throws IllegalArgumentException when the size is outside 250x122 to 1920x1080 (either orientation) or the
 *         rotation is another angle; the message says why
 */
public record Screen(int width, int height, Theme theme, int rotation) {

    /** The smallest picture: a 2.13-inch e-ink panel. */
    public static final int MIN_LONG_SIDE = 250;
    public static final int MIN_SHORT_SIDE = 122;
    /** The largest picture: full HD. Anything larger is refused, not rendered. */
    public static final int MAX_LONG_SIDE = 1920;
    public static final int MAX_SHORT_SIDE = 1080;

    /** How the screen is drawn. */
    public enum Theme {
        /** Colour, like the kiosk page; the default. */
        DARK,
        /** Black on white in shades of grey, smoothed text: greyscale panels. */
        GREY,
        /** Black on white, two colours only, crisp unsmoothed text: e-ink frames. */
        EINK;

        /** Its name in configuration and URLs: "dark", "grey", "eink". */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The theme named {@code id} (any case); IllegalArgumentException naming the choices otherwise. */
        public static Theme of(String id) {
            for (Theme t : values()) {
                if (t.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown theme \"" + id + "\" (use dark, grey or eink)");
        }
    }

    public Screen {
        if (theme == null) {
            throw new IllegalArgumentException("no theme");
        }
        if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
            throw new IllegalArgumentException("rotate must be 0, 90, 180 or 270, not " + rotation);
        }
        int longSide = Math.max(width, height);
        int shortSide = Math.min(width, height);
        if (longSide > MAX_LONG_SIDE || shortSide > MAX_SHORT_SIDE) {
            throw new IllegalArgumentException(width + "x" + height + " is too large: at most " + MAX_LONG_SIDE + "x"
                    + MAX_SHORT_SIDE + " (or " + MAX_SHORT_SIDE + "x" + MAX_LONG_SIDE + ")");
        }
        if (longSide < MIN_LONG_SIDE || shortSide < MIN_SHORT_SIDE) {
            throw new IllegalArgumentException(width + "x" + height + " is too small: at least " + MIN_LONG_SIDE + "x"
                    + MIN_SHORT_SIDE + " (or " + MIN_SHORT_SIDE + "x" + MIN_LONG_SIDE + ")");
        }
    }

    /** Width of the file or framebuffer: the height for a quarter turn. */
    public int fileWidth() {
        return rotation % 180 == 0 ? width : height;
    }

    /** Height of the file or framebuffer: the width for a quarter turn. */
    public int fileHeight() {
        return rotation % 180 == 0 ? height : width;
    }
}
