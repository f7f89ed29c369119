package calendarbot.medicine.internal;

import java.time.Instant;

/**
 * A medicine as stored. {@code deletedAt} is set when it was removed: it is no longer listed or due, and its
 * history stays.
 */
public record Medicine(long id, String name, String dose, Schedule schedule, int stock, int lowStockThreshold,
        String notes, Instant createdAt, Instant deletedAt) {

    public boolean lowStock() {
        return stock <= lowStockThreshold;
    }

    public boolean active() {
        return deletedAt == null;
    }

    /** What a person can set: everything but the id and the bookkeeping stamps. */
    public record Fields(String name, String dose, Schedule schedule, int stock, int lowStockThreshold,
            String notes) {
    }

    public Fields fields() {
        return new Fields(name, dose, schedule, stock, lowStockThreshold, notes);
    }
}
