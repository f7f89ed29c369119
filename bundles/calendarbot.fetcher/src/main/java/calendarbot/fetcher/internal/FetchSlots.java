package calendarbot.fetcher.internal;

import java.util.concurrent.Semaphore;

/**
 * How many fetches may run at once; resizable while fetches are in flight. One fair pool of permits: a fetch
 * releases into the same pool it took from, so shrinking takes effect as in-flight fetches finish (the pool
 * goes negative meanwhile) and growing lets waiting fetches start at once.
 */
final class FetchSlots extends Semaphore {
    private static final long serialVersionUID = 1L;

    /** Enough permits to wake every waiting fetch at shutdown; they then see the fetcher is closed. */
    private static final int SHUTDOWN_PERMITS = 1 << 20;

    private int limit;

    FetchSlots() {
        super(0, true);
    }

    synchronized void resize(int newLimit) {
        if (newLimit < 1) {
            throw new IllegalArgumentException("at least one fetch must be allowed, not " + newLimit);
        }
        int change = newLimit - limit;
        if (change > 0) {
            release(change);
        } else if (change < 0) {
            reducePermits(-change);
        }
        limit = newLimit;
    }

    synchronized int limit() {
        return limit;
    }

    void openAll() {
        release(SHUTDOWN_PERMITS);
    }
}
