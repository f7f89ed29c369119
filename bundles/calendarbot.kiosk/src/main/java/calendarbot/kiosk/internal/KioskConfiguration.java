package calendarbot.kiosk.internal;

import calendarbot.api.Clock;
import calendarbot.api.KioskSettings;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's settings and its clock. The selector and the skip list read the same configuration
 * ({@code calendarbot.kiosk}); this component owns its Metatype description.
 *
 * <p>The clock is the kiosk's "now" (which meeting is shown): the fixed time when one is set, else the bookkeeping
 * time source, so both clocks agree whenever nothing is fixed.
 */
@Component(service = { KioskSettings.class, Clock.class }, configurationPid = KioskConfiguration.PID)
@Designate(ocd = KioskConfiguration.Config.class)
public class KioskConfiguration implements KioskSettings, Clock {

    public static final String PID = "calendarbot.kiosk";
    /** calendarbot_lite's override of "now", for tests and demos. */
    public static final String TEST_TIME_VARIABLE = "CALENDARBOT_TEST_TIME";

    private static final Logger LOG = LoggerFactory.getLogger(KioskConfiguration.class);

    @ObjectClassDefinition(name = "CalendarBot kiosk",
            description = "What the kiosk page shows and how it chooses the next meeting.")
    public @interface Config {

        @AttributeDefinition(name = "Layout",
                description = "Name of the layout the kiosk page loads (e.g. whatsnext, week, compact). "
                        + "An unknown name falls back to whatsnext.")
        String layout() default "whatsnext";

        @AttributeDefinition(name = "Time zone",
                description = "IANA zone of the kiosk (e.g. Europe/Berlin): all-day dates, floating times and "
                        + "displayed times use it. Empty: the zone of the Java runtime.")
        String timeZone() default "";

        @AttributeDefinition(name = "My e-mail address",
                description = "The kiosk owner's address; meetings this attendee declined are not shown.")
        String meAddress() default "";

        @AttributeDefinition(name = "Skip keywords",
                description = "Meetings whose subject contains one of these (any case) are never the next meeting.")
        String[] skipKeywords() default { "focus time", "focus", "deep work", "thinking time", "planning time" };

        @AttributeDefinition(name = "De-prioritised keywords",
                description = "A meeting whose subject contains one of these gives way to another meeting "
                        + "starting within the preference window.")
        String[] deprioritizedKeywords() default { "lunch" };

        @AttributeDefinition(name = "Preference window (minutes)",
                description = "How close another meeting must start for a de-prioritised one to give way.",
                min = "0", max = "1440")
        int preferWindowMinutes() default 30;

        @AttributeDefinition(name = "Urgent (minutes)",
                description = "At most this many minutes before the start the status reads \"Starting soon\".",
                min = "0", max = "1440")
        int urgentMinutes() default 15;

        @AttributeDefinition(name = "Critical (minutes)",
                description = "At most this many minutes before the start the status reads \"Starting very soon\".",
                min = "0", max = "1440")
        int criticalMinutes() default 2;

        @AttributeDefinition(name = "Browser heartbeat (seconds)",
                description = "How often the kiosk page reports that it is alive.", min = "5", max = "3600")
        int heartbeatSeconds() default 30;

        @AttributeDefinition(name = "Fixed time",
                description = "Shows the kiosk as at this moment (ISO-8601 instant, or a local date-time in the "
                        + "kiosk's zone) for demos. Empty: real time. CALENDARBOT_TEST_TIME overrides it.")
        String fixedTime() default "";

        @AttributeDefinition(name = "Skip expiry (hours)",
                description = "A skipped meeting comes back after this many hours.", min = "1", max = "8760")
        int skipExpiryHours() default 24;

        @AttributeDefinition(name = "Data folder",
                description = "Where the skip list is kept. ${calendarbot.data} is the distribution's data folder.")
        String dataDir() default "${calendarbot.data}";
    }

    private final Function<String, String> environment;
    private final InstantSource time;
    private volatile ZoneId zone = ZoneId.systemDefault();
    private volatile String layout = "whatsnext";
    private volatile String meAddress;
    private volatile int heartbeatSeconds;
    private volatile List<String> skipKeywords = List.of();
    private volatile Instant fixedNow;

    @Activate
    public KioskConfiguration(@Reference(name = "time") InstantSource time) {
        this(System::getenv, time);
    }

    /** With another environment, for tests. */
    KioskConfiguration(Function<String, String> environment, InstantSource time) {
        this.environment = environment;
        this.time = time;
    }

    @Activate
    @Modified
    void configure(Config config) {
        zone = resolveZone(config.timeZone(), zone);
        layout = config.layout() == null || config.layout().isBlank() ? "whatsnext" : config.layout().trim();
        meAddress = config.meAddress() == null || config.meAddress().isBlank() ? null : config.meAddress().trim();
        heartbeatSeconds = config.heartbeatSeconds();
        skipKeywords = SelectionRules.from(config).skipKeywords();
        fixedNow = fixedTime(environment.apply(TEST_TIME_VARIABLE), config.fixedTime(), zone);
        LOG.info("kiosk: layout {}, time zone {}, {}", layout, zone.getId(),
                fixedNow == null ? "real time" : "time fixed at " + fixedNow);
    }

    @Override
    public Instant now() {
        Instant fixed = fixedNow;
        return fixed != null ? fixed : time.instant();
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public String layout() {
        return layout;
    }

    @Override
    public String meAddress() {
        return meAddress;
    }

    @Override
    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    @Override
    public List<String> skipKeywords() {
        return skipKeywords;
    }

    /** The configured zone, or {@code previous} when the name is empty or unknown. */
    static ZoneId resolveZone(String name, ZoneId previous) {
        if (name == null || name.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(name.trim());
        } catch (DateTimeException e) {
            LOG.error("kiosk: unknown time zone \"{}\", keeping {}; use an IANA name such as Europe/London",
                    name, previous.getId());
            return previous;
        }
    }

    /** The test time from the environment wins over the configured fixed time; null means real time. */
    static Instant fixedTime(String fromEnvironment, String fromConfig, ZoneId zone) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            try {
                return FixedNow.parse(fromEnvironment, zone);
            } catch (DateTimeException e) {
                LOG.error("kiosk: {}=\"{}\" is not an ISO-8601 time (e.g. 2025-11-24T08:00:00Z); ignoring it",
                        TEST_TIME_VARIABLE, fromEnvironment);
            }
        }
        if (fromConfig != null && !fromConfig.isBlank()) {
            try {
                return FixedNow.parse(fromConfig, zone);
            } catch (DateTimeException e) {
                LOG.error("kiosk: fixedTime \"{}\" is not an ISO-8601 time (e.g. 2025-11-24T08:00:00Z); "
                        + "using real time", fromConfig);
            }
        }
        return null;
    }
}
