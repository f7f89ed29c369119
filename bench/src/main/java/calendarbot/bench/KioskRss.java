package calendarbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kiosk process's resident memory, read from outside through /proc: VmRSS (resident now) and VmHWM (the
 * resident peak, which the kernel tracks between samples too). A sampler thread reads both every 20 ms while a
 * scenario runs. (The launcher reports its own RSS with OwnRss, a single read of /proc/self.)
 */
final class KioskRss {

    /** Kilobytes. */
    record Figures(long rssKb, long hwmKb) {
    }

    private KioskRss() {
    }

    /** Null when the process is gone. */
    static Figures read(long pid) {
        long rss = -1;
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return rss < 0 ? null : new Figures(rss, hwm);
    }

    /**
     * Resets VmHWM to the current RSS ("5" to clear_refs, Linux 4.0+), so the next peak belongs to what follows;
     * false when not allowed (then only the 20 ms samples tell the peak).
     */
    static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** /proc/PID/smaps_rollup in kB by field (Rss, Pss_Dirty, Anonymous...); empty when unreadable. */
    static Map<String, Long> rollup(long pid) {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.endsWith(" kB")) {
                    m.put(line.substring(0, line.indexOf(':')), kb(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no smaps_rollup (Linux before 4.14)
        }
        return m;
    }

    /**
     * Dirty pages (private and shared) per mapped file from /proc/PID/smaps, in MB, files with at least 0.1 MB:
     * pages written through a private mapping (copies of the CDS archives' read-write regions, libraries'
     * relocations), and pages of a file whose page cache is itself dirty (written, not yet written back).
     */
    private static final java.util.regex.Pattern MAPPING = java.util.regex.Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

    static Map<String, Double> dirtyFiles(long pid) {
        Map<String, Long> kb = new LinkedHashMap<>();
        String file = null;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
                if (MAPPING.matcher(line).lookingAt()) {
                    String[] parts = line.trim().split("\\s+", 6);
                    file = parts.length == 6 && parts[5].startsWith("/") ? parts[5] : null;
                } else if (file != null && (line.startsWith("Private_Dirty:") || line.startsWith("Shared_Dirty:"))) {
                    kb.merge(file, kb(line), Long::sum);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        Map<String, Double> mb = new LinkedHashMap<>();
        kb.entrySet().stream().filter(e -> e.getValue() >= 100)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> mb.put(e.getKey(), mb(e.getValue())));
        return mb;
    }

    private static long kb(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return Long.parseLong(parts[0]);
    }

    static double mb(long kb) {
        return Math.round(kb / 1024.0 * 10) / 10.0;
    }

    /** Samples every {@code periodMillis} until closed; keeps the highest RSS and HWM seen and every sample. */
    static final class Sampler implements AutoCloseable {
        private final long pid;
        private final Thread thread;
        private final List<long[]> samples = new ArrayList<>();
        private final long started = System.nanoTime();
        private volatile boolean running = true;
        private long maxRss;
        private long maxHwm;

        Sampler(long pid, long periodMillis) {
            this.pid = pid;
            this.thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void sample() {
            Figures f = read(pid);
            if (f == null) {
                return;
            }
            maxRss = Math.max(maxRss, f.rssKb());
            maxHwm = Math.max(maxHwm, f.hwmKb());
            if (samples.size() < 200_000) {
                samples.add(new long[] {(System.nanoTime() - started) / 1_000_000, f.rssKb()});
            }
        }

        /** The highest resident size seen, from samples and VmHWM. */
        synchronized long peakKb() {
            return Math.max(maxRss, maxHwm);
        }

        synchronized long maxSampledRssKb() {
            return maxRss;
        }

        synchronized int count() {
            return samples.size();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
        }
    }
}
