package calendarbot.kiosk.internal;

import calendarbot.api.DayOverview;
import calendarbot.api.EventStore;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.SkipList;
import calendarbot.api.model.Morning;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A day by the kiosk's rules, for the answers about a day (the wall's morning summary, the voice's). A meeting is
 * what the {@link MeetingSelector} could show next; focus time is a timed block with a skip keyword that is not free,
 * declined or skipped: never a meeting, but not free time either. The morning follows calendarbot_lite's
 * morning summary: 06:00 to noon, an actionable all-day event counts as half a meeting, a first meeting before
 * 08:00 is an early start with a wake-up time 90 minutes before it, meetings at most 15 minutes apart are back to
 * back, and gaps of 30 minutes or more are free blocks.
 */
@Component(service = DayOverview.class)
public class KioskDay implements DayOverview {

    static final LocalTime MORNING_START = LocalTime.of(6, 0);
    static final LocalTime MORNING_END = LocalTime.NOON;
    static final LocalTime EARLY_START = LocalTime.of(8, 0);
    static final LocalTime VERY_EARLY_START = LocalTime.of(7, 30);
    static final long WAKE_UP_BUFFER_SECONDS = 90 * 60;
    static final long MIN_FREE_BLOCK_SECONDS = 30 * 60;
    static final long BACK_TO_BACK_GAP_SECONDS = 15 * 60;
    /** More than anyone has in a day; bounds the work of one request. */
    static final int MAX_PER_DAY = 200;

    /** All-day events that are no work to get through: calendarbot_lite does not count them. */
    private static final List<String> NOT_ACTIONABLE = List.of("birthday", "holiday", "vacation", "day off",
            "anniversary");

    @Reference
    private MeetingSelector selector;
    @Reference
    private SkipList skips;
    @Reference
    private KioskSettings settings;

    /** For Declarative Services. */
    public KioskDay() {
    }

    /** Outside the framework: for tests, here and in the bundles that answer with it. */
    public KioskDay(MeetingSelector selector, SkipList skips, KioskSettings settings) {
        this.selector = selector;
        this.skips = skips;
        this.settings = settings;
    }

    @Override
    public List<Occurrence> allDay(EventStore store, LocalDate day) {
        ZoneId kioskZone = settings.zone();
        long from = day.atStartOfDay(kioskZone).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(kioskZone).toEpochSecond();
        List<Occurrence> result = new ArrayList<>();
        for (Occurrence o : store.range(from, to)) {
            if (o.allDay() && covers(o, day, kioskZone) && onBanner(o, skips)) {
                result.add(o);
                if (result.size() == MAX_PER_DAY) {
                    break;
                }
            }
        }
        return List.copyOf(result);
    }

    @Override
    public Morning morning(EventStore store, LocalDate day, ZoneId zone, int maxEvents) {
        long start = ZonedDateTime.of(day, MORNING_START, zone).toEpochSecond();
        long end = ZonedDateTime.of(day, MORNING_END, zone).toEpochSecond();
        int limit = Math.max(1, Math.min(maxEvents, MAX_MORNING_EVENTS));

        List<Occurrence> meetings = new ArrayList<>();
        List<Occurrence> focusTime = new ArrayList<>();
        int looked = 0;
        for (Occurrence o : timed(store, start, end)) {
            if (looked == limit) {
                break;
            }
            if (isFocusTime(o)) {
                focusTime.add(o);
                looked++;
            } else if (selector.exclusion(o) == null) {
                meetings.add(o);
                looked++;
            }
        }
        List<Occurrence> actionable = new ArrayList<>();
        for (Occurrence o : allDay(store, day)) {
            if (looked == limit) {
                break;
            }
            looked++;
            if (actionable(o)) {
                actionable.add(o);
            }
        }

        double equivalents = meetings.size() + 0.5 * actionable.size();
        Occurrence first = meetings.isEmpty() ? null : meetings.get(0);
        boolean early = first != null && first.start() < ZonedDateTime.of(day, EARLY_START, zone).toEpochSecond();
        boolean veryEarly = early
                && Instant.ofEpochSecond(first.start()).atZone(zone).toLocalTime().isBefore(VERY_EARLY_START);
        List<Occurrence> busy = new ArrayList<>(meetings);
        busy.addAll(focusTime);
        return new Morning(day, start, end, meetings, focusTime, actionable, looked > 0, equivalents,
                Morning.Density.of(equivalents), early, veryEarly, early ? first.start() - WAKE_UP_BUFFER_SECONDS : null,
                freeBlocks(busy, start, end), backToBack(meetings));
    }

    /** Timed occurrences overlapping [from, to), by start. */
    private static List<Occurrence> timed(EventStore store, long from, long to) {
        List<Occurrence> result = new ArrayList<>();
        for (Occurrence o : store.range(from, to)) {
            if (!o.allDay() && o.start() < to && o.endOrAnHour() > from) {
                result.add(o);
                if (result.size() == MAX_PER_DAY) {
                    break;
                }
            }
        }
        result.sort(Comparator.comparingLong(Occurrence::start));
        return result;
    }

    /** A timed block that is no meeting only because its subject has one of the kiosk's skip keywords. */
    private boolean isFocusTime(Occurrence o) {
        ParsedEvent e = o.event();
        if (o.allDay() || e.isFree() || "DECLINED".equalsIgnoreCase(e.myPartStat()) || skips.isSkipped(o.id())) {
            return false;
        }
        String subject = e.summary() == null ? "" : e.summary().toLowerCase(Locale.ROOT);
        for (String word : settings.skipKeywords()) {
            if (!word.isEmpty() && subject.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An all-day event the wall's banner lists: holidays and out-of-office days are usually marked free and still
     * belong there; only cancelled, deleted, declined and skipped ones are left out.
     */
    static boolean onBanner(Occurrence o, SkipList skips) {
        ParsedEvent e = o.event();
        return !"CANCELLED".equals(e.status()) && !e.outlookDeleted() && !"DECLINED".equalsIgnoreCase(e.myPartStat())
                && !skips.isSkipped(o.id());
    }

    private static boolean actionable(Occurrence o) {
        String s = o.event().summary() == null ? "" : o.event().summary().toLowerCase(Locale.ROOT);
        return NOT_ACTIONABLE.stream().noneMatch(s::contains);
    }

    /** Gaps of at least 30 minutes in [start, end) between busy blocks. */
    static List<Morning.FreeBlock> freeBlocks(List<Occurrence> busy, long start, long end) {
        List<Occurrence> sorted = new ArrayList<>(busy);
        sorted.sort(Comparator.comparingLong(Occurrence::start));
        List<Morning.FreeBlock> blocks = new ArrayList<>();
        long cursor = start;
        for (Occurrence o : sorted) {
            long from = Math.min(o.start(), end);
            if (from - cursor >= MIN_FREE_BLOCK_SECONDS) {
                blocks.add(new Morning.FreeBlock(cursor, from));
            }
            cursor = Math.max(cursor, Math.min(o.endOrAnHour(), end));
        }
        if (end - cursor >= MIN_FREE_BLOCK_SECONDS) {
            blocks.add(new Morning.FreeBlock(cursor, end));
        }
        return blocks;
    }

    /** Meetings that start at most 15 minutes after the ones before them end (overlapping ones too). */
    static int backToBack(List<Occurrence> meetings) {
        List<Occurrence> sorted = new ArrayList<>(meetings);
        sorted.sort(Comparator.comparingLong(Occurrence::start));
        int count = 0;
        long lastEnd = Long.MIN_VALUE;
        for (Occurrence o : sorted) {
            if (lastEnd != Long.MIN_VALUE && o.start() - lastEnd <= BACK_TO_BACK_GAP_SECONDS) {
                count++;
            }
            lastEnd = Math.max(lastEnd, o.endOrAnHour());
        }
        return count;
    }

    /** True when the all-day occurrence {@code o} (dates in {@code kioskZone}) covers {@code day}. */
    static boolean covers(Occurrence o, LocalDate day, ZoneId kioskZone) {
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochSecond(o.start()), kioskZone);
        LocalDate end = LocalDate.ofInstant(Instant.ofEpochSecond(o.end()), kioskZone);
        LocalDate last = end.isAfter(first) ? end.minusDays(1) : first;
        return !day.isBefore(first) && !day.isAfter(last);
    }
}
