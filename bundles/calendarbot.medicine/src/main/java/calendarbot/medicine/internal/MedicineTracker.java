package calendarbot.medicine.internal;

import calendarbot.api.Clock;
import calendarbot.api.KioskSettings;
import calendarbot.medicine.internal.Dose.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The medicine tracker: its database in {@code <data>/medicines}, its settings ({@code calendarbot.medicine}) and
 * the two clocks. What is due is decided by the kiosk's {@link Clock} (a kiosk fixed at a test time shows that
 * time's doses); when a dose was recorded is bookkeeping, read from the {@link InstantSource}.
 */
@Component(service = MedicineTracker.class, configurationPid = MedicineTracker.PID, immediate = true)
@Designate(ocd = MedicineTracker.Config.class)
public class MedicineTracker {

    public static final String PID = "calendarbot.medicine";
    private static final Logger LOG = LoggerFactory.getLogger(MedicineTracker.class);

    @ObjectClassDefinition(name = "CalendarBot medicine tracker",
            description = "The medicine tracker plug-in: its time zone, when a dose counts as missed, when it is "
                    + "shown as due, and its limits.")
    public @interface Config {

        @AttributeDefinition(name = "Time zone",
                description = "IANA zone of the schedules' times (e.g. Europe/Berlin). Empty: the kiosk's zone.")
        String timeZone() default "";

        @AttributeDefinition(name = "Missed-dose grace (minutes)",
                description = "How long after its time a dose is still shown as overdue; after that it is missed.",
                min = "0", max = "1440")
        int missedGraceMinutes() default 60;

        @AttributeDefinition(name = "Reminder lead (minutes)",
                description = "How long before its time a dose is shown as due.", min = "0", max = "720")
        int reminderLeadMinutes() default 15;

        @AttributeDefinition(name = "Most medicines", description = "More medicines than this are refused.",
                min = "1", max = "10000")
        int maxMedicines() default 200;

        @AttributeDefinition(name = "Longest history (days)",
                description = "The longest range /api/medicines/history answers in one request.",
                min = "1", max = "3660")
        int maxHistoryDays() default 93;

        @AttributeDefinition(name = "Backups kept",
                description = "Daily backups of the database kept in data/medicines/backups (0: none made).",
                min = "0", max = "365")
        int backupsKept() default 7;
    }

    @Reference
    Clock clock;

    @Reference
    InstantSource time;

    @Reference
    KioskSettings kiosk;

    private volatile Config config;
    private MedicineDatabase db;
    private MedicineStore store;
    private DailyBackup backup;

    @Activate
    void activate(BundleContext context, Config config) throws SQLException, IOException {
        String data = context == null ? null : context.getProperty("calendarbot.data");
        start(Path.of(data == null ? "data" : data).resolve("medicines"), config);
    }

    /** A tracker outside a framework (tests, the bench), its database in {@code folder}. */
    public static MedicineTracker open(Path folder, Config config, Clock clock, InstantSource time,
            KioskSettings kiosk) throws SQLException, IOException {
        MedicineTracker t = new MedicineTracker();
        t.clock = clock;
        t.time = time;
        t.kiosk = kiosk;
        t.start(folder, config);
        return t;
    }

    private void start(Path folder, Config config) throws SQLException, IOException {
        this.config = config;
        zone(config);
        db = MedicineDatabase.open(folder);
        store = new MedicineStore(db, config.maxMedicines());
        backup = new DailyBackup(db, folder.resolve("backups"), time, this::zone, config.backupsKept());
        LOG.info("medicine: {} medicines in {} (schema {}), zone {}", store.list().size(), db.file(), db.version(),
                zone());
    }

    @Modified
    void modified(Config config) {
        zone(config);
        this.config = config;
        backup.keep(config.backupsKept());
        LOG.info("medicine: settings changed: zone {}, grace {} min, lead {} min", zone(),
                config.missedGraceMinutes(), config.reminderLeadMinutes());
    }

    @Deactivate
    public void stop() throws SQLException {
        backup.close();
        db.close();
    }

    public MedicineDatabase database() {
        return db;
    }

    public MedicineStore store() {
        return store;
    }

    public DailyBackup backup() {
        return backup;
    }

    /** The zone of the schedules: the tracker's own, else the kiosk's. */
    public ZoneId zone() {
        String own = config.timeZone().trim();
        return own.isEmpty() ? kiosk.zone() : ZoneId.of(own);
    }

    private static void zone(Config config) {
        String own = config.timeZone().trim();
        if (!own.isEmpty()) {
            try {
                ZoneId.of(own);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("calendarbot.medicine: unknown time zone \"" + own + "\"", e);
            }
        }
    }

    public DoseTimes times() {
        Config c = config;
        return new DoseTimes(zone(), Duration.ofMinutes(c.missedGraceMinutes()),
                Duration.ofMinutes(c.reminderLeadMinutes()));
    }

    public Config config() {
        return config;
    }

    /** The kiosk's now: what is due. */
    public Instant now() {
        return clock.now();
    }

    /** Today in the tracker's zone, by the kiosk's clock (the first day of a new every-N-hours schedule). */
    public LocalDate today() {
        return LocalDate.ofInstant(now(), zone());
    }

    /** The doses due or overdue now. */
    public List<DoseTimes.Pending> pending() throws SQLException {
        return pending(times(), now());
    }

    /** The doses due or overdue at {@code now}. */
    public List<DoseTimes.Pending> pending(DoseTimes t, Instant now) throws SQLException {
        LocalDateTime[] w = t.pendingWindow(now);
        return t.pending(store.list(), store.slotsRecorded(w[0], w[1]), now);
    }

    /** Records doses (all or none), each for the slot asked or the one {@link DoseTimes#choose} picks. */
    public List<Dose> record(List<Dose.Request> requests, Status status, String by) throws SQLException {
        DoseTimes t = times();
        Instant now = now();
        return store.record(requests, status, by, time.instant(), t.choiceWindow(now),
                (m, asked, recorded) -> t.choose(m, asked, recorded, now));
    }

    /** The missed doses of [from, to). */
    public List<DoseTimes.Missed> missed(List<Medicine> all, Instant from, Instant to) throws SQLException {
        DoseTimes t = times();
        LocalDateTime[] w = t.localWindow(from, to);
        Map<Long, Set<LocalDateTime>> recorded = store.slotsRecorded(w[0], w[1]);
        return t.missed(all, recorded, from, to, now());
    }
}
