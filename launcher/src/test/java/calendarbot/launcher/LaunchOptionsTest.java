package calendarbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    @Test
    void defaultsFollowTheDistribution(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("profile"), "pi\n");
        LaunchOptions o = LaunchOptions.parse(new String[0], home, Map.of());
        assertEquals("pi", o.profile());
        assertEquals(home.resolve("data").toAbsolutePath(), o.data());
        assertEquals(o.data().resolve("configs"), o.extraConfig());
    }

    @Test
    void thePiListensOnlyWhereItsDisplayIsUntilItsOwnerOpensIt(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("profile"), "pi\n");
        assertEquals("127.0.0.1", LaunchOptions.parse(new String[0], home, Map.of()).host());
        assertEquals("0.0.0.0", LaunchOptions.defaultHost("full"));
        LaunchOptions opened = LaunchOptions.parse(new String[0], home, Map.of("CALENDARBOT_WEB_HOST", "0.0.0.0"));
        assertEquals("0.0.0.0", opened.host());
        assertEquals("environment", opened.hostOrigin());
    }

    @Test
    void theCommandLineWinsOverTheEnvironmentWhichWinsOverAFile(@TempDir Path home) throws Exception {
        Path data = Files.createDirectories(home.resolve("data"));
        Files.writeString(data.resolve("calendarbot.env"), "CALENDARBOT_WEB_PORT=9001\nCALENDARBOT_WEB_HOST=10.0.0.2\n");
        LaunchOptions fromFile = LaunchOptions.parse(new String[0], home, Map.of());
        assertEquals(9001, fromFile.port());
        assertEquals(".env " + data.resolve("calendarbot.env"), fromFile.portOrigin());
        LaunchOptions fromEnvironment = LaunchOptions.parse(new String[0], home, Map.of("CALENDARBOT_WEB_PORT", "9002"));
        assertEquals(9002, fromEnvironment.port());
        assertEquals("10.0.0.2", fromEnvironment.host(), "the file still gives what the environment does not");
        LaunchOptions fromOption = LaunchOptions.parse(new String[] {"--port", "9003"}, home,
                Map.of("CALENDARBOT_WEB_PORT", "9002"));
        assertEquals(9003, fromOption.port());
        assertEquals("command line", fromOption.portOrigin());
        assertEquals(9004, LaunchOptions.parse(new String[0], home, Map.of("CALENDARBOT_PORT", "9004")).port(),
                "the older name still works");
    }

    @Test
    void optionsOverrideAndBadValuesAreExplained(@TempDir Path home) throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[] {"--port", "9090", "--config", "/tmp/x", "--data", "/tmp/d"},
                home, Map.of());
        assertEquals(9090, o.port());
        assertEquals(Path.of("/tmp/x"), o.extraConfig());
        assertEquals(Path.of("/tmp/d"), o.data());
        var e = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] {"--port", "http"}, home, Map.of()));
        assertTrue(e.getMessage().contains("'http'"));
        assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(new String[] {"--profile", "pi"}, home, Map.of()));
    }

    @Test
    void frameworkKeepsItsStorageAndWatchesTheProfileFolder(@TempDir Path home) throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[] {"--port", "8081"}, home, Map.of());
        var p = Main.frameworkProperties(o);
        assertEquals("none", p.get("org.osgi.framework.storage.clean"));
        assertEquals(home.resolve("configs").toString(), p.get("felix.fileinstall.dir"));
        assertEquals("8081", p.get("org.osgi.service.http.port"));
        assertEquals("false", p.get("felix.fileinstall.enableConfigSave"), "distribution files stay untouched");
        assertEquals("calendarbot", p.get("felix.webconsole.security.providers"),
                "the console opens only through calendarbot.console's login, never with its built-in admin/admin");
    }

    @Test
    void thePiProfileKeepsFewerJettyThreads(@TempDir Path home) throws Exception {
        LaunchOptions pi = new LaunchOptions(home, "pi", 8081, "127.0.0.1", home.resolve("data"), home.resolve("c"));
        var p = Main.frameworkProperties(pi);
        assertEquals("4", p.get("org.apache.felix.http.jetty.threadpool.max"));
        assertEquals("0", p.get("org.apache.felix.http.jetty.acceptors"), "the selector accepts");
        assertEquals("true", p.get("felix.fileinstall.disableNio2"), "no watch service thread per folder");
        assertEquals("true", p.get("ds.cache.metadata"), "SCR keeps parsed component descriptions across starts");
    }

    @Test
    void felixAndJettySettingsCanBeTunedWithSystemProperties(@TempDir Path home) throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[0], home, Map.of());
        assertEquals("8", Main.frameworkProperties(o).get("org.apache.felix.http.jetty.threadpool.max"));
        System.setProperty("org.apache.felix.http.jetty.threadpool.max", "12");
        System.setProperty("felix.resolver.parallelism", "1");
        try {
            var p = Main.frameworkProperties(o);
            assertEquals("12", p.get("org.apache.felix.http.jetty.threadpool.max"));
            assertEquals("1", p.get("felix.resolver.parallelism"));
        } finally {
            System.clearProperty("org.apache.felix.http.jetty.threadpool.max");
            System.clearProperty("felix.resolver.parallelism");
        }
    }
}
