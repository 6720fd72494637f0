import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Draws the cost curve (bench/curve.sh) as a PNG with the JDK alone: for each case, one bar per
 * dataset size, req/s in the upper panel and p50 in the lower one, both on a log scale.
 *
 *   java bench/Plot.java bench/results/cost-curve.tsv bench/results/cost-curve.png
 *
 * Input: a header line, then clients, case, req_s, p50_ms, p99_ms, rows, load and jdbc_ceiling separated
 * by tabs; the legend gives each size's JDBC ceiling, the speed of the machine it was measured on.
 */
public class Plot {

    private static final Color[] SIZE_COLOURS = {new Color(0x4C78A8), new Color(0xF58518), new Color(0x54A24B),
            new Color(0xE45756), new Color(0x72B7B2)};

    public static void main(String[] args) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0])).subList(1, Files.readAllLines(Path.of(args[0])).size())) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        Set<String> sizes = new LinkedHashSet<>();
        Map<String, String> ceilings = new LinkedHashMap<>(); // size -> its run's plain-JDBC ceiling (the machine's speed)
        Set<String> cases = new LinkedHashSet<>();
        Map<String, double[]> values = new LinkedHashMap<>(); // case|size -> req/s, p50
        for (String[] r : rows) {
            sizes.add(r[0]);
            ceilings.put(r[0], r.length > 7 ? r[7] : "?");
            cases.add(r[1]);
            values.put(r[1] + "|" + r[0], new double[] {Double.parseDouble(r[2]), Double.parseDouble(r[3])});
        }
        int width = 1400;
        int panel = 420;
        BufferedImage image = new BufferedImage(width, 2 * panel + 260, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("clientbase: cost per case by dataset size (bench/curve.sh)", 70, 30);
        drawPanel(g, "requests per second (log)", 0, 60, width, panel, sizes, cases, values);
        drawPanel(g, "p50 latency, ms (log)", 1, 60 + panel + 40, width, panel, sizes, cases, values);
        int x = 70;
        int y = image.getHeight() - 30;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int i = 0;
        for (String size : sizes) {
            g.setColor(SIZE_COLOURS[i++ % SIZE_COLOURS.length]);
            g.fillRect(x, y - 12, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,d clients (JDBC ceiling %s req/s)", Long.parseLong(size), ceilings.get(size)), x + 20, y);
            x += 400;
        }
        g.dispose();
        ImageIO.write(image, "png", new File(args[1]));
    }

    private static void drawPanel(Graphics2D g, String title, int metric, int top, int width, int height, Set<String> sizes,
                                  Set<String> cases, Map<String, double[]> values) {
        int left = 70;
        int right = width - 20;
        int bottom = top + height - 110;
        double max = 1;
        double min = Double.MAX_VALUE;
        for (double[] v : values.values()) {
            if (v[metric] > 0) {
                max = Math.max(max, v[metric]);
                min = Math.min(min, v[metric]);
            }
        }
        double lo = Math.floor(Math.log10(Math.max(min, 1e-3)));
        double hi = Math.ceil(Math.log10(max));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, left, top + 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double e = lo; e <= hi; e++) {
            int y = (int) (bottom - (e - lo) / (hi - lo) * (bottom - top - 30));
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(trim(Math.pow(10, e)), 10, y + 4);
        }
        int groups = cases.size();
        double groupWidth = (right - left) / (double) groups;
        double barWidth = groupWidth * 0.8 / sizes.size();
        int c = 0;
        for (String name : cases) {
            int s = 0;
            for (String size : sizes) {
                double[] v = values.get(name + "|" + size);
                if (v != null && v[metric] > 0) {
                    double h = (Math.log10(v[metric]) - lo) / (hi - lo) * (bottom - top - 30);
                    int x = (int) (left + c * groupWidth + groupWidth * 0.1 + s * barWidth);
                    g.setColor(SIZE_COLOURS[s % SIZE_COLOURS.length]);
                    g.fillRect(x, (int) (bottom - h), (int) Math.max(1, barWidth - 2), (int) h);
                }
                s++;
            }
            Graphics2D label = (Graphics2D) g.create();
            label.setColor(Color.BLACK);
            label.translate(left + c * groupWidth + groupWidth / 2, bottom + 8);
            label.rotate(Math.toRadians(30));
            label.drawString(name.length() > 34 ? name.substring(0, 34) : name, 0, 0);
            label.dispose();
            c++;
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, bottom, right, bottom);
    }

    private static String trim(double v) {
        return v >= 1 ? String.format("%,.0f", v) : String.valueOf(v);
    }
}
