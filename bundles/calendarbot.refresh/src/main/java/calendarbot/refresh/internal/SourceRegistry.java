package calendarbot.refresh.internal;

import calendarbot.api.SourceDefinition;
import calendarbot.api.model.SourceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources the refresher knows, by their configuration and by id. The id names the source's archive files and
 * its entry in the store, so two configurations that ask for the same id (two files both named "Work") get distinct
 * ones, qualified by the configuration's own name, which is stable across restarts.
 */
final class SourceRegistry {

    private final Map<SourceDefinition, SourceState> byDefinition = new IdentityHashMap<>();
    private final Map<String, SourceState> byId = new HashMap<>();

    /** A new source for {@code definition}, or null when it is already known. */
    synchronized SourceState add(SourceDefinition definition) {
        if (byDefinition.containsKey(definition)) {
            return null;
        }
        SourceSpec spec = definition.spec();
        String id = uniqueId(spec.id(), definition.configName());
        SourceState s = new SourceState(id, spec.id(), definition, withId(spec, id), definition.problem());
        byDefinition.put(definition, s);
        byId.put(id, s);
        return s;
    }

    synchronized SourceState get(SourceDefinition definition) {
        return byDefinition.get(definition);
    }

    synchronized SourceState get(String id) {
        return byId.get(id);
    }

    /** Forgets the source of {@code definition}; null when it was not known. */
    synchronized SourceState remove(SourceDefinition definition) {
        SourceState s = byDefinition.remove(definition);
        if (s != null) {
            byId.remove(s.id);
        }
        return s;
    }

    /** A copy: each source is then handled under its own lock, never under this one. */
    synchronized List<SourceState> all() {
        return new ArrayList<>(byId.values());
    }

    /** {@code spec} under the id the registry gave it. */
    static SourceSpec withId(SourceSpec spec, String id) {
        return spec.id().equals(id) ? spec
                : new SourceSpec(id, spec.name(), spec.url(), spec.colour(), spec.enabled(), spec.auth(),
                        spec.headers());
    }

    private String uniqueId(String preferred, String configName) {
        if (!byId.containsKey(preferred)) {
            return preferred;
        }
        String base = preferred + "-" + SourceSpec.idOf(configName);
        String id = base;
        for (int n = 2; byId.containsKey(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
