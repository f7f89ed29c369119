package calendarbot.web.internal;

import calendarbot.api.KioskSettings;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk page at {@code /} (the configured layout's index.html), the layouts' files under
 * {@code /layouts/<name>/} and this bundle's shared files under {@code /static/}. Everything comes from memory.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/", "/layouts/*", "/static/*" })
@HttpWhiteboardServletName("calendarbot.page")
public class PageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PageServlet.class);

    static final Representation NO_LAYOUT = Representation.of(("<!DOCTYPE html>\n<html lang=\"en\"><head>"
            + "<meta charset=\"utf-8\"><title>CalendarBot</title>"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
            + "<body><h1>No layout installed</h1><p>Put a layout bundle (e.g. calendarbot.layout.whatsnext) into the "
            + "bundle or deploy folder. The API answers at <a href=\"/api/whats-next\">/api/whats-next</a>.</p>"
            + "</body></html>\n").getBytes(StandardCharsets.UTF_8),
            "text/html; charset=utf-8", Representation.NO_CACHE);

    @Reference
    transient LayoutRegistry layouts;
    @Reference
    transient RequestMetrics metrics;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile KioskSettings settings;

    private transient volatile StaticResources statics = new StaticResources(java.util.Map.of());

    @Activate
    void activate(BundleContext context) {
        statics = StaticResources.load(context.getBundle());
        LOG.info("web: kiosk page ready, {} shared files, {} layouts", statics.size(), layouts.all().size());
    }

    /** For tests: the shared files without a bundle. */
    void useStatics(StaticResources resources) {
        statics = resources;
    }

    @Override
    public void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long started = System.nanoTime();
        String path = JsonApiServlet.path(req);
        Endpoint endpoint = Endpoint.NOT_FOUND;
        int status = 500;
        try {
            if (path.startsWith("/layouts/")) {
                endpoint = Endpoint.LAYOUT_RESOURCE;
            } else if (path.startsWith("/static/") || path.equals("/favicon.ico")) {
                endpoint = Endpoint.STATIC;
            } else if (path.equals("/") || path.equals("/index.html")) {
                endpoint = Endpoint.PAGE;
            }
            if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
                resp.setHeader("Allow", "GET, HEAD");
                status = HttpReply.send(req, resp, 405, text("Only GET and HEAD are served here.\n"));
            } else {
                status = switch (endpoint) {
                    case PAGE -> page(req, resp);
                    case LAYOUT_RESOURCE -> layoutResource(req, resp, path.substring("/layouts/".length()));
                    case STATIC -> staticFile(req, resp, path.equals("/favicon.ico") ? "favicon.ico"
                            : path.substring("/static/".length()));
                    default -> notFound(req, resp, path);
                };
            }
        } finally {
            // recorded even when the client went away mid-answer
            metrics.record(endpoint, status, System.nanoTime() - started);
        }
    }

    private int page(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String wanted = req.getParameter("layout");
        if (wanted == null || wanted.isBlank()) {
            KioskSettings kiosk = settings;
            wanted = kiosk == null ? LayoutRegistry.DEFAULT : kiosk.layout();
        }
        LoadedLayout layout = layouts.choose(wanted);
        if (layout == null) {
            return HttpReply.send(req, resp, 200, NO_LAYOUT);
        }
        if (!layout.name().equals(wanted)) {
            LOG.debug("web: layout \"{}\" is not installed; showing \"{}\"", wanted, layout.name());
        }
        return HttpReply.send(req, resp, 200, layout.entry());
    }

    private int layoutResource(HttpServletRequest req, HttpServletResponse resp, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String file = slash < 0 || slash == rest.length() - 1 ? LoadedLayout.ENTRY : rest.substring(slash + 1);
        LoadedLayout layout = layouts.get(name);
        Representation rep = layout == null ? null : layout.resources().get(file);
        if (rep == null) {
            return notFound(req, resp, "/layouts/" + rest);
        }
        return HttpReply.send(req, resp, 200, rep);
    }

    private int staticFile(HttpServletRequest req, HttpServletResponse resp, String file) throws IOException {
        Representation rep = statics.get(file);
        if (rep == null) {
            return notFound(req, resp, "/static/" + file);
        }
        return HttpReply.send(req, resp, 200, rep);
    }

    private static int notFound(HttpServletRequest req, HttpServletResponse resp, String path) throws IOException {
        if (path.startsWith("/api/")) {
            // the API servlet is not registered (yet): say so in JSON, the kiosk script retries
            return HttpReply.send(req, resp, 503,
                    Representation.json("{\"error\":\"the API is not available yet\"}"));
        }
        return HttpReply.send(req, resp, 404, text("Not found: " + path + "\n"));
    }

    private static Representation text(String text) {
        return Representation.dynamic(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }
}
