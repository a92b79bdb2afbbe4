package dev.guidepost.cli.mcp;

/** Manifests the MCP tests and the latency harness send (no test-framework dependencies). */
final class ExampleManifests {

    /** A Deployment (line 1) and a LoadBalancer Service (line 15) that break several sample-pack policies. */
    static final String NON_COMPLIANT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: checkout
              namespace: shop
            spec:
              selector: {matchLabels: {app: checkout}}
              template:
                metadata: {labels: {app: checkout}}
                spec:
                  containers:
                    - name: app
                      image: nginx:latest
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: checkout, namespace: shop}
            spec:
              type: LoadBalancer
              selector: {app: checkout}
              ports: [{port: 80}]
            """;


    private ExampleManifests() {
    }
}
