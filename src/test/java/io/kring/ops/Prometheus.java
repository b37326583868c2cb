package io.kring.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;

/** The Prometheus text exposition format as read by a scraper: samples with their labels and value. */
final class Prometheus {

    record Sample(String name, Map<String, String> labels, double value) {

        boolean has(Map<String, String> wanted) {
            return labels.entrySet().containsAll(wanted.entrySet());
        }
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    final String text;
    final List<Sample> samples = new ArrayList<>();
    final Map<String, String> types = new LinkedHashMap<>();

    /** Scrapes {@code /q/metrics} of the test server in the classic text format (set -Dops.print-metrics=true to print Kring's). */
    static Prometheus scrape() {
        // Without an Accept header Quarkus answers OpenMetrics; a classic Prometheus scrape asks for text/plain.
        Response response = given().accept("text/plain; version=0.0.4").when().get("/q/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).as("Prometheus text format").startsWith("text/plain");
        if (Boolean.getBoolean("ops.print-metrics")) {
            response.asString().lines().filter(l -> l.contains("kring_")).forEach(System.out::println);
        }
        return new Prometheus(response.asString());
    }

    Prometheus(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).trim().split("\\s+");
                types.put(parts[0], parts[1]);
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
    }

    List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample {@code name} with (at least) these labels; 0 when there is none yet. */
    double value(String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name) && s.has(wanted)).toList();
        if (found.size() > 1) {
            throw new AssertionError("more than one sample " + name + wanted + ": " + found);
        }
        return found.isEmpty() ? 0 : found.get(0).value();
    }

    boolean has(String name, String... labelPairs) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream().anyMatch(s -> s.name().equals(name) && s.has(wanted));
    }
}
