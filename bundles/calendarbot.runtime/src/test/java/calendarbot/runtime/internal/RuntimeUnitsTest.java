package calendarbot.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.SettingOrigins;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeUnitsTest {

    @Test
    void levelsAreReadFromEntriesAndCommaLists() {
        Map<String, String> levels = LoggingConfiguration.parseLevels(
                new String[] {"calendarbot.fetcher=DEBUG", "org.eclipse.jetty=WARN, calendarbot.web = TRACE", "junk"});
        assertEquals(Map.of("calendarbot.fetcher", "DEBUG", "org.eclipse.jetty", "WARN", "calendarbot.web", "TRACE"),
                levels);
    }

    @Test
    void configFilesKeepTypesAndEscapeInterpolation() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("service.pid", "calendarbot.fetcher");
        props.put("felix.fileinstall.filename", "file:/x");
        props.put("streamThresholdBytes", 123457);
        props.put("maxBodyBytes", 5L);
        props.put("enabled", true);
        props.put("name", "Work \"cal\" ${x} ü");
        props.put("skipKeywords", new String[] {"focus", "deep work"});
        String text = ConfigFileWriter.render(props);
        assertTrue(text.contains("streamThresholdBytes=I\"123457\"\n"), text);
        assertTrue(text.contains("maxBodyBytes=L\"5\"\n"), text);
        assertTrue(text.contains("enabled=B\"true\"\n"), text);
        assertTrue(text.contains("name=\"Work \\\"cal\\\" \\$\\{x\\} \\u00fc\"\n"), text);
        assertTrue(text.contains("skipKeywords=[\"focus\",\"deep work\"]\n"), text);
        assertTrue(!text.contains("service.pid") && !text.contains("fileinstall"), text);
    }

    @Test
    void factoryConfigurationsGetFileInstallNames() {
        assertEquals("calendarbot.fetcher.config", ConfigFileWriter.fileName("calendarbot.fetcher", null));
        assertEquals("calendarbot.source-work.config", ConfigFileWriter.fileName("calendarbot.source~work", "calendarbot.source"));
        assertEquals("calendarbot.source-1a2b_c3.config",
                ConfigFileWriter.fileName("calendarbot.source.1a2b-c3", "calendarbot.source"));
        assertTrue(ConfigFileWriter.managed("calendarbot.kiosk"));
        assertTrue(!ConfigFileWriter.managed("org.apache.felix.http"));
    }

    @Test
    void deployCheckSaysWhyAJarIsNoBundle(@TempDir Path dir) throws IOException {
        Path garbage = dir.resolve("broken.jar");
        Files.writeString(garbage, "not a zip");
        assertTrue(DeployFolderWatch.check(garbage).startsWith("broken.jar: not a jar"));
        Path plain = dir.resolve("plain.jar");
        writeJar(plain, null);
        assertEquals("plain.jar: not a bundle (no Bundle-SymbolicName in its manifest)", DeployFolderWatch.check(plain));
        Path bundle = dir.resolve("ok.jar");
        writeJar(bundle, "calendarbot.test");
        assertNull(DeployFolderWatch.check(bundle));
    }

    @Test
    void aConfigurationMadeForTheVariablesIsNeverWrittenToAFileNorIsItsMarker() {
        Hashtable<String, Object> made = new Hashtable<>(Map.of("service.pid", "calendarbot.refresh"));
        made.put(SettingOrigins.MADE_BY, SettingOrigins.MADE_FOR_VARIABLE);
        assertTrue(SettingOrigins.madeForVariablesOnly(made));
        made.put("jitterSeconds", 5);
        assertFalse(SettingOrigins.madeForVariablesOnly(made), "someone added a value of their own");
        String text = ConfigFileWriter.render(made);
        assertTrue(text.contains("jitterSeconds=I\"5\""), text);
        assertFalse(text.contains(SettingOrigins.MADE_BY), text);
    }

    private static void writeJar(Path jar, String bsn) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
    }
}
