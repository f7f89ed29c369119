package calendarbot.it.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import calendarbot.it.Distribution;
import calendarbot.launcher.LaunchOptions;
import calendarbot.launcher.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that boot a profile the way bin/calendarbot does: the distribution's bundles, the launcher's
 * framework properties, and a private copy of the profile's configuration folder, data, deploy and user
 * configuration folders (so tests can write into them). The work folder and port reach the tests inside the
 * framework as system properties.
 */
final class ProfileBoot {
    static final String WORK = "calendarbot.it.work";
    static final String PORT = "calendarbot.it.port";

    private ProfileBoot() {
    }

    /** Prepares the work folder before the framework starts (a jar to copy, a file to write). */
    interface WorkSetup {
        void prepare(Path work) throws IOException;
    }

    static Option[] options(String profile) throws IOException {
        return options(profile, work -> { });
    }

    static Option[] options(String profile, WorkSetup setup) throws IOException {
        Path home = Distribution.home(profile);
        Path work = Files.createTempDirectory("calendarbot-it-" + profile + "-");
        Path configs = work.resolve("configs");
        Files.createDirectories(configs);
        try (Stream<Path> files = Files.list(home.resolve("configs"))) {
            for (Path f : files.toList()) {
                Files.copy(f, configs.resolve(f.getFileName()));
            }
        }
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Path data = Files.createDirectories(work.resolve("data"));
        Path userConfigs = Files.createDirectories(work.resolve("user-configs"));
        setup.prepare(work);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Map<String, String> props = Main.frameworkProperties(
                new LaunchOptions(home, profile, port, "127.0.0.1", data, userConfigs));
        props.put("felix.fileinstall.dir", configs.toString());
        props.put("calendarbot.deploy", deploy.toString());
        props.remove("org.osgi.framework.storage");
        props.remove("org.osgi.framework.storage.clean");

        List<Option> options = new ArrayList<>();
        // set by Pax Exam when this class's framework starts: the configuration methods of every test class run
        // before the first test, so a System.setProperty here would leave the last class's folder for all of them
        options.add(systemProperty("calendarbot.data").value(data.toString()));
        options.add(systemProperty(WORK).value(work.toString()));
        options.add(systemProperty(PORT).value(Integer.toString(port)));
        props.forEach((k, v) -> options.add(frameworkProperty(k).value(v)));
        try (Stream<Path> jars = Files.list(home.resolve("bundle"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                options.add(isFragment(jar) ? bundle(jar.toUri().toString()).noStart()
                        : bundle(jar.toUri().toString()));
            }
        }
        options.add(junitBundles());
        return options.toArray(Option[]::new);
    }

    private static boolean isFragment(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        }
    }
}
