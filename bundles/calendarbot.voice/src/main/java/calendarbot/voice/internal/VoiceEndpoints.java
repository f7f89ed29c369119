package calendarbot.voice.internal;

import calendarbot.api.Clock;
import calendarbot.api.DayOverview;
import calendarbot.api.EventStore;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import jakarta.servlet.Servlet;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Alexa endpoints under /api/alexa/ once a bearer token is set, in configuration {@code calendarbot.voice}
 * or, as calendarbot_lite reads it, in the environment variable {@code CALENDARBOT_ALEXA_BEARER_TOKEN}. Without one
 * nothing is served there (the kiosk's API answers 404), and the log says once how to turn voice on: calendarbot_lite
 * leaves the endpoints open when no token is set, this never does. A token set or changed later applies at once.
 *
 * <p>Answers come from the kiosk's services (event store, meeting selection, day overview, clock, settings) through
 * calendarbot.api only; a service that is not running makes an answer 503, never a 404.
 */
@Component(configurationPid = VoiceEndpoints.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {})
@Designate(ocd = VoiceEndpoints.Config.class)
@RequireHttpWhiteboard
public class VoiceEndpoints {

    public static final String PID = "calendarbot.voice";
    /** calendarbot_lite's variable for the same token. */
    public static final String TOKEN_VARIABLE = "CALENDARBOT_ALEXA_BEARER_TOKEN";

    private static final Logger LOG = LoggerFactory.getLogger(VoiceEndpoints.class);

    @ObjectClassDefinition(name = "CalendarBot voice (Alexa)",
            description = "calendarbot_lite's Alexa endpoints under /api/alexa/, for an Alexa skill calling the "
                    + "kiosk through a reverse proxy with TLS. They are served only while a bearer token is set.")
    public @interface Config {

        @AttributeDefinition(name = "Bearer token", type = AttributeType.PASSWORD,
                description = "The secret the skill sends as \"Authorization: Bearer <token>\", e.g. the output of "
                        + "\"openssl rand -hex 32\". Empty: the environment variable CALENDARBOT_ALEXA_BEARER_TOKEN, "
                        + "and without that the endpoints are off.")
        String bearerToken() default "";

        @AttributeDefinition(name = "Failed attempts before a pause",
                description = "Requests without the right token one address may make within the window; after "
                        + "that it gets 429 until the window has passed.", min = "1", max = "1000")
        int maxFailedAttempts() default 20;

        @AttributeDefinition(name = "Window (seconds)",
                description = "The time over which failed attempts are counted.", min = "1", max = "86400")
        int failureWindowSeconds() default 60;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MeetingSelector selector;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile DayOverview overview;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile KioskSettings kiosk;

    private final Function<String, String> environment;
    private volatile BundleContext context;
    private volatile BearerToken token;
    private volatile FailureLimiter limiter;
    private volatile String limits = "";
    private ServiceRegistration<Servlet> registration;
    private boolean toldHowToEnable;

    /** For Declarative Services: the token variable from the process environment. */
    public VoiceEndpoints() {
        this(System::getenv);
    }

    /** With another environment, for tests. */
    VoiceEndpoints(Function<String, String> environment) {
        this.environment = environment;
    }

    @Activate
    synchronized void activate(BundleContext bundleContext, Config config) {
        context = bundleContext;
        configure(config);
    }

    @Modified
    synchronized void modified(Config config) {
        configure(config);
    }

    @Deactivate
    synchronized void deactivate() {
        unregister();
        context = null;
    }

    private void configure(Config config) {
        String newLimits = config.maxFailedAttempts() + "/" + config.failureWindowSeconds();
        if (limiter == null || !newLimits.equals(limits)) {
            limiter = new FailureLimiter(config.maxFailedAttempts(), config.failureWindowSeconds(), System::nanoTime);
            limits = newLimits;
        }
        BearerToken configured = BearerToken.of(config.bearerToken(), "configuration " + PID);
        BearerToken next = configured != null ? configured
                : BearerToken.of(environment.apply(TOKEN_VARIABLE), "environment variable " + TOKEN_VARIABLE);
        BearerToken previous = token;
        token = next;
        if (next == null) {
            unregister();
            if (!toldHowToEnable) {
                toldHowToEnable = true;
                LOG.info("voice: the Alexa endpoints (/api/alexa/...) are off: no bearer token is set. Set bearerToken "
                        + "in configuration {} (e.g. data/configs/{}.cfg) or the environment variable {} to turn "
                        + "them on; see README, \"Voice: an Alexa skill\"", PID, PID, TOKEN_VARIABLE);
            } else if (previous != null) {
                LOG.info("voice: the bearer token was removed; the Alexa endpoints are off");
            }
            return;
        }
        if (previous == null || !previous.source().equals(next.source())) {
            LOG.info("voice: Alexa endpoints on at /api/alexa/ (bearer token from the {})", next.source());
        }
        if (next.isShort()) {
            LOG.warn("voice: the bearer token is shorter than {} characters; a long random one (openssl rand -hex 32) "
                    + "is much harder to guess", BearerToken.RECOMMENDED_LENGTH);
        }
        register();
    }

    private void register() {
        BundleContext ctx = context;
        if (registration != null || ctx == null) {
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", AlexaServlet.PREFIX + "*");
        props.put("osgi.http.whiteboard.servlet.name", PID);
        AlexaServlet servlet = new AlexaServlet(() -> token, this::failures, this::agenda);
        registration = ctx.registerService(Servlet.class, servlet, props);
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            registration = null;
        }
    }

    private FailureLimiter failures() {
        return limiter;
    }

    /** The calendar at the kiosk's "now", from the services running at this moment. */
    Agenda agenda() {
        EventStore s = require(store, "event store");
        MeetingSelector m = require(selector, "meeting selector");
        Clock c = require(clock, "clock");
        DayOverview d = require(overview, "day overview");
        KioskSettings k = require(kiosk, "kiosk configuration");
        return new Agenda(s, m, d, k, c.now());
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw new AlexaServlet.Unavailable(what);
        }
        return service;
    }
}
