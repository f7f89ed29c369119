package calendarbot.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marker calendarbot_lite's kiosk watchdog looks for in the page at {@code /} to tell a served kiosk page from an
 * error page ({@code name="calendarbot-ready"}). Added to every layout's entry page as it is loaded, so a layout from
 * the deploy folder carries it too; a meta element, which the page's Content Security Policy allows.
 */
final class ReadyMarker {

    static final String META = "<meta name=\"calendarbot-ready\" content=\"true\">";

    private static final Pattern HEAD = Pattern.compile("<head[\\s>]", Pattern.CASE_INSENSITIVE);

    private ReadyMarker() {
    }

    /** The page with the marker right after {@code <head>} (or first, without one); unchanged if it has it. */
    static byte[] add(byte[] page) {
        String html = new String(page, StandardCharsets.UTF_8);
        if (html.contains("name=\"calendarbot-ready\"")) {
            return page;
        }
        Matcher head = HEAD.matcher(html);
        int at = head.find() ? html.indexOf('>', head.start()) : -1;
        String marked = at < 0 ? META + "\n" + html : html.substring(0, at + 1) + "\n" + META + html.substring(at + 1);
        return marked.getBytes(StandardCharsets.UTF_8);
    }
}
