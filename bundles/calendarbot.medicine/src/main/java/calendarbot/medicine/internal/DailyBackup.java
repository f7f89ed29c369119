package calendarbot.medicine.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One copy of the database a day ({@code backups/medicines-2026-12-07.db}, a plain SQLite file that opens as it
 * is), the newest {@code kept} kept. Checked an hour apart, by bookkeeping time: a kiosk that sleeps through
 * midnight makes the day's copy when it wakes.
 */
public final class DailyBackup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DailyBackup.class);
    private static final String PREFIX = "medicines-";
    private static final String SUFFIX = ".db";

    private final MedicineDatabase db;
    private final Path folder;
    private final InstantSource time;
    private final Supplier<ZoneId> zone;
    private final ScheduledExecutorService timer;
    private volatile int kept;

    DailyBackup(MedicineDatabase db, Path folder, InstantSource time, Supplier<ZoneId> zone, int kept) {
        this.db = db;
        this.folder = folder;
        this.time = time;
        this.zone = zone;
        this.kept = kept;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "calendarbot-medicine-backup");
            t.setDaemon(true);
            return t;
        });
        // not at once: a start on a Pi has better things to do in its first minute
        timer.scheduleWithFixedDelay(this::quietly, 60, 3600, TimeUnit.SECONDS);
    }

    void keep(int kept) {
        this.kept = kept;
    }

    /** Makes today's copy unless it exists, and removes the oldest beyond {@code kept}; the file made, or null. */
    public Path makeIfDue() throws SQLException, IOException {
        if (kept <= 0) {
            return null;
        }
        LocalDate today = LocalDate.ofInstant(time.instant(), zone.get());
        Path target = folder.resolve(PREFIX + today + SUFFIX);
        if (Files.exists(target)) {
            return null;
        }
        MedicineDatabase.createPrivateFolder(folder);
        db.backup(target);
        List<Path> copies = copies();
        for (int i = 0; i < copies.size() - kept; i++) {
            Files.deleteIfExists(copies.get(i));
        }
        LOG.info("medicine: backup {} ({} bytes)", target, Files.size(target));
        return target;
    }

    /** The copies there are, oldest first (the names sort by date). */
    public List<Path> copies() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
            files.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private void quietly() {
        try {
            makeIfDue();
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.warn("medicine: the daily backup into {} failed: {}", folder, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
