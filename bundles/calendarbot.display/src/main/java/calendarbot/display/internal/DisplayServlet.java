package calendarbot.display.internal;

import calendarbot.json.JsonWriter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /display.png and /display.bmp with {@code width}, {@code height}, {@code theme}, {@code rotate} (and for BMP
 * {@code bits}), and /display/&lt;name&gt;.png or .bmp for a device fixed in configuration. The ETag names the picture
 * (what it says, its size, theme, turn and format), so a frame that asks every minute gets 304 until something on it
 * moves, without the server drawing anything. A wrong parameter is a 400 saying which; nothing larger than 1920x1080 is
 * drawn.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/display.png", "/display.bmp", "/display/*" })
@HttpWhiteboardServletName("calendarbot.display")
public class DisplayServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DisplayServlet.class);

    @Reference
    transient ScreenRenderer renderer;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    transient volatile List<DisplayDevice> devices;

    /** The last picture sent: frames of one kind asking the same minute share it. */
    private transient volatile Picture last;
    /** One picture drawn at a time: a burst of large requests must not take the Pi's memory. */
    private final transient ReentrantLock drawing = new ReentrantLock();

    private record Picture(String etag, byte[] bytes) {
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        PictureRequest request;
        try {
            request = request(path, req);
        } catch (IllegalArgumentException e) {
            error(resp, 400, e.getMessage());
            return;
        }
        if (request == null) {
            error(resp, 404, "no display device at " + path + " (configure calendarbot.display.device)");
            return;
        }
        resp.setHeader("Cache-Control", "no-cache");
        String etag;
        Picture picture = null;
        try {
            etag = etag(renderer.version(request.screen()), request);
            if (!matches(req.getHeader("If-None-Match"), etag)) {
                picture = picture(request);
                etag = picture.etag();
            }
        } catch (RuntimeException e) {
            LOG.error("display: cannot draw {}", path, e);
            error(resp, 500, "cannot draw the picture: " + e);
            return;
        }
        resp.setHeader("ETag", etag);
        if (picture == null) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(request.contentType());
        resp.setContentLength(picture.bytes().length);
        resp.getOutputStream().write(picture.bytes());
    }

    /** The picture asked for, or null for a device nobody configured. */
    private PictureRequest request(String path, HttpServletRequest req) {
        if (path.equals("/display.png") || path.equals("/display.bmp")) {
            return PictureRequest.parse(req::getParameter, path.endsWith(".bmp"));
        }
        String file = path.startsWith("/display/") ? path.substring("/display/".length()) : "";
        boolean bmp = file.endsWith(".bmp");
        if (!bmp && !file.endsWith(".png")) {
            return null;
        }
        String name = file.substring(0, file.length() - 4);
        for (DisplayDevice d : devices) {
            if (d.name().equals(name)) {
                return d.request(bmp);
            }
        }
        return null;
    }

    /** Drawn now, or the last one if it is the same picture. */
    private Picture picture(PictureRequest request) {
        drawing.lock();
        try {
            ScreenContent content = renderer.content();
            String etag = etag(ScreenRenderer.version(content, request.screen()), request);
            Picture kept = last;
            if (kept != null && kept.etag().equals(etag)) {
                return kept;
            }
            int[] rgb = new int[request.screen().fileWidth() * request.screen().fileHeight()];
            renderer.draw(request.screen(), content, rgb);
            Picture made = new Picture(etag, request.encode(rgb));
            last = made;
            return made;
        } finally {
            drawing.unlock();
        }
    }

    static String etag(String version, PictureRequest request) {
        return "\"" + version + "-" + request.format() + "\"";
    }

    /** If-None-Match holds this ETag (weak comparison, RFC 9110 13.1.2). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static void error(HttpServletResponse resp, int status, String message) throws IOException {
        byte[] body = new JsonWriter().beginObject().field("error", message).endObject().toString()
                .getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
