package dev.parasol.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndicatorValidatorTest {
    final IndicatorValidator validator = new IndicatorValidator(Set.of("intranet-portal.com"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "ACCEPTED", value = {
            "x.duckdns.org                           | ACCEPTED",
            "evil.co.uk                              | ACCEPTED",
            "https://Malware-C2.XYZ:8443/gate         | ACCEPTED",
            "d3a22fjcbjuz60.cloudfront.net            | ACCEPTED",
            "bucket.s3.us-west-2.amazonaws.com        | ACCEPTED",
            "github.io                               | public suffix",
            "co.uk                                   | public suffix",
            "foo.notarealtld                         | unknown TLD (.notarealtld)",
            "10.1.2.3                                | IP address",
            "http://[2001:db8::1]/x                  | IP address",
            "2001:db8::1                             | IP address",
            "printer.local                           | reserved name (.local)",
            "example.com                             | reserved name (example.com)",
            "www.example.org                         | reserved name (example.org)",
            "1.2.3.4.in-addr.arpa                    | reserved name (in-addr.arpa)",
            "mail.google.com                         | popular-domain safeguard (google.com)",
            "sso.intranet-portal.com                 | popular-domain safeguard (intranet-portal.com)",
            "*.bad.xyz                               | wildcard",
            "bad..xyz                                | empty label",
    })
    void acceptsOrNamesTheReason(String input, String reason) {
        assertEquals(reason, validator.validate(input, false).reason());
    }

    @ParameterizedTest
    @CsvSource({"google.com", "www.salesforce.com"})
    void safeguardsCanBeDisabled(String input) {
        assertEquals(null, validator.validate(input, true).reason());
    }
}
