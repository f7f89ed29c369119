package calendarbot.settings.internal;

import calendarbot.api.SettingOrigins;
import calendarbot.api.model.SettingOrigin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every configuration a CALENDARBOT_* variable sets something in a chance to be delivered: Config Admin calls
 * its plugins only for configurations that exist, so a missing one (no {@code calendarbot.refresh} file, the calendar
 * of {@code CALENDARBOT_ICS_URL}) is made here, holding nothing but the {@value #MARKER} marker; the values come
 * from the {@link EnvironmentOverlay} at each delivery. Configurations made for a variable that is no longer set
 * are removed. Also says where each such setting's effective value comes from, for /api/status.
 */
@Component(immediate = true, service = SettingOrigins.class)
public class EnvironmentConfigurations implements SettingOrigins {

    /** Marks a configuration made here; calendarbot.runtime never writes one that holds nothing else to a file. */
    static final String MARKER = SettingOrigins.MADE_BY;
    static final String MADE_FROM_ENVIRONMENT = SettingOrigins.MADE_FOR_VARIABLE;
    private static final String FILE_MARKER = "felix.fileinstall.filename";
    /** The profile's demo calendar: switched off when a variable names a calendar, never made. */
    static final String DEMO_PID = "calendarbot.source~demo";
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentConfigurations.class);

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private volatile EnvironmentOverlay overlay = EnvironmentOverlay.parse(null);

    @Activate
    void activate(BundleContext context) {
        overlay = EnvironmentOverlay.parse(context.getProperty(EnvironmentOverlay.PROPERTY));
        try {
            reconcile();
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            LOG.error("The CALENDARBOT_* settings could not be applied to the configurations: {}", e.toString());
        }
    }

    void reconcile() throws IOException, InvalidSyntaxException {
        Set<String> wanted = overlay.overlays().keySet();
        for (String pid : wanted) {
            if (pid.equals(DEMO_PID)) {
                continue; // only ever switched off, never made
            }
            Configuration config = configuration(pid);
            if (config.getProperties() == null) {
                Dictionary<String, Object> marker = new Hashtable<>();
                marker.put(MARKER, MADE_FROM_ENVIRONMENT);
                config.update(marker);
                LOG.info("Configuration {} made for the CALENDARBOT_* settings ({})", pid,
                        String.join(", ", overlay.overlays().get(pid).keySet()));
            }
        }
        Configuration[] made = configurationAdmin.listConfigurations("(" + MARKER + "=" + MADE_FROM_ENVIRONMENT + ")");
        for (Configuration config : made == null ? new Configuration[0] : made) {
            if (!wanted.contains(config.getPid()) && SettingOrigins.madeForVariablesOnly(config.getProperties())) {
                config.delete();
                LOG.info("Configuration {} removed: no CALENDARBOT_* variable sets it any more", config.getPid());
            }
        }
    }

    /** A factory configuration ("calendarbot.source~work") under its name, so files and the console agree. */
    private Configuration configuration(String pid) throws IOException {
        int tilde = pid.indexOf('~');
        return tilde < 0 ? configurationAdmin.getConfiguration(pid, "?")
                : configurationAdmin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
    }

    @Override
    public List<SettingOrigin> settings() {
        List<SettingOrigin> out = new ArrayList<>();
        for (EnvironmentOverlay.Entry e : overlay.entries()) {
            if (e.set() || e.pid() == null) {
                out.add(new SettingOrigin(e.variable(), e.pid(), e.property(), e.value(), e.origin()));
            } else {
                out.add(fromConfiguration(e));
            }
        }
        return out;
    }

    /** A setting no variable sets: a file's value, the console's, or the component's default. */
    private SettingOrigin fromConfiguration(EnvironmentOverlay.Entry e) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + e.pid() + ")");
            Dictionary<String, Object> props = found == null || found.length == 0 ? null : found[0].getProperties();
            Object value = props == null ? null : props.get(e.property());
            if (value != null) {
                Object file = props.get(FILE_MARKER);
                return new SettingOrigin(e.variable(), e.pid(), e.property(), value,
                        file != null ? "file " + file.toString().replaceFirst("^file:", "") : "console");
            }
        } catch (IOException | InvalidSyntaxException ex) {
            LOG.debug("cannot read configuration {}: {}", e.pid(), ex.toString());
        }
        return new SettingOrigin(e.variable(), e.pid(), e.property(), null, "default");
    }
}
