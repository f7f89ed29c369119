/** Immutable records that cross bundle borders: sources, parsed events, occurrences, health, screens, mornings. */
@Export
@Version("1.3.0")
package calendarbot.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
