package calendarbot.api;

import calendarbot.api.model.SettingOrigin;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;

/** Where the settings that a CALENDARBOT_* variable can set take their effective values from. */
public interface SettingOrigins {

    /**
     * The property that marks a configuration made for a CALENDARBOT_* variable (value {@link #MADE_FOR_VARIABLE}):
     * its values live in the environment, so it is never written to a file.
     */
    String MADE_BY = "calendarbot.origin";
    /** The value of {@link #MADE_BY} on a configuration made for a variable. */
    String MADE_FOR_VARIABLE = "environment";

    /**
     * True for a configuration made for a variable to which no one added a value of their own: calendarbot.settings
     * removes it when the variable goes, calendarbot.runtime never writes it to a file.
     */
    static boolean madeForVariablesOnly(Dictionary<String, ?> props) {
        if (props == null || !MADE_FOR_VARIABLE.equals(props.get(MADE_BY))) {
            return false;
        }
        Set<String> bookkeeping = Set.of("service.pid", "service.factoryPid", "service.bundleLocation", MADE_BY);
        for (var keys = props.keys(); keys.hasMoreElements();) {
            if (!bookkeeping.contains(keys.nextElement())) {
                return false;
            }
        }
        return true;
    }

    /** One entry per such setting, set or not, in a stable order (secrets unmasked: mask them where shown). */
    List<SettingOrigin> settings();
}
