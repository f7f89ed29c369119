package calendarbot.rrule.internal;

import calendarbot.api.model.EventTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Converts the local times of one zone (as local epoch seconds) to instants with RFC 5545's gap and overlap
 * rules ({@link EventTime#toInstant(LocalDateTime, ZoneRules)}), and back. Instances of a series come in order, so
 * the stretch between two transitions is remembered and most conversions are one subtraction of its offset.
 */
final class ZoneOffsetConverter {

    private final ZoneRules rules;
    private final int fixedOffset;
    private final boolean fixed;
    // local epoch seconds [segFrom, segTo) map to instant = local - segOffset without ambiguity
    private long segFrom = 1, segTo = 0;
    private int segOffset;

    ZoneOffsetConverter(ZoneRules rules) {
        this.rules = rules;
        this.fixed = rules.isFixedOffset();
        this.fixedOffset = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    long toEpochSecond(long local) {
        if (fixed) {
            return local - fixedOffset;
        }
        if (local >= segFrom && local < segTo) {
            return local - segOffset;
        }
        long instant = EventTime.toInstant(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC), rules)
                .getEpochSecond();
        remember(instant);
        return instant;
    }

    /** The local time of an instant in this zone, as local epoch seconds. */
    long toLocal(long epochSecond) {
        if (fixed) {
            return epochSecond + fixedOffset;
        }
        return epochSecond + rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }

    private void remember(long instant) {
        Instant at = Instant.ofEpochSecond(instant);
        int offset = rules.getOffset(at).getTotalSeconds();
        ZoneOffsetTransition before = rules.previousTransition(at.plusSeconds(1));
        ZoneOffsetTransition after = rules.nextTransition(at);
        long from = before == null ? Long.MIN_VALUE / 2
                : before.toEpochSecond() + Math.max(before.getOffsetBefore().getTotalSeconds(), offset);
        long to = after == null ? Long.MAX_VALUE / 2
                : after.toEpochSecond() + Math.min(after.getOffsetAfter().getTotalSeconds(), offset);
        segFrom = from;
        segTo = to;
        segOffset = offset;
    }
}
