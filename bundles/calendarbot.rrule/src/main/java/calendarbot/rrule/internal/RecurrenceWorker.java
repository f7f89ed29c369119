package calendarbot.rrule.internal;

import calendarbot.api.RecurrenceExpander;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands feeds on a small bounded worker: {@code workerConcurrency} daemon threads and a queue of
 * {@code queueCapacity} feeds; a feed that finds the queue full is refused at once rather than piling up.
 */
@Component(service = RecurrenceExpander.class, configurationPid = "calendarbot.rrule")
@Designate(ocd = RecurrenceWorker.Config.class)
public class RecurrenceWorker implements RecurrenceExpander {

    @ObjectClassDefinition(name = "CalendarBot recurrence worker",
            description = "Turns repeating meetings into the occurrences the kiosk shows, within a window and limits.")
    public @interface Config {
        @AttributeDefinition(name = "Worker threads",
                description = "Feeds expanded at the same time. One is plenty on a Pi Zero.", min = "1", max = "8")
        int workerConcurrency() default 1;

        @AttributeDefinition(name = "Queue capacity",
                description = "Feeds that may wait for a worker thread; more are refused until the next refresh.",
                min = "1", max = "256")
        int queueCapacity() default 8;

        @AttributeDefinition(name = "Occurrences per series",
                description = "Most occurrences of one repeating meeting kept inside the window.", min = "1",
                max = "100000")
        int maxOccurrencesPerRule() default 250;

        @AttributeDefinition(name = "Days ahead", description = "How far ahead repeating meetings are expanded.",
                min = "1", max = "3660")
        int windowDays() default 365;

        @AttributeDefinition(name = "Days back",
                description = "How far back occurrences are kept (meetings still running, today's earlier ones).",
                min = "0", max = "366")
        int pastDays() default 1;

        @AttributeDefinition(name = "Time budget per series (ms)",
                description = "A series that takes longer is cut and reported.", min = "1", max = "60000")
        long timeBudgetMs() default 200;

        @AttributeDefinition(name = "Occurrences per feed",
                description = "A feed whose window holds more occurrences than this is refused (its last good "
                        + "events stay): memory is bounded by this setting, never by a feed.", min = "1000",
                max = "10000000")
        int maxOccurrencesPerFeed() default 100_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecurrenceWorker.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private record Settings(int workerConcurrency, int queueCapacity, int maxOccurrencesPerRule, int windowDays,
            int pastDays, long timeBudgetMs, int maxOccurrencesPerFeed) {
    }

    /** A queued feed; its stage fails when the worker stops before it ran. */
    private static final class Job implements Runnable {
        final CompletableFuture<Expansion> result = new CompletableFuture<>();
        final String sourceId;
        final List<ParsedEvent> events;
        final ExpansionWindow window;

        final int maxOccurrences;

        Job(String sourceId, List<ParsedEvent> events, ExpansionWindow window, int maxOccurrences) {
            this.sourceId = sourceId;
            this.events = events;
            this.window = window;
            this.maxOccurrences = maxOccurrences;
        }

        @Override
        public void run() {
            try {
                result.complete(report(sourceId, new FeedExpansion(sourceId, window,
                        FeedExpansion.MAX_PERIODS_PER_RULE, maxOccurrences).run(events)));
            } catch (FeedExpansion.TooManyOccurrences t) {
                LOG.warn("{}: {}", sourceId, t.getMessage());
                result.completeExceptionally(t);
            } catch (Throwable t) {
                if (Thread.currentThread().isInterrupted()) {
                    LOG.info("{}: expansion stopped with the recurrence worker", sourceId);
                } else {
                    LOG.error("{}: expanding the feed's events failed", sourceId, t);
                }
                result.completeExceptionally(t);
            }
        }
    }

    private volatile Settings settings = new Settings(1, 8, 250, 365, 1, 200, 100_000);
    private volatile ThreadPoolExecutor executor;

    @Activate
    @Modified
    void configure(Config config) {
        Settings next = new Settings(Math.max(1, config.workerConcurrency()), Math.max(1, config.queueCapacity()),
                Math.max(1, config.maxOccurrencesPerRule()), Math.max(1, config.windowDays()),
                Math.max(0, config.pastDays()), Math.max(1, config.timeBudgetMs()),
                Math.max(1000, config.maxOccurrencesPerFeed()));
        synchronized (this) {
            Settings previous = settings;
            settings = next;
            ThreadPoolExecutor old = executor;
            if (old == null || previous.workerConcurrency() != next.workerConcurrency()
                    || previous.queueCapacity() != next.queueCapacity()) {
                executor = newExecutor(next);
                if (old != null) {
                    old.shutdown(); // what runs or waits there still finishes; new feeds go to the new pool
                    LOG.info("recurrence worker resized to {} thread(s), queue of {}", next.workerConcurrency(),
                            next.queueCapacity());
                }
            }
        }
        LOG.info("recurrence worker: {} days ahead, {} back, at most {} occurrences and {} ms per series",
                next.windowDays(), next.pastDays(), next.maxOccurrencesPerRule(), next.timeBudgetMs());
    }

    @Deactivate
    void deactivate() {
        ThreadPoolExecutor old;
        synchronized (this) {
            old = executor;
            executor = null;
        }
        if (old != null) {
            for (Runnable r : old.shutdownNow()) {
                if (r instanceof Job job) {
                    job.result.completeExceptionally(new RejectedExecutionException("recurrence worker stopped"));
                }
            }
        }
    }

    private static ThreadPoolExecutor newExecutor(Settings s) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(s.workerConcurrency(), s.workerConcurrency(), 30,
                TimeUnit.SECONDS, new ArrayBlockingQueue<>(s.queueCapacity()), r -> {
                    Thread t = new Thread(r, "calendarbot-rrule-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true); // an idle kiosk keeps no expansion thread
        return pool;
    }

    @Override
    public ExpansionWindow window(Instant now, ZoneId dateZone) {
        Settings s = settings;
        return new ExpansionWindow(now.minus(Duration.ofDays(s.pastDays())), now.plus(Duration.ofDays(s.windowDays())),
                dateZone, s.maxOccurrencesPerRule(), s.timeBudgetMs());
    }

    @Override
    public CompletionStage<Expansion> expand(String sourceId, List<ParsedEvent> events, ExpansionWindow window) {
        Job job = new Job(sourceId, events, window, settings.maxOccurrencesPerFeed());
        for (int attempt = 0; attempt < 2; attempt++) {
            ThreadPoolExecutor pool = executor;
            if (pool == null) {
                break;
            }
            try {
                pool.execute(job);
                return job.result;
            } catch (RejectedExecutionException e) {
                if (!pool.isShutdown() || pool == executor) {
                    LOG.warn("{}: recurrence queue full ({} waiting), skipping this refresh", sourceId,
                            pool.getQueue().size());
                    job.result.completeExceptionally(e);
                    return job.result;
                }
                // the pool was replaced by a settings change meanwhile: try the new one
            }
        }
        job.result.completeExceptionally(new RejectedExecutionException("recurrence worker is not running"));
        return job.result;
    }

    /** Expands on the calling thread (tests, benchmarks, check-feed). */
    public static Expansion expandNow(String sourceId, List<ParsedEvent> events, ExpansionWindow window) {
        return report(sourceId, new FeedExpansion(sourceId, window).run(events));
    }

    private static Expansion report(String sourceId, Expansion e) {
        if (e.seriesCapped() > 0 || e.seriesOverBudget() > 0) {
            LOG.info("{}: {} occurrences from {} series; {} series cut at the cap, {} over the time budget",
                    sourceId, e.occurrences().size(), e.series(), e.seriesCapped(), e.seriesOverBudget());
        } else {
            LOG.debug("{}: {} occurrences from {} series in {} ms", sourceId, e.occurrences().size(), e.series(),
                    e.millis());
        }
        return e;
    }
}
