package dev.parasol.intake.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatsTest {

    @Test
    void plainSkipsCommentsAndRefangs() throws Exception {
        RecordingSink s = RecordingSink.parse(new PlainParser(), "\uFEFF# feed\r\nevil[.]com\r\n\r\n! adblock-style comment\nc2.example.xyz # seen 2026\nhxxp://bad(.)site/x\n");
        assertEquals(List.of("2:evil.com", "5:c2.example.xyz", "6:http://bad.site/x"), s.values);
    }

    @Test
    void hostsTakesEveryNameAndSkipsLoopbackNames() throws Exception {
        RecordingSink s = RecordingSink.parse(new HostsParser(),
                "127.0.0.1 localhost\n0.0.0.0 a.bad.xyz b.bad.xyz # two\n::1 ip6-localhost\nnot-an-ip c.bad.xyz\n");
        assertEquals(List.of("2:a.bad.xyz", "2:b.bad.xyz"), s.values);
        assertEquals(List.of("4:not a hosts line"), s.rejected);
    }

    @Test
    void adblockTakesDomainRulesAndReportsExceptions() throws Exception {
        RecordingSink s = RecordingSink.parse(new AdblockParser(),
                "[Adblock Plus 2.0]\n! Title: x\n||ads.bad.xyz^\n||track.bad.xyz^$third-party\n@@||good.site.xyz^\nexample.com##.banner\n||bad.xyz/path^\nplain.bad.xyz\n");
        assertEquals(List.of("3:ads.bad.xyz", "4:track.bad.xyz", "8:plain.bad.xyz"), s.values);
        assertEquals(List.of("5:allow-list exception (@@), not imported", "6:not a domain rule", "7:not a domain rule"), s.rejected);
    }

    @Test
    void dnsmasqTakesServerAddressAndLocalRules() throws Exception {
        RecordingSink s = RecordingSink.parse(new DnsmasqParser(),
                "# dnsmasq\nserver=/a.bad.xyz/\naddress=/b.bad.xyz/0.0.0.0\nlocal=/c.bad.xyz/d.bad.xyz/\ncache-size=1000\n");
        assertEquals(List.of("2:a.bad.xyz", "3:b.bad.xyz", "4:c.bad.xyz", "4:d.bad.xyz"), s.values);
        assertEquals(List.of("5:not a dnsmasq domain rule"), s.rejected);
    }

    @Test
    void threatConnectCsvTakesHostsAndUrlsSkipsAddressesAndNulls() throws Exception {
        RecordingSink s = RecordingSink.parse(new CsvParser(),
                "Type,Value,Rating,Confidence\r\nHost,c2.bad.xyz,3,80\r\nAddress,10.1.2.3,2,50\r\nURL,\"http://bad.xyz/a,b\",1,null\r\nHost,null,1,1\r\n");
        assertEquals(List.of("2:c2.bad.xyz", "4:http://bad.xyz/a,b"), s.values);
        assertEquals(List.of("3:skipped by type (Address)", "5:no value in column Value"), s.rejected);
    }

    @Test
    void threatqCsvNeverImportsWhitelistedOrExpired() throws Exception {
        RecordingSink s = RecordingSink.parse(new CsvParser(),
                "\uFEFFIndicator,Type,Status\nbad.xyz,FQDN,Active\ngood.xyz,FQDN,Whitelisted\nold.xyz,FQDN,Expired\n1.2.3.4,IP Address,Active\nreview.xyz,FQDN,Review\n");
        assertEquals(List.of("2:bad.xyz", "6:review.xyz"), s.values);
        assertEquals(List.of("3:status Whitelisted", "4:status Expired", "5:skipped by type (IP Address)"), s.rejected);
    }

    @Test
    void urlhausCsvWithACommentedHeader() throws Exception {
        RecordingSink s = RecordingSink.parse(new CsvParser(),
                "################\n# abuse.ch URLhaus\n################\n# id,dateadded,url,url_status,threat\n\"1\",\"2026-11-01\",\"http://mal.xyz:8080/bin\",\"online\",\"malware_download\"\n");
        assertEquals(List.of("5:http://mal.xyz:8080/bin"), s.values);
    }

    @Test
    void csvWithoutAValueColumnIsNotThisFormat() {
        assertThrows(InvalidFormatException.class, () -> RecordingSink.parse(new CsvParser(), "a,b,c\n1,2,3\n"));
    }

    @Test
    void freeTextFindsDefangedNamesAndUrlsButNotFilesOrEmail() throws Exception {
        RecordingSink s = RecordingSink.parse(new TextParser(),
                "The dropper (invoice.pdf.exe) beacons to hxxps://c2[.]evil-cdn[.]xyz/gate.php every hour.\n"
                        + "Contact soc@corp.example for help; also seen: update-check(.)top, and report.pdf.\n");
        assertEquals(List.of("1:https://c2.evil-cdn.xyz/gate.php", "2:update-check.top"), s.values);
    }

    @Test
    void detectsEachFormatFromASample() {
        assertEquals(Format.PLAIN, detect("a.bad.xyz\nb.bad.xyz\n"));
        assertEquals(Format.HOSTS, detect("# hosts\n0.0.0.0 a.bad.xyz\n0.0.0.0 b.bad.xyz\n"));
        assertEquals(Format.ADBLOCK, detect("! title\n||a.bad.xyz^\n||b.bad.xyz^\n"));
        assertEquals(Format.DNSMASQ, detect("server=/a.bad.xyz/\naddress=/b.bad.xyz/0.0.0.0\n"));
        assertEquals(Format.CSV, detect("Type,Value,Rating,Confidence\nHost,a.bad.xyz,1,1\n"));
        assertEquals(Format.CSV, detect("# id,dateadded,url,url_status\n\"1\",\"x\",\"http://a.bad.xyz/\",\"online\"\n"));
        assertEquals(Format.EVENTS, detect("{\"dstDomain\":\"a.bad.xyz\"}\n{\"dstDomain\":\"b.bad.xyz\"}\n"));
        assertEquals(Format.STIX, detect("{\"type\": \"bundle\", \"objects\": []}"));
        assertEquals(Format.MISP, detect("{\"response\":[{\"Event\":{\"Attribute\":[]}}]}"));
        assertEquals(Format.TEXT, detect("Today we saw traffic to bad[.]xyz from two hosts in the lab.\nMore later.\n"));
    }

    private static Format detect(String sample) {
        return FormatDetector.detect(sample.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Optional.empty());
    }
}
