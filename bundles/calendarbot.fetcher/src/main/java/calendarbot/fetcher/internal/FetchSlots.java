package calendarbot.fetcher.internal;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How many fetches may run at once; resizable while fetches are in flight. One fair pool of permits: a fetch
 * releases into the same pool it took from, so shrinking takes effect as in-flight fetches finish (the pool
 * goes negative meanwhile) and growing lets waiting fetches start at once.
 *
 * <p>A slot is shared, not owned: while a fetch waits for one, the waiting fetch looks once a second at those
 * holding a slot, and the slowest of those that have moved fewer than {@code slowBytesPerSecond} over the last
 * {@code giveWayAfterSeconds} is asked to give way. Its connection is closed and it fails as too slow, so a server
 * that drips its feed (or its headers) cannot keep the kiosk's other calendars waiting for minutes.
 */
final class FetchSlots extends Semaphore {
    private static final long serialVersionUID = 1L;

    /** Enough permits to wake every waiting fetch at shutdown; they then see the fetcher is closed. */
    private static final int SHUTDOWN_PERMITS = 1 << 20;

    /** A fetch holding a slot: how far it got, and how to stop it. */
    static final class Hold {
        private final long sinceNanos;
        private volatile long bytes;
        private volatile Runnable abort;
        private volatile String gaveWay;
        // the waiters' last look; guarded by the slots' lock
        private long markNanos;
        private long markBytes;

        Hold(long sinceNanos) {
            this.sinceNanos = sinceNanos;
            this.markNanos = sinceNanos;
        }

        /** Body bytes received so far (decoded). */
        void progress(long total) {
            bytes = total;
        }

        /** How to stop the fetch now (close its connection); run at once if it was already asked to give way. */
        void abortWith(Runnable closeConnection) {
            abort = closeConnection;
            if (gaveWay != null) {
                closeConnection.run();
            }
        }

        /** Why this fetch was asked to give way, or null. */
        String gaveWay() {
            return gaveWay;
        }

        private void giveWay(String why) {
            gaveWay = why;
            Runnable a = abort;
            if (a != null) {
                a.run();
            }
        }
    }

    private final transient Set<Hold> holds = ConcurrentHashMap.newKeySet();
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

    /**
     * Waits for a slot, asking a slow holder to give way while waiting; null when {@code closed} says to stop.
     *
     * @param giveWayAfterNanos how long a holder must have been slow before it is asked
     * @param slowBytesPerSecond below this a holder is slow; 0: never ask
     */
    Hold take(long giveWayAfterNanos, long slowBytesPerSecond, BooleanSupplier closed) throws InterruptedException {
        while (!tryAcquire(1, TimeUnit.SECONDS)) {
            if (closed.getAsBoolean()) {
                return null;
            }
            askSlowestToGiveWay(System.nanoTime(), giveWayAfterNanos, slowBytesPerSecond);
        }
        Hold hold = new Hold(System.nanoTime());
        holds.add(hold);
        return hold;
    }

    void release(Hold hold) {
        holds.remove(hold);
        release();
    }

    synchronized void askSlowestToGiveWay(long now, long giveWayAfterNanos, long slowBytesPerSecond) {
        Hold slowest = null;
        double slowestRate = Double.MAX_VALUE;
        long slowestMoved = 0;
        long slowestWindow = 0;
        for (Hold h : holds) {
            if (h.gaveWay != null) {
                return; // one is leaving already: its slot is the next free one
            }
            long window = now - h.markNanos;
            if (window < giveWayAfterNanos) {
                continue;
            }
            long total = h.bytes;
            long moved = total - h.markBytes;
            h.markNanos = now;
            h.markBytes = total;
            double perSecond = moved * 1e9 / window;
            if (perSecond < slowBytesPerSecond && perSecond < slowestRate) {
                slowest = h;
                slowestRate = perSecond;
                slowestMoved = moved;
                slowestWindow = window;
            }
        }
        if (slowest != null) {
            slowest.giveWay(String.format(Locale.ROOT, "too slow: %s in the last %d s (after %d s); its fetch slot"
                    + " went to another calendar waiting for one", FetchFailures.size(slowestMoved),
                    TimeUnit.NANOSECONDS.toSeconds(slowestWindow),
                    TimeUnit.NANOSECONDS.toSeconds(now - slowest.sinceNanos)));
        }
    }

    void openAll() {
        release(SHUTDOWN_PERMITS);
    }
}
