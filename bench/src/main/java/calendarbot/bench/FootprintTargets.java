package calendarbot.bench;

import static calendarbot.bench.Report.fmt;
import static calendarbot.bench.Report.list;
import static calendarbot.bench.Report.map;

import calendarbot.bench.Context.Source;
import calendarbot.bench.Feeds.Feed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 17: the pi profile against calendarbot_lite, the Python server it replaces, at rest and at start. Each round
 * is a new kiosk with the small Outlook feed: a cold start (empty data folder, no AppCDS archive) to a meeting in
 * /api/whats-next, idle figures 10 s after ready, stop (the archive is written at exit), then a warm start (archive
 * and bundle cache kept) and its idle figures. Idle memory counts as deployed: with the archive.
 */
final class FootprintTargets {

    static final String PROFILE = Scenarios.PROFILE;
    /** The targets for the pi profile. */
    static final double RSS_MB = 56;
    static final double DIRTY_MB = 38;
    static final long COLD_MS = 1500;
    static final long WARM_MS = 1000;
    /** calendarbot_lite on this machine, from the issue (it is not installed here). */
    static final Map<String, Object> PYTHON = Map.of("rss_mb", 57.6, "dirty_mb", 40.8, "anonymous_mb", 40.8,
            "cold_start_ms", 1520);

    private FootprintTargets() {
    }

    static Map<String, Object> run(Context ctx, int rounds) throws IOException, InterruptedException {
        ctx.out.printf("bench: issue 17 targets: %d cold + warm starts of the pi profile, small feed%n", rounds);
        Map<String, Object> all = new LinkedHashMap<>();
        List<Map<String, Object>> cold = new ArrayList<>();
        List<Map<String, Object>> warm = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            List<Map<String, Object>> round = coldAndWarm(ctx, "targets-" + i);
            cold.add(round.get(0));
            warm.add(round.get(1));
        }
        all.put("feed", Feed.SMALL.label());
        all.put("rounds", rounds);
        all.put("cold", cold);
        all.put("warm", warm);
        all.put("cold_summary", medians(cold));
        all.put("warm_summary", medians(warm));
        all.put("targets", Map.of("rss_mb", RSS_MB, "dirty_mb", DIRTY_MB, "cold_start_ms", COLD_MS,
                "warm_start_ms", WARM_MS));
        all.put("calendarbot_lite", PYTHON);
        return all;
    }

    /** A new pi kiosk with the small feed: its first start (no archive) and, after a stop, its second. */
    static List<Map<String, Object>> coldAndWarm(Context ctx, String runName) throws IOException, InterruptedException {
        Path home = ctx.distributions.home(PROFILE);
        Distributions.deleteCdsArchives(home, null);
        List<Source> sources = List.of(new Source("small", Feed.SMALL, true));
        Kiosk k = ctx.kiosk(PROFILE, ctx.runDir(runName), sources, false, false, ctx.server());
        k.env().remove("CALENDARBOT_CDS"); // as deployed: the first run records the archive
        try (k) {
            Map<String, Object> cold = startAndRest(ctx, k);
            stopAndWriteBack(k, home);
            return List.of(cold, startAndRest(ctx, k));
        }
    }

    /**
     * Stops the process, then writes its AppCDS archives back to disk: a kiosk maps an archive written long ago, and
     * pages of a file just written are dirty in the page cache (and count as dirty in smaps) until the kernel writes
     * them back, some 30 s later.
     */
    static void stopAndWriteBack(Kiosk k, Path home) throws IOException, InterruptedException {
        k.stop();
        for (Path a : Distributions.cdsArchives(home, k.dataDir())) {
            writeBack(a);
        }
    }

    /** Start to a meeting, then 10 s after ready: RSS, dirty (Pss_Dirty), anonymous, dirty pages per mapped file. */
    private static Map<String, Object> startAndRest(Context ctx, Kiosk k) throws IOException, InterruptedException {
        long[] t = Footprint.timeToMeeting(ctx, k);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meeting_ms", t[1]);
        m.put("page_ms", t[0]);
        m.put("launcher_ready_ms", t[2]);
        long left = 10_000 - (System.nanoTime() - k.readySeenNanos()) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
        m.putAll(restFigures(k.pid()));
        m.put("file_dirty_mb", KioskRss.dirtyFiles(k.pid()));
        return m;
    }

    /** A process at rest: RSS, dirty (Pss_Dirty) and anonymous memory in MB, threads. */
    static Map<String, Object> restFigures(long pid) {
        Map<String, Object> m = new LinkedHashMap<>();
        KioskRss.Figures f = KioskRss.read(pid);
        Map<String, Long> rollup = KioskRss.rollup(pid);
        ProcessGauges.Reading gauges = ProcessGauges.read(pid);
        m.put("rss_mb", f == null ? null : KioskRss.mb(f.rssKb()));
        m.put("dirty_mb", rollup.containsKey("Pss_Dirty") ? KioskRss.mb(rollup.get("Pss_Dirty")) : null);
        m.put("anonymous_mb", rollup.containsKey("Anonymous") ? KioskRss.mb(rollup.get("Anonymous")) : null);
        m.put("threads", gauges == null ? null : gauges.threads());
        return m;
    }

    static void writeBack(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static Map<String, Object> medians(List<Map<String, Object>> runs) {
        return medians(runs, List.of("meeting_ms", "page_ms", "rss_mb", "dirty_mb", "anonymous_mb"));
    }

    /** Each key's median over the runs (null when no run has it). */
    static Map<String, Object> medians(List<Map<String, Object>> runs, List<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : keys) {
            List<Double> values = new ArrayList<>();
            for (Map<String, Object> r : runs) {
                if (r.get(key) instanceof Number n) {
                    values.add(n.doubleValue());
                }
            }
            values.sort(null);
            m.put(key, values.isEmpty() ? null : values.get(values.size() / 2));
        }
        return m;
    }

    /** Issue 17: the pi profile next to its targets and next to calendarbot_lite (the figures). */
    static void print(Map<String, Object> run, PrintStream out) {
        Map<String, Object> ft = map(run.get("footprint_targets"));
        if (ft.isEmpty()) {
            return;
        }
        Map<String, Object> cold = map(ft.get("cold_summary"));
        Map<String, Object> warm = map(ft.get("warm_summary"));
        Map<String, Object> target = map(ft.get("targets"));
        Map<String, Object> py = map(ft.get("calendarbot_lite"));
        out.println();
        out.println("At rest and at start (issue 17; pi profile, " + ft.get("feed") + ", medians of " + ft.get("rounds")
                + "; idle = 10 s after ready, with the AppCDS archive as deployed)");
        Report.Table t = new Report.Table("figure", "pi profile", "target", "verdict", "calendarbot_lite (issue)");
        t.row("idle RSS", fmt(warm.get("rss_mb")) + " MB", "<= " + fmt(target.get("rss_mb")) + " MB",
                verdict(warm.get("rss_mb"), target.get("rss_mb"), "MB"), fmt(py.get("rss_mb")) + " MB");
        t.row("idle dirty (Pss_Dirty)", fmt(warm.get("dirty_mb")) + " MB", "<= " + fmt(target.get("dirty_mb")) + " MB",
                verdict(warm.get("dirty_mb"), target.get("dirty_mb"), "MB"), fmt(py.get("dirty_mb")) + " MB");
        t.row("idle anonymous", fmt(warm.get("anonymous_mb")) + " MB", "", "", fmt(py.get("anonymous_mb")) + " MB");
        t.row("cold start to a meeting (no archive)", fmt(cold.get("meeting_ms")) + " ms",
                "<= " + fmt(target.get("cold_start_ms")) + " ms", verdict(cold.get("meeting_ms"),
                        target.get("cold_start_ms"), "ms"), fmt(py.get("cold_start_ms")) + " ms");
        t.row("warm start to a meeting (archive)", fmt(warm.get("meeting_ms")) + " ms",
                "<= " + fmt(target.get("warm_start_ms")) + " ms", verdict(warm.get("meeting_ms"),
                        target.get("warm_start_ms"), "ms"), "-");
        t.row("first run's idle RSS / dirty (recording the archive)", fmt(cold.get("rss_mb")) + " / "
                + fmt(cold.get("dirty_mb")) + " MB", "", "", "");
        t.print(out);
        List<Object> warmRuns = list(ft.get("warm"));
        if (!warmRuns.isEmpty()) {
            out.println("  dirty pages of mapped files, warm (MB): " + map(warmRuns.get(0)).get("file_dirty_mb"));
        }
    }

    private static String verdict(Object measured, Object target, String unit) {
        if (!(measured instanceof Number m) || !(target instanceof Number t)) {
            return "-";
        }
        double over = m.doubleValue() - t.doubleValue();
        return over <= 0 ? "met" : "missed by " + fmt(Math.round(over * 10) / 10.0) + " " + unit;
    }
}
