package calendarbot.bench;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.ManualTime;
import calendarbot.json.JsonWriter;
import calendarbot.medicine.internal.Dose;
import calendarbot.medicine.internal.Medicine;
import calendarbot.medicine.internal.MedicineTracker;
import calendarbot.medicine.internal.Schedule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The medicine tracker's database operations, as the note's benchmark_database measured them: each one called
 * directly (no HTTP) on a real SQLite file with 50 medicines and a month of doses. Runs in a JVM of its own with
 * the pi profile's flags ({@link MedicineBench} forks it) and prints one JSON line.
 */
public final class MedicineDbRun {

    static final String PREFIX = "medicine-db: ";
    static final int MEDICINES = 50;

    /** An operation, its target from the note (ms, for the mean and the p95). */
    private record Operation(String name, double targetMs, Step step) {
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private MedicineDbRun() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int iterations = Integer.parseInt(args[1]);
        ZoneId zone = ZoneId.of("America/Los_Angeles");
        // the kiosk's clock at 07:55 on a weekday (doses due at 08:00); stamps on real time, as in the kiosk
        ManualTime kioskNow = new ManualTime(Instant.parse("2026-11-24T15:55:00Z"));
        MedicineTracker tracker = MedicineTracker.open(folder,
                ConfigProxy.of(MedicineTracker.Config.class, Map.of("maxMedicines", 1000)), kioskNow.asClock(),
                InstantSource.system(), new FixedKioskSettings(zone));
        try {
            List<Medicine> meds = seed(tracker, kioskNow.instant());
            List<Medicine> asNeeded = meds.stream().filter(m -> m.schedule().asNeededOnly()).toList();
            List<Operation> ops = List.of(
                    new Operation("get_medicine_by_id", 5, i -> tracker.store().get(meds.get(i % MEDICINES).id())),
                    new Operation("get_all_medicines", 20, i -> tracker.store().list()),
                    new Operation("get_pending_medicines", 10, i -> tracker.pending()),
                    new Operation("get_low_stock_medicines", 50, i -> tracker.store().lowStock()),
                    new Operation("mark_medicine_taken", 25, i -> tracker.record(
                            List.of(new Dose.Request(asNeeded.get(i % asNeeded.size()).id(), null)), Dose.Status.TAKEN,
                            "bench")),
                    new Operation("update_medicine", 50, i -> {
                        Medicine m = meds.get(i % MEDICINES);
                        tracker.store().update(m.id(), new Medicine.Fields(m.name(), "dose " + i, m.schedule(),
                                1000 + i, 10, m.notes()), InstantSource.system().instant());
                    }),
                    new Operation("get_tracking_history", 50, i -> {
                        Instant to = kioskNow.instant();
                        Instant from = to.minus(Duration.ofDays(7));
                        tracker.store().doses(from, to);
                        tracker.missed(tracker.store().all(), from, to);
                    }),
                    new Operation("batch_mark_taken", 100, i -> {
                        List<Dose.Request> five = new ArrayList<>();
                        for (int k = 0; k < 5; k++) {
                            five.add(new Dose.Request(asNeeded.get((i * 5 + k) % asNeeded.size()).id(), null));
                        }
                        tracker.record(five, Dose.Status.TAKEN, "bench");
                    }),
                    new Operation("transaction_overhead", 50, i -> tracker.database().write(c -> null)));
            List<Object> results = new ArrayList<>();
            for (Operation op : ops) {
                results.add(measure(op, iterations));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("medicines", MEDICINES);
            out.put("doses_before", seededDoses);
            out.put("iterations", iterations);
            out.put("benchmarks", results);
            System.out.println(PREFIX + JsonWriter.write(out));
        } finally {
            tracker.stop();
        }
    }

    private static int seededDoses;

    /** 50 medicines (half twice a day, a quarter every 8 hours, a quarter as needed) and 30 days of their doses. */
    private static List<Medicine> seed(MedicineTracker tracker, Instant now) throws Exception {
        List<Medicine> meds = new ArrayList<>();
        for (int i = 0; i < MEDICINES; i++) {
            Schedule s = switch (i % 4) {
                case 0, 1 -> new Schedule(List.of(LocalTime.of(8, 0), LocalTime.of(20, 0)), Set.of(), null, null);
                case 2 -> new Schedule(List.of(LocalTime.of(6, 0)), Set.of(), 8, java.time.LocalDate.of(2026, 10, 1));
                default -> Schedule.asNeeded();
            };
            meds.add(tracker.store().create(new Medicine.Fields("Medicine " + i, (i % 3 + 1) * 50 + " mg", s,
                    i % 7 == 0 ? 3 : 1000, 10, "seeded"), now.minus(Duration.ofDays(40))));
        }
        // a month of history: every scheduled slot of 30 days taken
        Instant monthAgo = now.minus(Duration.ofDays(30));
        for (Medicine m : meds) {
            List<Dose.Request> month = new ArrayList<>();
            for (var slot : m.schedule().slots(monthAgo, now.minus(Duration.ofHours(2)), tracker.zone())) {
                month.add(new Dose.Request(m.id(), slot));
            }
            if (!month.isEmpty()) {
                tracker.store().record(month, Dose.Status.TAKEN, "seed", now,
                        tracker.times().localWindow(monthAgo, now), (med, asked, recorded) -> asked);
                seededDoses += month.size();
            }
        }
        return meds;
    }

    private static Map<String, Object> measure(Operation op, int iterations) throws Exception {
        for (int i = 0; i < Math.max(20, iterations / 4); i++) {
            op.step().run(i);
        }
        Latencies lat = new Latencies(iterations);
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            op.step().run(i);
            lat.add(System.nanoTime() - t);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", op.name());
        m.put("iterations", iterations);
        m.putAll(lat.summary());
        return MedicineTargets.judge(m, op.targetMs(), op.targetMs());
    }
}
