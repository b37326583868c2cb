package io.kring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrSvgTest {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    @Test
    void theSvgDecodesBackToTheUrl() throws Exception {
        String url = "https://kring.example.org/m/q2Xc0kV7mB1t";
        String svg = QrSvg.render(url, url);

        assertThat(decode(svg)).isEqualTo(url);
    }

    @Test
    void everyUrlLengthAJoinLinkCanHaveDecodesBack() throws Exception {
        StringBuilder host = new StringBuilder("h");
        for (int length = 1; length <= 180; length++) {
            String url = "https://" + host + ":8443/m/q2Xc0kV7mB1t";
            assertThat(decode(QrSvg.render(url, url))).as("length %d", url.length()).isEqualTo(url);
            host.append((char) ('a' + length % 26));
        }
    }

    @Test
    void theTitleIsEscaped() {
        String svg = QrSvg.render("x", "<script>alert(1)</script> & \"q\"");

        assertThat(svg).doesNotContain("<script>")
                .contains("<title id=\"qr-title\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</title>");
    }

    @Test
    void theQuietZoneIsFourModules() {
        String svg = QrSvg.render("https://example.org/m/abc", "t");
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1));
        Matcher run = RUN.matcher(svg);
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = 0;
        while (run.find()) {
            minX = Math.min(minX, Integer.parseInt(run.group(1)));
            minY = Math.min(minY, Integer.parseInt(run.group(2)));
            maxX = Math.max(maxX, Integer.parseInt(run.group(1)) + Integer.parseInt(run.group(3)));
        }
        assertThat(minX).isEqualTo(4);
        assertThat(minY).isEqualTo(4);
        assertThat(size - maxX).isEqualTo(4);
    }

    /** Rasterises the SVG's runs (4 px per module) and reads it with ZXing's decoder. */
    static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int modules = Integer.parseInt(box.group(1));
        int scale = 4;
        int side = modules * scale;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher run = RUN.matcher(svg);
        while (run.find()) {
            int x0 = Integer.parseInt(run.group(1));
            int y0 = Integer.parseInt(run.group(2));
            int len = Integer.parseInt(run.group(3));
            for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
                for (int x = x0 * scale; x < (x0 + len) * scale; x++) {
                    pixels[y * side + x] = 0xFF000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        // PURE_BARCODE reads the module grid as drawn; the finder-pattern search for photos
        // misreads some synthetic sizes (a CI host name once gave a Checksum error).
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
