package calendarbot.display.internal;

import calendarbot.api.model.Screen.Theme;
import java.awt.Color;

/**
 * The colours of a theme, named as the whats-next layout's style sheet names them. {@code dark} is the kiosk page's
 * palette; {@code grey} and {@code eink} are its e-ink style (black on white), {@code grey} with smoothed text and grey
 * details, {@code eink} with two colours only. Without colours, urgency shows in the screen's edges (thick at the top
 * when urgent, top and bottom when critical) rather than as the e-ink page's underlined or inverted countdown, which
 * OCR cannot read.
 *
 * @param smooth text and shapes anti-aliased; false draws every pixel black or white
 * @param marks urgency shown by the edges' thickness rather than by colour
 */
record Palette(Color bg, Color panel, Color line, Color text, Color muted, Color accent, Color online, Color urgent, Color critical, Color staleBg, Color staleText, Color staleEdge, Color offlineBg,
        Color offlineEdge, boolean smooth, boolean marks) {

    private static final Color BLACK = Color.BLACK;
    private static final Color WHITE = Color.WHITE;

    static final Palette DARK = new Palette(rgb(0x0b1220), rgb(0x141d30), rgb(0x26324a), rgb(0xeef2f8), rgb(0x93a3ba),
            rgb(0x8fd8c8), rgb(0x3b6fd8), rgb(0xf7b93e), rgb(0xf26d6d), rgb(0xfde68a), rgb(0x1c1917),
            rgb(0xb45309), rgb(0xfecaca), rgb(0xb91c1c), true, false);
    static final Palette GREY = new Palette(WHITE, rgb(0xe4e4e4), BLACK, BLACK, rgb(0x3a3a3a), BLACK, rgb(0x2a2a2a),
            BLACK, BLACK, BLACK, WHITE, BLACK, BLACK, BLACK, true, true);
    static final Palette EINK = new Palette(WHITE, WHITE, BLACK, BLACK, BLACK, BLACK, BLACK, BLACK, BLACK, BLACK,
            WHITE, BLACK, BLACK, BLACK, false, true);

    static Palette of(Theme theme) {
        return switch (theme) {
            case DARK -> DARK;
            case GREY -> GREY;
            case EINK -> EINK;
        };
    }

    /** The countdown's colour and the top edge's. */
    Color countdown(ScreenContent.Urgency urgency) {
        return switch (urgency) {
            case URGENT -> urgent;
            case CRITICAL -> critical;
            default -> accent;
        };
    }

    Color edge(ScreenContent.Urgency urgency) {
        return switch (urgency) {
            case URGENT -> urgent;
            case CRITICAL -> critical;
            default -> line;
        };
    }

    /** Panels (all-day, now) are outlined where the panel colour is the background's. */
    boolean outlinedPanels() {
        return panel.equals(bg);
    }

    private static Color rgb(int value) {
        return new Color(value);
    }
}
