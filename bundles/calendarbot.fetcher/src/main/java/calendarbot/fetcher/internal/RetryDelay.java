package calendarbot.fetcher.internal;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before a retry. */
final class RetryDelay {

    private RetryDelay() {
    }

    /**
     * Exponential backoff with "full jitter" (a random wait between 0 and the exponential cap): many kiosks
     * retrying one failed calendar server do not come back in lockstep.
     *
     * @param retry 1 for the first retry
     */
    static long fullJitter(int retry, long baseMillis, long maxMillis) {
        return ThreadLocalRandom.current().nextLong(cap(retry, baseMillis, maxMillis) + 1);
    }

    /** The longest wait before retry number {@code retry}: base, 2 base, 4 base, ... at most max. */
    static long cap(int retry, long baseMillis, long maxMillis) {
        int doublings = Math.min(Math.max(retry - 1, 0), 30);
        long cap = baseMillis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : baseMillis << doublings;
        return Math.max(0, Math.min(cap, maxMillis));
    }

    /**
     * The wait a Retry-After header asks for (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date), or -1
     * when there is none or it cannot be read.
     */
    static long retryAfterMillis(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 12) {
                return Long.MAX_VALUE / 2;
            }
            return Long.parseLong(value) * 1000;
        }
        try {
            long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return Math.max(0, at - nowMillis);
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
