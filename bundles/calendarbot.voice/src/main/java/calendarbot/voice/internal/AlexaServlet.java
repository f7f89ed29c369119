package calendarbot.voice.internal;

import calendarbot.json.JsonWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /api/alexa/*: calendarbot_lite's five Alexa endpoints behind a bearer token. Each request is checked in this
 * order: an address locked out after repeated failures gets 429, a missing or wrong token 401
 * {@code {"error": "Unauthorized"}} (and counts as a failure), an unknown path 404, another method than GET 405, a
 * bad parameter 400 naming it, a kiosk service that is not running 503; everything else is answered.
 */
final class AlexaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlexaServlet.class);

    static final String PREFIX = "/api/alexa/";

    /** The endpoints, by the path below {@link #PREFIX}. */
    enum Endpoint {
        NEXT_MEETING, TIME_UNTIL_NEXT, DONE_FOR_DAY, LAUNCH_SUMMARY, MORNING_SUMMARY
    }

    static final Map<String, Endpoint> ROUTES = Map.of(
            "next-meeting", Endpoint.NEXT_MEETING,
            "time-until-next", Endpoint.TIME_UNTIL_NEXT,
            "done-for-day", Endpoint.DONE_FOR_DAY,
            "launch-summary", Endpoint.LAUNCH_SUMMARY,
            "morning-summary", Endpoint.MORNING_SUMMARY);

    /** What an answer needs from the kiosk, read per request (services come and go). */
    interface Services {
        /** The calendar at the kiosk's "now"; throws {@link Unavailable} when a service is not running. */
        Agenda agenda();
    }

    /** A kiosk service is not running (yet): 503 naming it. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String what) {
            super(what, null, false, false);
        }
    }

    /** A parameter is wrong: 400 naming it. */
    static final class BadParameter extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String parameter;

        BadParameter(String parameter, String message) {
            super(message, null, false, false);
            this.parameter = parameter;
        }
    }

    private final transient Supplier<BearerToken> token;
    private final transient Supplier<FailureLimiter> limiter;
    private final transient Services kiosk;

    /**
     * @param token the token of the moment (null: none; the servlet is then unregistered, but a request in flight
     *        is refused)
     * @param limiter the failure limiter of the moment (replaced when its settings change)
     * @param kiosk the kiosk's services
     */
    AlexaServlet(Supplier<BearerToken> token, Supplier<FailureLimiter> limiter, Services kiosk) {
        this.token = token;
        this.limiter = limiter;
        this.kiosk = kiosk;
    }

    @Override
    public void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String address = clientAddress(req);
        FailureLimiter limiter = this.limiter.get();
        long retryAfter = limiter.retryAfterSeconds(address);
        if (retryAfter > 0) {
            resp.setHeader("Retry-After", Long.toString(retryAfter));
            send(req, resp, 429, new JsonWriter().beginObject().field("error", "Too many failed attempts")
                    .field("retry_after_seconds", retryAfter).endObject().toString());
            return;
        }
        BearerToken expected = token.get();
        if (expected == null || !expected.accepts(req.getHeader("Authorization"))) {
            if (limiter.failed(address)) {
                LOG.warn("voice: {} is refused for a while after repeated requests without the right bearer token",
                        address);
            } else {
                LOG.debug("voice: refused a request from {} without the right bearer token", address);
            }
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"calendarbot\"");
            send(req, resp, 401, "{\"error\": \"Unauthorized\"}");
            return;
        }
        String path = path(req);
        Endpoint endpoint = path.startsWith(PREFIX) ? ROUTES.get(trimSlash(path.substring(PREFIX.length()))) : null;
        if (endpoint == null) {
            send(req, resp, 404, error("no such endpoint: " + path));
            return;
        }
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            send(req, resp, 405, error(req.getMethod() + " is not allowed on " + path));
            return;
        }
        int status;
        String body;
        try {
            body = answer(endpoint, req);
            status = 200;
        } catch (BadParameter e) {
            status = 400;
            body = new JsonWriter().beginObject().field("error", e.getMessage()).field("parameter", e.parameter)
                    .endObject().toString();
        } catch (Unavailable e) {
            status = 503;
            body = new JsonWriter().beginObject().field("error", "the " + e.getMessage() + " is not running (yet)")
                    .field("missing", e.getMessage()).endObject().toString();
        } catch (RuntimeException e) {
            LOG.error("voice: {} failed", endpoint, e);
            status = 500;
            body = error("internal error: " + e);
        }
        send(req, resp, status, body);
    }

    /** The JSON answer of an authorised GET. */
    String answer(Endpoint endpoint, HttpServletRequest req) {
        boolean ssml = flag(req.getParameter("prefer_ssml"));
        if (endpoint == Endpoint.MORNING_SUMMARY) {
            String tzName = parameter(req, "timezone");
            String zoneParameter = "timezone";
            if (tzName == null) {
                tzName = parameter(req, "tz");
                zoneParameter = "tz";
            }
            ZoneId requested = tzName == null ? null : zone(tzName, zoneParameter);
            LocalDate date = date(parameter(req, "date"));
            MorningSummary.Detail detail = detail(parameter(req, "detail_level"));
            int maxEvents = maxEvents(parameter(req, "max_events"));
            Agenda agenda = kiosk.agenda();
            ZoneId zone = requested == null ? agenda.kiosk().zone() : requested;
            return MorningSummary.render(agenda, new MorningSummary.Request(date, zone, detail, maxEvents, ssml));
        }
        String tzName = parameter(req, "tz");
        ZoneId requested = tzName == null ? null : zone(tzName, "tz");
        Agenda agenda = kiosk.agenda();
        ZoneId zone = requested == null ? agenda.kiosk().zone() : requested;
        Answers.Question q = new Answers.Question(agenda, zone, tzName == null ? zone.getId() : tzName.trim(), ssml);
        return switch (endpoint) {
            case NEXT_MEETING -> Answers.nextMeeting(q);
            case TIME_UNTIL_NEXT -> Answers.timeUntilNext(q);
            case DONE_FOR_DAY -> Answers.doneForDay(q);
            case LAUNCH_SUMMARY -> Answers.launchSummary(q);
            default -> throw new IllegalStateException(endpoint.name());
        };
    }

    /** A query parameter, trimmed; null when absent or blank. */
    private static String parameter(HttpServletRequest req, String name) {
        String value = req.getParameter(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static ZoneId zone(String name, String parameter) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new BadParameter(parameter, "invalid " + parameter + ": " + name
                    + " (use an IANA time zone such as America/Los_Angeles)");
        }
    }

    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadParameter("date", "invalid date: " + text + " (use YYYY-MM-DD)");
        }
    }

    static MorningSummary.Detail detail(String text) {
        if (text == null) {
            return MorningSummary.Detail.NORMAL;
        }
        MorningSummary.Detail d = MorningSummary.Detail.parse(text);
        if (d == null) {
            throw new BadParameter("detail_level", "invalid detail_level: " + text
                    + " (use brief, normal, detailed or verbose)");
        }
        return d;
    }

    /** 1 to 100 as calendarbot_lite accepts; no more than {@link MorningSummary#MAX_EVENTS} are looked at. */
    static int maxEvents(String text) {
        if (text == null) {
            return MorningSummary.MAX_EVENTS;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameter("max_events", "invalid max_events: " + text + " (use a number from 1 to 100)");
    }

    static boolean flag(String text) {
        if (text == null) {
            return false;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("true") || t.equals("1") || t.equals("yes");
    }

    /**
     * The address failures are counted for. Behind a reverse proxy on the same machine every request comes from
     * the loopback address; the proxy then names the client as the last entry of X-Forwarded-For. From anywhere
     * else the header is not believed: a client could send any.
     */
    static String clientAddress(HttpServletRequest req) {
        String remote = req.getRemoteAddr();
        String forwarded = req.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank() && isLoopback(remote)) {
            String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
            if (!last.isEmpty() && last.length() <= 64) {
                return last;
            }
        }
        return remote == null ? "unknown" : remote;
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        if (address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        try {
            // an IP literal is parsed without a name lookup
            return address.indexOf(':') >= 0 && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** The request path below the servlet context ("/api/alexa/next-meeting"). */
    static String path(HttpServletRequest req) {
        String uri = req.getRequestURI();
        if (uri == null) {
            return "/";
        }
        String context = req.getContextPath();
        if (context != null && !context.isEmpty() && uri.startsWith(context)) {
            uri = uri.substring(context.length());
        }
        int semicolon = uri.indexOf(';');
        return semicolon >= 0 ? uri.substring(0, semicolon) : uri;
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String error(String message) {
        return new JsonWriter().beginObject().field("error", message).endObject().toString();
    }

    private static void send(HttpServletRequest req, HttpServletResponse resp, int status, String json)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json; charset=utf-8");
        // answers depend on the time and on who asks: no cache may keep one
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(bytes);
        }
    }
}
