package calendarbot.medicine.internal;

import calendarbot.medicine.internal.Dose.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Medicines and doses in the {@link MedicineDatabase}: every query the API answers, each one statement or so. */
public final class MedicineStore {

    private static final String MEDICINE_COLUMNS = "id, name, dose, times, days, every_hours, starts, stock, "
            + "low_stock_threshold, notes, created_at, deleted_at";

    /** Picks the slot a dose answers when the request named none; may refuse. */
    public interface SlotChoice {
        LocalDateTime choose(Medicine medicine, LocalDateTime asked, Set<LocalDateTime> recorded);
    }

    private final MedicineDatabase db;
    private final int maxMedicines;

    public MedicineStore(MedicineDatabase db, int maxMedicines) {
        this.db = db;
        this.maxMedicines = maxMedicines;
    }

    /** The medicines that are not deleted, by name. */
    public List<Medicine> list() throws SQLException {
        return db.read(c -> medicines(c, "WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id"));
    }

    /** Every medicine ever stored, the deleted ones too, by id (history, export). */
    public List<Medicine> all() throws SQLException {
        return db.read(c -> medicines(c, "ORDER BY id"));
    }

    /** The medicines whose stock is at or below their threshold. */
    public List<Medicine> lowStock() throws SQLException {
        return db.read(c -> medicines(c,
                "WHERE deleted_at IS NULL AND stock <= low_stock_threshold ORDER BY stock, name COLLATE NOCASE"));
    }

    /** The medicine with this id, unless it is deleted; else a 404. */
    public Medicine get(long id) throws SQLException {
        return db.read(c -> active(c, id));
    }

    public Medicine create(Medicine.Fields f, Instant now) throws SQLException {
        return db.write(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM medicine WHERE deleted_at IS NULL")) {
                if (r.next() && r.getInt(1) >= maxMedicines) {
                    throw Refusal.conflict("the tracker holds at most " + maxMedicines
                            + " medicines (maxMedicines in calendarbot.medicine)");
                }
            }
            long id;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO medicine (name, dose, times, days, every_hours,"
                    + " starts, stock, low_stock_threshold, notes, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                int i = bind(p, f);
                p.setLong(i++, now.toEpochMilli());
                p.setLong(i, now.toEpochMilli());
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return active(c, id);
        });
    }

    /** Replaces the fields of a medicine; a 404 when there is none. */
    public Medicine update(long id, Medicine.Fields f, Instant now) throws SQLException {
        return db.write(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE medicine SET name = ?, dose = ?, times = ?, days = ?,"
                    + " every_hours = ?, starts = ?, stock = ?, low_stock_threshold = ?, notes = ?, updated_at = ?"
                    + " WHERE id = ? AND deleted_at IS NULL")) {
                int i = bind(p, f);
                p.setLong(i++, now.toEpochMilli());
                p.setLong(i, id);
                if (p.executeUpdate() == 0) {
                    throw Refusal.notFound("no medicine " + id);
                }
            }
            return active(c, id);
        });
    }

    /** Marks a medicine deleted (its doses stay in the history); a 404 when there is none. */
    public void delete(long id, Instant now) throws SQLException {
        db.write(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE medicine SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL")) {
                p.setLong(1, now.toEpochMilli());
                p.setLong(2, now.toEpochMilli());
                p.setLong(3, id);
                if (p.executeUpdate() == 0) {
                    throw Refusal.notFound("no medicine " + id);
                }
            }
            return null;
        });
    }

    /**
     * Records doses in one transaction: all of them, or (any unknown medicine, any slot already recorded) none.
     * A taken dose takes one from the stock (never below zero).
     *
     * @param window the local times around now in which {@code choice} looks for a slot: [0] to [1]
     */
    public List<Dose> record(List<Dose.Request> requests, Status status, String by, Instant now,
            LocalDateTime[] window, SlotChoice choice) throws SQLException {
        return db.write(c -> {
            List<Dose> out = new ArrayList<>(requests.size());
            Map<Long, Set<LocalDateTime>> recorded = slotsRecorded(c, window[0], window[1]);
            for (Dose.Request req : requests) {
                Medicine m = active(c, req.medicineId());
                Set<LocalDateTime> taken = recorded.computeIfAbsent(m.id(), k -> new HashSet<>());
                LocalDateTime slot = choice.choose(m, req.slot(), taken);
                if (slot != null && (taken.contains(slot) || recordedSlot(c, m.id(), slot))) {
                    throw Refusal.conflict(m.name() + ": the dose of " + slot + " is already recorded");
                }
                long id;
                try (PreparedStatement p = c.prepareStatement("INSERT INTO dose (medicine_id, slot, status,"
                        + " recorded_at, taken_by) VALUES (?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                    p.setLong(1, m.id());
                    p.setString(2, slot == null ? null : slot.toString());
                    p.setString(3, status.label());
                    p.setLong(4, now.toEpochMilli());
                    p.setString(5, by);
                    p.executeUpdate();
                    try (ResultSet keys = p.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                if (slot != null) {
                    taken.add(slot);
                }
                if (status == Status.TAKEN) {
                    try (PreparedStatement p = c.prepareStatement(
                            "UPDATE medicine SET stock = MAX(stock - 1, 0) WHERE id = ?")) {
                        p.setLong(1, m.id());
                        p.executeUpdate();
                    }
                }
                out.add(new Dose(id, m.id(), slot, status, now, by));
            }
            return out;
        });
    }

    /** The slots recorded (taken or skipped) in [from, to] of local time, per medicine id. */
    public Map<Long, Set<LocalDateTime>> slotsRecorded(LocalDateTime from, LocalDateTime to) throws SQLException {
        return db.read(c -> slotsRecorded(c, from, to));
    }

    /** The doses recorded in [from, to), in order. */
    public List<Dose> doses(Instant from, Instant to) throws SQLException {
        return db.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, medicine_id, slot, status, recorded_at, taken_by"
                    + " FROM dose WHERE recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at, id")) {
                p.setLong(1, from.toEpochMilli());
                p.setLong(2, to.toEpochMilli());
                return doses(p);
            }
        });
    }

    /** Every dose ever recorded, to {@code sink} in order of id, {@code batch} rows per read. */
    public void eachDose(int batch, java.util.function.Consumer<Dose> sink) throws SQLException {
        long after = 0;
        while (true) {
            long from = after;
            List<Dose> rows = db.read(c -> {
                try (PreparedStatement p = c.prepareStatement("SELECT id, medicine_id, slot, status, recorded_at,"
                        + " taken_by FROM dose WHERE id > ? ORDER BY id LIMIT ?")) {
                    p.setLong(1, from);
                    p.setInt(2, batch);
                    return doses(p);
                }
            });
            rows.forEach(sink);
            if (rows.size() < batch) {
                return;
            }
            after = rows.get(rows.size() - 1).id();
        }
    }

    private static Map<Long, Set<LocalDateTime>> slotsRecorded(Connection c, LocalDateTime from, LocalDateTime to)
            throws SQLException {
        Map<Long, Set<LocalDateTime>> out = new HashMap<>();
        // ISO local date-times of one width sort as text in time order
        try (PreparedStatement p = c.prepareStatement(
                "SELECT medicine_id, slot FROM dose WHERE slot >= ? AND slot <= ?")) {
            p.setString(1, from.toString());
            p.setString(2, to.toString());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getLong(1), k -> new HashSet<>()).add(LocalDateTime.parse(r.getString(2)));
                }
            }
        }
        return out;
    }

    private static boolean recordedSlot(Connection c, long medicineId, LocalDateTime slot) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM dose WHERE medicine_id = ? AND slot = ?")) {
            p.setLong(1, medicineId);
            p.setString(2, slot.toString());
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static Medicine active(Connection c, long id) throws SQLException {
        List<Medicine> found;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT " + MEDICINE_COLUMNS + " FROM medicine WHERE id = ? AND deleted_at IS NULL")) {
            p.setLong(1, id);
            found = medicines(p);
        }
        if (found.isEmpty()) {
            throw Refusal.notFound("no medicine " + id);
        }
        return found.get(0);
    }

    private static List<Medicine> medicines(Connection c, String where) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + MEDICINE_COLUMNS + " FROM medicine " + where)) {
            return medicines(p);
        }
    }

    private static List<Medicine> medicines(PreparedStatement p) throws SQLException {
        List<Medicine> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                int every = r.getInt(6);
                Integer everyHours = r.wasNull() ? null : every;
                String starts = r.getString(7);
                Schedule schedule = new Schedule(times(r.getString(4)), days(r.getString(5)), everyHours,
                        starts == null ? null : LocalDate.parse(starts));
                long deleted = r.getLong(12);
                Instant deletedAt = r.wasNull() ? null : Instant.ofEpochMilli(deleted);
                out.add(new Medicine(r.getLong(1), r.getString(2), r.getString(3), schedule, r.getInt(8), r.getInt(9),
                        r.getString(10), Instant.ofEpochMilli(r.getLong(11)), deletedAt));
            }
        }
        return out;
    }

    private static List<Dose> doses(PreparedStatement p) throws SQLException {
        List<Dose> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String slot = r.getString(3);
                out.add(new Dose(r.getLong(1), r.getLong(2), slot == null ? null : LocalDateTime.parse(slot),
                        Status.valueOf(r.getString(4).toUpperCase(java.util.Locale.ROOT)),
                        Instant.ofEpochMilli(r.getLong(5)), r.getString(6)));
            }
        }
        return out;
    }

    private static int bind(PreparedStatement p, Medicine.Fields f) throws SQLException {
        Schedule s = f.schedule();
        p.setString(1, f.name());
        p.setString(2, f.dose());
        p.setString(3, String.join(",", s.times().stream().map(LocalTime::toString).toList()));
        p.setString(4, String.join(",", s.days().stream().sorted().map(Days::code).toList()));
        if (s.everyHours() == null) {
            p.setNull(5, Types.INTEGER);
        } else {
            p.setInt(5, s.everyHours());
        }
        p.setString(6, s.starts() == null ? null : s.starts().toString());
        p.setInt(7, f.stock());
        p.setInt(8, f.lowStockThreshold());
        p.setString(9, f.notes());
        return 10;
    }

    private static List<LocalTime> times(String text) {
        return text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split(",")).map(LocalTime::parse).toList();
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        if (!text.isEmpty()) {
            for (String code : text.split(",")) {
                out.add(Days.parse(code));
            }
        }
        return out;
    }
}
