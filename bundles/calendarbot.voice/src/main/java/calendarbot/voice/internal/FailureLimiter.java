package calendarbot.voice.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed attempts (no token, a wrong one) by client address, in a sliding window: an address with {@code max}
 * failures within the window gets nothing but 429 until the oldest of them is older than the window. Every request
 * from it is refused then, a right token too, or the refusals would tell a guesser when a guess was right. At most
 * {@link #MAX_ADDRESSES} addresses are tracked (the longest quiet one is forgotten first), so a flood of addresses
 * cannot fill the Pi's memory.
 */
final class FailureLimiter {

    static final int MAX_ADDRESSES = 1024;

    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    /** Access order: the first entry is the address heard from longest ago. */
    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * @param max failures allowed within the window (at least 1)
     * @param windowSeconds the window
     * @param nanoTime a monotonic clock ({@code System::nanoTime})
     */
    FailureLimiter(int max, long windowSeconds, LongSupplier nanoTime) {
        this.max = Math.max(1, max);
        this.windowNanos = Math.max(1, windowSeconds) * 1_000_000_000L;
        this.nanoTime = nanoTime;
    }

    /** Seconds until {@code address} may try again; 0 when it may now. */
    synchronized long retryAfterSeconds(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        expire(times, now);
        if (times.isEmpty()) {
            failures.remove(address);
            return 0;
        }
        if (times.size() < max) {
            return 0;
        }
        long waitNanos = times.peekFirst() + windowNanos - now;
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** Records a failure; true when it is the one that locks the address out. */
    synchronized boolean failed(String address) {
        long now = nanoTime.getAsLong();
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        expire(times, now);
        times.addLast(now);
        while (times.size() > max) {
            times.removeFirst();
        }
        if (failures.size() > MAX_ADDRESSES) {
            Iterator<String> eldest = failures.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return times.size() == max;
    }

    synchronized int trackedAddresses() {
        return failures.size();
    }

    private void expire(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.removeFirst();
        }
    }
}
