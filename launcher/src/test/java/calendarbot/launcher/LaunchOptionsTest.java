package calendarbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOptionsTest {

    @Test
    void defaultsFollowTheDistribution(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("profile"), "pi\n");
        LaunchOptions o = LaunchOptions.parse(new String[0], home);
        assertEquals("pi", o.profile());
        assertEquals(home.resolve("data").toAbsolutePath(), o.data());
        assertEquals(o.data().resolve("configs"), o.extraConfig());
    }

    @Test
    void thePiListensOnlyWhereItsDisplayIsUntilItsOwnerOpensIt() {
        assertEquals("127.0.0.1", LaunchOptions.defaultHost("pi", name -> null));
        assertEquals("0.0.0.0", LaunchOptions.defaultHost("full", name -> null));
        assertEquals("0.0.0.0", LaunchOptions.defaultHost("pi", java.util.Map.of("CALENDARBOT_WEB_HOST", "0.0.0.0")::get));
    }

    @Test
    void optionsOverrideAndBadValuesAreExplained(@TempDir Path home) throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[] {"--port", "9090", "--config", "/tmp/x", "--data", "/tmp/d"}, home);
        assertEquals(9090, o.port());
        assertEquals(Path.of("/tmp/x"), o.extraConfig());
        assertEquals(Path.of("/tmp/d"), o.data());
        var e = assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(new String[] {"--port", "http"}, home));
        assertTrue(e.getMessage().contains("'http'"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(new String[] {"--profile", "pi"}, home));
    }

    @Test
    void frameworkKeepsItsStorageAndWatchesTheProfileFolder(@TempDir Path home) throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[] {"--port", "8081"}, home);
        var p = Main.frameworkProperties(o);
        assertEquals("none", p.get("org.osgi.framework.storage.clean"));
        assertEquals(home.resolve("configs").toString(), p.get("felix.fileinstall.dir"));
        assertEquals("8081", p.get("org.osgi.service.http.port"));
        assertEquals("false", p.get("felix.fileinstall.enableConfigSave"), "distribution files stay untouched");
        assertEquals("calendarbot", p.get("felix.webconsole.security.providers"),
                "the console opens only through calendarbot.console's login, never with its built-in admin/admin");
    }

    @Test
    void felixAndJettySettingsCanBeTunedWithSystemProperties(@TempDir Path home) throws Exception {
        LaunchOptions o = LaunchOptions.parse(new String[0], home);
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
