/** Services through which the CalendarBot bundles talk to each other. */
@Export
@Version("1.5.0")
package calendarbot.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
