package calendarbot.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;

/**
 * Whether a request that changes the kiosk's state (a skip, a refresh) may: any web page the kiosk's owner
 * visits could otherwise send one to the kiosk on the LAN. Browsers say where a request comes from
 * ({@code Sec-Fetch-Site}, {@code Origin}); only the kiosk's own pages, and clients that are no browser (curl,
 * scripts, a voice skill's proxy), pass. A body must be JSON: the form and text/plain bodies a foreign page can
 * send without asking are what cross-site request forgery is made of.
 */
final class SameOrigin {

    private SameOrigin() {
    }

    /** Why {@code req} is refused, or null when it may change state. */
    static String refuses(HttpServletRequest req) {
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return "a request from another site (" + site + ") may not change the kiosk's state";
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !sameHost(origin, req.getHeader("Host"))) {
            return "a request from another origin may not change the kiosk's state";
        }
        String type = req.getContentType();
        if (hasBody(req) && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            return "a request body must be JSON (Content-Type: application/json)";
        }
        return null;
    }

    /** {@code origin} ("http://kiosk.local:8080") names the host the request was sent to ("kiosk.local:8080"). */
    static boolean sameHost(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI o = URI.create(origin.trim());
            if (o.getHost() == null || o.getScheme() == null) {
                return false;
            }
            int port = o.getPort() >= 0 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            String h = host.trim().toLowerCase(Locale.ROOT);
            int colon = h.lastIndexOf(':');
            boolean bracketed = h.startsWith("[");
            String hostName = colon > 0 && (!bracketed || h.indexOf(']') < colon) ? h.substring(0, colon) : h;
            int hostPort = colon > 0 && (!bracketed || h.indexOf(']') < colon)
                    ? Integer.parseInt(h.substring(colon + 1)) : port;
            return o.getHost().toLowerCase(Locale.ROOT).equals(hostName) && port == hostPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasBody(HttpServletRequest req) {
        long length = req.getContentLengthLong();
        return length > 0 || length < 0 && req.getHeader("Transfer-Encoding") != null;
    }
}
