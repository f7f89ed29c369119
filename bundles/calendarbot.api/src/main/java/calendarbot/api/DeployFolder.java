package calendarbot.api;

import java.util.List;

/** The deploy folder as the kiosk owner sees it: what was dropped there and could not be used. */
public interface DeployFolder {

    /** One line per jar that is not a usable bundle, e.g. "broken.jar: not a jar (zip END header not found)". */
    List<String> problems();
}
