package calendarbot.kiosk.internal;

import java.time.Instant;
import java.time.InstantSource;
import org.osgi.service.component.annotations.Component;

/**
 * The bookkeeping time source every bundle is given as its {@link InstantSource} service: when a refresh ran, how
 * old the data is, when a skip expires, how long the process is up. It is always the real time, also when the
 * kiosk's {@link calendarbot.api.Clock} is fixed for a test or a demo: a fixed "now" must not make fresh data look
 * thirteen days old. Tests hand components their own source instead.
 */
@Component(service = InstantSource.class)
public class SystemTime implements InstantSource {

    private static final InstantSource SYSTEM = InstantSource.system();

    @Override
    public Instant instant() {
        return SYSTEM.instant();
    }

    @Override
    public long millis() {
        return SYSTEM.millis();
    }
}
