package calendarbot.medicine.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When a medicine is due: times of day (on some days of the week), or every N hours from a first dose; neither
 * means "as needed" (no slots). A slot is a wall-clock time in the tracker's zone, so "08:00" stays 08:00 across
 * summer and winter time, and a slot's identity (its local date-time) never depends on the offset.
 *
 * @param times times of day; with {@code everyHours}, at most one: the first dose's time (00:00 when empty)
 * @param days the days of the week a slot may fall on; empty: every day
 * @param everyHours the interval in hours, or null for times of day
 * @param starts the day of the first dose of an every-N-hours chain (its phase when 24 is no multiple of N)
 */
public record Schedule(List<LocalTime> times, Set<DayOfWeek> days, Integer everyHours, LocalDate starts) {

    /** At most this many times a day: a dose every hour, and some. */
    static final int MAX_TIMES = 48;
    /** A week between doses is the longest interval a kiosk tracker is for. */
    static final int MAX_EVERY_HOURS = 168;

    public Schedule {
        times = List.copyOf(times);
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        if (everyHours != null && (everyHours < 1 || everyHours > MAX_EVERY_HOURS)) {
            throw new IllegalArgumentException("every_hours must be between 1 and " + MAX_EVERY_HOURS);
        }
        if (everyHours != null && times.size() > 1) {
            throw new IllegalArgumentException("with every_hours, times holds at most the first dose's time");
        }
        if (everyHours != null && starts == null) {
            throw new IllegalArgumentException("an every_hours schedule needs the day of its first dose");
        }
        if (times.size() > MAX_TIMES) {
            throw new IllegalArgumentException("at most " + MAX_TIMES + " times a day");
        }
        if (times.stream().distinct().count() != times.size()) {
            throw new IllegalArgumentException("a time is listed twice");
        }
        times = times.stream().sorted().toList();
    }

    /** "As needed": no slot is ever due. */
    public static Schedule asNeeded() {
        return new Schedule(List.of(), Set.of(), null, null);
    }

    public boolean asNeededOnly() {
        return everyHours == null && times.isEmpty();
    }

    /** The slots whose local time lies in [from, to], in order. */
    public List<LocalDateTime> slots(LocalDateTime from, LocalDateTime to) {
        List<LocalDateTime> out = new ArrayList<>();
        if (from.isAfter(to)) {
            return out;
        }
        if (everyHours != null) {
            LocalDateTime first = starts.atTime(times.isEmpty() ? LocalTime.MIDNIGHT : times.get(0));
            long step = everyHours * 60L;
            // local arithmetic: a chain across a change of offset keeps its wall-clock times
            long k = Math.max(0, Math.floorDiv(ChronoUnit.MINUTES.between(first, from) + step - 1, step));
            for (LocalDateTime t = first.plusMinutes(k * step); !t.isAfter(to); t = t.plusMinutes(step)) {
                if (onDay(t.toLocalDate())) {
                    out.add(t);
                }
            }
            return out;
        }
        for (LocalDate d = from.toLocalDate(); !d.isAfter(to.toLocalDate()); d = d.plusDays(1)) {
            if (!onDay(d)) {
                continue;
            }
            for (LocalTime time : times) {
                LocalDateTime t = d.atTime(time);
                if (!t.isBefore(from) && !t.isAfter(to)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** The slots whose instant lies in [from, to] in {@code zone}, in order. */
    public List<LocalDateTime> slots(Instant from, Instant to, ZoneId zone) {
        // a local window two hours wider than the instants catches every slot a change of offset moves in
        List<LocalDateTime> wide = slots(LocalDateTime.ofInstant(from, zone).minusHours(2),
                LocalDateTime.ofInstant(to, zone).plusHours(2));
        List<LocalDateTime> out = new ArrayList<>(wide.size());
        for (LocalDateTime slot : wide) {
            Instant at = instant(slot, zone);
            if (!at.isBefore(from) && !at.isAfter(to)) {
                out.add(slot);
            }
        }
        return out;
    }

    /** Whether {@code slot} is one of this schedule's slots. */
    public boolean hasSlot(LocalDateTime slot) {
        return slots(slot, slot).contains(slot);
    }

    /**
     * When a slot is due. A time the clocks skip (02:30 on the night summer time starts) is due when the clocks
     * reach it after the jump (03:30); a time that happens twice (01:30 when winter time starts) is due the first
     * time, and stays one slot.
     */
    public static Instant instant(LocalDateTime slot, ZoneId zone) {
        return ZonedDateTime.ofLocal(slot, zone, null).toInstant();
    }

    private boolean onDay(LocalDate d) {
        return days.isEmpty() || days.contains(d.getDayOfWeek());
    }
}
