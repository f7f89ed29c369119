package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class SoakReportTest {

    @Test
    void slopeIsPerHourOfTheSamplesFromTheGivenSecond() {
        List<double[]> points = new ArrayList<>();
        for (int t = 0; t <= 1800; t += 10) {
            // 1 MB per 10 minutes after a jump during the first minute
            points.add(new double[] {t, t < 60 ? 50 : 80 + t / 600.0});
        }
        assertEquals(6.0, SoakReport.slopePerHour(points, 60), 1e-9);
    }

    @Test
    void aFlatRunMeetsEveryVerdict() {
        Map<String, Object> run = run(i -> 90 + (i % 30 < 15 ? 0 : 5), 0);
        Map<String, Object> summary = SoakReport.summarise(run);
        run.putAll(summary);
        assertTrue(SoakReport.allMet(run), () -> String.valueOf(summary.get("verdicts")));
        Map<String, Object> rss = Report.map(Report.map(summary.get("figures")).get("rss_mb"));
        assertEquals(95.0, rss.get("max"));
        assertEquals(90.0, rss.get("min"));
    }

    @Test
    void aSawtoothThatSetsNoNewHighIsFlatEvenWhenItsFitRises() {
        // highs of 100 MB early and late, the lows rise a little: a fitted slope, but bounded
        Map<String, Object> run = run(i -> i % 60 == 5 ? 100 : 85 + i / 30.0, 0);
        run.putAll(SoakReport.summarise(run));
        Map<String, Object> rss = Report.map(Report.map(run.get("figures")).get("rss_mb"));
        assertTrue(Report.num(rss.get("slope_per_h")) > SoakReport.RSS_SLOPE_LIMIT_MB_PER_H);
        assertTrue(verdict(run, "RSS flat"));
    }

    @Test
    void aLeakAndAFailedRequestAreMissed() {
        Map<String, Object> run = run(i -> 80 + i * 0.05, 1);
        run.putAll(SoakReport.summarise(run));
        assertFalse(verdict(run, "RSS flat"));
        assertFalse(verdict(run, "failed kiosk requests"));
        assertFalse(SoakReport.allMet(run));
    }

    /** 30 minutes of samples every 10 s with the RSS of {@code rss}, steady threads and descriptors. */
    private static Map<String, Object> run(IntToDoubleFunction rss, long failed) {
        List<Object> samples = new ArrayList<>();
        for (int i = 0; i <= 180; i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("t_s", i * 10.0);
            s.put("rss_mb", rss.applyAsDouble(i));
            s.put("threads", 39);
            s.put("fds", 97);
            samples.add(s);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("samples", samples);
        run.put("requests", 1000L);
        run.put("failed_requests", failed);
        run.put("probe_failures", 0L);
        run.put("refresh_requests_refused", 0L);
        run.put("kiosk_alive_at_end", true);
        run.put("idle_before", Map.of("threads", 40, "fds", 47));
        run.put("idle_after", Map.of("threads", 38, "fds", 46, "after_s", 0));
        run.put("log", Map.of("stack_traces", 0L, "by_level", Map.of("INFO", 10L, "WARN", 3L)));
        return run;
    }

    private static boolean verdict(Map<String, Object> run, String startsWith) {
        for (Object o : Report.list(run.get("verdicts"))) {
            Map<String, Object> v = Report.map(o);
            if (String.valueOf(v.get("verdict")).startsWith(startsWith)) {
                return Boolean.TRUE.equals(v.get("met"));
            }
        }
        throw new AssertionError("no verdict " + startsWith + " in " + run.get("verdicts"));
    }
}
