package calendarbot.medicine.internal;

import static calendarbot.medicine.internal.ScheduleTest.at;
import static calendarbot.medicine.internal.ScheduleTest.times;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.ManualTime;
import calendarbot.medicine.internal.Dose.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker's two clocks and its settings: what is due follows the kiosk's clock, stamps the bookkeeping time. */
class MedicineTrackerTest {
    @TempDir
    Path dir;
    // the kiosk shows 2026-06-10 19:55 in Los Angeles; the real time is somewhere else entirely
    final ManualTime kioskNow = new ManualTime("2026-06-11T02:55:00Z");
    final ManualTime bookkeeping = new ManualTime("2031-01-01T12:00:00Z");
    final FixedKioskSettings kiosk = new FixedKioskSettings(ZoneId.of("America/Los_Angeles"));
    MedicineTracker tracker;

    MedicineTracker open(Map<String, ?> config) throws Exception {
        tracker = MedicineTracker.open(dir.resolve("medicines"), ConfigProxy.of(MedicineTracker.Config.class, config),
                kioskNow.asClock(), bookkeeping, kiosk);
        return tracker;
    }

    @AfterEach
    void stop() throws Exception {
        if (tracker != null) {
            tracker.stop();
        }
    }

    @Test
    void dueByTheKiosksClockRecordedByBookkeepingTime() throws Exception {
        open(Map.of());
        Medicine m = tracker.store().create(new Medicine.Fields("Aspirin", "", times("20:00"), 3, 0, ""),
                bookkeeping.instant());
        List<DoseTimes.Pending> due = tracker.pending();
        assertEquals(1, due.size());
        assertEquals(at("2026-06-10T20:00"), due.get(0).slot());
        List<Dose> taken = tracker.record(List.of(new Dose.Request(m.id(), null)), Status.TAKEN, "Anna");
        assertEquals(at("2026-06-10T20:00"), taken.get(0).slot(), "the slot comes from the kiosk's now");
        assertEquals(bookkeeping.instant(), taken.get(0).recordedAt(), "the stamp from the bookkeeping time");
        assertTrue(tracker.pending().isEmpty());
    }

    @Test
    void theTrackersOwnZoneWinsOverTheKiosks() throws Exception {
        open(Map.of());
        assertEquals(kiosk.zone, tracker.zone());
        kiosk.zone = ZoneId.of("Asia/Tokyo");
        assertEquals(ZoneId.of("Asia/Tokyo"), tracker.zone(), "the kiosk's zone as it is now");
        tracker.modified(ConfigProxy.of(MedicineTracker.Config.class, Map.of("timeZone", "Europe/Berlin",
                "missedGraceMinutes", "30", "reminderLeadMinutes", 5)));
        assertEquals(ZoneId.of("Europe/Berlin"), tracker.zone());
        assertEquals(new DoseTimes(ZoneId.of("Europe/Berlin"), Duration.ofMinutes(30), Duration.ofMinutes(5)),
                tracker.times());
    }

    @Test
    void oneBackupADayTheNewestKept() throws Exception {
        open(Map.of("backupsKept", 2));
        tracker.store().create(new Medicine.Fields("Aspirin", "", times("20:00"), 3, 0, ""), bookkeeping.instant());
        Path first = tracker.backup().makeIfDue();
        assertEquals("medicines-2031-01-01.db", first.getFileName().toString());
        assertNull(tracker.backup().makeIfDue(), "one a day");
        bookkeeping.advance(Duration.ofDays(1));
        tracker.backup().makeIfDue();
        bookkeeping.advance(Duration.ofDays(1));
        tracker.backup().makeIfDue();
        assertEquals(List.of("medicines-2031-01-02.db", "medicines-2031-01-03.db"),
                tracker.backup().copies().stream().map(p -> p.getFileName().toString()).toList());
    }
}
