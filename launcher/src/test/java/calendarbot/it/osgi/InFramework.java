package calendarbot.it.osgi;

import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.Bundle;

/** What tests inside the framework know of their boot (see {@link ProfileBoot}) and the watchers they await. */
final class InFramework {
    private InFramework() {
    }

    static Path work() {
        return Path.of(System.getProperty(ProfileBoot.WORK));
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty(ProfileBoot.PORT) + path);
    }

    static Map<String, Object> getJson(String path) throws IOException {
        Http.Response r = Http.get(uri(path));
        if (r.status() != 200 && r.status() != 503) {
            throw new IOException(path + " answered " + r.status() + ": " + r.body());
        }
        return JsonReader.parseObject(r.body());
    }

    /**
     * Waits until FileInstall watches the deploy folder: a bundle dropped there starts. The watcher is itself
     * created from a file in the profile's folder, so it comes a moment after the framework.
     */
    static void awaitDeployWatcher(org.osgi.framework.BundleContext context) throws Exception {
        Path jar = work().resolve("deploy/watcher-probe.jar");
        FullProfileIT.writeBundle(jar, "calendarbot.it.watcherprobe");
        Poll.until("FileInstall to start a probe bundle from the deploy folder",
                () -> state(context, "calendarbot.it.watcherprobe"), state -> state == Bundle.ACTIVE);
        java.nio.file.Files.delete(jar);
        Poll.until("the probe bundle to leave with its jar", () -> state(context, "calendarbot.it.watcherprobe"),
                state -> state == -1);
    }

    /** Waits until FileInstall reads the user's configuration folder (--config). */
    static void awaitUserConfigWatcher(org.osgi.service.cm.ConfigurationAdmin admin) throws Exception {
        FullProfileIT.writeAtomically(work().resolve("user-configs/calendarbot.itwatch.cfg"), "ready = yes\n");
        Poll.until("FileInstall to read the user configuration folder",
                () -> admin.listConfigurations("(service.pid=calendarbot.itwatch)") != null);
    }

    /** The state of the bundle with this symbolic name, or -1 when none is installed. */
    static int state(org.osgi.framework.BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b.getState();
            }
        }
        return -1;
    }
}
