package calendarbot.launcher;

import java.io.PrintStream;

/** {@code calendarbot check-feed}: runs the server's parser, expander and selection on one feed. */
final class CheckFeedCommand {
    private CheckFeedCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("check-feed: not built yet");
        return 2;
    }
}
