package dev.guidepost.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.guidepost.core.internal.yaml.PlainValues;
import dev.guidepost.core.internal.yaml.YamlDocuments;

class ApiServerDefaultsTest {

    static final Map<String, Object> SERVICE = Map.of("spec", Map.of("ports", List.of(Map.of("port", 80L))));

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) PlainValues.immutableCopy(YamlDocuments.parse(text, "object.yaml").get(0)
                .value());
    }

    @Test
    void aServiceGetsItsTypeProtocolAndTargetPortAsTheApiServerFillsThemIn() {
        Map<String, Object> service = ApiServerDefaults.apply("v1", "Service", SERVICE);

        assertThat(PlainValues.at(service, "spec", "type")).isEqualTo("ClusterIP");
        assertThat(PlainValues.at(service, "spec", "sessionAffinity")).isEqualTo("None");
        assertThat(PlainValues.at(service, "spec", "internalTrafficPolicy")).isEqualTo("Cluster");
        assertThat(PlainValues.at(service, "spec", "externalTrafficPolicy")).isNull();
        assertThat(PlainValues.at(service, "spec", "ports"))
                .isEqualTo(List.of(Map.of("port", 80L, "protocol", "TCP", "targetPort", 80L)));
        assertThat(SERVICE).isEqualTo(Map.of("spec", Map.of("ports", List.of(Map.of("port", 80L)))));

        Map<String, Object> loadBalancer = ApiServerDefaults.apply("v1", "Service",
                yaml("spec: {type: LoadBalancer, ports: [{port: 443, targetPort: https}]}"));
        assertThat(PlainValues.at(loadBalancer, "spec", "externalTrafficPolicy")).isEqualTo("Cluster");
        assertThat(PlainValues.at(loadBalancer, "spec", "allocateLoadBalancerNodePorts")).isEqualTo(true);
        assertThat(((List<?>) PlainValues.at(loadBalancer, "spec", "ports")).get(0))
                .isEqualTo(Map.of("port", 443L, "targetPort", "https", "protocol", "TCP"));
    }

    @Test
    void aStorageClassGetsItsReclaimPolicyAndBindingModeAndANetworkPolicyItsTypesAndPortProtocols() {
        Map<String, Object> storageClass = ApiServerDefaults.apply("storage.k8s.io/v1", "StorageClass",
                yaml("{metadata: {name: fast}, provisioner: kubernetes.io/gce-pd}"));
        Map<String, Object> ingressOnly = ApiServerDefaults.apply("networking.k8s.io/v1", "NetworkPolicy",
                yaml("spec: {podSelector: {}, ingress: [{ports: [{port: 80}]}]}"));
        Map<String, Object> both = ApiServerDefaults.apply("networking.k8s.io/v1", "NetworkPolicy",
                yaml("spec: {podSelector: {}, egress: [{ports: [{port: 53, protocol: UDP}]}]}"));
        Map<String, Object> written = ApiServerDefaults.apply("networking.k8s.io/v1", "NetworkPolicy",
                yaml("spec: {podSelector: {}, policyTypes: [Egress]}"));

        assertThat(storageClass).containsEntry("reclaimPolicy", "Delete").containsEntry("volumeBindingMode",
                "Immediate");
        assertThat(PlainValues.at(ingressOnly, "spec", "policyTypes")).isEqualTo(List.of("Ingress"));
        assertThat(PlainValues.at(ingressOnly, "spec", "ingress"))
                .isEqualTo(List.of(Map.of("ports", List.of(Map.of("port", 80L, "protocol", "TCP")))));
        assertThat(PlainValues.at(both, "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        assertThat(PlainValues.at(both, "spec", "egress"))
                .isEqualTo(List.of(Map.of("ports", List.of(Map.of("port", 53L, "protocol", "UDP")))));
        assertThat(PlainValues.at(written, "spec", "policyTypes")).isEqualTo(List.of("Egress"));
        // pointer fields: text written empty stays; a policy without a spec is defaulted all the same
        assertThat(ApiServerDefaults.apply("storage.k8s.io/v1", "StorageClass", yaml("{reclaimPolicy: ''}")))
                .containsEntry("reclaimPolicy", "");
        Map<String, Object> bare = ApiServerDefaults.apply("networking.k8s.io/v1", "NetworkPolicy",
                yaml("{metadata: {name: deny}}"));
        assertThat(PlainValues.at(bare, "spec", "policyTypes")).isEqualTo(List.of("Ingress"));
        assertThat(PlainValues.at(bare, "spec", "podSelector")).isEqualTo(Map.of());
    }

    @Test
    void aPodTemplateGetsPodSpecAndContainerDefaultsButNotThePodOnlyOnes() {
        Map<String, Object> deployment = ApiServerDefaults.apply("apps/v1", "Deployment", yaml("""
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      hostNetwork: true
                      containers:
                      - name: web
                        image: nginx:1.27
                        ports: [{containerPort: 8080}]
                        resources: {limits: {cpu: 500m}}
                        readinessProbe: {httpGet: {port: 8080}}
                      - {name: sidecar, image: "registry.local:5000/team/proxy"}
                      volumes:
                      - {name: config, configMap: {name: web}}
                """));

        assertThat(PlainValues.at(deployment, "spec", "replicas")).isEqualTo(1L);
        assertThat(PlainValues.at(deployment, "spec", "strategy"))
                .isEqualTo(Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("maxUnavailable", "25%",
                        "maxSurge", "25%")));
        Object podSpec = PlainValues.at(deployment, "spec", "template", "spec");
        assertThat(PlainValues.at(podSpec, "restartPolicy")).isEqualTo("Always");
        assertThat(PlainValues.at(podSpec, "securityContext")).isEqualTo(Map.of());
        assertThat(PlainValues.at(podSpec, "terminationGracePeriodSeconds")).isEqualTo(30L);
        assertThat(PlainValues.at(podSpec, "enableServiceLinks")).isNull();
        List<?> containers = (List<?>) PlainValues.at(podSpec, "containers");
        Object web = containers.get(0);
        assertThat(PlainValues.at(web, "imagePullPolicy")).isEqualTo("IfNotPresent");
        assertThat(PlainValues.at(containers.get(1), "imagePullPolicy")).isEqualTo("Always");
        assertThat(((List<?>) PlainValues.at(web, "ports")).get(0))
                .isEqualTo(Map.of("containerPort", 8080L, "protocol", "TCP"));
        assertThat(PlainValues.at(web, "resources")).isEqualTo(Map.of("limits", Map.of("cpu", "500m")));
        assertThat(PlainValues.at(web, "readinessProbe")).isEqualTo(Map.of("httpGet", Map.of("port", 8080L,
                "path", "/", "scheme", "HTTP"), "timeoutSeconds", 1L, "periodSeconds", 10L, "successThreshold", 1L,
                "failureThreshold", 3L));
        assertThat(PlainValues.at(((List<?>) PlainValues.at(podSpec, "volumes")).get(0), "configMap", "defaultMode"))
                .isEqualTo(420L);
    }

    @Test
    void aPodGetsRequestsFromItsLimitsServiceLinksAndHostPortsOnTheHostNetwork() {
        Map<String, Object> pod = ApiServerDefaults.apply("v1", "Pod", yaml("""
                spec:
                  hostNetwork: true
                  containers:
                  - name: agent
                    image: agent@sha256:0123
                    ports: [{containerPort: 9100}]
                    resources: {limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 100m}}
                """));

        Object container = ((List<?>) PlainValues.at(pod, "spec", "containers")).get(0);
        assertThat(PlainValues.at(container, "resources", "requests")).isEqualTo(Map.of("cpu", "100m",
                "memory", "1Gi"));
        assertThat(((List<?>) PlainValues.at(container, "ports")).get(0))
                .isEqualTo(Map.of("containerPort", 9100L, "hostPort", 9100L, "protocol", "TCP"));
        assertThat(PlainValues.at(container, "imagePullPolicy")).isEqualTo("IfNotPresent");
        assertThat(PlainValues.at(pod, "spec", "enableServiceLinks")).isEqualTo(true);
    }

    @Test
    void fieldsTheManifestSetsAreKeptAndOnlyKubernetesOwnKindsAreDefaulted() {
        Map<String, Object> written = yaml("""
                spec:
                  replicas: 3
                  strategy: {type: Recreate}
                  template: {spec: {restartPolicy: Always, dnsPolicy: None, containers: [{name: a, image: a,
                    imagePullPolicy: Never}]}}
                """);
        Map<String, Object> deployment = ApiServerDefaults.apply("apps/v1", "Deployment", written);
        assertThat(PlainValues.at(deployment, "spec", "replicas")).isEqualTo(3L);
        assertThat(PlainValues.at(deployment, "spec", "strategy")).isEqualTo(Map.of("type", "Recreate"));
        assertThat(PlainValues.at(deployment, "spec", "template", "spec", "dnsPolicy")).isEqualTo("None");
        assertThat(PlainValues.at(((List<?>) PlainValues.at(deployment, "spec", "template", "spec", "containers"))
                .get(0), "imagePullPolicy")).isEqualTo("Never");

        Map<String, Object> custom = Map.of("spec", Map.of());
        assertThat(ApiServerDefaults.apply("example.com/v1", "Deployment", custom)).isSameAs(custom);
        assertThat(ApiServerDefaults.apply("v1", "ConfigMapList", custom)).isSameAs(custom);
    }

    @Test
    void controllersNamespacesAndSecretsGetTheirOwnDefaults() {
        Map<String, Object> job = ApiServerDefaults.apply("batch/v1", "Job", yaml("""
                metadata: {name: migrate}
                spec: {template: {metadata: {labels: {app: shop}}, spec: {restartPolicy: Never, containers: []}}}
                """));
        assertThat(PlainValues.at(job, "metadata", "labels")).isEqualTo(Map.of("app", "shop"));
        assertThat(PlainValues.at(job, "spec", "backoffLimit")).isEqualTo(6L);
        assertThat(PlainValues.at(job, "spec", "completions")).isEqualTo(1L);
        assertThat(PlainValues.at(job, "spec", "template", "spec", "restartPolicy")).isEqualTo("Never");

        Map<String, Object> cronJob = ApiServerDefaults.apply("batch/v1", "CronJob",
                yaml("spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: a}]}}}}}"));
        assertThat(PlainValues.at(cronJob, "spec", "concurrencyPolicy")).isEqualTo("Allow");
        assertThat(PlainValues.at(cronJob, "spec", "jobTemplate", "spec", "backoffLimit")).isNull();
        assertThat(PlainValues.at(cronJob, "spec", "jobTemplate", "spec", "template", "spec", "dnsPolicy"))
                .isEqualTo("ClusterFirst");

        Map<String, Object> statefulSet = ApiServerDefaults.apply("apps/v1", "StatefulSet",
                yaml("spec: {volumeClaimTemplates: [{spec: {accessModes: [ReadWriteOnce]}}]}"));
        assertThat(PlainValues.at(statefulSet, "spec", "updateStrategy"))
                .isEqualTo(Map.of("type", "RollingUpdate", "rollingUpdate", Map.of("partition", 0L)));
        assertThat(PlainValues.at(((List<?>) PlainValues.at(statefulSet, "spec", "volumeClaimTemplates")).get(0),
                "spec", "volumeMode")).isEqualTo("Filesystem");

        assertThat(PlainValues.at(ApiServerDefaults.apply("v1", "Namespace", yaml("metadata: {name: shop}")),
                "metadata", "labels")).isEqualTo(Map.of("kubernetes.io/metadata.name", "shop"));
        assertThat(ApiServerDefaults.apply("v1", "Secret", yaml("metadata: {name: s}")).get("type"))
                .isEqualTo("Opaque");
    }

    @Test
    void emptyTextIsUnsetAndZerosTheApiServersJsonLeavesOutAreRemoved() {
        Map<String, Object> pod = ApiServerDefaults.apply("v1", "Pod", yaml("""
                spec:
                  hostNetwork: false
                  restartPolicy: ""
                  containers:
                  - {name: a, image: "nginx:latest", imagePullPolicy: "", tty: false,
                     ports: [{containerPort: 80, hostPort: 0, protocol: ""}]}
                """));
        assertThat(PlainValues.at(pod, "spec", "hostNetwork")).isNull();
        assertThat(PlainValues.at(pod, "spec", "restartPolicy")).isEqualTo("Always");
        Object container = ((List<?>) PlainValues.at(pod, "spec", "containers")).get(0);
        assertThat(PlainValues.at(container, "imagePullPolicy")).isEqualTo("Always");
        assertThat(PlainValues.at(container, "tty")).isNull();
        assertThat(((List<?>) PlainValues.at(container, "ports")).get(0))
                .isEqualTo(Map.of("containerPort", 80L, "protocol", "TCP"));
    }

    @Test
    void nullsAreUnsetFieldsOfKubernetesKindsButEmptyStructuresAndEmptyTextWhereTheApiServerSaysSo() {
        Map<String, Object> redis = ApiServerDefaults.apply("apps/v1", "StatefulSet", yaml("""
                metadata: {name: redis, labels: {tier: null}}
                spec:
                  template:
                    spec:
                      affinity: {podAffinity: null, nodeAffinity: null}
                      containers:
                      - name: redis
                        image: redis:7
                        resources: null
                        env: [{name: FLAGS, value: ""}]
                        readinessProbe: {tcpSocket: {port: 6379}, periodSeconds: 0}
                """));
        Object podSpec = PlainValues.at(redis, "spec", "template", "spec");
        assertThat(PlainValues.at(podSpec, "affinity")).isEqualTo(Map.of());
        Object container = ((List<?>) PlainValues.at(podSpec, "containers")).get(0);
        assertThat(PlainValues.at(container, "resources")).isEqualTo(Map.of());
        assertThat(PlainValues.at(container, "env")).isEqualTo(List.of(Map.of("name", "FLAGS")));
        assertThat(PlainValues.at(container, "readinessProbe", "periodSeconds")).isEqualTo(10L);
        assertThat(PlainValues.at(redis, "metadata", "labels")).isEqualTo(Map.of("tier", ""));

        Map<String, Object> ingress = ApiServerDefaults.apply("networking.k8s.io/v1", "Ingress",
                yaml("spec: {tls: null, rules: []}"));
        assertThat(PlainValues.at(ingress, "spec")).isEqualTo(Map.of("rules", List.of()));
        Map<String, Object> custom = yaml("spec: {backup: null}");
        assertThat(ApiServerDefaults.apply("postgresql.cnpg.io/v1", "Cluster", custom)).isSameAs(custom);
        Map<String, Object> empty = ApiServerDefaults.apply("apps/v1", "Deployment", yaml("metadata: {name: a}\nspec:"));
        assertThat(PlainValues.at(empty, "spec", "replicas")).as("spec: is an empty spec").isEqualTo(1L);
    }

    @Test
    void emptyListsMapsAndTextTheApiServersJsonLeavesOutAreRemoved() {
        Map<String, Object> pod = ApiServerDefaults.apply("v1", "Pod", yaml("""
                spec:
                  nodeSelector: {}
                  nodeName: ""
                  tolerations: []
                  containers:
                  - name: a
                    image: a:1
                    args: []
                    workingDir: ""
                    ports: [{containerPort: 80, hostIP: "", name: ""}]
                    resources: {requests: {}}
                    livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 0}
                """));
        Object spec = PlainValues.at(pod, "spec");
        assertThat(List.of("nodeSelector", "nodeName", "tolerations")).allSatisfy(
                key -> assertThat(((Map<?, ?>) spec).containsKey(key)).as(key).isFalse());
        Object container = ((List<?>) PlainValues.at(spec, "containers")).get(0);
        assertThat(List.of("args", "workingDir")).allSatisfy(
                key -> assertThat(((Map<?, ?>) container).containsKey(key)).as(key).isFalse());
        assertThat(((List<?>) PlainValues.at(container, "ports")).get(0))
                .isEqualTo(Map.of("containerPort", 80L, "protocol", "TCP"));
        assertThat(PlainValues.at(container, "resources")).isEqualTo(Map.of());
        assertThat(((Map<?, ?>) PlainValues.at(container, "livenessProbe")).containsKey("initialDelaySeconds"))
                .isFalse();
    }

    @Test
    void aRoleWithoutRulesReachesKyvernoWithRulesNullAsTheApiServerWritesIt() {
        for (String written : List.of("metadata: {name: r}\nrules: null", "metadata: {name: r}\naggregationRule: {}")) {
            Map<String, Object> role = ApiServerDefaults.apply("rbac.authorization.k8s.io/v1", "ClusterRole",
                    yaml(written));
            assertThat(role).as(written).containsKey("rules");
            assertThat(role.get("rules")).isNull();
        }
        Map<String, Object> withRules = yaml("metadata: {name: r}\nrules: [{apiGroups: [''], resources: [pods], verbs: [get]}]");
        assertThat(ApiServerDefaults.apply("rbac.authorization.k8s.io/v1", "Role", withRules)).isEqualTo(withRules);
    }

    @Test
    void aSecretsStringDataReachesKyvernoMergedIntoItsDataEncoded() {
        Map<String, Object> secret = ApiServerDefaults.apply("v1", "Secret", yaml("""
                metadata: {name: db}
                data: {user: YWRtaW4=, password: b2xk}
                stringData: {password: hunter2}
                """));
        assertThat(secret).doesNotContainKey("stringData");
        assertThat(PlainValues.at(secret, "data")).isEqualTo(Map.of("user", "YWRtaW4=", "password", "aHVudGVyMg=="));
    }

    @Test
    void nestedDefaultsOfFieldReferencesProbesVolumesAndJobs() {
        Map<String, Object> job = ApiServerDefaults.apply("batch/v1", "Job", yaml("""
                spec:
                  backoffLimitPerIndex: 1
                  completionMode: Indexed
                  completions: 3
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: a
                        image: a:1
                        env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
                        livenessProbe: {grpc: {port: 9000}}
                      volumes:
                      - {name: scratch}
                      - {name: info, downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}}
                      - name: cache
                        ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}
                """));
        assertThat(PlainValues.at(job, "spec", "backoffLimit")).isEqualTo((long) Integer.MAX_VALUE);
        assertThat(PlainValues.at(job, "spec", "podReplacementPolicy")).isEqualTo("TerminatingOrFailed");
        assertThat(PlainValues.at(job, "spec", "manualSelector")).isEqualTo(false);
        Object podSpec = PlainValues.at(job, "spec", "template", "spec");
        Object container = ((List<?>) PlainValues.at(podSpec, "containers")).get(0);
        assertThat(PlainValues.at(((List<?>) PlainValues.at(container, "env")).get(0), "valueFrom", "fieldRef",
                "apiVersion")).isEqualTo("v1");
        assertThat(PlainValues.at(container, "livenessProbe", "grpc", "service")).isEqualTo("");
        List<?> volumes = (List<?>) PlainValues.at(podSpec, "volumes");
        assertThat(PlainValues.at(volumes.get(0), "emptyDir")).isEqualTo(Map.of());
        assertThat(PlainValues.at(((List<?>) PlainValues.at(volumes.get(1), "downwardAPI", "items")).get(0),
                "fieldRef", "apiVersion")).isEqualTo("v1");
        assertThat(PlainValues.at(volumes.get(2), "ephemeral", "volumeClaimTemplate", "spec", "volumeMode"))
                .isEqualTo("Filesystem");

        Map<String, Object> service = ApiServerDefaults.apply("v1", "Service",
                yaml("spec: {sessionAffinityConfig: {clientIP: {timeoutSeconds: 60}}, ports: [{port: 80}]}"));
        assertThat(PlainValues.at(service, "spec", "sessionAffinityConfig")).as("dropped with affinity None").isNull();
    }

    @Test
    void aFieldOfAnUnexpectedTypeIsLeftAsItIs() {
        Map<String, Object> odd = yaml("spec: {template: {spec: {containers: {name: a}, securityContext: []}}}");
        Map<String, Object> deployment = ApiServerDefaults.apply("apps/v1", "Deployment", odd);
        assertThat(PlainValues.at(deployment, "spec", "template", "spec", "containers")).isEqualTo(Map.of("name", "a"));
        assertThat(PlainValues.at(deployment, "spec", "template", "spec", "securityContext")).isEqualTo(List.of());
    }

    @Test
    void theImagePullPolicyFollowsTheImagesTagAsTheApiServerDecidesIt() {
        assertThat(ApiServerDefaults.pullsAlways("nginx")).isTrue();
        assertThat(ApiServerDefaults.pullsAlways("nginx:latest")).isTrue();
        assertThat(ApiServerDefaults.pullsAlways("registry.local:5000/team/app")).isTrue();
        assertThat(ApiServerDefaults.pullsAlways("nginx:latest@sha256:abc")).isTrue();
        assertThat(ApiServerDefaults.pullsAlways("nginx:1.25")).isFalse();
        assertThat(ApiServerDefaults.pullsAlways("nginx@sha256:abc")).isFalse();
    }
}
