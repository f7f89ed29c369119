package calendarbot.medicine.internal;

import calendarbot.json.JsonWriter;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A medicine in the API's JSON (snake_case): {@code {"id", "name", "dose", "schedule": {"times": ["08:00"],
 * "days": ["MO"], "every_hours": null}, "stock", "low_stock_threshold", "notes"}}, and the checks a body passes
 * before anything is stored. Every refusal says which field and why.
 */
final class MedicineJson {

    static final int MAX_NAME = 100;
    static final int MAX_DOSE = 100;
    static final int MAX_NOTES = 2000;
    static final int MAX_STOCK = 1_000_000;

    private static final Set<String> FIELDS = Set.of("name", "dose", "schedule", "stock", "low_stock_threshold",
            "notes");
    /** Written by the server; a body may carry them back unchanged (a GET's answer sent back with PUT). */
    private static final Set<String> READ_ONLY = Set.of("id", "low_stock", "created_at");
    private static final Set<String> SCHEDULE_FIELDS = Set.of("times", "days", "every_hours", "starts");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");

    private MedicineJson() {
    }

    /**
     * The fields of {@code body} over {@code base}: a create or a full update (PUT) passes the defaults as base and
     * requires a name; a partial update (PATCH) passes the stored medicine.
     */
    static Medicine.Fields fields(Map<String, Object> body, Medicine.Fields base, boolean full, LocalDate today) {
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key) && !READ_ONLY.contains(key)) {
                throw Refusal.invalid("unknown field \"" + key + "\" (fields: name, dose, schedule, stock, "
                        + "low_stock_threshold, notes)");
            }
        }
        if (full && !body.containsKey("name")) {
            throw Refusal.invalid("name is required");
        }
        String name = body.containsKey("name") ? text(body, "name", MAX_NAME).strip() : base.name();
        if (name.isEmpty()) {
            throw Refusal.invalid("name must not be empty");
        }
        String dose = body.containsKey("dose") ? text(body, "dose", MAX_DOSE).strip() : base.dose();
        Schedule schedule = body.containsKey("schedule") ? schedule(body.get("schedule"), today) : base.schedule();
        int stock = body.containsKey("stock") ? count(body, "stock") : base.stock();
        int threshold = body.containsKey("low_stock_threshold") ? count(body, "low_stock_threshold")
                : base.lowStockThreshold();
        String notes = body.containsKey("notes") ? text(body, "notes", MAX_NOTES) : base.notes();
        return new Medicine.Fields(name, dose, schedule, stock, threshold, notes);
    }

    static Medicine.Fields defaults() {
        return new Medicine.Fields("", "", Schedule.asNeeded(), 0, 0, "");
    }

    static Schedule schedule(Object value, LocalDate today) {
        if (value == null) {
            return Schedule.asNeeded();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw Refusal.invalid("schedule must be an object: {\"times\": [\"08:00\"], \"days\": [\"MO\"], "
                    + "\"every_hours\": N}");
        }
        for (Object key : map.keySet()) {
            if (!SCHEDULE_FIELDS.contains(key)) {
                throw Refusal.invalid("unknown field \"schedule." + key + "\" (times, days, every_hours, starts)");
            }
        }
        List<LocalTime> times = new ArrayList<>();
        for (Object t : list(map.get("times"), "schedule.times")) {
            if (!(t instanceof String s) || !TIME.matcher(s).matches()) {
                throw Refusal.invalid("schedule.times: \"" + t + "\" is not a time of day like \"08:00\"");
            }
            try {
                times.add(LocalTime.parse(s));
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("schedule.times: \"" + s + "\" is not a time of day (00:00 to 23:59)");
            }
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Object d : list(map.get("days"), "schedule.days")) {
            try {
                days.add(Days.parse(String.valueOf(d)));
            } catch (IllegalArgumentException e) {
                throw Refusal.invalid("schedule.days: " + e.getMessage());
            }
        }
        Object every = map.get("every_hours");
        Integer everyHours = null;
        if (every != null) {
            if (!(every instanceof Long n) || n < 1 || n > Schedule.MAX_EVERY_HOURS) {
                throw Refusal.invalid("schedule.every_hours must be a whole number of hours from 1 to "
                        + Schedule.MAX_EVERY_HOURS);
            }
            everyHours = n.intValue();
        }
        LocalDate starts = null;
        if (everyHours != null) {
            Object s = map.get("starts");
            try {
                starts = s == null ? today : LocalDate.parse(String.valueOf(s));
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("schedule.starts must be a date like \"2026-03-08\"");
            }
        }
        try {
            return new Schedule(times, days, everyHours, starts);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("schedule: " + e.getMessage());
        }
    }

    static void write(JsonWriter w, Medicine m) {
        Schedule s = m.schedule();
        w.beginObject().field("id", m.id()).field("name", m.name()).field("dose", m.dose());
        w.name("schedule").beginObject()
                .field("times", s.times().stream().map(LocalTime::toString).toList())
                .field("days", s.days().stream().sorted().map(Days::code).toList())
                .field("every_hours", s.everyHours() == null ? null : (long) s.everyHours());
        if (s.starts() != null) {
            w.field("starts", s.starts().toString());
        }
        w.endObject();
        w.field("stock", m.stock()).field("low_stock_threshold", m.lowStockThreshold())
                .field("low_stock", m.lowStock()).field("notes", m.notes())
                .field("created_at", m.createdAt().toString());
        if (m.deletedAt() != null) {
            w.field("deleted_at", m.deletedAt().toString());
        }
        w.endObject();
    }

    static String medicine(Medicine m) {
        JsonWriter w = new JsonWriter();
        write(w, m);
        return w.toString();
    }

    static String medicines(List<Medicine> list) {
        JsonWriter w = new JsonWriter(256 * list.size() + 64);
        w.beginObject().field("count", list.size()).name("medicines").beginArray();
        for (Medicine m : list) {
            write(w, m);
        }
        return w.endArray().endObject().toString();
    }

    /** A dose: which medicine, which slot (and when it was due in {@code zone}), when recorded and by whom. */
    static void write(JsonWriter w, Dose d, Medicine m, ZoneId zone) {
        w.beginObject().field("id", d.id()).field("medicine_id", d.medicineId())
                .field("name", m == null ? null : m.name()).field("status", d.status().label());
        slot(w, d.slot(), zone);
        w.field("recorded_at", d.recordedAt().atZone(zone).toOffsetDateTime().toString())
                .field("taken_by", d.by());
        if (d.slot() != null) {
            w.field("minutes_late", java.time.Duration.between(Schedule.instant(d.slot(), zone), d.recordedAt())
                    .toMinutes());
        }
        w.endObject();
    }

    static void slot(JsonWriter w, LocalDateTime slot, ZoneId zone) {
        w.field("slot", slot == null ? null : slot.toString());
        w.field("due_at", slot == null ? null
                : Schedule.instant(slot, zone).atZone(zone).toOffsetDateTime().toString());
    }

    private static String text(Map<String, Object> body, String key, int max) {
        Object v = body.get(key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw Refusal.invalid(key + " must be a string");
        }
        if (s.length() > max) {
            throw Refusal.invalid(key + " is longer than " + max + " characters");
        }
        return s;
    }

    private static int count(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (!(v instanceof Long n) || n < 0 || n > MAX_STOCK) {
            throw Refusal.invalid(key + " must be a whole number from 0 to " + MAX_STOCK);
        }
        return n.intValue();
    }

    private static List<?> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw Refusal.invalid(what + " must be a list");
        }
        return l;
    }
}
