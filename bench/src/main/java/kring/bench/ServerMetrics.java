package kring.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kring's own Prometheus histograms (GET /q/metrics), sampled before and after a phase, so the
 * report can say where the server's time went: kring_store_commit_seconds (the PostgreSQL write
 * of a command's events) and kring_fanout_seconds (handing one event to every socket). Absent
 * (the baseline, or a Kring without metrics): every figure is NaN.
 */
final class ServerMetrics {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** name -> (le -> cumulative count), plus "sum"/"count" under le = -1 / -2. */
    final Map<String, TreeMap<Double, Double>> hists = new TreeMap<>();

    static ServerMetrics scrape(String host, int port) {
        ServerMetrics m = new ServerMetrics();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return m;
            for (String l : r.body().split("\n")) {
                if (!l.startsWith("kring_")) continue;
                int sp = l.lastIndexOf(' ');
                double v = Double.parseDouble(l.substring(sp + 1));
                String key = l.substring(0, sp);
                for (String base : new String[] {"kring_store_commit_seconds", "kring_fanout_seconds"}) {
                    if (key.startsWith(base + "_bucket{le=\"")) {
                        String le = key.substring(key.indexOf("le=\"") + 4, key.lastIndexOf('"'));
                        double b = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                        m.hists.computeIfAbsent(base, k -> new TreeMap<>()).put(b, v);
                    } else if (key.equals(base + "_sum")) {
                        m.hists.computeIfAbsent(base, k -> new TreeMap<>()).put(-1.0, v);
                    } else if (key.equals(base + "_count")) {
                        m.hists.computeIfAbsent(base, k -> new TreeMap<>()).put(-2.0, v);
                    }
                }
            }
        } catch (Exception e) {
            // no metrics endpoint
        } 
        return m;
    }

    /** {count, mean ms, p99 ms (bucket upper bound)} of what happened between a and b. */
    static double[] delta(ServerMetrics a, ServerMetrics b, String name) {
        TreeMap<Double, Double> x = a.hists.get(name), y = b.hists.get(name);
        if (x == null || y == null || !y.containsKey(-2.0)) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double count = y.get(-2.0) - x.getOrDefault(-2.0, 0.0);
        double sum = y.get(-1.0) - x.getOrDefault(-1.0, 0.0);
        double p99 = Double.NaN;
        for (Map.Entry<Double, Double> e : y.entrySet()) {
            if (e.getKey() < 0) continue;
            double c = e.getValue() - x.getOrDefault(e.getKey(), 0.0);
            if (c >= 0.99 * count) { p99 = e.getKey() * 1000; break; }
        }
        return new double[] {count, count == 0 ? Double.NaN : 1000 * sum / count, p99};
    }

    static String describe(ServerMetrics a, ServerMetrics b) {
        double[] s = delta(a, b, "kring_store_commit_seconds"), f = delta(a, b, "kring_fanout_seconds");
        if (Double.isNaN(s[0])) return "";
        return String.format(Locale.ROOT, "server metrics over the phase: %.0f store commits, mean %.2f ms, p99 <= %.1f ms; "
                + "%.0f fan-outs, mean %.2f ms, p99 <= %.1f ms", s[0], s[1], s[2], f[0], f[1], f[2]);
    }
}
