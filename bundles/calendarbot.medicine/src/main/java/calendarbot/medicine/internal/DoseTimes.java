package calendarbot.medicine.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which doses are due, overdue or missed, and which slot a dose answers. A slot is due from {@code lead} before
 * its time, overdue after it, and missed once {@code grace} has passed without a dose taken or skipped.
 *
 * @param zone the zone of the schedules' wall-clock times
 * @param grace how long after its time a dose is still pending (then it is missed)
 * @param lead how long before its time a dose is shown as due
 */
public record DoseTimes(ZoneId zone, Duration grace, Duration lead) {

    /** How far from now a dose taken without naming its slot looks for one (late or early). */
    static final Duration NEAREST_SLOT_REACH = Duration.ofHours(12);

    /** A dose to take now. */
    public record Pending(Medicine medicine, LocalDateTime slot, Instant dueAt, boolean overdue) {
    }

    /** A dose whose time and grace passed with nothing recorded. */
    public record Missed(Medicine medicine, LocalDateTime slot, Instant dueAt) {
    }

    /** The pending doses at {@code now}: unrecorded slots from {@code now - grace} to {@code now + lead}, by time. */
    public List<Pending> pending(List<Medicine> medicines, Map<Long, Set<LocalDateTime>> recorded, Instant now) {
        List<Pending> out = new ArrayList<>();
        for (Medicine m : medicines) {
            Set<LocalDateTime> done = recorded.getOrDefault(m.id(), Set.of());
            for (LocalDateTime slot : m.schedule().slots(now.minus(grace), now.plus(lead), zone)) {
                if (!done.contains(slot)) {
                    Instant due = Schedule.instant(slot, zone);
                    out.add(new Pending(m, slot, due, due.isBefore(now)));
                }
            }
        }
        out.sort(Comparator.comparing(Pending::dueAt).thenComparing(p -> p.medicine().name()));
        return out;
    }

    /** The local times whose records {@link #pending} needs (a little wider than its window). */
    public LocalDateTime[] pendingWindow(Instant now) {
        return localWindow(now.minus(grace), now.plus(lead));
    }

    /** The local times in which {@link #choose} looks for a slot. */
    public LocalDateTime[] choiceWindow(Instant now) {
        return localWindow(now.minus(NEAREST_SLOT_REACH), now.plus(NEAREST_SLOT_REACH));
    }

    /**
     * The slot a dose recorded at {@code now} answers. A slot that was asked for must be one of the schedule's.
     * Else: the pending slot nearest to now; else the unrecorded slot nearest to now within 12 hours, late or early
     * (a morning pill taken at noon); else none, an extra dose ("as needed" medicines never have a slot).
     */
    public LocalDateTime choose(Medicine m, LocalDateTime asked, Set<LocalDateTime> recorded, Instant now) {
        if (asked != null) {
            if (!m.schedule().hasSlot(asked)) {
                throw Refusal.invalid(m.name() + " is not scheduled at " + asked);
            }
            return asked;
        }
        LocalDateTime pending = nearest(m.schedule().slots(now.minus(grace), now.plus(lead), zone), recorded, now);
        if (pending != null) {
            return pending;
        }
        return nearest(m.schedule().slots(now.minus(NEAREST_SLOT_REACH), now.plus(NEAREST_SLOT_REACH), zone),
                recorded, now);
    }

    /** The slots in [from, to] whose grace passed before {@code now} with nothing recorded, while m existed. */
    public List<Missed> missed(List<Medicine> medicines, Map<Long, Set<LocalDateTime>> recorded, Instant from,
            Instant to, Instant now) {
        List<Missed> out = new ArrayList<>();
        Instant graceEnd = now.minus(grace);
        for (Medicine m : medicines) {
            Instant start = later(from, m.createdAt());
            Instant end = earlier(earlier(to, graceEnd), m.deletedAt());
            if (start.isAfter(end)) {
                continue;
            }
            Set<LocalDateTime> done = recorded.getOrDefault(m.id(), Set.of());
            for (LocalDateTime slot : m.schedule().slots(start, end, zone)) {
                Instant due = Schedule.instant(slot, zone);
                if (!done.contains(slot) && due.isBefore(end)) {
                    out.add(new Missed(m, slot, due));
                }
            }
        }
        out.sort(Comparator.comparing(Missed::dueAt));
        return out;
    }

    /** The local times of [from, to] with two hours on either side (a change of offset moves a slot by one). */
    public LocalDateTime[] localWindow(Instant from, Instant to) {
        return new LocalDateTime[] { LocalDateTime.ofInstant(from, zone).minusHours(2),
            LocalDateTime.ofInstant(to, zone).plusHours(2) };
    }

    private LocalDateTime nearest(List<LocalDateTime> slots, Set<LocalDateTime> recorded, Instant now) {
        LocalDateTime best = null;
        long bestDistance = Long.MAX_VALUE;
        for (LocalDateTime slot : slots) {
            long distance = Math.abs(Duration.between(now, Schedule.instant(slot, zone)).toSeconds());
            if (!recorded.contains(slot) && distance < bestDistance) {
                best = slot;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return b != null && b.isBefore(a) ? b : a;
    }
}
