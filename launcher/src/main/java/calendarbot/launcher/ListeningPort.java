package calendarbot.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The kiosk's HTTP port, which a start must get or fail: Felix HTTP Jetty only logs a port it cannot bind and the
 * framework runs on without HTTP, so systemd's {@code Restart=on-failure} would never fire. Checked twice: by binding
 * it before the framework starts (the usual case, with a clear line and no framework at all), and, because another
 * program could take it in between, by waiting for Jetty's HttpServiceRuntime, which Felix HTTP registers only once
 * a connector is listening.
 */
final class ListeningPort {

    static final String RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    /**
     * Jetty starts within its bundle's start; this only bounds a restart Felix HTTP may do on its own when its
     * configuration arrives ({@code -Dcalendarbot.http.wait=SECONDS}).
     */
    static final Duration CONNECTOR_WAIT = Duration.ofSeconds(Long.getLong("calendarbot.http.wait", 30));

    private final String host;
    private final int port;

    ListeningPort(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Null when the port can be bound, else one line saying why not and what to do. */
    String problemBeforeStart() {
        try (ServerSocket probe = new ServerSocket()) {
            // as Jetty binds it: a port in TIME_WAIT after the last kiosk stopped is free
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return null;
        } catch (BindException e) {
            return cannotListen(e.getMessage());
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            return cannotListen(e.toString());
        }
    }

    private String cannotListen(String reason) {
        String why = reason != null && reason.contains("in use")
                ? "the port is in use by another program (another CalendarBot?)"
                : reason != null && reason.contains("assign") ? host + " is not an address of this machine" : reason;
        return "cannot listen on " + host + ":" + port + ": " + why + "; stop it, or choose another port with --port N "
                + "or CALENDARBOT_WEB_PORT (and the address with --host or CALENDARBOT_WEB_HOST)";
    }

    /**
     * Null once Jetty listens (its HttpServiceRuntime is registered with an endpoint), else, after
     * {@code wait}, why the kiosk has no HTTP.
     */
    String problemAfterStart(BundleContext context, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (endpoint(context) != null) {
                return null;
            }
            if (System.nanoTime() - deadline > 0) {
                return "no HTTP connector started on " + host + ":" + port + " within " + wait.toSeconds()
                        + " s (see the org.apache.felix.http lines above); stopping, so that a supervisor restarts it";
            }
            Thread.sleep(100);
        }
    }

    /** The first endpoint Jetty announces, or null. */
    static String endpoint(BundleContext context) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(RUNTIME, null);
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    Object endpoint = ref.getProperty("osgi.http.endpoint");
                    if (endpoint instanceof String[] all && all.length > 0) {
                        return all[0];
                    }
                    if (endpoint instanceof String one) {
                        return one;
                    }
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return null;
        }
        return null;
    }

    /** Where the kiosk asks itself: a wildcard address is reached on the loopback. */
    URI self(String path) {
        String h = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1"
                : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port + path);
    }
}
