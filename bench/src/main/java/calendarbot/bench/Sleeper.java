package calendarbot.bench;

/** The smallest Java program: the floor's first layer, a JVM with the pi's flags that only waits to be stopped. */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
