package calendarbot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A distribution started as a child process with {@code bin/calendarbot --port --config --data}, its output copied
 * to a log file and read for the lines the harness needs: readiness and every finished refresh with its phases.
 */
final class Kiosk implements AutoCloseable {

    /** One finished refresh of one source, from calendarbot.refresh's INFO line. */
    record Refresh(String source, boolean ok, String status, int events, int masters, int fromSeries, long totalMs,
            long fetchParseMs, long archiveMs, long expandMs, long storeMs, String failure, long seenAtNanos) {

        Map<String, Object> phases() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("total_ms", totalMs);
            m.put("fetch_parse_ms", fetchParseMs < 0 ? null : fetchParseMs);
            m.put("archive_ms", archiveMs < 0 ? null : archiveMs);
            m.put("expand_ms", expandMs < 0 ? null : expandMs);
            m.put("store_ms", storeMs < 0 ? null : storeMs);
            return m;
        }
    }

    // "work: 200 OK, 412 events (30 masters expanded to 2100 occurrences) in 812 ms (fetch+parse 500 ms, ...)"
    private static final Pattern DONE = Pattern.compile("([\\w.\\-]+): (\\d{3}[^,]*), (\\d+) events?"
            + "(?: \\((\\d+) masters? expanded to (\\d+) occurrences?\\))? in (\\d+) ms"
            + "(?:.*\\(fetch\\+parse (\\d+) ms, archive (\\d+) ms, expand (\\d+) ms, store (\\d+) ms\\))?");
    private static final Pattern FAILED = Pattern.compile(
            "([\\w.\\-]+): (fetch failed|feed rejected|expansion failed|refresh failed)(?: \\((.*?)\\))?[,;]");
    private static final Pattern NOT_MODIFIED = Pattern.compile("([\\w.\\-]+): 304 Not Modified");
    // "work: 200 OK, 53 KiB in 271 ms (buffered)" from calendarbot.fetcher
    private static final Pattern FETCHED = Pattern.compile(
            "([\\w.\\-]+): \\d{3}[^,]*, [^,]+ in \\d+ ms \\((buffered|streamed)");
    private static final Pattern START_PROBLEM = Pattern.compile("^calendarbot: cannot (start|install) ");
    private static final Pattern READY = Pattern.compile("CalendarBot ready in (\\d+) ms.*RSS (\\d+) MB");

    private final Path home;
    private final Path configDir;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Map<String, String> env;
    private final Object lock = new Object();
    private final Deque<Refresh> refreshes = new ArrayDeque<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private Process process;
    private long startedNanos;
    private long readyMillis = -1;
    private long readyRssMb = -1;
    private long readySeenNanos;
    private boolean sawOutOfMemory;
    private String startProblem;
    private final Map<String, String> fetchModes = new HashMap<>();

    Kiosk(Path home, Path configDir, Path dataDir, Map<String, String> env) throws IOException {
        this.home = home;
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.env = new HashMap<>(env);
        this.port = freePort();
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-process.log");
    }

    /** Starts the process (again, on the same port and folders). */
    Kiosk start() throws IOException {
        Files.createDirectories(configDir);
        Files.createDirectories(dataDir);
        List<String> cmd = List.of(home.resolve("bin/calendarbot").toString(), "--port", Integer.toString(port),
                "--config", configDir.toString(), "--data", dataDir.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        synchronized (lock) {
            refreshes.clear();
            readyMillis = -1;
            readyRssMb = -1;
            sawOutOfMemory = false;
            startProblem = null;
            fetchModes.clear();
        }
        startedNanos = System.nanoTime();
        process = pb.start();
        Process p = process;
        Thread pump = new Thread(() -> pump(p), "kiosk-output");
        pump.setDaemon(true);
        pump.start();
        return this;
    }

    private void pump(Process p) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintStream file = new PrintStream(Files.newOutputStream(log,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true,
                        StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                file.println(line);
                onLine(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private void onLine(String line) {
        long now = System.nanoTime();
        Refresh r = null;
        Matcher m = DONE.matcher(line);
        if (m.find()) {
            r = new Refresh(m.group(1), true, m.group(2).trim(), Integer.parseInt(m.group(3)), number(m.group(4)),
                    number(m.group(5)), Long.parseLong(m.group(6)), longOr(m.group(7)), longOr(m.group(8)),
                    longOr(m.group(9)), longOr(m.group(10)), null, now);
        } else if ((m = FAILED.matcher(line)).find()) {
            r = new Refresh(m.group(1), false, m.group(2), 0, 0, 0, -1, -1, -1, -1, -1,
                    m.group(3) == null ? m.group(2) : m.group(3), now);
        } else if ((m = NOT_MODIFIED.matcher(line)).find()) {
            r = new Refresh(m.group(1), true, "304 Not Modified", 0, 0, 0, -1, -1, -1, -1, -1, null, now);
        }
        synchronized (lock) {
            if (tail.size() == 40) {
                tail.removeFirst();
            }
            tail.addLast(line);
            if (line.contains("OutOfMemoryError")) {
                sawOutOfMemory = true;
            }
            if (r != null && refreshes.size() < 100_000) {
                refreshes.addLast(r);
            }
            Matcher fetched = FETCHED.matcher(line);
            if (fetched.find()) {
                fetchModes.put(fetched.group(1), fetched.group(2));
            }
            if (startProblem == null && START_PROBLEM.matcher(line).find()) {
                startProblem = line;
            }
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                readyMillis = Long.parseLong(ready.group(1));
                readyRssMb = Long.parseLong(ready.group(2));
                readySeenNanos = now;
            }
            lock.notifyAll();
        }
    }

    private static int number(String s) {
        return s == null ? 0 : Integer.parseInt(s);
    }

    private static long longOr(String s) {
        return s == null ? -1 : Long.parseLong(s);
    }

    /** Waits for "CalendarBot ready in N ms"; returns N (milliseconds from process start, as the launcher counts). */
    long awaitReady(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (lock) {
            while (readyMillis < 0) {
                checkAlive();
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IOException("not ready within " + timeoutMillis + " ms; last output:\n" + tailText());
                }
                // a bundle that cannot start: the kiosk will not come up, no need to wait two minutes
                if (startProblem != null && System.nanoTime() - startedNanos > 15_000_000_000L) {
                    throw new IOException("the distribution does not start: " + startProblem);
                }
                lock.wait(Math.min(left, 200));
            }
            return readyMillis;
        }
    }

    /** "buffered" or "streamed": how calendarbot.fetcher read the source's last body. */
    String fetchMode(String source) {
        synchronized (lock) {
            return fetchModes.get(source);
        }
    }

    long readySeenNanos() {
        synchronized (lock) {
            return readySeenNanos;
        }
    }

    long readyRssMb() {
        synchronized (lock) {
            return readyRssMb;
        }
    }

    /**
     * Waits until /api/health lists every source in {@code ids} (FileInstall has read their files from the --config
     * folder); a kiosk that never sees its sources would otherwise only show as a refresh that never comes.
     */
    void awaitSources(List<String> ids, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (HttpProbe probe = new HttpProbe(port, 5_000)) {
            while (true) {
                checkAlive();
                String body = "";
                try {
                    body = probe.get("/api/health").body();
                } catch (IOException notYet) {
                    probe.close();
                }
                String text = body;
                if (ids.stream().allMatch(id -> text.contains("\"id\":\"" + id + "\""))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the kiosk did not pick up the sources " + ids + " from " + configDir
                            + " within " + timeoutMillis + " ms (is the distribution's configs/"
                            + "org.apache.felix.fileinstall-userconfig.cfg intact?); /api/health: " + body);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Starts, waits for readiness, for the sources to be known and for their first refresh. */
    Map<String, Refresh> startAndLoad(List<String> ids, long refreshTimeoutMillis)
            throws IOException, InterruptedException {
        start();
        awaitReady(120_000);
        awaitSources(ids, 30_000);
        return awaitRefreshes(ids, refreshTimeoutMillis);
    }

    /** Forgets the refreshes seen so far (call before asking for a new one). */
    void forgetRefreshes() {
        synchronized (lock) {
            refreshes.clear();
        }
    }

    /** The refreshes finished since the last call (or {@link #forgetRefreshes}), oldest first. */
    List<Refresh> drainRefreshes() {
        synchronized (lock) {
            List<Refresh> out = new ArrayList<>(refreshes);
            refreshes.clear();
            return out;
        }
    }

    /**
     * Waits until every source in {@code sources} finished a refresh (successful or not) since the last
     * {@link #forgetRefreshes}; returns them by source.
     */
    Map<String, Refresh> awaitRefreshes(List<String> sources, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        Map<String, Refresh> found = new HashMap<>();
        synchronized (lock) {
            while (true) {
                while (!refreshes.isEmpty()) {
                    Refresh r = refreshes.removeFirst();
                    if (sources.contains(r.source()) && !found.containsKey(r.source())) {
                        found.put(r.source(), r);
                    }
                }
                if (found.keySet().containsAll(sources)) {
                    return found;
                }
                checkAlive();
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IOException("no refresh of " + sources + " within " + timeoutMillis + " ms (got "
                            + found.keySet() + "); last output:\n" + tailText());
                }
                lock.wait(Math.min(left, 200));
            }
        }
    }

    private void checkAlive() throws IOException {
        if (process != null && !process.isAlive()) {
            throw new KioskDied(process.exitValue(), sawOutOfMemory, tailText());
        }
    }

    /** The kiosk process ended on its own (for instance -XX:+ExitOnOutOfMemoryError). */
    static final class KioskDied extends IOException {
        private static final long serialVersionUID = 1L;
        final int exitCode;
        final boolean outOfMemory;

        KioskDied(int exitCode, boolean outOfMemory, String tail) {
            super("calendarbot exited with " + exitCode + (outOfMemory ? " (OutOfMemoryError)" : "")
                    + "; last output:\n" + tail);
            this.exitCode = exitCode;
            this.outOfMemory = outOfMemory;
        }
    }

    String tailText() {
        synchronized (lock) {
            return String.join("\n", new ArrayList<>(tail));
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    long startedNanos() {
        return startedNanos;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The environment of the next start (changeable between starts). */
    Map<String, String> env() {
        return env;
    }

    Path configDir() {
        return configDir;
    }

    Path log() {
        return log;
    }

    /** GET /metrics as name{labels} to value. */
    Map<String, Double> metrics(HttpProbe probe) throws IOException {
        HttpProbe.Answer a = probe.get("/metrics");
        Map<String, Double> m = new LinkedHashMap<>();
        if (a.status() != 200) {
            return m;
        }
        for (String line : a.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            try {
                m.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            } catch (RuntimeException ignored) {
                // not a sample line
            }
        }
        return m;
    }

    /** Sends SIGTERM and waits (the JVM writes its AppCDS archive while it exits); SIGKILL after 60 s. */
    int stop() throws InterruptedException {
        if (process == null) {
            return 0;
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
