import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a YCCK JPEG as Photoshop does (Adobe APP14 marker, transform 2): the image as Adobe-inverted CMYK (255 = no
 * ink), C, M and Y inverted back to R, G, B and those converted to YCbCr (ITU-R BT.601, as libjpeg's
 * cmyk_ycck_convert does), K kept. The JDK's writer stores the 4 bands unconverted; the APP14 segment is spliced in
 * after SOI. Run by make-fixtures.sh.
 */
public final class MakeYcck {
  public static void main(String[] args) throws Exception {
    BufferedImage rgb = ImageIO.read(new File(args[0]));
    int w = rgb.getWidth();
    int h = rgb.getHeight();
    WritableRaster ycck = Raster.createInterleavedRaster(0, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = rgb.getRGB(x, y);
        double r = ((p >> 16) & 0xff) / 255.0;
        double g = ((p >> 8) & 0xff) / 255.0;
        double b = (p & 0xff) / 255.0;
        double k = 1 - Math.max(r, Math.max(g, b));
        double c = k >= 1 ? 0 : (1 - r - k) / (1 - k);
        double m = k >= 1 ? 0 : (1 - g - k) / (1 - k);
        double ye = k >= 1 ? 0 : (1 - b - k) / (1 - k);
        // Adobe-inverted CMYK, then R = 255 - C' and so on.
        double rr = 255 * c;
        double gg = 255 * m;
        double bb = 255 * ye;
        double lum = 0.299 * rr + 0.587 * gg + 0.114 * bb;
        double cb = -0.168736 * rr - 0.331264 * gg + 0.5 * bb + 128;
        double cr = 0.5 * rr - 0.418688 * gg - 0.081312 * bb + 128;
        ycck.setPixel(x, y, new int[] {clamp(lum), clamp(cb), clamp(cr), clamp(255 * (1 - k))});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(ycck, null, null), param);
    }
    writer.dispose();
    byte[] jpeg = bytes.toByteArray();
    byte[] adobe = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 2};
    byte[] out = new byte[jpeg.length + adobe.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(adobe, 0, out, 2, adobe.length);
    System.arraycopy(jpeg, 2, out, 2 + adobe.length, jpeg.length - 2);
    Files.write(new File(args[1]).toPath(), out);
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
