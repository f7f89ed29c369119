package calendarbot.refresh.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One timer thread and at most four refresh workers, which exit when idle: on the Pi a refresh every five
 * minutes leaves one sleeping thread. More workers than the fetcher's two slots: a refresh waiting between its
 * retries or for a slot holds a worker but no slot, and a healthy source must reach the fetcher's queue to ask a
 * dripping one to give way.
 */
final class ThreadScheduling implements Scheduling {

    static final int WORKERS = 4;
    /** Each source waits at most once (refreshes are coalesced), so this bounds the sources, not the work. */
    static final int QUEUE = 64;

    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor workers;

    ThreadScheduling() {
        timer = new ScheduledThreadPoolExecutor(1, daemon("calendarbot-refresh-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                daemon("calendarbot-refresh-"));
        workers.allowCoreThreadTimeOut(true);
    }

    @Override
    public Future<?> schedule(Runnable task, long delayMillis) {
        return timer.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable refresh) {
        workers.execute(refresh);
    }

    @Override
    public void shutdownNow() {
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            // a fetch answers an interrupt within a read timeout at worst; do not hold up the framework longer
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name.endsWith("-") ? name + count.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }
}
