package calendarbot.refresh.internal;

import java.util.concurrent.Future;

/** Where refreshes wait and where they run: threads in the kiosk, a hand-driven fake in tests. */
interface Scheduling {

    /** Runs {@code task} on the timer after {@code delayMillis}; the task should only hand work to {@link #execute}. */
    Future<?> schedule(Runnable task, long delayMillis);

    /** Runs a refresh on a worker; throws RejectedExecutionException when the workers are full or stopped. */
    void execute(Runnable refresh);

    /** Cancels what waits, interrupts what runs, and stops the threads. */
    void shutdownNow();
}
