package calendarbot.console.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing. Each client address may fail {@code freeFailures} times; after that it must wait
 * before its next attempt, {@code firstWait} after the first extra failure and twice as long after each further one,
 * up to {@code longestWait}. A success forgets the address, and so does an hour without failures. At most
 * {@code maxAddresses} addresses are tracked; when that many are, every new address shares one account, so changing
 * addresses does not buy more guesses.
 */
final class LoginThrottle {
    static final String OTHERS = "*";
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private static final class Failures {
        int count;
        Instant last;
        Instant notBefore = Instant.MIN;
    }

    private final int freeFailures;
    private final Duration firstWait;
    private final Duration longestWait;
    private final int maxAddresses;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>();

    LoginThrottle(int freeFailures, Duration firstWait, Duration longestWait, int maxAddresses) {
        this.freeFailures = freeFailures;
        this.firstWait = firstWait;
        this.longestWait = longestWait;
        this.maxAddresses = maxAddresses;
    }

    /** How long {@code address} must still wait before it may try a password; zero when it may now. */
    synchronized Duration waitBeforeAttempt(String address, Instant now) {
        Failures f = byAddress.get(account(address));
        if (f == null || !now.isBefore(f.notBefore)) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.notBefore);
    }

    /** Counts a wrong password; returns how long the address must now wait (zero while failures are free). */
    synchronized Duration failed(String address, Instant now) {
        forgetQuiet(now);
        Failures f = byAddress.computeIfAbsent(account(address), a -> new Failures());
        f.count++;
        f.last = now;
        int extra = f.count - freeFailures;
        if (extra <= 0) {
            return Duration.ZERO;
        }
        Duration wait = extra > 30 ? longestWait : firstWait.multipliedBy(1L << (extra - 1));
        if (wait.compareTo(longestWait) > 0) {
            wait = longestWait;
        }
        f.notBefore = now.plus(wait);
        return wait;
    }

    synchronized void succeeded(String address) {
        byAddress.remove(account(address));
    }

    boolean sameSettings(int otherFreeFailures, Duration otherFirstWait, Duration otherLongestWait) {
        return freeFailures == otherFreeFailures && firstWait.equals(otherFirstWait)
                && longestWait.equals(otherLongestWait);
    }

    synchronized int tracked() {
        return byAddress.size();
    }

    private void forgetQuiet(Instant now) {
        Instant quietSince = now.minus(FORGET_AFTER);
        byAddress.values().removeIf(f -> f.last.isBefore(quietSince) && !now.isBefore(f.notBefore));
    }

    private String account(String address) {
        if (byAddress.containsKey(address) || byAddress.size() < maxAddresses - 1) {
            return address;
        }
        return OTHERS;
    }
}
