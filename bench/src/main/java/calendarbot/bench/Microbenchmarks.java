package calendarbot.bench;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FeedWriter;
import calendarbot.api.model.ParseOptions;
import calendarbot.bench.Feeds.Feed;
import calendarbot.bench.jmh.ExpanderBenchmark;
import calendarbot.bench.jmh.ParserBenchmark;
import calendarbot.parser.internal.StreamingIcsParser;
import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks (one fork each, -prof gc) and turns their times per operation into MB/s and occurrences
 * per second; JMH's own report goes to {@code <work>/jmh.log}.
 */
final class Microbenchmarks {

    private Microbenchmarks() {
    }

    static Map<String, Object> run(Context ctx) throws Exception {
        String log = ctx.work.resolve("jmh.log").toString();
        ctx.out.println("bench: JMH (parser vs ical4j CalendarBuilder vs readLine; worker vs ical4j Recur vs lib-recur);"
                + " JMH's report: " + log);
        Options options = new OptionsBuilder()
                .include("calendarbot\\.bench\\.jmh\\..*")
                .forks(1)
                .warmupIterations(ctx.quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(ctx.quick ? 1 : 2))
                .measurementIterations(ctx.quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(ctx.quick ? 1 : 2))
                .jvmArgs("-Xms256m", "-Xmx512m")
                .addProfiler(GCProfiler.class)
                .output(log)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Feed feed = Feed.LARGE;
        byte[] bytes = ParserBenchmark.feedBytes(feed);
        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(ConfigProxy.defaults(StreamingIcsParser.Config.class));
        int events = parser.parse(new ByteArrayInputStream(bytes),
                new ParseOptions(java.time.ZoneId.of("Europe/Berlin"), FeedWriter.ME, 500, 32 * 1024), e -> { })
                .events();
        Map<String, Integer> occurrences = ExpanderBenchmark.counts();

        Map<String, Object> parserFigures = new LinkedHashMap<>();
        parserFigures.put("feed", feed.label());
        parserFigures.put("bytes", bytes.length);
        parserFigures.put("events", events);
        Map<String, Object> expanderFigures = new LinkedHashMap<>();
        expanderFigures.put("series", "10 rules x 10 copies: weekdays, weekly, bi-weekly, monthly by weekday and by"
                + " date, last workday (BYSETPOS), daily, yearly, COUNT=1000, UNTIL");
        expanderFigures.put("window", "2026-11-23 + 365 days, series from 2025-01-06");
        for (RunResult rr : results) {
            String method = rr.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            Result<?> primary = rr.getPrimaryResult();
            double msPerOp = primary.getScore();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ms_per_op", round(msPerOp, 3));
            m.put("ms_per_op_error", round(primary.getScoreError(), 3));
            Double allocPerOp = null;
            for (Map.Entry<String, Result> e : rr.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    allocPerOp = e.getValue().getScore();
                }
            }
            m.put("allocated_bytes_per_op", allocPerOp == null ? null : Math.round(allocPerOp));
            if (rr.getParams().getBenchmark().contains("ParserBenchmark")) {
                m.put("mb_per_s", round(bytes.length / 1048576.0 / (msPerOp / 1000.0), 1));
                m.put("allocated_bytes_per_event", allocPerOp == null ? null : Math.round(allocPerOp / events));
                parserFigures.put(method, m);
            } else {
                Integer n = occurrences.get(method);
                m.put("occurrences_per_op", n);
                m.put("occurrences_per_s", n == null ? null : Math.round(n / (msPerOp / 1000.0)));
                m.put("allocated_bytes_per_occurrence", allocPerOp == null || n == null || n == 0 ? null
                        : Math.round(allocPerOp / n));
                expanderFigures.put(method, m);
            }
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + ", -Xmx512m, C2, default GC (JMH fork)");
        all.put("parser", parserFigures);
        all.put("expander", expanderFigures);
        return all;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
