package io.canvass.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs where the suite runs, so the deployment files under {@code deploy/} are
 * checked as files: every YAML parses, each manifest carries what its kind needs, and the pieces
 * agree with each other (image, ports, labels, secrets) and with the application (health paths,
 * configuration variables).
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Path COMPOSE = DEPLOY.resolve("compose").resolve("compose.yaml");
    private static final Path DOCKERFILE = DEPLOY.resolve("Dockerfile");
    private static final Path CONFIGURATION_REFERENCE = Path.of("docs", "configuration.md");
    private static final String LIVE = "/q/health/live";
    private static final String READY = "/q/health/ready";
    /** Quarkus' management interface (health, metrics): the default of QUARKUS_MANAGEMENT_PORT. */
    private static final int MANAGEMENT_PORT = 9000;

    /** Every YAML document under deploy/, by file. */
    private static Map<Path, List<JsonNode>> yaml;
    /** The Kubernetes objects (everything under deploy/k8s except the Kustomization). */
    private static List<Manifest> manifests;

    record Manifest(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " '" + name() + "' in " + file;
        }
    }

    @BeforeAll
    static void parseEveryYamlFile() throws IOException {
        assertTrue(Files.isDirectory(DEPLOY), "Run from the project root: " + DEPLOY.toAbsolutePath() + " is missing");
        yaml = new LinkedHashMap<>();
        YAMLMapper mapper = new YAMLMapper();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        for (Path file : files) {
            List<JsonNode> documents = new ArrayList<>();
            try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (it.hasNext()) {
                    JsonNode document = it.next();
                    if (document != null && !document.isNull() && !document.isMissingNode()) {
                        documents.add(document);
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(file + " is not valid YAML: " + e.getMessage());
            }
            assertFalse(documents.isEmpty(), file + " holds no YAML document");
            yaml.put(file, documents);
        }
        manifests = new ArrayList<>();
        yaml.forEach((file, documents) -> {
            if (file.startsWith(K8S)) {
                documents.stream().filter(d -> !"Kustomization".equals(d.path("kind").asText()))
                        .forEach(d -> manifests.add(new Manifest(file, d)));
            }
        });
    }

    @Test
    void everyYamlFileUnderDeployParses() {
        assertTrue(yaml.containsKey(COMPOSE), "Expected the Compose file " + COMPOSE + "; found " + yaml.keySet());
        assertTrue(manifests.size() >= 9, "Expected the Kubernetes manifests under " + K8S + "; found " + manifests);
    }

    @Test
    void everyManifestHasApiVersionKindAndName() {
        for (Manifest m : manifests) {
            assertFalse(m.node().path("apiVersion").asText().isBlank(), "A document in " + m.file() + " has no apiVersion");
            assertFalse(m.kind().isBlank(), "A document in " + m.file() + " has no kind");
            assertFalse(m.name().isBlank(), "The " + m.kind() + " in " + m.file() + " has no metadata.name");
        }
    }

    @Test
    void everyRequiredKindIsThere() {
        for (String kind : List.of("Deployment", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler",
                "ConfigMap")) {
            assertFalse(all(kind).isEmpty(), "No " + kind + " under " + K8S);
        }
        assertTrue(all("Secret").size() >= 2,
                "Expected Secret templates for the database and the JWT key, found " + all("Secret"));
        Manifest cluster = one("Cluster");
        assertEquals("postgresql.cnpg.io/v1", cluster.node().path("apiVersion").asText(), cluster + ": not a CloudNativePG Cluster");
    }

    @Test
    void kustomizationListsEveryManifestExceptTheSecretTemplates() {
        Path file = K8S.resolve("kustomization.yaml");
        if (!yaml.containsKey(file)) {
            return;
        }
        Set<Path> listed = new LinkedHashSet<>();
        for (JsonNode resource : yaml.get(file).get(0).path("resources")) {
            Path path = K8S.resolve(resource.asText());
            assertTrue(Files.isRegularFile(path), file + " lists " + resource.asText() + ", which does not exist");
            listed.add(path);
        }
        for (Manifest m : manifests) {
            if (!listed.contains(m.file())) {
                assertEquals("Secret", m.kind(), m + " is not listed in " + file
                        + " (only the Secret templates, which hold placeholders, are left out)");
            }
        }
        String image = container().path("image").asText();
        String repository = image.substring(0, image.lastIndexOf(':'));
        for (JsonNode override : yaml.get(file).get(0).path("images")) {
            assertEquals(repository, override.path("name").asText(),
                    file + " overrides an image the Deployment does not use (it uses " + image + ")");
        }
    }

    @Test
    void deploymentRunsAtLeastTwoReplicasWithRequestsAndLimits() {
        JsonNode spec = deployment().node().path("spec");
        assertTrue(spec.path("replicas").asInt(0) >= 2, deployment() + ": replicas must be at least 2, is " + spec.path("replicas"));
        JsonNode resources = container().path("resources");
        for (String section : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(resources.path(section).path(resource).asText().isBlank(),
                        deployment() + ": container has no resources." + section + "." + resource);
            }
        }
        JsonNode pod = spec.path("template").path("spec");
        assertTrue(pod.path("terminationGracePeriodSeconds").asInt(0) > 0, deployment() + ": no terminationGracePeriodSeconds");
        assertFalse(container().path("lifecycle").path("preStop").isMissingNode(),
                deployment() + ": no preStop hook to let endpoints drain before SIGTERM");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(false)
                        || container().path("securityContext").path("runAsNonRoot").asBoolean(false),
                deployment() + ": runAsNonRoot is not set");
        assertTrue(container().path("securityContext").path("readOnlyRootFilesystem").asBoolean(false),
                deployment() + ": readOnlyRootFilesystem is not set");
    }

    @Test
    void probesPointAtTheHealthEndpointsOnADeclaredPort() {
        Map<String, String> expected = Map.of("readinessProbe", READY, "livenessProbe", LIVE, "startupProbe", LIVE);
        Set<String> ports = containerPortNamesAndNumbers();
        expected.forEach((probe, path) -> {
            JsonNode get = container().path(probe).path("httpGet");
            assertFalse(get.isMissingNode(), deployment() + ": no " + probe + " with httpGet");
            assertEquals(path, get.path("path").asText(), deployment() + ": " + probe + " must ask " + path);
            assertTrue(ports.contains(get.path("port").asText()),
                    deployment() + ": " + probe + " uses port '" + get.path("port").asText() + "', the container declares " + ports);
            assertEquals(MANAGEMENT_PORT, containerPortNumber(get.path("port").asText()),
                    deployment() + ": " + probe + " must ask the management port " + MANAGEMENT_PORT + " (health is not on the public port)");
        });
        // The results index is built before the port opens (about a minute at a million responses):
        // liveness must not count before the startup probe has given it room.
        JsonNode startup = container().path("startupProbe");
        int allowed = startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3);
        assertTrue(allowed >= 120, deployment() + ": the startupProbe allows " + allowed + " s; building the results index needs 120 s or more");
    }

    @Test
    void serviceSelectsThePodsAndTargetsTheContainerPort() {
        Manifest service = one("Service");
        JsonNode spec = service.node().path("spec");
        assertSelects(service, spec.path("selector"));
        Set<String> ports = containerPortNamesAndNumbers();
        assertTrue(spec.path("ports").size() > 0, service + " declares no port");
        for (JsonNode port : spec.path("ports")) {
            String target = port.path("targetPort").asText(port.path("port").asText());
            assertTrue(ports.contains(target), service + " targets port '" + target + "', the container declares " + ports);
            assertFalse(containerPortNumber(target) == MANAGEMENT_PORT,
                    service + " exposes the management port (health and metrics); only the kubelet and Prometheus may reach it");
        }
    }

    @Test
    void theLoadBalancerKeepsNoAccessLog() throws IOException {
        // Respondent addresses carry invitation and resume tokens; request lines with times would link people to answers.
        assertTrue(Pattern.compile("(?m)^\\s*access_log\\s+off\\s*;").matcher(loadBalancerConfigOfCompose()).find(),
                "nginx must not keep an access log (request lines carry invitation and resume tokens)");
    }

    @Test
    void theLoadBalancerSetsTheClientAddressAndOnlyItIsTrustedToForwardOne() throws IOException {
        String nginx = loadBalancerConfigOfCompose();
        assertTrue(Pattern.compile("(?m)^\\s*proxy_set_header\\s+X-Forwarded-For\\s+\\$remote_addr\\s*;").matcher(nginx).find(),
                "nginx must SET X-Forwarded-For to $remote_addr: the replicas take its first entry as the client's address");
        assertFalse(nginx.contains("$proxy_add_x_forwarded_for"),
                "nginx must not append to the client's X-Forwarded-For (a client would choose its own rate-limit bucket)");
        JsonNode services = compose().path("services");
        String image = container().path("image").asText();
        List<String> balancers = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().startsWith("nginx")) {
                balancers.add(e.getKey());
            }
        });
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().equals(image)) {
                Map<String, String> env = environment(e.getValue().path("environment"));
                if ("true".equals(env.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"))) {
                    assertEquals(balancers.get(0), env.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"),
                            COMPOSE + ": " + e.getKey() + " forwards addresses, so it must trust the load balancer alone");
                }
                assertFalse(env.containsKey("CANVASS_RATE_LIMIT_TRUST_FORWARDED_FOR"), COMPOSE + ": a setting that no longer exists");
            }
        });
        Map<String, String> k8s = canvassEnvironment();
        if ("true".equals(k8s.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"))) {
            assertFalse(k8s.getOrDefault("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "").isBlank(),
                    deployment() + ": forwarding on without QUARKUS_HTTP_PROXY_TRUSTED_PROXIES trusts every client's X-Forwarded-For");
        }
    }

    @Test
    void strictTransportSecurityIsSentOverHttpsAtTheEdgeAndByTheService() throws IOException {
        // nginx: a header whose value a map on $scheme leaves empty (no header) unless the response goes out over https.
        String nginx = loadBalancerConfigOfCompose();
        Matcher header = Pattern.compile("(?m)^\\s*add_header\\s+Strict-Transport-Security\\s+\\$(\\w+)\\s+always\\s*;").matcher(nginx);
        assertTrue(header.find(), "nginx must add Strict-Transport-Security (always, so error responses carry it too) "
                + "from a variable that is empty on plain http");
        Matcher map = Pattern.compile("(?s)map\\s+\\$scheme\\s+\\$" + header.group(1) + "\\s*\\{(.*?)\\}").matcher(nginx);
        assertTrue(map.find(), "nginx: $" + header.group(1) + " must come from a map on $scheme (HSTS never over plain HTTP)");
        assertTrue(Pattern.compile("(?m)^\\s*default\\s+\"\"\\s*;").matcher(map.group(1)).find(),
                "nginx: the HSTS map must give an empty value (no header) for anything but https: " + map.group(1));
        Matcher https = Pattern.compile("(?m)^\\s*https\\s+\"([^\"]*)\"\\s*;").matcher(map.group(1));
        assertTrue(https.find(), "nginx: the HSTS map gives no value for https: " + map.group(1));
        assertAtLeastAYear(https.group(1), "nginx.conf");
        assertTrue(Pattern.compile("(?m)^\\s*proxy_hide_header\\s+Strict-Transport-Security\\s*;").matcher(nginx).find(),
                "nginx must hide the replicas' own Strict-Transport-Security, or browsers get two");

        // The service: on by default, sent over https as a trusted proxy reports it; no deployment turns it off.
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Matcher configured = Pattern.compile("(?m)^canvass\\.http\\.strict-transport-security=(.*)$").matcher(properties);
        assertTrue(configured.find(), "application.properties sets no canvass.http.strict-transport-security");
        assertAtLeastAYear(configured.group(1), "application.properties");
        Map<String, String> k8s = canvassEnvironment();
        assertFalse(k8s.containsKey("CANVASS_HTTP_STRICT_TRANSPORT_SECURITY") && k8s.get("CANVASS_HTTP_STRICT_TRANSPORT_SECURITY").isBlank(),
                deployment() + " turns HSTS off");
        assertEquals("true", k8s.get("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"),
                deployment() + ": the pods must read X-Forwarded-Proto from the ingress to know a request came over https");
        compose().path("services").fields().forEachRemaining(e -> {
            String value = environment(e.getValue().path("environment")).get("CANVASS_HTTP_STRICT_TRANSPORT_SECURITY");
            assertFalse(value != null && value.isBlank(), COMPOSE + ": " + e.getKey() + " turns HSTS off");
        });

        // Kubernetes: TLS ends at the ingress, which redirects plain http to it.
        Manifest ingress = one("Ingress");
        assertTrue(ingress.node().path("spec").path("tls").size() > 0, ingress + ": no TLS, so no HSTS can reach browsers");
        assertEquals("true", ingress.node().path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/ssl-redirect").asText(),
                ingress + ": plain http must be redirected to https");
    }

    /** A Strict-Transport-Security value whose max-age is a year or more (browsers' preload lists ask for that). */
    private static void assertAtLeastAYear(String policy, String where) {
        Matcher maxAge = Pattern.compile("(?i)max-age=(\\d+)").matcher(policy);
        assertTrue(maxAge.find(), where + ": Strict-Transport-Security without max-age: " + policy);
        assertTrue(Long.parseLong(maxAge.group(1)) >= 31_536_000L, where + ": HSTS max-age under a year: " + policy);
    }

    @Test
    void metricsAreScrapedFromTheManagementPortWhichIsDeclaredButNotPublished() throws IOException {
        assertTrue(containerPortNamesAndNumbers().contains(Integer.toString(MANAGEMENT_PORT)),
                deployment() + ": the container should declare the management port " + MANAGEMENT_PORT + " (named, for the probes)");
        JsonNode annotations = deployment().node().path("spec").path("template").path("metadata").path("annotations");
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText(), deployment() + ": prometheus.io/path");
        assertEquals(Integer.toString(MANAGEMENT_PORT), annotations.path("prometheus.io/port").asText(),
                deployment() + ": Prometheus must scrape the management port");
        String balancer = loadBalancerConfigOfCompose();
        assertFalse(balancer.contains(":" + MANAGEMENT_PORT), "nginx must not route to the management port");
        compose().path("services").fields().forEachRemaining(e -> {
            for (JsonNode mapping : e.getValue().path("ports")) {
                assertFalse(mapping.asText().endsWith(":" + MANAGEMENT_PORT) || mapping.asText().equals(Integer.toString(MANAGEMENT_PORT)),
                        COMPOSE + ": " + e.getKey() + " publishes the management port");
            }
            JsonNode test = e.getValue().path("healthcheck").path("test");
            if (test.toString().contains("/q/health")) {
                assertTrue(test.toString().contains(":" + MANAGEMENT_PORT + "/q/health"),
                        COMPOSE + ": " + e.getKey() + "'s healthcheck must ask the management port: " + test);
            }
        });
    }

    @Test
    void composePrometheusScrapesEveryReplicaOnTheManagementPortAndIsNotPublished() throws IOException {
        JsonNode services = compose().path("services");
        String image = container().path("image").asText();
        Set<String> replicas = new TreeSet<>();
        List<String> prometheus = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            String serviceImage = e.getValue().path("image").asText();
            if (serviceImage.equals(image)) {
                replicas.add(e.getKey());
            } else if (serviceImage.startsWith("prom/prometheus")) {
                prometheus.add(e.getKey());
            }
        });
        assertEquals(1, prometheus.size(), COMPOSE + ": expected one Prometheus (prom/prometheus) service, found " + prometheus);
        JsonNode service = services.path(prometheus.get(0));
        for (JsonNode mapping : service.path("ports")) {
            String published = mapping.isObject() ? mapping.path("host_ip").asText() + ":" + mapping.path("published").asText()
                    : mapping.asText();
            assertTrue(published.startsWith("127.0.0.1:"), COMPOSE + ": " + prometheus.get(0) + " publishes " + published
                    + " beyond the host's loopback; its metrics show live completes and quota fills");
        }
        Path scrapeFile = null;
        for (JsonNode volume : service.path("volumes")) {
            String source = volume.isObject() ? volume.path("source").asText() : volume.asText().split(":")[0];
            String target = volume.isObject() ? volume.path("target").asText() : volume.asText().split(":")[1];
            if (source.startsWith(".") && target.endsWith("prometheus.yml")) {
                scrapeFile = COMPOSE.getParent().resolve(source).normalize();
            }
        }
        assertNotNull(scrapeFile, COMPOSE + ": " + prometheus.get(0) + " mounts no prometheus.yml from " + COMPOSE.getParent());
        List<JsonNode> documents = yaml.get(scrapeFile);
        assertNotNull(documents, scrapeFile + " is missing or not YAML");
        String configFlag = service.path("command").toString();
        assertTrue(configFlag.contains("--config.file=/etc/prometheus/prometheus.yml") || configFlag.equals(""),
                COMPOSE + ": " + prometheus.get(0) + " reads another configuration than the mounted one: " + configFlag);

        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : documents.get(0).path("scrape_configs")) {
            if ("/q/metrics".equals(job.path("metrics_path").asText())) {
                job.path("static_configs").forEach(group -> group.path("targets").forEach(t -> scraped.add(t.asText())));
            }
        }
        Set<String> expected = new TreeSet<>();
        replicas.forEach(replica -> expected.add(replica + ":" + MANAGEMENT_PORT));
        assertEquals(expected, scraped, scrapeFile + ": a job with metrics_path /q/metrics must scrape every replica of "
                + COMPOSE + " on the management port, and nothing else");
        String interval = documents.get(0).path("global").path("scrape_interval").asText("1m");
        assertTrue(interval.matches("\\d+[sm]"), scrapeFile + ": scrape_interval " + interval);
    }

    @Test
    void theCsrfSigningKeyIsOneSecretGivenToEveryReplica() throws IOException {
        String variable = "QUARKUS_REST_CSRF_TOKEN_SIGNATURE_KEY";
        JsonNode services = compose().path("services");
        String image = container().path("image").asText();
        Set<String> values = new TreeSet<>();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().equals(image)) {
                String value = environment(e.getValue().path("environment")).get(variable);
                assertNotNull(value, COMPOSE + ": " + e.getKey() + " does not set " + variable + " (the CSRF cookie goes unsigned)");
                values.add(value);
            }
        });
        assertEquals(1, values.size(), COMPOSE + ": the replicas must share one CSRF signing key: " + values);
        Matcher reference = Pattern.compile("^\\$\\{(\\w+):\\?.*\\}$").matcher(values.iterator().next());
        assertTrue(reference.matches(), COMPOSE + ": " + variable + " must come from .env and be required (${NAME:?…}), not "
                + "written into the file: " + values);
        String envExample = Files.readString(COMPOSE.getParent().resolve("env.example"));
        Matcher example = Pattern.compile("(?m)^" + reference.group(1) + "=(.*)$").matcher(envExample);
        assertTrue(example.find(), "env.example does not show " + reference.group(1));
        assertTrue(example.group(1).strip().length() >= 32, "env.example: " + reference.group(1) + " needs 32 characters or more");

        JsonNode ref = envEntry(variable).path("valueFrom").path("secretKeyRef");
        assertFalse(ref.path("name").asText().isBlank(), deployment() + ": " + variable + " must come from a Secret");
        assertFalse(canvassEnvironment().get(variable) != null, deployment() + ": " + variable + " is written in plain text");
        Manifest secret = all("Secret").stream().filter(m -> m.name().equals(ref.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("No Secret template named " + ref.path("name").asText() + " under " + K8S));
        JsonNode key = secret.node().path("stringData").path(ref.path("key").asText());
        assertTrue(key.isTextual() && key.asText().length() >= 32, secret + " has no key " + ref.path("key").asText()
                + " of 32 characters or more");
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        assertTrue(readme.contains("create secret generic " + secret.name()), "deploy/README.md should say how to create " + secret.name());
    }

    @Test
    void ingressRoutesToAPortTheServiceDeclares() {
        Manifest ingress = one("Ingress");
        Manifest service = one("Service");
        Set<String> servicePorts = new TreeSet<>();
        for (JsonNode port : service.node().path("spec").path("ports")) {
            servicePorts.add(port.path("name").asText());
            servicePorts.add(port.path("port").asText());
        }
        List<JsonNode> backends = ingress.node().findValues("service");
        assertFalse(backends.isEmpty(), ingress + " has no service backend");
        for (JsonNode backend : backends) {
            assertEquals(service.name(), backend.path("name").asText(), ingress + " routes to a Service that is not " + service.name());
            JsonNode port = backend.path("port");
            String named = port.has("name") ? port.path("name").asText() : port.path("number").asText();
            assertTrue(servicePorts.contains(named), ingress + " uses port '" + named + "' of " + service + ", which declares " + servicePorts);
        }
        JsonNode annotations = ingress.node().path("metadata").path("annotations");
        assertEquals("off", annotations.path("nginx.ingress.kubernetes.io/proxy-buffering").asText(),
                ingress + ": the results stream (SSE) needs proxy-buffering off");
        assertTrue(annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt(0) >= 600,
                ingress + ": the results stream (SSE) needs a long proxy-read-timeout");
    }

    @Test
    void disruptionBudgetAndAutoscalerCoverTheDeployment() {
        Manifest pdb = one("PodDisruptionBudget");
        assertSelects(pdb, pdb.node().path("spec").path("selector").path("matchLabels"));
        assertEquals(1, pdb.node().path("spec").path("minAvailable").asInt(0), pdb + ": minAvailable should be 1");

        Manifest hpa = one("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.node().path("apiVersion").asText(), hpa + ": use autoscaling/v2");
        JsonNode target = hpa.node().path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText(), hpa + " does not scale a Deployment");
        assertEquals(deployment().name(), target.path("name").asText(), hpa + " scales another Deployment");
        assertTrue(hpa.node().path("spec").path("minReplicas").asInt(1) >= 2, hpa + ": minReplicas below 2");
        assertTrue(hpa.node().path("spec").path("metrics").findValues("name").stream().anyMatch(n -> n.asText().equals("cpu")),
                hpa + " has no CPU target");
    }

    @Test
    void databaseIsTheCloudNativePgClusterWithItsGeneratedCredentials() {
        Manifest cluster = one("Cluster");
        JsonNode spec = cluster.node().path("spec");
        assertEquals(3, spec.path("instances").asInt(), cluster + ": expected 3 instances");
        assertFalse(spec.path("storage").path("size").asText().isBlank(), cluster + ": no storage.size");
        JsonNode initdb = spec.path("bootstrap").path("initdb");
        assertEquals("canvass", initdb.path("database").asText(), cluster + ": bootstrap.initdb.database");
        assertEquals("canvass", initdb.path("owner").asText(), cluster + ": bootstrap.initdb.owner");

        Map<String, String> env = canvassEnvironment();
        String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        assertNotNull(url, "The Deployment sets no QUARKUS_DATASOURCE_JDBC_URL");
        assertTrue(url.startsWith("jdbc:postgresql://" + cluster.name() + "-rw:") || url.startsWith("jdbc:postgresql://" + cluster.name() + "-rw/"),
                "The JDBC URL " + url + " should point at the cluster's read-write service " + cluster.name() + "-rw");
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            JsonNode ref = envEntry(variable).path("valueFrom").path("secretKeyRef");
            assertEquals(cluster.name() + "-app", ref.path("name").asText(),
                    variable + " should come from the Secret CloudNativePG generates, " + cluster.name() + "-app");
        }
    }

    @Test
    void jwtPublicKeyIsMountedFromASecretWhereTheServiceLooksForIt() {
        String location = canvassEnvironment().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertNotNull(location, "The Deployment does not set MP_JWT_VERIFY_PUBLICKEY_LOCATION: each pod would make its own key");
        Path keyFile = Path.of(location);
        JsonNode mount = null;
        for (JsonNode m : container().path("volumeMounts")) {
            if (keyFile.startsWith(Path.of(m.path("mountPath").asText()))) {
                mount = m;
            }
        }
        assertNotNull(mount, "No volume is mounted where MP_JWT_VERIFY_PUBLICKEY_LOCATION points (" + location + ")");
        JsonNode volume = podVolume(mount.path("name").asText());
        String secretName = volume.path("secret").path("secretName").asText();
        assertFalse(secretName.isBlank(), "The volume at " + mount.path("mountPath").asText() + " is not a Secret");
        Manifest secret = all("Secret").stream().filter(s -> s.name().equals(secretName)).findFirst()
                .orElseThrow(() -> new AssertionError("No Secret template named " + secretName + " under " + K8S));
        String key = keyFile.getFileName().toString();
        assertTrue(secret.node().path("stringData").has(key) || secret.node().path("data").has(key),
                secret + " has no key " + key + " for " + location);
    }

    @Test
    void composeRunsPostgresTwoReplicasAndALoadBalancerOverBoth() throws IOException {
        JsonNode services = compose().path("services");
        String image = container().path("image").asText();
        String port = Integer.toString(containerPort());

        List<String> postgres = new ArrayList<>();
        List<String> replicas = new ArrayList<>();
        List<String> balancers = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            String serviceImage = e.getValue().path("image").asText();
            if (serviceImage.startsWith("postgres:")) {
                postgres.add(e.getKey());
            } else if (serviceImage.equals(image)) {
                int copies = e.getValue().path("deploy").path("replicas").asInt(1);
                for (int i = 0; i < copies; i++) {
                    replicas.add(e.getKey());
                }
            } else if (serviceImage.startsWith("nginx") || serviceImage.startsWith("haproxy")) {
                balancers.add(e.getKey());
            }
        });
        assertEquals(1, postgres.size(), COMPOSE + ": expected one postgres service, found " + postgres);
        assertTrue(services.path(postgres.get(0)).path("image").asText().startsWith("postgres:15"), COMPOSE + ": PostgreSQL should be 15");
        assertFalse(services.path(postgres.get(0)).path("healthcheck").isMissingNode(), COMPOSE + ": postgres has no healthcheck");
        assertTrue(replicas.size() >= 2, COMPOSE + ": expected at least two services with the Deployment's image " + image
                + " (or deploy.replicas), found " + replicas);
        for (String replica : new LinkedHashSet<>(replicas)) {
            assertEquals("service_healthy", services.path(replica).path("depends_on").path(postgres.get(0)).path("condition").asText(),
                    COMPOSE + ": " + replica + " should wait for postgres to be healthy");
        }
        assertEquals(1, balancers.size(), COMPOSE + ": expected one load balancer (nginx or haproxy), found " + balancers);

        String config = loadBalancerConfig(services.path(balancers.get(0)));
        if (replicas.size() == new LinkedHashSet<>(replicas).size()) {
            for (String replica : replicas) {
                assertTrue(config.contains(replica + ":" + port),
                        "The load balancer's configuration does not name " + replica + ":" + port);
            }
        }
        assertTrue(config.contains("results/stream") && config.contains("proxy_buffering off"),
                "The load balancer's configuration should turn buffering off for /api/surveys/*/results/stream (SSE)");
        assertTrue(Pattern.compile("proxy_read_timeout\\s+(\\d+h|[1-9]\\d{3,}s?)\\s*;").matcher(config).find(),
                "The load balancer's configuration should give the results stream a long proxy_read_timeout");
    }

    @Test
    void theSameImageRunsInKubernetesComposeAndTheReadme() throws IOException {
        String image = container().path("image").asText();
        assertTrue(image.contains(":"), deployment() + ": pin the image tag, " + image + " has none");
        JsonNode services = compose().path("services");
        List<String> composeImages = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (!e.getValue().path("build").isMissingNode()) {
                composeImages.add(e.getValue().path("image").asText());
                assertEquals("deploy/Dockerfile", e.getValue().path("build").path("dockerfile").asText(),
                        COMPOSE + ": " + e.getKey() + " should be built from deploy/Dockerfile");
            }
        });
        assertFalse(composeImages.isEmpty(), COMPOSE + ": no service builds the Canvass image");
        for (String composeImage : composeImages) {
            assertEquals(image, composeImage, "The Compose file and the Deployment name different images");
        }
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        assertTrue(readme.contains("-t " + image), "deploy/README.md should show the build command tagging " + image);
    }

    @Test
    void dockerfileRunsAsNonRootExposesThePortAndChecksLiveness() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        List<String> lines = joinedInstructions(dockerfile);
        List<String> runtime = lines.subList(lastIndexStartingWith(lines, "FROM "), lines.size());

        String user = runtime.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(DOCKERFILE + ": the runtime stage sets no USER, so it runs as root"))
                .substring(5).trim();
        String uid = user.split(":")[0];
        assertFalse(uid.equals("root") || uid.equals("0"), DOCKERFILE + ": USER " + user + " is root");
        if (uid.matches("\\d+")) {
            JsonNode podSecurity = deployment().node().path("spec").path("template").path("spec").path("securityContext");
            if (podSecurity.has("runAsUser")) {
                assertEquals(uid, podSecurity.path("runAsUser").asText(), deployment() + ": runAsUser differs from the image's USER");
            }
        } else {
            fail(DOCKERFILE + ": USER " + user + " should be numeric, or Kubernetes' runAsNonRoot cannot verify it");
        }

        assertTrue(runtime.stream().anyMatch(l -> l.matches("EXPOSE\\s+.*\\b" + containerPort() + "\\b.*")),
                DOCKERFILE + ": the runtime stage should EXPOSE " + containerPort() + ", the Deployment's containerPort");
        String healthcheck = runtime.stream().filter(l -> l.startsWith("HEALTHCHECK ")).findFirst()
                .orElseThrow(() -> new AssertionError(DOCKERFILE + ": no HEALTHCHECK"));
        assertTrue(healthcheck.contains(":" + MANAGEMENT_PORT + LIVE),
                DOCKERFILE + ": the HEALTHCHECK should ask " + LIVE + " on the management port " + MANAGEMENT_PORT + ": " + healthcheck);
        assertTrue(runtime.stream().anyMatch(l -> l.matches("EXPOSE\\s+.*\\b" + MANAGEMENT_PORT + "\\b.*")),
                DOCKERFILE + ": the runtime stage should EXPOSE the management port " + MANAGEMENT_PORT);
        String tool = healthcheck.contains("curl") ? "curl" : healthcheck.contains("wget") ? "wget" : null;
        assertNotNull(tool, DOCKERFILE + ": the HEALTHCHECK uses neither curl nor wget: " + healthcheck);
        assertTrue(runtime.stream().anyMatch(l -> l.startsWith("RUN ") && l.contains("install") && l.contains(" " + tool)),
                DOCKERFILE + ": the HEALTHCHECK runs " + tool + " but the runtime stage does not install it");

        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN ") && l.contains("mvnw") && l.contains("-Ppostgresql")),
                DOCKERFILE + ": build with ./mvnw -Ppostgresql (the database kind is fixed at build time)");
        assertTrue(runtime.stream().anyMatch(l -> l.contains("quarkus-app/lib/")) && runtime.stream().anyMatch(l -> l.contains("quarkus-app/app/")),
                DOCKERFILE + ": copy target/quarkus-app the fast-jar way (lib/, app/, quarkus/, quarkus-run.jar)");
        String postgresqlBuild = "target/" + postgresqlOutputDirectory() + "/";
        List<String> copies = runtime.stream().filter(l -> l.startsWith("COPY --from=build ")).toList();
        assertFalse(copies.isEmpty(), DOCKERFILE + ": the runtime stage copies nothing from the build stage");
        for (String copy : copies) {
            assertTrue(copy.contains(postgresqlBuild), DOCKERFILE + ": copy the PostgreSQL build, which the pom's postgresql profile "
                    + "puts in " + postgresqlBuild + " (target/quarkus-app is the H2 build): " + copy);
        }
        assertTrue(runtime.stream().anyMatch(l -> l.startsWith("COPY ") && l.contains("questionnaire")),
                DOCKERFILE + ": copy questionnaire/ so the default survey is imported");
        assertTrue(dockerfile.contains("MaxRAMPercentage"), DOCKERFILE + ": size the heap from the container's memory (-XX:MaxRAMPercentage)");
        assertTrue(runtime.stream().anyMatch(l -> l.startsWith("ENV ") && l.contains("CANVASS_DATA_DIR=")),
                DOCKERFILE + ": set CANVASS_DATA_DIR to a directory the non-root user can write");
    }

    @Test
    void everyVariableSetForCanvassIsDocumented() throws IOException {
        Set<String> documented = documentedVariables();
        assertTrue(documented.contains("CANVASS_DATA_DIR"), "Could not read the configuration table of " + CONFIGURATION_REFERENCE + ": " + documented);
        Map<String, Set<String>> setBy = new LinkedHashMap<>();
        canvassEnvironment().keySet().forEach(name -> setBy.computeIfAbsent(name, n -> new TreeSet<>())
                .add(deployment() + " (env, or a ConfigMap it takes with envFrom)"));
        JsonNode services = compose().path("services");
        String image = container().path("image").asText();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().equals(image)) {
                environment(e.getValue().path("environment")).keySet()
                        .forEach(name -> setBy.computeIfAbsent(name, n -> new TreeSet<>()).add(COMPOSE + " " + e.getKey()));
            }
        });
        List<String> undocumented = new ArrayList<>();
        setBy.forEach((name, where) -> {
            if (!documented.contains(name) && !name.startsWith("QUARKUS_") && !name.startsWith("MP_JWT_")) {
                undocumented.add(name + " (set in " + where + ")");
            }
        });
        assertTrue(undocumented.isEmpty(), "Variables the configuration table (" + CONFIGURATION_REFERENCE + ") does not document: " + undocumented);
        assertFalse(setBy.containsKey("QUARKUS_DATASOURCE_DB_KIND"), "QUARKUS_DATASOURCE_DB_KIND is read at build time; setting it at run time "
                + "does nothing (set in " + setBy.get("QUARKUS_DATASOURCE_DB_KIND") + "). Build the image with -Ppostgresql instead.");
    }

    @Test
    void logsArePlainTextByDefaultAndJsonWhereverTheDeploymentFilesRunTheService() throws IOException {
        // A person running the jar reads the console; a log collector reads the containers' output.
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Matcher json = Pattern.compile("(?m)^quarkus\\.log\\.console\\.json\\.enabled\\s*=\\s*(\\S+)").matcher(properties);
        assertTrue(json.find(), "application.properties should state quarkus.log.console.json.enabled for every profile");
        assertEquals("false", json.group(1), "application.properties: console logs are for people by default (plain text)");
        assertFalse(Pattern.compile("(?m)^%prod\\.quarkus\\.log\\.console\\.json").matcher(properties).find(),
                "application.properties: JSON logs are switched on by the deployment files, not by the prod profile");
        String variable = "QUARKUS_LOG_CONSOLE_JSON_ENABLED";

        List<String> runtime = joinedInstructions(Files.readString(DOCKERFILE));
        runtime = runtime.subList(lastIndexStartingWith(runtime, "FROM "), runtime.size());
        assertTrue(runtime.stream().anyMatch(l -> l.startsWith("ENV ") && l.matches(".*\\b" + variable + "=\"?true\"?(\\s.*|$)")),
                DOCKERFILE + ": the runtime stage should set ENV " + variable + "=true");

        JsonNode services = compose().path("services");
        String image = container().path("image").asText();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().equals(image)) {
                assertEquals("true", environment(e.getValue().path("environment")).get(variable),
                        COMPOSE + ": " + e.getKey() + " should set " + variable + ": \"true\"");
            }
        });
        assertEquals("true", canvassEnvironment().get(variable), deployment() + " should get " + variable + "=true (env or ConfigMap)");
    }

    @Test
    void theHealthEndpointsTheProbesUseExistInTheApplication() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<artifactId>quarkus-smallrye-health</artifactId>"),
                "pom.xml lacks quarkus-smallrye-health, which serves " + LIVE + " and " + READY);
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        for (String moved : List.of("quarkus.smallrye-health.root-path", "quarkus.smallrye-health.liveness-path",
                "quarkus.smallrye-health.readiness-path", "quarkus.http.non-application-root-path", "quarkus.http.root-path")) {
            assertFalse(Pattern.compile("(?m)^[%\\w.-]*" + Pattern.quote(moved) + "\\s*=").matcher(properties).find(),
                    "application.properties sets " + moved + ": the probes' " + LIVE + " and " + READY + " would no longer be there");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static List<Manifest> all(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private static Manifest one(String kind) {
        List<Manifest> found = all(kind);
        assertEquals(1, found.size(), "Expected exactly one " + kind + " under " + K8S + ", found " + found);
        return found.get(0);
    }

    private static Manifest deployment() {
        return one("Deployment");
    }

    private static JsonNode container() {
        JsonNode containers = deployment().node().path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), deployment() + ": expected one container");
        return containers.get(0);
    }

    private static int containerPort() {
        JsonNode ports = container().path("ports");
        assertTrue(ports.size() > 0, deployment() + ": the container declares no port");
        return ports.get(0).path("containerPort").asInt();
    }

    /** The number of the container port named or numbered {@code nameOrNumber}, or -1. */
    private static int containerPortNumber(String nameOrNumber) {
        for (JsonNode port : container().path("ports")) {
            if (port.path("name").asText().equals(nameOrNumber) || port.path("containerPort").asText().equals(nameOrNumber)) {
                return port.path("containerPort").asInt();
            }
        }
        return -1;
    }

    private static String loadBalancerConfigOfCompose() throws IOException {
        JsonNode services = compose().path("services");
        List<JsonNode> balancers = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText();
            if (image.startsWith("nginx") || image.startsWith("haproxy")) {
                balancers.add(e.getValue());
            }
        });
        assertEquals(1, balancers.size(), COMPOSE + ": expected one load balancer");
        return loadBalancerConfig(balancers.get(0));
    }

    private static Set<String> containerPortNamesAndNumbers() {
        Set<String> ports = new TreeSet<>();
        for (JsonNode port : container().path("ports")) {
            ports.add(port.path("containerPort").asText());
            if (port.has("name")) {
                ports.add(port.path("name").asText());
            }
        }
        return ports;
    }

    private static JsonNode podVolume(String name) {
        for (JsonNode volume : deployment().node().path("spec").path("template").path("spec").path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError(deployment() + ": volume " + name + " is mounted but not declared");
    }

    /** The selector must pick the Deployment's pods: each of its labels is on the pod template. */
    private static void assertSelects(Manifest selecting, JsonNode selector) {
        JsonNode podLabels = deployment().node().path("spec").path("template").path("metadata").path("labels");
        assertTrue(selector.size() > 0, selecting + " has an empty selector");
        selector.fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), podLabels.path(e.getKey()).asText(null),
                selecting + " selects " + e.getKey() + "=" + e.getValue().asText() + ", which the Deployment's pods do not carry"));
    }

    private static JsonNode envEntry(String name) {
        for (JsonNode entry : container().path("env")) {
            if (entry.path("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError(deployment() + ": no env entry " + name);
    }

    /** What the Deployment's container gets: its env entries and the ConfigMaps it takes whole (envFrom). */
    private static Map<String, String> canvassEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container().path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText();
            if (!configMap.isBlank()) {
                Manifest map = all("ConfigMap").stream().filter(m -> m.name().equals(configMap)).findFirst()
                        .orElseThrow(() -> new AssertionError(deployment() + " takes its environment from ConfigMap " + configMap
                                + ", which is not under " + K8S));
                map.node().path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode entry : container().path("env")) {
            env.put(entry.path("name").asText(), entry.path("value").asText(null));
        }
        return env;
    }

    private static JsonNode compose() {
        List<JsonNode> documents = yaml.get(COMPOSE);
        assertNotNull(documents, COMPOSE + " is missing");
        return documents.get(0);
    }

    /** Compose takes environment as a map or as a list of NAME=value. */
    private static Map<String, String> environment(JsonNode environment) {
        Map<String, String> env = new LinkedHashMap<>();
        if (environment.isObject()) {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else {
            for (JsonNode entry : environment) {
                String[] parts = entry.asText().split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        }
        return env;
    }

    /** The configuration file the load balancer mounts from beside the Compose file. */
    private static String loadBalancerConfig(JsonNode balancer) throws IOException {
        for (JsonNode volume : balancer.path("volumes")) {
            String source = volume.isObject() ? volume.path("source").asText() : volume.asText().split(":")[0];
            Path file = COMPOSE.getParent().resolve(source).normalize();
            if (source.startsWith(".") && Files.isRegularFile(file)) {
                return Files.readString(file);
            }
        }
        throw new AssertionError(COMPOSE + ": the load balancer mounts no configuration file from " + COMPOSE.getParent());
    }

    /** Where {@code -Ppostgresql} puts the application, under target/ (its quarkus.package.output-directory). */
    private static String postgresqlOutputDirectory() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        int profile = pom.indexOf("<id>postgresql</id>");
        assertTrue(profile >= 0, "pom.xml has no postgresql profile");
        Matcher directory = Pattern.compile("<quarkus\\.package\\.output-directory>([^<]+)</quarkus\\.package\\.output-directory>")
                .matcher(pom.substring(profile, pom.indexOf("</profile>", profile)));
        assertTrue(directory.find(), "pom.xml: the postgresql profile should build into a directory of its own "
                + "(quarkus.package.output-directory), so that it never replaces the H2 build in target/quarkus-app");
        return directory.group(1).strip();
    }

    /** Names in the first column of the configuration table (docs/configuration.md). */
    private static Set<String> documentedVariables() throws IOException {
        String readme = Files.readString(CONFIGURATION_REFERENCE, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Configuration");
        assertTrue(start >= 0, CONFIGURATION_REFERENCE + " has no '## Configuration' section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\|\\s*`([A-Z][A-Z0-9_]*)`\\s*\\|").matcher(section);
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    /** Dockerfile instructions with continuation lines joined and comments dropped. */
    private static List<String> joinedInstructions(String dockerfile) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Iterator<String> it = dockerfile.lines().iterator();
        while (it.hasNext()) {
            String line = it.next().strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                lines.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            lines.add(current.toString().strip());
        }
        return lines;
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError(DOCKERFILE + " has no " + prefix.strip() + " instruction");
    }
}
