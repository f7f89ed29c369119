package calendarbot.console.page.internal;

import calendarbot.api.Clock;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import calendarbot.json.JsonReader;
import calendarbot.json.JsonWriter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's "CalendarBot" page (/system/console/calendarbot): every calendar with its state, last success,
 * error and events, a "refresh now" button each, a form that adds a calendar, and what the wall shows now. The page
 * is drawn on the server; its script (res/console.js, no inline script under the kiosk's Content Security Policy)
 * only posts the two actions as JSON, which a page of another site cannot send without the browser asking first.
 */
@Component(service = Servlet.class, property = {
        ServletConstants.PLUGIN_LABEL + "=" + CalendarBotPage.LABEL,
        ServletConstants.PLUGIN_TITLE + "=CalendarBot",
        ServletConstants.PLUGIN_CATEGORY + "=CalendarBot",
        ServletConstants.PLUGIN_CSS_REFERENCES + "=/" + CalendarBotPage.LABEL + "/res/console.css" })
public class CalendarBotPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    static final String LABEL = "calendarbot";
    private static final int MAX_BODY = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CalendarBotPage.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile FeedRefresher refresher;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile EventStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile MeetingSelector selector;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile KioskSettings kiosk;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile ConfigurationAdmin configurationAdmin;

    /** The page's own files: {@code /calendarbot/res/console.js} and {@code console.css}. */
    @Override
    protected URL getResource(String path) {
        String prefix = "/" + LABEL + "/res/";
        if (path == null || !path.startsWith(prefix) || !path.substring(prefix.length()).matches("console\\.(js|css)")) {
            return null;
        }
        return CalendarBotPage.class.getResource("res/" + path.substring(prefix.length()));
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object root = req.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        String pluginRoot = root == null ? "/system/console/" + LABEL : root.toString();
        List<SourceStatus> sources = refresher == null ? null : refresher.status();
        KioskSettings k = kiosk;
        ZoneId zone = k == null ? ZoneId.of("UTC") : k.zone();
        resp.setContentType("text/html; charset=utf-8");
        resp.getWriter().write(PageHtml.render(pluginRoot, whatsNext(), sources, zone));
    }

    private WhatsNext whatsNext() {
        EventStore events = store;
        MeetingSelector s = selector;
        Clock c = clock;
        if (events == null || s == null || c == null) {
            return null;
        }
        try {
            return s.whatsNext(events, c.now());
        } catch (RuntimeException e) {
            LOG.warn("console: what the wall shows could not be worked out: {}", e.toString());
            return null;
        }
    }

    /** {"action":"refresh","source":id} or {"action":"add","name":...,"url":...}: JSON only, from this console. */
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")
                || !sameOrigin(req)) {
            reply(resp, 403, false, "the console's actions take JSON from the console's own page");
            return;
        }
        Map<String, Object> body;
        try (InputStream in = req.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            body = bytes.length > MAX_BODY ? null : JsonReader.parseObject(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            body = null;
        }
        if (body == null) {
            reply(resp, 400, false, "not a JSON object");
            return;
        }
        String action = String.valueOf(body.get("action"));
        if (action.equals("refresh")) {
            FeedRefresher r = refresher;
            String source = body.get("source") == null ? null : body.get("source").toString();
            if (r == null) {
                reply(resp, 503, false, "the refresher is not running");
            } else if (r.refreshNow(source)) {
                reply(resp, 202, true, (source == null ? "every calendar" : source) + ": refresh requested");
            } else {
                reply(resp, 404, false, "no calendar " + source);
            }
        } else if (action.equals("add")) {
            NewCalendar.Result result = new NewCalendar(configurationAdmin).add(text(body.get("name")),
                    text(body.get("url")));
            reply(resp, result.status(), result.status() < 300, result.message());
        } else {
            reply(resp, 400, false, "unknown action " + action);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    /** A browser says where a request came from; anything it says must be this console's own address. */
    static boolean sameOrigin(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        String host = req.getHeader("Host");
        if (origin == null) {
            return true; // not a browser's cross-site request: those always say where they come from
        }
        try {
            URI o = URI.create(origin);
            return host != null && (o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort())).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void reply(HttpServletResponse resp, int status, boolean ok, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        setNoCache(resp);
        resp.getWriter().write(new JsonWriter().beginObject().field("ok", ok).field("message", message).endObject()
                .toString());
    }
}
