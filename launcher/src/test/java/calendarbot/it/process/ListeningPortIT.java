package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kiosk without its HTTP port is no kiosk: the start fails with a clear line and a non-zero exit. */
class ListeningPortIT {

    @TempDir
    Path work;

    @Test
    void aTakenPortStopsTheStartBeforeTheFrameworkDoes() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = other.getLocalPort();
            Distribution.Exit exit = Distribution.runToExit("pi", work.resolve("configs"), work.resolve("data"),
                    Map.of(), port);
            assertEquals(1, exit.code(), exit.output());
            assertEquals("calendarbot: cannot listen on 127.0.0.1:" + port + ": the port is in use by another program "
                    + "(another CalendarBot?); stop it, or choose another port with --port N or CALENDARBOT_WEB_PORT "
                    + "(and the address with --host or CALENDARBOT_WEB_HOST)\n", exit.output());
            assertFalse(Files.exists(work.resolve("data/felix-cache")), "no framework was started");
        }
    }

    @Test
    void aConnectorThatNeverStartsStopsTheKioskToo() throws Exception {
        // Jetty with its HTTP connector switched off: what a port taken between the check and Jetty's bind leaves
        Distribution.Exit exit = Distribution.runToExit("pi", work.resolve("configs"), work.resolve("data"),
                Map.of("JAVA_OPTS", "-Dorg.apache.felix.http.enable=false -Dcalendarbot.http.wait=1"),
                Distribution.freePort());
        assertEquals(1, exit.code(), exit.output());
        assertTrue(exit.output().contains("calendarbot: no HTTP connector started on 127.0.0.1:"), exit.output());
        assertTrue(exit.output().contains("calendarbot: stopping"), "the bundles are stopped cleanly: " + exit.output());
    }
}
