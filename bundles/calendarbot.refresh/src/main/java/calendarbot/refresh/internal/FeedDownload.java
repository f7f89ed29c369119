package calendarbot.refresh.internal;

import calendarbot.api.IcsParser;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.FeedBody;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.Validators;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One body being read: what the parser made of it and its copy on the way to the archive. The body is parsed as it
 * arrives and copied as the parser reads it, so a 50 MB feed is downloaded once and never held whole.
 */
final class FeedDownload {

    /** What the archive holds after {@link #archive}: the new body (and which validators describe it), or why not. */
    record Archived(boolean written, Validators validators, String problem) {
    }

    /** The kiosk's "now" and zone the window is placed with, for the parse filter and the expansion alike. */
    final Instant anchor;
    final ZoneId zone;
    final ExpansionWindow window;
    final RetainedEvents events;
    ParseReport report;
    /** Why the body could not be read or parsed, or null. */
    IOException failure;
    /** True when {@link #failure} is the body stream's own (the connection), not the parser's. */
    boolean streamFailed;
    /** Bytes the parser read. */
    long bytes;
    private ArchiveWriter writer;
    private IOException openFailure;

    FeedDownload(Instant anchor, ZoneId zone, ExpansionWindow window, int maxEvents) {
        this.anchor = anchor;
        this.zone = zone;
        this.window = window;
        this.events = new RetainedEvents(maxEvents);
    }

    /** Parses the body while the tee copies it to the archive; called again if the fetcher retries. */
    void read(String id, FeedBody body, FeedArchive a, IcsParser parser, ParseOptions options) throws IOException {
        discard();
        clear();
        try {
            writer = a.begin(id);
        } catch (IOException e) {
            openFailure = e;
        }
        ArchiveTee tee = new ArchiveTee(body.stream(), writer);
        try {
            report = parser.parse(tee, options, new WindowFilter(window, events));
            bytes = tee.bytes();
        } catch (RetainedEvents.TooManyEvents e) {
            failure = new IOException(e.getMessage());
            throw failure;
        } catch (IOException e) {
            failure = e;
            streamFailed = tee.streamFailure() != null;
            throw e;
        } catch (RuntimeException e) {
            failure = new IOException(e.toString(), e);
            throw failure;
        }
    }

    /**
     * Makes the copy the archived body, then saves its validators beside it (stamped {@code now}, bookkeeping time).
     * Only validators whose body is on disk are kept: after a restart a 304 must have a body to re-read.
     */
    Archived archive(FeedArchive a, String id, Validators validators, URI url, Instant now, long bodyBytes) {
        IOException failed = writer == null ? openFailure : writer.commit();
        if (failed != null) {
            return new Archived(false, Validators.NONE,
                    "archive not written in " + a.dir() + " (" + FailureText.ofArchive(failed, a.dir()) + ")");
        }
        Validators kept = validators == null ? Validators.NONE : validators;
        try {
            // after the body: a crash between the two leaves old validators with a new body, which costs one
            // full download; the other order could answer 304 for a body that was never archived
            a.writeMeta(id, new FeedArchive.Meta(kept, FeedKey.of(url), now, bodyBytes));
            return new Archived(true, kept, null);
        } catch (IOException e) {
            return new Archived(true, kept,
                    "validators not saved in " + a.meta(id) + " (" + FailureText.ofArchive(e, a.dir()) + ")");
        }
    }

    /** Drops the copy that was not archived (a failed or replaced read). */
    void discard() {
        if (writer != null) {
            writer.discard();
            writer = null;
        }
    }

    private void clear() {
        events.clear();
        report = null;
        openFailure = null;
        failure = null;
        streamFailed = false;
        bytes = 0;
    }
}
