package calendarbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
