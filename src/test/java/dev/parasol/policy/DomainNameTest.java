package dev.parasol.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNameTest {

    @ParameterizedTest
    @CsvSource({
            "Example.COM, example.com",
            "'  www.example.com.  ', www.example.com",
            "http://user@Evil.example.org:8080/path?q=1, evil.example.org",
            "evil.example.org:443, evil.example.org",
            "bücher.example, xn--bcher-kva.example",
            "_dmarc.example.com, _dmarc.example.com",
    })
    void normalisesOnce(String raw, String expected) {
        assertEquals(expected, DomainName.parse(raw).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                | empty",
            "bad..name         | empty label",
            "-bad.example.com  | hyphen at the start or end of a label",
            "bad-.example.com  | hyphen at the start or end of a label",
            "bad!name.com      | bad character '!'",
            "localhost         | single label",
            "*.example.com     | wildcard",
            "10.0.0.1          | IP address",
            "host.123          | numeric top-level label",
    })
    void rejectsWithAReason(String raw, String reason) {
        InvalidDomainException e = assertThrows(InvalidDomainException.class, () -> DomainName.parse(raw));
        assertEquals(reason, e.reason());
    }

    @Test
    void rejectsOverlongLabelsAndNames() {
        assertEquals("label longer than 63 characters",
                assertThrows(InvalidDomainException.class, () -> DomainName.parse("a".repeat(64) + ".com")).reason());
        String longName = ("a".repeat(60) + ".").repeat(5) + "com";
        assertEquals("name longer than 253 characters",
                assertThrows(InvalidDomainException.class, () -> DomainName.parse(longName)).reason());
    }

    @Test
    void parentsStopBeforeTheTopLevelLabel() {
        assertEquals(List.of("a.b.example.co.uk", "b.example.co.uk", "example.co.uk", "co.uk"),
                DomainName.parse("a.b.example.co.uk").selfAndParents());
        assertEquals(List.of("example.com"), DomainName.parse("example.com").selfAndParents());
    }
}
