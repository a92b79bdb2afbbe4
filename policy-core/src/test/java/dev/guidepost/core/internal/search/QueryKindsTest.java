package dev.guidepost.core.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryKindsTest {

    @Test
    void kindsAsWrittenInTheirPluralOrLowerCaseWhenNoEnglishWordAndKubectlShortNames() {
        assertThat(QueryKinds.named("deploy a web service with a Deployment, Service and Ingress with TLS"))
                .containsExactly("Deployment", "Service", "Ingress");
        assertThat(QueryKinds.named("adding two statefulsets, a cronjob and a pvc for postgres"))
                .containsExactly("StatefulSet", "CronJob", "PersistentVolumeClaim");
        assertThat(QueryKinds.named("my pods and deployments")).containsExactly("Pod", "Deployment");
    }

    @Test
    void englishWordsThatAreAlsoKindsOrShortNamesNameNone() {
        assertThat(QueryKinds.named("I'm deploying a Postgres database")).isEmpty();
        assertThat(QueryKinds.named("No limits on the quota: can a job keep a secret for this service role?"))
                .isEmpty();
    }
}
