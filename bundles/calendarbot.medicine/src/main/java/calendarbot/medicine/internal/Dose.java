package calendarbot.medicine.internal;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A dose taken or skipped, as recorded.
 *
 * @param slot the scheduled slot it answers (local time in the tracker's zone), or null for an "as needed" dose
 * @param recordedAt when it was recorded (bookkeeping time)
 * @param by who took it or said so ("panel", a name); may be empty
 */
public record Dose(long id, long medicineId, LocalDateTime slot, Status status, Instant recordedAt, String by) {

    public enum Status {
        TAKEN, SKIPPED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a request asks to record: a medicine and, when known, the slot. */
    public record Request(long medicineId, LocalDateTime slot) {
    }
}
