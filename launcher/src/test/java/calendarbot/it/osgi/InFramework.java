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
