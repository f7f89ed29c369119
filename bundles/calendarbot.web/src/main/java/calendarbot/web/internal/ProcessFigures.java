package calendarbot.web.internal;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Memory of this process, for /api/health and /metrics. */
final class ProcessFigures {

    private static final Path STATUS = Paths.get("/proc/self/status");

    private ProcessFigures() {
    }

    static long heapUsedBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long heapCommittedBytes() {
        return Runtime.getRuntime().totalMemory();
    }

    /** One collector's totals since start (serial GC: "Copy" for the young, "MarkSweepCompact" for the old generation). */
    record Collector(String name, long count, long millis) {
    }

    static List<Collector> collectors() {
        List<Collector> out = new ArrayList<>(2);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.add(new Collector(gc.getName(), Math.max(0, gc.getCollectionCount()),
                    Math.max(0, gc.getCollectionTime())));
        }
        return out;
    }

    static long heapMaxBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Resident set size from /proc/self/status (what the Pi's 512 MB are spent on); null off Linux. */
    static Long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted
        }
        return null;
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }
}
