package calendarbot.web.internal;

import calendarbot.api.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed layouts, each read into memory when its bundle registers it and dropped when it goes: a
 * layout dropped into deploy/ shows up without a restart, and a removed one stops being served.
 */
@Component(service = LayoutRegistry.class)
public class LayoutRegistry {

    /** The layout every distribution has, and the fallback for an unknown name. */
    static final String DEFAULT = "whatsnext";
    static final int MAX_RESOURCES = 200;
    static final int MAX_RESOURCE_BYTES = 2 * 1024 * 1024;
    /** A layout is a page, a script, a style sheet and a few images; more than this is a mistake. */
    static final long MAX_LAYOUT_BYTES = 8L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LayoutRegistry.class);

    private final Map<String, LoadedLayout> layouts = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeLayout")
    void addLayout(Layout layout) {
        LoadedLayout loaded = load(layout);
        if (loaded == null) {
            return;
        }
        LoadedLayout previous = layouts.put(loaded.name(), loaded);
        if (previous != null) {
            LOG.warn("web: a second layout named \"{}\" replaces the first", loaded.name());
        }
        LOG.info("web: layout \"{}\" ({}) ready, {} files, {} KB in memory", loaded.name(), loaded.title(),
                loaded.resources().size(), (loaded.bytes() + 1023) / 1024);
    }

    void removeLayout(Layout layout) {
        layouts.values().removeIf(loaded -> {
            if (loaded.layout() == layout) {
                LOG.info("web: layout \"{}\" removed", loaded.name());
                return true;
            }
            return false;
        });
    }

    LoadedLayout get(String name) {
        return name == null ? null : layouts.get(name);
    }

    /** Installed layouts, by name. */
    Collection<LoadedLayout> all() {
        return List.copyOf(layouts.values());
    }

    /**
     * The layout to show for {@code wanted}: it when installed with an entry page, else whatsnext, else any
     * installed layout with an entry page; null when none is.
     */
    LoadedLayout choose(String wanted) {
        LoadedLayout chosen = get(wanted);
        if (chosen != null && chosen.entry() != null) {
            return chosen;
        }
        chosen = get(DEFAULT);
        if (chosen != null && chosen.entry() != null) {
            return chosen;
        }
        for (LoadedLayout any : layouts.values()) {
            if (any.entry() != null) {
                return any;
            }
        }
        return null;
    }

    static LoadedLayout load(Layout layout) {
        String name;
        try {
            name = layout.name();
        } catch (RuntimeException e) {
            LOG.error("web: a layout failed to say its name; not serving it", e);
            return null;
        }
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            LOG.error("web: layout name \"{}\" is not usable in a URL (letters, digits, . _ -); not serving it", name);
            return null;
        }
        Map<String, Representation> resources = new LinkedHashMap<>();
        long total = 0;
        List<String> paths = layout.resources() == null ? List.of() : layout.resources();
        for (String raw : paths) {
            if (resources.size() == MAX_RESOURCES) {
                LOG.warn("web: layout \"{}\" has more than {} files; the rest are not served", name, MAX_RESOURCES);
                break;
            }
            String path = normalise(raw);
            if (path == null) {
                LOG.warn("web: layout \"{}\": ignoring the resource path \"{}\"", name, raw);
                continue;
            }
            byte[] bytes = read(name, path, layout.resource(raw));
            if (bytes == null) {
                continue;
            }
            total += bytes.length;
            if (total > MAX_LAYOUT_BYTES) {
                LOG.warn("web: layout \"{}\" is larger than {} MB; {} and later files are not served", name,
                        MAX_LAYOUT_BYTES >> 20, path);
                break;
            }
            boolean entry = path.equals(LoadedLayout.ENTRY);
            // The entry page is served at / and changes with configuration: always revalidate it (ETag).
            resources.put(path, Representation.of(entry ? ReadyMarker.add(bytes) : bytes, ContentTypes.of(path),
                    entry ? Representation.NO_CACHE : Representation.SHORT_CACHE));
        }
        if (!resources.containsKey(LoadedLayout.ENTRY)) {
            LOG.warn("web: layout \"{}\" has no {}; it cannot be the kiosk page", name, LoadedLayout.ENTRY);
        }
        return new LoadedLayout(layout, name, orEmpty(layout.title(), name), orEmpty(layout.description(), ""),
                Map.copyOf(resources));
    }

    private static byte[] read(String layout, String path, URL url) {
        if (url == null) {
            LOG.warn("web: layout \"{}\" lists {} but does not have it", layout, path);
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readNBytes(MAX_RESOURCE_BYTES + 1);
            if (bytes.length > MAX_RESOURCE_BYTES) {
                LOG.warn("web: layout \"{}\": {} is larger than {} MB; not served", layout, path,
                        MAX_RESOURCE_BYTES >> 20);
                return null;
            }
            return bytes;
        } catch (IOException e) {
            LOG.warn("web: layout \"{}\": cannot read {}: {}", layout, path, e.toString());
            return null;
        }
    }

    /** A relative path without "." or ".." segments, or null. */
    static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String path = raw.replace('\\', '/');
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty() || path.endsWith("/")) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
            kept.add(segment);
        }
        return String.join("/", kept);
    }

    private static String orEmpty(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
