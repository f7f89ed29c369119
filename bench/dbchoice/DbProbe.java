package probe;

import java.nio.file.*;
import java.sql.*;
import java.util.Properties;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** bench/dbchoice: opens the embedded database the way the tracker does, writes 50 medicines and a week of doses, queries. */
public class DbProbe implements BundleActivator {
    public void start(BundleContext ctx) throws Exception {
        String engine = System.getProperty("probe.engine", "sqlite");
        Path dir = Paths.get(ctx.getProperty("calendarbot.data"), "medicines-probe-" + engine);
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        Driver driver = (Driver) Class.forName(engine.equals("h2") ? "org.h2.Driver" : "org.sqlite.JDBC").getConstructor().newInstance();
        String url = engine.equals("h2") ? "jdbc:h2:" + dir.resolve("medicines") + ";CACHE_SIZE=1024"
                : "jdbc:sqlite:" + dir.resolve("medicines.db");
        try (Connection c = driver.connect(url, new Properties())) {
            long opened = System.nanoTime();
            try (Statement s = c.createStatement()) {
                if (engine.equals("sqlite")) { s.execute("PRAGMA journal_mode=WAL"); s.execute("PRAGMA synchronous=FULL"); }
                s.execute("CREATE TABLE IF NOT EXISTS medicine (id BIGINT PRIMARY KEY, name VARCHAR(200) NOT NULL, stock INTEGER, schedule VARCHAR(2000))");
                s.execute("CREATE TABLE IF NOT EXISTS dose (id BIGINT PRIMARY KEY, medicine_id BIGINT NOT NULL, slot BIGINT, taken_at BIGINT NOT NULL, status VARCHAR(10))");
                s.execute("CREATE INDEX IF NOT EXISTS dose_medicine_slot ON dose (medicine_id, slot)");
                s.execute("DELETE FROM dose"); s.execute("DELETE FROM medicine");
            }
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO medicine VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= 50; i++) { p.setLong(1, i); p.setString(2, "Medicine " + i); p.setInt(3, 30); p.setString(4, "08:00,20:00"); p.executeUpdate(); }
            }
            c.commit();
            long id = 1;
            for (int day = 0; day < 7; day++) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO dose VALUES (?, ?, ?, ?, 'taken')")) {
                    for (int m = 1; m <= 50; m++) { p.setLong(1, id++); p.setLong(2, m); p.setLong(3, day * 86400L); p.setLong(4, day * 86400L + 60); p.executeUpdate(); }
                }
                c.commit();
            }
            int n = 0;
            try (PreparedStatement p = c.prepareStatement("SELECT m.id, m.name, (SELECT MAX(d.slot) FROM dose d WHERE d.medicine_id = m.id) FROM medicine m");
                 ResultSet r = p.executeQuery()) { while (r.next()) n++; }
            long done = System.nanoTime();
            long sinceJvm = System.currentTimeMillis() - ProcessHandle.current().info().startInstant().get().toEpochMilli();
            System.out.printf("probe %s: open %d ms, all %d ms, %d rows, %d ms after process start%n", engine,
                    (opened - t0) / 1_000_000, (done - t0) / 1_000_000, n, sinceJvm);
        }
    }
    public void stop(BundleContext ctx) {}
}
