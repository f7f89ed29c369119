package calendarbot.api;

import calendarbot.api.model.SettingOrigin;
import java.util.List;

/** Where the settings that a CALENDARBOT_* variable can set take their effective values from. */
public interface SettingOrigins {

    /**
     * The property that marks a configuration made for a CALENDARBOT_* variable (value {@link #MADE_FOR_VARIABLE}):
     * its values live in the environment, so it is never written to a file.
     */
    String MADE_BY = "calendarbot.origin";
    /** The value of {@link #MADE_BY} on a configuration made for a variable. */
    String MADE_FOR_VARIABLE = "environment";

    /** One entry per such setting, set or not, in a stable order (secrets unmasked: mask them where shown). */
    List<SettingOrigin> settings();
}
