package calendarbot.web.internal;

import calendarbot.api.Clock;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.SkipList;
import calendarbot.json.JsonReader;
import calendarbot.json.JsonWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the JSON servlets share: a route table of exact paths, 404 and 405 (with Allow) in JSON, request metrics,
 * and the two ways an answer fails that are not the server's fault: a service that is not running yet (503,
 * naming it; never a 404, the kiosk script retries) and a wrong request (400, saying what is wrong).
 */
abstract class JsonApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JsonApiServlet.class);

    /** Request bodies are a meeting id or a few parameters. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    /** An endpoint and the methods it answers (HEAD goes with GET). */
    record Route(Endpoint endpoint, Set<String> methods) {
    }

    /** A status and a body. */
    record Reply(int status, Representation body) {
        static Reply json(int status, String json) {
            return new Reply(status, Representation.json(json));
        }
    }

    /** A required service is not running: 503. */
    static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Missing(String what) {
            super(what, null, false, false);
        }
    }

    /** The request is wrong: 400 with this message. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    @Reference
    transient RequestMetrics metrics;
    // the kiosk's services both servlets read; optional ones answer 503 naming what is missing
    @Reference
    transient BrowserHeartbeats heartbeats;
    /** Bookkeeping time (data age, uptime, heartbeats, problem stamps), the refresher's too. */
    @Reference
    transient InstantSource time;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile EventStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile MeetingSelector selector;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile SkipList skips;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile KioskSettings kiosk;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile FeedRefresher refresher;

    /** The paths this servlet answers, each with its endpoint and methods. */
    abstract Map<String, Route> routes();

    /** The answer of one routed request whose method is allowed. */
    abstract Reply answer(Endpoint endpoint, String method, HttpServletRequest req) throws IOException;

    @Override
    public void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long started = System.nanoTime();
        String path = path(req);
        Route route = routes().get(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        Endpoint endpoint = route == null ? Endpoint.NOT_FOUND : route.endpoint();
        String method = "HEAD".equals(req.getMethod()) ? "GET" : req.getMethod();
        int status = 500;
        try {
            Reply reply;
            if (route == null) {
                reply = error(404, "no such endpoint: " + path);
            } else if (!route.methods().contains(method)) {
                resp.setHeader("Allow", String.join(", ", new TreeSet<>(route.methods())));
                reply = error(405, req.getMethod() + " is not allowed on " + path);
            } else {
                reply = safely(endpoint, method, req);
            }
            status = HttpReply.send(req, resp, reply.status(), reply.body());
        } finally {
            metrics.record(endpoint, status, System.nanoTime() - started);
        }
    }

    private Reply safely(Endpoint endpoint, String method, HttpServletRequest req) throws IOException {
        try {
            return answer(endpoint, method, req);
        } catch (Missing e) {
            return Reply.json(503, new JsonWriter().beginObject()
                    .field("error", "the " + e.getMessage() + " is not running (yet)")
                    .field("missing", e.getMessage()).endObject().toString());
        } catch (BadRequest e) {
            return error(400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("web: {} failed", endpoint.label, e);
            return error(500, "internal error: " + e);
        }
    }

    static <T> T require(T service, String what) {
        if (service == null) {
            throw new Missing(what);
        }
        return service;
    }

    static Reply error(int status, String message) {
        return Reply.json(status, new JsonWriter().beginObject().field("error", message).endObject().toString());
    }

    /** The request body as text, at most 16 KB of UTF-8 (anything else is refused, not patched). */
    static String body(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            if (in == null) {
                return "";
            }
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BadRequest("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("request body is not UTF-8");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String body) {
        Object parsed;
        try {
            parsed = JsonReader.parse(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid json");
        }
        if (!(parsed instanceof Map)) {
            throw new BadRequest("invalid json");
        }
        return (Map<String, Object>) parsed;
    }

    /** The request path below the context, percent-decoded ("/api/whats-next"). */
    static String path(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String contextPath = req.getContextPath();
        if (uri == null) {
            return "/";
        }
        if (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)) {
            uri = uri.substring(contextPath.length());
        }
        int semicolon = uri.indexOf(';');
        if (semicolon >= 0) {
            uri = uri.substring(0, semicolon);
        }
        String decoded = percentDecode(uri);
        return decoded.isEmpty() ? "/" : decoded;
    }

    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
