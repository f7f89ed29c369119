package calendarbot.medicine.internal;

import static calendarbot.medicine.internal.ScheduleTest.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import calendarbot.json.JsonReader;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What a body must be: every refusal a 400 naming the field and what is wrong with it. */
class MedicineJsonTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 10);

    static Medicine.Fields create(String json) {
        return MedicineJson.fields(JsonReader.parseObject(json), MedicineJson.defaults(), true, TODAY);
    }

    static String refusal(String json) {
        Refusal r = assertThrows(Refusal.class, () -> create(json));
        assertEquals(400, r.status());
        return r.getMessage();
    }

    @Test
    void aFullMedicineAndItsDefaults() {
        Medicine.Fields f = create("{\"name\": \" Aspirin \", \"dose\": \"100 mg\", \"schedule\": {\"times\": [\"20:00\","
                + " \"08:00\"], \"days\": [\"mo\", \"TH\"]}, \"stock\": 30, \"low_stock_threshold\": 5, \"notes\": \"x\"}");
        assertEquals("Aspirin", f.name());
        assertEquals(times("08:00", "20:00").times(), f.schedule().times());
        assertEquals(2, f.schedule().days().size());
        Medicine.Fields minimal = create("{\"name\": \"Ibuprofen\"}");
        assertEquals(Schedule.asNeeded(), minimal.schedule());
        assertEquals(0, minimal.stock());
        assertEquals(TODAY, create("{\"name\": \"D\", \"schedule\": {\"every_hours\": 8}}").schedule().starts(),
                "an interval starts today unless told");
    }

    @Test
    void whatIsWrongIsNamed() {
        assertEquals("name is required", refusal("{\"dose\": \"1\"}"));
        assertEquals("name must not be empty", refusal("{\"name\": \"  \"}"));
        assertEquals("unknown field \"lowStock\" (fields: name, dose, schedule, stock, low_stock_threshold, notes)",
                refusal("{\"name\": \"A\", \"lowStock\": 1}"));
        assertEquals("schedule.times: \"8am\" is not a time of day like \"08:00\"",
                refusal("{\"name\": \"A\", \"schedule\": {\"times\": [\"8am\"]}}"));
        assertEquals("schedule.times: \"25:00\" is not a time of day (00:00 to 23:59)",
                refusal("{\"name\": \"A\", \"schedule\": {\"times\": [\"25:00\"]}}"));
        assertEquals("schedule.days: unknown day \"Monday\" (MO, TU, WE, TH, FR, SA or SU)",
                refusal("{\"name\": \"A\", \"schedule\": {\"days\": [\"Monday\"]}}"));
        assertEquals("schedule.every_hours must be a whole number of hours from 1 to 168",
                refusal("{\"name\": \"A\", \"schedule\": {\"every_hours\": 1.5}}"));
        assertEquals("schedule: a time is listed twice",
                refusal("{\"name\": \"A\", \"schedule\": {\"times\": [\"08:00\", \"08:00\"]}}"));
        assertEquals("stock must be a whole number from 0 to 1000000", refusal("{\"name\": \"A\", \"stock\": -1}"));
        assertEquals("name must be a string", refusal("{\"name\": 5}"));
    }

    @Test
    void aPartialUpdateChangesOnlyWhatItNames() {
        Medicine stored = new Medicine(7, "Aspirin", "100 mg", times("08:00"), 30, 5, "with food",
                Instant.parse("2026-06-01T00:00:00Z"), null);
        Medicine.Fields f = MedicineJson.fields(JsonReader.parseObject("{\"stock\": 60, \"id\": 7, \"low_stock\": false}"),
                stored.fields(), false, TODAY);
        assertEquals(new Medicine.Fields("Aspirin", "100 mg", times("08:00"), 60, 5, "with food"), f);
    }
}
