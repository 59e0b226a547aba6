import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes reference.png: the image as displayed for every fixture in this folder. 160x100 RGB, light grey-blue
 * background, a version-1 QR symbol ("qrvid fixture", EC M, 3 px per module, 4-module white quiet zone) whose
 * quiet zone starts at (2, 2), so the symbol itself spans (14, 14)-(77, 77), centre (45.5, 45.5): in the top-left
 * of the displayed image, so that any wrong orientation moves it. Run by make-fixtures.sh.
 */
public final class MakeReference {
  public static void main(String[] args) throws Exception {
    BitMatrix m = new QRCodeWriter().encode("qrvid fixture", BarcodeFormat.QR_CODE, 0, 0,
        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
    BufferedImage img = new BufferedImage(160, 100, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 160; x++) {
        img.setRGB(x, y, 0xc8d2e6);
      }
    }
    for (int y = 0; y < m.getHeight() * 3; y++) {
      for (int x = 0; x < m.getWidth() * 3; x++) {
        img.setRGB(2 + x, 2 + y, m.get(x / 3, y / 3) ? 0x000000 : 0xffffff);
      }
    }
    // A red mark at the top-right corner of the display, for people looking at the fixtures.
    for (int y = 4; y < 16; y++) {
      for (int x = 144; x < 156; x++) {
        img.setRGB(x, y, 0xd02020);
      }
    }
    ImageIO.write(img, "png", new File(args.length > 0 ? args[0] : "reference.png"));
  }
}
