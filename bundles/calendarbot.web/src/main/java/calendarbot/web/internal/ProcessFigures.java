package calendarbot.web.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

/** Memory and uptime of this process, for /api/health and /metrics. */
final class ProcessFigures {

    private static final Path STATUS = Paths.get("/proc/self/status");
    private static final Instant STARTED = ProcessHandle.current().info().startInstant().orElse(Instant.now());

    private ProcessFigures() {
    }

    static long heapUsedBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
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

    static long uptimeSeconds() {
        return Math.max(0, Instant.now().getEpochSecond() - STARTED.getEpochSecond());
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }
}
