package calendarbot.fetcher.internal;

import static calendarbot.api.model.FetchException.Kind.BAD_URL;
import static calendarbot.api.model.FetchException.Kind.NETWORK;
import static calendarbot.api.model.FetchException.Kind.TOO_LARGE;

import calendarbot.api.Clock;
import calendarbot.api.KioskSettings;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds that need no network: a {@code file:} URL read from disk, and the profile's demo calendar ({@code demo:})
 * made in memory. Both answer like a web server would: "not modified" while nothing changed, else the body under the
 * same threshold rule as a download. Nothing here is worth retrying.
 */
final class LocalFeeds {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFeedFetcher.class);

    private final DemoFeed demo = new DemoFeed();

    static boolean handles(URI url) {
        return FeedAddress.isFile(url) || FeedAddress.isDemo(url);
    }

    /**
     * @param clock the kiosk's "now", which the demo is placed around; null while the kiosk is not running
     * @param kiosk the kiosk's zone, for the same; null likewise
     */
    FetchOutcome read(FeedFetch call, Clock clock, KioskSettings kiosk) throws FetchException {
        return FeedAddress.isFile(call.start) ? readFile(call) : readDemo(call, clock, kiosk);
    }

    /** A file: URL: same threshold rule, 200 when read, not-modified when its size and time are unchanged. */
    private FetchOutcome readFile(FeedFetch call) throws FetchException {
        FetchFailures failures = call.failures;
        Path path;
        try {
            path = Path.of(call.start);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw failures.fail(BAD_URL, 0, "cannot use " + SourceSpec.shown(call.start) + " as a file: "
                    + e.getMessage());
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw failures.fail(BAD_URL, 0, "the file " + path + " does not exist");
        } catch (IOException e) {
            throw failures.fail(NETWORK, 0, "cannot read the file " + path + ": " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            throw failures.fail(BAD_URL, 0, path + " is not a calendar file");
        }
        long size = attributes.size();
        if (size > call.settings.maxBodyBytes()) {
            throw failures.fail(TOO_LARGE, 0, "the file " + path + " has " + FetchFailures.size(size)
                    + ", more than maxBodyBytes (" + FetchFailures.size(call.settings.maxBodyBytes()) + ")");
        }
        Validators validators = fileValidators(size, attributes.lastModifiedTime());
        if (validators.etag().equals(call.known.etag())) {
            long millis = call.elapsedMillis();
            LOG.info("{}: file unchanged in {} ms", call.who, millis);
            return new FetchOutcome(true, 304, validators, 0, call.attempts(), millis);
        }
        InputStream raw;
        try {
            raw = Files.newInputStream(path);
        } catch (IOException e) {
            throw failures.fail(NETWORK, 0, "cannot read the file " + path + ": " + e.getMessage());
        }
        return call.deliverLocal(raw, size, "file read", validators);
    }

    /** The demo calendar: 200 with a new placement, not-modified while the kept one still fits. */
    private FetchOutcome readDemo(FeedFetch call, Clock clock, KioskSettings kiosk) throws FetchException {
        if (clock == null || kiosk == null) {
            throw call.failures.fail(NETWORK, 0,
                    "the demo calendar needs the kiosk's clock, which is not running (yet)");
        }
        DemoFeed.Body body = demo.at(clock.now(), kiosk.zone());
        if (body.validators().etag().equals(call.known.etag())) {
            return new FetchOutcome(true, 304, body.validators(), 0, call.attempts(), call.elapsedMillis());
        }
        return call.deliverLocal(new ByteArrayInputStream(body.bytes()), body.bytes().length, "demo calendar",
                body.validators());
    }

    /** Weak validators of a file: size and modification time, like a web server's ETag for a static file. */
    private static Validators fileValidators(long size, FileTime modified) {
        String etag = "W/\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.toMillis()) + "\"";
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.toInstant().atOffset(ZoneOffset.UTC));
        return new Validators(etag, lastModified);
    }
}
