package calendarbot.display.internal;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.text.AttributedString;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets text in lines that fit a width: wrapped at word boundaries (or between characters where a word is longer than
 * the line), the last line shortened with an ellipsis, never cut inside a character. Each run of characters DejaVu
 * Sans has no glyph for is set in the system's fallback font; TextLayout orders right-to-left text.
 */
final class Typesetter {

    static final String ELLIPSIS = "\u2026";

    private final Fonts fonts;
    private final FontRenderContext frc;

    Typesetter(Fonts fonts, FontRenderContext frc) {
        this.fonts = fonts;
        this.frc = frc;
    }

    /** One line of {@code text}, shortened with an ellipsis to fit {@code width}; null for empty text. */
    TextLayout line(String text, Font font, float width) {
        String t = shortened(text, font, width);
        return t.isEmpty() ? null : layout(t, font);
    }

    /** {@code text} on one line as it fits {@code width}: whole, or its longest start of whole characters and "…". */
    String shortened(String text, Font font, float width) {
        String t = clean(text);
        if (t.isEmpty() || layout(t, font).getVisibleAdvance() <= width) {
            return t;
        }
        List<Integer> ends = graphemeEnds(t);
        // the longest prefix that fits with the ellipsis (binary search over whole characters)
        int lo = 0;
        int hi = ends.size() - 1;
        String best = ELLIPSIS;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            String candidate = t.substring(0, ends.get(mid)).stripTrailing() + ELLIPSIS;
            if (layout(candidate, font).getVisibleAdvance() <= width) {
                best = candidate;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /** At most {@code maxLines} lines of {@code text} within {@code width}; the last one with an ellipsis if cut. */
    List<TextLayout> lines(String text, Font font, float width, int maxLines) {
        String t = clean(text);
        List<TextLayout> out = new ArrayList<>();
        if (t.isEmpty() || maxLines <= 0) {
            return out;
        }
        if (maxLines == 1) {
            out.add(line(t, font, width));
            return out;
        }
        LineBreakMeasurer measurer = new LineBreakMeasurer(styled(t, font).getIterator(),
                BreakIterator.getLineInstance(), frc);
        while (measurer.getPosition() < t.length()) {
            if (out.size() == maxLines - 1) {
                out.add(line(t.substring(measurer.getPosition()), font, width));
                break;
            }
            out.add(measurer.nextLayout(width));
        }
        return out;
    }

    /** The layout of {@code text} as it is, however wide. */
    TextLayout layout(String text, Font font) {
        return new TextLayout(styled(text, font).getIterator(), frc);
    }

    /** {@code text} in {@code font}, with the fallback font on every run of characters it cannot show. */
    private AttributedString styled(String text, Font font) {
        AttributedString s = new AttributedString(text);
        s.addAttribute(TextAttribute.FONT, font);
        if (font.canDisplayUpTo(text) < 0) {
            return s;
        }
        Font fallback = fonts.fallback(font);
        if (fallback == null) {
            return s;
        }
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (!font.canDisplay(cp) && fallback.canDisplay(cp)) {
                int end = next;
                while (end < text.length()) {
                    int c = text.codePointAt(end);
                    if (font.canDisplay(c) || !fallback.canDisplay(c)) {
                        break;
                    }
                    end += Character.charCount(c);
                }
                s.addAttribute(TextAttribute.FONT, fallback, i, end);
                next = end;
            }
            i = next;
        }
        return s;
    }

    /** Offsets just after each user-perceived character (a letter with its accents, an emoji with its modifiers). */
    private static List<Integer> graphemeEnds(String text) {
        BreakIterator it = BreakIterator.getCharacterInstance();
        it.setText(text);
        List<Integer> ends = new ArrayList<>();
        for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) {
            ends.add(end);
        }
        return ends;
    }

    /** One line of text: control characters (line breaks, tabs) become spaces, runs of spaces one. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean blank = Character.isWhitespace(c) || Character.isISOControl(c);
            if (blank) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }
}
