package calendarbot.medicine.internal;

import static calendarbot.medicine.internal.ScheduleTest.at;
import static calendarbot.medicine.internal.ScheduleTest.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.medicine.internal.Dose.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real SQLite file: what is written is there after a reopen, and a batch is all or nothing. */
class MedicineStoreTest {
    static final Instant T = Instant.parse("2026-06-10T15:00:00Z");
    static final LocalDateTime[] WINDOW = { at("2026-06-09T00:00"), at("2026-06-11T00:00") };

    @TempDir
    Path dir;
    MedicineDatabase db;
    MedicineStore store;

    @BeforeEach
    void open() throws Exception {
        db = MedicineDatabase.open(dir.resolve("medicines"));
        store = new MedicineStore(db, 3);
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    static Medicine.Fields aspirin() {
        return new Medicine.Fields("Aspirin", "100 mg", times("08:00", "20:00"), 10, 3, "with food");
    }

    static Medicine.Fields named(String name) {
        return new Medicine.Fields(name, "", Schedule.asNeeded(), 5, 0, "");
    }

    List<Dose> take(Status status, Dose.Request... requests) throws SQLException {
        return store.record(List.of(requests), status, "Anna", T, WINDOW, (m, asked, recorded) -> asked);
    }

    @Test
    void whatIsWrittenIsThereAfterAReopen() throws Exception {
        Medicine created = store.create(aspirin(), T);
        assertEquals(created, store.get(created.id()));
        take(Status.TAKEN, new Dose.Request(created.id(), at("2026-06-10T08:00")));
        db.close();
        db = MedicineDatabase.open(dir.resolve("medicines"));
        store = new MedicineStore(db, 3);
        assertEquals(MedicineDatabase.MIGRATIONS.size(), db.version());
        Medicine again = store.get(created.id());
        assertEquals("Aspirin", again.name());
        assertEquals(times("08:00", "20:00"), again.schedule());
        assertEquals(9, again.stock(), "a dose taken is one less in stock");
        assertEquals(Set.of(at("2026-06-10T08:00")), store.slotsRecorded(WINDOW[0], WINDOW[1]).get(created.id()));
    }

    @Test
    void everyCommitIsANewGenerationAndAnAnswerOfTheLastOneIsReused() throws Exception {
        AnswerCache cache = new AnswerCache();
        int[] computed = { 0 };
        AnswerCache.Answer list = () -> {
            computed[0]++;
            return String.valueOf(store.list().size());
        };
        assertEquals("0", cache.get(db.generation(), list));
        assertEquals("0", cache.get(db.generation(), list));
        assertEquals(1, computed[0], "no write, no new answer");
        store.create(aspirin(), T);
        assertEquals("1", cache.get(db.generation(), list));
        assertThrows(Refusal.class, () -> store.delete(999, T));
        assertEquals("1", cache.get(db.generation(), list));
        assertEquals(2, computed[0], "a transaction rolled back is no new generation");
    }

    @Test
    void theFolderIsTheOwnersOnly() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("medicines"))));
    }

    @Test
    void updatesAndSoftDeletesKeepTheHistory() throws Exception {
        Medicine m = store.create(aspirin(), T);
        take(Status.SKIPPED, new Dose.Request(m.id(), at("2026-06-10T08:00")));
        Medicine changed = store.update(m.id(), new Medicine.Fields("Aspirin", "200 mg", m.schedule(), 1, 3, ""), T);
        assertEquals("200 mg", changed.dose());
        assertEquals(List.of(changed), store.lowStock());
        store.delete(m.id(), T.plusSeconds(60));
        assertEquals(404, assertThrows(Refusal.class, () -> store.get(m.id())).status());
        assertEquals(404, assertThrows(Refusal.class, () -> store.delete(m.id(), T)).status());
        assertTrue(store.list().isEmpty());
        assertEquals(1, store.all().size(), "a deleted medicine is still known to the history");
        assertEquals(T.plusSeconds(60), store.all().get(0).deletedAt());
        List<Dose> history = store.doses(T.minusSeconds(1), T.plusSeconds(1));
        assertEquals(1, history.size());
        assertEquals(Status.SKIPPED, history.get(0).status());
        assertEquals(1, store.all().get(0).stock(), "a skipped dose leaves the stock as it was set");
    }

    @Test
    void aBatchWithAnUnknownMedicineRecordsNothing() throws Exception {
        Medicine a = store.create(aspirin(), T);
        Medicine b = store.create(named("Ibuprofen"), T);
        Refusal r = assertThrows(Refusal.class, () -> take(Status.TAKEN, new Dose.Request(a.id(), at("2026-06-10T08:00")),
                new Dose.Request(b.id(), null), new Dose.Request(999, null)));
        assertEquals(404, r.status());
        assertTrue(store.doses(T.minusSeconds(1), T.plusSeconds(1)).isEmpty());
        assertEquals(10, store.get(a.id()).stock());
        assertEquals(5, store.get(b.id()).stock());
    }

    @Test
    void aSlotIsRecordedOnceAndAConflictUndoesTheWholeBatch() throws Exception {
        Medicine a = store.create(aspirin(), T);
        Medicine b = store.create(named("Ibuprofen"), T);
        take(Status.TAKEN, new Dose.Request(a.id(), at("2026-06-10T08:00")));
        Refusal r = assertThrows(Refusal.class, () -> take(Status.TAKEN, new Dose.Request(b.id(), null),
                new Dose.Request(a.id(), at("2026-06-10T08:00"))));
        assertEquals(409, r.status());
        assertEquals(1, store.doses(T.minusSeconds(1), T.plusSeconds(1)).size());
        assertEquals(5, store.get(b.id()).stock());
        // "as needed" doses have no slot and may be taken as often as needed
        assertEquals(2, take(Status.TAKEN, new Dose.Request(b.id(), null), new Dose.Request(b.id(), null)).size());
        assertEquals(3, store.get(b.id()).stock());
    }

    @Test
    void theStockNeverGoesBelowZeroAndTheLimitHolds() throws Exception {
        Medicine m = store.create(new Medicine.Fields("Last pill", "", Schedule.asNeeded(), 0, 1, ""), T);
        take(Status.TAKEN, new Dose.Request(m.id(), null));
        assertEquals(0, store.get(m.id()).stock());
        store.create(named("Two"), T);
        store.create(named("Three"), T);
        assertEquals(409, assertThrows(Refusal.class, () -> store.create(named("Four"), T)).status());
    }

    @Test
    void everyDoseIsReadInPages() throws Exception {
        Medicine m = store.create(named("Drops"), T);
        for (int i = 0; i < 7; i++) {
            take(Status.TAKEN, new Dose.Request(m.id(), null));
        }
        List<Long> ids = new ArrayList<>();
        store.eachDose(3, d -> ids.add(d.id()));
        assertEquals(7, ids.size());
        assertEquals(ids.stream().sorted().distinct().toList(), ids);
    }

    @Test
    void theBackupIsADatabaseThatOpensAsItIs() throws Exception {
        Medicine m = store.create(aspirin(), T);
        Path copy = dir.resolve("copy.db");
        db.backup(copy);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
                ResultSet r = c.createStatement().executeQuery("SELECT name FROM medicine WHERE id = " + m.id())) {
            assertTrue(r.next());
            assertEquals("Aspirin", r.getString(1));
        }
        assertTrue(!Files.exists(dir.resolve("copy.db.part")));
    }

    @Test
    void aNewerSchemaIsRefusedRatherThanMisread() throws Exception {
        db.write(c -> c.createStatement().execute("PRAGMA user_version = 99"));
        db.close();
        SQLException e = assertThrows(SQLException.class, () -> MedicineDatabase.open(dir.resolve("medicines")));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        db = MedicineDatabase.open(dir.resolve("other"));
    }
}
