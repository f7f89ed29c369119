package calendarbot.refresh.internal;

import calendarbot.api.model.Validators;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The last good body of each source ({@code <id>.ics}, bytes as received) and the validators that describe it
 * ({@code <id>.meta}), so a restart shows data at once and its first fetch is conditional. Both files are
 * replaced by temp file, fsync and rename: a power cut on the Pi's SD card leaves the old or the new file,
 * never half of one.
 */
final class FeedArchive {

    /** What {@code <id>.meta} says about {@code <id>.ics}. */
    record Meta(Validators validators, String feedKey, Instant lastSuccess, long bytes) {
    }

    static final String DEFAULT_FOLDER = "${calendarbot.data}/feeds";
    static final String DATA_PROPERTY = "calendarbot.data";

    private final Path dir;

    FeedArchive(Path dir) {
        this.dir = dir;
    }

    /** The configured folder with ${calendarbot.data} replaced by that framework property (./data when unset). */
    static Path folder(String configured, UnaryOperator<String> frameworkProperty) {
        String value = configured == null || configured.isBlank() ? DEFAULT_FOLDER : configured.trim();
        String token = "${" + DATA_PROPERTY + "}";
        if (value.contains(token)) {
            String data = frameworkProperty.apply(DATA_PROPERTY);
            value = value.replace(token, data == null || data.isBlank() ? "./data" : data.trim());
        }
        return Path.of(value);
    }

    Path dir() {
        return dir;
    }

    Path body(String id) {
        return dir.resolve(id + ".ics");
    }

    Path meta(String id) {
        return dir.resolve(id + ".meta");
    }

    /**
     * {@code <id>.unfinished}: a refresh of this source began and never ended. It is written before the fetch and
     * removed after it, whatever the outcome; found at start, it means the kiosk stopped or ran out of memory on this
     * feed, which must then wait a backoff rather than be fetched at once again (no crash loop).
     */
    Path unfinished(String id) {
        return dir.resolve(id + ".unfinished");
    }

    /** How many refreshes of {@code id} in a row never ended; 0 when the last one did. */
    int unfinishedRuns(String id) {
        Path mark = unfinished(id);
        if (!Files.isRegularFile(mark)) {
            return 0;
        }
        try {
            return Math.max(1, Integer.parseInt(Files.readString(mark, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return 1;
        }
    }

    /** Notes that a refresh of {@code id} begins; a read-only or full folder is no reason not to refresh. */
    void markUnfinished(String id) {
        int runs = unfinishedRuns(id) + 1;
        try {
            Files.createDirectories(dir);
            Files.writeString(unfinished(id), Integer.toString(runs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the archive's own writes report the folder's problem
        }
    }

    void clearUnfinished(String id) {
        try {
            Files.deleteIfExists(unfinished(id));
        } catch (IOException e) {
            // the next start waits one backoff for nothing: no harm
        }
    }

    boolean hasBody(String id) {
        return Files.isRegularFile(body(id));
    }

    InputStream openBody(String id) throws IOException {
        return new BufferedInputStream(Files.newInputStream(body(id)), 16 * 1024);
    }

    /** Starts a copy of a new body beside the current one; {@link ArchiveWriter#commit()} makes it current. */
    ArchiveWriter begin(String id) throws IOException {
        Files.createDirectories(dir);
        return new ArchiveWriter(temp(body(id)), body(id));
    }

    /** Removes temp files a crash or a power cut left behind. */
    void removeLeftovers(String id) {
        try {
            Files.deleteIfExists(temp(body(id)));
            Files.deleteIfExists(temp(meta(id)));
        } catch (IOException e) {
            // an unreadable folder shows up again, with a better message, on the next write
        }
    }

    /** The validators of the archived body, or null when there is none or it is unreadable. */
    Meta readMeta(String id) {
        Path file = meta(id);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        Validators validators = new Validators(p.getProperty("etag"), p.getProperty("lastModified"));
        String feedKey = p.getProperty("feed");
        Instant lastSuccess = null;
        long bytes = 0;
        try {
            if (feedKey == null && p.getProperty("url") != null) {
                feedKey = FeedKey.of(URI.create(p.getProperty("url"))); // written before URLs were kept out
            }
            lastSuccess = p.getProperty("lastSuccess") == null ? null : Instant.parse(p.getProperty("lastSuccess"));
            bytes = Long.parseLong(p.getProperty("bytes", "0"));
        } catch (RuntimeException e) {
            // a hand-edited or damaged file: keep what could be read
        }
        return new Meta(validators, feedKey, lastSuccess, bytes);
    }

    /** Writes {@code <id>.meta}; call only after {@code <id>.ics} holds the body these validators describe. */
    void writeMeta(String id, Meta meta) throws IOException {
        Properties p = new Properties();
        putIfSet(p, "etag", meta.validators().etag());
        putIfSet(p, "lastModified", meta.validators().lastModified());
        putIfSet(p, "feed", meta.feedKey());
        putIfSet(p, "lastSuccess", meta.lastSuccess() == null ? null : meta.lastSuccess().toString());
        p.setProperty("bytes", Long.toString(meta.bytes()));
        Files.createDirectories(dir);
        Path target = meta(id);
        Path temp = temp(target);
        try (FileChannel channel = PrivateFiles.create(temp)) {
            Writer out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
            p.store(out, "CalendarBot: validators of " + id + ".ics, sent with the next fetch");
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        replace(temp, target);
    }

    static Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /** Atomic rename, then fsync of the folder so the rename itself survives a power cut. */
    static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every OS lets a folder be opened (Windows); the rename is still atomic there
        }
    }

    private static void putIfSet(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }
}
