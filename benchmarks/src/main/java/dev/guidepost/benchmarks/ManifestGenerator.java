package dev.guidepost.benchmarks;

/**
 * Writes a deterministic multi-document YAML stream of realistic manifests for the benchmarks: Deployments,
 * Services, database StatefulSets and Pods in equal parts, some compliant with the sample pack and some not.
 */
final class ManifestGenerator {

    private ManifestGenerator() {
    }

    static String yaml(int count) {
        StringBuilder out = new StringBuilder(count * 400);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append("---\n");
            }
            switch (i % 4) {
                case 0 -> out.append("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web-%1$d
                          namespace: shop
                          labels: {team: shop, app.kubernetes.io/name: web-%1$d}
                        spec:
                          replicas: %2$d
                          selector: {matchLabels: {app: web-%1$d}}
                          template:
                            metadata: {labels: {app: web-%1$d}}
                            spec:
                              securityContext: {runAsNonRoot: true}
                              containers:
                                - name: app
                                  image: registry.acme.io/shop/web:1.%3$d.0
                                  securityContext: {allowPrivilegeEscalation: false}
                                  resources:
                                    requests: {cpu: 250m, memory: 256Mi}
                                    limits: {memory: 512Mi}
                                  readinessProbe: {httpGet: {path: /healthz, port: 8080}}
                        """.formatted(i, 1 + i % 3, i % 10));
                case 1 -> out.append("""
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: svc-%1$d
                          namespace: shop
                          labels: {team: shop, app.kubernetes.io/name: svc-%1$d}
                        spec:
                          type: %2$s
                          selector: {app: web}
                          ports: [{port: 80}]
                        """.formatted(i, i % 8 == 1 ? "LoadBalancer" : "ClusterIP"));
                case 2 -> out.append("""
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata:
                          name: db-%1$d
                          namespace: shop
                          labels: {team: shop, app.kubernetes.io/name: db-%1$d}
                        spec:
                          serviceName: db-%1$d
                          selector: {matchLabels: {app: db-%1$d}}
                          template:
                            metadata: {labels: {app: db-%1$d}}
                            spec:
                              nodeSelector: {topology.kubernetes.io/region: %2$s}
                              containers:
                                - name: postgres
                                  image: registry.acme.io/mirror/postgres:16.4
                                  resources:
                                    requests: {cpu: "1", memory: 2Gi}
                                    limits: {memory: 4Gi}
                        """.formatted(i, i % 3 == 0 ? "eu-west-1" : "us-east-1"));
                default -> out.append("""
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: pod-%1$d
                          namespace: shop
                        spec:
                          containers:
                            - name: app
                              image: nginx:latest
                        """.formatted(i));
            }
        }
        return out.toString();
    }
}
