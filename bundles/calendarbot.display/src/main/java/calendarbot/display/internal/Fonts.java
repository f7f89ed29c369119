package calendarbot.display.internal;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DejaVu Sans, regular and bold, from this bundle (fonts/, with its licence), so the picture does not depend on the
 * fonts a Pi happens to have; and the runtime's "SansSerif" as the fallback for what DejaVu lacks (CJK, most emoji),
 * where the system has such fonts.
 */
final class Fonts {

    private static final Logger LOG = LoggerFactory.getLogger(Fonts.class);
    /** Sizes are whole pixels up to the largest countdown on a 1920x1080 screen: a bounded set. */
    static final int MAX_SIZE = 1024;

    private final Font regular;
    private final Font bold;
    private final boolean fallbackUsable;
    private final ConcurrentMap<Integer, Font> sized = new ConcurrentHashMap<>();

    Fonts() {
        regular = load("/fonts/DejaVuSans.ttf");
        bold = load("/fonts/DejaVuSans-Bold.ttf");
        fallbackUsable = fallbackWorks();
    }

    /** DejaVu Sans at {@code size} pixels. */
    Font font(boolean isBold, int size) {
        int px = Math.max(1, Math.min(MAX_SIZE, size));
        return sized.computeIfAbsent(px * 2 + (isBold ? 1 : 0), k -> (isBold ? bold : regular).deriveFont((float) px));
    }

    /** The system's sans-serif of the same style and size, for characters DejaVu has no glyph for; null if none. */
    Font fallback(Font font) {
        return fallbackUsable ? new Font(Font.SANS_SERIF, font.getStyle(), font.getSize()).deriveFont(font.getSize2D())
                : null;
    }

    private static Font load(String resource) {
        try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + resource);
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(resource + " is not a TrueType font", e);
        }
    }

    /** A system without fontconfig or fonts fails in odd ways when asked for a logical font: then no fallback. */
    private static boolean fallbackWorks() {
        try {
            new Font(Font.SANS_SERIF, Font.PLAIN, 12).canDisplay('\u65e5');
            return true;
        } catch (RuntimeException | Error e) {
            LOG.warn("display: no system fonts for characters DejaVu Sans lacks ({}); they show as boxes", e.toString());
            return false;
        }
    }
}
