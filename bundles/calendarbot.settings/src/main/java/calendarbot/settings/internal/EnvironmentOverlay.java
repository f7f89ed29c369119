package calendarbot.settings.internal;

import calendarbot.json.JsonReader;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationPlugin;

/**
 * The CALENDARBOT_* settings laid over the configurations as components receive them. The launcher read and
 * checked them (environment, calendarbot.env files) and hands them over in the framework property
 * {@value #PROPERTY}; Config Admin calls this plugin for every delivery, SCR's included (it reads configurations
 * through {@code getProcessedProperties}). So the stored configurations and the files stay as their owner wrote
 * them, and an environment value never reaches a file.
 */
final class EnvironmentOverlay implements ConfigurationPlugin {

    static final String PROPERTY = "calendarbot.environment";
    static final String SOURCE_FACTORY = "calendarbot.source";

    /**
     * One setting as the launcher resolved it.
     *
     * @param pid null for the launcher's own host and port
     * @param value null when no variable sets it
     * @param origin where the value came from ("environment", ".env &lt;file&gt;", "command line", "default"), or null
     */
    record Entry(String variable, String pid, String property, Object value, String origin) {
        boolean set() {
            return value != null && origin != null;
        }
    }

    private final List<Entry> entries;
    /** PID to the properties laid over it. */
    private final Map<String, Map<String, Object>> overlays = new LinkedHashMap<>();

    EnvironmentOverlay(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            if (e.pid() != null && e.set()) {
                overlays.computeIfAbsent(e.pid(), pid -> new LinkedHashMap<>()).put(e.property(), e.value());
            }
        }
    }

    /** The launcher's settings, or none (a framework started without the launcher: tests, check-feed). */
    static EnvironmentOverlay parse(String json) {
        List<Entry> entries = new ArrayList<>();
        if (json != null && !json.isBlank()) {
            Object list = JsonReader.at(JsonReader.parseObject(json), "settings");
            for (Object item : list instanceof List<?> l ? l : List.of()) {
                if (item instanceof Map<?, ?> m) {
                    entries.add(new Entry(text(m.get("variable")), text(m.get("pid")), text(m.get("property")),
                            typed(m.get("value")), text(m.get("origin"))));
                }
            }
        }
        return new EnvironmentOverlay(entries);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** JSON numbers arrive as Long; the settings are int properties. */
    private static Object typed(Object value) {
        if (value instanceof Long n && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        return value;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The PIDs a variable sets something in. */
    Map<String, Map<String, Object>> overlays() {
        return overlays;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Object pid = properties.get("service.pid");
        Map<String, Object> overlay = pid == null ? null : overlays.get(pid.toString());
        if (overlay != null) {
            overlay.forEach(properties::put);
        } else if (EnvironmentConfigurations.MADE_FROM_ENVIRONMENT.equals(
                properties.get(EnvironmentConfigurations.MARKER))
                && SOURCE_FACTORY.equals(properties.get("service.factoryPid"))) {
            // the calendar of a variable no longer set, until EnvironmentConfigurations removes it: not an error
            properties.put("enabled", Boolean.FALSE);
        }
    }
}
