package calendarbot.it.osgi;

import static calendarbot.it.osgi.InFramework.getJson;
import static calendarbot.it.osgi.InFramework.uri;
import static calendarbot.it.osgi.InFramework.work;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The full profile booted with its bundles and configuration: live configuration, deploy folder, console. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FullProfileIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private MetaTypeService metaType;

    @Configuration
    public Option[] config() throws IOException {
        return ProfileBoot.options("full");
    }

    @Test
    public void everyBundleOfTheProfileIsActive() throws Exception {
        Poll.until("/api/status to answer", () -> getJson("/api/status"));
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            if (b.getState() != (fragment ? Bundle.RESOLVED : Bundle.ACTIVE)) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertEquals("bundles not active", List.of(), notActive);
        Object bundles = getJson("/api/status").get("bundles");
        assertTrue("/api/status lists the bundles", bundles instanceof List && ((List<?>) bundles).size() > 20);
    }

    @Test
    public void fetcherSettingFromTheConfigFolderIsLiveWithoutARestart() throws Exception {
        InFramework.awaitUserConfigWatcher(configurationAdmin);
        Path userConfigs = work().resolve("user-configs");
        writeAtomically(userConfigs.resolve("calendarbot.fetcher.cfg"), "streamThresholdBytes = 123457\n");
        Poll.until("streamThresholdBytes=123457 in /api/status and on the fetcher service",
                () -> JsonReader.at(getJson("/api/status"), "config", "calendarbot.fetcher", "streamThresholdBytes")
                        + " / service " + fetcherProperty("streamThresholdBytes"),
                seen -> seen.equals("123457 / service 123457"));
    }

    @Test
    public void consoleIsLockedWithAdminAdminAndOpensWithTheGeneratedPassword() throws Exception {
        Path passwordFile = work().resolve("data/console-password");
        Poll.until("the generated password file " + passwordFile, () -> Files.exists(passwordFile));
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(passwordFile));
        String password = Files.readString(passwordFile).trim();
        Poll.until("the console to open with the generated password",
                () -> Http.get(uri("/system/console/bundles"), "admin", password).status(), status -> status == 200);
        assertEquals(401, Http.get(uri("/system/console/bundles"), "admin", "admin").status());
        assertEquals(401, Http.get(uri("/system/console/bundles")).status());
        Object stored = configurationAdmin.getConfiguration("calendarbot.console", "?").getProperties().get("passwordHash");
        assertTrue("hash stored in the configuration: " + stored, String.valueOf(stored).startsWith("{sha-256}"));
        assertFalse("the clear password is not in the configuration", String.valueOf(stored).contains(password));
    }

    @Test
    public void consoleChangeIsLiveAndSavedToTheUserConfigFolder() throws Exception {
        Path passwordFile = work().resolve("data/console-password");
        Poll.until("the generated password file " + passwordFile, () -> Files.exists(passwordFile));
        String password = Files.readString(passwordFile).trim();
        Http.Response r = Http.postForm(uri("/system/console/configMgr/calendarbot.fetcher"),
                "apply=true&action=ajaxConfigManager&propertylist=fetchConcurrency&fetchConcurrency=3", "admin", password);
        assertTrue("console answered " + r.status(), r.status() == 200 || r.status() == 302);
        Poll.until("fetchConcurrency=3 on the fetcher service", () -> fetcherProperty("fetchConcurrency"),
                "3"::equals);
        Path saved = work().resolve("user-configs/calendarbot.fetcher.config");
        Path savedCfg = work().resolve("user-configs/calendarbot.fetcher.cfg");
        Poll.until("the console's change written to the user's folder",
                () -> contains(saved, "fetchConcurrency") || contains(savedCfg, "fetchConcurrency"));
        // a configuration can hold a feed's key or a password hash
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(Files.exists(saved) ? saved : savedCfg));
    }

    @Test
    public void consoleLoginsSlowDownAfterWrongPasswords() throws Exception {
        Path passwordFile = work().resolve("data/console-password");
        Poll.until("the generated password file " + passwordFile, () -> Files.exists(passwordFile));
        String password = Files.readString(passwordFile).trim();
        URI page = uri("/system/console/bundles");
        // After the sixth failure the address waits a second (the default), the right password included. Only an
        // answer within that second says anything; a slower round (a loaded machine) is tried again.
        Poll.until("the right password refused with 429 within a second of the sixth failure", () -> {
            Poll.until("the console to open with the generated password",
                    () -> Http.get(page, "admin", password).status(), status -> status == 200);
            for (int i = 0; i < 6; i++) {
                assertEquals(401, Http.get(page, "admin", "guess" + i).status());
            }
            long sixth = System.nanoTime();
            int status = Http.get(page, "admin", password).status();
            return System.nanoTime() - sixth < 900_000_000L ? status : -1;
        }, status -> status == 429);
        Poll.until("the right password to open the console again after the wait",
                () -> Http.get(page, "admin", password).status(), status -> status == 200);
    }

    @Test
    public void bundleDroppedIntoDeployStartsAndLeavesWhenDeleted() throws Exception {
        InFramework.awaitDeployWatcher(context);
        Path deploy = work().resolve("deploy");
        Path jar = deploy.resolve("hello.jar");
        writeBundle(jar, "calendarbot.it.hello");
        Poll.until("the deployed bundle to be active", () -> state("calendarbot.it.hello"), s -> s == Bundle.ACTIVE);
        Files.delete(jar);
        Poll.until("the deleted bundle to be uninstalled", () -> state("calendarbot.it.hello"), s -> s == -1);
    }

    @Test
    public void brokenJarIsReportedAndHarmsNothing() throws Exception {
        Path deploy = work().resolve("deploy");
        writeAtomically(deploy.resolve("broken.jar"), "this is not a zip file");
        Poll.until("broken.jar in /api/status's deploy_problems",
                () -> String.valueOf(getJson("/api/status").get("deploy_problems")), p -> p.contains("broken.jar"));
        assertEquals(200, Http.get(uri("/api/whats-next")).status());
        for (Bundle b : context.getBundles()) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                assertEquals(b.getSymbolicName(), Bundle.ACTIVE, b.getState());
            }
        }
        Files.delete(deploy.resolve("broken.jar"));
    }

    @Test
    public void everyCalendarBotConfigurationHasATypedFormInTheConsole() throws Exception {
        Map<String, ObjectClassDefinition> forms = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().startsWith("calendarbot.")) {
                MetaTypeInformation info = metaType.getMetaTypeInformation(b);
                if (info == null) {
                    continue; // the API bundle and the logging fragment configure nothing
                }
                for (String pid : info.getPids()) {
                    forms.put(pid, info.getObjectClassDefinition(pid, null));
                }
                for (String pid : info.getFactoryPids()) {
                    forms.put(pid, info.getObjectClassDefinition(pid, null));
                }
            }
        }
        List<String> expected = List.of("calendarbot.cache", "calendarbot.console", "calendarbot.fetcher",
                "calendarbot.kiosk", "calendarbot.logging", "calendarbot.parser", "calendarbot.refresh",
                "calendarbot.rrule", "calendarbot.source");
        assertTrue("Metatype missing for some PIDs: " + forms.keySet(), forms.keySet().containsAll(expected));
        Path passwordFile = work().resolve("data/console-password");
        Poll.until("the generated password file " + passwordFile, () -> Files.exists(passwordFile));
        String password = Files.readString(passwordFile).trim();
        for (String pid : expected) {
            ObjectClassDefinition ocd = forms.get(pid);
            AttributeDefinition[] ads = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            assertTrue(pid + " has no settings", ads != null && ads.length > 0);
            for (AttributeDefinition ad : ads) {
                assertTrue(pid + "." + ad.getID() + " needs a name and a description",
                        ad.getName() != null && !ad.getName().isBlank() && ad.getDescription() != null
                                && !ad.getDescription().isBlank());
            }
            // The console renders the form from this Metatype, configured or not.
            Http.Response page = Http.get(uri("/system/console/configMgr/" + pid), "admin", password);
            assertEquals(pid, 200, page.status());
            assertTrue(pid + " form not in the console page", page.body().contains(ocd.getName()));
        }
        AttributeDefinition threshold = find(forms.get("calendarbot.fetcher"), "streamThresholdBytes");
        assertEquals(AttributeDefinition.INTEGER, threshold.getType());
        assertEquals("262144", threshold.getDefaultValue()[0]);
    }

    private static AttributeDefinition find(ObjectClassDefinition ocd, String id) {
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            if (ad.getID().equals(id)) {
                return ad;
            }
        }
        throw new AssertionError(ocd.getID() + " has no " + id);
    }

    @Test
    public void bundlesLogThroughSlf4jToTheFileAndLevelsChangeAtRuntime() throws Exception {
        Path logFile = work().resolve("data/logs/calendarbot.log");
        Poll.until("a bundle's SLF4J line in " + logFile,
                () -> contains(logFile, "calendarbot.rrule.internal.RecurrenceWorker"));
        org.slf4j.Logger probe = org.slf4j.LoggerFactory.getLogger("calendarbot.itprobe.Levels");
        assertFalse("SLF4J fell back to its no-op logger", probe instanceof org.slf4j.helpers.NOPLogger);
        assertFalse(probe.isDebugEnabled());
        InFramework.awaitUserConfigWatcher(configurationAdmin);
        writeAtomically(work().resolve("user-configs/calendarbot.logging.cfg"),
                "rootLevel = INFO\nlevels = calendarbot.itprobe=DEBUG\n");
        Poll.until("DEBUG enabled for calendarbot.itprobe", probe::isDebugEnabled);
        probe.debug("probe line {}", 42);
        assertTrue(contains(logFile, "DEBUG [") && contains(logFile, "calendarbot.itprobe.Levels: probe line 42"));
    }

    private String fetcherProperty(String name) {
        ServiceReference<?>[] refs;
        try {
            refs = context.getAllServiceReferences("calendarbot.api.FeedFetcher", null);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return refs == null ? "none" : String.valueOf(refs[0].getProperty(name));
    }

    private int state(String symbolicName) {
        return InFramework.state(context, symbolicName);
    }

    private static boolean contains(Path file, String text) throws IOException {
        return Files.exists(file) && Files.readString(file).contains(text);
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A bundle with nothing but a manifest, written next to the target and moved in, as a user's copy would end. */
    static void writeBundle(Path jar, String symbolicName) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        Path tmp = jar.resolveSibling("." + jar.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE);
    }
}
