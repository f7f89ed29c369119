package calendarbot.api.model;

import java.net.URI;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * One configured calendar feed (factory configuration {@code calendarbot.source}).
 *
 * @param id stable identifier, used for file names in the archive and in the API
 * @param name human name shown on the kiosk
 * @param url https, http, webcal, webcals or file URL
 * @param colour CSS colour for layouts that colour by source
 * @param enabled a disabled source is neither fetched nor shown
 * @param auth credentials sent with the request
 * @param headers extra request headers
 */
public record SourceSpec(String id, String name, URI url, String colour, boolean enabled, Auth auth,
        Map<String, String> headers) {

    private static final int MAX_ID_LENGTH = 64;

    public SourceSpec {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        auth = auth == null ? Auth.NONE : auth;
    }

    /**
     * A feed URL as a message, a log line or a status page may show it: scheme and host only (a file's path). A
     * published calendar's path or query is its key, and credentials may stand before the host.
     */
    public static String shown(URI url) {
        if (url == null) {
            return "(no URL)";
        }
        if ("file".equalsIgnoreCase(url.getScheme())) {
            return url.getPath() == null ? "file:…" : "file:" + url.getPath();
        }
        String host = url.getHost();
        boolean more = url.getRawPath() != null && url.getRawPath().length() > 1 || url.getRawQuery() != null;
        return host == null ? (url.getScheme() == null ? "…" : url.getScheme() + ":…")
                : url.getScheme() + "://" + host + (url.getPort() > 0 ? ":" + url.getPort() : "") + (more ? "/…" : "");
    }

    /**
     * The id a source named {@code text} gets: lower-case ASCII letters, digits and single dashes, safe as a file name
     * and in URLs ("Büro Team" → "buro-team").
     */
    public static String idOf(String text) {
        if (text == null) {
            return "source";
        }
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder();
        boolean dash = false;
        for (char c : ascii.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && out.length() > 0) {
                    out.append('-');
                }
                out.append(c);
                dash = false;
            } else {
                dash = true;
            }
            if (out.length() >= MAX_ID_LENGTH) {
                break;
            }
        }
        return out.length() == 0 ? "source" : out.toString();
    }

    /** How the feed server wants to be authenticated. */
    public record Auth(Type type, String user, String secret) {
        public static final Auth NONE = new Auth(Type.NONE, null, null);

        public enum Type { NONE, BASIC, BEARER }

        @Override
        public String toString() {
            return "Auth[" + type + (user == null ? "" : ", user=" + user) + "]";
        }
    }
}
