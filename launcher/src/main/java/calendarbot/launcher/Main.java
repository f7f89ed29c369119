package calendarbot.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Boots Felix with the distribution's bundles and watched folders.
 *
 * <p>Layout of a distribution (its "home"): {@code bin/calendarbot}, {@code lib/felix.jar} and this jar,
 * {@code bundle/} (the profile's bundles), {@code configs/} (the profile's Config Admin files),
 * {@code deploy/} (bundles dropped in at runtime) and {@code data/} (framework storage, archive, logs).
 */
public final class Main {

    /**
     * Only for the "ready in N ms" line, measured from the operating system's process start: the launcher runs
     * before any service exists. The kiosk's clock and the bookkeeping time source are services of calendarbot.kiosk.
     */
    private static final InstantSource STARTUP_TIME = InstantSource.system();
    /** Framework property: what the kiosk could not write at start, shown by /api/health. */
    static final String STORAGE_PROBLEMS = "calendarbot.storage.problems";
    /** systemd waits 90 s before it kills; a kiosk should be gone long before. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** Held until the JVM exits (see there). */
    private static final KeptClassLoaders KEPT_FOR_THE_ARCHIVE = new KeptClassLoaders();

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "check-feed".equals(args[0])) {
            // Before the first logger exists: results on stdout, only errors on stderr.
            System.setProperty("calendarbot.log.stderr", "true");
            // check-feed explains failures itself; a component's warning would say the same twice
            System.setProperty("calendarbot.log.level", System.getProperty("calendarbot.log.level", "ERROR"));
            String[] rest = new String[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            System.exit(CheckFeedCommand.run(rest, homeDirectory(), System.getenv(), System.out, System.err));
            return;
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, homeDirectory());
        } catch (OneLineSettings.BadSetting e) {
            // one line naming the variable, and no stack trace: what a person reads in `systemctl status`
            System.err.println("calendarbot: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("calendarbot: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        for (String warning : options.settings().warnings()) {
            System.err.println("calendarbot: " + warning);
        }
        OneLineSettings.Setting level = options.settings().get(OneLineSettings.LOG_LEVEL);
        if (level != null) {
            // the first lines, before calendarbot.logging's configuration arrives, at the level asked for
            System.setProperty("calendarbot.log.level", (String) level.value());
        }
        run(options);
    }

    static void run(LaunchOptions options) throws Exception {
        Instant processStart = ProcessHandle.current().info().startInstant().orElseGet(STARTUP_TIME::instant);
        ListeningPort listening = new ListeningPort(options.host(), options.port());
        String taken = listening.problemBeforeStart();
        if (taken != null) {
            // non-zero, so that systemd's Restart=on-failure tries again (the last kiosk may still be stopping)
            System.err.println("calendarbot: " + taken);
            System.exit(1);
            return;
        }
        WritableFolders folders = new WritableFolders();
        folders.create(options.data(), "the data folder");
        // Read by the SLF4J provider (calendarbot.logging) before any configuration arrives.
        System.setProperty("calendarbot.data", options.data().toString());
        folders.create(options.extraConfig(), "the configuration folder");
        folders.create(options.home().resolve("deploy"), "the deploy folder");
        Path storage = folders.storage(options.data().resolve("felix-cache"));
        for (String problem : folders.problems()) {
            System.err.println("calendarbot: " + problem);
        }

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Map<String, String> properties = frameworkProperties(options);
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put(STORAGE_PROBLEMS, String.join("\n", folders.problems()));
        Framework framework = factory.newFramework(properties);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> ours = installDistributionBundles(context, options.home().resolve("bundle"));
        framework.start();
        for (Bundle bundle : ours) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    bundle.start();
                } catch (BundleException e) {
                    System.err.println("calendarbot: cannot start " + bundle.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }

        SystemdNotify systemd = SystemdNotify.from(System.getenv(), ProcessHandle.current().pid());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            systemd.send("STOPPING=1", "STATUS=stopping");
            stop(framework);
        }, "calendarbot-shutdown"));
        String noHttp = listening.problemAfterStart(context, ListeningPort.CONNECTOR_WAIT);
        if (noHttp != null) {
            System.err.println("calendarbot: " + noHttp);
            System.exit(1); // the shutdown hook stops the bundles
            return;
        }
        Thread readiness = new Thread(new Supervision(listening.self("/api/health"), systemd,
                () -> printReady(options, processStart)), "calendarbot-supervision");
        readiness.setDaemon(true);
        readiness.start();

        FrameworkEvent event = framework.waitForStop(0);
        if (event.getType() == FrameworkEvent.ERROR) {
            System.err.println("calendarbot: framework stopped with an error: " + event.getThrowable());
            System.exit(1);
        }
    }

    /**
     * Ctrl-C, SIGTERM (systemctl stop): stops the bundles, for at most {@link #STOP_WAIT}. The JVM exits when this
     * hook returns, whatever other threads still do; then it writes the AppCDS archive if one is being recorded
     * (about a second). A bundle that holds the stop longer is named with what it is doing, not waited for.
     */
    private static void stop(Framework framework) {
        try {
            if (framework.getState() == Bundle.ACTIVE || framework.getState() == Bundle.STARTING) {
                System.out.println("calendarbot: stopping");
                KEPT_FOR_THE_ARCHIVE.keep(framework.getBundleContext());
                framework.stop();
                FrameworkEvent stopped = framework.waitForStop(STOP_WAIT.toMillis());
                if (stopped.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    System.err.println("calendarbot: the bundles did not stop within " + STOP_WAIT.toSeconds()
                            + " s; exiting anyway. Still stopping:");
                    Thread.getAllStackTraces().forEach((thread, stack) -> {
                        String name = thread.getName();
                        if (name.startsWith("FelixStartLevel") || name.startsWith("FelixShutdown")) {
                            System.err.println("  " + name + ": " + java.util.Arrays.toString(stack));
                        }
                    });
                }
            }
        } catch (Exception e) {
            System.err.println("calendarbot: unclean stop: " + e);
        }
    }

    public static Map<String, String> frameworkProperties(LaunchOptions options) throws IOException {
        Map<String, String> p = new HashMap<>();
        Path data = options.data();
        // Storage is kept across restarts: Config Admin's store and the bundle cache live there.
        // The configuration files stay the truth (see calendarbot.runtime's ConfigFileWriter).
        p.put(Constants.FRAMEWORK_STORAGE, data.resolve("felix-cache").toString());
        p.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        p.put("felix.log.level", "1");
        // SCR keeps the components' parsed descriptions in its storage (per bundle, redone when a bundle changes):
        // a restart parses no XML and loads no SAX parser (120 classes).
        p.put("ds.cache.metadata", "true");
        p.put("calendarbot.home", options.home().toString());
        p.put("calendarbot.data", data.toString());
        p.put("calendarbot.deploy", options.home().resolve("deploy").toString());
        p.put("calendarbot.config.extra", options.extraConfig().toString());
        p.put("calendarbot.profile", options.profile());
        p.put(OneLineSettings.PROPERTY, OneLineSettings.transport(options.effectiveSettings()));
        p.put("org.osgi.service.http.port", Integer.toString(options.port()));
        p.put("org.apache.felix.http.host", options.host());
        // A pi's kiosk serves two or three browsers: its one selector accepts connections itself (no acceptor thread)
        // and hands requests to 3 workers; 4 threads less at rest (throughput was the same with 5 to 16 threads)
        boolean pi = "pi".equals(options.profile());
        p.put("org.apache.felix.http.jetty.threadpool.max", pi ? "4" : "8");
        p.put("org.apache.felix.http.jetty.acceptors", pi ? "0" : "1");
        p.put("org.apache.felix.http.jetty.selectors", "1");
        // The profile's own folder; the deploy folder and the extra configuration folder are further
        // watchers declared by files in it (org.apache.felix.fileinstall-*.cfg).
        p.put("felix.fileinstall.dir", options.home().resolve("configs").toString());
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        if (pi) {
            // FileInstall polls these folders anyway; without NIO2 it keeps no watch service thread per folder
            p.put("felix.fileinstall.disableNio2", "true");
        }
        // FileInstall never writes back into configuration files (it once emptied the profile's own watcher
        // file here); changes made at runtime go to the user's folder through calendarbot.runtime instead.
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.log.level", "2");
        // The console opens only through calendarbot.console's login (its built-in one would take admin/admin).
        p.put("felix.webconsole.security.providers", "calendarbot");
        p.put("felix.webconsole.manager.root", "/system/console");
        boolean interactive = System.console() != null && !"true".equals(System.getenv("CI"));
        p.put("gosh.args", interactive ? "" : "--nointeractive");
        p.put("gosh.home", data.toString());
        // Felix, Jetty and FileInstall settings can be tuned per machine without a rebuild:
        // JAVA_OPTS="-Dorg.apache.felix.http.jetty.threadpool.max=12"
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("org.apache.felix.") || name.startsWith("felix.")) {
                p.put(name, System.getProperty(name));
            }
        }
        return p;
    }

    /**
     * Installs the bundles of {@code bundle/}, updating those whose jar changed since the last start and
     * uninstalling those no longer shipped (the storage survives restarts and upgrades).
     */
    static List<Bundle> installDistributionBundles(BundleContext context, Path bundleDir) throws IOException {
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            installed.put(b.getLocation(), b);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(bundleDir)) {
            jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        List<Bundle> result = new ArrayList<>();
        for (Path jar : jars) {
            String location = jar.toUri().toString();
            Bundle existing = installed.remove(location);
            try {
                if (existing == null) {
                    try (InputStream in = Files.newInputStream(jar)) {
                        result.add(context.installBundle(location, in));
                    }
                } else {
                    if (Files.getLastModifiedTime(jar).toMillis() > existing.getLastModified()) {
                        try (InputStream in = Files.newInputStream(jar)) {
                            existing.update(in);
                        }
                    }
                    result.add(existing);
                }
            } catch (BundleException e) {
                System.err.println("calendarbot: cannot install " + jar.getFileName() + ": " + e.getMessage());
            }
        }
        String ownPrefix = bundleDir.toUri().toString();
        for (Bundle stale : installed.values()) {
            if (stale.getLocation().startsWith(ownPrefix)) {
                try {
                    stale.uninstall();
                } catch (BundleException e) {
                    System.err.println("calendarbot: cannot uninstall " + stale.getLocation() + ": " + e.getMessage());
                }
            }
        }
        return result;
    }

    /** The time since the process started and the RSS, once HTTP first answers. */
    private static void printReady(LaunchOptions options, Instant processStart) {
        long ms = Duration.between(processStart, STARTUP_TIME.instant()).toMillis();
        System.out.printf("calendarbot: CalendarBot ready in %d ms on http://localhost:%d/ (profile %s, RSS %d MB, "
                + "heap %d MB)%n", ms, options.port(), options.profile(), OwnRss.bytes() / (1024 * 1024),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024));
    }

    /** The distribution's home: the system property set by bin/calendarbot, else the jar's grandparent. */
    static Path homeDirectory() throws Exception {
        String home = System.getProperty("calendarbot.home");
        if (home != null) {
            return Paths.get(home).toAbsolutePath().normalize();
        }
        Path jar = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().toAbsolutePath().normalize();
    }
}
