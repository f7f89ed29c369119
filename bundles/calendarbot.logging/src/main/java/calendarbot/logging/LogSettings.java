package calendarbot.logging;

import calendarbot.logging.internal.LogSink;
import java.nio.file.Path;
import java.util.Map;

/** What the {@code calendarbot.logging} configuration changes at runtime. */
public final class LogSettings {
    private LogSettings() {
    }

    /**
     * Applies levels and the file. {@code levels} maps logger-name prefixes (packages) to TRACE, DEBUG, INFO,
     * WARN, ERROR or OFF; the longest matching prefix wins; {@code rootLevel} applies elsewhere.
     *
     * @param logDir folder of the rotating file, or null for console only
     */
    public static void apply(String rootLevel, Map<String, String> levels, Path logDir, long maxFileBytes,
            int maxFiles) {
        LogSink.INSTANCE.configure(rootLevel, levels, logDir, maxFileBytes, maxFiles);
    }

    /**
     * Applies levels, the file and the format of each line.
     *
     * @param format "json" for one JSON object per line (time, level, logger, thread, message and a caller's fields),
     *     anything else for text
     */
    public static void apply(String rootLevel, Map<String, String> levels, Path logDir, long maxFileBytes,
            int maxFiles, String format) {
        LogSink.INSTANCE.configure(rootLevel, levels, logDir, maxFileBytes, maxFiles, format);
    }

    /** The file currently written, or null. */
    public static Path currentFile() {
        return LogSink.INSTANCE.currentFile();
    }
}
