package calendarbot.runtime.internal;

import calendarbot.api.DeployFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which jars in the deploy folder are not bundles at all. FileInstall only logs those, and they never reach the
 * framework, so nothing else can report them; bundles that install but do not resolve are reported by
 * calendarbot.web from the framework itself. Jars are checked once per change of size or time.
 */
@Component(service = DeployFolder.class, immediate = true)
public class DeployFolderWatch implements DeployFolder {
    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderWatch.class);

    private record Seen(long size, long modified, String problem) {
    }

    private final Map<Path, Seen> seen = new HashMap<>();
    private volatile List<String> problems = List.of();
    private ScheduledExecutorService timer;
    private Path folder;

    @Activate
    void activate(BundleContext context) {
        String dir = context.getProperty("calendarbot.deploy");
        folder = Paths.get(dir == null ? "deploy" : dir);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "calendarbot-deploy-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::scan, 0, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public List<String> problems() {
        return problems;
    }

    synchronized void scan() {
        List<String> found = new ArrayList<>();
        Map<Path, Seen> still = new HashMap<>();
        try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                long size = Files.size(jar);
                long modified = Files.getLastModifiedTime(jar).toMillis();
                Seen before = seen.get(jar);
                String problem = before != null && before.size() == size && before.modified() == modified
                        ? before.problem() : check(jar);
                if (problem != null && (before == null || !problem.equals(before.problem()))) {
                    LOG.error("Deploy folder: {}", problem);
                }
                still.put(jar, new Seen(size, modified, problem));
                if (problem != null) {
                    found.add(problem);
                }
            }
        } catch (IOException | RuntimeException e) {
            found.add(folder + ": cannot be read (" + e.getMessage() + ")");
        }
        seen.clear();
        seen.putAll(still);
        problems = List.copyOf(found);
    }

    /** Null when the jar is a bundle, else why not. */
    static String check(Path jar) {
        String name = jar.getFileName().toString();
        try (JarFile j = new JarFile(jar.toFile())) {
            var manifest = j.getManifest();
            if (manifest == null) {
                return name + ": not a bundle (no META-INF/MANIFEST.MF)";
            }
            if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return name + ": not a bundle (no Bundle-SymbolicName in its manifest)";
            }
            return null;
        } catch (IOException e) {
            return name + ": not a jar (" + e.getMessage() + ")";
        }
    }
}
