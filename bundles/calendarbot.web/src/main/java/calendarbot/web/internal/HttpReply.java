package calendarbot.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sends a {@link Representation}: conditional requests (304), gzip and the caching headers. */
final class HttpReply {
    private static final Pattern Q_ZERO = Pattern.compile("q=0(\\.0*)?");

    private HttpReply() {
    }

    /**
     * Sends {@code rep} with {@code status}; a 200 whose ETag the client already holds becomes a 304 without a
     * body. Returns the status actually sent.
     */
    static int send(HttpServletRequest req, HttpServletResponse resp, int status, Representation rep)
            throws IOException {
        boolean gzip = rep.hasGzip() && acceptsGzip(req.getHeader("Accept-Encoding"));
        String etag = gzip ? rep.gzipEtag() : rep.etag();
        resp.setHeader("ETag", etag);
        resp.setHeader("Cache-Control", rep.cacheControl());
        if (rep.hasGzip()) {
            resp.setHeader("Vary", "Accept-Encoding");
        }
        if (status == HttpServletResponse.SC_OK && matches(req.getHeader("If-None-Match"), rep)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return HttpServletResponse.SC_NOT_MODIFIED;
        }
        byte[] packed = gzip ? rep.gzippedNow() : null;
        if (gzip && packed == null) {
            gzip = false;
            resp.setHeader("ETag", rep.etag());
        }
        resp.setStatus(status);
        resp.setContentType(rep.contentType());
        byte[] bytes = gzip ? packed : rep.body();
        if (gzip) {
            resp.setHeader("Content-Encoding", "gzip");
        }
        resp.setContentLength(bytes.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(bytes);
        }
        return status;
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().toLowerCase(Locale.ROOT).split(";");
            if (coding[0].trim().equals("gzip") || coding[0].trim().equals("*")) {
                return coding.length < 2 || !Q_ZERO.matcher(coding[1].replace(" ", "")).matches();
            }
        }
        return false;
    }

    /** If-None-Match holds the ETag of either encoding (weak comparison, RFC 9110 13.1.2). */
    static boolean matches(String ifNoneMatch, Representation rep) {
        if (ifNoneMatch == null || ifNoneMatch.isEmpty()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals(rep.etag()) || rep.hasGzip() && t.equals(rep.gzipEtag())) {
                return true;
            }
        }
        return false;
    }
}
