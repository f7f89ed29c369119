package calendarbot.refresh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import calendarbot.refresh.internal.Fakes.Definition;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRegistryTest {

    static final String URL = "https://calendar.example.com/work.ics";

    final SourceRegistry registry = new SourceRegistry();

    @Test
    void aClashingIdIsQualifiedByTheConfigurationsNameAndKeepsItsPreference() {
        SourceState first = registry.add(new Definition("work", "work", URL, true));
        SourceState second = registry.add(new Definition("work", "Work Laptop", URL, true));
        SourceState third = registry.add(new Definition("work", "Work Laptop", URL, true));

        assertEquals("work", first.id);
        assertEquals("work-work-laptop", second.id);
        assertEquals("work-work-laptop-2", third.id);
        assertEquals("work", third.preferredId);
        assertEquals("work-work-laptop", second.spec.id(), "the spec carries the id the store and archive use");
        assertSame(second, registry.get("work-work-laptop"));
    }

    @Test
    void aDefinitionIsKnownOnceAndForgottenWithItsId() {
        Definition work = new Definition("work", URL);
        SourceState s = registry.add(work);

        assertNull(registry.add(work));
        assertSame(s, registry.get(work));
        assertEquals(List.of(s), registry.all());

        assertSame(s, registry.remove(work));
        assertNull(registry.remove(work));
        assertNull(registry.get("work"));
        assertEquals(List.of(), registry.all());
        assertEquals("work", registry.add(new Definition("work", "other", URL, true)).id, "the id is free again");
    }
}
