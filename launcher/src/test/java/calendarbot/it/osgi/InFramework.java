package calendarbot.it.osgi;

import calendarbot.it.Http;
import calendarbot.it.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** What tests running inside the framework know of their boot (see {@link ProfileBoot}), and polling. */
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
        return Json.object(r.body());
    }

    /**
     * Waits (up to 30 s) until FileInstall watches the deploy folder: a bundle dropped there starts. The watcher is
     * itself created from a file in the profile's folder, so it comes a moment after the framework.
     */
    static void awaitDeployWatcher(org.osgi.framework.BundleContext context) throws Exception {
        Path jar = work().resolve("deploy/watcher-probe.jar");
        FullProfileIT.writeBundle(jar, "calendarbot.it.watcherprobe");
        boolean watching = within(Duration.ofSeconds(30), () -> {
            for (org.osgi.framework.Bundle b : context.getBundles()) {
                if ("calendarbot.it.watcherprobe".equals(b.getSymbolicName())
                        && b.getState() == org.osgi.framework.Bundle.ACTIVE) {
                    return true;
                }
            }
            return false;
        });
        java.nio.file.Files.delete(jar);
        if (!watching) {
            throw new AssertionError("FileInstall never picked up the deploy folder");
        }
    }

    /** Waits (up to 30 s) until FileInstall reads the user's configuration folder (--config). */
    static void awaitUserConfigWatcher(org.osgi.service.cm.ConfigurationAdmin admin) throws Exception {
        FullProfileIT.writeAtomically(work().resolve("user-configs/calendarbot.itwatch.cfg"), "ready = yes\n");
        if (!within(Duration.ofSeconds(30), () -> admin.listConfigurations("(service.pid=calendarbot.itwatch)") != null)) {
            throw new AssertionError("FileInstall never picked up the user configuration folder");
        }
    }

    /** Polls {@code condition} every 50 ms; true as soon as it holds, false if it never held within {@code limit}. */
    static boolean within(Duration limit, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return true;
                }
            } catch (IOException notYet) {
                // e.g. the servlet is not registered yet
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return false;
    }
}
