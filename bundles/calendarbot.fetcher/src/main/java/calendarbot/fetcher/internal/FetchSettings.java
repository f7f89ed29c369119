package calendarbot.fetcher.internal;

/**
 * One immutable snapshot of the fetcher's configuration. A fetch takes the snapshot current when it starts and
 * keeps it to the end, so a change made in the console applies to the next fetch and never to half of one.
 */
record FetchSettings(int streamThresholdBytes, long maxBodyBytes, int fetchConcurrency, int giveWayAfterSeconds,
        long slowBytesPerSecond, int connectTimeoutSeconds, int readTimeoutSeconds, int totalTimeoutSeconds,
        int maxRetries, long retryBaseDelayMillis, long retryMaxDelayMillis, int maxRedirects, String userAgent) {

    static final String DEFAULT_USER_AGENT = "CalendarBot-Lite/0.1";

    /** Config Admin does not hold files under configs/ to the Metatype min/max, so the limits are applied here. */
    static FetchSettings from(HttpFeedFetcher.Config config) {
        String userAgent = config.userAgent() == null || config.userAgent().isBlank()
                ? DEFAULT_USER_AGENT : config.userAgent().trim();
        return new FetchSettings(
                clamp(config.streamThresholdBytes(), 0, HttpFeedFetcher.MAX_STREAM_THRESHOLD),
                Math.max(1024, config.maxBodyBytes()),
                clamp(config.fetchConcurrency(), 1, 16),
                clamp(config.giveWayAfterSeconds(), 1, 3600),
                Math.max(0, config.slowBytesPerSecond()),
                clamp(config.connectTimeoutSeconds(), 1, 300),
                clamp(config.readTimeoutSeconds(), 1, 600),
                clamp(config.totalTimeoutSeconds(), 1, 3600),
                clamp(config.maxRetries(), 0, 10),
                Math.min(Math.max(config.retryBaseDelayMillis(), 1), 600_000),
                Math.min(Math.max(config.retryMaxDelayMillis(), 1), 3_600_000),
                clamp(config.maxRedirects(), 0, 20),
                userAgent);
    }

    int connectTimeoutMillis() {
        return connectTimeoutSeconds * 1000;
    }

    int readTimeoutMillis() {
        return readTimeoutSeconds * 1000;
    }

    long totalTimeoutNanos() {
        return totalTimeoutSeconds * 1_000_000_000L;
    }

    private static int clamp(int value, int min, int max) {
        return Math.min(Math.max(value, min), max);
    }
}
