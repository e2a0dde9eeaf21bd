package dev.parasol.intake.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV exports shaped as vendors write them: which column is the value, which rows are skipped by type, which lines. */
class CsvParserTest {

    @Test
    void threatqExportKeepsFqdnAndUrlAndSkipsTheOtherTypes() throws Exception {
        RecordingSink s = parse("""
                Type,Value,Status,Score,Published At,Sources
                FQDN,c2.bad.xyz,Active,8.5,2026-11-01 10:00:00,Abuse.ch
                URL,hxxp://dl.bad[.]xyz/a.exe,Active,7,2026-11-01 10:00:00,Abuse.ch
                IP Address,10.1.2.3,Active,6,2026-11-01 10:00:00,Abuse.ch
                MD5,44d88612fea8a8f36de82e1278abb02f,Active,9,2026-11-01 10:00:00,VirusTotal
                URL Path,/gate.php,Active,3,2026-11-01 10:00:00,Analyst
                FQDN,cdn.good.xyz,Whitelisted,0,2026-11-01 10:00:00,Analyst
                Email Address,actor@bad.xyz,Active,5,2026-11-01 10:00:00,Phishtank
                """);
        assertEquals(List.of("2:c2.bad.xyz", "3:http://dl.bad.xyz/a.exe"), s.values);
        assertEquals(List.of("4:skipped by type (IP Address)", "5:skipped by type (MD5)", "6:skipped by type (URL Path)",
                "7:status Whitelisted", "8:skipped by type (Email Address)"), s.rejected);
    }

    @Test
    void threatConnectExportWithQuotedDescriptionsAndLiteralNulls() throws Exception {
        RecordingSink s = parse("""
                Type,Value,Rating,Confidence,DateAdded,Description,Owner
                Host,c2.bad.xyz,3,80,2026-11-01T10:00:00Z,"C2 of the loader, see https://blog.vendor.xyz/loader",Acme
                Address,10.1.2.3,2,50,2026-11-01T10:00:00Z,null,Acme
                EmailAddress,actor@bad.xyz,1,20,2026-11-01T10:00:00Z,null,Acme
                File,44D88612FEA8A8F36DE82E1278ABB02F,4,90,2026-11-01T10:00:00Z,"dropper ""stage 2""\",Acme
                URL,"http://bad.xyz/a,b",1,null,2026-11-01T10:00:00Z,null,Acme
                Host,null,1,1,2026-11-01T10:00:00Z,null,Acme
                """);
        assertEquals(List.of("2:c2.bad.xyz", "6:http://bad.xyz/a,b"), s.values);
        assertEquals(List.of("3:skipped by type (Address)", "4:skipped by type (EmailAddress)", "5:skipped by type (File)",
                "7:no value in column Value"), s.rejected);
    }

    @Test
    void mispExportUsesTheTypeColumnNotTheCategoryAndTakesTheNameOfDomainIp() throws Exception {
        RecordingSink s = parse("""
                uuid,event_id,category,type,value,comment,to_ids,date,object_relation,attribute_tag,object_uuid,object_name,object_meta_category
                5f1d7a5e-0001-4c1b-9e4a-1a2b3c4d5e01,1204,Network activity,domain,c2.bad.xyz,C2 server,1,1762000000,,,,,
                5f1d7a5e-0002-4c1b-9e4a-1a2b3c4d5e02,1204,Network activity,hostname,www.bad.xyz,,1,1762000000,,,,,
                5f1d7a5e-0003-4c1b-9e4a-1a2b3c4d5e03,1204,Payload delivery,url,http://dl.bad.xyz/p.bin,,1,1762000000,,,,,
                5f1d7a5e-0004-4c1b-9e4a-1a2b3c4d5e04,1204,Network activity,ip-dst,10.9.8.7,,1,1762000000,,,,,
                5f1d7a5e-0005-4c1b-9e4a-1a2b3c4d5e05,1204,Payload delivery,md5,44d88612fea8a8f36de82e1278abb02f,,1,1762000000,,,,,
                5f1d7a5e-0006-4c1b-9e4a-1a2b3c4d5e06,1204,Network activity,domain|ip,relay.bad.xyz|10.9.8.6,,1,1762000000,,,,,
                5f1d7a5e-0007-4c1b-9e4a-1a2b3c4d5e07,1204,External analysis,link,https://blog.vendor.xyz/2026/loader,,0,1762000000,,,,,
                5f1d7a5e-0008-4c1b-9e4a-1a2b3c4d5e08,1204,Other,comment,"Seen with https://blog.vendor.xyz/x, and more",,0,1762000000,,,,,
                5f1d7a5e-0009-4c1b-9e4a-1a2b3c4d5e09,1204,Payload delivery,filename|md5,invoice.exe|44d88612fea8a8f36de82e1278abb02f,,1,1762000000,,,,,
                """);
        assertEquals(List.of("2:c2.bad.xyz", "3:www.bad.xyz", "4:http://dl.bad.xyz/p.bin", "7:relay.bad.xyz"), s.values);
        assertEquals(List.of("5:skipped by type (ip-dst)", "6:skipped by type (md5)", "8:skipped by type (link)",
                "9:skipped by type (comment)", "10:skipped by type (filename|md5)"), s.rejected);
    }

    @Test
    void openCtiObservablesWithUnknownValueHeaderFoundByContent() throws Exception {
        RecordingSink s = parse("""
                Observable type,Observable value,Description,Score,Created
                Domain-Name,c2.bad.xyz,"Loader C2, reported at https://blog.vendor.xyz/loader",80,2026-11-01
                Url,https://dl.bad.xyz/p.bin,,75,2026-11-01
                IPv4-Addr,10.1.2.3,,50,2026-11-01
                StixFile,44d88612fea8a8f36de82e1278abb02f,,90,2026-11-01
                Hostname,mx.bad.xyz,,60,2026-11-01
                Email-Addr,actor@bad.xyz,,40,2026-11-01
                """);
        assertEquals(List.of("2:c2.bad.xyz", "3:https://dl.bad.xyz/p.bin", "6:mx.bad.xyz"), s.values);
        assertEquals(List.of("4:skipped by type (IPv4-Addr)", "5:skipped by type (StixFile)", "7:skipped by type (Email-Addr)"), s.rejected);
    }

    @Test
    void otxPulseExportTakesDomainsHostnamesAndUrls() throws Exception {
        RecordingSink s = parse("""
                Indicator type,Indicator,Description
                domain,bad.xyz,
                hostname,c2.bad.xyz,Command and control
                URL,http://bad.xyz/gate.php,
                URI,http://bad.xyz/panel/,
                IPv4,10.1.2.3,
                FileHash-MD5,44d88612fea8a8f36de82e1278abb02f,
                FileHash-SHA256,275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f,
                email,actor@bad.xyz,
                CVE,CVE-2026-0001,Exploited by the loader; see https://blog.vendor.xyz/cve
                """);
        assertEquals(List.of("2:bad.xyz", "3:c2.bad.xyz", "4:http://bad.xyz/gate.php", "5:http://bad.xyz/panel/"), s.values);
        assertEquals(List.of("6:skipped by type (IPv4)", "7:skipped by type (FileHash-MD5)", "8:skipped by type (FileHash-SHA256)",
                "9:skipped by type (email)", "10:skipped by type (CVE)"), s.rejected);
    }

    @Test
    void threatStreamItypesEndingInDomainUrlOrHostAreTaken() throws Exception {
        RecordingSink s = parse("""
                value,itype,threat_type,confidence,severity,source,tags,date_first
                c2.bad.xyz,c2_domain,c2,90,high,Anomali Labs,loader,2026-11-01T10:00:00
                login.bad.xyz,phish_domain,phish,80,medium,Anomali Labs,,2026-11-01T10:00:00
                http://bad.xyz/login,phish_url,phish,80,medium,Anomali Labs,,2026-11-01T10:00:00
                mal.bad.xyz,mal_host,malware,70,medium,OSINT,,2026-11-01T10:00:00
                10.1.2.3,mal_ip,malware,60,low,OSINT,,2026-11-01T10:00:00
                44d88612fea8a8f36de82e1278abb02f,mal_md5,malware,95,high,OSINT,,2026-11-01T10:00:00
                actor@bad.xyz,phish_email,phish,50,low,OSINT,,2026-11-01T10:00:00
                """);
        assertEquals(List.of("2:c2.bad.xyz", "3:login.bad.xyz", "4:http://bad.xyz/login", "5:mal.bad.xyz"), s.values);
        assertEquals(List.of("6:skipped by type (mal_ip)", "7:skipped by type (mal_md5)", "8:skipped by type (phish_email)"), s.rejected);
    }

    @Test
    void crowdStrikeIndicatorsExport() throws Exception {
        RecordingSink s = parse("""
                indicator,type,malicious_confidence,published_date,last_updated,reports,actors,malware_families,kill_chains
                c2.bad.xyz,domain,high,1762000000,1762003600,CSIT-26001,FANCY BEAR,Loader,C2
                http://bad.xyz/drop,url,medium,1762000000,1762003600,,,,Delivery
                44d88612fea8a8f36de82e1278abb02f,hash_md5,high,1762000000,1762003600,,,Loader,Installation
                10.1.2.3,ip_address,low,1762000000,1762003600,,,,C2
                actor@bad.xyz,email_address,low,1762000000,1762003600,,,,Delivery
                """);
        assertEquals(List.of("2:c2.bad.xyz", "3:http://bad.xyz/drop"), s.values);
        assertEquals(List.of("4:skipped by type (hash_md5)", "5:skipped by type (ip_address)", "6:skipped by type (email_address)"), s.rejected);
    }

    @Test
    void splunkLookupWithUnknownValueAndTypeHeadersFindsBothByContent() throws Exception {
        RecordingSink s = parse("""
                _key,threat_indicator,ioc_kind,description,weight,updated
                tip-0001,c2.bad.xyz,domain,Loader C2,3,1762000000
                tip-0002,http://bad.xyz/a,url,Landing page,2,1762000000
                tip-0003,10.1.2.3,ip,Scanner,1,1762000000
                tip-0004,44d88612fea8a8f36de82e1278abb02f,md5,Loader,3,1762000000
                tip-0005,https://blog.vendor.xyz/report,description,Read the report at https://blog.vendor.xyz/report,0,1762000000
                tip-0006,cdn.bad.xyz,fqdn,,2,1762000000
                """);
        assertEquals(List.of("2:c2.bad.xyz", "3:http://bad.xyz/a", "7:cdn.bad.xyz"), s.values);
        assertEquals(List.of("4:skipped by type (ip)", "5:skipped by type (md5)", "6:skipped by type (description)"), s.rejected);
    }

    @Test
    void unknownValueHeaderWithoutTypeColumnIsFoundByItsContentDefangedIncluded() throws Exception {
        // Source repeats one host in every row: distinct names count, so Artifact wins.
        RecordingSink s = parse("""
                Source,Artifact,First Seen,Confidence
                intel.vendor.xyz,evil[.]xyz,2026-11-01,high
                intel.vendor.xyz,hxxps://login.evil[.]xyz/office,2026-11-01,high
                intel.vendor.xyz,c2(.)evil(.)xyz,2026-11-02,medium
                intel.vendor.xyz,,2026-11-02,low
                """);
        assertEquals(List.of("2:evil.xyz", "3:https://login.evil.xyz/office", "4:c2.evil.xyz"), s.values);
        assertEquals(List.of("5:no value in column Artifact"), s.rejected);
    }

    @Test
    void aDescriptionColumnMentioningUrlsLosesToTheColumnOfBareValues() throws Exception {
        RecordingSink s = parse("""
                Notes,Indicator Value,Seen
                "Phishing kit, see https://blog.vendor.xyz/kit-1",login.bad.xyz,2026-11-01
                Landing page at http://bad.xyz/x per https://blog.vendor.xyz/kit-1,http://bad.xyz/x,2026-11-01
                "Also see https://blog.vendor.xyz/kit-2 and https://blog.vendor.xyz/kit-3",pay.bad.xyz,2026-11-01
                """);
        assertEquals(List.of("2:login.bad.xyz", "3:http://bad.xyz/x", "4:pay.bad.xyz"), s.values);
        assertTrue(s.rejected.isEmpty(), s.rejected::toString);
    }

    @Test
    void aReferenceColumnOfOneBlogLosesToAValueColumnOfHashesAndNames() throws Exception {
        RecordingSink s = parse("""
                Entity,Reference
                44d88612fea8a8f36de82e1278abb02f,https://blog.vendor.xyz/report
                275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f,https://blog.vendor.xyz/report
                10.1.2.3,https://blog.vendor.xyz/report
                c2.bad.xyz,https://blog.vendor.xyz/report
                """);
        assertEquals(List.of("2:44d88612fea8a8f36de82e1278abb02f", "3:275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
                "4:10.1.2.3", "5:c2.bad.xyz"), s.values);
    }

    @Test
    void aTypeColumnOfThreatTypesIsNotAnIndicatorTypeColumn() throws Exception {
        RecordingSink s = parse("""
                Domain,Type,First Seen
                login.bad.xyz,Phishing,2026-11-01
                c2.bad.xyz,C2,2026-11-01
                """);
        assertEquals(List.of("2:login.bad.xyz", "3:c2.bad.xyz"), s.values);
    }

    @Test
    void aKindColumnOfIndicatorTypesIsFoundByContent() throws Exception {
        RecordingSink s = parse("""
                Observable,Kind,First Seen
                bad.xyz,Domain Name,2026-11-01
                10.1.2.3,IP Address,2026-11-01
                http://bad.xyz/x,URI,2026-11-01
                https://blog.vendor.xyz/post,Description,2026-11-01
                """);
        assertEquals(List.of("2:bad.xyz", "4:http://bad.xyz/x"), s.values);
        assertEquals(List.of("3:skipped by type (IP Address)", "5:skipped by type (Description)"), s.rejected);
    }

    @Test
    void bomCrlfBlankLinesAndMultiLineCellsKeepLineNumbers() throws Exception {
        RecordingSink s = parse("\uFEFFObservable,Comment\r\n"
                + "a.bad.xyz,\"first line\r\nsecond line, with a comma\"\r\n"
                + "\r\n"
                + "null,\"say \"\"hi\"\"\"\r\n"
                + "b.bad.xyz,done");
        assertEquals(List.of("2:a.bad.xyz", "6:b.bad.xyz"), s.values);
        assertEquals(List.of("5:no value in column Observable"), s.rejected);
    }

    @Test
    void columnsChosenFromTheFirstRowsApplyToTheWholeFile() throws Exception {
        StringBuilder csv = new StringBuilder("IOC Value,IOC Type\n");
        for (int i = 1; i <= 450; i++) {
            csv.append(i == 400 ? "10.1.2.3,ipv4\n" : "host" + i + ".bad.xyz,domain\n");
        }
        RecordingSink s = parse(csv.toString());
        assertEquals(449, s.values.size());
        assertEquals("451:host450.bad.xyz", s.values.get(448));
        assertEquals(List.of("401:skipped by type (ipv4)"), s.rejected);
    }

    @Test
    void aFileWithoutAHeaderRowKeepsItsFirstRow() throws Exception {
        RecordingSink s = parse("""
                a.bad.xyz,domain,2026-11-01
                10.1.2.3,ip,2026-11-01
                ,domain,2026-11-01
                """);
        assertEquals(List.of("1:a.bad.xyz"), s.values);
        assertEquals(List.of("2:skipped by type (ip)", "3:no value in column 1"), s.rejected);
    }

    @Test
    void aCommentedHeaderWithUnknownNamesIsUsedWhenTheFirstRowIsData() throws Exception {
        RecordingSink s = parse("""
                # Export of 2026-11-01
                # ioc_value,ioc_kind,first_seen
                a.bad.xyz,domain,2026-11-01
                10.1.2.3,ip,2026-11-01
                """);
        assertEquals(List.of("3:a.bad.xyz"), s.values);
        assertEquals(List.of("4:skipped by type (ip)"), s.rejected);
    }

    @Test
    void noColumnOfIndicatorsIsAClearError() {
        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> parse("""
                Name,Notes,When
                Alice,"met at https://conf.vendor.xyz, talked",2026-11-01
                Bob,nothing,2026-11-02
                """));
        assertTrue(e.getMessage().contains("no column of the CSV holds domains or URLs"), e.getMessage());
        assertTrue(e.getMessage().contains("Name, Notes, When"), e.getMessage());
    }

    @Test
    void aHeaderWithoutRowsImportsNothing() throws Exception {
        RecordingSink s = parse("Observable,Kind\n");
        assertTrue(s.values.isEmpty() && s.rejected.isEmpty());
    }

    @Test
    void anUnclosedQuoteIsReportedAfterTheRowsBeforeIt() throws Exception {
        RecordingSink s = parse("Observable,Comment\na.bad.xyz,ok\nb.bad.xyz,\"never closed\nc.bad.xyz,x\n");
        assertEquals(List.of("2:a.bad.xyz"), s.values);
        assertEquals(List.of("3:invalid CSV: Missing closing quote for value"), s.rejected);
    }

    @Test
    void detectsCsvWithAnUnknownHeaderOnStdin() {
        assertEquals(Format.CSV, detect("Observable,Kind,First Seen\nevil[.]xyz,domain,2026-11-01\nhxxp://bad[.]xyz/x,url,2026-11-01\n"));
        assertEquals(Format.CSV, detect("\uFEFFIOC Value,IOC Type\r\n10.1.2.3,ip\r\nc2.bad.xyz,domain\r\n44d88612fea8a8f36de82e1278abb02f,md5\r\n"));
    }

    @Test
    void detectsCsvWhoseQuotedDescriptionsSpanLines() {
        // Most physical lines have no comma: counting lines alone would call this free text.
        String row = "%s,domain,\"Seen in the loader campaign\nreported by two customers\nstill active\"\n";
        String csv = "Observable,Kind,Notes\n" + row.formatted("a.bad.xyz") + row.formatted("b.bad.xyz") + row.formatted("c.bad.xyz");
        assertEquals(Format.CSV, detect(csv));
    }

    @Test
    void detectsACsvWithoutAHeaderRow() {
        assertEquals(Format.CSV, detect("a.bad.xyz,domain,2026-11-01\n10.1.2.3,ip,2026-11-01\nb.bad.xyz,domain,2026-11-02\n"));
    }

    @Test
    void csvDetectionDoesNotStealOtherFormats() {
        assertEquals(Format.PLAIN, detect("a.bad.xyz\nb.bad.xyz\nhxxp://c.bad[.]xyz/x\n"));
        assertEquals(Format.HOSTS, detect("# hosts, blocked\n0.0.0.0 a.bad.xyz\n0.0.0.0 b.bad.xyz\n"));
        assertEquals(Format.ADBLOCK, detect("! Title: list, daily\n||a.bad.xyz^$third-party\n||b.bad.xyz^$domain=x.xyz|y.xyz\nsite.xyz,other.xyz##.ad\n"));
        assertEquals(Format.DNSMASQ, detect("server=/a.bad.xyz/\naddress=/b.bad.xyz/0.0.0.0\n"));
        assertEquals(Format.TEXT, detect("Hello team, see below.\nWe blocked evil[.]com, bad[.]xyz today.\nThanks, Bob\n"));
        assertEquals(Format.TEXT, detect("Blocked today: evil[.]com, bad[.]xyz, c2[.]top\nAlso, more later\n"));
    }

    @Test
    void typeWordsAreRecognisedAcrossVendorSpellings() {
        for (String taken : List.of("Domain", "domain-name", "Domain Name", "domain_name", "FQDN", "Host", "hostname", "URL", "uri",
                "Url", "c2_domain", "phish_url", "mal_host", "domain|ip", "hostname|port")) {
            assertTrue(IndicatorTypes.isTaken(taken), taken);
            assertTrue(IndicatorTypes.isKnown(taken), taken);
        }
        for (String other : List.of("IP Address", "ip-dst", "ipv4-addr", "IPv6", "Address", "md5", "SHA-256", "FileHash-SHA1",
                "hash_md5", "mal_ip", "Email Address", "e-mail", "email-src", "Description", "comment", "CIDR", "ASN", "Mutex",
                "Registry Key", "filename", "URL Path", "filename|md5")) {
            assertTrue(!IndicatorTypes.isTaken(other) && IndicatorTypes.isKnown(other), other);
        }
        for (String notAType : List.of("Network activity", "Payload delivery", "Phishing", "malware", "Active", "2026-11-01", "high")) {
            assertTrue(!IndicatorTypes.isKnown(notAType), notAType);
        }
    }

    private static Format detect(String sample) {
        return FormatDetector.detect(sample.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Optional.empty());
    }

    private static RecordingSink parse(String csv) throws Exception {
        return RecordingSink.parse(new CsvParser(), csv);
    }
}
