package calendarbot.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a long run watches of the kiosk process from outside, through /proc: resident memory now and at its peak
 * (status), the anonymous and privately dirtied part of it (smaps_rollup: what a Pi cannot page out), threads
 * (status) and open file descriptors (fd/).
 */
final class ProcessGauges {

    /** Kilobytes and counts; -1 where /proc did not tell. */
    record Reading(long rssKb, long hwmKb, long anonymousKb, long privateDirtyKb, int threads, int fds) {
    }

    private ProcessGauges() {
    }

    /** Null when the process is gone. */
    static Reading read(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Map<String, Long> status = fields(proc.resolve("status"));
        if (status == null || !status.containsKey("VmRSS")) {
            return null;
        }
        // smaps_rollup: Linux 4.14 and later
        Map<String, Long> rollup = fields(proc.resolve("smaps_rollup"));
        Map<String, Long> memory = rollup == null ? Map.of() : rollup;
        return new Reading(status.get("VmRSS"), status.getOrDefault("VmHWM", -1L),
                memory.getOrDefault("Anonymous", -1L), memory.getOrDefault("Private_Dirty", -1L),
                status.getOrDefault("Threads", -1L).intValue(), fds(proc));
    }

    /** "Name:   123 kB" lines as name to number; null when the file cannot be read. */
    private static Map<String, Long> fields(Path file) {
        Map<String, Long> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                String[] value = colon < 0 ? new String[0] : line.substring(colon + 1).trim().split("\\s+");
                if (value.length > 0 && value[0].matches("\\d{1,18}")) {
                    m.put(line.substring(0, colon), Long.parseLong(value[0]));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return m;
    }

    private static int fds(Path proc) {
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path ignored : fds) {
                n++;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return n;
    }
}
