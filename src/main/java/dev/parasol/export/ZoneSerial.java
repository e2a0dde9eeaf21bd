package dev.parasol.export;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The SOA serial of a zone and the hash of the content it was given to. The serial changes only
 * when the content does, and then becomes YYYYMMDDnn of today or, if that is not larger, the
 * previous serial plus one: it always increases, as secondaries and resolvers require, and
 * reads as a date while fewer than 100 changes a day happen.
 */
public record ZoneSerial(long serial, String contentHash) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public static ZoneSerial next(Optional<ZoneSerial> previous, String contentHash, LocalDate today) {
        if (previous.isPresent() && previous.get().contentHash.equals(contentHash)) {
            return previous.get();
        }
        long dated = Long.parseLong(today.format(DAY)) * 100;
        long serial = previous.map(p -> Math.max(p.serial + 1, dated)).orElse(dated);
        return new ZoneSerial(serial, contentHash);
    }

    /** "SERIAL HASH", as kept in the store. */
    public String encode() {
        return serial + " " + contentHash;
    }

    public static Optional<ZoneSerial> decode(String text) {
        String[] parts = text.strip().split(" ");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ZoneSerial(Long.parseLong(parts[0]), parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
