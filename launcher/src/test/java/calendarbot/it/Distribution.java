package calendarbot.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real distribution ({@code launcher/target/calendarbot-<profile>}) started as a child process through its
 * {@code bin/calendarbot}, on a free port, with its own data and configuration folders. For tests that need a
 * real restart, a real signal or a real browser.
 */
public final class Distribution implements AutoCloseable {
    private final Path home;
    private final Path dataDir;
    private final Path configDir;
    private final Path log;
    private final int port;
    private final Map<String, String> env;
    private Process process;

    private Distribution(Path home, Path configDir, Path dataDir, Map<String, String> env, int port) {
        this.home = home;
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.env = env;
        this.port = port;
        this.log = configDir.resolveSibling(configDir.getFileName() + "-process.log");
    }

    /** The assembled distribution of a profile. */
    public static Path home(String profile) {
        String target = System.getProperty("calendarbot.target", "target");
        return Paths.get(target).toAbsolutePath().resolve("calendarbot-" + profile);
    }

    /** Starts the distribution and waits until /api/health answers (200 or 503). */
    public static Distribution start(String profile, Path configDir, Path dataDir, Map<String, String> env)
            throws IOException, InterruptedException {
        return start(home(profile), configDir, dataDir, env);
    }

    /** Starts the distribution at {@code home} (e.g. a {@link #copy}) and waits until /api/health answers. */
    public static Distribution start(Path home, Path configDir, Path dataDir, Map<String, String> env)
            throws IOException, InterruptedException {
        Distribution d = new Distribution(home, configDir, dataDir, env, freePort());
        d.start();
        return d;
    }

    /**
     * A private copy of a profile's distribution under {@code target}, less its data folder: a test may drop jars
     * into its deploy/ without touching the assembled one other tests use. Returns the copy's home.
     */
    public static Path copy(String profile, Path target) throws IOException {
        Path from = home(profile);
        Path to = target.resolve("calendarbot-" + profile);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("data") || rel.startsWith("deploy") && !rel.toString().equals("deploy")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /**
     * {@link #copy} of a profile with every plug-in of calendarbot-full/plugins/ in its deploy/ folder, as a user
     * installs them. Returns the copy's home.
     */
    public static Path withPlugins(String profile, Path target) throws IOException {
        Path home = copy(profile, target);
        try (Stream<Path> jars = Files.list(home("full").resolve("plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return home;
    }

    /** Sends SIGKILL: the process ends at once, in whatever it was doing. */
    public void kill() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IOException("calendarbot still runs 30 s after SIGKILL");
        }
    }

    /** What a start that was meant to fail printed, and its exit code. */
    public record Exit(int code, String output) {
    }

    /** Starts the distribution expecting it to stop by itself (a bad setting, a taken port); waits for its exit. */
    public static Exit runToExit(String profile, Path configDir, Path dataDir, Map<String, String> env, int port)
            throws IOException, InterruptedException {
        Distribution d = new Distribution(home(profile), configDir, dataDir, env, port);
        Process p = d.launch();
        if (!p.waitFor(Poll.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("calendarbot did not exit within " + Poll.PATIENCE.toSeconds() + " s; log:\n"
                    + d.log());
        }
        return new Exit(p.exitValue(), d.log());
    }

    /** Starts (again) the same distribution on the same port and folders. */
    public void start() throws IOException, InterruptedException {
        process = launch();
        Poll.until("calendarbot to answer /api/health on port " + port, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("calendarbot exited with " + process.exitValue() + "; log:\n" + log());
            }
            return Http.get(baseUri().resolve("/api/health")).status();
        }, status -> status == 200 || status == 503);
    }

    private Process launch() throws IOException {
        Files.createDirectories(configDir);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException unwritable) {
            // a test of a data folder the kiosk cannot write
        }
        // Started as a script's background job is: with SIGINT ignored, which the kiosk must undo (Ctrl-C, kill -INT).
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "trap '' INT; exec \"$0\" \"$@\"",
                home.resolve("bin/calendarbot").toString(), "--port", Integer.toString(port),
                "--config", configDir.toString(), "--data", dataDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("CALENDARBOT_CDS", "off");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Sends SIGINT (what Ctrl-C does) and waits for the process to end; returns its exit code. */
    public int interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("calendarbot did not stop within 30 s of SIGINT");
        }
        return process.exitValue();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 20 s). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path configDir() {
        return configDir;
    }

    /** Everything the process printed so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
