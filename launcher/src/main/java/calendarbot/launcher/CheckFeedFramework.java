package calendarbot.launcher;

import calendarbot.api.SourceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The distribution's own bundles and configuration, booted for check-feed: the profile's bundles less those that
 * fetch on their own, serve HTTP, draw or administer (refresh, web, layouts, display, plug-ins, runtime, Jetty,
 * console, shell), with the profile's {@code configs/} and the user's folder read by FileInstall exactly as the server
 * reads them, and the CALENDARBOT_* settings laid over them by calendarbot.settings as on the server. Its services
 * answer as the wall would: the user's time zone, skip keywords and the pi's description limit included.
 *
 * <p>calendarbot.api is not installed as a bundle but exported by the system bundle from the launcher's class path,
 * so the records the launcher builds (a SourceSpec) and receives (a WhatsNext) are the services' own classes.
 */
final class CheckFeedFramework implements AutoCloseable {

    /** The CalendarBot bundles check-feed boots; every other one (refresh, web, layouts, plug-ins) stays out. */
    static final List<String> KEPT = List.of("calendarbot.json", "calendarbot.logging", "calendarbot.settings",
            "calendarbot.fetcher",
            "calendarbot.parser", "calendarbot.parser.ical4j", "calendarbot.rrule", "calendarbot.cache",
            "calendarbot.kiosk");
    /** Libraries check-feed leaves out, by symbolic name or name prefix ending in '.': HTTP, console, shell. */
    static final List<String> LEFT_OUT = List.of("org.apache.felix.http.", "org.apache.felix.webconsole",
            "org.apache.felix.inventory", "org.apache.felix.gogo.", "org.apache.commons.commons-fileupload",
            "org.apache.commons.commons-io", "org.owasp.encoder");
    /** The services check-feed uses, each with the configuration that shapes it. */
    static final Map<String, String> PID_OF = Map.of(
            "calendarbot.api.FeedFetcher", "calendarbot.fetcher",
            "calendarbot.api.IcsParser", "calendarbot.parser",
            "calendarbot.api.RecurrenceExpander", "calendarbot.rrule",
            "calendarbot.api.EventStore", "calendarbot.cache",
            "calendarbot.api.MeetingSelector", "calendarbot.kiosk",
            "calendarbot.api.KioskSettings", "calendarbot.kiosk",
            "calendarbot.api.Clock", "calendarbot.kiosk");
    /** The calendars: one factory configuration each, named after its file or its variable. */
    static final String SOURCE_PREFIX = OneLineSettings.SOURCE_FACTORY + "~";
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";
    private static final long PATIENCE_MILLIS = 15_000;

    private final Framework framework;
    private final Path storage;
    private final Map<String, Path> configFiles;
    /** PID to the properties the CALENDARBOT_* variables set in it. */
    private final Map<String, Map<String, Object>> overlaid;

    private CheckFeedFramework(Framework framework, Path storage, Map<String, Path> configFiles,
            Map<String, Map<String, Object>> overlaid) {
        this.framework = framework;
        this.storage = storage;
        this.configFiles = configFiles;
        this.overlaid = overlaid;
    }

    /**
     * Boots the bundles of {@code home} with its configs/, the user's {@code config} folder and the checked
     * CALENDARBOT_* {@code settings}.
     */
    static CheckFeedFramework boot(Path home, Path data, Path config, List<OneLineSettings.Setting> settings)
            throws IOException, BundleException {
        Path storage = Files.createTempDirectory("calendarbot-check-feed-");
        Map<String, String> p = new HashMap<>();
        p.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        p.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, exportsOf(home.resolve("bundle/calendarbot.api.jar")));
        p.put("felix.log.level", "1");
        p.put("calendarbot.home", home.toString());
        p.put("calendarbot.data", data.toString());
        p.put("calendarbot.config.extra", config.toString());
        p.put(OneLineSettings.PROPERTY, OneLineSettings.transport(settings));
        p.put("felix.fileinstall.dir", home.resolve("configs").toString());
        // the calendarbot.* files and the watcher of the user's folder; not the deploy folder's plug-ins
        p.put("felix.fileinstall.filter", "(calendarbot\\..*|org\\.apache\\.felix\\.fileinstall-userconfig)\\.(cfg|config)");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.log.level", "1");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Framework framework = factory.newFramework(p);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(home.resolve("bundle"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                if (!leftOut(symbolicName(jar))) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        installed.add(context.installBundle(jar.toUri().toString(), in));
                    }
                }
            }
        }
        framework.start();
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    // a plug-in library that cannot resolve here; a service check-feed needs is waited for below
                    System.err.println("check-feed: " + b.getSymbolicName() + " did not start: " + e.getMessage());
                }
            }
        }
        return new CheckFeedFramework(framework, storage, expectedConfigFiles(home.resolve("configs"), config),
                overlaid(settings));
    }

    /** What the variables set, by PID (the launcher's host and port set none). */
    static Map<String, Map<String, Object>> overlaid(List<OneLineSettings.Setting> settings) {
        Map<String, Map<String, Object>> byPid = new HashMap<>();
        for (OneLineSettings.Setting s : settings) {
            if (s.target().pid() != null && s.value() != null && s.origin() != null) {
                byPid.computeIfAbsent(s.target().pid(), pid -> new HashMap<>()).put(s.target().property(), s.value());
            }
        }
        return byPid;
    }

    /**
     * The service of {@code type} once the configuration it is shaped by has arrived: when the profile's folder or
     * the user's has a file for its PID, the service carries that file's name (the user's file when both have one,
     * as on the server, where the user's folder is read after the profile's), and the values the CALENDARBOT_*
     * variables set in it.
     */
    <S> S service(Class<S> type) throws IOException {
        String pid = PID_OF.get(type.getName());
        BundleContext context = framework.getBundleContext();
        return context.getService(await(type, pid == null ? List.of() : List.of(pid), false).get(0));
    }

    /**
     * Every configured calendar, in the order of its configuration's name: one for each calendarbot.source-*.cfg
     * file of both folders and for each calendar a variable names, once its configuration has arrived.
     */
    List<SourceDefinition> sources() throws IOException {
        Set<String> pids = new TreeSet<>();
        configFiles.keySet().stream().filter(pid -> pid.startsWith(SOURCE_PREFIX)).forEach(pids::add);
        overlaid.forEach((pid, values) -> {
            if (pid.startsWith(SOURCE_PREFIX) && values.containsKey("url")) {
                pids.add(pid); // the demo calendar a variable only switches off is there only with its file
            }
        });
        List<SourceDefinition> sources = new ArrayList<>();
        BundleContext context = framework.getBundleContext();
        for (ServiceReference<SourceDefinition> ref : await(SourceDefinition.class, List.copyOf(pids), true)) {
            sources.add(context.getService(ref));
        }
        return sources;
    }

    /** One service reference for each of {@code pids} (any one when there are none) that carries what it expects. */
    private <S> List<ServiceReference<S>> await(Class<S> type, List<String> pids, boolean byPid) throws IOException {
        BundleContext context = framework.getBundleContext();
        AtomicLong changes = new AtomicLong();
        ServiceListener listener = event -> {
            synchronized (changes) {
                changes.incrementAndGet();
                changes.notifyAll();
            }
        };
        try {
            context.addServiceListener(listener, "(" + Constants.OBJECTCLASS + "=" + type.getName() + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000;
        try {
            while (true) {
                long seen = changes.get();
                List<ServiceReference<S>> found = new ArrayList<>();
                String missing = null;
                Collection<ServiceReference<S>> refs = context.getServiceReferences(type, null);
                for (String pid : pids.isEmpty() ? List.of("") : pids) {
                    ServiceReference<S> match = refs.stream().filter(r -> carries(r, pid, byPid)).findFirst()
                            .orElse(null);
                    if (match == null) {
                        missing = pid;
                        break;
                    }
                    found.add(match);
                }
                if (missing == null) {
                    return found;
                }
                synchronized (changes) {
                    long left;
                    while (changes.get() == seen && (left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
                        changes.wait(left);
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    Path file = configFiles.get(missing);
                    throw new IOException("the kiosk's " + type.getSimpleName() + " did not start"
                            + (file != null ? " with " + file : missing.isEmpty() ? "" : " for " + missing)
                            + " within " + PATIENCE_MILLIS / 1000 + " s");
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + type.getSimpleName());
        } finally {
            context.removeServiceListener(listener);
        }
    }

    /**
     * True when {@code ref} was configured by what decides {@code pid}: its file (the user's when both folders have
     * one) and the values the variables set in it. Values are compared as text: DS hands them on unchanged.
     */
    private boolean carries(ServiceReference<?> ref, String pid, boolean byPid) {
        if (byPid && !pid.equals(ref.getProperty(Constants.SERVICE_PID))) {
            return false;
        }
        Path file = configFiles.get(pid);
        if (file != null && !file.equals(pathOf(ref.getProperty(FILE_PROPERTY)))) {
            return false;
        }
        for (Map.Entry<String, Object> e : overlaid.getOrDefault(pid, Map.of()).entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(ref.getProperty(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            // the process ends anyway; the storage below goes regardless
        } finally {
            try (Stream<Path> all = Files.walk(storage)) {
                for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    static boolean leftOut(String symbolicName) {
        if (symbolicName.startsWith("calendarbot.")) {
            return !KEPT.contains(symbolicName);
        }
        for (String name : LEFT_OUT) {
            if (name.endsWith(".") ? symbolicName.startsWith(name) : symbolicName.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For each PID of a calendarbot.* file, the file that decides it: the user's folder's, else the profile's. A
     * factory configuration's file (calendarbot.source-work.cfg) decides the named configuration
     * (calendarbot.source~work), as FileInstall names it.
     */
    static Map<String, Path> expectedConfigFiles(Path profileFolder, Path userFolder) throws IOException {
        Map<String, Path> result = new HashMap<>();
        for (Path folder : List.of(profileFolder, userFolder)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("calendarbot.") && (name.endsWith(".cfg") || name.endsWith(".config"))) {
                        result.put(name.substring(0, name.lastIndexOf('.')).replaceFirst("-", "~"),
                                f.toAbsolutePath().normalize());
                    }
                }
            }
        }
        return result;
    }

    private static Path pathOf(Object fileProperty) {
        if (fileProperty == null) {
            return null;
        }
        String text = fileProperty.toString();
        try {
            return text.startsWith("file:") ? Path.of(URI.create(text)).toAbsolutePath().normalize()
                    : Path.of(text).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            String name = j.getManifest() == null ? null
                    : j.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            return name == null ? "" : name.split(";")[0].trim();
        }
    }

    /** The packages a bundle exports, as its manifest says (with their versions). */
    private static String exportsOf(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            String exports = j.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            if (exports == null) {
                throw new IOException(jar + " exports nothing");
            }
            return exports;
        }
    }
}
