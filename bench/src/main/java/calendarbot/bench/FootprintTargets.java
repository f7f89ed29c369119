package calendarbot.bench;

import calendarbot.bench.Context.Source;
import calendarbot.bench.Feeds.Feed;
import java.io.IOException;
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
        Path home = ctx.distributions.home(PROFILE);
        for (int i = 0; i < rounds; i++) {
            Distributions.deleteCdsArchives(home, null);
            List<Source> sources = List.of(new Source("small", Feed.SMALL, true));
            Kiosk k = ctx.kiosk(PROFILE, ctx.runDir("targets-" + i), sources, false, false, ctx.server());
            k.env().remove("CALENDARBOT_CDS"); // as deployed: the first run records the archive
            try (k) {
                cold.add(startAndRest(ctx, k));
                k.stop();
                // a kiosk maps an archive written long ago: pages of a file just written are dirty in the page cache
                // (and count as dirty in smaps) until the kernel writes them back, some 30 s later
                for (Path a : Distributions.cdsArchives(home, k.dataDir())) {
                    writeBack(a);
                }
                warm.add(startAndRest(ctx, k));
            }
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
        m.put("rss_mb", KioskRss.mb(KioskRss.read(k.pid()).rssKb()));
        Map<String, Long> rollup = KioskRss.rollup(k.pid());
        m.put("dirty_mb", KioskRss.mb(rollup.getOrDefault("Pss_Dirty", -1024L)));
        m.put("anonymous_mb", KioskRss.mb(rollup.getOrDefault("Anonymous", -1024L)));
        m.put("file_dirty_mb", KioskRss.dirtyFiles(k.pid()));
        return m;
    }

    static void writeBack(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static Map<String, Object> medians(List<Map<String, Object>> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key : List.of("meeting_ms", "page_ms", "rss_mb", "dirty_mb", "anonymous_mb")) {
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
}
