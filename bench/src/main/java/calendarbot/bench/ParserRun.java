package calendarbot.bench;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FeedWriter;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.json.JsonReader;
import calendarbot.json.JsonWriter;
import calendarbot.parser.internal.StreamingIcsParser;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parser alone on a feed file, streamed from disk, in a JVM of its own so that its heap can be capped
 * ({@code -Xmx16m}): bytes to ParsedEvents in MB/s (wall and CPU), bytes allocated per event, peak heap. The events
 * are counted and dropped, so what has to fit is the parser's own working memory (the refresh keeps the events).
 *
 * <pre>java -Xmx16m -cp calendarbot-bench.jar calendarbot.bench.ParserRun FILE [runs] [warmups]</pre>
 *
 * Prints one line "parser-result {json}".
 */
public final class ParserRun {

    static final String PREFIX = "parser-result ";

    private ParserRun() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(ConfigProxy.defaults(StreamingIcsParser.Config.class));
        ParseOptions options = new ParseOptions(ZoneId.of("Europe/Berlin"), FeedWriter.ME, 500, 32 * 1024);
        long[] events = new long[1];
        for (int i = 0; i < warmups; i++) {
            parse(parser, file, options, events);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        List<MemoryPoolMXBean> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool);
                pool.resetPeakUsage();
            }
        }
        long gcCount0 = gcCount();
        long gcMillis0 = gcMillis();
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        ParseReport report = null;
        long allocated = 0;
        long parsedEvents = 0;
        for (int i = 0; i < runs; i++) {
            long alloc0 = threads.getThreadAllocatedBytes(tid);
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            events[0] = 0;
            report = parse(parser, file, options, events);
            long nanos = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            allocated += threads.getThreadAllocatedBytes(tid) - alloc0;
            parsedEvents += events[0];
            rates.add(report.bytes() / 1048576.0 / (nanos / 1e9));
            cpuRates.add(report.bytes() / 1048576.0 / (cpu / 1e9));
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            peakHeap += pool.getPeakUsage().getUsed();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.getFileName().toString());
        m.put("bytes", report.bytes());
        m.put("events", report.events());
        m.put("masters", report.masters());
        m.put("overrides", report.overrides());
        m.put("skipped", report.skipped());
        m.put("zones", report.zones().size());
        m.put("zone_fallbacks", report.zoneFallbacks());
        m.put("runs", runs);
        m.put("mb_per_s_median", round(median(rates)));
        m.put("mb_per_s_best", round(rates.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        m.put("cpu_mb_per_s_median", round(median(cpuRates)));
        m.put("mb_per_s_runs", rates.stream().map(ParserRun::round).toList());
        m.put("allocated_bytes_per_event", parsedEvents == 0 ? null : allocated / parsedEvents);
        m.put("allocated_mb_per_parse", round(allocated / (double) runs / 1048576.0));
        m.put("heap_max_mb", round(Runtime.getRuntime().maxMemory() / 1048576.0));
        m.put("heap_peak_sum_of_pools_mb", round(peakHeap / 1048576.0));
        m.put("gc_collections_per_parse", round((gcCount() - gcCount0) / (double) runs));
        m.put("gc_ms_per_parse", round((gcMillis() - gcMillis0) / (double) runs));
        m.put("jvm_flags", ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println(PREFIX + JsonWriter.write(m));
    }

    private static ParseReport parse(StreamingIcsParser parser, Path file, ParseOptions options, long[] events)
            throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in, options, e -> events[0]++);
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Runs ParserRun in a child JVM with {@code jvmFlags}; returns its figures. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fork(Path file, List<String> jvmFlags, int runs, int warmups)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ParserRun.class.getName());
        cmd.add(file.toString());
        cmd.add(Integer.toString(runs));
        cmd.add(Integer.toString(warmups));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith(PREFIX)) {
                Map<String, Object> m = JsonReader.parseObject(line.substring(PREFIX.length()));
                m.put("completed", true);
                return m;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("completed", false);
        m.put("exit", exit);
        m.put("failure", output.length() > 2000 ? output.substring(output.length() - 2000) : output);
        m.put("jvm_flags", jvmFlags);
        return m;
    }
}
