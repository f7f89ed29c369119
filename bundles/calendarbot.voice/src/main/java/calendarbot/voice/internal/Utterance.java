package calendarbot.voice.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What Alexa says, sentence by sentence, as plain text ({@code speech_text}) and as SSML ({@code ssml}): each
 * sentence an {@code <s>}, meeting names in {@code <emphasis>}, everything taken from a calendar escaped, so a
 * meeting called "R&D <sync>" is read out and never breaks the markup. The SSML stays within
 * {@link #MAX_SSML_CHARS}: trailing sentences are left out first, then the one left is cut.
 */
final class Utterance {

    /** Alexa's limit for the SSML of one response is 8000 characters. */
    static final int MAX_SSML_CHARS = 8000;
    private static final String SPEAK_OPEN = "<speak>";
    private static final String SPEAK_CLOSE = "</speak>";
    private static final String EMPHASIS_OPEN = "<emphasis level=\"moderate\">";
    private static final String EMPHASIS_CLOSE = "</emphasis>";

    /** A run of text, emphasised (a meeting's name) or not. */
    private record Part(String text, boolean emphasis) {
    }

    private final List<List<Part>> sentences = new ArrayList<>();
    private List<Part> current;

    /** Starts a new sentence. */
    Utterance sentence() {
        current = new ArrayList<>();
        sentences.add(current);
        return this;
    }

    /** Plain words of the current sentence. */
    Utterance say(String text) {
        if (current == null) {
            sentence();
        }
        current.add(new Part(clean(text), false));
        return this;
    }

    /** Words from the calendar (a subject, a place), stressed in SSML. */
    Utterance name(String text) {
        if (current == null) {
            sentence();
        }
        current.add(new Part(clean(text), true));
        return this;
    }

    /** A whole sentence of plain words. */
    Utterance sentence(String text) {
        return sentence().say(text);
    }

    boolean isEmpty() {
        return sentences.isEmpty();
    }

    /** The sentences as one line of text. */
    String text() {
        StringBuilder out = new StringBuilder();
        for (List<Part> s : sentences) {
            if (out.length() > 0) {
                out.append(' ');
            }
            for (Part p : s) {
                out.append(p.text());
            }
        }
        return out.toString();
    }

    /** {@code <speak>} with one {@code <s>} per sentence, at most {@link #MAX_SSML_CHARS} characters. */
    String ssml() {
        StringBuilder out = new StringBuilder(SPEAK_OPEN);
        int budget = MAX_SSML_CHARS - SPEAK_OPEN.length() - SPEAK_CLOSE.length();
        for (List<Part> s : sentences) {
            // sentences apart by a space, as in the text: the SSML's text content is speech_text
            String sentence = (out.length() == SPEAK_OPEN.length() ? "" : " ") + sentenceSsml(s, Integer.MAX_VALUE);
            if (sentence.length() > budget) {
                if (out.length() == SPEAK_OPEN.length()) {
                    out.append(sentenceSsml(s, budget));
                }
                break;
            }
            out.append(sentence);
            budget -= sentence.length();
        }
        return out.append(SPEAK_CLOSE).toString();
    }

    /** One sentence as {@code <s>...</s>} of at most {@code max} characters (words cut at the end if need be). */
    private static String sentenceSsml(List<Part> parts, int max) {
        StringBuilder out = new StringBuilder("<s>");
        int closing = "</s>".length();
        for (Part p : parts) {
            int wrapper = p.emphasis() ? EMPHASIS_OPEN.length() + EMPHASIS_CLOSE.length() : 0;
            int room = max - out.length() - closing - wrapper;
            if (room <= 0) {
                break;
            }
            String text = escape(p.text(), room);
            if (text.isEmpty()) {
                continue;
            }
            out.append(p.emphasis() ? EMPHASIS_OPEN : "").append(text).append(p.emphasis() ? EMPHASIS_CLOSE : "");
        }
        return out.append("</s>").toString();
    }

    /** XML text, escaped, of at most {@code max} characters; an entity is never cut in half. */
    static String escape(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length() + 16, Math.max(0, max)));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String piece = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (piece == null && Character.isHighSurrogate(c) && i + 1 < text.length()) {
                piece = text.substring(i, i + 2);
            }
            int length = piece == null ? 1 : piece.length();
            if (out.length() + length > max) {
                break;
            }
            if (piece == null) {
                out.append(c);
            } else {
                out.append(piece);
                if (piece.length() == 2 && Character.isHighSurrogate(piece.charAt(0))) {
                    i++;
                }
            }
        }
        return out.toString();
    }

    /**
     * Text fit for speech and XML: line breaks and tabs become spaces; characters XML 1.0 does not allow (other
     * control characters, lone surrogates, U+FFFE and U+FFFF) are dropped.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c >= 0x20 && !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
