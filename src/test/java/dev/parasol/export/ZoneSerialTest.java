package dev.parasol.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZoneSerialTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void firstSerialIsTodayTimesOneHundred() {
        assertEquals(2026112300L, ZoneSerial.next(Optional.empty(), "h1", DAY).serial());
    }

    @Test
    void sameContentKeepsTheSerial() {
        ZoneSerial first = ZoneSerial.next(Optional.empty(), "h1", DAY);
        assertSame(first, ZoneSerial.next(Optional.of(first), "h1", DAY.plusDays(3)));
    }

    @Test
    void changedContentBumpsWithinADayAndJumpsToANewDay() {
        ZoneSerial first = ZoneSerial.next(Optional.empty(), "h1", DAY);
        ZoneSerial second = ZoneSerial.next(Optional.of(first), "h2", DAY);
        assertEquals(2026112301L, second.serial());
        assertEquals(2026112400L, ZoneSerial.next(Optional.of(second), "h3", DAY.plusDays(1)).serial());
    }

    @Test
    void serialNeverGoesBackEvenWhenTheClockDoes() {
        ZoneSerial later = new ZoneSerial(2026112599L, "h1");
        assertEquals(2026112600L, ZoneSerial.next(Optional.of(later), "h2", DAY).serial());
    }

    @Test
    void encodesForTheStoreAndIgnoresGarbage() {
        ZoneSerial s = new ZoneSerial(7, "abc");
        assertEquals(Optional.of(s), ZoneSerial.decode(s.encode()));
        assertEquals(Optional.empty(), ZoneSerial.decode("x y"));
        assertEquals(Optional.empty(), ZoneSerial.decode("12"));
    }
}
