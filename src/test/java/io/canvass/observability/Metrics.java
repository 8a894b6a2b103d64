package io.canvass.observability;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;

/** Reads one sample from the Prometheus text at /q/metrics on the management port. */
final class Metrics {

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    static Metrics scrape() {
        return new Metrics(given().baseUri(ManagementPort.url()).when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of the sample named {@code name} whose labels include all of {@code labels}. */
    OptionalDouble value(String name, Map<String, String> labels) {
        return samples(name, labels).findFirst();
    }

    /** The sum over every sample named {@code name} whose labels include all of {@code labels}. */
    double total(String name, Map<String, String> labels) {
        return samples(name, labels).sum();
    }

    private DoubleStream samples(String name, Map<String, String> labels) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }

    double valueOrZero(String name, Map<String, String> labels) {
        return value(name, labels).orElse(0);
    }

    String text() {
        return text;
    }
}
