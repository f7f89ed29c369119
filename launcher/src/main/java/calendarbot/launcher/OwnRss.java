package calendarbot.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident set size, for the "ready" line, from /proc (0 where there is no /proc). The bench measures
 * the kiosk from outside with its own KioskRss, which also tracks the peak.
 */
final class OwnRss {
    private OwnRss() {
    }

    static long bytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return 0;
    }
}
