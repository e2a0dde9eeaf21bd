package dev.parasol.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parasol.support.ActivityFixture;
import dev.parasol.support.Chromium;
import dev.parasol.support.Cli;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report as a browser shows it: headless Chromium renders the page written by `report --html`. */
class ReportHtmlChromiumTest {
    @TempDir
    Path home;

    @TempDir
    Path scratch;

    private Path writeReport() throws Exception {
        try (Cli cli = new Cli(home, Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC))) {
            ActivityFixture.policies(ActivityFixture.Runner.of(cli));
            cli.run("activity", "import", ActivityFixture.log(home).toString()).ok();
            Path page = home.resolve("report.html");
            cli.run("report", "--from", "2026-11-20", "--to", "2026-11-23T12:00:00Z", "--html", page.toString(),
                    "--preview-integration", "threatq", "--policy", "Default Policy").ok();
            return page;
        }
    }

    @Test
    void renderedPageShowsTotalsChartsAndPreview() throws Exception {
        Chromium chromium = Chromium.require(scratch);
        String dom = chromium.dumpDom(writeReport());
        assertTrue(dom.contains("<b id=\"total-requests\">9</b>"), dom);
        assertTrue(dom.contains("<b id=\"total-blocked\">4</b>"), dom);
        assertTrue(dom.contains("<b id=\"would-block\">3</b>"), dom);
        assertEquals(4, count(dom, "<rect class=\"day-requests\""), "one column per day in the parsed DOM");
        assertEquals(2, count(dom, "<svg class=\"bar\" width=\"240\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\"><rect class=\"blocked\""),
                "a bar per top blocked domain");
        Matcher tallest = Pattern.compile("<rect class=\"day-requests\" x=\"\\d+\" y=\"0\" width=\"\\d+\" height=\"140\"").matcher(dom);
        assertTrue(tallest.find(), "the busiest day's column is full height: " + dom);
        assertTrue(dom.contains("phish.sample-corp.net"), dom);
    }

    @Test
    void screenshotShowsTheBlockedColour() throws Exception {
        Chromium chromium = Chromium.require(scratch);
        Path png = chromium.screenshot(writeReport(), scratch.resolve("report.png"), 1000, 1400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        long blockedRed = 0;
        long requestBlue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                if (near(rgb, 0xc0392b)) {
                    blockedRed++;
                } else if (near(rgb, 0x8fb3d9)) {
                    requestBlue++;
                }
            }
        }
        // Bars and columns are drawn, so thousands of pixels carry the chart colours.
        assertTrue(blockedRed > 2000, "blocked-red pixels: " + blockedRed);
        assertTrue(requestBlue > 2000, "request-blue pixels: " + requestBlue);
    }

    private static boolean near(int rgb, int target) {
        return Math.abs(((rgb >> 16) & 0xff) - ((target >> 16) & 0xff)) < 8
                && Math.abs(((rgb >> 8) & 0xff) - ((target >> 8) & 0xff)) < 8
                && Math.abs((rgb & 0xff) - (target & 0xff)) < 8;
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
