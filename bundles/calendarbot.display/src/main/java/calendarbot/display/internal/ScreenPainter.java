package calendarbot.display.internal;

import calendarbot.display.internal.Blocks.Align;
import calendarbot.display.internal.Blocks.Block;
import calendarbot.display.internal.Blocks.Columns;
import calendarbot.display.internal.Blocks.Countdown;
import calendarbot.display.internal.Blocks.Label;
import calendarbot.display.internal.Blocks.Panel;
import calendarbot.display.internal.Blocks.Stack;
import calendarbot.display.internal.Blocks.Text;
import calendarbot.display.internal.ScreenContent.Main;
import calendarbot.display.internal.ScreenContent.Urgency;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays out and draws the whats-next layout on a canvas of any size: its proportions (sizes in the style sheet's rem,
 * one rem being the same fraction of the screen), the countdown above the meeting in either orientation. What
 * does not fit is first made smaller, then left out, least important first (the caption, the status line, extra
 * lines, the location, the label, the all-day banner, the meeting in progress, the date): the clock, the countdown,
 * the title and the time are always there, and no text is ever cut inside a character or drawn off the canvas.
 */
final class ScreenPainter {

    /**
     * The countdown's size. The kiosk page's is 8.6 rem beside the meeting; here it is above the meeting and smaller:
     * a line much taller than the others beside or near it is what OCR (tesseract) splits into letters ("1 O m i n"),
     * and the pictures are read back by OCR. At 5 rem with the meeting below it every example picture reads back.
     */
    static final double COUNTDOWN_REM = 5.0;
    /** Below this text is hard to read on any panel; smaller only when nothing else fits. */
    static final int MIN_TEXT_PX = 11;
    private static final double[] SCALES = {1.0, 0.85, 0.7};
    /** Levels of leaving out, least important first (see {@link Plan}). */
    private static final int LEVELS = 10;

    private final Fonts fonts;

    ScreenPainter(Fonts fonts) {
        this.fonts = fonts;
    }

    /** Draws {@code content} on {@code g} over {@code width} x {@code height}, from the canvas's top left corner. */
    void paint(Graphics2D g, int width, int height, ScreenContent content, Palette palette) {
        hints(g, palette.smooth());
        Typesetter typesetter = new Typesetter(fonts, g.getFontRenderContext());
        g.setColor(palette.bg());
        g.fillRect(0, 0, width, height);
        Plan plan = null;
        for (int level = 0; plan == null && level <= LEVELS; level++) {
            for (double scale : SCALES) {
                plan = Plan.make(this, typesetter, g.getFontRenderContext(), width, height, content, palette, scale,
                        level, MIN_TEXT_PX);
                if (plan != null) {
                    break;
                }
            }
        }
        // a tiny canvas with a long word: smaller than legible rather than cut
        for (int min = MIN_TEXT_PX - 1; plan == null && min >= 4; min--) {
            plan = Plan.make(this, typesetter, g.getFontRenderContext(), width, height, content, palette, 0.5, LEVELS,
                    min);
        }
        if (plan != null) {
            plan.draw(g);
        }
    }

    private static void hints(Graphics2D g, boolean smooth) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                smooth ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
        // e-ink: every pixel of a glyph black or white (thresholded by the rasteriser, never dithered)
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                smooth ? RenderingHints.VALUE_TEXT_ANTIALIAS_ON : RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
                smooth ? RenderingHints.VALUE_FRACTIONALMETRICS_ON : RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    /** Everything placed: null from {@link #make} when it does not fit. */
    private record Plan(int width, int height, Palette palette, Urgency urgency, int edge, int padX, int top,
            int bottom, Block header, Block allDay, Block middle, Block footer, Text banner, boolean bannerUnreachable,
            int bannerInner, int bannerHeight, int bannerPad, int gap) {

        /**
         * The layout at {@code scale} leaving out what {@code level} says: 1 the caption, 2 the status line, 3 extra
         * lines of the all-day banner, location and meeting in progress, 4 the location, 5 the label and online badge,
         * 6 the all-day banner, 7 the meeting in progress, 8 the title's second line, 9 the date, 10 the title's third.
         */
        static Plan make(ScreenPainter painter, Typesetter ts, FontRenderContext frc, int w, int h, ScreenContent c,
                Palette p, double scale, int level, int minPx) {
            boolean landscape = w > h;
            double rem = landscape ? Math.min(w * 0.017, h * 0.028) : Math.min(w * 0.03333, h * 0.02);
            Sizer px = new Sizer(rem * scale, minPx);
            int padX = px.of(1.6);
            // without colours the edges say how close the meeting is: thick when urgent, top and bottom when critical
            double edgeRem = !p.marks() || c.urgency() == Urgency.CALM || c.urgency() == Urgency.NONE ? 0.45 : 1.1;
            int edge = Math.max(2, (int) Math.round(rem * edgeRem));
            int gap = px.of(landscape ? 0.8 : 1.0);
            int inner = w - 2 * padX;
            Fonts f = painter.fonts;

            // the bottom banner (calendarbot.css: 600 clamp(14px, 4.2vmin, 28px), padding .6em 1em, 3px top edge)
            Text banner = null;
            int bannerHeight = 0;
            int bannerPad = 0;
            int bannerInner = 0;
            if (c.banner() != null) {
                int size = (int) Math.max(Math.min(14, minPx + 3), Math.min(28, Math.min(w, h) * 0.042 * scale));
                Font font = f.font(true, size);
                bannerPad = (int) Math.round(size * 0.6);
                bannerInner = w - 2 * size;
                banner = new Text(ts.lines(c.banner().text(), font, bannerInner, level >= 3 ? 1 : 2), font, frc, 1.25,
                        p.staleText(), Align.CENTER, bannerInner);
                bannerHeight = banner.height + 2 * bannerPad + 3;
            }
            int top = edge + px.of(1.4);
            int bottom = h - bannerHeight - px.of(banner == null ? 1.6 : 1.0)
                    - (p.marks() && c.urgency() == Urgency.CRITICAL ? edge : 0);
            if (bottom <= top) {
                return null;
            }

            // clock and date
            Font clockFont = f.font(true, px.text(1.5));
            TextLayout clock = ts.line(c.clock(), clockFont, inner);
            Font dateFont = f.font(false, px.text(1.5));
            Block header = new Text(List.of(clock), clockFont, frc, 1.25, p.text(), Align.LEFT, inner);
            if (level < 9) {
                float room = inner - clock.getVisibleAdvance() - px.of(1.0);
                TextLayout date = ts.layout(Typesetter.clean(c.date()), dateFont);
                if (date.getVisibleAdvance() <= room) {
                    Text dateText = new Text(List.of(date), dateFont, frc, 1.25, p.muted(), Align.RIGHT, inner);
                    header = new Columns(header, dateText, 0);
                }
            }

            Block allDay = null;
            if (c.allDay() != null && level < 6) {
                allDay = panel(ts, frc, f, px, c.allDay(), 1.3, level >= 3 ? 1 : 2, inner, p.accent(), p);
            }

            Block middle = middle(ts, frc, f, px, c, p, level, inner);
            if (middle == null) {
                return null;
            }

            List<Block> foot = new ArrayList<>();
            if (c.status() != null && level < 2) {
                Font font = f.font(false, px.text(1.3));
                foot.add(new Text(List.of(ts.line(c.status(), font, inner)), font, frc, 1.25, p.muted(), Align.LEFT,
                        inner));
            }
            if (c.now() != null && level < 7) {
                foot.add(panel(ts, frc, f, px, c.now(), 1.35, level >= 3 ? 1 : 2, inner, p.muted(), p));
            }
            Block footer = foot.isEmpty() ? null : new Stack(foot, px.of(0.8));

            int used = header.height + middle.height;
            int blocks = 2;
            for (Block b : new Block[] {allDay, footer}) {
                if (b != null) {
                    used += b.height;
                    blocks++;
                }
            }
            if (used + (blocks - 1) * gap > bottom - top) {
                return null;
            }
            return new Plan(w, h, p, c.urgency(), edge, padX, top, bottom, header, allDay, middle, footer, banner,
                    c.banner() != null && c.banner().unreachable(), bannerInner, bannerHeight, bannerPad, gap);
        }

        /** The countdown above the meeting. */
        private static Block middle(Typesetter ts, FontRenderContext frc, Fonts f, Sizer px, ScreenContent c,
                Palette p, int level, int width) {
            boolean meeting = c.main() == Main.MEETING;
            List<Block> details = new ArrayList<>();
            Font titleFont = f.font(true, px.text(2.5));
            int titleLines = level >= 10 ? 1 : level >= 8 ? 2 : 3;
            details.add(new Text(ts.lines(c.title(), titleFont, width, titleLines), titleFont, frc, 1.15,
                    c.main() == Main.UNREACHABLE ? p.critical() : meeting ? p.text() : p.muted(), Align.LEFT, width));
            if (c.time() != null) {
                Font font = f.font(false, px.text(1.95));
                details.add(new Text(List.of(ts.line(c.time(), font, width)), font, frc, 1.25, p.text(), Align.LEFT,
                        width));
            }
            if (c.location() != null && level < 4) {
                Font font = f.font(false, px.text(1.4));
                details.add(new Text(ts.lines(c.location(), font, width, level >= 3 ? 1 : 2), font, frc, 1.25,
                        p.muted(), Align.LEFT, width));
            }
            Block detailsStack = new Stack(details, px.of(0.4));
            if (!meeting) {
                return detailsStack;
            }
            List<Block> count = new ArrayList<>();
            if (level < 5) {
                count.add(label(ts, frc, f, px, c, p, width));
            }
            Countdown countdown = countdown(ts, f, px, c, p, width);
            if (countdown == null) {
                return null;
            }
            count.add(countdown);
            if (c.caption() != null && level < 1) {
                Font font = f.font(false, px.text(1.3));
                count.add(new Text(List.of(ts.line(c.caption(), font, width)), font, frc, 1.25, p.muted(), Align.LEFT,
                        width));
            }
            return new Stack(List.of(new Stack(count, 0), detailsStack), px.of(2.0));
        }

        /** "NEXT MEETING" (letter-spaced capitals) and "● Online"; the label gives way to the badge. */
        private static Block label(Typesetter ts, FontRenderContext frc, Fonts f, Sizer px, ScreenContent c,
                Palette p, int width) {
            Font labelFont = f.font(false, px.text(1.15)).deriveFont(Map.of(TextAttribute.TRACKING, 0.14f));
            Font badgeFont = f.font(true, px.text(1.0));
            TextLayout badge = c.online() ? ts.layout("\u25cf Online", badgeFont) : null;
            int padV = Math.max(1, px.of(0.15));
            int padH = px.of(0.75);
            int gap = px.of(0.7);
            Text label = new Text(List.of(ts.layout(Main.MEETING.words.toUpperCase(java.util.Locale.ROOT), labelFont)),
                    labelFont, frc, 1.25, p.muted(), Align.LEFT, width);
            Label row = new Label(label, badge, badgeFont, frc, padV, padH, gap, px.of(1.8), p.online(), p.text());
            if (row.width() > width) {
                row = new Label(null, badge, badgeFont, frc, padV, padH, gap, px.of(1.8), p.online(), p.text());
            }
            return row;
        }

        /** As big as {@link #COUNTDOWN_REM}, smaller until it fits the width (calendarbot.js fitCountdown). */
        private static Countdown countdown(Typesetter ts, Fonts f, Sizer px, ScreenContent c, Palette p, int width) {
            // wide spaces: at this size OCR reads a plain (or no-break) space between number and unit as none at all
            String text = c.countdown().replace('\u00a0', '\u2002').replace(' ', '\u2002');
            // on small panels, where all text is at the legible minimum, still twice its size: the biggest thing
            int first = Math.max(px.text(COUNTDOWN_REM), 2 * px.minPx());
            for (int size = first, i = 0; i < 40 && size >= 4; i++, size = (int) (size * 0.92)) {
                Font font = f.font(true, size);
                TextLayout layout = ts.layout(text, font);
                if (layout.getVisibleAdvance() <= width) {
                    return new Countdown(layout, font, p.countdown(c.urgency()));
                }
            }
            return null;
        }

        private static Block panel(Typesetter ts, FontRenderContext frc, Fonts f, Sizer px, String text, double em,
                int maxLines, int width, Color bar, Palette p) {
            Font font = f.font(false, px.text(em));
            int barWidth = Math.max(2, px.of(0.35));
            int padV = px.of(0.6);
            int padH = px.of(0.9);
            int textWidth = width - barWidth - 2 * padH;
            Text t = new Text(ts.lines(text, font, textWidth, maxLines), font, frc, 1.3, p.text(), Align.LEFT,
                    textWidth);
            return new Panel(t, width, padV, padH, barWidth, p.outlinedPanels() ? p.line() : bar, p.panel(),
                    p.outlinedPanels());
        }

        void draw(Graphics2D g) {
            g.setColor(palette.edge(urgency));
            g.fillRect(0, 0, width, edge);
            if (palette.marks() && urgency == Urgency.CRITICAL) {
                g.fillRect(0, height - bannerHeight - edge, width, edge);
            }
            int y = top;
            header.draw(g, padX, y);
            y += header.height + gap;
            if (allDay != null) {
                allDay.draw(g, padX, y);
                y += allDay.height + gap;
            }
            int footerTop = footer == null ? bottom : bottom - footer.height;
            int free = footerTop - (footer == null ? 0 : gap) - y;
            middle.draw(g, padX, y + Math.max(0, (free - middle.height) / 2));
            if (footer != null) {
                footer.draw(g, padX, footerTop);
            }
            if (banner != null) {
                int by = height - bannerHeight;
                g.setColor(bannerUnreachable ? palette.offlineBg() : palette.staleBg());
                g.fillRect(0, by, width, bannerHeight);
                g.setColor(bannerUnreachable ? palette.offlineEdge() : palette.staleEdge());
                g.fillRect(0, by, width, 3);
                banner.draw(g, (width - bannerInner) / 2, by + 3 + bannerPad);
            }
        }
    }

    /** Style sheet sizes (rem) to whole pixels; text never below the legible minimum. */
    private record Sizer(double rem, int minPx) {
        int of(double remSize) {
            return Math.max(1, (int) Math.round(rem * remSize));
        }

        int text(double remSize) {
            return Math.max(minPx, of(remSize));
        }
    }
}
