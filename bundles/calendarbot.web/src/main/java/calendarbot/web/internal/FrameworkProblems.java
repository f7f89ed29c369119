package calendarbot.web.internal;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/**
 * Why something dropped into deploy/ does not run: framework errors as they happen (the last few) and
 * bundles of the deploy folder that could not be resolved.
 */
final class FrameworkProblems implements FrameworkListener {

    static final int KEPT = 20;

    private final Deque<StatusJson.Problem> recent = new ArrayDeque<>(KEPT);
    private final InstantSource time;

    FrameworkProblems(InstantSource time) {
        this.time = time;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() != FrameworkEvent.ERROR) {
            return;
        }
        Throwable t = event.getThrowable();
        String message = t == null ? "framework error" : t.getMessage() == null ? t.toString() : t.getMessage();
        Bundle bundle = event.getBundle();
        add(new StatusJson.Problem(message, bundle == null ? null : bundle.getLocation(), time.instant()));
    }

    synchronized void add(StatusJson.Problem problem) {
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(problem);
    }

    /** The recorded errors, oldest first. */
    synchronized List<StatusJson.Problem> recent() {
        return new ArrayList<>(recent);
    }

    /** Bundles still INSTALLED (their requirements are missing) whose location is in the deploy folder. */
    static List<StatusJson.Problem> unresolved(Bundle[] bundles, String deployFolder) {
        List<StatusJson.Problem> result = new ArrayList<>();
        String folder = deployFolder == null ? null : deployFolder.replace('\\', '/');
        for (Bundle b : bundles) {
            String location = b.getLocation() == null ? "" : b.getLocation().replace('\\', '/');
            boolean deployed = folder != null && !folder.isEmpty() ? location.contains(folder)
                    : location.contains("/deploy/");
            if (b.getState() == Bundle.INSTALLED && deployed) {
                result.add(new StatusJson.Problem((b.getSymbolicName() == null ? "a bundle" : b.getSymbolicName())
                        + " is installed but not resolved: a package or service it requires is missing",
                        b.getLocation(), null));
            }
        }
        return result;
    }
}
