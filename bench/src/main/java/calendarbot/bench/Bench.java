package calendarbot.bench;

import calendarbot.api.FeedWriter;
import calendarbot.bench.Feeds.Feed;
import calendarbot.json.JsonWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark harness's command line (bench/run, ./calendarbot bench).
 *
 * <pre>
 * bench/run                       the full suite (about 20 minutes)
 * bench/run --quick               every part, shorter (50 refresh cycles, 3 s per load level, short JMH)
 * bench/run smoke                 the small scenario only; exits non-zero if it broke (what CI runs)
 * bench/run medicine [--quick]    the medicine tracker plug-in: database, API, load, memory, panel
 * bench/run xlarge concurrent     chosen scenarios (a size gives its -cl, -chunked and -nostream variants)
 * bench/run parser | jmh | load | footprint | rest | floor | idle | leak | start | scenarios | display
 * bench/run soak [--minutes N] [--profile pi|full]   the soak of issue 13 (30 minutes by default)
 * options: --quick  --cycles N  --root DIR  --dist DIR  --work DIR  --results DIR
 * </pre>
 */
public final class Bench {

    static final List<String> PARTS = List.of("parser", "start", "rest", "floor", "idle", "scenarios", "load", "leak",
            "display", "jmh");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path dist = null;
        Path work = null;
        Path results = null;
        boolean quick = false;
        Integer cycles = null;
        int minutes = 30;
        String profile = "pi";
        String javaOpts = "";
        Map<String, String> kioskEnv = new LinkedHashMap<>();
        Path kioskConfig = null;
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--cycles" -> cycles = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--profile" -> profile = args[++i];
                case "--java-opts" -> javaOpts = args[++i];
                case "--kiosk-config" -> kioskConfig = Path.of(args[++i]).toAbsolutePath();
                case "--env" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        System.err.println("bench: --env wants NAME=VALUE");
                        System.exit(2);
                    }
                    kioskEnv.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--dist" -> dist = Path.of(args[++i]).toAbsolutePath();
                case "--work" -> work = Path.of(args[++i]).toAbsolutePath();
                case "--results" -> results = Path.of(args[++i]).toAbsolutePath();
                case "-h", "--help", "help" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        System.err.println("bench: unknown option " + args[i]);
                        usage(System.err);
                        System.exit(2);
                    }
                    wanted.add(args[i]);
                }
            }
        }
        dist = dist == null ? root.resolve("launcher/target") : dist;
        work = work == null ? root.resolve("bench/target") : work;
        results = results == null ? root.resolve("bench/results") : results;

        if (wanted.equals(List.of("smoke"))) {
            try (Context ctx = new Context(work, dist, true, System.out)) {
                ctx.javaOpts = javaOpts;
                ctx.kioskEnv.putAll(kioskEnv);
                ctx.extraConfig = kioskConfig;
                Map<String, Object> run = smoke(ctx);
                Path file = write(results, run);
                Report.print(run, System.out);
                System.out.println("bench: results in " + file);
                List<String> problems = smokeProblems(run);
                if (!problems.isEmpty()) {
                    System.err.println("bench: smoke FAILED: " + String.join("; ", problems));
                    System.exit(1);
                }
                System.out.println("bench: smoke passed");
            }
            return;
        }
        if (wanted.equals(List.of("soak"))) {
            if (minutes < 1 || minutes > 24 * 60 || !List.of("pi", "full").contains(profile)) {
                System.err.println("bench: soak wants --minutes 1..1440 and --profile pi|full");
                System.exit(2);
            }
            try (Context ctx = new Context(work, dist, false, System.out)) {
                ctx.javaOpts = javaOpts;
                ctx.kioskEnv.putAll(kioskEnv);
                ctx.extraConfig = kioskConfig;
                Map<String, Object> run = header(ctx, "soak");
                run.putAll(Soak.run(ctx, profile, minutes));
                Path file = write(results, run);
                SoakReport.print(run, System.out);
                System.out.println("bench: results in " + file);
                if (!SoakReport.allMet(run)) {
                    System.exit(1);
                }
            }
            return;
        }
        if (wanted.equals(List.of("medicine"))) {
            try (Context ctx = new Context(work, dist, quick, System.out)) {
                Map<String, Object> run = MedicineBench.run(ctx, header(ctx, "medicine"));
                Path file = write(results, run);
                MedicineBench.print(run, System.out);
                System.out.println("bench: results in " + file);
            }
            return;
        }
        Set<String> parts = new LinkedHashSet<>();
        List<Scenarios.Scenario> scenarios = new ArrayList<>();
        if (wanted.isEmpty() || wanted.contains("all")) {
            parts.addAll(PARTS);
            parts.remove("floor"); // four minutes of starts that explain a figure rather than measure a change
        }
        for (String w : wanted) {
            if (w.equals("all")) {
                continue;
            }
            if (w.equals("footprint")) {
                parts.addAll(List.of("start", "rest", "floor", "idle", "leak"));
            } else if (PARTS.contains(w)) {
                parts.add(w);
            } else if (!Scenarios.named(w).isEmpty()) {
                scenarios.addAll(Scenarios.named(w));
            } else {
                System.err.println("bench: unknown scenario or part '" + w + "'");
                usage(System.err);
                System.exit(2);
            }
        }
        if (parts.contains("scenarios")) {
            scenarios.clear();
            scenarios.addAll(Scenarios.all());
        }
        int leakCycles = cycles != null ? cycles : quick ? 50 : 1000;
        try (Context ctx = new Context(work, dist, quick, System.out)) {
            ctx.javaOpts = javaOpts;
            ctx.kioskEnv.putAll(kioskEnv);
            ctx.extraConfig = kioskConfig;
            Map<String, Object> run = suite(ctx, parts, scenarios, leakCycles);
            Path file = write(results, run);
            Report.print(run, System.out);
            System.out.println("bench: results in " + file);
        }
    }

    /** The parts asked for, in an order where the AppCDS archive exists before the scenarios need it. */
    static Map<String, Object> suite(Context ctx, Set<String> parts, List<Scenarios.Scenario> scenarios, int cycles)
            throws Exception {
        Map<String, Object> run = header(ctx, "suite");
        long started = System.nanoTime();
        run.put("feeds", feeds(ctx));
        Map<String, Object> errors = new LinkedHashMap<>();
        if (parts.contains("parser")) {
            attempt(errors, "parser", () -> run.put("parser", parser(ctx)));
        }
        boolean needsDist = parts.contains("start") || parts.contains("rest") || parts.contains("floor")
                || parts.contains("idle")
                || parts.contains("load")
                || parts.contains("leak") || parts.contains("display") || !scenarios.isEmpty();
        if (needsDist) {
            // the display part takes its plug-in jars from the full distribution
            for (String profile : parts.contains("load") || parts.contains("display") ? List.of("pi", "full")
                    : List.of("pi")) {
                if (!Distributions.present(ctx.assembled, profile)) {
                    throw new IOException("no " + profile + " distribution under " + ctx.assembled
                            + " (build them first: ./calendarbot build)");
                }
            }
        }
        if (parts.contains("start")) {
            attempt(errors, "start", () -> run.put("start_from_archive", Footprint.startFromArchive(ctx, 3)));
        }
        if (parts.contains("rest")) {
            attempt(errors, "rest", () -> run.put("footprint_targets", FootprintTargets.run(ctx, 3)));
        }
        if (parts.contains("floor")) {
            attempt(errors, "floor", () -> run.put("footprint_floor", FootprintFloor.run(ctx, 3)));
        }
        if (needsDist) {
            attempt(errors, "appcds", () -> {
                Map<String, Object> cds = new LinkedHashMap<>();
                cds.put("pi", ctx.ensureCdsArchive("pi"));
                if (parts.contains("load")) {
                    cds.put("full", ctx.ensureCdsArchive("full"));
                }
                run.put("appcds", cds);
            });
        }
        if (parts.contains("idle")) {
            attempt(errors, "idle", () -> run.put("idle", Footprint.idle(ctx)));
        }
        if (!scenarios.isEmpty()) {
            List<Object> list = new ArrayList<>();
            run.put("scenarios", list);
            for (Scenarios.Scenario s : scenarios) {
                attempt(errors, "scenario " + s.name(), () -> list.add(Scenarios.run(ctx, s, true)));
            }
        }
        if (parts.contains("load")) {
            attempt(errors, "load", () -> run.put("load", LoadSuite.run(ctx, List.of("pi", "full"), true)));
        }
        if (parts.contains("leak")) {
            attempt(errors, "leak", () -> run.put("leak", Footprint.leak(ctx, cycles)));
        }
        if (parts.contains("display")) {
            attempt(errors, "display", () -> run.put("display", DisplayBench.run(ctx)));
        }
        if (parts.contains("jmh")) {
            attempt(errors, "jmh", () -> run.put("jmh", Microbenchmarks.run(ctx)));
        }
        if (!errors.isEmpty()) {
            run.put("errors", errors);
        }
        run.put("duration_s", (System.nanoTime() - started) / 1_000_000_000L);
        run.put("targets", Report.targets(run));
        return run;
    }

    /** The small scenario on the pi profile, without AppCDS: quick, and what CI runs. */
    static Map<String, Object> smoke(Context ctx) throws Exception {
        Map<String, Object> run = header(ctx, "smoke");
        long started = System.nanoTime();
        Map<String, Object> feeds = new LinkedHashMap<>();
        Path small = ctx.feeds.file(Feed.SMALL);
        feeds.put(Feed.SMALL.label(), Files.size(small));
        run.put("feeds", feeds);
        List<Object> list = new ArrayList<>();
        Scenarios.Scenario s = Scenarios.named("small-cl").get(0);
        list.add(Scenarios.run(ctx, s, false));
        run.put("scenarios", list);
        run.put("duration_s", (System.nanoTime() - started) / 1_000_000_000L);
        run.put("targets", Report.targets(run));
        return run;
    }

    /** What makes a smoke run a failure: the scenario did not complete or its figures are missing. */
    @SuppressWarnings("unchecked")
    static List<String> smokeProblems(Map<String, Object> run) {
        List<String> problems = new ArrayList<>();
        List<Object> scenarios = (List<Object>) run.get("scenarios");
        if (scenarios == null || scenarios.isEmpty()) {
            return List.of("no scenario ran");
        }
        Map<String, Object> s = (Map<String, Object>) scenarios.get(0);
        if (!Boolean.TRUE.equals(s.get("completed"))) {
            problems.add("scenario did not complete: " + s.get("failure"));
            return problems;
        }
        Map<String, Object> refresh = (Map<String, Object>) s.get("refresh");
        if (!Boolean.TRUE.equals(refresh.get("ok"))) {
            problems.add("the refresh failed: " + refresh.get("failure"));
        }
        if (!(refresh.get("events") instanceof Integer e) || e <= 0) {
            problems.add("no events parsed");
        }
        for (String phase : List.of("fetch_parse_ms", "archive_ms", "expand_ms", "store_ms")) {
            if (refresh.get(phase) == null) {
                problems.add("no " + phase + " in calendarbot.refresh's log line");
            }
        }
        List<Object> sources = (List<Object>) s.get("sources");
        Map<String, Object> src = (Map<String, Object>) sources.get(0);
        if (!(src.get("occurrences") instanceof Long o) || o <= 0) {
            problems.add("no occurrences in /api/health");
        }
        if (!(src.get("bytes") instanceof Long b) || b <= 0) {
            problems.add("no bytes in /api/health");
        }
        if (!(s.get("rss_peak_refresh_mb") instanceof Double rss) || rss <= 0) {
            problems.add("no RSS figure");
        }
        if (!(s.get("heap_used_max_mb") instanceof Double heap) || heap <= 0) {
            problems.add("no heap figure from /metrics");
        }
        Map<String, Object> gc = (Map<String, Object>) s.get("gc");
        if (gc == null || Boolean.FALSE.equals(gc.get("available"))) {
            problems.add("no GC figures in /metrics");
        }
        Map<String, Object> poll = (Map<String, Object>) s.get("whats_next_during_refresh");
        if (!(poll.get("samples") instanceof Integer n) || n <= 0) {
            problems.add("no /api/whats-next samples");
        }
        if (poll.get("errors") instanceof Long errors && errors > 0) {
            problems.add(errors + " failed /api/whats-next polls");
        }
        return problems;
    }

    private static Map<String, Object> header(Context ctx, String kind) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("kind", kind);
        run.put("started", LocalDateTime.now().withNano(0).toString());
        run.put("quick", ctx.quick);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("cpu_model", cpuModel());
        run.put("machine", machine);
        run.put("kiosk_time", FeedWriter.KIOSK_NOW);
        run.put("kiosk_java_opts", ctx.javaOpts.isBlank() ? null : ctx.javaOpts);
        run.put("kiosk_env", ctx.kioskEnv.isEmpty() ? null : new LinkedHashMap<>(ctx.kioskEnv));
        run.put("kiosk_extra_config", ctx.extraConfig == null ? null : ctx.extraConfig.toString());
        return run;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }

    private static Map<String, Object> feeds(Context ctx) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Feed f : Feed.values()) {
            m.put(f.label(), Files.size(ctx.feeds.file(f)));
        }
        return m;
    }

    /** The parser alone on the 50 MB feed with 16 MB of heap: default JIT (C2) and the pi profile's flags (C1). */
    static Map<String, Object> parser(Context ctx) throws IOException, InterruptedException {
        Path xlarge = ctx.feeds.file(Feed.XLARGE);
        int runs = ctx.quick ? 3 : 5;
        Map<String, Object> m = new LinkedHashMap<>();
        ctx.out.println("bench: parser on the 50 MB feed, -Xmx16m, C2");
        m.put("xmx16m_c2", ParserRun.fork(xlarge, List.of("-Xmx16m", "-XX:+UseSerialGC"), runs, 2));
        ctx.out.println("bench: parser on the 50 MB feed, -Xmx16m, the pi profile's JIT flags (C1 only)");
        m.put("xmx16m_pi_flags", ParserRun.fork(xlarge, List.of("-Xmx16m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=24m", "-Xss512k"), runs, 2));
        ctx.out.println("bench: parser on the 5 MB Google feed, -Xmx16m, C2");
        m.put("google_large_xmx16m_c2", ParserRun.fork(ctx.feeds.file(Feed.GOOGLE_LARGE),
                List.of("-Xmx16m", "-XX:+UseSerialGC"), runs + 2, 10));
        return m;
    }

    interface Part {
        void run() throws Exception;
    }

    /** A part that fails is recorded and the suite goes on with the next one. */
    private static void attempt(Map<String, Object> errors, String name, Part part) {
        try {
            part.run();
        } catch (Exception e) {
            errors.put(name, String.valueOf(e.getMessage()));
            System.err.println("bench: " + name + " failed: " + e);
        }
    }

    static Path write(Path dir, Map<String, Object> run) throws IOException {
        Files.createDirectories(dir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = dir.resolve(stamp + (Boolean.TRUE.equals(run.get("quick")) && !"smoke".equals(run.get("kind"))
                ? "-quick" : "") + (List.of("smoke", "soak", "medicine").contains(run.get("kind"))
                ? "-" + run.get("kind") : "") + ".json");
        Files.writeString(file, JsonWriter.indented(2).value(run) + "\n");
        return file;
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: bench/run [options] [part|scenario ...]
                  (nothing)        the full suite: parser, start, rest, idle, scenarios, load, leak, display, jmh
                  smoke            the small scenario only (< 1 min); exit 1 if it broke
                  medicine         the medicine tracker plug-in's suite: database, API, load at 10..500 users,
                                   memory, panel render; the note's Pi targets (~4 min, --quick ~1.5 min)
                  parser           parser alone on the 50 MB feed with -Xmx16m (C2 and pi flags)
                  jmh              JMH: parser vs ical4j vs readLine; worker vs ical4j Recur vs lib-recur
                  scenarios        every refresh scenario below
                  small|medium|large|xlarge[-cl|-chunked|-nostream]|concurrent   chosen scenarios
                  load             50/100/200/500 clients on /api/whats-next and / (pi and full)
                  footprint        start + rest + floor + idle + leak
                  rest             issue 17's targets: 3 cold + warm starts, small feed, idle RSS/dirty 10 s after
                  floor            the idle RSS layer by layer: a JVM alone, + Felix/SCR/Config Admin/FileInstall,
                                   + Felix HTTP Jetty, the pi profile (3 rounds of warm starts, ~4 min)
                  start            start to first meeting from the archive, feed server down, +-AppCDS
                  idle             pi idle RSS 10 s after ready
                  leak             RSS slope over refresh cycles (1000; --quick 50; --cycles N)
                  soak             --minutes N (30) --profile pi|full: refreshes of a good, a hostile and an
                                   endless feed every 10 s under 50 clients; RSS, threads, fds; exit 1 if a
                                   verdict is missed (a failed request, a leak)
                  display          pi + display/framebuffer plug-ins: picture time, RSS idle and redrawing, BMP size
                options: --quick --cycles N --root DIR --dist DIR --work DIR --results DIR
                         --java-opts "FLAGS"   JAVA_OPTS for every kiosk started (experiments with JVM flags)
                         --env NAME=VALUE      environment for every kiosk started (e.g. MALLOC_ARENA_MAX=2)
                         --kiosk-config DIR    extra .cfg files for every kiosk's --config folder""");
    }
}
