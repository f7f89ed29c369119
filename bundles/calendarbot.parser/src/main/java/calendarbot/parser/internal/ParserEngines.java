package calendarbot.parser.internal;

import calendarbot.api.IcsParserEngine;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other parsers installed, by the name the configuration chooses them by. An engine is only fetched (and so
 * activated, its library loaded) when it is chosen: installed but not chosen, ical4j costs the kiosk nothing. Right
 * after start a chosen engine may not be registered yet (bundles start in any order, the first refresh comes at
 * once): a parse then waits for it, {@link #START_NANOS} at most after the parser's (re)configuration.
 */
final class ParserEngines {

    static final long START_NANOS = 10_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(StreamingIcsParser.class);

    /** Memoizes one engine's service object. */
    private static final class Engine {
        private final Supplier<IcsParserEngine> fetch;
        private IcsParserEngine service;

        Engine(Supplier<IcsParserEngine> fetch) {
            this.fetch = fetch;
        }

        synchronized IcsParserEngine get() {
            if (service == null) {
                service = fetch.get();
            }
            return service;
        }
    }

    private final Map<String, Engine> engines = new HashMap<>();
    private volatile long configuredNanos = System.nanoTime();
    /** The engine last reported missing, so that every refresh does not repeat it. */
    private volatile String reportedMissing;

    synchronized void add(String name, Supplier<IcsParserEngine> fetch) {
        engines.put(name, new Engine(fetch));
        notifyAll();
        LOG.debug("Parser engine '{}' available", name);
    }

    synchronized void remove(String name) {
        engines.remove(name);
    }

    /** The choice changed: its engine gets the start's grace again, and a missing one is reported again. */
    void configured() {
        configuredNanos = System.nanoTime();
        reportedMissing = null;
    }

    /** For tests: the grace period is over. */
    void startedLongAgo() {
        configuredNanos = System.nanoTime() - START_NANOS;
    }

    /** The engine {@code name}, or null when it is not installed (reported once). */
    IcsParserEngine get(String name) throws InterruptedIOException {
        Engine engine;
        synchronized (this) {
            long left;
            while ((engine = engines.get(name)) == null
                    && (left = START_NANOS - (System.nanoTime() - configuredNanos)) > 0) {
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the parser " + name);
                }
            }
        }
        IcsParserEngine service = engine == null ? null : engine.get();
        if (service == null && !name.equals(reportedMissing)) {
            reportedMissing = name;
            LOG.warn("calendarbot.parser: parser = {}, but no such parser is installed (calendarbot.parser.{} is in the"
                    + " full profile, or drop its jar and its libraries into deploy/); feeds are read by the builtin"
                    + " parser", name, name);
        }
        return service;
    }
}
