package calendarbot.bench;

import calendarbot.bench.Context.Source;
import calendarbot.bench.Feeds.Feed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pi profile's memory and start: idle RSS 10 s after ready, the RSS slope over many refresh cycles (a leak
 * shows as a slope that does not flatten), and the time from process start to the kiosk showing a meeting from
 * the on-disk archive while the feed server is down, with and without the AppCDS archive.
 */
final class Footprint {

    static final String PROFILE = Scenarios.PROFILE;

    private Footprint() {
    }

    /** Idle RSS 10 s after ready with the medium feed loaded, with AppCDS as deployed and without. */
    static Map<String, Object> idle(Context ctx) throws IOException, InterruptedException {
        Map<String, Object> all = new LinkedHashMap<>();
        for (boolean cds : List.of(true, false)) {
            ctx.out.printf("bench: idle RSS of the pi profile (AppCDS %s)%n", cds ? "on" : "off");
            Map<String, Object> m = new LinkedHashMap<>();
            List<Source> sources = List.of(new Source("medium", Feed.MEDIUM, true));
            Kiosk k = ctx.kiosk(PROFILE, "idle-" + (cds ? "cds" : "nocds"), sources, false, cds);
            try (k; HttpProbe probe = new HttpProbe(k.port(), 10_000)) {
                k.startAndLoad(List.of("medium"), 120_000);
                m.put("ready_ms", k.awaitReady(1000));
                m.put("rss_ready_mb", k.readyRssMb());
                long left = 10_000 - (System.nanoTime() - k.readySeenNanos()) / 1_000_000;
                if (left > 0) {
                    Thread.sleep(left);
                }
                KioskRss.Figures f = KioskRss.read(k.pid());
                m.put("rss_idle_mb", KioskRss.mb(f.rssKb()));
                m.put("rss_peak_mb", KioskRss.mb(f.hwmKb()));
                m.putAll(memoryMap(k.pid()));
                Map<String, Double> metrics = k.metrics(probe);
                m.put("heap_used_mb", Scenarios.mb(Scenarios.value(metrics, "calendarbot_jvm_heap_used_bytes")));
                m.put("heap_committed_mb",
                        Scenarios.mb(Scenarios.value(metrics, "calendarbot_jvm_heap_committed_bytes")));
            }
            all.put(cds ? "appcds" : "no_appcds", m);
        }
        all.put("native_memory", nativeMemory(ctx));
        return all;
    }

    /**
     * Where the idle RSS goes, by the JVM's own account: one more idle start with -XX:NativeMemoryTracking=summary
     * (which costs a little memory itself) and "jcmd PID VM.native_memory summary", committed MB per category.
     */
    static Map<String, Object> nativeMemory(Context ctx) throws IOException, InterruptedException {
        ctx.out.println("bench: native memory summary of the idle pi profile (NMT)");
        Map<String, Object> m = new LinkedHashMap<>();
        List<Source> sources = List.of(new Source("medium", Feed.MEDIUM, true));
        Kiosk k = ctx.kiosk(PROFILE, "idle-nmt", sources, false, true);
        k.env().merge("JAVA_OPTS", "-XX:NativeMemoryTracking=summary", (a, b) -> a + " " + b);
        try (k) {
            k.startAndLoad(List.of("medium"), 120_000);
            long left = 10_000 - (System.nanoTime() - k.readySeenNanos()) / 1_000_000;
            if (left > 0) {
                Thread.sleep(left);
            }
            m.put("rss_mb", KioskRss.mb(KioskRss.read(k.pid()).rssKb()));
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(k.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            java.util.regex.Matcher total = java.util.regex.Pattern.compile(
                    "Total: reserved=(\\d+)KB, committed=(\\d+)KB").matcher(text);
            if (total.find()) {
                m.put("total_committed_mb", KioskRss.mb(Long.parseLong(total.group(2))));
            }
            java.util.regex.Matcher c = java.util.regex.Pattern.compile(
                    "-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)").matcher(text);
            Map<String, Object> categories = new LinkedHashMap<>();
            while (c.find()) {
                categories.put(c.group(1).trim(), KioskRss.mb(Long.parseLong(c.group(3))));
            }
            m.put("committed_mb", categories);
            if (categories.isEmpty()) {
                m.put("jcmd_output", text.length() > 500 ? text.substring(0, 500) : text);
            }
        }
        return m;
    }

    /** RSS (from /proc/<pid>/smaps_rollup) split into what the JVM maps: anonymous (heap, metaspace...) and files. */
    static Map<String, Object> memoryMap(long pid) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                String[] parts = line.split("\\s+");
                if (parts.length >= 2 && (line.startsWith("Anonymous:") || line.startsWith("Rss:"))) {
                    m.put(line.startsWith("Rss:") ? "rss_rollup_mb" : "rss_anonymous_mb",
                            KioskRss.mb(Long.parseLong(parts[1])));
                }
            }
            if (m.get("rss_rollup_mb") instanceof Double rss && m.get("rss_anonymous_mb") instanceof Double anon) {
                m.put("rss_file_backed_mb", Math.round((rss - anon) * 10) / 10.0);
            }
        } catch (IOException | RuntimeException e) {
            // no smaps_rollup (old kernel)
        }
        return m;
    }

    /**
     * {@code cycles} refreshes of the medium feed, one after the other; RSS after each. The slope is fitted over
     * the cycles after the first tenth (warm-up: JIT, heap growing to its working size).
     */
    static Map<String, Object> leak(Context ctx, int cycles) throws IOException, InterruptedException {
        ctx.out.printf("bench: leak check: %d refresh cycles of the medium feed on the pi profile%n", cycles);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycles", cycles);
        m.put("feed", Feed.MEDIUM.label());
        List<Source> sources = List.of(new Source("medium", Feed.MEDIUM, true));
        Kiosk k = ctx.kiosk(PROFILE, "leak", sources, false, true);
        try (k; HttpProbe probe = new HttpProbe(k.port(), 30_000)) {
            k.startAndLoad(List.of("medium"), 120_000);
            Map<String, Double> before = k.metrics(probe);
            long[] rss = new long[cycles];
            long[] heap = new long[cycles];
            long[] committed = new long[cycles];
            int failures = 0;
            int lost = 0;
            long totalMs = 0;
            long started = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                Kiosk.Refresh r = null;
                for (int attempt = 0; r == null; attempt++) {
                    k.forgetRefreshes();
                    probe.post("/api/refresh");
                    try {
                        r = k.awaitRefreshes(List.of("medium"), attempt < 3 ? 3_000 : 120_000).get("medium");
                    } catch (Kiosk.KioskDied died) {
                        throw died;
                    } catch (IOException noRefresh) {
                        // FeedRefreshScheduler coalesces a request into a refresh that is still finishing (its
                        // log line written, not yet marked done): accepted with 202, then nothing. Ask again.
                        if (attempt >= 3) {
                            throw noRefresh;
                        }
                        lost++;
                    }
                }
                if (!r.ok()) {
                    failures++;
                }
                totalMs += Math.max(0, r.totalMs());
                rss[i] = KioskRss.read(k.pid()).rssKb();
                if (i % 10 == 9 || i == cycles - 1) {
                    Map<String, Double> mm = k.metrics(probe);
                    heap[i] = (long) Scenarios.value(mm, "calendarbot_jvm_heap_used_bytes");
                    committed[i] = (long) Scenarios.value(mm, "calendarbot_jvm_heap_committed_bytes");
                }
                if ((i + 1) % Math.max(1, cycles / 10) == 0) {
                    ctx.out.printf("bench:   cycle %d/%d: RSS %.1f MB%n", i + 1, cycles, rss[i] / 1024.0);
                }
            }
            long wall = (System.nanoTime() - started) / 1_000_000;
            Map<String, Double> after = k.metrics(probe);
            int from = cycles / 10;
            m.put("failures", failures);
            m.put("requests_lost_to_coalescing", lost);
            m.put("wall_s", Math.round(wall / 100.0) / 10.0);
            m.put("refresh_mean_ms", cycles == 0 ? null : totalMs / cycles);
            m.put("rss_first_mb", KioskRss.mb(rss[0]));
            m.put("rss_after_warmup_mb", KioskRss.mb(rss[from]));
            m.put("rss_last_mb", KioskRss.mb(rss[cycles - 1]));
            m.put("rss_max_mb", KioskRss.mb(Arrays.stream(rss).max().orElse(0)));
            double slope = slope(rss, from, cycles);
            m.put("rss_slope_kb_per_cycle", Math.round(slope * 100) / 100.0);
            m.put("rss_slope_mb_per_1000_cycles", Math.round(slope * 1000 / 1024 * 100) / 100.0);
            double[] half = {slope(rss, from, from + (cycles - from) / 2), slope(rss, from + (cycles - from) / 2,
                    cycles)};
            m.put("rss_slope_kb_per_cycle_halves", List.of(Math.round(half[0] * 100) / 100.0,
                    Math.round(half[1] * 100) / 100.0));
            List<Long> heapSeries = new ArrayList<>();
            for (long h : heap) {
                if (h > 0) {
                    heapSeries.add(h / 1024);
                }
            }
            m.put("heap_used_kb_every_10_cycles_first_last", heapSeries.isEmpty() ? List.of()
                    : List.of(heapSeries.get(0), heapSeries.get(heapSeries.size() - 1)));
            m.put("heap_committed_mb_first_last", List.of(Scenarios.mb(firstPositive(committed)),
                    Scenarios.mb(committed[cycles - 1])));
            m.put("gc", Scenarios.gcDelta(before, after));
            m.put("rss_series_mb_every_tenth", everyTenth(rss));
        }
        return m;
    }

    private static double firstPositive(long[] values) {
        for (long v : values) {
            if (v > 0) {
                return v;
            }
        }
        return -1;
    }

    private static List<Double> everyTenth(long[] rss) {
        List<Double> out = new ArrayList<>();
        int step = Math.max(1, rss.length / 10);
        for (int i = 0; i < rss.length; i += step) {
            out.add(KioskRss.mb(rss[i]));
        }
        out.add(KioskRss.mb(rss[rss.length - 1]));
        return out;
    }

    /** Least-squares slope of {@code y[from, to)} over the index. */
    static double slope(long[] y, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = from; i < to; i++) {
            sx += i;
            sy += y[i];
            sxx += (double) i * i;
            sxy += (double) i * y[i];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /**
     * Start to first meeting from the archive: fill the archive once (feed server up), stop, then start again with the
     * feed server down and poll "/" and /api/whats-next every 10 ms until the page answers and a meeting shows.
     * Without AppCDS (CALENDARBOT_CDS=off) and with it (the fill run, started without an archive, writes it at exit).
     */
    static Map<String, Object> startFromArchive(Context ctx, int starts) throws IOException, InterruptedException {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("feed", Feed.MEDIUM.label());
        for (boolean cds : List.of(false, true)) {
            ctx.out.printf("bench: start from the archive, feed server down (AppCDS %s)%n", cds ? "on" : "off");
            Path home = ctx.distributions.home(PROFILE);
            if (cds) {
                // the first run (the fill run) must make its own
                Distributions.deleteCdsArchives(home, null);
            }
            Path dir = ctx.runDir("start-" + (cds ? "cds" : "nocds"));
            List<Source> sources = List.of(new Source("medium", Feed.MEDIUM, true));
            Map<String, Object> m = new LinkedHashMap<>();
            // a feed server of its own, so that it can be down while the shared one keeps serving
            Kiosk k;
            try (FeedServer own = FeedServer.start(ctx.feeds.dir())) {
                // not through ctx.kiosk's AppCDS template: this run starts without an archive, as a new kiosk does
                k = ctx.kiosk(PROFILE, dir, sources, false, false, own);
                k.env().remove("CALENDARBOT_CDS");
                if (!cds) {
                    k.env().put("CALENDARBOT_CDS", "off");
                }
                Kiosk.Refresh filled = k.startAndLoad(List.of("medium"), 120_000).get("medium");
                if (!filled.ok()) {
                    throw new IOException("the fill run could not fetch the feed: " + filled.failure());
                }
                Thread.sleep(1000);
                k.stop();
            }
            if (!Files.exists(k.dataDir().resolve("feeds").resolve("medium.ics"))) {
                m.put("note", "no archive file " + k.dataDir().resolve("feeds/medium.ics") + " after the fill run");
            }
            if (cds) {
                List<Path> archives = Distributions.cdsArchives(home, k.dataDir());
                m.put("cds_archive", archives.isEmpty() ? null : archives.get(0).getFileName().toString());
                m.put("cds_archive_mb", archives.isEmpty() ? null : KioskRss.mb(Files.size(archives.get(0)) / 1024));
            }
            List<Long> data = new ArrayList<>();
            List<Long> page = new ArrayList<>();
            List<Long> ready = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                long[] t = timeToMeeting(ctx, k);
                page.add(t[0]);
                data.add(t[1]);
                ready.add(t[2]);
                rss.add(KioskRss.mb(t[3]));
                k.stop();
            }
            m.put("starts", starts);
            m.put("page_ms", page);
            m.put("meeting_ms", data);
            m.put("launcher_ready_ms", ready);
            m.put("rss_at_meeting_mb", rss);
            m.put("meeting_ms_median", median(data));
            m.put("page_ms_median", median(page));
            all.put(cds ? "appcds" : "no_appcds", m);
        }
        return all;
    }

    /** [page ms, meeting ms, launcher's ready ms, RSS kB at the meeting], times from just before the process start. */
    static long[] timeToMeeting(Context ctx, Kiosk k) throws IOException, InterruptedException {
        ctx.distributions.restoreConfigs(PROFILE);
        k.start();
        long t0 = k.startedNanos();
        long page = -1;
        long meeting = -1;
        long deadline = t0 + 120_000_000_000L;
        try (HttpProbe probe = new HttpProbe(k.port(), 2_000)) {
            while (meeting < 0 || page < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no meeting from the archive within 120 s:\n" + k.tailText());
                }
                if (!k.isAlive()) {
                    throw new IOException("the kiosk exited:\n" + k.tailText());
                }
                try {
                    if (page < 0 && probe.get("/").status() == 200) {
                        page = (System.nanoTime() - t0) / 1_000_000;
                    }
                    if (meeting < 0) {
                        HttpProbe.Answer a = probe.get("/api/whats-next");
                        if (a.status() == 200 && hasMeeting(a.body())) {
                            meeting = (System.nanoTime() - t0) / 1_000_000;
                        }
                    }
                } catch (IOException notYet) {
                    probe.close();
                }
                if (meeting < 0 || page < 0) {
                    Thread.sleep(10);
                }
            }
        }
        long ready = k.awaitReady(60_000);
        KioskRss.Figures f = KioskRss.read(k.pid());
        return new long[] {page, meeting, ready, f == null ? 0 : f.rssKb()};
    }

    private static final java.util.regex.Pattern MEETING = java.util.regex.Pattern.compile("\"meeting\"\\s*:\\s*\\{");

    static boolean hasMeeting(String whatsNextJson) {
        return MEETING.matcher(whatsNextJson).find();
    }

    /** What bin/calendarbot spends before the kiosk's JVM starts when AppCDS is on: one "java -version". */
    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }
}
