package calendarbot.api;

import calendarbot.api.model.FeedBody;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import java.io.IOException;

/** Fetches one source's feed, conditionally, within the configured limits and concurrency. */
public interface FeedFetcher {

    /**
     * Fetches {@code source}; on a body, calls {@code reader} once with it (buffered when the declared
     * length is at most streamThresholdBytes, streamed otherwise) and returns after the reader returns.
     * On 304 the reader is not called.
     */
    FetchOutcome fetch(SourceSpec source, Validators previous, BodyReader reader) throws FetchException;

    /** Consumes a fetched body, typically by parsing it. */
    @FunctionalInterface
    interface BodyReader {
        void read(FeedBody body) throws IOException;
    }
}
