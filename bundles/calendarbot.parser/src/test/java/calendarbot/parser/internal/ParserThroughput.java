package calendarbot.parser.internal;

import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Bytes to ParsedEvents, in MB/s, on a generated realistic feed (not a test: prints figures).
 *
 * <pre>
 * java -cp ... calendarbot.parser.internal.ParserThroughput [megabytes=50] [runs=7]
 * java -Xmx16m -cp ... calendarbot.parser.internal.ParserThroughput
 * </pre>
 *
 * With a heap large enough for the feed it is generated as one byte[]. With a small heap (-Xmx16m) the
 * feed is streamed: its header, then a 2 MB block of generated events over and over, then the footer,
 * so the parser's own footprint is what must fit.
 */
public final class ParserThroughput {

    private static final int MB = 1024 * 1024;

    private ParserThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long size = (long) megabytes * MB;
        boolean inMemory = Runtime.getRuntime().maxMemory() > 4L * size;

        Feed feed;
        if (inMemory) {
            byte[] bytes = FeedGenerator.feed(42, (int) size);
            feed = () -> new ByteArrayInputStream(bytes);
            System.out.printf("feed: %.1f MB generated in memory (byte[])%n", bytes.length / (double) MB);
        } else {
            byte[] header = FeedGenerator.header(42);
            byte[] block = FeedGenerator.events(42, 2 * MB);
            byte[] footer = FeedGenerator.footer();
            feed = () -> new RepeatingFeed(header, block, footer, size);
            System.out.printf("feed: %.1f MB streamed (header + 2 MB of events repeated + footer); max heap %d MB%n",
                    size / (double) MB, Runtime.getRuntime().maxMemory() / MB);
        }

        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(Feeds.config(32768, 500, true));
        ParseOptions options = new ParseOptions(ZoneId.of("Europe/Berlin"), FeedGenerator.ME, 500, 32768);

        double[] rates = new double[runs];
        double[] cpuRates = new double[runs];
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ParseReport report = null;
        long[] counted = new long[1];
        Consumer<ParsedEvent> sink = e -> counted[0] += e.attendeeCount() + 1;
        for (int warm = 0; warm < 3; warm++) {
            parser.parse(feed.open(), options, sink);
        }
        resetPeaks();
        for (int i = 0; i < runs; i++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            report = parser.parse(feed.open(), options, sink);
            long nanos = System.nanoTime() - t0;
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            rates[i] = report.bytes() / (double) MB / (nanos / 1e9);
            cpuRates[i] = report.bytes() / (double) MB / (cpu / 1e9);
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        System.out.printf("parser:  median %.1f MB/s wall clock (min %.1f, max %.1f) over %d runs;"
                + " median %.1f MB/s of the parsing thread's CPU time (min %.1f, max %.1f)%n", rates[runs / 2], rates[0],
                rates[runs - 1], runs, cpuRates[runs / 2], cpuRates[0], cpuRates[runs - 1]);
        System.out.printf("events:  %d per parse (%d recurring, %d overrides, %d skipped), %d truncated lines, "
                + "%d zone fallbacks%n", report.events(), report.masters(), report.overrides(), report.skipped(),
                report.truncatedLines(), report.zoneFallbacks());
        System.out.printf("zones:   %s%n", report.zones());
        printHeap();

        double[] baseline = new double[runs];
        for (int i = 0; i < runs + 2; i++) {
            long t0 = System.nanoTime();
            long bytes = readLines(feed.open());
            long nanos = System.nanoTime() - t0;
            if (i >= 2) {
                baseline[i - 2] = bytes / (double) MB / (nanos / 1e9);
            }
        }
        Arrays.sort(baseline);
        System.out.printf("reference: BufferedReader.readLine over the same bytes, median %.1f MB/s%n", baseline[runs / 2]);
    }

    /** Bytes read by a plain line loop (counting decoded chars as bytes is close enough for a reference). */
    private static long readLines(InputStream in) throws IOException {
        long chars = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024)) {
            for (String line; (line = reader.readLine()) != null; ) {
                chars += line.length() + 2;
            }
        }
        return chars;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static void printHeap() {
        long peak = 0;
        StringBuilder pools = new StringBuilder();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                long used = pool.getPeakUsage().getUsed();
                peak += used;
                pools.append(String.format(" %s %.1f MB;", pool.getName(), used / (double) MB));
            }
        }
        long collections = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap:    max %d MB; peak per pool during the timed runs:%s sum %.1f MB; %d GCs;"
                + " live after GC %.1f MB%n", rt.maxMemory() / MB, pools, peak / (double) MB, collections,
                (rt.totalMemory() - rt.freeMemory()) / (double) MB);
    }

    @FunctionalInterface
    private interface Feed {
        InputStream open();
    }

    /** Header, then the event block repeated until {@code size} bytes, then the footer. */
    private static final class RepeatingFeed extends InputStream {
        private final byte[][] parts;
        private final long blocks;
        private int part;
        private long blockIndex;
        private int pos;

        RepeatingFeed(byte[] header, byte[] block, byte[] footer, long size) {
            this.parts = new byte[][] {header, block, footer};
            this.blocks = Math.max(1, (size - header.length - footer.length) / block.length);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (part < 3 && pos >= parts[part].length) {
                pos = 0;
                if (part == 1 && ++blockIndex < blocks) {
                    continue;
                }
                part++;
            }
            if (part >= 3) {
                return -1;
            }
            int n = Math.min(len, parts[part].length - pos);
            System.arraycopy(parts[part], pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
