package calendarbot.medicine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The tracker's SQLite file ({@code data/medicines/medicines.db}): opened with a write-ahead log synced at every
 * commit, so a transaction is on disk when its answer is sent, and a crash (kill -9, a power cut) in the middle of
 * one leaves none of it. Schema migrations are numbered in {@code PRAGMA user_version}, each applied in its own
 * transaction. One connection, one statement at a time: SQLite writes one transaction at a time anyway, and the
 * queries here take well under a millisecond.
 */
public final class MedicineDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MedicineDatabase.class);

    /** Migration n (1-based) brings the schema from version n-1 to n. Never edit one that has shipped: add one. */
    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE medicine (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL,
              dose TEXT NOT NULL DEFAULT '',
              times TEXT NOT NULL DEFAULT '',
              days TEXT NOT NULL DEFAULT '',
              every_hours INTEGER,
              starts TEXT,
              stock INTEGER NOT NULL DEFAULT 0,
              low_stock_threshold INTEGER NOT NULL DEFAULT 0,
              notes TEXT NOT NULL DEFAULT '',
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              deleted_at INTEGER)""",
            """
            CREATE TABLE dose (
              id INTEGER PRIMARY KEY,
              medicine_id INTEGER NOT NULL REFERENCES medicine(id),
              slot TEXT,
              status TEXT NOT NULL CHECK (status IN ('taken', 'skipped')),
              recorded_at INTEGER NOT NULL,
              taken_by TEXT NOT NULL DEFAULT '')""",
            // one record per scheduled slot (NULL slots, "as needed" doses, are all distinct)
            "CREATE UNIQUE INDEX dose_medicine_slot ON dose (medicine_id, slot)",
            // pending: the records of the slots in a window of local times
            "CREATE INDEX dose_slot ON dose (slot)",
            // history: the records of a range of days
            "CREATE INDEX dose_recorded_at ON dose (recorded_at)",
            "CREATE INDEX medicine_deleted_at ON medicine (deleted_at)"));

    /** Work on the connection inside a transaction (or a read). */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    /** Counts committed transactions: an answer computed at one generation holds until the next. */
    private volatile long generation;

    private MedicineDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (and creates or migrates) the database in {@code folder}, which is created readable by its owner only. */
    public static MedicineDatabase open(Path folder) throws SQLException, IOException {
        createPrivateFolder(folder);
        Path file = folder.resolve("medicines.db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the log is synced at every commit, not only at checkpoints (NORMAL would lose the last takes of a
        // power cut, and a dose that was confirmed but forgotten is a dose someone may take twice)
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, config.toProperties());
        if (c == null) {
            throw new SQLException("the SQLite driver refused " + file);
        }
        MedicineDatabase db = new MedicineDatabase(file, c);
        try {
            db.migrate();
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return db;
    }

    /** Creates {@code folder} readable by its owner only: what it holds is someone's health. */
    static void createPrivateFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(folder);
        }
    }

    public Path file() {
        return file;
    }

    /** The schema version of the open file. */
    public int version() throws SQLException {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
                return r.next() ? r.getInt(1) : 0;
            }
        });
    }

    private void migrate() throws SQLException {
        int from = version();
        for (int v = from; v < MIGRATIONS.size(); v++) {
            int to = v + 1;
            write(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : MIGRATIONS.get(to - 1)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + to);
                }
                return null;
            });
            LOG.info("medicine: database {} migrated to schema version {}", file, to);
        }
        if (from > MIGRATIONS.size()) {
            throw new SQLException(file + " has schema version " + from + ", newer than this bundle's "
                    + MIGRATIONS.size() + ": install the newer calendarbot.medicine again");
        }
    }

    /** Runs {@code work} as one transaction: all of it is committed, or (on any exception) none. */
    public <T> T write(Work<T> work) throws SQLException {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                generation++;
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The number of transactions committed since the database was opened (read it before reading the data). */
    public long generation() {
        return generation;
    }

    /** Runs {@code work}, which only reads. */
    public <T> T read(Work<T> work) throws SQLException {
        lock.lock();
        try {
            return work.run(connection);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A consistent copy of the whole database in {@code target} (SQLite's VACUUM INTO: a compact file that opens
     * as it is), written beside it first and then moved into place.
     */
    public void backup(Path target) throws SQLException, IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.deleteIfExists(part);
        read(c -> {
            try (PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
                p.setString(1, part.toString());
                p.execute();
            }
            return null;
        });
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws SQLException {
        lock.lock();
        try {
            connection.close();
        } finally {
            lock.unlock();
        }
    }
}
