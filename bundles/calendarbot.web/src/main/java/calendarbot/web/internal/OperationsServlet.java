package calendarbot.web.internal;

import calendarbot.api.Clock;
import calendarbot.api.DeployFolder;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.SettingOrigins;
import calendarbot.api.SkipList;
import calendarbot.api.model.SourceStatus;
import calendarbot.json.JsonWriter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the person or the watchdog looking after the kiosk asks: /api/health (503 only when the wall would show wrong
 * data, see {@link HealthJson}),
 * /api/status (bundles, effective configuration with secrets masked and where each CALENDARBOT_* setting came from,
 * deploy problems), POST /api/refresh and
 * /metrics (Prometheus). Ages and uptime are bookkeeping time ({@link InstantSource}), never the kiosk's clock.
 */
@Component(service = Servlet.class, configurationPid = OperationsServlet.PID)
@Designate(ocd = OperationsServlet.Config.class)
// exact paths (and below them) win over the kiosk API's /api/*
@HttpWhiteboardServletPattern({ "/api/health/*", "/api/status/*", "/api/refresh/*", "/metrics/*" })
@HttpWhiteboardServletName("calendarbot.operations")
public class OperationsServlet extends JsonApiServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OperationsServlet.class);
    static final String PID = "calendarbot.health";

    @ObjectClassDefinition(name = "CalendarBot health",
            description = "When /api/health answers 503, which a watchdog restarts the kiosk for: only when the wall "
                    + "would show wrong data.")
    public @interface Config {
        @AttributeDefinition(name = "Stale after (minutes)", min = "1", max = "10080",
                description = "503 once no calendar has refreshed successfully for this long (a restart counts as "
                        + "fresh). One failing calendar among working ones is a warning, never a 503.")
        int staleAfterMinutes() default 15;
    }

    /** Framework property set by the launcher: what it could not write at start. */
    static final String STORAGE_PROBLEMS = "calendarbot.storage.problems";

    private static final Map<String, Route> ROUTES = Map.of(
            "/api/health", new Route(Endpoint.HEALTH, Set.of("GET")),
            "/api/status", new Route(Endpoint.STATUS, Set.of("GET")),
            "/api/refresh", new Route(Endpoint.REFRESH, Set.of("POST")),
            "/metrics", new Route(Endpoint.METRICS, Set.of("GET")));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile ConfigurationAdmin configurationAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile DeployFolder deployFolder;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile SettingOrigins settingOrigins;

    private transient volatile BundleContext context;
    /** When this process started, on the bookkeeping time line. */
    transient volatile Instant processStart;
    private final transient FrameworkProblems frameworkProblems = new FrameworkProblems(() -> time.instant());

    private transient volatile Duration staleAfter = Duration.ofMinutes(15);

    @Activate
    void activate(BundleContext bundleContext, Config config) {
        configure(config);
        context = bundleContext;
        processStart = ProcessHandle.current().info().startInstant().orElseGet(time::instant);
        bundleContext.addFrameworkListener(frameworkProblems);
    }

    @Modified
    void configure(Config config) {
        staleAfter = Duration.ofMinutes(Math.max(1, config.staleAfterMinutes()));
    }

    @Deactivate
    void deactivate(BundleContext bundleContext) {
        bundleContext.removeFrameworkListener(frameworkProblems);
        context = null;
    }

    @Override
    Map<String, Route> routes() {
        return ROUTES;
    }

    @Override
    Reply answer(Endpoint endpoint, String method, HttpServletRequest req) throws IOException {
        return switch (endpoint) {
            case HEALTH -> health();
            case STATUS -> status();
            case REFRESH -> refresh(req);
            case METRICS -> metricsText();
            default -> error(404, "no such endpoint");
        };
    }

    Reply health() {
        List<String> missing = new ArrayList<>();
        EventStore events = store;
        missing(events, "event store", missing);
        missing(selector, "meeting selector", missing);
        missing(skips, "skip list", missing);
        missing(clock, "clock", missing);
        missing(kiosk, "kiosk configuration", missing);
        missing(refresher, "refresher", missing);
        List<SourceStatus> sources = Sources.status(refresher);
        Clock c = clock;
        Instant now = time.instant();
        HealthJson health = new HealthJson(c == null ? now : c.now(), now, sources, missing, warnings(),
                eventCount(events, sources), heartbeats.last(), uptimeSeconds(),
                ProcessFigures.heapUsedBytes(), ProcessFigures.heapMaxBytes(), ProcessFigures.rssBytes(),
                ProcessFigures.pid(), staleAfter);
        return Reply.json(health.ok() ? 200 : 503, health.json());
    }

    private Reply status() {
        BundleContext ctx = context;
        if (ctx == null) {
            throw new Missing("framework");
        }
        Bundle[] all = ctx.getBundles();
        List<StatusJson.BundleInfo> bundles = new ArrayList<>();
        for (Bundle b : all) {
            bundles.add(new StatusJson.BundleInfo(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(),
                    state(b.getState()), b.getLocation()));
        }
        List<StatusJson.Problem> problems = new ArrayList<>(
                FrameworkProblems.unresolved(all, ctx.getProperty("calendarbot.deploy")));
        problems.addAll(frameworkProblems.recent());
        DeployFolder deploy = deployFolder;
        if (deploy != null) {
            // Jars FileInstall could not install at all never reach the framework: the runtime bundle checks them.
            String folder = ctx.getProperty("calendarbot.deploy");
            for (String problem : deploy.problems()) {
                problems.add(new StatusJson.Problem(problem, folder, null));
            }
        }
        FrameworkStartLevel startLevel = ctx.getBundle(0).adapt(FrameworkStartLevel.class);
        SettingOrigins origins = settingOrigins;
        return Reply.json(200, StatusJson.render(bundles, configurations(), origins == null ? List.of()
                : origins.settings(), problems, startLevel == null ? 0 : startLevel.getStartLevel(), uptimeSeconds()));
    }

    /**
     * calendarbot.* configurations, factory ones under their full PID, with the values components receive (the
     * CALENDARBOT_* settings laid over them); null without Config Admin.
     */
    List<StatusJson.ConfigInfo> configurations() {
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            return null;
        }
        Configuration[] found;
        try {
            found = admin.listConfigurations("(|(service.pid=calendarbot.*)(service.factoryPid=calendarbot.*))");
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("web: cannot list the configurations: {}", e.toString());
            return List.of();
        }
        List<StatusJson.ConfigInfo> result = new ArrayList<>();
        for (Configuration c : found == null ? new Configuration[0] : found) {
            Map<String, Object> props = new HashMap<>();
            Dictionary<String, Object> d = c.getProcessedProperties(null);
            if (d != null) {
                for (String key : Collections.list(d.keys())) {
                    props.put(key, d.get(key));
                }
            }
            result.add(new StatusJson.ConfigInfo(c.getPid(), c.getFactoryPid(), props));
        }
        result.sort((a, b) -> a.pid().compareTo(b.pid()));
        return result;
    }

    private Reply refresh(HttpServletRequest req) throws IOException {
        FeedRefresher r = require(refresher, "refresher");
        body(req);
        String source = req.getParameter("source");
        String id = source == null || source.isBlank() ? null : source;
        if (!r.refreshNow(id)) {
            return Reply.json(404, new JsonWriter().beginObject()
                    .field("error", "unknown source").field("source", id).endObject().toString());
        }
        return Reply.json(202, new JsonWriter().beginObject()
                .field("accepted", true).field("source", id).endObject().toString());
    }

    private Reply metricsText() {
        List<SourceStatus> sources = Sources.status(refresher);
        EventStore events = store;
        SkipList skipList = skips;
        String text = MetricsText.render(sources, metrics, ProcessFigures.heapUsedBytes(), ProcessFigures.rssBytes(),
                uptimeSeconds(), events == null ? 0 : events.generation(),
                skipList == null ? 0 : skipList.skipped().size(), heartbeats.last().at(), eventCount(events, sources));
        return new Reply(200, Representation.dynamic(text.getBytes(StandardCharsets.UTF_8), MetricsText.CONTENT_TYPE));
    }

    /** What the launcher could not write at start (a full or read-only data folder): the kiosk runs from memory. */
    private List<String> warnings() {
        BundleContext ctx = context;
        String problems = ctx == null ? null : ctx.getProperty(STORAGE_PROBLEMS);
        return problems == null || problems.isBlank() ? List.of() : List.of(problems.split("\n"));
    }

    private long uptimeSeconds() {
        Instant started = processStart;
        return started == null ? 0 : Math.max(0, time.instant().getEpochSecond() - started.getEpochSecond());
    }

    private static void missing(Object service, String what, List<String> missing) {
        if (service == null) {
            missing.add(what);
        }
    }

    private static long eventCount(EventStore events, List<SourceStatus> sources) {
        long n = 0;
        for (SourceStatus s : sources) {
            n += events == null ? s.events() : events.size(s.id());
        }
        return n;
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> String.valueOf(state);
        };
    }
}
