package calendarbot.medicine.internal;

import calendarbot.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tracker's answers about doses, as JSON: due now, recorded, the history of a range, the export. */
final class DoseReports {

    private final MedicineTracker tracker;

    DoseReports(MedicineTracker tracker) {
        this.tracker = tracker;
    }

    /** The doses due or overdue at {@code now} (a second: the answer is kept for it). */
    String pending(DoseTimes times, Instant now) throws SQLException {
        ZoneId zone = times.zone();
        List<DoseTimes.Pending> due = tracker.pending(times, now);
        JsonWriter w = new JsonWriter(256 + 192 * due.size());
        w.beginObject().field("now", now.atZone(zone).toOffsetDateTime().toString()).field("zone", zone.getId())
                .field("count", due.size()).name("doses").beginArray();
        for (DoseTimes.Pending p : due) {
            w.beginObject().field("medicine_id", p.medicine().id()).field("name", p.medicine().name())
                    .field("dose", p.medicine().dose());
            MedicineJson.slot(w, p.slot(), zone);
            w.field("status", p.overdue() ? "overdue" : "due")
                    .field("minutes", Duration.between(p.dueAt(), now).toMinutes())
                    .field("stock", p.medicine().stock()).field("low_stock", p.medicine().lowStock())
                    .endObject();
        }
        return w.endArray().endObject().toString();
    }


    /** Doses just recorded. */
    String doses(List<Dose> doses) throws SQLException {
        ZoneId zone = tracker.zone();
        JsonWriter w = new JsonWriter();
        w.beginObject().field("count", doses.size()).name("doses").beginArray();
        for (Dose d : doses) {
            MedicineJson.write(w, d, tracker.store().get(d.medicineId()), zone);
        }
        return w.endArray().endObject().toString();
    }


    /** The doses taken and skipped in [from, to), and the ones missed. */
    String history(Instant from, Instant to) throws SQLException {
        ZoneId zone = tracker.zone();
        List<Medicine> all = tracker.store().all();
        Map<Long, Medicine> byId = new HashMap<>();
        all.forEach(m -> byId.put(m.id(), m));
        List<Dose> doses = tracker.store().doses(from, to);
        List<DoseTimes.Missed> missed = tracker.missed(all, from, to);
        JsonWriter w = new JsonWriter(512 + 200 * (doses.size() + missed.size()));
        w.beginObject().field("from", from.atZone(zone).toOffsetDateTime().toString())
                .field("to", to.atZone(zone).toOffsetDateTime().toString()).field("zone", zone.getId())
                .name("doses").beginArray();
        for (Dose d : doses) {
            MedicineJson.write(w, d, byId.get(d.medicineId()), zone);
        }
        w.endArray().name("missed").beginArray();
        for (DoseTimes.Missed m : missed) {
            w.beginObject().field("medicine_id", m.medicine().id()).field("name", m.medicine().name())
                    .field("status", "missed");
            MedicineJson.slot(w, m.slot(), zone);
            w.endObject();
        }
        return w.endArray().endObject().toString();
    }


    /** Every medicine (deleted ones too) and every dose to {@code out}, streamed: the history grows for years. */
    void export(OutputStream out, Instant stamp) throws IOException {
        ZoneId zone = tracker.zone();
        List<Medicine> all;
        try {
            all = tracker.store().all();
        } catch (SQLException e) {
            throw new IOException(e);
        }
        Map<Long, Medicine> byId = new HashMap<>();
        all.forEach(m -> byId.put(m.id(), m));
        JsonWriter head = new JsonWriter();
        head.beginObject().field("exported_at", stamp.truncatedTo(ChronoUnit.SECONDS).toString()).field("zone", zone.getId())
                .field("count", all.size()).name("medicines").beginArray();
        for (Medicine m : all) {
            MedicineJson.write(head, m);
        }
        head.endArray();
        String text = head.toString();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write(",\"doses\":[".getBytes(StandardCharsets.UTF_8));
        boolean[] first = { true };
        try {
            tracker.store().eachDose(500, d -> {
                JsonWriter w = new JsonWriter(256);
                MedicineJson.write(w, d, byId.get(d.medicineId()), zone);
                try {
                    out.write(((first[0] ? "" : ",") + w).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                first[0] = false;
            });
        } catch (SQLException e) {
            throw new IOException(e);
        }
        out.write("]}".getBytes(StandardCharsets.UTF_8));
    }
}
