package calendarbot.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
        long rss = -1;
        long hwm = -1;
        int threads = -1;
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                } else if (line.startsWith("Threads:")) {
                    threads = (int) kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        long anonymous = -1;
        long dirty = -1;
        try {
            for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                if (line.startsWith("Anonymous:")) {
                    anonymous = kb(line);
                } else if (line.startsWith("Private_Dirty:")) {
                    dirty = kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // an older kernel: no rollup
        }
        return new Reading(rss, hwm, anonymous, dirty, threads, fds(proc));
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

    private static long kb(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return Long.parseLong(parts[0]);
    }
}
