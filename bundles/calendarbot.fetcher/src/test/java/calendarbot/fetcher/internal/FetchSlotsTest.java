package calendarbot.fetcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FetchSlotsTest {

    @Test
    void shrinkingWhileBusyTakesEffectAsFetchesFinish() {
        FetchSlots slots = new FetchSlots();
        slots.resize(2);
        assertTrue(slots.tryAcquire());
        assertTrue(slots.tryAcquire());

        slots.resize(1);
        slots.release();
        assertFalse(slots.tryAcquire(), "one fetch still in flight fills the new limit of one");
        slots.release();

        assertEquals(1, slots.availablePermits());
        assertEquals(1, slots.limit());
    }

    @Test
    void growingLetsMoreStartAtOnce() {
        FetchSlots slots = new FetchSlots();
        slots.resize(1);
        assertTrue(slots.tryAcquire());
        assertFalse(slots.tryAcquire());

        slots.resize(3);

        assertTrue(slots.tryAcquire());
        assertTrue(slots.tryAcquire());
        assertFalse(slots.tryAcquire());
    }

    @Test
    void atLeastOneFetch() {
        assertThrows(IllegalArgumentException.class, () -> new FetchSlots().resize(0));
    }
}
