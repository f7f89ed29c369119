package calendarbot.logging.internal;

import calendarbot.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Where every log line goes: standard output and a size-rotated file ({@code calendarbot.log},
 * {@code calendarbot.log.1} ...). Levels come from a prefix table swapped as a whole. Lines are text for a person,
 * or, with the {@code json} format, one JSON object per line for journald shipping: time, level, logger, thread,
 * message, and the fields a caller attached (a refresh's source, outcome and phase times).
 */
public final class LogSink implements ILoggerFactory {
    public static final LogSink INSTANCE = new LogSink();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final int OFF = Integer.MAX_VALUE;
    public static final String JSON = "json";
    /** Real time, whatever the kiosk's clock says: a log line says when it was written. */
    private final InstantSource time = InstantSource.system();

    private final ConcurrentMap<String, KioskLogger> loggers = new ConcurrentHashMap<>();
    // check-feed writes its results to standard output; its log lines go to standard error.
    private final PrintStream console = Boolean.getBoolean("calendarbot.log.stderr") ? System.err : System.out;
    private volatile Table table = new Table(Level.INFO.toInt(), new TreeMap<>(), 0);
    private volatile boolean json;
    private Path logDir;
    private Path file;
    private OutputStream out;
    private long written;
    private long maxFileBytes = 1024 * 1024;
    private int maxFiles = 5;

    private record Table(int root, TreeMap<String, Integer> prefixes, int generation) {
    }

    private LogSink() {
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new KioskLogger(n, this));
    }

    int generation() {
        return table.generation();
    }

    int thresholdFor(String name) {
        Table t = table;
        // Longest matching prefix on a package boundary wins; the table holds a handful of entries.
        for (var e : t.prefixes().headMap(name, true).descendingMap().entrySet()) {
            String p = e.getKey();
            if (name.equals(p) || (name.startsWith(p) && name.charAt(p.length()) == '.')) {
                return e.getValue();
            }
        }
        return t.root();
    }

    /** The launcher passes the data folder as a system property; the file is there from the first line. */
    void initializeFromSystemProperties() {
        String data = System.getProperty("calendarbot.data");
        String level = System.getProperty("calendarbot.log.level", "INFO");
        configure(level, Map.of(), data == null ? null : Paths.get(data, "logs"), maxFileBytes, maxFiles);
    }

    public synchronized void configure(String rootLevel, Map<String, String> levels, Path dir, long maxBytes,
            int files) {
        configure(rootLevel, levels, dir, maxBytes, files, "text");
    }

    /** @param format {@value #JSON} for one JSON object per line, anything else for text */
    public synchronized void configure(String rootLevel, Map<String, String> levels, Path dir, long maxBytes,
            int files, String format) {
        json = JSON.equalsIgnoreCase(format == null ? "" : format.trim());
        TreeMap<String, Integer> prefixes = new TreeMap<>();
        levels.forEach((prefix, level) -> prefixes.put(prefix.trim(), parse(level, Level.INFO.toInt())));
        table = new Table(parse(rootLevel, Level.INFO.toInt()), prefixes, table.generation() + 1);
        maxFileBytes = Math.max(16 * 1024, maxBytes);
        maxFiles = Math.max(1, files);
        if (dir == null ? logDir != null : !dir.equals(logDir)) {
            closeFile();
            logDir = dir;
            openFile();
        }
    }

    public synchronized Path currentFile() {
        return file;
    }

    static int parse(String level, int fallback) {
        if (level == null) {
            return fallback;
        }
        String l = level.trim().toUpperCase(Locale.ROOT);
        if (l.equals("OFF")) {
            return OFF;
        }
        if (l.equals("WARNING")) {
            l = "WARN";
        }
        for (Level v : Level.values()) {
            if (v.name().equals(l)) {
                return v.toInt();
            }
        }
        return fallback;
    }

    void write(Level level, String name, String message, Throwable throwable) {
        write(level, name, message, throwable, List.of());
    }

    void write(Level level, String name, String message, Throwable throwable, List<KeyValuePair> fields) {
        Instant at = time.instant();
        String text = json ? jsonLine(at, level, name, message, throwable, fields)
                : textLine(at, level, name, message, throwable);
        synchronized (this) {
            console.print(text);
            console.flush();
            if (out != null) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                try {
                    if (written + bytes.length > maxFileBytes) {
                        rotate();
                    }
                    out.write(bytes);
                    out.flush();
                    written += bytes.length;
                } catch (IOException e) {
                    // A full SD card must not take the kiosk down: keep logging to the console only.
                    console.println("calendarbot.logging: cannot write " + file + " (" + e.getMessage()
                            + "); logging to the console only");
                    closeFile();
                }
            }
        }
    }

    private static String textLine(Instant at, Level level, String name, String message, Throwable throwable) {
        StringBuilder line = new StringBuilder(96 + (message == null ? 4 : message.length()));
        String label = level.name();
        line.append(TIME.format(LocalDateTime.ofInstant(at, ZoneId.systemDefault()))).append(' ').append(label)
                .append("     ", label.length(), 5).append(" [").append(Thread.currentThread().getName()).append("] ")
                .append(name).append(": ").append(message).append('\n');
        if (throwable != null) {
            line.append(trace(throwable));
        }
        return line.toString();
    }

    /** One object, one line: the codec escapes line breaks inside the message and the stack trace. */
    static String jsonLine(Instant at, Level level, String name, String message, Throwable throwable,
            List<KeyValuePair> fields) {
        JsonWriter w = new JsonWriter(160 + (message == null ? 4 : message.length())).beginObject()
                .field("time", at.toString())
                .field("level", level.name())
                .field("logger", name)
                .field("thread", Thread.currentThread().getName())
                .field("message", message);
        for (KeyValuePair field : fields) {
            w.name(field.key).value(field.value);
        }
        if (throwable != null) {
            w.field("exception", trace(throwable));
        }
        return w.endObject().toString() + "\n";
    }

    private static String trace(Throwable throwable) {
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private void openFile() {
        if (logDir == null) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            file = logDir.resolve("calendarbot.log");
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            written = Files.size(file);
        } catch (IOException e) {
            console.println("calendarbot.logging: cannot open " + logDir + " (" + e.getMessage() + ")");
            out = null;
            file = null;
        }
    }

    private void rotate() throws IOException {
        out.close();
        for (int i = maxFiles - 1; i >= 1; i--) {
            Path from = i == 1 ? file : logDir.resolve("calendarbot.log." + (i - 1));
            if (Files.exists(from)) {
                Files.move(from, logDir.resolve("calendarbot.log." + i), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (maxFiles == 1) {
            Files.deleteIfExists(file);
        }
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        written = 0;
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // closing a broken file
            }
        }
        out = null;
        file = null;
    }
}
