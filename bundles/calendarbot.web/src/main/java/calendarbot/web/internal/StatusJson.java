package calendarbot.web.internal;

import calendarbot.api.model.SettingOrigin;
import calendarbot.json.IsoTimes;
import calendarbot.json.JsonWriter;
import java.lang.reflect.Array;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of GET /api/status: bundles, the calendarbot.* configurations (secrets masked), where each
 * CALENDARBOT_* setting's value came from, deploy problems and the framework, to answer "what is running and how is it configured?" without the web console.
 */
final class StatusJson {

    static final String MASK = "********";

    /** One installed bundle. */
    record BundleInfo(long id, String symbolicName, String version, String state, String location) {
    }

    /** One configuration; {@code factoryPid} is null for singletons. */
    record ConfigInfo(String pid, String factoryPid, Map<String, Object> properties) {
    }

    /** A bundle that did not start, or a framework error, with the bundle's location. */
    record Problem(String message, String location, Instant at) {
    }

    private StatusJson() {
    }

    /**
     * @param configs null when Config Admin is not running
     * @param startLevel the framework's start level
     */
    static String render(List<BundleInfo> bundles, List<ConfigInfo> configs, List<SettingOrigin> settings,
            List<Problem> problems, int startLevel, long uptimeSeconds) {
        JsonWriter w = new JsonWriter(4096).beginObject();
        w.name("bundles").beginArray();
        for (BundleInfo b : bundles) {
            w.beginObject()
                    .field("id", b.id())
                    .field("symbolic_name", b.symbolicName())
                    .field("version", b.version())
                    .field("state", b.state())
                    .endObject();
        }
        w.endArray();
        w.name("config");
        if (configs == null) {
            w.nullValue();
        } else {
            w.beginObject();
            for (ConfigInfo c : configs) {
                w.name(c.pid()).beginObject();
                for (Map.Entry<String, Object> p : new TreeMap<>(c.properties()).entrySet()) {
                    w.name(p.getKey());
                    value(w, p.getKey(), p.getValue());
                }
                w.endObject();
            }
            w.endObject();
        }
        // where each one-line setting's value came from: environment, .env <file>, file <file>, console, default
        w.name("settings").beginArray();
        for (SettingOrigin s : settings) {
            w.beginObject()
                    .field("variable", s.variable())
                    .field("pid", s.pid())
                    .field("property", s.property())
                    .name("value");
            value(w, s.property(), s.value());
            w.field("origin", s.origin()).endObject();
        }
        w.endArray();
        w.name("deploy_problems").beginArray();
        for (Problem p : problems) {
            w.beginObject()
                    .field("message", p.message())
                    .field("location", p.location())
                    .field("at_iso", IsoTimes.utc(p.at()))
                    .endObject();
        }
        w.endArray();
        w.name("framework").beginObject()
                .field("start_level", startLevel)
                .field("uptime_seconds", uptimeSeconds)
                .endObject();
        return w.endObject().toString();
    }

    /** True for keys whose values must not leave the kiosk (source passwords, tokens, console hash). */
    static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token");
    }

    private static void value(JsonWriter w, String key, Object value) {
        if (value == null) {
            w.nullValue();
        } else if (secret(key)) {
            w.value(MASK);
        } else if (value instanceof Boolean b) {
            w.value(b.booleanValue());
        } else if (value instanceof Double || value instanceof Float) {
            w.value(((Number) value).doubleValue());
        } else if (value instanceof Number n) {
            w.value(n.longValue());
        } else if (value.getClass().isArray()) {
            w.beginArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                value(w, key, Array.get(value, i));
            }
            w.endArray();
        } else if (value instanceof Collection<?> c) {
            w.beginArray();
            for (Object o : c) {
                value(w, key, o);
            }
            w.endArray();
        } else {
            String text = String.valueOf(value);
            w.value(isUrlKey(key) ? maskUrl(text) : isHeaderKey(key) ? maskHeader(text) : text);
        }
    }

    private static boolean isHeaderKey(String key) {
        return key.toLowerCase(Locale.ROOT).endsWith("headers");
    }

    /** A source's extra header ("X-Api-Key: 123" or "X-Api-Key=123"): its name is shown, its value is a secret. */
    static String maskHeader(String text) {
        int colon = text.indexOf(':');
        int equals = text.indexOf('=');
        int at = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
        return at < 0 ? MASK : text.substring(0, at + 1) + (text.charAt(at) == ':' ? " " : "") + MASK;
    }

    private static boolean isUrlKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.endsWith("url");
    }

    /**
     * A published calendar URL is itself the secret (Outlook and Google put a key in the path or query):
     * only the scheme and host are shown.
     */
    static String maskUrl(String text) {
        try {
            URI uri = URI.create(text.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return text.startsWith("file:") ? text : MASK;
            }
            boolean more = uri.getRawPath() != null && uri.getRawPath().length() > 1 || uri.getRawQuery() != null;
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + (more ? "/" + MASK : "");
        } catch (IllegalArgumentException e) {
            return MASK;
        }
    }
}
