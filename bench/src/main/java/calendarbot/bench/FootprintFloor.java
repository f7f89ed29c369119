package calendarbot.bench;

import static calendarbot.bench.Report.fmt;
import static calendarbot.bench.Report.list;
import static calendarbot.bench.Report.map;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Issue 17: what the pi profile's idle RSS is made of, layer by layer, each started by the same bin/calendarbot with
 * the same JVM flags and AppCDS archive: a JVM that only sleeps; the launcher with Felix, SCR, Config Admin and
 * FileInstall; plus Felix HTTP Jetty (with the servlet API and the SLF4J provider Jetty needs); the whole pi profile
 * with the small feed. The layers below the profile are what the issue says to keep, so their figure is the floor
 * any lever on our own bundles works above.
 */
final class FootprintFloor {

    /** The bundles of each layer, by jar name in the pi profile's bundle/ (calendarbot.json is the launcher's). */
    private static final Predicate<String> FRAMEWORK = jar -> jar.startsWith("org.apache.felix.scr")
            || jar.startsWith("org.apache.felix.configadmin") || jar.startsWith("org.apache.felix.fileinstall")
            || jar.startsWith("org.osgi.") || jar.equals("calendarbot.json.jar");
    private static final Predicate<String> HTTP = FRAMEWORK.or(jar -> jar.startsWith("org.apache.felix.http.")
            || jar.startsWith("commons-") || jar.startsWith("slf4j-") || jar.equals("calendarbot.logging.jar"));
    /** A layer without the kiosk prints no "ready" line: its figures are taken this long after the process start. */
    private static final long SETTLE_MS = 11_000;

    private FootprintFloor() {
    }

    static Map<String, Object> run(Context ctx, int rounds) throws IOException, InterruptedException {
        ctx.out.printf("bench: issue 17 floor: %d rounds of a JVM alone, the framework, the framework with HTTP and "
                + "the pi profile (warm starts)%n", rounds);
        Path pi = ctx.distributions.home(FootprintTargets.PROFILE);
        Map<String, List<Map<String, Object>>> layers = new LinkedHashMap<>();
        for (String name : List.of("jvm", "framework", "http", "pi")) {
            layers.put(name, new ArrayList<>());
        }
        Path framework = layerCopy(ctx, pi, "floor-framework", FRAMEWORK);
        Path http = layerCopy(ctx, pi, "floor-http", HTTP);
        for (int i = 0; i < rounds; i++) {
            List<String> flags = null;
            for (Map.Entry<String, Path> layer : List.of(Map.entry("framework", framework), Map.entry("http", http))) {
                Path dir = ctx.runDir("floor-" + layer.getKey() + "-" + i);
                Kiosk k = new Kiosk(layer.getValue(), dir.resolve("config"), dir.resolve("data"), Map.of());
                try (k) {
                    k.start();
                    Thread.sleep(SETTLE_MS); // the first run records the archive at its exit
                    FootprintTargets.stopAndWriteBack(k, layer.getValue());
                    k.start();
                    Thread.sleep(SETTLE_MS);
                    layers.get(layer.getKey()).add(FootprintTargets.restFigures(k.pid()));
                    flags = jvmFlags(k.pid());
                }
            }
            layers.get("jvm").add(jvmAlone(flags));
            layers.get("pi").add(FootprintTargets.coldAndWarm(ctx, "floor-pi-" + i).get(1));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("rounds", rounds);
        for (Map.Entry<String, List<Map<String, Object>>> layer : layers.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runs", layer.getValue());
            m.put("median", FootprintTargets.medians(layer.getValue(),
                    List.of("rss_mb", "dirty_mb", "anonymous_mb", "threads")));
            all.put(layer.getKey(), m);
        }
        return all;
    }

    /** A copy of the pi distribution with only the bundles of a layer and the folder watchers' configuration. */
    private static Path layerCopy(Context ctx, Path pi, String name, Predicate<String> keep) throws IOException {
        Path copy = ctx.work.resolve(name);
        Distributions.delete(copy);
        try (Stream<Path> files = Files.walk(pi)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = pi.relativize(p);
                String file = rel.getFileName() == null ? "" : rel.getFileName().toString();
                boolean dropped = rel.startsWith("data") && rel.getNameCount() > 1
                        || rel.startsWith("bundle") && rel.getNameCount() == 2 && !keep.test(file)
                        || rel.startsWith("configs") && rel.getNameCount() == 2
                                && !file.startsWith("org.apache.felix.fileinstall")
                                && !(file.equals("calendarbot.logging.cfg") && keep.test("calendarbot.logging.jar"));
                if (dropped) {
                    continue;
                }
                Path target = copy.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    /** The JVM options bin/calendarbot gave the process (up to its class path), without those naming its files. */
    static List<String> jvmFlags(long pid) throws IOException {
        String[] args = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                StandardCharsets.UTF_8).split("\0");
        List<String> flags = new ArrayList<>();
        flags.add(args[0]);
        for (int i = 1; i < args.length && !args[i].equals("-cp"); i++) {
            String a = args[i];
            if (!a.startsWith("-XX:SharedArchiveFile=") && !a.startsWith("-XX:ArchiveClassesAtExit=")
                    && !a.startsWith("-Dcalendarbot.")) {
                flags.add(a);
            }
        }
        return flags;
    }

    /** The same java and flags running {@link Sleeper} (the JDK's own CDS archive only). */
    private static Map<String, Object> jvmAlone(List<String> flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(flags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Sleeper.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Thread.sleep(SETTLE_MS);
            return FootprintTargets.restFigures(p.pid());
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    static void print(Map<String, Object> run, PrintStream out) {
        Map<String, Object> floor = map(run.get("footprint_floor"));
        if (floor.isEmpty()) {
            return;
        }
        out.println();
        out.println("What the idle RSS is made of (issue 17; warm starts with the AppCDS archive, medians of "
                + floor.get("rounds") + "; each layer adds to the one above)");
        Report.Table t = new Report.Table("layer", "RSS", "added", "dirty", "anonymous", "threads", "vs 56 MB");
        double before = 0;
        for (String[] layer : List.of(new String[] {"jvm", "a JVM that only sleeps (the pi's flags)"},
                new String[] {"framework", "+ Felix, SCR, Config Admin, FileInstall (the launcher)"},
                new String[] {"http", "+ Felix HTTP Jetty 12, servlet API, SLF4J and its provider"},
                new String[] {"pi", "+ CalendarBot's bundles, small feed (the pi profile)"})) {
            Map<String, Object> m = map(map(floor.get(layer[0])).get("median"));
            double rss = m.get("rss_mb") instanceof Number n ? n.doubleValue() : Double.NaN;
            t.row(layer[1], fmt(m.get("rss_mb")) + " MB", before == 0 ? "" : "+" + fmt(round(rss - before)) + " MB",
                    fmt(m.get("dirty_mb")) + " MB", fmt(m.get("anonymous_mb")) + " MB", fmt(m.get("threads")),
                    rss <= FootprintTargets.RSS_MB ? "below" : "+" + fmt(round(rss - FootprintTargets.RSS_MB)) + " MB");
            before = rss;
        }
        t.print(out);
        if (list(map(floor.get("pi")).get("runs")).isEmpty()) {
            out.println("  (no pi profile run)");
        }
    }

    private static double round(double mb) {
        return Math.round(mb * 10) / 10.0;
    }
}
