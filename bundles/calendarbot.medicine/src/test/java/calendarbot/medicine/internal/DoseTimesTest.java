package calendarbot.medicine.internal;

import static calendarbot.medicine.internal.ScheduleTest.LA;
import static calendarbot.medicine.internal.ScheduleTest.at;
import static calendarbot.medicine.internal.ScheduleTest.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DoseTimesTest {
    // grace one hour, lead fifteen minutes
    final DoseTimes times = new DoseTimes(LA, Duration.ofHours(1), Duration.ofMinutes(15));
    final Medicine twiceADay = medicine(1, "Aspirin", times("08:00", "20:00"), "2026-06-01T00:00:00Z");
    final Medicine evening = medicine(2, "Statin", times("19:50"), "2026-06-01T00:00:00Z");

    static Medicine medicine(long id, String name, Schedule s, String created) {
        return new Medicine(id, name, "1 pill", s, 10, 2, "", Instant.parse(created), null);
    }

    /** A local time in Los Angeles as an instant (June: PDT, UTC-7). */
    static Instant la(String local) {
        return Schedule.instant(LocalDateTime.parse(local), LA);
    }

    @Test
    void dueFromTheLeadTimeOverdueUntilTheGraceEnds() {
        List<Medicine> both = List.of(twiceADay, evening);
        assertTrue(times.pending(both, Map.of(), la("2026-06-10T19:30")).isEmpty(), "20 minutes early: not yet");
        List<DoseTimes.Pending> at1940 = times.pending(both, Map.of(), la("2026-06-10T19:40"));
        assertEquals(1, at1940.size());
        assertEquals(at("2026-06-10T19:50"), at1940.get(0).slot());
        assertTrue(!at1940.get(0).overdue());
        List<DoseTimes.Pending> at2010 = times.pending(both, Map.of(), la("2026-06-10T20:10"));
        assertEquals(List.of("Statin", "Aspirin"), at2010.stream().map(p -> p.medicine().name()).toList());
        assertTrue(at2010.get(0).overdue());
        assertTrue(at2010.get(1).overdue());
        assertEquals(List.of("Aspirin"), times.pending(both, Map.of(), la("2026-06-10T20:55")).stream()
                .map(p -> p.medicine().name()).toList(), "the statin's grace ended at 20:50");
        assertTrue(times.pending(both, Map.of(1L, Set.of(at("2026-06-10T20:00"))), la("2026-06-10T20:55")).isEmpty(),
                "a recorded dose is no longer pending");
    }

    @Test
    void dueNowFollowsTheWallClockOnTheDayOfTheChange() {
        Medicine morning = medicine(3, "Thyroid", times("07:00"), "2026-01-01T00:00:00Z");
        // 2026-03-08 07:00 PDT is 14:00Z; the day before 07:00 PST was 15:00Z
        assertEquals(1, times.pending(List.of(morning), Map.of(), Instant.parse("2026-03-08T14:00:00Z")).size());
        assertTrue(times.pending(List.of(morning), Map.of(), Instant.parse("2026-03-08T15:20:00Z")).isEmpty());
    }

    @Test
    void aDoseTakenLateAnswersTheSlotItWasFor() {
        // 11:00: the 08:00 dose's grace ended at 09:00, but it was not taken: the pill now is that one
        assertEquals(at("2026-06-10T08:00"), times.choose(twiceADay, null, Set.of(), la("2026-06-10T11:00")));
        // 15:00: 20:00 is nearer than 08:00, so it is the evening's dose taken early
        assertEquals(at("2026-06-10T20:00"), times.choose(twiceADay, null, Set.of(), la("2026-06-10T15:00")));
    }

    @Test
    void aDoseTakenEarlyAnswersTheNextSlot() {
        assertEquals(at("2026-06-10T20:00"), times.choose(twiceADay, null, Set.of(at("2026-06-10T08:00")),
                la("2026-06-10T19:00")));
    }

    @Test
    void aSecondPillAfterARecordedDoseIsTheNextSlotsAndAsNeededHasNone() {
        // 08:10, the 08:00 dose already taken: a second pill is the evening's, 12 hours ahead
        assertEquals(at("2026-06-10T20:00"), times.choose(twiceADay, null, Set.of(at("2026-06-10T08:00")),
                la("2026-06-10T08:10")));
        assertNull(times.choose(medicine(4, "Ibuprofen", Schedule.asNeeded(), "2026-06-01T00:00:00Z"), null, Set.of(),
                la("2026-06-10T08:10")), "as needed: no slot");
    }

    @Test
    void aSlotAskedForMustBeScheduled() {
        assertEquals(at("2026-06-09T20:00"), times.choose(twiceADay, at("2026-06-09T20:00"), Set.of(),
                la("2026-06-10T08:10")));
        Refusal r = assertThrows(Refusal.class, () -> times.choose(twiceADay, at("2026-06-10T09:00"), Set.of(),
                la("2026-06-10T08:10")));
        assertEquals(400, r.status());
    }

    @Test
    void missedOnlyWhileTheMedicineExistedAndAfterTheGrace() {
        Medicine created = medicine(5, "Iron", times("08:00", "20:00"), "2026-06-10T16:00:00Z"); // 09:00 PDT
        List<DoseTimes.Missed> missed = times.missed(List.of(created), Map.of(), la("2026-06-10T00:00"),
                la("2026-06-12T00:00"), la("2026-06-11T20:30"));
        assertEquals(List.of(at("2026-06-10T20:00"), at("2026-06-11T08:00")),
                missed.stream().map(DoseTimes.Missed::slot).toList(), "not before it was added, not 20:00 yet");
        Medicine deleted = new Medicine(5, "Iron", "", created.schedule(), 0, 0, "", created.createdAt(),
                la("2026-06-11T07:00"));
        assertEquals(1, times.missed(List.of(deleted), Map.of(), la("2026-06-10T00:00"), la("2026-06-12T00:00"),
                la("2026-06-11T20:30")).size());
    }
}
