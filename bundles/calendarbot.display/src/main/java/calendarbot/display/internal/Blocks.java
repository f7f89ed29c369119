package calendarbot.display.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.font.TextLayout;
import java.util.List;

/**
 * The pieces a screen is laid out from, each measured for its width when made: its height is known before anything
 * is drawn, so the layout can try again smaller, or with less, until everything fits.
 */
final class Blocks {

    private Blocks() {
    }

    /** A measured piece of the screen. */
    abstract static class Block {
        final int height;

        Block(int height) {
            this.height = height;
        }

        abstract void draw(Graphics2D g, int x, int y);
    }

    /** How a text line sits in its box. */
    enum Align { LEFT, RIGHT, CENTER }

    /** Lines of one font and colour, each in a box of {@code lineHeight}; aligned within {@code width}. */
    static final class Text extends Block {
        private final List<TextLayout> lines;
        private final int lineHeight;
        private final float baseline;
        private final Color colour;
        private final Align align;
        private final int width;

        Text(List<TextLayout> lines, Font font, FontRenderContext frc, double lineHeightEm, Color colour, Align align,
                int width) {
            super(lines.size() * (int) Math.ceil(font.getSize2D() * lineHeightEm));
            this.lines = lines;
            this.lineHeight = (int) Math.ceil(font.getSize2D() * lineHeightEm);
            LineMetrics m = font.getLineMetrics("Hg", frc);
            this.baseline = (lineHeight - (m.getAscent() + m.getDescent())) / 2f + m.getAscent();
            this.colour = colour;
            this.align = align;
            this.width = width;
        }

        /** The widest line. */
        float advance() {
            float max = 0;
            for (TextLayout l : lines) {
                max = Math.max(max, l.getVisibleAdvance());
            }
            return max;
        }

        @Override
        void draw(Graphics2D g, int x, int y) {
            g.setColor(colour);
            for (int i = 0; i < lines.size(); i++) {
                TextLayout l = lines.get(i);
                float free = width - l.getVisibleAdvance();
                float dx = align == Align.LEFT || !l.isLeftToRight() && align != Align.CENTER ? 0
                        : align == Align.RIGHT ? free : free / 2;
                l.draw(g, x + Math.max(0, dx), y + i * lineHeight + baseline);
            }
        }
    }

    /** A text on a panel: a coloured bar on its left, or (e-ink) an outline. */
    static final class Panel extends Block {
        private final Text text;
        private final int width;
        private final int padV;
        private final int padH;
        private final int bar;
        private final Color barColour;
        private final Color fill;
        private final boolean outline;

        Panel(Text text, int width, int padV, int padH, int bar, Color barColour, Color fill, boolean outline) {
            super(text.height + 2 * padV);
            this.text = text;
            this.width = width;
            this.padV = padV;
            this.padH = padH;
            this.bar = bar;
            this.barColour = barColour;
            this.fill = fill;
            this.outline = outline;
        }

        @Override
        void draw(Graphics2D g, int x, int y) {
            int arc = Math.max(2, padV);
            g.setColor(fill);
            g.fillRoundRect(x, y, width, height, arc, arc);
            if (outline) {
                int t = Math.max(2, bar / 2);
                g.setColor(barColour);
                g.setStroke(new BasicStroke(t));
                g.drawRoundRect(x + t / 2, y + t / 2, width - t, height - t, arc, arc);
            } else {
                g.setColor(barColour);
                g.fillRect(x, y, bar, height);
            }
            text.draw(g, x + bar + padH, y + padV);
        }
    }

    /** The big countdown. */
    static final class Countdown extends Block {
        private final TextLayout layout;
        private final float baseline;
        private final Color colour;

        Countdown(TextLayout layout, Font font, Color colour) {
            super((int) Math.ceil(font.getSize2D() * 1.2));
            this.layout = layout;
            // below the baseline room for a descender ("days")
            this.baseline = height - font.getSize2D() * 0.26f;
            this.colour = colour;
        }

        @Override
        void draw(Graphics2D g, int x, int y) {
            g.setColor(colour);
            layout.draw(g, x, y + baseline);
        }
    }

    /** "NEXT MEETING" and the online badge on one row. */
    static final class Label extends Block {
        private final Text label;
        private final TextLayout badge;
        private final float badgeBaseline;
        private final int badgeWidth;
        private final int badgeHeight;
        private final int badgePadH;
        private final int gap;
        private final Color badgeFill;
        private final Color badgeText;

        Label(Text label, TextLayout badge, Font badgeFont, FontRenderContext frc, int padV, int padH, int gap,
                int minHeight, Color badgeFill, Color badgeText) {
            super(Math.max(minHeight, Math.max(label == null ? 0 : label.height,
                    badge == null ? 0 : (int) Math.ceil(badgeFont.getSize2D() * 1.2) + 2 * padV)));
            this.label = label;
            this.badge = badge;
            this.badgeHeight = badge == null ? 0 : (int) Math.ceil(badgeFont.getSize2D() * 1.2) + 2 * padV;
            LineMetrics m = badgeFont.getLineMetrics("Hg", frc);
            this.badgeBaseline = (badgeHeight - (m.getAscent() + m.getDescent())) / 2f + m.getAscent();
            this.badgeWidth = badge == null ? 0 : Math.round(badge.getVisibleAdvance()) + 2 * padH;
            this.badgePadH = padH;
            this.gap = gap;
            this.badgeFill = badgeFill;
            this.badgeText = badgeText;
        }

        int width() {
            return (label == null ? 0 : Math.round(label.advance()) + (badge == null ? 0 : gap)) + badgeWidth;
        }

        @Override
        void draw(Graphics2D g, int x, int y) {
            int bx = x;
            if (label != null) {
                label.draw(g, x, y + (height - label.height) / 2);
                bx += Math.round(label.advance()) + gap;
            }
            if (badge != null) {
                int by = y + (height - badgeHeight) / 2;
                // outlined, not filled: light text on a colour is what OCR (and a glance from afar) misreads
                int t = Math.max(1, badgeHeight / 12);
                g.setColor(badgeFill);
                g.setStroke(new BasicStroke(t));
                g.drawRoundRect(bx + t / 2, by + t / 2, badgeWidth - t, badgeHeight - t, badgeHeight, badgeHeight);
                g.setColor(badgeText);
                badge.draw(g, bx + badgePadH, by + badgeBaseline);
            }
        }
    }

    /** Blocks one below the other with a gap. */
    static final class Stack extends Block {
        private final List<Block> blocks;
        private final int gap;

        Stack(List<Block> blocks, int gap) {
            super(total(blocks, gap));
            this.blocks = blocks;
            this.gap = gap;
        }

        private static int total(List<Block> blocks, int gap) {
            int h = 0;
            for (Block b : blocks) {
                h += b.height;
            }
            return h + Math.max(0, blocks.size() - 1) * gap;
        }

        @Override
        void draw(Graphics2D g, int x, int y) {
            int top = y;
            for (Block b : blocks) {
                b.draw(g, x, top);
                top += b.height + gap;
            }
        }
    }

    /** Two blocks side by side, each centred on the row's height. */
    static final class Columns extends Block {
        private final Block left;
        private final Block right;
        private final int rightX;

        Columns(Block left, Block right, int rightX) {
            super(Math.max(left.height, right.height));
            this.left = left;
            this.right = right;
            this.rightX = rightX;
        }

        @Override
        void draw(Graphics2D g, int x, int y) {
            left.draw(g, x, y + (height - left.height) / 2);
            right.draw(g, x + rightX, y + (height - right.height) / 2);
        }
    }
}
