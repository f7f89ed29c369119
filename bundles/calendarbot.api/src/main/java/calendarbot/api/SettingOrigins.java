package calendarbot.api;

import calendarbot.api.model.SettingOrigin;
import java.util.List;

/** Where the settings that a CALENDARBOT_* variable can set take their effective values from. */
public interface SettingOrigins {

    /** One entry per such setting, set or not, in a stable order (secrets unmasked: mask them where shown). */
    List<SettingOrigin> settings();
}
