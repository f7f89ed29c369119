package calendarbot.bench;

import calendarbot.api.FeedWriter;
import calendarbot.api.FeedWriter.Flavour;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The generated feeds, written once to {@code <work>/feeds/<name>.ics} and reused while the generator is unchanged. */
public final class Feeds {

    /** Bump when {@link FeedWriter}'s output changes, so cached files are written again. */
    static final int GENERATOR_VERSION = 1;
    static final long KB = 1024;
    static final long MB = 1024 * KB;

    /** One generated feed: a publisher, a size, a seed. */
    public enum Feed {
        SMALL("outlook-small", Flavour.OUTLOOK, 50 * KB, 11),
        MEDIUM("outlook-medium", Flavour.OUTLOOK, 500 * KB, 12),
        LARGE("outlook-large", Flavour.OUTLOOK, 5 * MB, 13),
        XLARGE("outlook-xlarge", Flavour.OUTLOOK, 50 * MB, 14),
        GOOGLE_SMALL("google-small", Flavour.GOOGLE, 50 * KB, 21),
        GOOGLE_MEDIUM("google-medium", Flavour.GOOGLE, 500 * KB, 22),
        GOOGLE_LARGE("google-large", Flavour.GOOGLE, 5 * MB, 23);

        public final String fileName;
        public final Flavour flavour;
        public final long targetBytes;
        public final long seed;

        Feed(String name, Flavour flavour, long targetBytes, long seed) {
            this.fileName = name + ".ics";
            this.flavour = flavour;
            this.targetBytes = targetBytes;
            this.seed = seed;
        }

        public String label() {
            return fileName.substring(0, fileName.length() - 4);
        }
    }

    private final Path dir;

    public Feeds(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The feed's file, written first if missing or from an older generator. */
    public synchronized Path file(Feed feed) throws IOException {
        Path file = dir.resolve(feed.fileName);
        Path stamp = dir.resolve(feed.fileName + ".v" + GENERATOR_VERSION);
        if (Files.exists(file) && Files.exists(stamp)) {
            return file;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(feed.fileName + ".tmp");
        long started = System.nanoTime();
        long bytes;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 256 * 1024)) {
            bytes = FeedWriter.write(feed.flavour, feed.seed, feed.targetBytes, out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(stamp, Long.toString(bytes));
        System.out.printf("bench: generated %s (%.1f MB) in %d ms%n", file, bytes / (double) MB,
                (System.nanoTime() - started) / 1_000_000);
        return file;
    }
}
