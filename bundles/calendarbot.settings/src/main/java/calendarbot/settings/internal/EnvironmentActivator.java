package calendarbot.settings.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationPlugin;

/**
 * Registers the {@link EnvironmentOverlay} when this bundle starts, not as a component: SCR configures the
 * components of the bundles before this one (kiosk, refresh) as soon as it starts, and Config Admin does not deliver
 * again when a plugin appears. This bundle starts before SCR (bundle id order), so the overlay is there first.
 */
public final class EnvironmentActivator implements BundleActivator {

    /** Within [0, 1000]: a plugin that may change what is delivered (Config Admin specification). */
    static final int RANKING = 500;

    private ServiceRegistration<ConfigurationPlugin> registration;

    @Override
    public void start(BundleContext context) {
        EnvironmentOverlay overlay = EnvironmentOverlay.parse(context.getProperty(EnvironmentOverlay.PROPERTY));
        if (overlay.overlays().isEmpty()) {
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ConfigurationPlugin.CM_RANKING, RANKING);
        registration = context.registerService(ConfigurationPlugin.class, overlay, props);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
