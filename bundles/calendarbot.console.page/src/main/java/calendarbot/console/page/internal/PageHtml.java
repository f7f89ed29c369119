package calendarbot.console.page.internal;

import calendarbot.api.model.Occurrence;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The page's HTML, every text escaped; no inline script or style (the kiosk's Content Security Policy). */
final class PageHtml {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private PageHtml() {
    }

    /**
     * @param wall what the wall shows now, or null while the kiosk's services are not all running
     * @param sources the refresher's report, or null while it is not running
     */
    static String render(String pluginRoot, WhatsNext wall, List<SourceStatus> sources, ZoneId zone) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<script src=\"").append(escape(pluginRoot)).append("/res/console.js\" defer></script>\n")
                .append("<div id=\"calendarbot\" data-post=\"").append(escape(pluginRoot)).append("\">\n");
        h.append("<h2>What the wall shows now</h2>\n<p class=\"cb-wall\">");
        if (wall == null) {
            h.append("The kiosk's services are not all running yet.");
        } else {
            meeting(h, "Now", wall.current(), zone);
            meeting(h, "Next", wall.next(), zone);
            if (wall.current() == null && wall.next() == null) {
                h.append("No meeting coming up. ");
            }
            h.append("<span class=\"cb-status\">").append(escape(wall.status().message())).append("</span>");
        }
        h.append("</p>\n<h2>Calendars</h2>\n");
        if (sources == null) {
            h.append("<p>The refresher is not running.</p>\n");
        } else {
            h.append("<table class=\"nicetable cb-sources\"><thead><tr><th>Calendar</th><th>State</th>")
                    .append("<th>Last success</th><th>Events</th><th>Error</th><th></th></tr></thead><tbody>\n");
            for (SourceStatus s : sources) {
                h.append("<tr><td>").append(escape(s.name())).append(" <small>(").append(escape(s.id()))
                        .append(")</small></td><td class=\"cb-state-").append(s.state()).append("\">").append(s.state())
                        .append("</td><td>").append(when(s.lastSuccess(), zone)).append("</td><td>").append(s.events())
                        .append("</td><td>").append(escape(s.error() == null ? "" : s.error())).append("</td><td>");
                if (s.state() != SourceStatus.State.DISABLED) {
                    h.append("<button type=\"button\" class=\"ui-state-default ui-corner-all cb-refresh\" ")
                            .append("data-source=\"").append(escape(s.id())).append("\">Refresh now</button>");
                }
                h.append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("<h2>Add a calendar</h2>\n<form id=\"cb-add\" class=\"cb-add\">")
                .append("<label>Name <input name=\"name\" required maxlength=\"64\" placeholder=\"Team\"></label> ")
                .append("<label>ICS URL <input name=\"url\" required placeholder=\"https://.../calendar.ics\" ")
                .append("size=\"60\"></label> <button type=\"submit\" class=\"ui-state-default ui-corner-all\">")
                .append("Add</button></form>\n<p id=\"cb-message\" role=\"status\"></p>\n</div>\n");
        return h.toString();
    }

    private static void meeting(StringBuilder h, String label, Occurrence o, ZoneId zone) {
        if (o != null) {
            h.append(label).append(": <b>").append(escape(o.event().summary())).append("</b> ")
                    .append(when(o.startInstant(), zone)).append(" – ")
                    .append(o.endInstant().atZone(zone).toLocalTime()).append(". ");
        }
    }

    private static String when(Instant at, ZoneId zone) {
        return at == null ? "never" : WHEN.format(at.atZone(zone));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
