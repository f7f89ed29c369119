package calendarbot.bench;

import calendarbot.bench.Context.Source;
import calendarbot.bench.Feeds.Feed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 50, 100, 200 and 500 concurrent clients (closed loop, keep-alive) on /api/whats-next and on the kiosk page "/",
 * for the pi and the full profile, each with the medium Outlook feed loaded.
 */
final class LoadSuite {

    static final List<Integer> LEVELS = List.of(50, 100, 200, 500);
    static final List<String> PATHS = List.of("/api/whats-next", "/");

    private LoadSuite() {
    }

    /** One level: {@code clients} on {@code path} for {@code seconds} after a second of warm-up, and the RSS peak. */
    static Map<String, Object> level(Kiosk k, String path, int clients, long seconds) throws IOException {
        KioskRss.resetPeak(k.pid());
        LoadClient.Result res;
        long peak;
        try (KioskRss.Sampler rss = new KioskRss.Sampler(k.pid(), 20)) {
            res = new LoadClient(k.port(), path).run(clients, 1000, seconds * 1000, () -> false);
            rss.close();
            peak = rss.peakKb();
        }
        Map<String, Object> m = res.toMap();
        m.put("rss_peak_mb", KioskRss.mb(peak));
        return m;
    }

    static Map<String, Object> run(Context ctx, List<String> profiles, boolean cds)
            throws IOException, InterruptedException {
        long seconds = ctx.quick ? 3 : 10;
        Map<String, Object> all = new LinkedHashMap<>();
        for (String profile : profiles) {
            ctx.out.printf("bench: load on the %s profile: %s clients x %s, %d s each%n", profile, LEVELS, PATHS,
                    seconds);
            Map<String, Object> p = new LinkedHashMap<>();
            List<Source> sources = List.of(new Source("medium", Feed.MEDIUM, true));
            Kiosk k = ctx.kiosk(profile, "load-" + profile, sources, false, cds);
            try (k) {
                k.startAndLoad(List.of("medium"), 120_000);
                p.put("rss_before_mb", KioskRss.mb(KioskRss.read(k.pid()).rssKb()));
                // warm the JIT on both paths (not recorded)
                for (String path : PATHS) {
                    // the full profile compiles with C2: give it time to settle before the first level
                    new LoadClient(k.port(), path).run(50, 0, ctx.quick ? 1000 : 5000, () -> false);
                }
                List<Object> levels = new ArrayList<>();
                for (String path : PATHS) {
                    for (int clients : LEVELS) {
                        Map<String, Object> m = level(k, path, clients, seconds);
                        levels.add(m);
                        ctx.out.printf("bench:   %-16s %3d clients: %7d req/s, p50 %6.2f ms, p99 %7.2f ms, errors %d%n",
                                path, clients, (Long) m.get("throughput_rps"), (Double) m.get("p50_ms"),
                                (Double) m.get("p99_ms"), (Long) m.get("errors") + (Long) m.get("warmup_errors"));
                        if (!k.isAlive()) {
                            throw new IOException("the " + profile + " kiosk died under load:\n" + k.tailText());
                        }
                    }
                }
                if (Wrk.available()) {
                    // the same question asked with a client that leaves the server more of the 2 cores
                    for (String path : PATHS) {
                        Map<String, Object> m = Wrk.run(k.port(), path, 100, seconds);
                        levels.add(m);
                        ctx.out.printf("bench:   %-16s %3d clients (wrk): %7d req/s, p50 %6.2f ms, p99 %7.2f ms, "
                                + "errors %d%n", path, 100, (Long) m.get("throughput_rps"), (Double) m.get("p50_ms"),
                                (Double) m.get("p99_ms"), (Long) m.get("errors"));
                    }
                }
                p.put("levels", levels);
                p.put("rss_after_mb", KioskRss.mb(KioskRss.read(k.pid()).rssKb()));
            }
            all.put(profile, p);
        }
        return all;
    }
}
