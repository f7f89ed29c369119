package calendarbot.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The files under this bundle's static/ folder (the shared kiosk script), read once at activation. */
final class StaticResources {

    static final String FOLDER = "static";

    private static final Logger LOG = LoggerFactory.getLogger(StaticResources.class);

    private final Map<String, Representation> files;

    StaticResources(Map<String, byte[]> contents) {
        Map<String, Representation> ready = new LinkedHashMap<>();
        contents.forEach((path, bytes) -> ready.put(path,
                Representation.of(bytes, ContentTypes.of(path), Representation.SHORT_CACHE)));
        files = Map.copyOf(ready);
    }

    static StaticResources load(Bundle bundle) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Enumeration<URL> entries = bundle.findEntries(FOLDER, "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            int at = path.indexOf("/" + FOLDER + "/");
            if (path.endsWith("/") || at < 0) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                contents.put(path.substring(at + FOLDER.length() + 2),
                        in.readNBytes(LayoutRegistry.MAX_RESOURCE_BYTES));
            } catch (IOException e) {
                LOG.warn("web: cannot read {} of this bundle: {}", path, e.toString());
            }
        }
        return new StaticResources(contents);
    }

    Representation get(String path) {
        return path == null ? null : files.get(path);
    }

    int size() {
        return files.size();
    }
}
