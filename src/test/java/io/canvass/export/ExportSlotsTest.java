package io.canvass.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExportSlotsTest {

    private static final ExportConfig TWO_EACH_FOUR_IN_ALL = new ExportConfig() {
        public int fetchSize() { return 500; }
        public Duration maxDuration() { return Duration.ofMinutes(10); }
        public int maxConcurrent() { return 4; }
        public int maxConcurrentPerSubject() { return 2; }
        public Duration retryAfter() { return Duration.ofSeconds(10); }
    };

    @Test
    void twoPerPersonAndFourInAll() {
        ExportSlots slots = new ExportSlots(TWO_EACH_FOUR_IN_ALL);
        ExportSlots.Slot a1 = slots.take("a");
        slots.take("a");
        ExportSlots.ExportsBusyException third = assertThrows(ExportSlots.ExportsBusyException.class, () -> slots.take("a"));
        assertEquals(10, third.retryAfterSeconds());
        assertEquals(429, third.status());
        slots.take("b");
        slots.take("c");
        assertThrows(ExportSlots.ExportsBusyException.class, () -> slots.take("d"));
        a1.close();
        slots.take("d");
        assertEquals(4, slots.running());
    }

    @Test
    void aSlotIsFreedOnceHoweverOftenItIsClosed() {
        ExportSlots slots = new ExportSlots(TWO_EACH_FOUR_IN_ALL);
        ExportSlots.Slot slot = slots.take("a");
        slot.close();
        slot.close();
        assertEquals(0, slots.running());
        slots.take("a");
        slots.take("a");
        assertEquals(2, slots.running());
    }
}
