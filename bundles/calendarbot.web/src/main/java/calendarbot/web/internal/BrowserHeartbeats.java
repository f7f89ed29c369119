package calendarbot.web.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;

/** The kiosk browser's last sign of life: recorded by the kiosk API, shown by health and /metrics. */
@Component(service = BrowserHeartbeats.class)
public class BrowserHeartbeats {

    private final AtomicReference<BrowserHeartbeat> last = new AtomicReference<>(BrowserHeartbeat.NONE);

    void record(Instant at, String userAgent) {
        last.updateAndGet(h -> h.next(at, userAgent));
    }

    BrowserHeartbeat last() {
        return last.get();
    }
}
