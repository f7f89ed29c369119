package calendarbot.api.model;

/**
 * What a fetch came to.
 *
 * @param notModified true when the server answered 304 (the reader was not called)
 * @param httpStatus the final HTTP status, or 200 for file URLs
 * @param validators validators to keep (unchanged on 304)
 * @param bytes body bytes read after decoding
 * @param attempts requests made, retries included
 * @param millis time taken, retries included
 */
public record FetchOutcome(boolean notModified, int httpStatus, Validators validators, long bytes, int attempts,
        long millis) {
}
