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
    private static final String LIVE = "/q/health/live";
    private static final String READY = "/q/health/ready";

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
        }
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
        assertTrue(healthcheck.contains(LIVE), DOCKERFILE + ": the HEALTHCHECK should ask " + LIVE + ": " + healthcheck);
        String tool = healthcheck.contains("curl") ? "curl" : healthcheck.contains("wget") ? "wget" : null;
        assertNotNull(tool, DOCKERFILE + ": the HEALTHCHECK uses neither curl nor wget: " + healthcheck);
        assertTrue(runtime.stream().anyMatch(l -> l.startsWith("RUN ") && l.contains("install") && l.contains(" " + tool)),
                DOCKERFILE + ": the HEALTHCHECK runs " + tool + " but the runtime stage does not install it");

        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RUN ") && l.contains("mvnw") && l.contains("-Ppostgresql")),
                DOCKERFILE + ": build with ./mvnw -Ppostgresql (the database kind is fixed at build time)");
        assertTrue(runtime.stream().anyMatch(l -> l.contains("quarkus-app/lib/")) && runtime.stream().anyMatch(l -> l.contains("quarkus-app/app/")),
                DOCKERFILE + ": copy target/quarkus-app the fast-jar way (lib/, app/, quarkus/, quarkus-run.jar)");
        assertTrue(runtime.stream().anyMatch(l -> l.startsWith("COPY ") && l.contains("questionnaire")),
                DOCKERFILE + ": copy questionnaire/ so the default survey is imported");
        assertTrue(dockerfile.contains("MaxRAMPercentage"), DOCKERFILE + ": size the heap from the container's memory (-XX:MaxRAMPercentage)");
        assertTrue(runtime.stream().anyMatch(l -> l.startsWith("ENV ") && l.contains("CANVASS_DATA_DIR=")),
                DOCKERFILE + ": set CANVASS_DATA_DIR to a directory the non-root user can write");
    }

    @Test
    void everyVariableSetForCanvassIsDocumented() throws IOException {
        Set<String> documented = documentedVariables();
        assertTrue(documented.contains("CANVASS_DATA_DIR"), "Could not read the configuration table of README.md: " + documented);
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
        assertTrue(undocumented.isEmpty(), "Variables the README's configuration table does not document: " + undocumented);
        assertFalse(setBy.containsKey("QUARKUS_DATASOURCE_DB_KIND"), "QUARKUS_DATASOURCE_DB_KIND is read at build time; setting it at run time "
                + "does nothing (set in " + setBy.get("QUARKUS_DATASOURCE_DB_KIND") + "). Build the image with -Ppostgresql instead.");
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

    /** Names in the first column of the README's configuration table. */
    private static Set<String> documentedVariables() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Configuration");
        assertTrue(start >= 0, "README.md has no '## Configuration' section");
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
