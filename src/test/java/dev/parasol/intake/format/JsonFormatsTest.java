package dev.parasol.intake.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFormatsTest {

    @Test
    void eventsAsObjectArrayAndNdjson() throws Exception {
        assertEquals(List.of("1:a.bad.xyz"), RecordingSink.parse(new EventsParser(),
                "{\"alertTime\":\"2013-02-08T11:14:26.0Z\",\"dstDomain\":\"a.bad.xyz\",\"dstIp\":null}").values);
        RecordingSink array = RecordingSink.parse(new EventsParser(),
                "[\n{\"dstDomain\":\"a.bad.xyz\"},\n{\"dstDomain\":null,\"dstUrl\":\"b.bad.xyz/x?y=1\"},\n{\"dstDomain\":\"google.com\",\"disableDstSafeguards\":true},\n{\"eventTime\":\"x\"}\n]");
        assertEquals(List.of("2:a.bad.xyz", "3:b.bad.xyz/x?y=1", "4:google.com!"), array.values);
        assertEquals(List.of("5:event has no dstDomain or dstUrl"), array.rejected);
        RecordingSink ndjson = RecordingSink.parse(new EventsParser(), "{\"dstDomain\":\"a.bad.xyz\"}\n\n{\"dstDomain\":\"b.bad.xyz\"}\n");
        assertEquals(List.of("1:a.bad.xyz", "3:b.bad.xyz"), ndjson.values);
    }

    @Test
    void eventsGarbageIsNotJson() {
        assertThrows(InvalidFormatException.class, () -> RecordingSink.parse(new EventsParser(), "hello world"));
    }

    @Test
    void eventsTruncatedJsonIsReportedWithItsLine() throws Exception {
        RecordingSink s = RecordingSink.parse(new EventsParser(), "[{\"dstDomain\":\"a.bad.xyz\"},\n{\"dstDomain\":");
        assertEquals(List.of("1:a.bad.xyz"), s.values);
        assertTrue(s.rejected.get(0).contains("invalid JSON"), s.rejected.toString());
    }

    @Test
    void stixBundleTakesDomainAndUrlFromObjectsAndCompoundPatterns() throws Exception {
        String bundle = """
                {"type": "bundle", "id": "bundle--1", "objects": [
                  {"type": "indicator", "pattern_type": "stix",
                   "pattern": "[domain-name:value = 'a.bad.xyz' OR ipv4-addr:value = '10.0.0.1'] OR [url:value = 'http://b.bad.xyz/it\\\\'s']"},
                  {"type": "indicator", "pattern": "[domain-name:value = 'c.bad.xyz' AND domain-name:value = 'with space.xyz']"},
                  {"type": "indicator", "pattern_type": "snort", "pattern": "alert tcp any any -> any any (msg:\\"domain-name:value = 'x.xyz'\\")"},
                  {"type": "domain-name", "value": "d.bad.xyz"},
                  {"type": "url", "value": "https://e.bad.xyz/p"},
                  {"type": "malware", "name": "PoisonIvy"}
                ]}""";
        RecordingSink s = RecordingSink.parse(new StixParser(), bundle);
        assertEquals(List.of("2:a.bad.xyz", "2:http://b.bad.xyz/it's", "4:c.bad.xyz", "4:with space.xyz", "6:d.bad.xyz", "7:https://e.bad.xyz/p"), s.values);
    }

    @Test
    void stixBareArray() throws Exception {
        RecordingSink s = RecordingSink.parse(new StixParser(), "[{\"type\":\"domain-name\",\"value\":\"a.bad.xyz\"}]");
        assertEquals(List.of("1:a.bad.xyz"), s.values);
    }

    private static final String MISP_EVENT = """
            {"Event": {"info": "glupteba",
              "Attribute": [
                {"type": "domain", "value": "a.bad.xyz", "to_ids": true},
                {"type": "domain|ip", "value": "b.bad.xyz|10.0.0.2", "to_ids": "1"},
                {"type": "ip-dst", "value": "10.0.0.3", "to_ids": true},
                {"type": "hostname", "value": "c.bad.xyz", "to_ids": false}
              ],
              "Object": [{"name": "domain-ip", "Attribute": [{"type": "url", "value": "http://d.bad.xyz/", "to_ids": true}]}]
            }}""";

    @Test
    void mispRespectsToIdsUnlessToldAndReadsObjects() throws Exception {
        assertEquals(List.of("1:a.bad.xyz", "1:b.bad.xyz", "1:http://d.bad.xyz/"), RecordingSink.parse(new MispParser(), MISP_EVENT).values);
        assertEquals(4, RecordingSink.parse(new MispParser(true), MISP_EVENT).values.size());
    }

    @Test
    void mispResponseWrapperAndAllToIdsFalseWarning() throws Exception {
        RecordingSink s = RecordingSink.parse(new MispParser(),
                "{\"response\":[{\"Event\":{\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.bad.xyz\",\"to_ids\":false}]}},"
                        + "{\"Event\":{\"Attribute\":[{\"type\":\"hostname\",\"value\":\"b.bad.xyz\",\"to_ids\":\"0\"}]}}]}");
        assertEquals(List.of(), s.values);
        assertEquals(1, s.warnings.size());
        assertTrue(s.warnings.get(0).contains("to_ids=false"));
    }

    @Test
    void deeplyNestedJsonIsRefusedNotFollowed() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        RecordingSink s = RecordingSink.parse(new EventsParser(), deep);
        assertTrue(s.rejected.get(0).contains("invalid JSON"), s.rejected.toString());
    }
}
