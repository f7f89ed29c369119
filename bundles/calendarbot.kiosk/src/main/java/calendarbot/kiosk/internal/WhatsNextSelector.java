package calendarbot.kiosk.internal;

import calendarbot.api.EventStore;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.SkipList;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.WhatsNext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * calendarbot_lite's choice of the meeting to show. A meeting is a timed occurrence that is not free time
 * ({@link ParsedEvent#isFree()}), not declined by the kiosk owner, not skipped and whose subject has none of
 * the skip keywords; tentative meetings count. The next meeting is the earliest one starting now or later,
 * unless it is de-prioritised (lunch) and a plain meeting starts within the preference window of it.
 *
 */
@Component(service = MeetingSelector.class, configurationPid = KioskConfiguration.PID)
public class WhatsNextSelector implements MeetingSelector {

    /** How many upcoming meetings are looked at for the de-prioritisation; more within 30 minutes is absurd. */
    static final int CANDIDATES = 16;
    /** Bound of the all-day list of one day. */
    static final int MAX_ALL_DAY = 20;

    static final WhatsNext.Status NO_MEETINGS = new WhatsNext.Status("No meetings scheduled", false, false);

    @Reference
    private SkipList skips;
    @Reference
    private KioskSettings settings;

    private volatile SelectionRules rules;
    private volatile Supplier<ZoneId> zone;

    /** For Declarative Services. */
    public WhatsNextSelector() {
    }

    /** Outside the framework, for tests. */
    WhatsNextSelector(SelectionRules rules, ZoneId zone, SkipList skips) {
        this.rules = rules;
        this.zone = () -> zone;
        this.skips = skips;
    }

    @Activate
    @Modified
    void configure(KioskConfiguration.Config config) {
        rules = SelectionRules.from(config);
        KioskSettings kiosk = settings;
        zone = kiosk::zone;
    }

    @Override
    public WhatsNext whatsNext(EventStore store, Instant now) {
        SelectionRules r = rules;
        long t = now.getEpochSecond();
        List<Occurrence> upcoming = store.startingFrom(t, CANDIDATES, o -> !o.allDay() && isMeeting(o, r));
        Occurrence next = chooseNext(upcoming, r);
        Occurrence current = chooseCurrent(store.inProgress(t), r);
        List<Occurrence> allDay = allDayToday(store, now, zone.get());
        WhatsNext.Status status = next == null ? NO_MEETINGS : status(next.start() - t, next.end() - next.start(), r);
        return new WhatsNext(next, current, allDay, status, t);
    }

    /** True when {@code o} is a meeting by the rules (all-day or not). */
    boolean isMeeting(Occurrence o, SelectionRules r) {
        ParsedEvent event = o.event();
        if (event.isFree() || "DECLINED".equalsIgnoreCase(event.myPartStat()) || r.skipped(event.summary())) {
            return false;
        }
        return !skips.isSkipped(o.id());
    }

    @Override
    public String exclusion(Occurrence o) {
        ParsedEvent event = o.event();
        SelectionRules r = rules;
        if (o.allDay()) {
            return "all-day event (listed for its day, never the next meeting)";
        }
        if (event.outlookDeleted()) {
            return "deleted in Outlook (X-OUTLOOK-DELETED)";
        }
        if ("CANCELLED".equals(event.status())) {
            return "cancelled (STATUS:CANCELLED)";
        }
        if ("FREE".equals(event.busyStatus())) {
            return "free time (X-MICROSOFT-CDO-BUSYSTATUS:FREE)";
        }
        if ("TRANSPARENT".equals(event.transp())) {
            return "does not block time (TRANSP:TRANSPARENT)";
        }
        if ("DECLINED".equalsIgnoreCase(event.myPartStat())) {
            return "declined by you (PARTSTAT=DECLINED)";
        }
        String subject = event.summary() == null ? "" : event.summary().toLowerCase(Locale.ROOT);
        for (String word : r.skipKeywords()) {
            if (subject.contains(word)) {
                return "subject contains the skip keyword \"" + word + "\"";
            }
        }
        if (skips.isSkipped(o.id())) {
            return "skipped on the kiosk";
        }
        return null;
    }

    private static Occurrence chooseNext(List<Occurrence> upcoming, SelectionRules r) {
        if (upcoming.isEmpty()) {
            return null;
        }
        Occurrence earliest = upcoming.get(0);
        for (Occurrence candidate : upcoming) {
            if (candidate.start() - earliest.start() > r.preferWindowSeconds()) {
                break;
            }
            if (!r.deprioritized(candidate.event().summary())) {
                return candidate;
            }
        }
        return earliest;
    }

    /** Of overlapping meetings, the one that began last is the one the owner is most likely in. */
    private Occurrence chooseCurrent(List<Occurrence> inProgress, SelectionRules r) {
        Occurrence best = null;
        for (Occurrence o : inProgress) {
            if (o.allDay() || !isMeeting(o, r)) {
                continue;
            }
            if (best == null || better(o, best, r)) {
                best = o;
            }
        }
        return best;
    }

    private static boolean better(Occurrence o, Occurrence best, SelectionRules r) {
        boolean oLow = r.deprioritized(o.event().summary());
        boolean bestLow = r.deprioritized(best.event().summary());
        if (oLow != bestLow) {
            return !oLow;
        }
        return o.start() > best.start();
    }

    /** All-day occurrences covering today in the kiosk's zone; keywords do not hide them, free time does. */
    private List<Occurrence> allDayToday(EventStore store, Instant now, ZoneId kioskZone) {
        LocalDate today = LocalDate.ofInstant(now, kioskZone);
        long from = today.atStartOfDay(kioskZone).toEpochSecond();
        long to = today.plusDays(1).atStartOfDay(kioskZone).toEpochSecond();
        List<Occurrence> result = new ArrayList<>();
        for (Occurrence o : store.range(from, to)) {
            if (o.allDay() && KioskDay.onBanner(o, skips)) {
                result.add(o);
                if (result.size() == MAX_ALL_DAY) {
                    break;
                }
            }
        }
        return List.copyOf(result);
    }

    /**
     * calendarbot_lite's status line: whole minutes until the start (rounded down) against the thresholds;
     * at or after the start, "Meeting in progress" until it ends.
     */
    static WhatsNext.Status status(long secondsUntilStart, long durationSeconds, SelectionRules r) {
        if (secondsUntilStart <= 0) {
            return -secondsUntilStart < durationSeconds
                    ? new WhatsNext.Status("Meeting in progress", true, false)
                    : new WhatsNext.Status("Meeting ended", false, false);
        }
        long minutes = secondsUntilStart / 60;
        if (minutes <= r.criticalMinutes()) {
            return new WhatsNext.Status("Starting very soon", true, true);
        }
        if (minutes <= r.urgentMinutes()) {
            return new WhatsNext.Status("Starting soon", true, false);
        }
        if (minutes <= 60) {
            return new WhatsNext.Status("Starting within the hour", false, false);
        }
        return new WhatsNext.Status("Plenty of time", false, false);
    }
}
